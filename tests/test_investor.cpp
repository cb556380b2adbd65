// Investor classes (agents/investor.hpp): the commit rule I1, its herding
// and home-bias terms, the binomial draw, and the return belief I2.
#include <doctest/doctest.h>

#include <cmath>

#include "agents/decision_rules.hpp"
#include "agents/investor.hpp"

using namespace fundsim;

namespace {
InvestorClassSpec a_class() {
    InvestorClassSpec c;
    c.count = 10;
    c.capital_usd_bn = 2;
    c.hurdle_per_year = 0.05;
    c.risk_aversion = 2;
    c.herding = 3;
    c.home_bias = 1.5;
    return c;
}
InvestorsSpec all_investors(double speed = 0.4) {
    InvestorsSpec all;
    all.sensitivity = 20;
    all.adjustment_speed = speed;
    return all;
}
InvestorView a_view() {
    InvestorView v;
    v.expected_return_per_year = 0.09;
    v.fund_risk = 0.01;
    return v;
}
}  // namespace

TEST_CASE("Investor.commit_probability_follows_I1_term_by_term") {
    const InvestorClassSpec spec = a_class();
    const InvestorsSpec all = all_investors();
    InvestorClass c(spec);
    // excess = 0.09 - 0.05 - 2 x 0.01 = 0.02; 20 x 0.02 = 0.4; nobody committed yet.
    CHECK(c.commit_probability(a_view(), false, all) == doctest::Approx(0.4 * logistic(0.4 - 1.5)).epsilon(1e-12));
    CHECK(c.commit_probability(a_view(), true, all) == doctest::Approx(0.4 * logistic(0.4 + 1.5)).epsilon(1e-12));
    c.apply(5);  // half the class committed: herding adds 3 x 0.5
    CHECK(c.commit_probability(a_view(), true, all) ==
          doctest::Approx(0.4 * logistic(0.4 + 1.5 + 1.5)).epsilon(1e-12));
    CHECK(c.committed() == 5);
    CHECK(c.committed_capital_usd_bn() == doctest::Approx(10));
}

TEST_CASE("Investor.return_hurdle_and_risk_move_the_probability") {
    const InvestorsSpec all = all_investors();
    InvestorClassSpec spec = a_class();
    const InvestorClass base(spec);
    const double p = base.commit_probability(a_view(), true, all);
    InvestorView richer = a_view();
    richer.expected_return_per_year = 0.12;
    CHECK(base.commit_probability(richer, true, all) > p);
    InvestorView riskier = a_view();
    riskier.fund_risk = 0.05;
    CHECK(base.commit_probability(riskier, true, all) < p);
    spec.hurdle_per_year = 0.08;
    CHECK(InvestorClass(spec).commit_probability(a_view(), true, all) < p);
}

TEST_CASE("Investor.herding_counts_only_with_a_positive_weight") {
    const InvestorsSpec all = all_investors();
    InvestorClassSpec spec = a_class();
    InvestorClass herd(spec);
    const double before = herd.commit_probability(a_view(), true, all);
    herd.apply(8);
    CHECK(herd.commit_probability(a_view(), true, all) > before + 0.01);
    InvestorClassSpec loners_spec = a_class();
    loners_spec.herding = 0;
    InvestorClass loners(loners_spec);
    const double alone = loners.commit_probability(a_view(), true, all);
    loners.apply(8);
    CHECK(loners.commit_probability(a_view(), true, all) == alone);
}

TEST_CASE("Investor.home_bias_favours_a_member_home_and_shuns_an_outsider") {
    const InvestorsSpec all = all_investors();
    InvestorClassSpec spec = a_class();
    const InvestorClass biased(spec);
    CHECK(biased.commit_probability(a_view(), true, all) > biased.commit_probability(a_view(), false, all) + 0.05);
    spec.home_bias = 0;
    const InvestorClass neutral(spec);
    CHECK(neutral.commit_probability(a_view(), true, all) == neutral.commit_probability(a_view(), false, all));
}

TEST_CASE("Investor.decide_commits_only_the_uncommitted") {
    InvestorClassSpec spec = a_class();
    spec.count = 40;
    spec.home_bias = 100;  // logistic(z) == 1 in double precision
    RandomStream rng(3, 0, 0, StreamPurpose::investors);
    InvestorClass c(spec);
    const InvestorsSpec certain = all_investors(1.0);
    REQUIRE(c.commit_probability(a_view(), true, certain) == 1.0);
    CHECK(c.decide(a_view(), true, certain, rng) == 40);
    c.apply(25);
    CHECK(c.decide(a_view(), true, certain, rng) == 15);
    c.apply(15);
    CHECK(c.decide(a_view(), true, certain, rng) == 0);  // commitments are final: nobody left
    const InvestorClass idle(spec);
    CHECK(idle.decide(a_view(), true, all_investors(0.0), rng) == 0);
}

TEST_CASE("Investor.decide_draws_a_binomial_count") {
    InvestorClassSpec spec = a_class();
    spec.count = 1000;
    const InvestorsSpec all = all_investors();
    const InvestorClass c(spec);
    const double p = c.commit_probability(a_view(), true, all);
    RandomStream rng(9, 0, 0, StreamPurpose::investors);
    double sum = 0, sum_sq = 0;
    const int draws = 400;
    for (int k = 0; k < draws; ++k) {
        const int n = c.decide(a_view(), true, all, rng);
        CHECK(n >= 0);
        CHECK(n <= 1000);
        sum += n;
        sum_sq += static_cast<double>(n) * n;
    }
    const double mean = sum / draws, variance = sum_sq / draws - mean * mean;
    // Mean 1000 p (standard error about 0.7); variance 1000 p (1 - p), not 0.
    CHECK(std::abs(mean - 1000 * p) < 4);
    CHECK(variance == doctest::Approx(1000 * p * (1 - p)).epsilon(0.25));
}

TEST_CASE("Investor.return_belief_is_an_exponentially_weighted_average") {
    CHECK(update_return_belief(0.08, 0.20, 0.25) == doctest::Approx(0.11));
    CHECK(update_return_belief(0.08, 0.20, 0.0) == 0.08);
    CHECK(update_return_belief(0.08, 0.20, 1.0) == 0.20);
}
