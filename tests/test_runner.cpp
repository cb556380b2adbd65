#include <doctest/doctest.h>

#include <oneapi/tbb/task_arena.h>

#include <filesystem>
#include <string>
#include <vector>

#include "engine/block_builder.hpp"
#include "engine/runner.hpp"
#include "support/experiment_builder.hpp"
#include "world/error.hpp"

using namespace fundsim;
namespace fs = std::filesystem;

namespace {

Scenario bass_scenario(int worlds) {
    Experiment ex = testing::make_experiment(12, 8);
    ex.worlds = worlds;
    ex.trajectories = 3;
    ex.behavior.rule = DecisionRule::bass;
    ex.behavior.bass_p = 0.05;
    ex.behavior.bass_q = 0.4;
    ex.behavior.bass_scope = BassScope::global;
    return Scenario::build(ex);
}

RunPlan plan_for(const Scenario& s) { return RunPlan::make(5, SweepSpec{}, {{}}, {&s.experiment}); }

fs::path scratch(const std::string& name) {
    const fs::path dir = fs::path(FUNDSIM_BINARY).parent_path() / "test-scratch" / name;
    fs::remove_all(dir);
    return dir;
}

}  // namespace

TEST_CASE("BlockBuilder.bytes_do_not_depend_on_thread_count" * doctest::timeout(120)) {
    const Scenario s = bass_scenario(100);
    const RunPlan plan = plan_for(s);
    std::string reference;
    for (int threads : {3, 1, 4, 2, 8}) {  // rotated order
        BlockBuilder builder;
        tbb::task_arena arena(threads);
        std::string bytes;
        arena.execute([&] { bytes = encode_block(builder.build(plan.points[0], s, BlockKey{0, 1}), 5); });
        if (reference.empty()) reference = bytes;
        CHECK(bytes == reference);
    }
    const Block b = decode_block(reference, 5, BlockKey{0, 1}, "test");
    CHECK(b.first_world == 64);
    CHECK(b.world_count == 36);
    CHECK(b.trajectory.empty());  // worlds 64.. are beyond output.trajectories = 3
    BlockBuilder builder;
    const Block first = builder.build(plan.points[0], s, BlockKey{0, 0});
    REQUIRE_FALSE(first.trajectory.empty());
    CHECK(first.trajectory.back().world == 2);
}

TEST_CASE("Runner.writes_every_block_it_is_given" * doctest::timeout(120)) {
    const Scenario s = bass_scenario(200);
    const RunPlan plan = plan_for(s);
    const BlockStore store(scratch("runner_all"));
    store.create();
    RunnerOptions options;
    options.threads = 2;
    std::vector<RunProgress> ticks;
    options.on_progress = [&ticks](const RunProgress& p) { ticks.push_back(p); };
    const RunnerResult r = run_blocks(plan, {&s}, {BlockKey{0, 3}, BlockKey{0, 1}}, store, options);
    CHECK(r.blocks_written == 2);
    CHECK(r.worlds_done == 64 + 8);
    CHECK_FALSE(r.is_stopped);
    // Progress only grows, counts every world of the call, and ends complete.
    REQUIRE_FALSE(ticks.empty());
    for (std::size_t i = 0; i < ticks.size(); ++i) {
        CHECK(ticks[i].worlds_total == 64 + 8);
        CHECK(ticks[i].worlds_done <= ticks[i].worlds_total);
        if (i > 0) CHECK(ticks[i].worlds_done >= ticks[i - 1].worlds_done);
    }
    CHECK(ticks.back().worlds_done == 64 + 8);
    CHECK(store.list() == std::vector<BlockKey>{{0, 1}, {0, 3}});
}

TEST_CASE("Runner.stops_launching_blocks_when_asked") {
    const Scenario s = bass_scenario(200);
    const RunPlan plan = plan_for(s);
    const BlockStore store(scratch("runner_stop"));
    store.create();
    RunnerOptions options;
    options.should_stop = [] { return true; };
    const RunnerResult r = run_blocks(plan, {&s}, {BlockKey{0, 0}, BlockKey{0, 1}}, store, options);
    CHECK(r.is_stopped);
    CHECK(r.blocks_written == 0);
    CHECK(store.list().empty());
}

TEST_CASE("Runner.labels_a_failing_world_with_point_and_world") {
    const Scenario s = bass_scenario(10);
    RunPlan plan = plan_for(s);
    plan.points[0].steps = 99;  // the model's outcome will not have this shape
    const BlockStore store(scratch("runner_failure"));
    store.create();
    RunnerOptions options;
    options.threads = 2;
    try {
        run_blocks(plan, {&s}, {BlockKey{0, 0}}, store, options);
        FAIL("expected a ModelError");
    } catch (const ModelError& e) {
        const std::string what = e.what();
        CHECK(what.find("point 0, world ") != std::string::npos);
    }
    CHECK(store.list().empty());
}

TEST_CASE("Runner.a_stop_request_is_acted_on_between_worlds_not_only_between_blocks") {
    const Scenario s = bass_scenario(64);
    const RunPlan plan = plan_for(s);
    const BlockStore store(scratch("runner_stop_in_block"));
    store.create();
    RunnerOptions options;
    options.threads = 1;
    std::atomic<int> asked{0};
    options.should_stop = [&asked] { return ++asked > 1; };  // the block starts, then a signal arrives
    const RunnerResult r = run_blocks(plan, {&s}, {BlockKey{0, 0}}, store, options);
    CHECK(r.is_stopped);
    CHECK(r.blocks_written == 0);  // the unfinished block is left for --resume
    CHECK(store.list().empty());
}

TEST_CASE("BlockBuilder.a_non_finite_outcome_names_point_world_step_and_quantity") {
    WorldOutcome out;
    out.steps = 2;
    out.series.assign(3 * kMetricCount, 1.0);
    out.governments.resize(2);
    CHECK_NOTHROW(check_finite(out, BlockKey{1, 0}, 5));
    out.at(2, Metric::fund_equity) = std::numeric_limits<double>::infinity();
    try {
        check_finite(out, BlockKey{1, 0}, 5);
        FAIL("expected a ModelError");
    } catch (const ModelError& e) {
        const std::string what = e.what();
        CHECK(what.find("point 1, world 5, step 2: metric fund_equity is +inf") != std::string::npos);
    }
    out.at(2, Metric::fund_equity) = 0;
    out.governments[1].tariff_faced = std::nan("");
    CHECK_THROWS_WITH_AS(check_finite(out, BlockKey{0, 0}, 0), doctest::Contains("government #1 tariff faced is NaN"),
                         ModelError);
}
