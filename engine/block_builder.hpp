#pragma once
/// Computes one block: runs its worlds (in parallel, with oneTBB) and
/// gathers their results into a Block.
///
/// Determinism: each world is a pure function of (scenario, point, world);
/// rows, series and trajectories go to fixed slots; the per-government sums
/// use tbb::parallel_deterministic_reduce with a simple_partitioner over the
/// block's worlds, whose summation tree depends only on the block size. So a
/// block's bytes never depend on the thread count or on which process
/// computes it.
#include <atomic>
#include <cstdint>
#include <functional>

#include <oneapi/tbb/enumerable_thread_specific.h>

#include "engine/block.hpp"
#include "engine/plan.hpp"
#include "world/outcome.hpp"
#include "world/scenario.hpp"

namespace fundsim {

/// Throws ModelError at the first non-finite value in a world's outcome,
/// naming point, world, step and quantity ("point 0, world 3, step 12:
/// metric fund_equity is +inf; ..."): a run ends (exit 1) rather than write
/// `inf` into a CSV or drop the world from a statistic.
void check_finite(const WorldOutcome& out, BlockKey key, std::uint64_t world);

/// Thrown by BlockBuilder::build when its stop test answered true between
/// two worlds: the block is incomplete and must not be written.
struct BlockAbandoned {};

/// Builds blocks, reusing one WorldOutcome buffer per thread.
/// `build` is thread-safe (several blocks may be built at once).
class BlockBuilder {
public:
    /// `should_stop` (optional, thread-safe) is asked before each world, so a
    /// signal is acted on within one world rather than one block.
    explicit BlockBuilder(std::function<bool()> should_stop = {}) : should_stop_(std::move(should_stop)) {}

    /// Runs the worlds of block `key` of `point` and returns the block.
    /// Adds 1 to `*worlds_done` (if given) as each world finishes.
    /// Throws ModelError naming the point and world when a world fails or
    /// produces a non-finite value (naming the step and quantity too);
    /// BlockAbandoned when `should_stop` answered true.
    Block build(const PointPlan& point, const Scenario& scenario, BlockKey key,
                std::atomic<std::uint64_t>* worlds_done = nullptr);

private:
    std::function<bool()> should_stop_;
    tbb::enumerable_thread_specific<WorldOutcome> buffers_;
};

}  // namespace fundsim
