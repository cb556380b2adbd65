#pragma once
/// Approximate Bayesian computation by sequential Monte Carlo (ABC-SMC):
/// Toni et al. (2009) with the importance weights and adaptive Gaussian
/// perturbation kernel of Beaumont et al. (2009). docs/calibration.md has
/// the algorithm in full.
///
/// Generation 0 draws every particle from the uniform priors and accepts the
/// first proposal. Generation t > 0 sets the tolerance epsilon_t to the
/// `quantile` of generation t-1's distances; each particle then proposes
/// theta* = theta_j + sigma * z, with j drawn by the previous weights, z
/// standard normal per parameter, and sigma_d^2 twice the weighted variance
/// of parameter d in generation t-1 (redrawn until inside the prior), and
/// accepts the first proposal whose distance is <= epsilon_t. After
/// `max_attempts` proposals it keeps its closest one. Weights:
/// w_i proportional to prior(theta_i) / sum_j w_j K_sigma(theta_i | theta_j).
///
/// Every random draw comes from a counter-based stream keyed by (master
/// seed, generation, particle, attempt), and the worlds of a proposal from
/// a seed derived from the same key, so a generation is a function of the
/// previous one and the seed only: the same bits at any thread count and
/// after a resume.
#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

#include "experiment/calibration_spec.hpp"
#include "experiment/experiment_file.hpp"

namespace fundsim {

/// The RandomStream point reserved for calibration draws (no world uses it).
inline constexpr std::uint32_t kCalibrationStreamPoint = 0xFFFFFFFEu;

/// One accepted particle.
struct Particle {
    std::vector<double> theta;    ///< one value per calibration parameter (continuous)
    double weight = 0;            ///< normalised importance weight (sum 1 over the generation)
    double distance = 0;          ///< distance of its simulation to the targets
    std::uint32_t attempt = 0;    ///< the proposal that was kept (0-based)
};

/// One generation of particles.
struct Generation {
    int index = 0;                ///< 0 = the prior sample
    double epsilon = std::numeric_limits<double>::infinity();  ///< tolerance used
    std::vector<Particle> particles;
    std::uint64_t simulations = 0;  ///< proposals simulated in this generation
};

/// A proposal to simulate: its identity, parameter values and world seed.
struct Proposal {
    std::uint32_t particle = 0;
    std::uint32_t attempt = 0;
    std::vector<double> theta;
    std::uint64_t world_seed = 0;  ///< experiment.seed of the proposal's worlds
};

/// Simulates proposals and returns their distances, in proposal order.
using EvaluateProposals = std::function<std::vector<double>(const std::vector<Proposal>&)>;
/// Told after each round of proposals: particles accepted so far, proposals simulated so far.
using RoundReport = std::function<void(std::size_t accepted, std::uint64_t simulations)>;

/// The seed of the worlds of proposal (generation, particle, attempt). Pure.
std::uint64_t proposal_world_seed(std::uint64_t seed, int generation, std::uint32_t particle, std::uint32_t attempt);

/// Runs generation `index` (0 with `previous` null). Each round proposes one
/// attempt for every particle still waiting and evaluates them together.
/// Deterministic given (spec, seed, previous).
Generation run_generation(const CalibrationSpec& spec, std::uint64_t seed, const Generation* previous, int index,
                          const EvaluateProposals& evaluate, const RoundReport& report = {});

/// The overrides that apply `theta` to the experiment (integers rounded). Pure.
std::vector<Override> parameter_overrides(const CalibrationSpec& spec, const std::vector<double>& theta);

/// The particle of `generation` with the smallest distance (first on ties).
const Particle& best_particle(const Generation& generation);

}  // namespace fundsim
