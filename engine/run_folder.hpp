#pragma once
/// The life of a results folder (SPEC §6): a plain run refuses an existing
/// folder, --force replaces one (only one fundsim wrote, holding nothing
/// else, never `.` or a folder holding the inputs: engine/folder_guard.hpp),
/// --resume continues one made by the same experiment (same hash). The checks
/// run before any change, so bad input never damages an earlier run's
/// results; the caller then takes the folder's lock (engine/folder_lock.hpp) and
/// checks again under it.
#include <cstdint>
#include <filesystem>
#include <vector>

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

/// What a command asks of its results folder.
struct FolderRequest {
    FolderMode mode = FolderMode::fresh;
    std::uint64_t experiment_hash = 0;         ///< for --resume
    std::vector<std::filesystem::path> inputs;  ///< files the folder must not hold (experiment, data, merge parts)
    bool can_resume = true;                     ///< false for merge: its messages offer --force only
};

/// Checks `dir` for the request; changes nothing. Throws ConfigError when
/// the folder must not be used.
FolderState check_run_folder(const std::filesystem::path& dir, const FolderRequest& request);

/// Makes the folder ready: empties it first when `state` is replaceable,
/// creates it and its block store, writes the plan. Throws IoError.
void open_run_folder(const std::filesystem::path& dir, FolderState state, const RunPlan& plan);

/// Path of the plan inside a run or part folder.
std::filesystem::path plan_path(const std::filesystem::path& dir);

}  // namespace fundsim
