/// `fundsim run`: the flags become a RunRequest for the engine API
/// (engine/run_experiment.hpp); this file only prints.
#include <cstdio>

#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "engine/mpi_ranks.hpp"
#include "engine/prepare.hpp"
#include "engine/run_experiment.hpp"
#include "world/error.hpp"

namespace fundsim {

namespace {

Shard choose_shard(const RunOptions& o) {
    if (!o.shard.empty()) return parse_shard(o.shard);
    return shard_from_slurm().value_or(Shard{});
}

void print_summary(const RunResult& r) {
    const RunSummary& s = r.summary;
    const std::string on_ranks = r.ranks == 1 ? "" : std::to_string(r.ranks) + " ranks x ";
    std::printf("results: %s\n", r.dir.string().c_str());
    std::printf("  %llu point%s, %llu worlds in all, %.1f s on %s%d thread%s\n",
                static_cast<unsigned long long>(s.points), s.points == 1 ? "" : "s",
                static_cast<unsigned long long>(r.total_worlds), r.seconds, on_ranks.c_str(), r.threads,
                r.threads == 1 ? "" : "s");
    std::printf("  mean final members %.4g (adoption %.3f), mean final fund equity %.4g USD bn\n",
                s.mean_members_final, s.mean_adoption_final, s.mean_fund_equity_final);
    std::printf("  a non-founder joined in %.1f%% of worlds\n", 100.0 * s.share_with_joiner);
    std::printf("  files: manifest.json %s\n", s.files.c_str());
}

}  // namespace

int run_command(const RunOptions& o) {
    const RankGroup alone;
    const RankGroup& ranks = o.ranks ? *o.ranks : alone;
    RunRequest request;
    ranks.agree([&] {  // flag errors: every rank throws the same ConfigError
        if (o.is_resume && o.is_force) throw ConfigError("--resume and --force exclude each other; pick one");
        request.sets = parse_overrides(o.sets);
        request.shard = choose_shard(o);
    });
    request.file = o.file;
    request.worlds = o.worlds;
    request.threads = o.threads;
    request.out = o.out;
    request.folder = o.is_resume ? FolderMode::resume : o.is_force ? FolderMode::force : FolderMode::fresh;
    request.is_force_size = o.is_force_size;
    request.is_signal_handled = true;
    request.command_line = o.command_line;
    request.ranks = o.ranks;
    const bool is_progress_shown = ranks.is_root() && stderr_is_terminal() && !o.is_quiet;
    ProgressLine progress(is_progress_shown);
    request.on_progress = [&](const ExperimentProgress& p) {
        if (p.phase == ExperimentProgress::Phase::computing) return progress.update(p);
        progress.finish();
        if (is_progress_shown) std::fprintf(stderr, "  writing the CSV files...\n");
    };
    RunResult result;
    try {
        result = run_experiment(request);
    } catch (...) {
        progress.finish();
        throw;
    }
    progress.finish();
    if (!ranks.is_root()) return result.ending == RunEnding::interrupted ? 1 : 0;
    switch (result.ending) {
        case RunEnding::already_complete:
            std::printf("%s: already complete; nothing to resume\n", result.dir.string().c_str());
            return 0;
        case RunEnding::interrupted:
            std::fprintf(stderr, "fundsim: interrupted: finished blocks are kept in %s; run the same command with "
                                 "--resume to continue\n", result.dir.string().c_str());
            return 1;
        case RunEnding::shard_complete:
            std::printf("shard %s: %llu worlds written to %s\n  when every shard is done: fundsim merge "
                        "PART_DIR... --out RESULTS_DIR\n", result.shard.text().c_str(),
                        static_cast<unsigned long long>(result.shard_worlds), result.dir.string().c_str());
            return 0;
        case RunEnding::complete:
            print_summary(result);
            return 0;
    }
    return 0;
}

}  // namespace fundsim
