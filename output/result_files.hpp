#pragma once
/// The five CSV results of a run (SPEC §6), written row by row as the
/// aggregation streams through the blocks:
/// - points.csv: `point` and one column per swept parameter (dotted path);
/// - worlds.csv: `point, world` and the columns of kWorldColumns;
/// - series.csv: `point, step, metric, n, mean, sd, min, p05, p25, p50,
///   p75, p95, max`, one row per (point, step, metric);
/// - governments.csv: one row per (point, government);
/// - trajectories.csv: `point, world, step, government, status, stake,
///   tariff_faced, revenue_usd_bn` for the first K worlds of each point.
/// Nothing is visible under its final name before `commit`. Not thread-safe.
#include <filesystem>
#include <memory>
#include <vector>

#include "engine/block.hpp"
#include "engine/plan.hpp"
#include "output/csv.hpp"
#include "output/series_stats.hpp"

namespace fundsim {

class ResultFiles {
public:
    /// Opens the five files in `dir` (which must exist) and writes their
    /// headers and points.csv. Throws IoError.
    ResultFiles(const std::filesystem::path& dir, const RunPlan& plan);

    /// Writes the worlds.csv and trajectories.csv rows of a block.
    void add_block(const PointPlan& point, const Block& block);

    /// Writes the series.csv and governments.csv rows of a finished point.
    void end_point(std::uint32_t point_index, const PointPlan& point, const SeriesStats& series,
                   const std::vector<GovernmentSums>& governments);

    /// Moves every file into place. Throws IoError.
    void commit();

private:
    std::unique_ptr<CsvWriter> points_, worlds_, series_, governments_, trajectories_;
};

}  // namespace fundsim
