#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "support/fundsim_process.hpp"

using namespace fundsim::testing;

TEST_CASE("Cli.version_and_help") {
    const fs::path dir = scratch_dir("cli_help");
    const Process version = run_fundsim("--version", dir);
    CHECK(version.exit_code == 0);
    CHECK(version.output == std::string("fundsim ") + FUNDSIM_VERSION + "\n");
    const Process help = run_fundsim("--help", dir);
    CHECK(help.exit_code == 0);
    for (const char* command : {"run", "validate", "describe", "merge", "Examples:"})
        CHECK(help.output.find(command) != std::string::npos);
    const Process run_help = run_fundsim("run --help", dir);
    CHECK(run_help.exit_code == 0);
    for (const char* flag : {"--worlds", "--threads", "--out", "--set", "--shard", "--resume", "--force", "--quiet", "Example:"})
        CHECK(run_help.output.find(flag) != std::string::npos);
}

TEST_CASE("Cli.parse_errors_exit_2_with_one_line") {
    const fs::path dir = scratch_dir("cli_parse_errors");
    for (const std::string args : {"", "fly", "run", "run does-not-exist.yaml", "merge --out x", "run x.yaml --bogus"}) {
        const Process p = run_fundsim(args, dir);
        INFO("args: " << args << " -> " << p.output);
        CHECK(p.exit_code == 2);
        CHECK(p.output.rfind("fundsim: error: ", 0) == 0);
        CHECK(std::count(p.output.begin(), p.output.end(), '\n') == 1);
    }
}

TEST_CASE("Cli.validate_reports_points_and_worlds") {
    const fs::path dir = scratch_dir("cli_validate");
    const fs::path file = write_small_experiment(dir);
    const Process p = run_fundsim("validate '" + file.string() + "'", dir);
    CHECK(p.exit_code == 0);
    CHECK(p.output == "ok: 10 governments, 2 points, 150 worlds each\n");
    const Process set = run_fundsim("validate '" + file.string() + "' --set experiment.worlds=7", dir);
    CHECK(set.output == "ok: 10 governments, 2 points, 7 worlds each\n");
    const Process bad = run_fundsim("validate '" + file.string() + "' --set behavior.bass.q=7", dir);
    CHECK(bad.exit_code == 2);
    CHECK(bad.output.find("behavior.bass.q") != std::string::npos);
}

TEST_CASE("Cli.describe_shows_agents_graph_events_and_sweep") {
    const fs::path dir = scratch_dir("cli_describe");
    const fs::path file = write_small_experiment(dir);
    const Process p = run_fundsim("describe '" + file.string() + "'", dir);
    INFO(p.output);
    CHECK(p.exit_code == 0);
    for (const char* text : {"governments: 10", "founders: A", "negotiators:", "investors:", "sponsors:",
                             "graph (point 0, world 0): 10 vertices", "events: 1", "step 3", "tariff", "sweep: 2 points",
                             "behavior.bass.q"})
        CHECK(p.output.find(text) != std::string::npos);
}

TEST_CASE("Cli.run_prints_where_results_are_and_a_summary" * doctest::timeout(120)) {
    const fs::path dir = scratch_dir("cli_summary");
    const fs::path file = write_small_experiment(dir);
    const fs::path out = dir / "out";
    const Process p = run_fundsim("run '" + file.string() + "' --worlds 10 --out '" + out.string() + "'", dir);
    INFO(p.output);
    CHECK(p.exit_code == 0);
    CHECK(p.output.find("results: " + out.string()) != std::string::npos);
    for (const char* text : {"2 points", "20 worlds", "mean final members", "adoption", "fund equity", "non-founder joined"})
        CHECK(p.output.find(text) != std::string::npos);
    CHECK(p.output.find("worlds/s") == std::string::npos);  // no progress line when stderr is not a terminal
}

TEST_CASE("Cli.slurm_array_variables_pick_the_shard" * doctest::timeout(120)) {
    const fs::path dir = scratch_dir("cli_slurm");
    const fs::path file = write_small_experiment(dir);
    const fs::path out = dir / "out";
    const Process p = run_fundsim("run '" + file.string() + "' --quiet --out '" + out.string() + "'", dir);
    REQUIRE(p.exit_code == 0);
    const fs::path part = dir / "part";
    const std::string env = "SLURM_ARRAY_TASK_ID=11 SLURM_ARRAY_TASK_COUNT=2 SLURM_ARRAY_TASK_MIN=10 ";
    const std::string command = env + "'" + FUNDSIM_BINARY + "' run '" + file.string() + "' --quiet --out '" +
                                part.string() + "' > /dev/null 2>&1";
    REQUIRE(std::system(command.c_str()) == 0);
    CHECK(read_text(part / "manifest.json").find("\"count\": 2") != std::string::npos);
    CHECK(fs::exists(part / ".blocks" / "p0_b1.bin"));   // global block 1: shard 2 of 2
    CHECK_FALSE(fs::exists(part / ".blocks" / "p0_b0.bin"));
}

TEST_CASE("Cli.schema_prints_the_key_reference") {
    const fs::path dir = scratch_dir("cli_schema");
    const Process p = run_fundsim("schema", dir);
    CHECK(p.exit_code == 0);
    std::ifstream in(std::string(FUNDSIM_SOURCE_DIR) + "/configs/README.md", std::ios::binary);
    std::stringstream committed;
    committed << in.rdbuf();
    CHECK(p.output == committed.str());
}
