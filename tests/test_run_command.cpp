#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "support/fundsim_process.hpp"

using namespace fundsim::testing;

namespace {

std::string run_args(const fs::path& file, const fs::path& out, const std::string& extra = "") {
    return "run '" + file.string() + "' --out '" + out.string() + "' --quiet " + extra;
}

}  // namespace

TEST_CASE("RunCommand.resume_recomputes_missing_and_damaged_blocks_only" * doctest::timeout(300)) {
    const fs::path dir = scratch_dir("run_resume");
    const fs::path file = write_small_experiment(dir);
    REQUIRE(run_fundsim(run_args(file, dir / "whole"), dir).exit_code == 0);
    // Make a folder holding every block (two shard runs into one folder), then damage it.
    const fs::path part = dir / "part";
    REQUIRE(run_fundsim(run_args(file, part, "--shard 1/2"), dir).exit_code == 0);
    REQUIRE(run_fundsim(run_args(file, part, "--shard 2/2 --resume"), dir).exit_code == 0);
    const fs::path blocks = part / ".blocks";
    REQUIRE(fs::exists(blocks / "p1_b2.bin"));
    CHECK_FALSE(fs::exists(part / "worlds.csv"));  // shards write no CSVs
    fs::remove(blocks / "p0_b1.bin");
    const std::string bytes = read_text(blocks / "p1_b0.bin");
    write_text(blocks / "p1_b0.bin", bytes.substr(0, bytes.size() / 2));  // torn write
    write_text(blocks / "p1_b2.bin.tmp", "left by kill -9");

    const Process p = run_fundsim(run_args(file, part, "--resume"), dir);
    INFO(p.output);
    REQUIRE(p.exit_code == 0);
    check_same_results(dir / "whole", part);
    CHECK(nlohmann::json::parse(read_text(part / "manifest.json"))["status"] == "complete");
    // A finished run has nothing left to resume.
    const Process again = run_fundsim(run_args(file, part, "--resume"), dir);
    CHECK(again.exit_code == 0);
    CHECK(again.output.find("already complete") != std::string::npos);
}

TEST_CASE("RunCommand.refuses_to_overwrite_and_force_replaces" * doctest::timeout(300)) {
    const fs::path dir = scratch_dir("run_overwrite");
    const fs::path file = write_small_experiment(dir);
    const fs::path out = dir / "out";
    REQUIRE(run_fundsim(run_args(file, out, "--worlds 20"), dir).exit_code == 0);
    const std::string worlds = read_text(out / "worlds.csv");
    const std::string manifest = read_text(out / "manifest.json");

    SUBCASE("a plain run exits 2 and leaves the folder intact") {
        const Process p = run_fundsim(run_args(file, out, "--worlds 30"), dir);
        CHECK(p.exit_code == 2);
        CHECK(p.output.find("--resume") != std::string::npos);
        CHECK(p.output.find("fundsim: error: ") == 0);
        CHECK(read_text(out / "worlds.csv") == worlds);
        CHECK(read_text(out / "manifest.json") == manifest);
    }
    SUBCASE("bad input with --force does not touch the folder") {
        const Process p = run_fundsim(run_args(file, out, "--force --set behavior.bass.q=7"), dir);
        CHECK(p.exit_code == 2);
        CHECK(read_text(out / "worlds.csv") == worlds);
    }
    SUBCASE("--resume of another experiment exits 2 and leaves the folder intact") {
        const Process p = run_fundsim(run_args(file, out, "--worlds 30 --resume"), dir);
        CHECK(p.exit_code == 2);
        CHECK(read_text(out / "worlds.csv") == worlds);
    }
    SUBCASE("--force replaces the results") {
        const Process p = run_fundsim(run_args(file, out, "--worlds 30 --force"), dir);
        INFO(p.output);
        CHECK(p.exit_code == 0);
        CHECK(read_text(out / "worlds.csv") != worlds);
        CHECK(nlohmann::json::parse(read_text(out / "manifest.json"))["worlds"] == 30);
    }
    SUBCASE("--force refuses a folder that is not fundsim's") {
        const fs::path other = dir / "notes";
        fs::create_directories(other);
        write_text(other / "thesis.tex", "precious");
        CHECK(run_fundsim(run_args(file, other, "--force"), dir).exit_code == 2);
        CHECK(read_text(other / "thesis.tex") == "precious");
    }
}

