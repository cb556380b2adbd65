#include <doctest/doctest.h>

#include "agents/government.hpp"
#include "support/experiment_builder.hpp"

using namespace fundsim;
using namespace fundsim::testing;

namespace {
/// A founder (0) with projects to finance and ten other governments.
Experiment logit_world(int steps = 24) {
    Experiment ex = make_experiment(11, steps);
    ex.fund.founders = {{0, 1.0}};
    ex.fund.initial_capital_usd_bn = 100;
    ex.behavior.logit.intercept = -3;
    ex.behavior.logit.adjustment_speed = 0.3;
    for (int g = 1; g <= 10; ++g) ex.trade_flows.push_back({g, 0, 20});
    SponsorSpec sp;
    sp.name = "ai";
    sp.sector = "ai_datacentre";
    sp.location = 0;
    sp.capex_usd_bn = 40;
    sp.rate_per_year = 24;
    sp.expected_return_per_year = 0.12;
    sp.volatility_per_year = 0.1;
    ex.sponsors.push_back(sp);
    return ex;
}

/// A tariff of `rate` from the founder (0) on every other government at step 0.
EventSpec founder_tariff_on_all(double rate) {
    EventSpec tariff;
    tariff.type = EventType::tariff;
    tariff.at = 0;
    tariff.from = 0;
    tariff.to_all = true;
    tariff.rate = rate;
    return tariff;
}

double mean_final(const Experiment& ex, Metric m, int worlds = 40) {
    const Scenario s = Scenario::build(ex);
    WorldOutcome out;
    double sum = 0;
    for (int w = 0; w < worlds; ++w) {
        simulate_world(s, 0, static_cast<std::uint64_t>(w), false, out);
        sum += out.at(ex.steps, m);
    }
    return sum / worlds;
}
}  // namespace

TEST_CASE("World.is_deterministic_per_world_and_differs_across_worlds") {
    const Experiment ex = logit_world();
    const WorldOutcome a = run(ex, 3), b = run(ex, 3), c = run(ex, 4);
    CHECK(a.series == b.series);
    CHECK(a.series != c.series);
}

TEST_CASE("World.step_zero_is_the_initial_state") {
    const WorldOutcome out = run(logit_world());
    CHECK(out.at(0, Metric::members) == 1);
    CHECK(out.at(0, Metric::joins) == 0);
    CHECK(out.at(0, Metric::fund_equity) == doctest::Approx(100));
    CHECK(out.at(0, Metric::projects_financed) == 0);
}

TEST_CASE("World.the_fund_finances_projects_with_leverage_and_pays_revenue") {
    const WorldOutcome out = run(logit_world());
    CHECK(out.at(24, Metric::projects_financed) > 0);
    double max_leverage = 0;
    for (int t = 0; t <= 24; ++t) max_leverage = std::max(max_leverage, out.at(t, Metric::leverage));
    CHECK(max_leverage > 1.5);
    CHECK(max_leverage <= 3.0 + 1e-9);
    CHECK(out.at(24, Metric::revenue_total) > 0);
    CHECK(out.at(24, Metric::revenue_tax_counterfactual) != 0);
}

TEST_CASE("World.logit_utility_terms_each_move_adoption") {
    const Experiment ex = logit_world();
    const double base = mean_final(ex, Metric::members);
    SUBCASE("peer pressure") {
        Experiment more = ex;
        for (int g = 1; g < 10; ++g) add_tie(more, g, g + 1);
        add_tie(more, 0, 1);
        more.behavior.logit.peer = 8;
        CHECK(mean_final(more, Metric::members) > base + 0.5);
    }
    SUBCASE("alliance") {
        Experiment more = ex;
        for (auto& g : more.governments) g.alliance = 1.0;
        CHECK(mean_final(more, Metric::members) > base + 0.5);
    }
    SUBCASE("tariff relief") {
        Experiment more = ex;
        more.events.push_back(founder_tariff_on_all(0.4));
        more.negotiators.pledge_capacity_gdp_share = 1;
        CHECK(mean_final(more, Metric::members) > base + 0.5);
    }
    SUBCASE("fiscal cost: a stake beyond capacity is never taken") {
        Experiment poor = ex;
        for (auto& g : poor.governments) g.fiscal_capacity_gdp_share = 0.001;
        CHECK(mean_final(poor, Metric::members) == 1);
    }
    SUBCASE("risk") {
        Experiment risky = ex;
        risky.behavior.logit.risk = 20;
        risky.fund.governance_quality = 0;
        CHECK(mean_final(risky, Metric::members) < base - 0.5);
    }
}

TEST_CASE("Government.utility_rises_with_returns_and_falls_with_cost") {
    GovernmentSpec spec;
    spec.stake_gdp_share = 0.01;
    spec.fiscal_capacity_gdp_share = 0.02;
    spec.risk_aversion = 1;
    GovernmentState state;
    state.gdp_usd_bn = 100;
    JoinView view;
    view.expected_fund_return_per_year = 0.10;
    view.safe_rate_per_year = 0.04;
    const LogitSpec logit;
    const double u = membership_utility(spec, state, view, logit);
    view.expected_fund_return_per_year = 0.20;
    CHECK(membership_utility(spec, state, view, logit) > u);
    spec.fiscal_capacity_gdp_share = 0.011;
    view.expected_fund_return_per_year = 0.10;
    CHECK(membership_utility(spec, state, view, logit) < u);
}

