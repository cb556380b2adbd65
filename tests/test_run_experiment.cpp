#include <doctest/doctest.h>

#include <atomic>
#include <nlohmann/json.hpp>

#include "engine/block.hpp"
#include "engine/merge_runs.hpp"
#include "engine/prepare.hpp"
#include "engine/run_experiment.hpp"
#include "output/result_size.hpp"
#include "output/table_writer.hpp"
#include "support/fundsim_process.hpp"
#include "world/error.hpp"

using namespace fundsim;
using namespace fundsim::testing;

namespace {

RunRequest request_for(const fs::path& file, const fs::path& out, int threads = 2) {
    RunRequest r;
    r.file = file.string();
    r.out = out;
    r.threads = threads;
    return r;
}

}  // namespace

TEST_CASE("RunExperiment.runs_without_the_command_line_and_equals_the_program" * doctest::timeout(300)) {
    const fs::path dir = scratch_dir("api_run");
    const fs::path file = write_small_experiment(dir);
    std::uint64_t last_done = 0, total = 0;
    bool saw_writing = false;
    RunRequest r = request_for(file, dir / "api", 3);
    r.on_progress = [&](const ExperimentProgress& p) {
        if (p.phase == ExperimentProgress::Phase::writing) saw_writing = true;
        CHECK(p.worlds_done >= last_done);
        last_done = p.worlds_done;
        total = p.worlds_total;
    };
    const RunResult result = run_experiment(r);
    CHECK(result.ending == RunEnding::complete);
    CHECK(result.dir == dir / "api");
    CHECK(result.points == 2);
    CHECK(result.total_worlds == 300);
    CHECK(result.summary.worlds == 300);
    CHECK(result.threads == 3);
    CHECK(last_done == 300);
    CHECK(total == 300);
    CHECK(saw_writing);
    const Process p = run_fundsim("run '" + file.string() + "' --out '" + (dir / "cli").string() + "' --quiet", dir);
    REQUIRE(p.exit_code == 0);
    check_same_results(dir / "cli", dir / "api");
}

TEST_CASE("RunExperiment.results_are_identical_at_every_thread_count" * doctest::timeout(300)) {
    const fs::path dir = scratch_dir("api_threads");
    const fs::path file = write_small_experiment(dir);
    fs::path reference;
    for (int threads : {3, 4, 8, 1, 2}) {  // rotated, so the reference is not the serial run
        const fs::path out = dir / ("t" + std::to_string(threads));
        REQUIRE(run_experiment(request_for(file, out, threads)).ending == RunEnding::complete);
        if (reference.empty()) reference = out;
        else check_same_results(reference, out);
        const auto manifest = nlohmann::json::parse(read_text(out / "manifest.json"));
        CHECK(manifest["status"] == "complete");
        CHECK(manifest["threads"] == threads);
        CHECK_FALSE(fs::exists(out / ".blocks"));  // removed once the CSVs hold everything
    }
}

TEST_CASE("RunExperiment.stop_keeps_finished_blocks_and_resume_completes" * doctest::timeout(300)) {
    const fs::path dir = scratch_dir("api_stop");
    const fs::path file = write_small_experiment(dir);
    REQUIRE(run_experiment(request_for(file, dir / "whole")).ending == RunEnding::complete);
    RunRequest r = request_for(file, dir / "part", 1);
    std::atomic<int> polls{0};
    // The stop test is asked before each block and before each world of it
    // (engine/block_builder.hpp): on one thread, two blocks finish, then the run stops.
    r.should_stop = [&] { return polls.fetch_add(1) >= 2 * (static_cast<int>(kBlockWorlds) + 1); };
    const RunResult stopped = run_experiment(r);
    CHECK(stopped.ending == RunEnding::interrupted);
    CHECK_FALSE(fs::exists(dir / "part" / "worlds.csv"));
    const auto manifest = nlohmann::json::parse(read_text(dir / "part" / "manifest.json"));
    CHECK(manifest["message"].get<std::string>().find("interrupted") == 0);
    RunRequest resume = request_for(file, dir / "part");
    resume.folder = FolderMode::resume;
    std::uint64_t before = 0;
    resume.on_progress = [&](const ExperimentProgress& p) { before = p.worlds_before; };
    CHECK(run_experiment(resume).ending == RunEnding::complete);
    CHECK(before > 0);
    CHECK(before < 300);
    check_same_results(dir / "whole", dir / "part");
    CHECK(run_experiment(resume).ending == RunEnding::already_complete);
}

TEST_CASE("RunExperiment.bad_input_throws_before_the_folder_changes") {
    const fs::path dir = scratch_dir("api_bad");
    const fs::path file = write_small_experiment(dir);
    RunRequest r = request_for(file, dir / "out");
    r.sets = {{"behavior.bass.q", "7"}};
    CHECK_THROWS_AS(run_experiment(r), ConfigError);
    r.sets.clear();
    r.threads = 0;
    CHECK_THROWS_AS(run_experiment(r), ConfigError);
    CHECK_FALSE(fs::exists(dir / "out"));
}

TEST_CASE("RunExperiment.size_estimate_is_within_2x_of_the_files_written" * doctest::timeout(300)) {
    const fs::path dir = scratch_dir("api_size");
    const fs::path file = write_small_experiment(dir);
    RunRequest r = request_for(file, dir / "out");
    r.sets = {{"experiment.output.trajectories", "50"}};
    REQUIRE(run_experiment(r).ending == RunEnding::complete);
    const RunPlan plan = prepare_experiment(file.string(), r.sets).plan;
    for (const auto& estimate : estimate_result_sizes(plan)) {
        INFO(estimate.name);
        const auto bytes = static_cast<double>(fs::file_size(dir / "out" / estimate.name));
        CHECK(static_cast<double>(estimate.bytes) < 2 * bytes);
        CHECK(static_cast<double>(estimate.bytes) > bytes / 2);
    }
}

TEST_CASE("RunExperiment.hdf5_results_are_byte_identical_at_any_thread_count_and_after_merge" * doctest::timeout(300)) {
    if (!has_table_format(kHdf5Format)) return;  // built without libhdf5
    const fs::path dir = scratch_dir("api_hdf5");
    const fs::path file = write_small_experiment(dir);
    auto hdf5 = [&](const fs::path& out, int threads) {
        RunRequest r = request_for(file, out, threads);
        r.sets = {{"experiment.output.format", "hdf5"}};
        return r;
    };
    REQUIRE(run_experiment(hdf5(dir / "t1", 1)).ending == RunEnding::complete);
    const RunResult three = run_experiment(hdf5(dir / "t3", 3));
    CHECK(three.summary.files == "results.h5");
    CHECK_FALSE(fs::exists(dir / "t3" / "worlds.csv"));
    CHECK(read_text(dir / "t1" / "results.h5") == read_text(dir / "t3" / "results.h5"));
    MergeRequest merge;
    for (std::uint32_t i = 1; i <= 2; ++i) {
        RunRequest part = hdf5(dir / ("part" + std::to_string(i)), 2);
        part.shard = Shard{i, 2};
        REQUIRE(run_experiment(part).ending == RunEnding::shard_complete);
        merge.parts.push_back(part.out);
    }
    merge.out = dir / "merged";
    merge_runs(merge);
    CHECK(read_text(dir / "t1" / "results.h5") == read_text(dir / "merged" / "results.h5"));
}
