#include <doctest/doctest.h>

#include "agents/decision_rules.hpp"
#include "support/experiment_builder.hpp"

using namespace fundsim;
using namespace fundsim::testing;

TEST_CASE("DecisionRules.threshold_is_fraction_of_weighted_degree_at_least_phi") {
    CHECK(threshold_joins(1, 4, 0.25));
    CHECK_FALSE(threshold_joins(0.99, 4, 0.25));
    CHECK(threshold_joins(0, 3, 0.0));        // phi = 0 joins with no member neighbour
    CHECK_FALSE(threshold_joins(0, 0, 0.0));  // no ties: never joins
    CHECK(threshold_joins(1, 99, 0.0101010101010101));  // k/d written in decimal
}

TEST_CASE("DecisionRules.bass_hazard_is_p_plus_q_f_clipped") {
    CHECK(bass_join_probability(0.03, 0.38, 0.5) == doctest::Approx(0.22));
    CHECK(bass_join_probability(0.5, 1.0, 1.0) == 1.0);
    CHECK(bass_join_probability(0.0, 0.0, 1.0) == 0.0);
}

TEST_CASE("DecisionRules.logit_probabilities_follow_utility") {
    CHECK(logit_join_probability(0, 0.1) == doctest::Approx(0.05));
    CHECK(logit_join_probability(3, 0.1) > logit_join_probability(-3, 0.1));
    // exits: a fund trailing the safe rate by more points, more exits
    CHECK(logit_exit_probability(5, 1, 2, 0.1, 0) > logit_exit_probability(-5, 1, 2, 0.1, 0));
    CHECK(logit_exit_probability(0, 1, 2, 0.1, 0.5) > logit_exit_probability(0, 1, 2, 0.1, 0.0));
    CHECK(logit_exit_probability(0, 1, 4, 0.1, 0) < logit_exit_probability(0, 1, 2, 0.1, 0));  // inertia
    CHECK(logit_exit_probability(3, 0, 2, 0.1, 0) == doctest::Approx(logit_exit_probability(-3, 0, 2, 0.1, 0)));
}

TEST_CASE("World.granovetter_thresholds_cascade_one_per_step") {
    // 100 governments on a complete graph, thresholds 0, 1, ..., 99 others.
    Experiment ex = make_experiment(100, 120);
    ex.behavior.rule = DecisionRule::threshold;
    ex.network.generator = NetworkGenerator::complete;
    for (int i = 0; i < 100; ++i) ex.governments[static_cast<std::size_t>(i)].threshold = i / 99.0;
    SUBCASE("everyone joins, one per step") {
        const WorldOutcome out = run(ex);
        CHECK(out.at(0, Metric::members) == 0);
        for (int t = 1; t <= 100; ++t) CHECK(out.at(t, Metric::members) == t);
        CHECK(out.at(120, Metric::members) == 100);
        CHECK(out.first_join_step == 1);
    }
    SUBCASE("raising the threshold-1 agent to 2 stops the cascade at one") {
        ex.governments[1].threshold = 2 / 99.0;
        const WorldOutcome out = run(ex);
        CHECK(out.at(120, Metric::members) == 1);
    }
}

TEST_CASE("World.updates_are_synchronous") {
    // A path 0-1-2-3 with founder 0 and phi = 0.5: one government per step,
    // because 2 sees 1's joining only at the next step.
    Experiment ex = make_experiment(4, 5);
    ex.behavior.rule = DecisionRule::threshold;
    ex.behavior.phi = 0.5;
    ex.fund.founders = {{0, 1.0}};
    add_tie(ex, 0, 1);
    add_tie(ex, 1, 2);
    add_tie(ex, 2, 3);
    const WorldOutcome out = run(ex);
    CHECK(out.at(0, Metric::members) == 1);  // step 0: founders only
    CHECK(out.at(1, Metric::members) == 2);
    CHECK(out.at(2, Metric::members) == 3);
    CHECK(out.at(3, Metric::members) == 4);
    CHECK(out.governments[2].join_step == 2);
}

