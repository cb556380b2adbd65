#include "engine/block_builder.hpp"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_reduce.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/world_columns.hpp"
#include "world/error.hpp"

namespace fundsim {
namespace {

using Sums = std::vector<GovernmentSums>;

std::string where(BlockKey key, std::uint64_t world) {
    return "point " + std::to_string(key.point) + ", world " + std::to_string(world);
}

}  // namespace

void check_finite(const WorldOutcome& out, BlockKey key, std::uint64_t world) {
    auto fail = [&](int step, const std::string& quantity, double value) {
        throw ModelError(where(key, world) + ", step " + std::to_string(step) + ": " + quantity + " is " +
                         (std::isnan(value) ? "NaN" : value > 0 ? "+inf" : "-inf") +
                         "; the inputs drive the model out of range of a double (see the limits in configs/README.md)");
    };
    for (int step = 0; step <= out.steps; ++step)
        for (int m = 0; m < kMetricCount; ++m) {
            const double v = out.at(step, static_cast<Metric>(m));
            if (!std::isfinite(v)) fail(step, "metric " + std::string(kMetricNames[m]), v);
        }
    for (std::size_t g = 0; g < out.governments.size(); ++g) {
        const GovernmentFinal& f = out.governments[g];
        const std::string who = "government #" + std::to_string(g) + " ";
        for (const auto& [name, v] : {std::pair<const char*, double>{"stake", f.stake_usd_bn},
                                      {"revenue", f.revenue_usd_bn},
                                      {"counterfactual revenue", f.counterfactual_usd_bn},
                                      {"tariff faced", f.tariff_faced}})
            if (!std::isfinite(v)) fail(out.steps, who + name, v);
    }
    for (const TrajectoryRow& row : out.trajectory)
        for (const auto& [name, v] : {std::pair<const char*, double>{"stake", row.stake_usd_bn},
                                      {"tariff faced", row.tariff_faced},
                                      {"revenue", row.revenue_usd_bn}})
            if (!std::isfinite(v)) fail(row.step, "government #" + std::to_string(row.government) + " " + name, v);
}

namespace {

/// Runs one world into `out`, labelling any failure with point and world.
void run_world(const Scenario& scenario, const PointPlan& point, BlockKey key, std::uint64_t world,
               WorldOutcome& out) {
    try {
        simulate_world(scenario, key.point, world, world < point.trajectories, out);
    } catch (const std::exception& e) {
        throw ModelError(where(key, world) + ": " + e.what());
    }
    if (out.steps != point.steps ||
        out.series.size() != static_cast<std::size_t>(point.steps + 1) * kMetricCount ||
        out.governments.size() != point.government_ids.size())
        throw ModelError(where(key, world) + ": the model returned an outcome of the wrong shape");
    check_finite(out, key, world);
}

}  // namespace

Block BlockBuilder::build(const PointPlan& point, const Scenario& scenario, BlockKey key,
                          std::atomic<std::uint64_t>* worlds_done) {
    Block block;
    block.key = key;
    block.first_world = std::uint64_t{key.block} * kBlockWorlds;
    block.world_count = point.worlds_in_block(key.block);
    block.steps = point.steps;
    block.rows.resize(std::size_t{block.world_count} * kWorldColumnCount);
    block.series.resize(block.world_count * block.series_stride());
    std::vector<std::vector<TrajectoryRow>> trajectories(block.world_count);

    auto run_range = [&](const tbb::blocked_range<std::uint32_t>& range, const Sums& init) {
        Sums sums = init;
        WorldOutcome& out = buffers_.local();
        for (std::uint32_t w = range.begin(); w != range.end(); ++w) {
            if (should_stop_ && should_stop_()) throw BlockAbandoned();  // a signal: act within a world, not a block
            const std::uint64_t world = block.first_world + w;
            run_world(scenario, point, key, world, out);
            derive_world_row(out, block.rows.data() + std::size_t{w} * kWorldColumnCount);
            std::copy(out.series.begin(), out.series.end(), block.series.begin() + w * block.series_stride());
            if (world < point.trajectories) trajectories[w] = out.trajectory;
            for (std::size_t g = 0; g < sums.size(); ++g) sums[g].add(out.governments[g]);
            if (worlds_done != nullptr) worlds_done->fetch_add(1, std::memory_order_relaxed);
        }
        return sums;
    };
    auto combine = [](Sums left, const Sums& right) {
        for (std::size_t g = 0; g < left.size(); ++g) left[g].add(right[g]);
        return left;
    };
    block.governments = tbb::parallel_deterministic_reduce(
        tbb::blocked_range<std::uint32_t>(0, block.world_count, 1), Sums(point.government_ids.size()),
        run_range, combine, tbb::simple_partitioner());

    for (std::uint32_t w = 0; w < block.world_count; ++w) {
        auto& rows = trajectories[w];
        std::stable_sort(rows.begin(), rows.end(), [](const TrajectoryRow& a, const TrajectoryRow& b) {
            return a.step != b.step ? a.step < b.step : a.government < b.government;
        });
        for (const auto& row : rows) block.trajectory.push_back({block.first_world + w, row});
    }
    return block;
}

}  // namespace fundsim
