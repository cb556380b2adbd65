#pragma once
/// The exporter's loss under constant-elasticity trade (docs/ODD.md, eqs. T1
/// and T4): the share of reference exports lost when a partner's tariff is
/// `rate` instead of the reference rate,
///   g(tau) = 1 - ((1 + tau) / (1 + tau_base))^-elasticity,
/// and its inverse. g rises with the tariff, so the relief from a lower rate
/// grows with the rate a government faces (SPEC §3.1.1). Pure; thread-safe.
#include <algorithm>
#include <cmath>

namespace fundsim {

/// g(tau): share of reference exports lost at `rate` (negative below the reference).   [T4]
inline double lost_export_share(double rate, double base_tariff, double elasticity) {
    return 1.0 - std::pow((1.0 + rate) / (1.0 + base_tariff), -elasticity);
}

/// The rate at which the lost share is `share` (the inverse of g).
inline double rate_losing(double share, double base_tariff, double elasticity) {
    if (elasticity <= 0) return base_tariff;
    return (1.0 + base_tariff) * std::pow(std::max(1e-12, 1.0 - share), -1.0 / elasticity) - 1.0;
}

}  // namespace fundsim
