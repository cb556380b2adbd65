#include "agents/investor.hpp"

#include <boost/random/binomial_distribution.hpp>

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
    // Each uncommitted investor commits independently with probability p:
    // the count is binomial, drawn at once (Boost.Random, BTRD for large
    // counts) instead of one Bernoulli draw per investor.
    const int uncommitted = spec_.count - committed_;
    const double p = commit_probability(view, home_is_member, all);
    if (uncommitted <= 0 || p <= 0) return 0;
    if (p >= 1) return uncommitted;
    return boost::random::binomial_distribution<int, double>(uncommitted, p)(rng);
}

double update_return_belief(double belief, double realised_per_year, double weight) {
    return (1.0 - weight) * belief + weight * realised_per_year;
}

}  // namespace fundsim
