#include "output/aggregate.hpp"

#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <limits>
#include <memory>

#include "engine/world_columns.hpp"
#include "output/result_files.hpp"
#include "output/sensitivity.hpp"
#include "output/series_stats.hpp"
#include "world/error.hpp"
#include "world/metrics.hpp"

namespace fundsim {
namespace {

constexpr int kMembers = world_column_index("members_final");
constexpr int kAdoption = world_column_index("adoption_final");
constexpr int kEquity = world_column_index("fund_equity_final");
constexpr int kFirstJoin = world_column_index("first_join_step");
static_assert(kMembers >= 0 && kAdoption >= 0 && kEquity >= 0 && kFirstJoin >= 0);

/// Running sums for the summary, in (point, world) order.
struct SummarySums {
    double members = 0, adoption = 0, equity = 0, with_joiner = 0;
    std::uint64_t worlds = 0;

    void add(const Block& block) {
        for (std::uint32_t w = 0; w < block.world_count; ++w) {
            const double* row = block.row(w);
            members += row[kMembers];
            adoption += row[kAdoption];
            equity += row[kEquity];
            with_joiner += row[kFirstJoin] >= 0 ? 1 : 0;
            ++worlds;
        }
    }
};

/// Per-point means of every worlds.csv column (missing cells left out), for
/// the Sobol indices of a saltelli run.
struct PointMeans {
    std::vector<std::vector<double>> sums, counts;

    void add(const Block& block) {
        const std::size_t p = block.key.point;
        if (sums.size() <= p) {
            sums.resize(p + 1, std::vector<double>(kWorldColumnCount, 0.0));
            counts.resize(p + 1, std::vector<double>(kWorldColumnCount, 0.0));
        }
        for (std::uint32_t w = 0; w < block.world_count; ++w) {
            const double* row = block.row(w);
            for (int c = 0; c < kWorldColumnCount; ++c) {
                if (kWorldColumns[c].is_missing_if_negative && row[c] < 0) continue;
                sums[p][c] += row[c];
                counts[p][c] += 1;
            }
        }
    }

    std::vector<std::vector<double>> means() const {
        auto m = sums;
        for (std::size_t p = 0; p < m.size(); ++p)
            for (int c = 0; c < kWorldColumnCount; ++c)
                m[p][c] = counts[p][c] > 0 ? sums[p][c] / counts[p][c] : std::numeric_limits<double>::quiet_NaN();
        return m;
    }
};

void check_block_shape(const PointPlan& point, const Block& block) {
    if (block.steps != point.steps || block.world_count != point.worlds_in_block(block.key.block) ||
        block.governments.size() != point.government_ids.size())
        throw IoError("block p" + std::to_string(block.key.point) + "_b" + std::to_string(block.key.block) +
                      " does not match the run plan");
}

}  // namespace

RunSummary aggregate_results(const RunPlan& plan, const BlockReader& read, const std::filesystem::path& dir) {
    ResultFiles files(dir, plan);
    SummarySums sums;
    PointMeans point_means;
    RunSummary summary;
    // The current point's statistics; a point ends when its last block is in.
    std::unique_ptr<SeriesStats> series;
    std::vector<GovernmentSums> governments;
    std::uint32_t point_index = 0, block_index = 0;
    // Blocks are read and checked in parallel (files, checksums, decoding) but
    // consumed strictly in (point, block) order, so the files do not depend
    // on the thread count.
    const std::size_t in_flight = 2 * static_cast<std::size_t>(tbb::this_task_arena::max_concurrency());
    tbb::parallel_pipeline(
        in_flight,
        // Keys travel packed in one integer (TBB tokens must be trivial).
        tbb::make_filter<void, std::uint64_t>(tbb::filter_mode::serial_in_order,
                                          [&](tbb::flow_control& fc) {
                                              while (point_index < plan.points.size() &&
                                                     block_index >= plan.points[point_index].block_count) {
                                                  ++point_index;
                                                  block_index = 0;
                                              }
                                              if (point_index >= plan.points.size()) {
                                                  fc.stop();
                                                  return std::uint64_t{0};
                                              }
                                              return (std::uint64_t{point_index} << 32) | block_index++;
                                          }) &
            tbb::make_filter<std::uint64_t, std::shared_ptr<const Block>>(
                tbb::filter_mode::parallel,
                [&](std::uint64_t packed) {
                    const BlockKey key{static_cast<std::uint32_t>(packed >> 32), static_cast<std::uint32_t>(packed)};
                    return std::make_shared<const Block>(read(key));
                }) &
            tbb::make_filter<std::shared_ptr<const Block>, void>(
                tbb::filter_mode::serial_in_order, [&](const std::shared_ptr<const Block>& block) {
                    const std::uint32_t p = block->key.point;
                    const PointPlan& point = plan.points[p];
                    if (block->key.block == 0) {
                        series = std::make_unique<SeriesStats>(point.steps, kMetricCount, point.worlds);
                        (series->is_exact() ? summary.has_exact_quantiles : summary.has_p2_quantiles) = true;
                        governments.assign(point.government_ids.size(), GovernmentSums{});
                    }
                    check_block_shape(point, *block);
                    files.add_block(point, *block);
                    std::vector<const double*> worlds(block->world_count);
                    for (std::uint32_t w = 0; w < block->world_count; ++w) worlds[w] = block->series_of(w);
                    series->add_worlds(worlds);
                    for (std::size_t g = 0; g < governments.size(); ++g) governments[g].add(block->governments[g]);
                    sums.add(*block);
                    if (plan.saltelli_samples > 0) point_means.add(*block);
                    if (block->key.block + 1 == point.block_count) files.end_point(p, point, *series, governments);
                }));
    files.commit();
    summary.files = files.file_names();
    if (plan.saltelli_samples > 0) {
        write_sensitivity(dir, plan, point_means.means());
        summary.files += " sensitivity.csv";
    }
    summary.points = plan.points.size();
    summary.worlds = sums.worlds;
    if (sums.worlds > 0) {
        const auto n = static_cast<double>(sums.worlds);
        summary.mean_members_final = sums.members / n;
        summary.mean_adoption_final = sums.adoption / n;
        summary.mean_fund_equity_final = sums.equity / n;
        summary.share_with_joiner = sums.with_joiner / n;
    }
    return summary;
}

}  // namespace fundsim
