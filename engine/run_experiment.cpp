#include "engine/run_experiment.hpp"

#include <oneapi/tbb/info.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <optional>
#include <thread>

#include "engine/block_store.hpp"
#include "engine/folder_lock.hpp"
#include "engine/interrupt.hpp"
#include "engine/mpi_ranks.hpp"
#include "engine/prepare.hpp"
#include "engine/resource_limits.hpp"
#include "engine/runner.hpp"
#include "output/manifest.hpp"
#include "output/result_size.hpp"
#include "world/error.hpp"

namespace fundsim {
namespace fs = std::filesystem;

namespace {

fs::path choose_folder(const RunRequest& r, const PreparedExperiment& prepared) {
    if (!r.out.empty()) return r.out;
    const Experiment& e = prepared.scenarios.front().experiment;
    std::string dir = e.output_dir.empty() ? "runs/" + e.name : e.output_dir;
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    if (!r.shard.is_whole())
        dir += "-shard-" + std::to_string(r.shard.index) + "-of-" + std::to_string(r.shard.count);
    return dir;
}

/// Threads beyond 4 x the cores only add overhead (10,000 threads ran 90
/// times slower than 2): refused as bad input.
void check_thread_count(int threads) {
    const int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    if (threads > 4 * cores)
        throw ConfigError("--threads " + std::to_string(threads) + ": this machine has " + std::to_string(cores) +
                          " cores; expected at most " + std::to_string(4 * cores) + " (4 x the cores)");
}

/// The blocks this process must compute: its shard's, minus complete ones.
std::vector<BlockKey> blocks_to_do(const RunPlan& plan, const Shard& shard, const BlockStore& store,
                                   bool is_resumed, std::uint64_t& worlds_already) {
    std::vector<BlockKey> pending;
    for (std::uint64_t g = 0; g < plan.total_blocks; ++g) {
        if (!shard.owns(g)) continue;
        const BlockKey key = plan.key_of(g);
        if (is_resumed && store.is_complete(key, plan.experiment_hash))
            worlds_already += plan.points[key.point].worlds_in_block(key.block);
        else
            pending.push_back(key);
    }
    return pending;
}

std::uint64_t owned_blocks(const RunPlan& plan, const Shard& shard) {
    return plan.total_blocks / shard.count + (plan.total_blocks % shard.count >= shard.index ? 1 : 0);
}

std::uint64_t owned_worlds(const RunPlan& plan, const Shard& shard) {
    std::uint64_t n = 0;
    for (std::uint64_t g = 0; g < plan.total_blocks; ++g) {
        if (!shard.owns(g)) continue;
        const BlockKey key = plan.key_of(g);
        n += plan.points[key.point].worlds_in_block(key.block);
    }
    return n;
}

/// One run after its input was validated: the folder, the manifest, the
/// blocks, and the ending (interrupted, shard, or whole). Under MPI every
/// rank holds one; rank 0 alone touches the folder, the manifest and the
/// result files, each rank computes its share of the blocks.
class RunSession {
public:
    RunSession(const RunRequest& r, const PreparedExperiment& prepared, int threads, fs::path dir,
               FolderState state, const RankGroup& ranks)
        : request_(r), prepared_(prepared), plan_(prepared.plan), threads_(threads), dir_(std::move(dir)),
          store_(dir_), ranks_(ranks), is_resumed_(state == FolderState::resumable) {
        result_.dir = dir_;
        result_.points = plan_.points.size();
        result_.total_worlds = plan_.total_worlds;
        result_.shard_worlds = owned_worlds(plan_, r.shard);
        result_.shard = r.shard;
        result_.threads = threads;
        result_.ranks = ranks.size();
    }

    /// Opens the folder and writes a partial manifest (a crash leaves it saying so). Rank 0 only.
    void start(FolderState state) {
        open_run_folder(dir_, state, plan_);
        manifest_ = manifest_for(plan_, prepared_.file.resolved_json());
        manifest_["command_line"] = request_.command_line;
        set_government_names(manifest_, prepared_.scenarios.front().experiment);
        manifest_["threads"] = threads_;
        manifest_["ranks"] = ranks_.size();
        manifest_["start_time"] = utc_timestamp();
        manifest_["end_time"] = nullptr;
        if (!request_.shard.is_whole())
            manifest_["shard"] = {{"index", request_.shard.index}, {"count", request_.shard.count}};
        manifest_["message"] = "running; if stopped, run the same command with --resume to continue";
        write_manifest(dir_, manifest_);
    }

