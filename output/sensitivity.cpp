#include "output/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "engine/world_columns.hpp"
#include "experiment/sweep.hpp"
#include "output/csv.hpp"
#include "world/random.hpp"

namespace fundsim {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// The outputs split into the design's matrices: a[j], b[j], ab[i][j].
struct SaltelliOutputs {
    std::vector<double> a, b;
    std::vector<std::vector<double>> ab;
};

SaltelliOutputs split_outputs(const std::vector<double>& y, std::size_t k) {
    const std::size_t width = saltelli_rows_per_sample(k);
    if (k == 0 || y.size() % width != 0)
        throw std::invalid_argument("saltelli outputs: expected a multiple of k + 2 values");
    const std::size_t n = y.size() / width;
    SaltelliOutputs s{std::vector<double>(n), std::vector<double>(n), std::vector<std::vector<double>>(k, std::vector<double>(n))};
    for (std::size_t j = 0; j < n; ++j) {
        s.a[j] = y[j * width];
        for (std::size_t i = 0; i < k; ++i) s.ab[i][j] = y[j * width + 1 + i];
        s.b[j] = y[j * width + k + 1];
    }
    return s;
}

/// S1 and ST of every parameter over the base rows `rows` (a resample).
void estimate(const SaltelliOutputs& s, const std::vector<std::uint32_t>& rows, std::vector<double>& first,
              std::vector<double>& total) {
    const double n = static_cast<double>(rows.size());
    double mean = 0;
    for (std::uint32_t j : rows) mean += s.a[j] + s.b[j];
    mean /= 2 * n;
    double variance = 0;
    for (std::uint32_t j : rows) variance += (s.a[j] - mean) * (s.a[j] - mean) + (s.b[j] - mean) * (s.b[j] - mean);
    variance /= 2 * n;
    for (std::size_t i = 0; i < s.ab.size(); ++i) {
        double f = 0, t = 0;
        for (std::uint32_t j : rows) {
            const double d = s.ab[i][j] - s.a[j];
            f += (s.b[j] - mean) * d;  // centred: same expectation, far less noise when the mean is large
            t += d * d;
        }
        first[i] = variance > 0 ? f / n / variance : kNaN;
        total[i] = variance > 0 ? t / (2 * n) / variance : kNaN;
    }
}

/// Quantile q of sorted values (linear interpolation, type 7).
double quantile(const std::vector<double>& sorted, double q) {
    const double h = q * static_cast<double>(sorted.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

std::pair<double, double> interval(std::vector<double> draws) {
    if (draws.empty() || std::any_of(draws.begin(), draws.end(), [](double x) { return !std::isfinite(x); }))
        return {kNaN, kNaN};
    std::sort(draws.begin(), draws.end());
    return {quantile(draws, 0.025), quantile(draws, 0.975)};
}

}  // namespace

std::vector<SobolIndex> sobol_indices(const std::vector<double>& outputs, std::size_t k, std::uint64_t seed,
                                      int resamples) {
    const SaltelliOutputs s = split_outputs(outputs, k);
    std::vector<SobolIndex> out(k);
    const bool is_defined = std::all_of(outputs.begin(), outputs.end(), [](double y) { return std::isfinite(y); });
    if (!is_defined) {
        for (auto& x : out) x = {kNaN, kNaN, kNaN, kNaN, kNaN, kNaN};
        return out;
    }
    const auto n = static_cast<std::uint32_t>(s.a.size());
    std::vector<std::uint32_t> rows(n);
    for (std::uint32_t j = 0; j < n; ++j) rows[j] = j;
    std::vector<double> first(k), total(k);
    estimate(s, rows, first, total);
    std::vector<std::vector<double>> first_draws(k), total_draws(k);
    for (int r = 0; r < resamples; ++r) {
        RandomStream draw(seed, kSweepStreamPoint, kBootstrapStream + static_cast<std::uint64_t>(r),
                          StreamPurpose::population);
        for (auto& j : rows) j = draw.below(n);
        std::vector<double> f(k), t(k);
        estimate(s, rows, f, t);
        for (std::size_t i = 0; i < k; ++i) first_draws[i].push_back(f[i]), total_draws[i].push_back(t[i]);
    }
    for (std::size_t i = 0; i < k; ++i) {
        const auto [f_lo, f_hi] = interval(std::move(first_draws[i]));
        const auto [t_lo, t_hi] = interval(std::move(total_draws[i]));
        out[i] = {first[i], f_lo, f_hi, total[i], t_lo, t_hi};
    }
    return out;
}

void write_sensitivity(const std::filesystem::path& dir, const RunPlan& plan,
                       const std::vector<std::vector<double>>& point_means) {
    const std::size_t k = plan.parameters.size();
    CsvWriter csv(dir / "sensitivity.csv", {"parameter", "outcome", "S1", "S1_lo", "S1_hi", "ST", "ST_lo", "ST_hi"});
    std::vector<std::vector<SobolIndex>> by_outcome;
    for (int c = 0; c < kWorldColumnCount; ++c) {
        std::vector<double> y(point_means.size());
        for (std::size_t p = 0; p < y.size(); ++p) y[p] = point_means[p][static_cast<std::size_t>(c)];
        by_outcome.push_back(sobol_indices(y, k, plan.seed));
    }
    for (std::size_t i = 0; i < k; ++i) {
        for (int c = 0; c < kWorldColumnCount; ++c) {
            const SobolIndex& x = by_outcome[static_cast<std::size_t>(c)][i];
            csv.text(plan.parameters[i]).text(kWorldColumns[static_cast<std::size_t>(c)].name);
            csv.number(x.first_order).number(x.first_lo).number(x.first_hi);
            csv.number(x.total).number(x.total_lo).number(x.total_hi);
            csv.end_row();
        }
    }
    csv.commit();
}

}  // namespace fundsim