TEST_CASE("RunCommand.bad_input_leaves_no_results_folder") {
    const fs::path dir = scratch_dir("run_bad_input");
    const fs::path file = write_small_experiment(dir);
    const fs::path out = dir / "out";
    for (const std::string extra : {"--set behavior.bass.q=7", "--set no.such.key=1", "--shard 4/3", "--threads 0",
                                    "--worlds -5", "--set 'fund.founders={Z: 1.0}'"}) {
        const Process p = run_fundsim(run_args(file, out, extra), dir);
        INFO(extra << ": " << p.output);
        CHECK(p.exit_code == 2);
        CHECK(p.output.rfind("fundsim: error: ", 0) == 0);
        CHECK(std::count(p.output.begin(), p.output.end(), '\n') == 1);  // one clean line
        CHECK_FALSE(fs::exists(out));
    }
}

TEST_CASE("RunCommand.csv_prints_integers_plainly_and_missing_as_empty" * doctest::timeout(120)) {
    const fs::path dir = scratch_dir("run_csv_format");
    const fs::path file = write_small_experiment(dir, false);
    const fs::path out = dir / "out";
    // Nobody can join: first_join_step and mean_join_step are missing everywhere.
    const Process p = run_fundsim(run_args(file, out, "--worlds 5 --set behavior.bass.p=0 --set behavior.bass.q=0"), dir);
    INFO(p.output);
    REQUIRE(p.exit_code == 0);
    std::istringstream worlds(read_text(out / "worlds.csv"));
    std::string line;
    std::getline(worlds, line);
    CHECK(line.rfind("point,world,members_final,adoption_final,first_join_step,", 0) == 0);
    int rows = 0;
    while (std::getline(worlds, line)) {
        ++rows;
        CHECK(line.rfind("0," + std::to_string(rows - 1) + ",1,0.1,,0,", 0) == 0);  // 1 member, no ".0"
        CHECK(line.find(".0,") == std::string::npos);
    }
    CHECK(rows == 5);
    const std::string governments = read_text(out / "governments.csv");
    CHECK(governments.find("\n0,A,1,0,,") != std::string::npos);  // founder: member, never joined
    CHECK(read_text(out / "series.csv").find("\n0,0,members,5,1,0,1,1,1,1,1,1,1\n") != std::string::npos);
    CHECK(read_text(out / "points.csv") == "point\n0\n");
    CHECK(read_text(out / "trajectories.csv").find("\n0,0,0,A,member,") != std::string::npos);
}

TEST_CASE("RunCommand.resume_starts_over_a_run_killed_before_its_plan" * doctest::timeout(120)) {
    // Killed between creating .blocks/ and writing plan.json: nothing was
    // done, so --resume starts the run instead of refusing the folder.
    const fs::path dir = scratch_dir("run_unstarted");
    const fs::path file = write_small_experiment(dir);
    const fs::path out = dir / "out";
    fs::create_directories(out / ".blocks");
    const Process p = run_fundsim(run_args(file, out, "--worlds 10 --resume"), dir);
    INFO(p.output);
    CHECK(p.exit_code == 0);
    CHECK(fs::exists(out / "worlds.csv"));
    fs::remove_all(out);
    fs::create_directories(out / ".blocks");
    std::ofstream(out / "notes.txt") << "mine";  // something else: not ours to replace
    CHECK(run_fundsim(run_args(file, out, "--worlds 10 --resume"), dir).exit_code == 2);
    CHECK(fs::exists(out / "notes.txt"));
}
