#include <doctest/doctest.h>

#include "engine/plan.hpp"
#include "world/error.hpp"


using namespace fundsim;

namespace {

RunPlan sample_plan() {
    Experiment a, b;
    a.seed = b.seed = 11;
    a.worlds = 130, a.steps = 5, a.trajectories = 2;
    b.worlds = 64, b.steps = 5, b.trajectories = 0;
    GovernmentSpec ga, gb;
    ga.id = "A";
    gb.id = "B";
    a.governments = b.governments = {ga, gb};
    SweepSpec sweep;
    SweepParameter p;
    p.path = "x";
    p.values = {"1", "2"};
    sweep.parameters = {p};
    return RunPlan::make(7, sweep, {{{"x", "1"}}, {{"x", "2"}}}, {&a, &b});
}

}  // namespace

TEST_CASE("RunPlan.numbers_blocks_point_major") {
    const RunPlan plan = sample_plan();
    REQUIRE(plan.points.size() == 2);
    CHECK(plan.points[0].block_count == 3);  // 64 + 64 + 2
    CHECK(plan.points[0].worlds_in_block(2) == 2);
    CHECK(plan.points[1].block_count == 1);
    CHECK(plan.total_blocks == 4);
    CHECK(plan.total_worlds == 194);
    for (std::uint64_t g = 0; g < plan.total_blocks; ++g) CHECK(plan.global_index(plan.key_of(g)) == g);
    CHECK(plan.key_of(3) == BlockKey{1, 0});
    CHECK_THROWS_AS(plan.global_index(BlockKey{1, 1}), IoError);
}

TEST_CASE("RunPlan.round_trips_through_json") {
    const RunPlan plan = sample_plan();
    const RunPlan back = RunPlan::from_json(plan.to_json(), "plan.json");
    CHECK(back.to_json() == plan.to_json());
    CHECK(back.experiment_hash == 7);
    CHECK(back.points[0].overrides[0].value == "1");
    CHECK(back.points[1].government_ids[1] == "B");
    CHECK_THROWS_AS(RunPlan::from_json("{}", "plan.json"), IoError);
    CHECK_THROWS_AS(RunPlan::from_json("not json", "plan.json"), IoError);
}

TEST_CASE("RunPlan.hash_ignores_the_output_folder_only") {
    const Experiment data;
    const std::string json = R"({"experiment": {"worlds": 10, "output": {"dir": "a", "trajectories": 2}}})";
    const auto h = experiment_hash(json, data);
    CHECK(h == experiment_hash(R"({"experiment": {"output": {"trajectories": 2, "dir": "b"}, "worlds": 10}})", data));
    CHECK(h != experiment_hash(R"({"experiment": {"worlds": 11, "output": {"dir": "a", "trajectories": 2}}})", data));
    CHECK(h != experiment_hash(R"({"experiment": {"worlds": 10, "output": {"dir": "a", "trajectories": 3}}})", data));
    Experiment edited;  // the same file names, other data in the CSV files
    edited.governments.push_back(GovernmentSpec{});
    edited.governments.back().id = "X";
    const auto with_x = experiment_hash(json, edited);
    CHECK(with_x != h);
    edited.governments.back().gdp_usd_bn = 5;
    CHECK(experiment_hash(json, edited) != with_x);
    CHECK(hash_hex(0xabc) == "0000000000000abc");
}

