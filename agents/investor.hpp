#pragma once
/// Investor agents: limited partners (pension funds, insurers, sovereign
/// funds, banks, citizens) that commit capital to the fund
/// (docs/ODD.md "Investor"). An uncommitted investor of class c commits
/// this step with probability
///   speed * logistic(s * (r_hat - hurdle_c - a_c * risk) + h_c * share_c + b_c * home)   [I1]
/// where r_hat is the public belief about the fund's return, share_c the
/// share of its class already committed (herding), and home = +1 when its
/// home government is a member, -1 otherwise. Commitments are final.
#include <vector>

#include "experiment/experiment.hpp"
#include "world/random.hpp"

namespace fundsim {

/// What investors see at the start of a step.
struct InvestorView {
    double expected_return_per_year = 0;  ///< public belief r_hat
    double fund_risk = 0;                 ///< leverage x founders' volatility x (1 - governance)
};

/// One class of identical investors; tracks how many have committed.
class InvestorClass {
public:
    explicit InvestorClass(const InvestorClassSpec& spec) : spec_(spec) {}

    const InvestorClassSpec& spec() const { return spec_; }
    int committed() const { return committed_; }
    double committed_capital_usd_bn() const { return committed_ * spec_.capital_usd_bn; }

    /// Probability that one uncommitted investor commits this step.   [I1]
    double commit_probability(const InvestorView& view, bool home_is_member, const InvestorsSpec& all) const;

    /// Draws this step's decisions for every uncommitted investor from the
    /// start-of-step view; returns how many commit (not yet applied).
    int decide(const InvestorView& view, bool home_is_member, const InvestorsSpec& all, RandomStream& rng) const;

    void apply(int newly_committed) { committed_ += newly_committed; }

private:
    const InvestorClassSpec& spec_;
    int committed_ = 0;
};

/// The public belief about the fund's return: an exponentially weighted
/// average of realised annualised returns on equity.               [I2]
double update_return_belief(double belief, double realised_per_year, double weight);

}  // namespace fundsim
