#pragma once
/// Project sponsor agents: each proposes projects (capex, expected return,
/// volatility, duration, sector, location) at a Poisson rate; the fund
/// selects and finances them (docs/ODD.md "Sponsor"). Capex per project is
/// lognormal with the sponsor's mean and coefficient of variation, capped
/// by what remains of its programme:
///   n ~ Poisson(rate_per_year * months_per_step / 12)                  [S1]
///   capex = mean * exp(sigma * z - sigma^2 / 2), sigma^2 = ln(1 + cv^2)  [S2]
#include <vector>

#include "experiment/experiment.hpp"
#include "world/fund.hpp"
#include "world/random.hpp"

namespace fundsim {

class Sponsor {
public:
    Sponsor(const SponsorSpec& spec, int index) : spec_(spec), index_(index) {}

    const SponsorSpec& spec() const { return spec_; }
    /// Capex the fund has financed for this sponsor so far, USD bn.
    double financed_usd_bn() const { return financed_usd_bn_; }

    /// Appends this step's proposals (none before start_step or once the
    /// programme is exhausted).
    void propose(int step, int months_per_step, RandomStream& rng, std::vector<Proposal>& out) const;

    /// Records that the fund financed a proposal of this sponsor.
    void record_financed(double capex_usd_bn) { financed_usd_bn_ += capex_usd_bn; }

private:
    const SponsorSpec& spec_;
    int index_;
    double financed_usd_bn_ = 0;
};

}  // namespace fundsim
