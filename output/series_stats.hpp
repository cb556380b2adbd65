#pragma once
/// Statistics of every (step, metric) cell of one point over its worlds, fed
/// one world at a time in world order (series.csv).
///
/// n, mean, sd (sample, n - 1; missing when n < 2), min and max are exact
/// (mean and sd by Welford's update in world order). Quantiles p05, p25, p50,
/// p75, p95 are exact order statistics, linearly interpolated between closest
/// ranks (numpy's and pandas' default), when a point's values (worlds x
/// cells) fit in kExactQuantileValues (64 MB: 7,200 worlds of the default
/// experiment); beyond, they are P² estimates (Boost.
/// Accumulators' extended_p_square_quantile, Jain & Chlamtac 1985), so memory
/// stays flat in the number of worlds. A NaN value counts as missing: it is
/// left out of n and of every statistic. Deterministic: the same worlds in
/// the same order give the same bits. Not thread-safe (add_worlds shares
/// its own work out internally).
#include <sstream>  // extended_p_square_quantile.hpp uses ostringstream without including it

#include <boost/accumulators/accumulators.hpp>
#include <boost/accumulators/statistics/extended_p_square_quantile.hpp>
#include <boost/accumulators/statistics/stats.hpp>

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace fundsim {

/// Points whose worlds x (steps + 1) x metrics values are at most this many
/// get exact quantiles (the values are held in memory: 8 bytes each).
inline constexpr std::uint64_t kExactQuantileValues = 8'000'000;

/// The quantile probabilities of series.csv, in column order.
inline constexpr std::array<double, 5> kQuantileProbabilities = {0.05, 0.25, 0.50, 0.75, 0.95};

/// The statistics of one cell; NaN marks a missing value.
struct CellStats {
    std::uint64_t n = 0;                     ///< worlds with a value
    double mean = 0, sd = 0, min = 0, max = 0; ///< sd: sample (n - 1)
    std::array<double, 5> quantiles{};  ///< at kQuantileProbabilities
};

/// The statistics of every cell of one point (see the file comment).
class SeriesStats {
public:
    /// For a point with `worlds` worlds of `steps` steps and `metrics`
    /// metrics per step.
    SeriesStats(int steps, int metrics, std::uint32_t worlds);

    /// True when quantiles are exact order statistics (else P²).
    bool is_exact() const { return is_exact_; }

    /// Adds one world's series: (steps + 1) x metrics values, step-major.
    /// Worlds must come in world order for reproducible bits.
    void add_world(const double* series);

    /// Adds several worlds' series, in the given (world) order: the same bits
    /// as add_world on each, with the cells shared out over the calling task
    /// arena's threads.
    void add_worlds(const std::vector<const double*>& worlds);

    /// The statistics of (step, metric) over the worlds added so far.
    CellStats cell(int step, int metric) const;

    /// Name of the quantile method for the manifest.
    static std::string_view method_name(bool is_exact);

private:
    using P2 = boost::accumulators::accumulator_set<
        double, boost::accumulators::stats<boost::accumulators::tag::extended_p_square_quantile>>;
    struct Moments {
        std::uint64_t n = 0;
        double mean = 0, m2 = 0, min = 0, max = 0;
    };

    void add_value(std::size_t cell, double x, std::uint32_t world);

    int metrics_;
    std::size_t cells_;
    std::uint32_t worlds_;
    bool is_exact_;
    std::uint32_t added_ = 0;
    std::vector<Moments> moments_;
    std::vector<double> values_;  // exact: cell-major, worlds_ slots per cell
    std::vector<P2> p2_;          // P²: one per cell
};

}  // namespace fundsim