    /// Computes the missing blocks of this shard (this rank's share of
    /// them) and ends the run. Collective.
    RunResult compute() {
        const Shard share = ranks_.share_of(request_.shard);
        const auto pending = blocks_to_do(plan_, share, store_, is_resumed_, progress_.worlds_before);
        progress_.worlds_total = owned_worlds(plan_, share);
        RunnerOptions runner;
        runner.threads = threads_;
        runner.on_progress = [this](const RunProgress& p) {
            progress_.worlds_done = progress_.worlds_before + p.worlds_done;
            progress_.seconds = p.seconds;
            report();
        };
        runner.should_stop = [this] { return is_stop_requested(); };
        RunnerResult result;
        try {
            ranks_.agree([&] {
                std::optional<InterruptGuard> guard;
                if (request_.is_signal_handled) guard.emplace();
                result = run_blocks(plan_, prepared_.scenario_pointers(), pending, store_, runner);
            });
        } catch (const std::exception& e) {
            if (ranks_.is_root()) {
                try {
                    end_partial(std::string("failed: ") + e.what());
                } catch (const std::exception&) {
                    // e.g. the disk is full: the first failure is the one to report
                }
            }
            throw;
        }
        result_.seconds = result.seconds;
        const bool is_stopped = ranks_.sum(result.is_stopped ? 1 : 0) > 0;
        const std::uint64_t pending_all = ranks_.sum(pending.size());
        manifest_["blocks_done"] =
            owned_blocks(plan_, request_.shard) - pending_all + ranks_.sum(result.blocks_written);
        result_.ending = is_stopped                  ? RunEnding::interrupted
                         : request_.shard.is_whole() ? RunEnding::complete
                                                     : RunEnding::shard_complete;
        ranks_.agree([&] {
            if (!ranks_.is_root()) return;
            if (is_stopped) end_partial("interrupted; run the same command with --resume to continue");
            else if (!request_.shard.is_whole()) end_shard();
            else if (!end_whole()) result_.ending = RunEnding::interrupted;
        });
        result_.ending = static_cast<RunEnding>(ranks_.broadcast(static_cast<int>(result_.ending)));
        return result_;
    }

private:
    bool is_stop_requested() const {
        return (request_.is_signal_handled && InterruptGuard::is_requested()) ||
               (request_.should_stop && request_.should_stop());
    }

    void report() {
        if (request_.on_progress && ranks_.is_root()) request_.on_progress(progress_);
    }

    void end_partial(const std::string& message) {
        manifest_["end_time"] = utc_timestamp();
        manifest_["message"] = message;
        write_manifest(dir_, manifest_);
    }

    void end_shard() {
        end_partial("shard " + request_.shard.text() + " complete; combine the shards with fundsim merge");
    }

    /// Writes the result files; false when a stop request ended it first
    /// (the CSV writers removed their temporary files, the blocks stay for --resume).
    bool end_whole() {
        progress_.phase = ExperimentProgress::Phase::writing;
        report();
        // Aggregation reads blocks in parallel: on the run's threads. A stop
        // request ends it at the next block read.
        struct Interrupted {};
        tbb::task_arena arena(threads_);
        try {
            std::optional<InterruptGuard> guard;
            if (request_.is_signal_handled) guard.emplace();
            result_.summary = arena.execute([this] {
                return aggregate_results(plan_, [this](BlockKey key) {
                    if (is_stop_requested()) throw Interrupted{};
                    return store_.read(key, plan_.experiment_hash);
                }, dir_);
            });
        } catch (const Interrupted&) {
            end_partial("interrupted; run the same command with --resume to continue");
            return false;
        }
        manifest_["status"] = "complete";
        manifest_["end_time"] = utc_timestamp();
        manifest_.erase("message");
        set_quantile_method(manifest_, result_.summary);
        write_manifest(dir_, manifest_);
        std::error_code ec;
        fs::remove_all(store_.dir(), ec);  // the result files hold everything now
        return true;
    }

    const RunRequest& request_;
    const PreparedExperiment& prepared_;
    const RunPlan& plan_;
    int threads_;
    fs::path dir_;
    BlockStore store_;
    const RankGroup& ranks_;
    nlohmann::json manifest_;
    bool is_resumed_ = false;
    ExperimentProgress progress_;
    RunResult result_;
};

}  // namespace

RunResult run_experiment(const RunRequest& r) {
    const RankGroup alone;
    const RankGroup& ranks = r.ranks ? *r.ranks : alone;
    std::optional<PreparedExperiment> prepared;
    int threads = 1;
    fs::path dir;
    FolderRequest folder;
    FolderState state = FolderState::absent;
    ranks.agree([&] {  // every rank validates; rank 0 alone checks the folder
        check_launch(ranks);
        if (r.threads && *r.threads < 1) throw ConfigError("threads: is " + std::to_string(*r.threads) +
                                                           "; expected at least 1");
        std::vector<Override> sets = r.sets;
        if (r.worlds) sets.push_back({"experiment.worlds", std::to_string(*r.worlds)});
        threads = r.threads.value_or(tbb::info::default_concurrency());
        check_thread_count(threads);
        prepared.emplace(prepare_experiment(r.file, sets, threads));
        dir = choose_folder(r, *prepared);
        if (r.folder != FolderMode::resume) check_disk_space(prepared->file, prepared->plan, dir);
        folder.mode = r.folder;
        folder.experiment_hash = prepared->plan.experiment_hash;
        for (const std::string& input : prepared->file.input_files()) folder.inputs.emplace_back(input);
        if (ranks.is_root()) state = check_run_folder(dir, folder);
        if (!r.is_force_size) check_result_size(prepared->plan);
    });
    // The input is valid and the folder acceptable: take its lock and check again under it.
    std::optional<FolderLock> lock;
    ranks.agree([&] {
        if (!ranks.is_root()) return;
        lock.emplace(dir);
        state = check_run_folder(dir, folder);
    });
    state = static_cast<FolderState>(ranks.broadcast(static_cast<int>(state)));
    if (state == FolderState::already_complete) {
        if (ranks.is_root()) {
            std::error_code ec;
            fs::remove_all(dir / ".blocks", ec);  // left by a kill during the final clean-up
        }
        RunResult done;
        done.ending = RunEnding::already_complete;
        done.dir = dir;
        return done;
    }
    // From here on the input is valid and the folder may change.
    RunSession session(r, *prepared, threads, dir, state, ranks);
    ranks.agree([&] {
        if (ranks.is_root()) session.start(state);
    });
    return session.compute();
}

}  // namespace fundsim
