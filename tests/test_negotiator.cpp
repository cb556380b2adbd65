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
    s.counterpart_target = 0.25;
    s.counterpart_reservation = 0.1;
    s.commitment_probability = 1;
    s.escalation_probability = 1;
    s.cooldown_months = 3;
    return s;
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

TEST_CASE("Negotiator.closes_a_deal_when_offers_cross") {
    NegotiatorSpec s = spec();
    s.boulware_share = 0;  // conceder
    RandomStream rng(3, 0, 0, StreamPurpose::negotiation);
    Negotiator n(1, s, 1, rng);
    TalkOutcome out;
    int t = 1;
    for (; t <= 11 && out.kind == TalkOutcome::none; ++t) out = n.step(t, rng);
    REQUIRE(out.kind == TalkOutcome::deal);
    CHECK(t - 1 < 11);  // before the deadline
    CHECK(out.agreed_tariff >= 0.1);
    CHECK(out.agreed_tariff <= 0.25);
    CHECK(out.commits_to_fund);
    CHECK(n.state() == TalkState::done);
}

TEST_CASE("Negotiator.breaks_down_at_the_deadline_without_a_zone_of_agreement") {
    NegotiatorSpec s = spec();
    s.reservation_tariff = 0.05;  // below the counterpart's 10 % floor
    RandomStream rng(3, 0, 0, StreamPurpose::negotiation);
    Negotiator n(1, s, 1, rng);
    for (int t = 1; t < 11; ++t) CHECK(n.step(t, rng).kind == TalkOutcome::none);
    const TalkOutcome out = n.step(11, rng);
    CHECK(out.kind == TalkOutcome::breakdown);
    CHECK(out.escalates);
    CHECK(n.state() == TalkState::cooldown);
    CHECK(n.step(12, rng).kind == TalkOutcome::none);
    n.step(14, rng);  // talks reopen after the cooldown
    CHECK(n.is_talking());
}

TEST_CASE("Negotiator.a_summit_is_a_deadline_that_speeds_concession") {
    NegotiatorSpec s = spec();
    s.boulware_share = 1;  // Boulware: would settle late
    RandomStream rng(3, 0, 0, StreamPurpose::negotiation);
    Negotiator n(1, s, 1, rng);
    CHECK(n.step(1, rng).kind == TalkOutcome::none);
    n.summon(2);
    CHECK(n.deadline() == 2);
    CHECK(n.step(2, rng).kind == TalkOutcome::deal);  // both at their reservations
}
