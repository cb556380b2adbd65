#pragma once
/// Global sensitivity: first-order and total Sobol indices from the outputs
/// of a `saltelli` sweep (experiment/sweep.hpp), and `sensitivity.csv`.
///
/// With f_A, f_B and f_ABi the outputs at the rows of A, B and AB_i and V
/// the variance (divisor 2N) of f_A and f_B pooled:
/// - first order, Saltelli et al. (2010), Table 2 (b):
///   S1_i = mean_j( (f_B(j) - m) * (f_ABi(j) - f_A(j)) ) / V, with m the
///   pooled mean of f_A and f_B: centring leaves the expectation unchanged
///   (f_ABi - f_A has mean 0) and removes the noise a large mean adds (SALib
///   standardises the outputs for the same reason);
/// - total, Jansen (1999):
///   ST_i = mean_j( (f_A(j) - f_ABi(j))^2 ) / 2 / V.
/// Confidence intervals: percentile bootstrap (2.5 % and 97.5 % quantiles,
/// interpolated) over kBootstrapResamples resamples of the N base rows,
/// drawn with replacement from counter-based streams keyed by the master
/// seed (stream ids kBootstrapStream + b on the sweep's reserved point), so
/// the file is a function of the outputs and the seed only.
#include <cstdint>
#include <filesystem>
#include <vector>

#include "engine/plan.hpp"

namespace fundsim {

/// Bootstrap resamples behind each confidence interval.
inline constexpr int kBootstrapResamples = 1000;
/// First stream id of the bootstrap resamples (above the sweep's sample and
/// permutation streams).
inline constexpr std::uint64_t kBootstrapStream = 2ull << 32;

/// The indices of one parameter for one outcome, with 95 % intervals.
/// NaN when the output does not vary or is missing at some point.
struct SobolIndex {
    double first_order = 0, first_lo = 0, first_hi = 0;  ///< S1 and its interval
    double total = 0, total_lo = 0, total_hi = 0;        ///< ST and its interval
};

/// The indices of the k parameters from `outputs`, the model output at each
/// point of a saltelli design in point order (N * (k + 2) values: per base
/// row A, AB_1 .. AB_k, B). Throws std::invalid_argument on a size that is
/// not a multiple of k + 2. Pure, deterministic, thread-safe.
std::vector<SobolIndex> sobol_indices(const std::vector<double>& outputs, std::size_t k, std::uint64_t seed,
                                      int resamples = kBootstrapResamples);

/// Writes `dir`/sensitivity.csv for a saltelli run: `parameter, outcome,
/// S1, S1_lo, S1_hi, ST, ST_lo, ST_hi`, one row per (swept parameter,
/// worlds.csv outcome), parameters in sweep order, outcomes in worlds.csv
/// order. `point_means[p][c]` is the mean over point p's worlds of
/// worlds.csv column c (kWorldColumns order). Throws IoError.
void write_sensitivity(const std::filesystem::path& dir, const RunPlan& plan,
                       const std::vector<std::vector<double>>& point_means);

}  // namespace fundsim
