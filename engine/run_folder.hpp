#pragma once
/// The life of a results folder (SPEC §6): a plain run refuses an existing
/// folder, --force replaces one (only if it is a fundsim results folder or
/// empty, so a typo in --out cannot delete anything else), --resume continues
/// one made by the same experiment (same hash). The checks run before any
/// change, so bad input never damages an earlier run's results.
#include <cstdint>
#include <filesystem>

#include "engine/plan.hpp"

namespace fundsim {

/// What to do with an existing folder.
enum class FolderMode { fresh, force, resume };

/// What the check found.
enum class FolderState {
    absent,            ///< nothing there yet
    replaceable,       ///< --force on a results folder
    resumable,         ///< --resume on a partial run of this experiment
    already_complete,  ///< --resume on a finished run of this experiment
};

/// Checks `dir` for a run of the experiment with `experiment_hash`; changes
/// nothing. Throws ConfigError when the folder must not be used.
FolderState check_run_folder(const std::filesystem::path& dir, FolderMode mode, std::uint64_t experiment_hash);

/// Makes the folder ready: removes it first when `state` is replaceable,
/// creates it and its block store, writes the plan. Throws IoError.
void open_run_folder(const std::filesystem::path& dir, FolderState state, const RunPlan& plan);

/// Path of the plan inside a run or part folder.
std::filesystem::path plan_path(const std::filesystem::path& dir);

}  // namespace fundsim
