#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "support/fundsim_process.hpp"

using namespace fundsim::testing;

namespace {

/// Runs the small experiment whole into dir/whole and as three shards into dir/part<i>.
void run_whole_and_shards(const fs::path& dir) {
    const fs::path file = write_small_experiment(dir);
    const std::string base = "run '" + file.string() + "' --quiet --threads 2 --out ";
    REQUIRE(run_fundsim(base + "'" + (dir / "whole").string() + "'", dir).exit_code == 0);
    for (int i = 1; i <= 3; ++i) {
        const fs::path part = dir / ("part" + std::to_string(i));
        const Process p = run_fundsim(base + "'" + part.string() + "' --shard " + std::to_string(i) + "/3", dir);
        INFO(p.output);
        REQUIRE(p.exit_code == 0);
        const auto manifest = nlohmann::json::parse(read_text(part / "manifest.json"));
        CHECK(manifest["status"] == "partial");
        CHECK(manifest["shard"]["index"] == i);
        CHECK(manifest["shard"]["count"] == 3);
        CHECK(manifest["blocks_done"] == 2);  // 6 blocks, round-robin
    }
}

std::string parts(const fs::path& dir, std::initializer_list<int> which) {
    std::string text;
    for (int i : which) text += " '" + (dir / ("part" + std::to_string(i))).string() + "'";
    return text;
}

}  // namespace

TEST_CASE("MergeCommand.three_shards_merge_into_the_single_run" * doctest::timeout(300)) {
    const fs::path dir = scratch_dir("merge_shards");
    run_whole_and_shards(dir);
    const fs::path merged = dir / "merged";
    const Process p = run_fundsim("merge" + parts(dir, {2, 3, 1}) + " --out '" + merged.string() + "'", dir);
    INFO(p.output);
    REQUIRE(p.exit_code == 0);
    check_same_results(dir / "whole", merged);
    const auto manifest = nlohmann::json::parse(read_text(merged / "manifest.json"));
    CHECK(manifest["status"] == "complete");
    CHECK(manifest["parts"].size() == 3);
    const auto whole = nlohmann::json::parse(read_text(dir / "whole" / "manifest.json"));
    CHECK(manifest["experiment"] == whole["experiment"]);
    CHECK(manifest["experiment_hash"] == whole["experiment_hash"]);

    SUBCASE("--quiet is accepted like every other command's and prints nothing") {
        const fs::path quiet = dir / "merged_quiet";
        const Process q = run_fundsim("merge" + parts(dir, {1, 2, 3}) + " --quiet --out '" + quiet.string() + "'", dir);
        CHECK(q.exit_code == 0);
        CHECK(q.output.empty());
        check_same_results(dir / "whole", quiet);
    }
    SUBCASE("a missing shard is bad input and writes nothing") {
        const fs::path out = dir / "incomplete";
        const Process q = run_fundsim("merge" + parts(dir, {1, 3}) + " --out '" + out.string() + "'", dir);
        CHECK(q.exit_code == 2);
        CHECK(q.output.find("missing") != std::string::npos);
        CHECK_FALSE(fs::exists(out));
    }
    SUBCASE("a shard given twice is bad input") {
        const fs::path out = dir / "twice";
        const Process q = run_fundsim("merge" + parts(dir, {1, 2, 3, 2}) + " --out '" + out.string() + "'", dir);
        CHECK(q.exit_code == 2);
        CHECK_FALSE(fs::exists(out));
    }
    SUBCASE("a part of another experiment is bad input") {
        const fs::path other = dir / "other";
        const fs::path file = dir / "small.yaml";
        REQUIRE(run_fundsim("run '" + file.string() + "' --quiet --worlds 10 --shard 2/3 --out '" + other.string() + "'",
                            dir).exit_code == 0);
        const fs::path out = dir / "mixed";
        const Process q = run_fundsim("merge" + parts(dir, {1, 3}) + " '" + other.string() + "' --out '" +
                                      out.string() + "'", dir);
        CHECK(q.exit_code == 2);
        CHECK(q.output.find("different experiment") != std::string::npos);
        CHECK_FALSE(fs::exists(out));
    }
    SUBCASE("merging over existing results needs --force") {
        CHECK(run_fundsim("merge" + parts(dir, {1, 2, 3}) + " --out '" + merged.string() + "'", dir).exit_code == 2);
        CHECK(run_fundsim("merge" + parts(dir, {1, 2, 3}) + " --out '" + merged.string() + "' --force", dir).exit_code == 0);
        check_same_results(dir / "whole", merged);
    }
}
