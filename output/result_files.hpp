#pragma once
/// The five result tables of a run (SPEC §6), written row by row as the
/// aggregation streams through the blocks, as CSV files (`<table>.csv`) or
/// as the groups of one HDF5 file (output/hdf5_tables.hpp):
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
#include "output/table_writer.hpp"
#include "output/series_stats.hpp"

namespace fundsim {

class ResultFiles {
public:
    /// Opens the five tables in `dir` (which must exist) in the plan's
    /// format (CSV files or results.h5), writes their headers and points.
    /// Throws IoError, or ConfigError for a format this build lacks.
    ResultFiles(const std::filesystem::path& dir, const RunPlan& plan);

    /// Writes the worlds.csv and trajectories.csv rows of a block.
    void add_block(const PointPlan& point, const Block& block);

    /// Writes the series.csv and governments.csv rows of a finished point.
    void end_point(std::uint32_t point_index, const PointPlan& point, const SeriesStats& series,
                   const std::vector<GovernmentSums>& governments);

    /// Moves every file into place. Throws IoError.
    void commit();

    /// The files written, space separated ("points.csv worlds.csv ..." or "results.h5").
    std::string file_names() const { return set_->file_names(); }

private:
    std::unique_ptr<TableSet> set_;  // first: outlives the tables
    std::unique_ptr<TableWriter> points_, worlds_, series_, governments_, trajectories_;
};

}  // namespace fundsim
