#include <doctest/doctest.h>

#include "support/experiment_builder.hpp"

using namespace fundsim;
using namespace fundsim::testing;

namespace {
Experiment base() {
    Experiment ex = make_experiment(4, 6);
    ex.fund.founders = {{0, 1.0}};
    ex.trade_flows = {{1, 0, 100}, {2, 0, 100}, {3, 0, 100}};
    ex.behavior.logit.adjustment_speed = 0;  // nobody joins or leaves by choice
    return ex;
}
EventSpec at(int step, EventType type) {
    EventSpec e;
    e.type = type;
    e.at = step;
    return e;
}
}  // namespace

TEST_CASE("Events.tariff_to_all_moves_the_average_tariff") {
    Experiment ex = base();
    EventSpec e = at(2, EventType::tariff);
    e.from = 0;
    e.to_all = true;
    e.rate = 0.25;
    ex.events.push_back(e);
    const WorldOutcome out = run(ex);
    CHECK(out.at(1, Metric::avg_tariff) == doctest::Approx(ex.trade.base_tariff));
    CHECK(out.at(2, Metric::avg_tariff) == doctest::Approx(0.25));
    CHECK(out.at(2, Metric::events_tariff) == 1);
    CHECK(out.at(2, Metric::trade_volume) < out.at(1, Metric::trade_volume));
}

TEST_CASE("Events.at_zero_fire_before_the_initial_state") {
    Experiment ex = base();
    EventSpec e = at(0, EventType::tariff);
    e.from = 0;
    e.targets = {1};
    e.rate = 0.5;
    ex.events.push_back(e);
    const WorldOutcome out = run(ex);
    CHECK(out.at(0, Metric::events_fired) == 1);
    CHECK(out.at(0, Metric::avg_tariff) > ex.trade.base_tariff);
    CHECK(out.at(0, Metric::joins) == 0);
}

TEST_CASE("Events.trade_deal_sets_tariffs_and_can_bring_membership_and_capital") {
    Experiment ex = base();
    ex.negotiators.stake_share = 1;  // the whole commitment becomes the stake
    EventSpec e = at(1, EventType::trade_deal);
    e.from = 0;
    e.to_one = 1;
    e.rate = 0.15;
    e.membership = true;
    e.commitment_usd_bn = 40;
    ex.events.push_back(e);
    EventSpec lp = at(2, EventType::trade_deal);
    lp.from = 0;
    lp.to_one = 2;
    lp.rate = 0.15;
    lp.commitment_usd_bn = 10;  // no membership: invests as a limited partner
    ex.events.push_back(lp);
    const WorldOutcome out = run(ex);
    CHECK(out.governments[1].status == Status::member);
    CHECK(out.governments[1].stake_usd_bn == doctest::Approx(40));
    CHECK(out.governments[2].status == Status::outside);
    CHECK(out.at(2, Metric::lp_capital) == doctest::Approx(10));
    CHECK(out.at(2, Metric::deals_closed) == 2);
    CHECK(out.governments[1].tariff_faced == doctest::Approx(0.15));
}

TEST_CASE("Events.join_and_exit_force_membership") {
    Experiment ex = base();
    EventSpec j = at(1, EventType::join);
    j.government = 2;
    EventSpec x = at(3, EventType::exit);
    x.government = 2;
    ex.events = {j, x};
    const WorldOutcome out = run(ex);
    CHECK(out.at(1, Metric::members) == 2);
    CHECK(out.at(3, Metric::members) == 1);
    CHECK(out.at(3, Metric::exits) == 1);
    CHECK(out.governments[2].status == Status::exited);
}

TEST_CASE("Events.market_shock_cuts_fund_equity") {
    Experiment ex = base();
    SponsorSpec sp;
    sp.name = "s";
    sp.sector = "energy";
    sp.location = 0;
    sp.capex_usd_bn = 50;
    sp.capex_cv = 0;
    sp.rate_per_year = 120;
    sp.volatility_per_year = 0;
    ex.sponsors.push_back(sp);
    ex.fund.hurdle_rate_per_year = 0;
    EventSpec shock = at(3, EventType::market_shock);
    shock.size = -0.5;
    shock.sector = "energy";
    Experiment calm = ex;
    ex.events.push_back(shock);
    const WorldOutcome hit = run(ex), quiet = run(calm);
    CHECK(hit.at(3, Metric::fund_equity) < quiet.at(3, Metric::fund_equity) - 50);
    CHECK(hit.at(3, Metric::events_market_shock) == 1);
}

TEST_CASE("Events.random_events_fire_at_their_rate") {
    Experiment ex = base();
    ex.steps = 120;
    EventSpec e;
    e.type = EventType::policy_shift;
    e.rate_per_year = 6;  // 0.5 per month
    e.government = kRandomGovernment;
    e.volatility = 0.9;
    ex.events.push_back(e);
    const WorldOutcome out = run(ex);
    CHECK(out.at(120, Metric::events_policy_shift) == doctest::Approx(60).epsilon(0.35));
    CHECK(out.at(0, Metric::events_policy_shift) == 0);  // random events start at step 1
}

/// Governments 1 and 2 bargain with 0 over a 25 % threat; Boulware, with a
/// 24-month deadline: no deal early unless a summit is a deadline.
static Experiment slow_talks() {
    Experiment ex = base();
    ex.negotiators.enabled = true;
    ex.negotiators.counterpart = 0;
    ex.negotiators.parties = {1, 2};
    ex.negotiators.deadline_months = 24;
    ex.negotiators.boulware_share = 1;
    ex.negotiators.reservation_sd = 0;
    ex.negotiators.deficit_premium = 0;
    for (GovIndex g : {1, 2}) ex.governments[static_cast<std::size_t>(g)].threat_tariff = 0.25;  // something to bargain over
    return ex;
}

TEST_CASE("Events.summit_forces_the_listed_talks_to_conclude") {
    Experiment ex = slow_talks();
    EventSpec summit = at(2, EventType::summit);
    summit.targets = {1};
    Experiment no_summit = ex;
    ex.events.push_back(summit);
    CHECK(run(ex).at(2, Metric::deals_closed) == 1);
    CHECK(run(no_summit).at(2, Metric::deals_closed) == 0);
}

TEST_CASE("Events.a_summit_is_a_deadline_for_a_bloc_only_when_all_its_members_attend") {
    Experiment ex = slow_talks();
    ex.blocs.push_back({"B", {1, 2}});
    EventSpec summit = at(2, EventType::summit);
    summit.targets = {1};  // one member state's leader only
    Experiment part = ex, whole = ex;
    part.events.push_back(summit);
    summit.targets = {1, 2};
    whole.events.push_back(summit);
    CHECK(run(part).at(2, Metric::deals_closed) == 0);
    CHECK(run(whole).at(2, Metric::deals_closed) == 1);  // one deal for the bloc
}

