#pragma once
/// Merging shard folders (SPEC §7): checks that the parts belong to one
/// experiment and hold every block exactly once, undamaged, then aggregates
/// them into one results folder, byte-identical to the single run. Used by
/// `fundsim merge`; callable from C++ without the command line.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "output/aggregate.hpp"

namespace fundsim {

/// What to merge.
struct MergeRequest {
    std::vector<std::filesystem::path> parts;  ///< shard folders (written by a run with a shard)
    std::filesystem::path out;                 ///< the merged results folder
    bool is_force = false;                     ///< replace an existing results folder
    std::string command_line;                  ///< recorded in the manifest
};

/// What a merge did.
struct MergeResult {
    RunSummary summary;     ///< over every world
    std::size_t parts = 0;  ///< folders merged
};

/// Merges `request.parts` into `request.out`. Throws ConfigError (naming the
/// folder or block) on parts that do not make one whole run, IoError on failure.
MergeResult merge_runs(const MergeRequest& request);

}  // namespace fundsim
