#include <oneapi/tbb/info.h>

#include <cstdio>
#include <filesystem>

#include "cli/commands.hpp"
#include "cli/prepare.hpp"
#include "cli/progress.hpp"
#include "cli/run_folder.hpp"
#include "engine/block_store.hpp"
#include "engine/interrupt.hpp"
#include "engine/runner.hpp"
#include "engine/shard.hpp"
#include "output/aggregate.hpp"
#include "output/manifest.hpp"
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
    std::vector<BlockKey> todo;
    for (std::uint64_t g = 0; g < plan.total_blocks; ++g) {
        if (!shard.owns(g)) continue;
        const BlockKey key = plan.key_of(g);
        if (is_resumed && store.is_complete(key, plan.experiment_hash))
            worlds_already += plan.points[key.point].worlds_in_block(key.block);
        else
            todo.push_back(key);
    }
    return todo;
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

void print_summary(const fs::path& dir, const RunSummary& s, const RunPlan& plan, double seconds, int threads) {
    std::printf("results: %s\n", dir.string().c_str());
    std::printf("  %llu point%s, %llu worlds in all, %.1f s on %d thread%s\n",
                static_cast<unsigned long long>(s.points), s.points == 1 ? "" : "s",
                static_cast<unsigned long long>(plan.total_worlds), seconds, threads, threads == 1 ? "" : "s");
    std::printf("  mean final members %.4g (adoption %.3f), mean final fund equity %.4g USD bn\n",
                s.mean_members_final, s.mean_adoption_final, s.mean_fund_equity_final);
    std::printf("  a non-founder joined in %.1f%% of worlds\n", 100.0 * s.share_with_joiner);
    std::printf("  files: manifest.json points.csv worlds.csv series.csv governments.csv trajectories.csv\n");
}

}  // namespace

int run_command(const RunOptions& o) {
    std::vector<Override> sets = parse_overrides(o.sets);
    if (o.worlds) sets.push_back({"experiment.worlds", std::to_string(*o.worlds)});
    const Shard shard = choose_shard(o);
    const int threads = o.threads.value_or(tbb::info::default_concurrency());
    if (o.is_resume && o.is_force) throw ConfigError("--resume and --force exclude each other; pick one");
    const PreparedExperiment prepared = prepare_experiment(o.file, sets);
    const RunPlan& plan = prepared.plan;
    const fs::path dir = choose_folder(o, prepared, shard);
    const FolderMode mode = o.is_resume ? FolderMode::resume : o.is_force ? FolderMode::force : FolderMode::fresh;
    const FolderState state = check_run_folder(dir, mode, plan.experiment_hash);
    if (state == FolderState::already_complete) {
        std::printf("%s: already complete; nothing to resume\n", dir.string().c_str());
        return 0;
    }
    // From here on the input is valid and the folder may change.
    open_run_folder(dir, state, plan);
    const BlockStore store(dir);
    auto manifest = manifest_for(plan, prepared.file.resolved_json());
    manifest["command_line"] = o.command_line;
    manifest["threads"] = threads;
    manifest["start_time"] = utc_timestamp();
    manifest["end_time"] = nullptr;
    if (!shard.is_whole()) manifest["shard"] = {{"index", shard.index}, {"count", shard.count}};
    manifest["message"] = "running; if stopped, run the same command with --resume to continue";
    write_manifest(dir, manifest);

    std::uint64_t worlds_before = 0;
    const auto todo = blocks_to_do(plan, shard, store, state == FolderState::resumable, worlds_before);
    ProgressLine progress(stderr_is_terminal() && !o.is_quiet, worlds_before, owned_worlds(plan, shard));
    RunnerOptions runner;
    runner.threads = threads;
    runner.on_progress = [&progress](const RunProgress& p) { progress.update(p); };
    runner.should_stop = [] { return InterruptGuard::is_requested(); };
    RunnerResult result;
    {
        const InterruptGuard guard;
        try {
            result = run_blocks(plan, prepared.scenario_pointers(), todo, store, runner);
        } catch (const std::exception& e) {
            progress.finish();
            manifest["end_time"] = utc_timestamp();
            manifest["message"] = std::string("failed: ") + e.what();
            write_manifest(dir, manifest);
            throw;
        }
        progress.finish();
    }
    manifest["end_time"] = utc_timestamp();
    manifest["blocks_done"] = owned_blocks(plan, shard) - todo.size() + result.blocks_written;
    if (result.is_stopped) {
        manifest["message"] = "interrupted; run the same command with --resume to continue";
        write_manifest(dir, manifest);
        std::fprintf(stderr, "fundsim: interrupted: finished blocks are kept in %s; run the same command with "
                             "--resume to continue\n", dir.string().c_str());
        return 1;
    }
    if (!shard.is_whole()) {
        manifest["message"] = "shard " + shard.text() + " complete; combine the shards with fundsim merge";
        write_manifest(dir, manifest);
        std::printf("shard %s: %llu worlds written to %s\n  when every shard is done: fundsim merge PART_DIR... "
                    "--out RESULTS_DIR\n", shard.text().c_str(),
                    static_cast<unsigned long long>(owned_worlds(plan, shard)), dir.string().c_str());
        return 0;
    }
    const RunSummary summary = aggregate_results(
        plan, [&](BlockKey key) { return store.read(key, plan.experiment_hash); }, dir);
    manifest["status"] = "complete";
    manifest.erase("message");
    set_quantile_method(manifest, summary);
    write_manifest(dir, manifest);
    std::error_code ec;
    fs::remove_all(store.dir(), ec);  // the CSVs hold everything now
    print_summary(dir, summary, plan, result.seconds, threads);
    return 0;
}

}  // namespace fundsim