TEST_CASE("World.members_exit_when_membership_turns_sour") {
    Experiment ex = logit_world(36);
    for (int g = 1; g <= 10; ++g) {
        EventSpec j;
        j.type = EventType::join;
        j.at = 1;
        j.government = g;
        ex.events.push_back(j);
    }
    ex.behavior.logit.intercept = -10;
    CHECK(mean_final(ex, Metric::exits_cumulative, 10) > 3);
}

TEST_CASE("World.investors_commit_and_herd") {
    Experiment ex = logit_world();
    InvestorClassSpec c;
    c.country = 0;
    c.count = 50;
    c.capital_usd_bn = 1;
    c.herding = 0;
    ex.investors.classes.push_back(c);
    const double plain = mean_final(ex, Metric::lp_capital, 20);
    CHECK(plain > 0);
    ex.investors.classes[0].herding = 6;
    CHECK(mean_final(ex, Metric::lp_capital, 20) > plain + 2);
    ex.investors.classes[0].herding = 0;
    ex.investors.classes[0].hurdle_per_year = 0.5;
    CHECK(mean_final(ex, Metric::lp_capital, 20) < plain);
}

TEST_CASE("World.deals_and_breakdowns_change_tariffs_and_membership") {
    Experiment ex = logit_world();
    ex.negotiators.enabled = true;
    ex.negotiators.counterpart = 0;
    for (int g = 1; g <= 10; ++g) ex.negotiators.parties.push_back(g);
    ex.negotiators.commitment_cost = 0.05;  // committing pays
    ex.negotiators.commitment_fixed_cost = 0;
    ex.negotiators.commitment_price = 5;
    ex.negotiators.pledge_capacity_gdp_share = 1;
    ex.behavior.logit.intercept = -50;  // membership only through deals
    ex.events.push_back(founder_tariff_on_all(0.3));
    const WorldOutcome out = run(ex);
    CHECK(out.at(24, Metric::deals_closed) > 0);
    CHECK(out.at(24, Metric::commitments) == out.at(24, Metric::deals_closed));
    CHECK(out.at(24, Metric::joins_cumulative) == out.at(24, Metric::deals_closed));
    CHECK(out.at(24, Metric::avg_tariff) < out.at(0, Metric::avg_tariff));  // deals cut the 30 % rate
    ex.negotiators.reservation_tariff = 0.0;  // no zone of agreement
    ex.negotiators.reservation_sd = 0.0;
    ex.negotiators.escalation_probability = 1;
    const WorldOutcome broken = run(ex);
    CHECK(broken.at(24, Metric::deals_closed) == 0);
    CHECK(broken.at(24, Metric::talks_broken) > 0);
    CHECK(broken.at(24, Metric::joins_cumulative) == 0);
    CHECK(broken.at(24, Metric::avg_tariff) >= broken.at(0, Metric::avg_tariff) + 0.09);  // escalation
}

TEST_CASE("World.sponsor_programmes_cap_financing") {
    Experiment ex = logit_world();
    ex.sponsors[0].program_usd_bn = 50;
    ex.fund.initial_capital_usd_bn = 1000;
    const WorldOutcome out = run(ex);
    CHECK(out.at(24, Metric::fund_assets) <= 1000 + 50 * 2);  // at most the programme was financed
    CHECK(out.at(24, Metric::projects_financed) >= 1);
}

TEST_CASE("World.trajectories_record_status_stake_and_tariff") {
    Experiment ex = logit_world(3);
    const WorldOutcome out = run(ex, 0, true);
    CHECK(out.trajectory.size() == 4 * 11);
    CHECK(out.trajectory[0].status == Status::member);
    CHECK(out.trajectory[0].stake_usd_bn == doctest::Approx(100));
}

TEST_CASE("World.random_founders_are_drawn_per_world") {
    Experiment ex = make_experiment(20, 2);
    ex.fund.random_founders = 3;
    const WorldOutcome a = run(ex, 0), b = run(ex, 1);
    CHECK(a.at(0, Metric::members) == 3);
    bool differs = false;
    for (std::size_t g = 0; g < 20; ++g) differs |= a.governments[g].is_founder != b.governments[g].is_founder;
    CHECK(differs);
}

TEST_CASE("World.investors_follow_their_home_government") {
    Experiment ex = logit_world();
    InvestorClassSpec c;
    c.country = 5;  // a non-founder that never joins here
    c.count = 50;
    c.capital_usd_bn = 1;
    c.herding = 0;
    c.home_bias = 3;
    ex.investors.classes.push_back(c);
    ex.behavior.logit.adjustment_speed = 0;
    const double away = mean_final(ex, Metric::lp_capital, 20);
    EventSpec join;
    join.type = EventType::join;
    join.at = 0;
    join.government = 5;
    ex.events.push_back(join);
    CHECK(mean_final(ex, Metric::lp_capital, 20) > away + 5);
}

TEST_CASE("World.policy_shifts_of_the_founders_raise_perceived_risk") {
    Experiment ex = logit_world();
    ex.behavior.logit.risk = 3;
    const double calm = mean_final(ex, Metric::members);
    EventSpec shift;
    shift.type = EventType::policy_shift;
    shift.at = 0;
    shift.government = 0;  // the founder
    shift.volatility = 1.0;
    ex.events.push_back(shift);
    CHECK(mean_final(ex, Metric::members) < calm - 0.5);
}
