#include "calibration/abc_smc.hpp"

#include <algorithm>
#include <cmath>

#include "experiment/sweep.hpp"
#include "world/random.hpp"

namespace fundsim {
namespace {

/// The stream of proposal (generation, particle, attempt).
RandomStream proposal_stream(std::uint64_t seed, int generation, std::uint32_t particle, std::uint32_t attempt) {
    const std::uint64_t id = (static_cast<std::uint64_t>(generation) << 48) | (std::uint64_t{particle} << 24) | attempt;
    return RandomStream(seed, kCalibrationStreamPoint, id, StreamPurpose::population);
}

std::uint64_t splitmix(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

/// The perturbation kernel of a generation: sigma_d = sqrt(2 * weighted variance).
std::vector<double> kernel_sigma(const CalibrationSpec& spec, const Generation& g) {
    std::vector<double> sigma(spec.parameters.size());
    for (std::size_t d = 0; d < sigma.size(); ++d) {
        double mean = 0;
        for (const auto& p : g.particles) mean += p.weight * p.theta[d];
        double variance = 0;
        for (const auto& p : g.particles) variance += p.weight * (p.theta[d] - mean) * (p.theta[d] - mean);
        const double floor = 1e-9 * (spec.parameters[d].max - spec.parameters[d].min);  // a collapsed population
        sigma[d] = std::max(std::sqrt(2 * variance), floor);
    }
    return sigma;
}

double quantile_of(std::vector<double> values, double q) {
    std::sort(values.begin(), values.end());
    const double h = q * static_cast<double>(values.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(lo + 1, values.size() - 1);
    return values[lo] + (h - static_cast<double>(lo)) * (values[hi] - values[lo]);
}

bool is_inside_prior(const CalibrationSpec& spec, const std::vector<double>& theta) {
    for (std::size_t d = 0; d < theta.size(); ++d)
        if (theta[d] < spec.parameters[d].min || theta[d] > spec.parameters[d].max) return false;
    return true;
}

/// Proposal (particle, attempt) of generation `index`.
std::vector<double> propose(const CalibrationSpec& spec, std::uint64_t seed, const Generation* previous, int index,
                            const std::vector<double>& sigma, std::uint32_t particle, std::uint32_t attempt) {
    RandomStream draw = proposal_stream(seed, index, particle, attempt);
    const std::size_t k = spec.parameters.size();
    std::vector<double> theta(k);
    if (!previous) {
        for (std::size_t d = 0; d < k; ++d)
            theta[d] = spec.parameters[d].min + draw.uniform() * (spec.parameters[d].max - spec.parameters[d].min);
        return theta;
    }
    // Redrawn (ancestor and noise) until inside the prior; the prior has
    // positive mass around every ancestor, so this ends; bounded anyway.
    for (int tries = 0; tries < 100000; ++tries) {
        const double u = draw.uniform();
        double cumulative = 0;
        std::size_t j = 0;
        for (; j + 1 < previous->particles.size(); ++j) {
            cumulative += previous->particles[j].weight;
            if (u < cumulative) break;
        }
        const auto& ancestor = previous->particles[j].theta;
        for (std::size_t d = 0; d < k; ++d) theta[d] = ancestor[d] + sigma[d] * draw.normal();
        if (is_inside_prior(spec, theta)) return theta;
    }
    for (std::size_t d = 0; d < k; ++d) theta[d] = std::clamp(theta[d], spec.parameters[d].min, spec.parameters[d].max);
    return theta;
}

/// Beaumont et al. (2009) weights, normalised, computed in log space.
void set_weights(Generation& g, const Generation* previous, const std::vector<double>& sigma) {
    const double n = static_cast<double>(g.particles.size());
    if (!previous) {
        for (auto& p : g.particles) p.weight = 1.0 / n;
        return;
    }
    std::vector<double> log_w(g.particles.size());
    for (std::size_t i = 0; i < g.particles.size(); ++i) {
        std::vector<double> terms;
        for (const auto& q : previous->particles) {
            double e = 0;
            for (std::size_t d = 0; d < sigma.size(); ++d) {
                const double z = (g.particles[i].theta[d] - q.theta[d]) / sigma[d];
                e -= 0.5 * z * z;
            }
            terms.push_back(std::log(q.weight) + e);
        }
        const double top = *std::max_element(terms.begin(), terms.end());
        double sum = 0;
        for (double t : terms) sum += std::exp(t - top);
        log_w[i] = -(top + std::log(sum));  // uniform prior: a constant numerator
    }
    const double top = *std::max_element(log_w.begin(), log_w.end());
    double sum = 0;
    for (double x : log_w) sum += std::exp(x - top);
    for (std::size_t i = 0; i < g.particles.size(); ++i) g.particles[i].weight = std::exp(log_w[i] - top) / sum;
}

}  // namespace

std::uint64_t proposal_world_seed(std::uint64_t seed, int generation, std::uint32_t particle, std::uint32_t attempt) {
    std::uint64_t h = splitmix(seed);
    h = splitmix(h ^ static_cast<std::uint64_t>(generation));
    h = splitmix(h ^ particle);
    return splitmix(h ^ attempt) >> 1;  // experiment.seed is a non-negative integer
}

Generation run_generation(const CalibrationSpec& spec, std::uint64_t seed, const Generation* previous, int index,
                          const EvaluateProposals& evaluate, const RoundReport& report) {
    const auto count = static_cast<std::uint32_t>(spec.particles);
    Generation g;
    g.index = index;
    std::vector<double> sigma;
    if (previous) {
        std::vector<double> distances;
        for (const auto& p : previous->particles) distances.push_back(p.distance);
        g.epsilon = quantile_of(distances, spec.quantile);
        sigma = kernel_sigma(spec, *previous);
    }
    g.particles.resize(count);
    std::vector<bool> is_done(count, false), has_any(count, false);
    std::size_t accepted = 0;
    for (std::uint32_t attempt = 0; attempt < static_cast<std::uint32_t>(spec.max_attempts) && accepted < count; ++attempt) {
        std::vector<Proposal> round;
        for (std::uint32_t i = 0; i < count; ++i)
            if (!is_done[i])
                round.push_back({i, attempt, propose(spec, seed, previous, index, sigma, i, attempt),
                                 proposal_world_seed(seed, index, i, attempt)});
        const std::vector<double> distances = evaluate(round);
        g.simulations += round.size();
        for (std::size_t r = 0; r < round.size(); ++r) {
            Particle& p = g.particles[round[r].particle];
            const double d = std::isnan(distances[r]) ? std::numeric_limits<double>::infinity() : distances[r];
            if (!has_any[round[r].particle] || d < p.distance) {
                p = {round[r].theta, 0, d, attempt};
                has_any[round[r].particle] = true;
            }
            if (d <= g.epsilon) {
                is_done[round[r].particle] = true;
                ++accepted;
            }
        }
        if (report) report(accepted, g.simulations);
    }
    set_weights(g, previous, sigma);
    return g;
}

std::vector<Override> parameter_overrides(const CalibrationSpec& spec, const std::vector<double>& theta) {
    std::vector<Override> out;
    for (std::size_t d = 0; d < spec.parameters.size(); ++d) {
        const CalibrationParameter& p = spec.parameters[d];
        const double v = p.is_integer ? std::clamp(std::round(theta[d]), std::ceil(p.min), std::floor(p.max)) : theta[d];
        out.push_back({p.path, format_scalar(v, p.is_integer)});
    }
    return out;
}

const Particle& best_particle(const Generation& generation) {
    return *std::min_element(generation.particles.begin(), generation.particles.end(),
                             [](const Particle& a, const Particle& b) { return a.distance < b.distance; });
}

}  // namespace fundsim
