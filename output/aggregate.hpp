#pragma once
/// Aggregation: turns the blocks of a run into its CSV results.
///
/// It reads the blocks (a few at a time, in parallel, in the calling task
/// arena) and consumes them in (point, block) order: it streams
/// worlds.csv and trajectories.csv rows out, feeds series statistics in world
/// order and adds the per-government sums in block order; at the end of each
/// point it writes that point's series.csv and governments.csv rows. Memory
/// holds one block and one point's statistics, never all worlds. Because the
/// blocks and their order are fixed, the files are byte-identical at any
/// thread count, shard split, or after a resume.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "engine/block.hpp"
#include "engine/plan.hpp"

namespace fundsim {

/// The short summary printed after a run, over every world of every point.
struct RunSummary {
    std::uint64_t points = 0;
    std::uint64_t worlds = 0;              ///< all points together
    double mean_members_final = 0;         ///< count, founders included
    double mean_adoption_final = 0;        ///< members / governments
    double mean_fund_equity_final = 0;     ///< USD bn
    double share_with_joiner = 0;          ///< worlds where a non-founder joined
    bool has_exact_quantiles = false;      ///< some point used exact quantiles
    bool has_p2_quantiles = false;         ///< some point used P² estimates
    std::string files;                     ///< the result files written, e.g. "points.csv worlds.csv ..."
};

/// Reads the block with a key (throws IoError when missing or damaged).
using BlockReader = std::function<Block(BlockKey)>;

/// Writes points.csv, worlds.csv, series.csv, governments.csv and
/// trajectories.csv of `plan` into `dir` (existing), and sensitivity.csv
/// when the plan is a saltelli design (output/sensitivity.hpp), reading every block
/// through `read`, which must be thread-safe. Throws IoError. Deterministic.
RunSummary aggregate_results(const RunPlan& plan, const BlockReader& read, const std::filesystem::path& dir);

}  // namespace fundsim
