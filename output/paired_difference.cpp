#include "output/paired_difference.hpp"

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace fundsim {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Running mean and sum of squared deviations (Welford), in input order.
struct Moments {
    std::uint64_t n = 0;
    double mean = 0;
    double m2 = 0;
    void add(double x) {
        ++n;
        const double delta = x - mean;
        mean += delta / static_cast<double>(n);
        m2 += delta * (x - mean);
    }
    double variance() const { return n < 2 ? kNaN : m2 / static_cast<double>(n - 1); }
    double mean_or_nan() const { return n == 0 ? kNaN : mean; }
};

}  // namespace

double t_quantile_95(double degrees) {
    return boost::math::quantile(boost::math::students_t(degrees), 0.975);
}

ProportionInterval wilson_interval_95(std::uint64_t successes, std::uint64_t n) {
    if (n == 0) return {kNaN, kNaN};
    static const double z = boost::math::quantile(boost::math::normal(), 0.975);
    const double nn = static_cast<double>(n), p = static_cast<double>(successes) / nn;
    const double denominator = 1 + z * z / nn;
    const double centre = (p + z * z / (2 * nn)) / denominator;
    const double half = z * std::sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn)) / denominator;
    return {std::clamp(centre - half, 0.0, p), std::clamp(centre + half, p, 1.0)};  // no rounding past p
}

PairedDifference paired_difference(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size()) throw std::invalid_argument("paired_difference: runs of different lengths");
    Moments ma, mb, md;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const bool has_a = !std::isnan(a[i]);
        const bool has_b = !std::isnan(b[i]);
        if (has_a) ma.add(a[i]);
        if (has_b) mb.add(b[i]);
        if (has_a && has_b) md.add(b[i] - a[i]);
    }
    PairedDifference r;
    r.n_a = ma.n;
    r.n_b = mb.n;
    r.n_pairs = md.n;
    r.mean_a = ma.mean_or_nan();
    r.mean_b = mb.mean_or_nan();
    r.mean_diff = md.mean_or_nan();
    r.se_diff = std::sqrt(md.variance() / static_cast<double>(md.n));
    const double half = md.n < 2 ? kNaN : t_quantile_95(static_cast<double>(md.n - 1)) * r.se_diff;
    r.ci_low = r.mean_diff - half;
    r.ci_high = r.mean_diff + half;
    r.se_unpaired = std::sqrt(ma.variance() / static_cast<double>(ma.n) + mb.variance() / static_cast<double>(mb.n));
    return r;
}

ProportionDifference proportion_difference(double p_a, std::uint64_t n_a, double p_b, std::uint64_t n_b) {
    ProportionDifference r;
    if (n_a == 0 || n_b == 0 || std::isnan(p_a) || std::isnan(p_b)) {
        r.diff = r.se = r.ci_low = r.ci_high = kNaN;
        return r;
    }
    static const double z = boost::math::quantile(boost::math::normal(), 0.975);
    r.diff = p_b - p_a;
    r.se = std::sqrt(p_a * (1 - p_a) / static_cast<double>(n_a) + p_b * (1 - p_b) / static_cast<double>(n_b));
    r.ci_low = r.diff - z * r.se;
    r.ci_high = r.diff + z * r.se;
    return r;
}

}  // namespace fundsim