TEST_CASE("World.threshold_never_joins_an_isolated_government") {
    Experiment ex = make_experiment(3, 5);
    ex.behavior.rule = DecisionRule::threshold;
    ex.behavior.phi = 0.0;
    add_tie(ex, 0, 1);
    const WorldOutcome out = run(ex);
    CHECK(out.governments[0].status == Status::member);
    CHECK(out.governments[2].status == Status::outside);
}

TEST_CASE("World.bass_global_follows_the_bass_recursion") {
    const double p = 0.03, q = 0.38;
    Experiment ex = make_experiment(1000, 15);
    ex.behavior.rule = DecisionRule::bass;
    ex.behavior.bass_p = p;
    ex.behavior.bass_q = q;
    ex.behavior.bass_scope = BassScope::global;
    const Scenario s = Scenario::build(ex);
    std::vector<double> mean(16, 0.0);
    const int worlds = 40;
    WorldOutcome out;
    for (int w = 0; w < worlds; ++w) {
        simulate_world(s, 0, static_cast<std::uint64_t>(w), false, out);
        for (int t = 0; t <= 15; ++t) mean[static_cast<std::size_t>(t)] += out.at(t, Metric::adoption) / worlds;
    }
    double f = 0;
    for (int t = 1; t <= 15; ++t) {
        f = f + (1 - f) * (p + q * f);
        CHECK(mean[static_cast<std::size_t>(t)] == doctest::Approx(f).epsilon(0.03));
    }
}

TEST_CASE("World.bass_network_scope_uses_neighbours_only") {
    // q only acts through ties: with p = 0 and no ties, nobody joins.
    Experiment ex = make_experiment(50, 10);
    ex.behavior.rule = DecisionRule::bass;
    ex.behavior.bass_p = 0.0;
    ex.behavior.bass_q = 1.0;
    ex.fund.founders = {{0, 1.0}};
    ex.behavior.bass_scope = BassScope::network;
    CHECK(run(ex).at(10, Metric::members) == 1);
    ex.behavior.bass_scope = BassScope::global;
    CHECK(run(ex).at(10, Metric::members) > 1);
}

TEST_CASE("World.threshold_rechecks_a_neighbour_of_event_and_rule_joiners") {
    // 2 needs all its neighbours (1 and 3) to be members. At step 1 an event
    // makes 3 a member and the rule makes 1 one; 2 must join at step 2.
    Experiment ex = make_experiment(4, 4);
    ex.behavior.rule = DecisionRule::threshold;
    ex.behavior.phi = 0.5;
    ex.governments[2].threshold = 1.0;
    ex.fund.founders = {{0, 1.0}};
    add_tie(ex, 0, 1);
    add_tie(ex, 1, 2);
    add_tie(ex, 3, 2);
    EventSpec join;
    join.type = EventType::join;
    join.at = 1;
    join.government = 3;
    ex.events.push_back(join);
    const WorldOutcome out = run(ex);
    CHECK(out.governments[1].join_step == 1);
    CHECK(out.governments[3].join_step == 1);
    CHECK(out.governments[2].join_step == 2);
}

TEST_CASE("World.an_exited_founder_follows_the_network_rule_like_any_non_member") {
    // SPEC §3: every non-member with ties joins when its member fraction
    // reaches phi — a founder forced out at the start of step 2 rejoins by
    // the rule in the same step (events fire before decisions).
    Experiment ex = make_experiment(3, 4);
    ex.behavior.rule = DecisionRule::threshold;
    ex.behavior.phi = 0.5;
    ex.fund.founders = {{0, 1.0}};
    add_tie(ex, 0, 1);
    add_tie(ex, 1, 2);
    EventSpec exit;
    exit.type = EventType::exit;
    exit.at = 2;
    exit.government = 0;
    ex.events.push_back(exit);
    const WorldOutcome out = run(ex);
    CHECK(out.at(2, Metric::exits) == 1);
    CHECK(out.at(2, Metric::members) == 3);  // 2 joined, 0 left and rejoined
    CHECK(out.governments[0].status == Status::member);
    CHECK(out.governments[0].join_step == 2);
    CHECK(out.first_join_step == 1);  // counts non-founders only
}
