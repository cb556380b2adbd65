// Runs on clusters without MPI (SPEC §7): SLURM job-array tasks merged into
// the single run, a run killed with SIGKILL at several moments and resumed,
// Ctrl-C leaving a resumable run, and a finished folder left alone.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "support/child_process.hpp"

using namespace fundsim::testing;

namespace {

std::vector<std::string> run_argv(const fs::path& file, const fs::path& out, const std::string& threads) {
    return {FUNDSIM_BINARY, "run", file.string(), "--out", out.string(), "--quiet", "--threads", threads};
}

std::string quoted_run(const fs::path& file, const fs::path& out, const std::string& extra = "") {
    return "run '" + file.string() + "' --out '" + out.string() + "' --quiet " + extra;
}

nlohmann::json manifest_of(const fs::path& dir) { return nlohmann::json::parse(read_text(dir / "manifest.json")); }

/// Resumes `out` and checks it now equals `whole`, byte for byte.
void resume_and_compare(const fs::path& file, const fs::path& out, const fs::path& whole, const fs::path& dir) {
    const Process p = run_fundsim(quoted_run(file, out, "--resume --threads 2"), dir);
    INFO(p.output);
    REQUIRE(p.exit_code == 0);
    check_same_results(whole, out);
    CHECK(manifest_of(out)["status"] == "complete");
    CHECK(manifest_of(out)["blocks_done"] == kBigBlocks);
    CHECK_FALSE(fs::exists(out / ".blocks"));
}

}  // namespace

TEST_CASE("Cluster.slurm_array_tasks_merge_into_the_single_run" * doctest::timeout(300)) {
    const fs::path dir = scratch_dir("cluster_slurm");
    const fs::path file = write_small_experiment(dir);
    REQUIRE(run_fundsim(quoted_run(file, dir / "whole", "--threads 2"), dir).exit_code == 0);
    // sbatch --array=5-7: task ids 5, 6, 7 are shards 1, 2, 3 of 3; no --shard flag.
    std::string parts;
    for (int id = 5; id <= 7; ++id) {
        const fs::path part = dir / ("part-" + std::to_string(id));
        {
            const ScopedEnv task("SLURM_ARRAY_TASK_ID", std::to_string(id));
            const ScopedEnv count("SLURM_ARRAY_TASK_COUNT", "3");
            const ScopedEnv first("SLURM_ARRAY_TASK_MIN", "5");
            const Process p = run_fundsim(quoted_run(file, part, "--threads 1"), dir);
            INFO(p.output);
            REQUIRE(p.exit_code == 0);
        }
        CHECK(manifest_of(part)["shard"]["index"] == id - 4);
        CHECK(manifest_of(part)["shard"]["count"] == 3);
        // The same blocks, byte for byte, as the --shard flag computes.
        const fs::path flagged = dir / ("flag-" + std::to_string(id));
        REQUIRE(run_fundsim(quoted_run(file, flagged, "--shard " + std::to_string(id - 4) + "/3"), dir).exit_code == 0);
        CHECK(folder_snapshot(part / ".blocks") == folder_snapshot(flagged / ".blocks"));
        parts += " '" + part.string() + "'";
    }
    const fs::path merged = dir / "merged";
    const Process p = run_fundsim("merge" + parts + " --out '" + merged.string() + "'", dir);
    INFO(p.output);
    REQUIRE(p.exit_code == 0);
    check_same_results(dir / "whole", merged);
}

TEST_CASE("Cluster.killed_at_any_moment_then_resumed_equals_the_uninterrupted_run" * doctest::timeout(300)) {
    const fs::path dir = scratch_dir("cluster_kill");
    const fs::path file = write_big_experiment(dir);
    const fs::path whole = dir / "whole";
    REQUIRE(run_fundsim(quoted_run(file, whole, "--threads 2"), dir).exit_code == 0);
    // 0: the plan is written, no block yet; then early, middle, late; and
    // every block durable (the CSVs being written, or already done).
    for (const int k : {0, 3, kBigBlocks / 2, kBigBlocks - 4, kBigBlocks}) {
        CAPTURE(k);
        const fs::path out = dir / ("killed-" + std::to_string(k));
        int code = 0;
        {
            ChildProcess child(run_argv(file, out, "1"), dir / ("killed-" + std::to_string(k) + ".log"));
            const bool is_reached = poll_until(child, [&] {
                return k == 0 ? fs::exists(out / ".blocks" / "plan.json") : count_blocks(out) >= k;
            });
            child.signal(SIGKILL);
            code = child.wait();
            // The last case may find the run finished; the others must catch it running.
            if (k < kBigBlocks) REQUIRE(is_reached);
        }
        if (k < kBigBlocks && code == 128 + SIGKILL && fs::exists(out / "manifest.json"))
            CHECK(manifest_of(out)["status"] == "partial");
        resume_and_compare(file, out, whole, dir);
    }
}

TEST_CASE("Cluster.ctrl_c_stops_cleanly_and_resume_completes" * doctest::timeout(300)) {
    const fs::path dir = scratch_dir("cluster_ctrl_c");
    const fs::path file = write_big_experiment(dir);
    const fs::path whole = dir / "whole";
    REQUIRE(run_fundsim(quoted_run(file, whole, "--threads 2"), dir).exit_code == 0);
    const fs::path out = dir / "interrupted";
    const fs::path log = dir / "interrupted.log";
    int code = 0;
    {
        ChildProcess child(run_argv(file, out, "1"), log);
        REQUIRE(poll_until(child, [&] { return count_blocks(out) >= kBigBlocks / 4; }));
        child.signal(SIGINT);
        code = child.wait();
    }
    INFO(read_text(log));
    CHECK(code == 1);
    CHECK(read_text(log).find("--resume") != std::string::npos);
    const auto manifest = manifest_of(out);
    CHECK(manifest["status"] == "partial");
    CHECK(manifest["message"].get<std::string>().find("interrupted") != std::string::npos);
    CHECK(manifest["blocks_done"] == count_blocks(out));  // every finished block kept and counted
    CHECK(count_blocks(out) < kBigBlocks);
    CHECK_FALSE(fs::exists(out / "worlds.csv"));
    resume_and_compare(file, out, whole, dir);
}

TEST_CASE("Cluster.a_plain_run_never_touches_a_finished_folder" * doctest::timeout(120)) {
    const fs::path dir = scratch_dir("cluster_finished");
    const fs::path file = write_small_experiment(dir);
    const fs::path out = dir / "out";
    REQUIRE(run_fundsim(quoted_run(file, out), dir).exit_code == 0);
    const auto before = folder_snapshot(out);
    for (const std::string extra : {"", "--threads 1", "--shard 1/3", "--worlds 20"}) {
        CAPTURE(extra);
        const Process p = run_fundsim(quoted_run(file, out, extra), dir);
        CHECK(p.exit_code == 2);
        CHECK(p.output.rfind("fundsim: error: ", 0) == 0);
        CHECK(std::count(p.output.begin(), p.output.end(), '\n') == 1);
        CHECK(folder_snapshot(out) == before);
    }
}
