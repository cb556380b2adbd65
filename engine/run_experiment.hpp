#pragma once
/// The engine API: runs an experiment end to end without the command line
/// (SPEC §13): loads and validates it, checks the results folder and the
/// size guard, plans the blocks, skips the blocks a resumed run already has,
/// computes the rest in parallel, aggregates them into the result files and
/// writes the manifest. `fundsim run`, the Python module and the tests all
/// call run_experiment(); nothing else orchestrates a run.
///
///     RunRequest request;
///     request.file = "configs/us_japan_fund.yaml";
///     request.worlds = 200;
///     request.out = "runs/try";
///     const RunResult result = run_experiment(request);  // result.dir holds the CSVs
///
/// Every input problem throws ConfigError before the folder changes; a
/// failure while computing leaves a manifest saying "failed: ..." and the
/// finished blocks (so --resume continues), then rethrows.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/run_folder.hpp"
#include "engine/shard.hpp"
#include "experiment/experiment_file.hpp"
#include "output/aggregate.hpp"

namespace fundsim {

class RankGroup;

/// Progress of a run, reported on the calling thread.
struct ExperimentProgress {
    /// What the run is doing.
    enum class Phase { computing, writing };
    Phase phase = Phase::computing;
    std::uint64_t worlds_done = 0;    ///< this call's worlds plus those a resumed run already had
    std::uint64_t worlds_before = 0;  ///< worlds an earlier (resumed) run already computed
    std::uint64_t worlds_total = 0;   ///< worlds of this run (of its shard)
    double seconds = 0;               ///< since computing started (this call)
};

/// What to run and how.
struct RunRequest {
    std::string file;                  ///< the experiment file (YAML)
    std::vector<Override> sets;        ///< overrides ("--set"), applied in order
    std::optional<int> worlds;         ///< replaces experiment.worlds
    std::optional<int> threads;        ///< worker threads; default: all cores
    std::filesystem::path out;         ///< results folder; default experiment.output.dir (+ "-shard-I-of-N")
    Shard shard;                       ///< part of the work; default: the whole run
    FolderMode folder = FolderMode::fresh;  ///< fresh, force (replace) or resume
    bool is_force_size = false;        ///< write results above the size guard's limit
    bool is_signal_handled = false;    ///< SIGINT/SIGTERM stop the run gracefully (the program sets this)
    std::string command_line;          ///< recorded in the manifest
    const RankGroup* ranks = nullptr;  ///< MPI ranks sharing the run; null: this process alone
    /// Called on the calling thread about four times a second and at each phase change.
    std::function<void(const ExperimentProgress&)> on_progress;
    /// Polled before each block is launched; true stops the run (blocks in
    /// flight finish and are kept; resume continues). Must be thread-safe.
    std::function<bool()> should_stop;
};

/// How a run ended.
enum class RunEnding {
    complete,          ///< the result files are written
    shard_complete,    ///< this shard's blocks are written; merge the shards
    interrupted,       ///< stopped early; finished blocks kept, resume continues
    already_complete,  ///< resume found a finished run of this experiment; nothing done
};

/// What a run did.
struct RunResult {
    RunEnding ending = RunEnding::complete;
    std::filesystem::path dir;     ///< the results folder
    RunSummary summary;            ///< over every world; set when complete
    std::uint64_t points = 0;      ///< sweep points
    std::uint64_t total_worlds = 0;  ///< worlds of the whole run (every point)
    std::uint64_t shard_worlds = 0;  ///< worlds of this shard (== total_worlds when whole)
    Shard shard;                   ///< the part computed
    double seconds = 0;            ///< computing time of this call
    int threads = 1;               ///< worker threads used
    int ranks = 1;                 ///< MPI ranks that shared the run
};

/// Runs `request` (see the file comment). Collective under MPI: every rank
/// calls it; rank 0 alone touches the folder. Throws ConfigError on bad
/// input, ModelError or IoError on failure.
RunResult run_experiment(const RunRequest& request);

}  // namespace fundsim
