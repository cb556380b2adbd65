#include <doctest/doctest.h>

#include "agents/negotiator.hpp"

using namespace fundsim;

namespace {
NegotiatorSpec spec() {
    NegotiatorSpec s;
    s.enabled = true;
    s.start_step = 1;
    s.deadline_months = 10;
    s.target_tariff = 0;
    s.reservation_tariff = 0.2;
    s.reservation_sd = 0;
    s.counterpart_reservation = 0.1;
    s.deficit_premium = 0.1;
    s.commitment_price = 10;
    s.commitment_cost = 0.2;
    s.alliance_discount = 0.5;
    s.commitment_fixed_cost = 0;
    s.escalation_probability = 1;
    s.cooldown_months = 3;
    return s;
}

/// A party facing 25 %, exporting 100 and importing 50, allied, able to pledge 1000.
TalkView view() {
    TalkView v;
    v.tariff_now = 0.25;
    v.exports_usd_bn = 100;
    v.imports_usd_bn = 50;
    v.gdp_usd_bn = 2000;
    v.capacity_usd_bn = 1000;
    v.alliance = 1;
    v.expected_fund_return_per_year = 0.08;
    v.safe_rate_per_year = 0.04;
    v.base_tariff = 0.024;
    v.elasticity = 4;
    return v;
}
}  // namespace

TEST_CASE("Negotiator.boulware_concedes_late_and_conceder_early") {
    const double boulware = Negotiator::concession(3, 0, 10, 0, 0.3);
    const double linear = Negotiator::concession(3, 0, 10, 0, 1.0);
    const double conceder = Negotiator::concession(3, 0, 10, 0, 3.0);
    CHECK(boulware < linear);
    CHECK(linear < conceder);
    CHECK(Negotiator::concession(10, 0, 10, 0, 0.3) == doctest::Approx(1.0));
    CHECK(Negotiator::concession(0, 0, 10, 0.2, 3.0) == doctest::Approx(0.2));
}

TEST_CASE("Negotiator.the_counterpart_opens_at_the_threat_and_keeps_more_of_a_surplus") {
    const NegotiatorSpec s = spec();
    TalkView v = view();
    v.threat = 0.4;
    TalkOffer o = Negotiator::offer(s, v, 1, 1, 11);
    CHECK(o.opening == doctest::Approx(0.4));
    CHECK(o.counter_rate == doctest::Approx(0.4));
    o = Negotiator::offer(s, v, 11, 1, 11);  // at the deadline: the no-commitment floor [N5]
    CHECK(o.counter_rate == doctest::Approx(0.1 + 0.1 * 0.5));
    v.imports_usd_bn = 100;  // balanced trade: the floor is the reservation
    CHECK(Negotiator::offer(s, v, 11, 1, 11).counter_rate == doctest::Approx(0.1));
}

TEST_CASE("Negotiator.commitments_are_bargained_from_exposure_capacity_alliance_and_return") {
    const NegotiatorSpec s = spec();
    const TalkOffer base = Negotiator::offer(s, view(), 1, 1, 11);
    REQUIRE(base.commitment_usd_bn > 0);
    CHECK(base.effective_rate == doctest::Approx(0.1));  // the full commitment buys the floor [N6]
    CHECK(base.effective_rate < base.counter_rate);      // more commitment, more tariff conceded
    SUBCASE("exposure: more exports, a larger commitment") {
        TalkView v = view();
        v.exports_usd_bn = 200;
        CHECK(Negotiator::offer(s, v, 1, 1, 11).commitment_usd_bn > base.commitment_usd_bn);
    }
    SUBCASE("exposure: a higher tariff, a larger commitment") {
        TalkView v = view();
        v.tariff_now = 0.35;
        CHECK(Negotiator::offer(s, v, 1, 1, 11).commitment_usd_bn > base.commitment_usd_bn);
    }
    SUBCASE("capacity caps it, and buys less") {
        TalkView v = view();
        v.capacity_usd_bn = base.commitment_usd_bn / 2;
        const TalkOffer o = Negotiator::offer(s, v, 1, 1, 11);
        CHECK(o.commitment_usd_bn == doctest::Approx(v.capacity_usd_bn));
        CHECK(o.effective_rate > base.effective_rate);
        CHECK(o.effective_rate < o.counter_rate);
    }
    SUBCASE("alliance: a rival does not commit") {
        TalkView v = view();
        v.alliance = 0;
        NegotiatorSpec dear = s;
        dear.commitment_cost = 0.35;
        CHECK(Negotiator::offer(dear, view(), 1, 1, 11).commitment_usd_bn > 0);
        CHECK(Negotiator::offer(dear, v, 1, 1, 11).commitment_usd_bn == 0);
    }
    SUBCASE("the fund's expected return makes committing cheaper") {
        NegotiatorSpec dear = s;
        dear.commitment_cost = 0.62;
        dear.stake_share = 0.5;
        TalkView low = view(), high = view();
        low.expected_fund_return_per_year = 0.04;
        high.expected_fund_return_per_year = 0.10;
        CHECK(Negotiator::offer(dear, low, 1, 1, 11).commitment_usd_bn == 0);
        CHECK(Negotiator::offer(dear, high, 1, 1, 11).commitment_usd_bn > 0);
    }
    SUBCASE("a political fixed cost stops small pledges") {
        NegotiatorSpec fixed = s;
        fixed.commitment_fixed_cost = 0.5;
        CHECK(Negotiator::offer(fixed, view(), 1, 1, 11).commitment_usd_bn == 0);
    }
}

