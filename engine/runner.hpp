#pragma once
/// The ensemble runner: the one place where fundsim runs things in parallel.
///
/// It computes a list of blocks with oneTBB inside a task_arena of
/// `threads` threads: a parallel_pipeline takes the next block (in list
/// order), builds it (its worlds in parallel, see BlockBuilder) and writes
/// it durably; at most a few blocks are in flight, so memory does not grow
/// with the number of worlds. The calling thread only coordinates: it
/// reports progress about four times a second and waits.
#include <chrono>
#include <cstdint>
#include <functional>
#include <vector>

#include "engine/block_store.hpp"
#include "engine/plan.hpp"
#include "world/scenario.hpp"

namespace fundsim {

/// A progress snapshot.
struct RunProgress {
    std::uint64_t worlds_done = 0;   ///< worlds finished in this call
    std::uint64_t worlds_total = 0;  ///< worlds in the blocks of this call
    double seconds = 0;              ///< since the call started
};

/// How run_blocks runs.
struct RunnerOptions {
    int threads = 1;  ///< >= 1
    /// Called on the calling thread about every 250 ms, and once at the end.
    std::function<void(const RunProgress&)> on_progress;
    /// Polled before each block is launched; true stops launching (blocks
    /// in flight finish). Called from worker threads: must be thread-safe.
    std::function<bool()> should_stop;
};

/// What run_blocks did.
struct RunnerResult {
    std::uint64_t blocks_written = 0;  ///< blocks written durably by this call
    std::uint64_t worlds_done = 0;     ///< worlds simulated by this call
    bool is_stopped = false;           ///< should_stop ended the run before all blocks
    double seconds = 0;                ///< wall time of the call
};

/// Computes `pending` (keys of `plan`) with `scenarios[point]` and writes each
/// block to `store`. Rethrows the first worker failure (a ModelError naming
/// point and world, or an IoError) after the blocks in flight are abandoned;
/// blocks already written stay valid.
RunnerResult run_blocks(const RunPlan& plan, const std::vector<const Scenario*>& scenarios,
                        const std::vector<BlockKey>& pending, const BlockStore& store,
                        const RunnerOptions& options);

}  // namespace fundsim
