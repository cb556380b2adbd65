#include "output/series_stats.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace fundsim {
namespace acc = boost::accumulators;

namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
/// P² needs this many observations before its markers mean anything.
constexpr std::uint64_t kP2MinimumCount = 2 * kQuantileProbabilities.size() + 3;

/// Quantile of sorted values by linear interpolation between closest ranks
/// (Hyndman & Fan type 7).
double interpolated_quantile(const std::vector<double>& sorted, double p) {
    const double h = (static_cast<double>(sorted.size()) - 1) * p;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    if (lo + 1 >= sorted.size()) return sorted.back();
    return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[lo + 1] - sorted[lo]);
}

}  // namespace

SeriesStats::SeriesStats(int steps, int metrics, std::uint32_t worlds)
    : metrics_(metrics),
      cells_(static_cast<std::size_t>(steps + 1) * static_cast<std::size_t>(metrics)),
      worlds_(worlds),
      is_exact_(static_cast<std::uint64_t>(worlds) * cells_ <= kExactQuantileValues),
      moments_(cells_) {
    if (is_exact_) {
        values_.assign(cells_ * worlds_, kMissing);
    } else {
        const std::vector<double> probabilities(kQuantileProbabilities.begin(), kQuantileProbabilities.end());
        p2_.reserve(cells_);
        for (std::size_t c = 0; c < cells_; ++c)
            p2_.emplace_back(acc::extended_p_square_probabilities = probabilities);
    }
}

void SeriesStats::add_value(std::size_t c, double x, std::uint32_t world) {
    if (std::isnan(x)) return;
    Moments& m = moments_[c];
    ++m.n;
    if (m.n == 1) {
        m.min = m.max = x;
    } else {
        m.min = std::min(m.min, x);
        m.max = std::max(m.max, x);
    }
    const double delta = x - m.mean;  // Welford
    m.mean += delta / static_cast<double>(m.n);
    m.m2 += delta * (x - m.mean);
    if (is_exact_) {
        if (world < worlds_) values_[c * worlds_ + world] = x;
    } else {
        p2_[c](x);
    }
}

void SeriesStats::add_world(const double* series) {
    for (std::size_t c = 0; c < cells_; ++c) add_value(c, series[c], added_);
    ++added_;
}

void SeriesStats::add_worlds(const std::vector<const double*>& worlds) {
    // Cells are independent and each still sees its worlds in order, so the
    // bits are those of add_world one world at a time, at any thread count.
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, cells_, 64), [&](const tbb::blocked_range<std::size_t>& r) {
        for (std::size_t c = r.begin(); c != r.end(); ++c)
            for (std::size_t w = 0; w < worlds.size(); ++w)
                add_value(c, worlds[w][c], added_ + static_cast<std::uint32_t>(w));
    });
    added_ += static_cast<std::uint32_t>(worlds.size());
}

CellStats SeriesStats::cell(int step, int metric) const {
    const std::size_t c = static_cast<std::size_t>(step) * static_cast<std::size_t>(metrics_) +
                          static_cast<std::size_t>(metric);
    const Moments& m = moments_[c];
    CellStats out;
    out.n = m.n;
    out.quantiles.fill(kMissing);
    if (m.n == 0) {
        out.mean = out.sd = out.min = out.max = kMissing;
        return out;
    }
    out.mean = m.mean;
    out.sd = m.n < 2 ? kMissing : std::sqrt(m.m2 / static_cast<double>(m.n - 1));
    out.min = m.min;
    out.max = m.max;
    if (is_exact_) {
        std::vector<double> sorted;
        sorted.reserve(m.n);
        for (std::uint32_t w = 0; w < std::min(added_, worlds_); ++w) {
            const double x = values_[c * worlds_ + w];
            if (!std::isnan(x)) sorted.push_back(x);
        }
        // A cell where every world has the same bits (common: metrics a model
        // does not use) is already sorted; the check is O(n) and stops at the
        // first difference. Bitwise, not ==: -0.0 == 0.0 but sorts apart.
        const auto same_bits = [&](double x) { return std::memcmp(&x, &sorted.front(), sizeof x) == 0; };
        if (!std::all_of(sorted.begin(), sorted.end(), same_bits)) std::sort(sorted.begin(), sorted.end());
        for (std::size_t q = 0; q < kQuantileProbabilities.size(); ++q)
            out.quantiles[q] = interpolated_quantile(sorted, kQuantileProbabilities[q]);
    } else if (m.n >= kP2MinimumCount) {
        for (std::size_t q = 0; q < kQuantileProbabilities.size(); ++q)
            out.quantiles[q] = acc::quantile(p2_[c], acc::quantile_probability = kQuantileProbabilities[q]);
    }
    return out;
}

std::string_view SeriesStats::method_name(bool is_exact) {
    return is_exact ? "exact order statistics, linear interpolation (type 7)"
                    : "P2 estimates (boost extended_p_square_quantile), worlds fed in world order";
}

}  // namespace fundsim
