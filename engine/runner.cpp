#include "engine/runner.hpp"

#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

#include "engine/block_builder.hpp"

namespace fundsim {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kProgressInterval = std::chrono::milliseconds(250);

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Shared state of one run_blocks call.
struct Work {
    Work(const RunPlan& p, const std::vector<const Scenario*>& s, const std::vector<BlockKey>& t,
         const BlockStore& b, const RunnerOptions& o)
        : plan(p), scenarios(s), pending(t), store(b), options(o), builder(o.should_stop) {}
    const RunPlan& plan;
    const std::vector<const Scenario*>& scenarios;
    const std::vector<BlockKey>& pending;
    const BlockStore& store;
    const RunnerOptions& options;
    BlockBuilder builder;
    std::size_t next = 0;  // only the serial input filter touches it
    std::atomic<std::uint64_t> worlds_done{0};
    std::atomic<std::uint64_t> blocks_written{0};
    std::atomic<bool> is_stopped{false};
};

void run_pipeline(Work& work) {
    const auto tokens = static_cast<std::size_t>(std::max(2, work.options.threads));
    // Tokens are indexes into `pending` (a trivial type, as TBB wants).
    auto next_block = [&work](tbb::flow_control& control) -> std::size_t {
        if (work.next < work.pending.size() && work.options.should_stop && work.options.should_stop()) {
            work.is_stopped = true;
        }
        if (work.next >= work.pending.size() || work.is_stopped) {
            control.stop();
            return 0;
        }
        return work.next++;
    };
    auto compute_and_write = [&work](std::size_t index) {
        const BlockKey key = work.pending[index];
        const PointPlan& point = work.plan.points[key.point];
        Block block;
        try {
            block = work.builder.build(point, *work.scenarios[key.point], key, &work.worlds_done);
        } catch (const BlockAbandoned&) {
            work.is_stopped = true;  // stopped between worlds: the block is left for --resume
            return;
        }
        work.store.write(block, work.plan.experiment_hash);
        work.blocks_written.fetch_add(1);
    };
    tbb::parallel_pipeline(tokens,
                           tbb::make_filter<void, std::size_t>(tbb::filter_mode::serial_in_order, next_block) &
                               tbb::make_filter<std::size_t, void>(tbb::filter_mode::parallel, compute_and_write));
}

}  // namespace

RunnerResult run_blocks(const RunPlan& plan, const std::vector<const Scenario*>& scenarios,
                        const std::vector<BlockKey>& pending, const BlockStore& store,
                        const RunnerOptions& options) {
    Work work(plan, scenarios, pending, store, options);
    RunProgress progress;
    for (const auto& key : pending) progress.worlds_total += plan.points[key.point].worlds_in_block(key.block);

    const auto start = Clock::now();
    std::mutex mutex;
    std::condition_variable finished_cv;
    bool is_finished = false;
    std::exception_ptr failure;
    std::thread coordinator_of_arena([&] {
        try {
            // The global limit lets --threads exceed the core count (and caps it).
            const auto threads = static_cast<std::size_t>(std::max(1, options.threads));
            const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
            tbb::task_arena arena(static_cast<int>(threads));
            arena.execute([&] { run_pipeline(work); });
        } catch (...) {
            failure = std::current_exception();
        }
        const std::lock_guard lock(mutex);
        is_finished = true;
        finished_cv.notify_all();
    });
    {
        std::unique_lock lock(mutex);
        while (!finished_cv.wait_for(lock, kProgressInterval, [&] { return is_finished; })) {
            if (!options.on_progress) continue;
            progress.worlds_done = work.worlds_done.load();
            progress.seconds = seconds_since(start);
            options.on_progress(progress);
        }
    }
    coordinator_of_arena.join();
    if (failure) std::rethrow_exception(failure);
    if (work.blocks_written.load() > 0) store.sync();  // every block written is now durable

    RunnerResult result;
    result.blocks_written = work.blocks_written.load();
    result.worlds_done = work.worlds_done.load();
    result.is_stopped = work.is_stopped;
    result.seconds = seconds_since(start);
    progress.worlds_done = result.worlds_done;
    progress.seconds = result.seconds;
    if (options.on_progress) options.on_progress(progress);
    return result;
}

}  // namespace fundsim
