#include <oneapi/tbb/info.h>

#include <cstdio>
#include <filesystem>
#include <optional>

#include <tbb/task_arena.h>

#include "cli/commands.hpp"
#include "cli/prepare.hpp"
#include "cli/progress.hpp"
#include "cli/run_folder.hpp"
#include "engine/block_store.hpp"
#include "engine/interrupt.hpp"
#include "engine/mpi_ranks.hpp"
#include "engine/runner.hpp"
#include "engine/shard.hpp"
#include "output/aggregate.hpp"
#include "output/manifest.hpp"
#include "output/result_size.hpp"
#include "world/error.hpp"

namespace fundsim {
namespace fs = std::filesystem;

namespace {

Shard choose_shard(const RunOptions& o) {
    if (!o.shard.empty()) return parse_shard(o.shard);
    return shard_from_slurm().value_or(Shard{});
}

fs::path choose_folder(const RunOptions& o, const PreparedExperiment& prepared, const Shard& shard) {
    if (!o.out.empty()) return o.out;
    const Experiment& e = prepared.scenarios.front().experiment;
    std::string dir = e.output_dir.empty() ? "runs/" + e.name : e.output_dir;
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    if (!shard.is_whole()) dir += "-shard-" + std::to_string(shard.index) + "-of-" + std::to_string(shard.count);
    return dir;
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

void print_summary(const fs::path& dir, const RunSummary& s, const RunPlan& plan, double seconds, int threads,
                   int ranks) {
    const std::string on_ranks = ranks == 1 ? "" : std::to_string(ranks) + " ranks x ";
    std::printf("results: %s\n", dir.string().c_str());
    std::printf("  %llu point%s, %llu worlds in all, %.1f s on %s%d thread%s\n",
                static_cast<unsigned long long>(s.points), s.points == 1 ? "" : "s",
                static_cast<unsigned long long>(plan.total_worlds), seconds, on_ranks.c_str(), threads,
                threads == 1 ? "" : "s");
    std::printf("  mean final members %.4g (adoption %.3f), mean final fund equity %.4g USD bn\n",
                s.mean_members_final, s.mean_adoption_final, s.mean_fund_equity_final);
    std::printf("  a non-founder joined in %.1f%% of worlds\n", 100.0 * s.share_with_joiner);
    std::printf("  files: manifest.json points.csv worlds.csv series.csv governments.csv trajectories.csv%s\n",
                plan.saltelli_samples > 0 ? " sensitivity.csv" : "");
}

/// Everything a run needs once its input is known to be valid.
struct RunInput {
    Shard shard;
    int threads = 1;
    std::optional<PreparedExperiment> prepared;
    fs::path dir;
    FolderState state = FolderState::absent;
};

/// One `fundsim run` after its input was validated: the folder, the
/// manifest, the blocks, and the ending (interrupted, shard, or whole).
/// Under MPI every rank holds one; rank 0 alone touches the folder, the
/// manifest and the CSVs, each rank computes its share of the blocks.
class RunSession {
public:
    RunSession(const RunOptions& o, const RunInput& in, const RankGroup& ranks)
        : options_(o), prepared_(*in.prepared), plan_(prepared_.plan), shard_(in.shard), threads_(in.threads),
          dir_(in.dir), store_(dir_), ranks_(ranks), is_resumed_(in.state == FolderState::resumable) {}

    /// Opens the folder and writes a partial manifest (a crash leaves it saying so). Rank 0 only.
    void start(FolderState state) {
        open_run_folder(dir_, state, plan_);
        manifest_ = manifest_for(plan_, prepared_.file.resolved_json());
        manifest_["command_line"] = options_.command_line;
        set_government_names(manifest_, prepared_.scenarios.front().experiment);
        manifest_["threads"] = threads_;
        manifest_["ranks"] = ranks_.size();
        manifest_["start_time"] = utc_timestamp();
        manifest_["end_time"] = nullptr;
        if (!shard_.is_whole()) manifest_["shard"] = {{"index", shard_.index}, {"count", shard_.count}};
        manifest_["message"] = "running; if stopped, run the same command with --resume to continue";
        write_manifest(dir_, manifest_);
    }

    /// Computes the missing blocks of this shard (this rank's share of
    /// them); returns the exit code. Collective.
    int compute() {
        std::uint64_t worlds_before = 0;
        const Shard share = ranks_.share_of(shard_);
        const auto pending = blocks_to_do(plan_, share, store_, is_resumed_, worlds_before);
        is_progress_shown_ = ranks_.is_root() && stderr_is_terminal() && !options_.is_quiet;
        ProgressLine progress(is_progress_shown_, worlds_before, owned_worlds(plan_, share));
        RunnerOptions runner;
        runner.threads = threads_;
        runner.on_progress = [&progress](const RunProgress& p) { progress.update(p); };
        runner.should_stop = [] { return InterruptGuard::is_requested(); };
        RunnerResult result;
        try {
            ranks_.agree([&] {
                const InterruptGuard guard;
                result = run_blocks(plan_, prepared_.scenario_pointers(), pending, store_, runner);
            });
        } catch (const std::exception& e) {
            progress.finish();
            if (ranks_.is_root()) end_partial(std::string("failed: ") + e.what());
            throw;
        }
        progress.finish();
        seconds_ = result.seconds;
        const bool is_stopped = ranks_.sum(result.is_stopped ? 1 : 0) > 0;
        const std::uint64_t pending_all = ranks_.sum(pending.size());
        manifest_["blocks_done"] = owned_blocks(plan_, shard_) - pending_all + ranks_.sum(result.blocks_written);
        int code = 0;
        ranks_.agree([&] {
            if (!ranks_.is_root()) return;
            if (is_stopped) code = end_interrupted();
            else code = shard_.is_whole() ? end_whole() : end_shard();
        });
        return ranks_.broadcast(code);
    }

private:
    void end_partial(const std::string& message) {
        manifest_["end_time"] = utc_timestamp();
        manifest_["message"] = message;
        write_manifest(dir_, manifest_);
    }

    int end_interrupted() {
        end_partial("interrupted; run the same command with --resume to continue");
        std::fprintf(stderr, "fundsim: interrupted: finished blocks are kept in %s; run the same command with "
                             "--resume to continue\n", dir_.string().c_str());
        return 1;
    }

    int end_shard() {
        end_partial("shard " + shard_.text() + " complete; combine the shards with fundsim merge");
        std::printf("shard %s: %llu worlds written to %s\n  when every shard is done: fundsim merge PART_DIR... "
                    "--out RESULTS_DIR\n", shard_.text().c_str(),
                    static_cast<unsigned long long>(owned_worlds(plan_, shard_)), dir_.string().c_str());
        return 0;
    }

    int end_whole() {
        if (is_progress_shown_) std::fprintf(stderr, "  writing the CSV files...\n");
        // Aggregation reads blocks in parallel: on the run's --threads.
        tbb::task_arena arena(threads_);
        const RunSummary summary = arena.execute([this] {
            return aggregate_results(plan_, [this](BlockKey key) { return store_.read(key, plan_.experiment_hash); },
                                     dir_);
        });
        manifest_["status"] = "complete";
        manifest_["end_time"] = utc_timestamp();
        manifest_.erase("message");
        set_quantile_method(manifest_, summary);
        write_manifest(dir_, manifest_);
        std::error_code ec;
        fs::remove_all(store_.dir(), ec);  // the CSVs hold everything now
        print_summary(dir_, summary, plan_, seconds_, threads_, ranks_.size());
        return 0;
    }

    const RunOptions& options_;
    const PreparedExperiment& prepared_;
    const RunPlan& plan_;
    Shard shard_;
    int threads_;
    fs::path dir_;
    BlockStore store_;
    const RankGroup& ranks_;
    nlohmann::json manifest_;
    bool is_resumed_ = false;
    bool is_progress_shown_ = false;
    double seconds_ = 0;
};

}  // namespace

int run_command(const RunOptions& o) {
    const RankGroup alone;
    const RankGroup& ranks = o.ranks ? *o.ranks : alone;
    RunInput in;
    ranks.agree([&] {  // every rank validates; rank 0 alone checks the folder
        check_launch(ranks);
        if (o.is_resume && o.is_force) throw ConfigError("--resume and --force exclude each other; pick one");
        std::vector<Override> sets = parse_overrides(o.sets);
        if (o.worlds) sets.push_back({"experiment.worlds", std::to_string(*o.worlds)});
        in.shard = choose_shard(o);
        in.threads = o.threads.value_or(tbb::info::default_concurrency());
        in.prepared.emplace(prepare_experiment(o.file, sets));
        in.dir = choose_folder(o, *in.prepared, in.shard);
        const FolderMode mode = o.is_resume ? FolderMode::resume : o.is_force ? FolderMode::force : FolderMode::fresh;
        if (ranks.is_root()) in.state = check_run_folder(in.dir, mode, in.prepared->plan.experiment_hash);
        if (!o.is_force_size) check_result_size(in.prepared->plan);
    });
    in.state = static_cast<FolderState>(ranks.broadcast(static_cast<int>(in.state)));
    if (in.state == FolderState::already_complete) {
        if (ranks.is_root()) std::printf("%s: already complete; nothing to resume\n", in.dir.string().c_str());
        return 0;
    }
    // From here on the input is valid and the folder may change.
    RunSession session(o, in, ranks);
    ranks.agree([&] {
        if (ranks.is_root()) session.start(in.state);
    });
    return session.compute();
}

}  // namespace fundsim
