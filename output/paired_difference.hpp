#pragma once
/// Differences of an outcome between two runs of the same experiment seed
/// (`fundsim compare`, SPEC §12). Worlds with the same point and index share
/// their random streams (common random numbers), so the per-world difference
/// B − A has a much smaller variance than the two runs' outcomes: its mean,
/// standard error and Student-t 95 % interval are what `compare` reports;
/// the Welch (unpaired) standard error is kept for reference. Pure functions,
/// thread-safe and deterministic.
#include <cstdint>
#include <vector>

namespace fundsim {

/// Two-sided 95 % Student-t quantile with `degrees` degrees of freedom (>= 1);
/// Boost.Math.
double t_quantile_95(double degrees);

/// The comparison of one per-world outcome. Missing values (NaN) are left
/// out: means use every present value of each run, the paired difference the
/// worlds where both are present. Fields are NaN where undefined (no value,
/// or fewer than 2 pairs for a standard error).
struct PairedDifference {
    std::uint64_t n_a = 0;        ///< worlds of A with a value
    std::uint64_t n_b = 0;        ///< worlds of B with a value
    std::uint64_t n_pairs = 0;    ///< worlds with a value in both
    double mean_a = 0;            ///< mean over A's values
    double mean_b = 0;            ///< mean over B's values
    double mean_diff = 0;         ///< mean of B − A over the pairs
    double se_diff = 0;           ///< sd(B − A) / sqrt(n_pairs)
    double ci_low = 0;            ///< mean_diff − t(0.975, n_pairs − 1) · se_diff
    double ci_high = 0;           ///< mean_diff + t(0.975, n_pairs − 1) · se_diff
    double se_unpaired = 0;       ///< Welch: sqrt(var_a / n_a + var_b / n_b)
};

/// Compares `a` and `b`, world by world (same length; index = world).
/// Throws std::invalid_argument when the lengths differ.
PairedDifference paired_difference(const std::vector<double>& a, const std::vector<double>& b);

/// The difference of two proportions estimated from independent samples:
/// p_b − p_a with the binomial standard error sqrt(p(1−p)/n) of each, and a
/// normal 95 % interval. Used where only per-point probabilities exist.
struct ProportionDifference {
    double diff = 0;     ///< p_b − p_a
    double se = 0;       ///< sqrt(p_a(1−p_a)/n_a + p_b(1−p_b)/n_b)
    double ci_low = 0;   ///< diff − 1.96 se
    double ci_high = 0;  ///< diff + 1.96 se
};

/// Compares two proportions of `n_a` and `n_b` worlds (NaN when either n is 0).
ProportionDifference proportion_difference(double p_a, std::uint64_t n_a, double p_b, std::uint64_t n_b);

/// A 95 % interval of a proportion.
struct ProportionInterval {
    double low = 0;   ///< in [0, p]
    double high = 0;  ///< in [p, 1]
};

/// Wilson score 95 % interval of `successes` out of `n` worlds (NaN when n
/// is 0): unlike the normal interval it stays inside [0, 1] and is not empty
/// at 0 or n successes (Wilson 1927; Brown, Cai & DasGupta 2001).
ProportionInterval wilson_interval_95(std::uint64_t successes, std::uint64_t n);

}  // namespace fundsim
