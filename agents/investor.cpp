#include "agents/investor.hpp"

#include "agents/decision_rules.hpp"

namespace fundsim {

double InvestorClass::commit_probability(const InvestorView& view, bool home_is_member,
                                         const InvestorsSpec& all) const {
    const double excess = view.expected_return_per_year - spec_.hurdle_per_year - spec_.risk_aversion * view.fund_risk;
    const double share = spec_.count > 0 ? static_cast<double>(committed_) / spec_.count : 0.0;
    const double z = all.sensitivity * excess + spec_.herding * share + spec_.home_bias * (home_is_member ? 1.0 : -1.0);
    return all.adjustment_speed * logistic(z);
}

int InvestorClass::decide(const InvestorView& view, bool home_is_member, const InvestorsSpec& all,
                          RandomStream& rng) const {
    const double p = commit_probability(view, home_is_member, all);
    int commits = 0;
    for (int k = committed_; k < spec_.count; ++k) commits += rng.bernoulli(p) ? 1 : 0;
    return commits;
}

double update_return_belief(double belief, double realised_per_year, double weight) {
    return (1.0 - weight) * belief + weight * realised_per_year;
}

}  // namespace fundsim
