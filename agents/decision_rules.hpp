#pragma once
/// The pluggable membership rules (SPEC §3, docs/ODD.md "Decision rules").
/// Pure functions of start-of-step quantities; thread-safe; deterministic.
#include <cmath>

namespace fundsim {

/// Tolerance on the threshold comparison so that phi = k/d written in
/// decimal in a YAML file still compares equal to k member ties out of d.
inline constexpr double kThresholdTolerance = 1e-9;

/// `threshold` (Granovetter 1978; Watts 2002): a non-member with positive
/// weighted degree joins when member weight / weighted degree >= phi; a
/// government with no ties never joins.                         [ODD eq. D1]
inline bool threshold_joins(double member_weight, double weighted_degree, double phi) {
    if (weighted_degree <= 0) return false;
    return member_weight / weighted_degree >= phi - kThresholdTolerance;
}

/// `bass` (Bass 1969): the probability a non-member joins this step,
/// p + q * F clipped to [0, 1], F the member fraction among its neighbours
/// (network scope) or among all governments (global scope).     [ODD eq. D2]
inline double bass_join_probability(double p, double q, double member_fraction) {
    const double h = p + q * member_fraction;
    return h < 0 ? 0 : (h > 1 ? 1 : h);
}

/// Logistic function 1 / (1 + e^-x).
inline double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

/// `logit`: probability a non-member joins this step, speed * logistic(U). [ODD eq. D3]
inline double logit_join_probability(double utility, double adjustment_speed) {
    return adjustment_speed * logistic(utility);
}

/// `logit`: probability a (non-founder, not locked-in) member exits this step,
/// driven by the fund's realised performance, write-downs included:
///   speed * (1 + own volatility) * logistic(performance * gap - exit_inertia),
/// gap = 100 * (safe rate - believed fund return), percentage points.   [ODD eq. D4]
inline double logit_exit_probability(double return_gap_pct, double performance, double exit_inertia,
                                     double adjustment_speed, double political_volatility) {
    const double p = adjustment_speed * (1.0 + political_volatility) *
                     logistic(performance * return_gap_pct - exit_inertia);
    return p > 1 ? 1 : p;
}

}  // namespace fundsim