TEST_CASE("Negotiator.closes_a_deal_when_the_party_accepts_the_offer") {
    NegotiatorSpec s = spec();
    s.boulware_share = 0;  // conceder
    RandomStream rng(3, 0, 0, StreamPurpose::negotiation);
    Negotiator n(1, -1, s, 1, rng);
    TalkOutcome out;
    int t = 1;
    for (; t <= 11 && out.kind == TalkOutcome::none; ++t) out = n.step(t, view(), rng);
    REQUIRE(out.kind == TalkOutcome::deal);
    CHECK(t - 1 < 11);  // before the deadline
    CHECK(out.agreed_tariff == doctest::Approx(0.1));
    CHECK(out.commitment_usd_bn > 0);
    CHECK(n.state() == TalkState::done);
}

TEST_CASE("Negotiator.a_deal_never_raises_the_rate_and_talks_need_a_rate_above_the_floor") {
    NegotiatorSpec s = spec();
    RandomStream rng(3, 0, 0, StreamPurpose::negotiation);
    Negotiator n(1, -1, s, 1, rng);
    TalkView v = view();
    v.tariff_now = 0.1;  // at the floor: nothing to bargain over
    for (int t = 1; t < 5; ++t) CHECK(n.step(t, v, rng).kind == TalkOutcome::none);
    CHECK(n.state() == TalkState::waiting);
    v.tariff_now = 0.12;
    s.commitment_cost = 10;  // no commitment: only the tariff is bargained
    TalkOutcome out;
    for (int t = 5; t < 20 && out.kind == TalkOutcome::none; ++t) out = n.step(t, v, rng);
    REQUIRE(out.kind == TalkOutcome::deal);
    CHECK(out.agreed_tariff <= 0.12);
}

TEST_CASE("Negotiator.breaks_down_at_the_deadline_without_a_zone_of_agreement") {
    NegotiatorSpec s = spec();
    s.reservation_tariff = 0.05;  // below the counterpart's 10 % floor
    RandomStream rng(3, 0, 0, StreamPurpose::negotiation);
    Negotiator n(1, -1, s, 1, rng);
    for (int t = 1; t < 11; ++t) CHECK(n.step(t, view(), rng).kind == TalkOutcome::none);
    const TalkOutcome out = n.step(11, view(), rng);
    CHECK(out.kind == TalkOutcome::breakdown);
    CHECK(out.escalates);
    CHECK(n.state() == TalkState::cooldown);
    CHECK(n.step(12, view(), rng).kind == TalkOutcome::none);
    n.step(14, view(), rng);  // talks reopen after the cooldown
    CHECK(n.is_talking());
}

TEST_CASE("Negotiator.a_summit_is_a_deadline_that_speeds_concession") {
    NegotiatorSpec s = spec();
    s.boulware_share = 1;  // Boulware: would settle late
    s.commitment_cost = 10;  // tariff only
    RandomStream rng(3, 0, 0, StreamPurpose::negotiation);
    Negotiator n(1, -1, s, 1, rng);
    CHECK(n.step(1, view(), rng).kind == TalkOutcome::none);
    n.summon(2);
    CHECK(n.deadline() == 2);
    CHECK(n.step(2, view(), rng).kind == TalkOutcome::deal);  // both at their reservations
}
