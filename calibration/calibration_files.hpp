#pragma once
/// The files of a calibration folder (docs/calibration.md):
/// - posterior.csv: `generation, particle, weight, distance, attempt` and one
///   column per parameter (dotted path), every particle of every finished
///   generation; rewritten durably after each generation, so `--resume`
///   reads the finished generations back from it;
/// - generations.csv: `generation, epsilon, simulations, acceptance_rate,
///   effective_sample_size, distance_min, distance_median`;
/// - posterior_summary.csv: per parameter of the last generation, the
///   weighted `mean, sd, q05, q50, q95` (weighted quantiles: the first value
///   whose cumulative weight reaches q);
/// - best_fit.csv: `target, metric, step, government, observed, simulated,
///   scaled_residual` for the best particle of the last generation.
/// Written as `<file>.tmp` and renamed (output/csv.hpp). Not thread-safe.
#include <filesystem>
#include <vector>

#include "calibration/abc_smc.hpp"
#include "experiment/experiment.hpp"

namespace fundsim {

/// Writes posterior.csv, generations.csv and posterior_summary.csv for the
/// generations so far. Throws IoError.
void write_posterior(const std::filesystem::path& dir, const CalibrationSpec& spec,
                     const std::vector<Generation>& generations);

/// Reads the generations listed in generations.csv back, with their
/// particles from posterior.csv (the numbers round-trip exactly); a
/// generation only posterior.csv holds (a kill between the two renames) is
/// left out, to be computed again. Throws ConfigError when the files do not
/// match `spec` (other parameters or particle count).
std::vector<Generation> read_posterior(const std::filesystem::path& dir, const CalibrationSpec& spec);

/// Writes best_fit.csv: every observation with the best particle's
/// simulated value. `experiment` names the governments. Throws IoError.
void write_best_fit(const std::filesystem::path& dir, const CalibrationSpec& spec, const Experiment& experiment,
                    const std::vector<double>& simulated);

/// The weighted mean, sd and 5 %, 50 %, 95 % quantiles of parameter d.
struct ParameterSummary {
    double mean = 0, sd = 0, q05 = 0, q50 = 0, q95 = 0;
};
/// Summary of parameter `d` over a generation's weighted particles. Pure.
ParameterSummary summarize_parameter(const Generation& generation, std::size_t d);

}  // namespace fundsim
