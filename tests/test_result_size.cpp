#include <doctest/doctest.h>

#include <string>

#include "output/result_size.hpp"
#include "support/fundsim_process.hpp"
#include "world/error.hpp"

using namespace fundsim;
using namespace fundsim::testing;

namespace {

/// One point of `governments` governments, like a generated-governments experiment.
RunPlan plan_of(std::uint32_t governments, std::uint32_t worlds, int steps, std::uint32_t trajectories) {
    PointPlan point;
    point.worlds = worlds;
    point.steps = steps;
    point.trajectories = trajectories;
    for (std::uint32_t g = 0; g < governments; ++g) point.government_ids.push_back("G" + std::to_string(g));
    RunPlan plan;
    plan.points.push_back(point);
    return plan;
}

std::uint64_t file_bytes(const RunPlan& plan, const std::string& name) {
    for (const auto& f : estimate_result_sizes(plan))
        if (f.name == name) return f.bytes;
    return 0;
}

/// A cascade of 10,000 generated governments, 100 steps, 20 trajectory worlds.
std::string cascade_yaml() {
    return R"(experiment:
  name: cascade_10k
  seed: 2002
  worlds: 200
  steps: 100
  output: {trajectories: 20}
fund:
  founders: {random: 1}
governments:
  generate: {count: 10000}
network:
  generator: {type: erdos_renyi, mean_degree: 4}
behavior:
  decision_rule: threshold
  threshold: {phi: 0.18}
)";
}

}  // namespace

TEST_CASE("ResultSize.trajectories_grow_with_governments_steps_and_traced_worlds") {
    const RunPlan plan = plan_of(10000, 200, 100, 20);
    const std::uint64_t rows = 20ull * 101 * 10000;
    for (const auto& f : estimate_result_sizes(plan))
        if (f.name == "trajectories.csv") CHECK(f.rows == rows);
    // The 10,000-government cascade wrote 541 MB of trajectories: the estimate is within 2x.
    CHECK(file_bytes(plan, "trajectories.csv") > 541'000'000 / 2);
    CHECK(file_bytes(plan, "trajectories.csv") < 541'000'000 * 2);
    CHECK(file_bytes(plan_of(10000, 200, 100, 0), "trajectories.csv") == 0);
    CHECK(file_bytes(plan_of(10000, 5, 100, 20), "trajectories.csv") ==
          file_bytes(plan_of(10000, 5, 100, 5), "trajectories.csv"));  // only existing worlds are traced
}

TEST_CASE("ResultSize.refuses_above_the_limit_with_the_estimate_and_the_remedy") {
    CHECK_NOTHROW(check_result_size(plan_of(48, 2000, 36, 20)));  // the default experiment
    try {
        check_result_size(plan_of(10000, 200, 100, 20));
        FAIL("expected a refusal");
    } catch (const ConfigError& e) {
        const std::string m = e.what();
        INFO(m);
        CHECK(m.find("about ") != std::string::npos);
        CHECK(m.find("trajectories.csv") != std::string::npos);
        CHECK(m.find("500 MB limit") != std::string::npos);
        CHECK(m.find("experiment.output.trajectories (now 20") != std::string::npos);
        CHECK(m.find("--force-size") != std::string::npos);
    }
    CHECK_NOTHROW(check_result_size(plan_of(10000, 200, 100, 20), 10'000'000'000ull));
}

TEST_CASE("ResultSize.cli_refuses_the_10000_government_cascade_unless_forced" * doctest::timeout(300)) {
    const fs::path dir = scratch_dir("result_size");
    const fs::path file = dir / "cascade.yaml";
    write_text(file, cascade_yaml());
    const fs::path out = dir / "out";
    const Process p = run_fundsim("run '" + file.string() + "' --out '" + out.string() + "' --quiet", dir);
    INFO(p.output);
    CHECK(p.exit_code == 2);
    CHECK(p.output.rfind("fundsim: error: the results would be about ", 0) == 0);
    CHECK(p.output.find("trajectories.csv") != std::string::npos);
    CHECK_FALSE(fs::exists(out));
    // Lowering the trajectories as the message says is accepted (validated only: a few worlds).
    const Process lowered = run_fundsim("run '" + file.string() + "' --out '" + out.string() +
                                            "' --quiet --worlds 2 --set experiment.output.trajectories=0",
                                        dir);
    INFO(lowered.output);
    CHECK(lowered.exit_code == 0);
    // --force-size passes the guard: the run gets as far as the next check (here: --out is a file).
    write_text(dir / "a_file", "x");
    const Process forced =
        run_fundsim("run '" + file.string() + "' --out '" + (dir / "a_file").string() + "' --quiet --force-size", dir);
    INFO(forced.output);
    CHECK(forced.exit_code == 2);
    CHECK(forced.output.find("is not a folder") != std::string::npos);
}
