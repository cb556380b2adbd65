// The founding-member deadline of the logit rule (docs/ODD.md G8).
#include <doctest/doctest.h>

#include "agents/government.hpp"
#include "support/experiment_builder.hpp"

using namespace fundsim;
using namespace fundsim::testing;

namespace {
/// 200 unconnected governments and one founder, a low intercept and no
/// other utility weights: joins are rare unless founding status is at stake.
Experiment founding_world(double bonus, std::optional<int> deadline) {
    Experiment ex = make_experiment(201, 8);
    ex.fund.founders = {{0, 1.0}};
    ex.fund.initial_capital_usd_bn = 10;
    LogitSpec& l = ex.behavior.logit;
    l.intercept = -6;
    l.tariff_relief = l.fund_return = l.peer = l.alliance = l.risk = l.fiscal_cost = 0;
    l.exit_inertia = 50;
    l.adjustment_speed = 0.7;
    l.founding_bonus = bonus;
    l.founding_deadline_step = deadline;
    return ex;
}

/// Mean joins per step over a few worlds, steps 0..steps.
std::vector<double> mean_joins(const Experiment& ex, int worlds = 10) {
    std::vector<double> joins(static_cast<std::size_t>(ex.steps + 1), 0.0);
    for (int w = 0; w < worlds; ++w) {
        const WorldOutcome out = run(ex, static_cast<std::uint64_t>(w));
        for (int t = 0; t <= ex.steps; ++t) joins[static_cast<std::size_t>(t)] += out.at(t, Metric::joins) / worlds;
    }
    return joins;
}
}  // namespace

TEST_CASE("Government.founding_status_at_stake_grows_to_the_deadline") {
    LogitSpec l;
    l.adjustment_speed = 0.7;
    CHECK(founding_at_stake(l, 3) == 0.0);  // no deadline, no founding window
    l.founding_deadline_step = 6;
    CHECK(founding_at_stake(l, 5) == doctest::Approx(1.0));   // the last chance
    CHECK(founding_at_stake(l, 4) == doctest::Approx(0.3));   // revisited in step 5 with p 0.7
    CHECK(founding_at_stake(l, 3) == doctest::Approx(0.09));
    CHECK(founding_at_stake(l, 6) == 0.0);                    // closed
    CHECK(founding_at_stake(l, 7) == 0.0);
    l.founding_bonus = 4;
    GovernmentSpec spec;
    GovernmentState state;
    state.gdp_usd_bn = 100;
    spec.fiscal_capacity_gdp_share = 0.01;
    JoinView view;
    view.founding_at_stake = 0.3;
    CHECK(utility_terms(spec, state, view, l).founding == doctest::Approx(1.2));
}

TEST_CASE("World.a_founding_deadline_makes_a_rush_in_its_last_open_step") {
    const std::vector<double> rush = mean_joins(founding_world(9, 5));
    // Step 4 is the last in which founding status can be had: most joins
    // fall there, far more than in any other step, and few after it closes.
    for (int t = 1; t <= 8; ++t)
        if (t != 4) CHECK(rush[4] > 5 * rush[static_cast<std::size_t>(t)]);
    CHECK(rush[4] > 80);
    SUBCASE("without a deadline the bonus is worth nothing") {
        const std::vector<double> none = mean_joins(founding_world(9, std::nullopt));
        CHECK(none[4] < 5);
    }
    SUBCASE("without a bonus no rush") {
        const std::vector<double> none = mean_joins(founding_world(0, 5));
        CHECK(none[4] < 5);
    }
}
