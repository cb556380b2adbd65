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

#include <oneapi/tbb/enumerable_thread_specific.h>

#include "engine/block.hpp"
#include "engine/plan.hpp"
#include "world/outcome.hpp"
#include "world/scenario.hpp"

namespace fundsim {

/// Builds blocks, reusing one WorldOutcome buffer per thread.
/// `build` is thread-safe (several blocks may be built at once).
class BlockBuilder {
public:
    /// Runs the worlds of block `key` of `point` and returns the block.
    /// Adds 1 to `*worlds_done` (if given) as each world finishes.
    /// Throws ModelError naming the point and world when a world fails.
    Block build(const PointPlan& point, const Scenario& scenario, BlockKey key,
                std::atomic<std::uint64_t>* worlds_done = nullptr);

private:
    tbb::enumerable_thread_specific<WorldOutcome> buffers_;
};

}  // namespace fundsim
