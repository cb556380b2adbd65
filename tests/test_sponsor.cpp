// Sponsors (agents/sponsor.hpp): Poisson proposal counts S1, lognormal
// capex S2, the start step and the programme cap.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "agents/sponsor.hpp"

using namespace fundsim;

namespace {
SponsorSpec a_sponsor() {
    SponsorSpec s;
    s.name = "plants";
    s.sector = "energy";
    s.location = 3;
    s.capex_usd_bn = 10;
    s.capex_cv = 0;
    s.expected_return_per_year = 0.11;
    s.volatility_per_year = 0.2;
    s.duration_months = 48;
    s.rate_per_year = 24;
    s.start_step = 1;
    return s;
}
double total_capex(const std::vector<Proposal>& ps) {
    double sum = 0;
    for (const Proposal& p : ps) sum += p.capex_usd_bn;
    return sum;
}
}  // namespace

TEST_CASE("Sponsor.proposals_carry_the_sponsors_terms") {
    const SponsorSpec spec = a_sponsor();
    const Sponsor sponsor(spec, 2);
    RandomStream rng(1, 0, 0, StreamPurpose::sponsors);
    std::vector<Proposal> out;
    for (int t = 1; out.empty() && t < 100; ++t) sponsor.propose(t, 1, rng, out);
    REQUIRE_FALSE(out.empty());
    const Proposal& p = out.front();
    CHECK(p.capex_usd_bn == 10);  // capex_cv 0: exactly the mean
    CHECK(p.expected_return_per_year == 0.11);
    CHECK(p.volatility_per_year == 0.2);
    CHECK(p.duration_months == 48);
    CHECK(p.sector == &spec.sector);
    CHECK(p.location == 3);
    CHECK(p.sponsor == 2);
}

TEST_CASE("Sponsor.proposes_nothing_before_its_start_step") {
    SponsorSpec spec = a_sponsor();
    spec.start_step = 5;
    spec.rate_per_year = 1200;  // about 100 a step
    const Sponsor sponsor(spec, 0);
    RandomStream rng(1, 0, 0, StreamPurpose::sponsors);
    std::vector<Proposal> out;
    for (int t = 0; t < 5; ++t) sponsor.propose(t, 1, rng, out);
    CHECK(out.empty());
    sponsor.propose(5, 1, rng, out);
    CHECK(out.size() > 50);
}

TEST_CASE("Sponsor.proposal_counts_are_poisson_at_the_rate_per_step") {
    const SponsorSpec spec = a_sponsor();  // 24 a year, 3-month steps: mean 6
    const Sponsor sponsor(spec, 0);
    RandomStream rng(2, 0, 0, StreamPurpose::sponsors);
    double sum = 0, sum_sq = 0;
    const int steps = 2000;
    for (int t = 1; t <= steps; ++t) {
        std::vector<Proposal> out;
        sponsor.propose(t, 3, rng, out);
        sum += static_cast<double>(out.size());
        sum_sq += static_cast<double>(out.size() * out.size());
    }
    const double mean = sum / steps;
    CHECK(mean == doctest::Approx(6).epsilon(0.05));
    CHECK(sum_sq / steps - mean * mean == doctest::Approx(6).epsilon(0.15));  // Poisson: variance = mean
}

TEST_CASE("Sponsor.capex_is_lognormal_with_the_declared_mean_and_cv") {
    SponsorSpec spec = a_sponsor();
    spec.capex_cv = 1;
    spec.rate_per_year = 1200;
    const Sponsor sponsor(spec, 0);
    RandomStream rng(4, 0, 0, StreamPurpose::sponsors);
    std::vector<Proposal> out;
    for (int t = 1; t <= 200; ++t) sponsor.propose(t, 1, rng, out);
    REQUIRE(out.size() > 15000);
    double sum = 0, sum_sq = 0;
    for (const Proposal& p : out) {
        CHECK(p.capex_usd_bn > 0);
        sum += p.capex_usd_bn;
        sum_sq += p.capex_usd_bn * p.capex_usd_bn;
    }
    const double n = static_cast<double>(out.size());
    const double mean = sum / n, sd = std::sqrt(sum_sq / n - mean * mean);
    CHECK(mean == doctest::Approx(10).epsilon(0.03));  // without the -sigma^2/2 correction: 14.1
    CHECK(sd / mean == doctest::Approx(1).epsilon(0.15));
}

TEST_CASE("Sponsor.the_programme_caps_what_is_proposed_and_ends_when_financed") {
    SponsorSpec spec = a_sponsor();
    spec.program_usd_bn = 25;
    spec.rate_per_year = 1200;
    Sponsor sponsor(spec, 0);
    RandomStream rng(5, 0, 0, StreamPurpose::sponsors);
    std::vector<Proposal> out;
    sponsor.propose(1, 1, rng, out);
    REQUIRE(out.size() == 3);  // 10 + 10 + 5: one step never proposes beyond the programme
    CHECK(out[2].capex_usd_bn == doctest::Approx(5));
    CHECK(total_capex(out) == doctest::Approx(25));
    sponsor.record_financed(15);
    CHECK(sponsor.financed_usd_bn() == 15);
    out.clear();
    sponsor.propose(2, 1, rng, out);
    CHECK(total_capex(out) == doctest::Approx(10));
    sponsor.record_financed(10);
    out.clear();
    for (int t = 3; t < 20; ++t) sponsor.propose(t, 1, rng, out);
    CHECK(out.empty());
    SponsorSpec open = spec;
    open.program_usd_bn = 0;  // no programme: no cap
    const Sponsor unlimited(open, 0);
    out.clear();
    unlimited.propose(1, 1, rng, out);
    CHECK(total_capex(out) > 100);
}
