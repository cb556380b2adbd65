#include "agents/government.hpp"

#include <algorithm>
#include <cmath>

namespace fundsim {

double stake_on_joining(const GovernmentSpec& spec, const GovernmentState& state) {
    return spec.stake_gdp_share * state.gdp_usd_bn;
}

bool can_afford_stake(const GovernmentSpec& spec, const GovernmentState& state) {
    return stake_on_joining(spec, state) <= spec.fiscal_capacity_gdp_share * state.gdp_usd_bn + 1e-12;
}

double founding_at_stake(const LogitSpec& logit, int t) {
    if (!logit.founding_deadline_step || t >= *logit.founding_deadline_step) return 0.0;
    return std::pow(1.0 - logit.adjustment_speed, *logit.founding_deadline_step - 1 - t);
}

double relief_bought(const JoinView& view, double commitment_price) {
    if (commitment_price <= 0) return view.relief_usd_bn;
    return std::min(view.relief_usd_bn, std::max(0.0, view.pledge_capacity_usd_bn) / commitment_price);
}

UtilityTerms utility_terms(const GovernmentSpec& spec, const GovernmentState& state, const JoinView& view,
                           const LogitSpec& logit) {
    const double gdp = state.gdp_usd_bn;
    UtilityTerms u;
    u.intercept = logit.intercept;
    // G2: tariff relief, exports regained below the member rate (as much as
    // its pledge capacity buys, G7), percent of GDP per year.
    u.tariff_relief = logit.tariff_relief * 100.0 * relief_bought(view, view.commitment_price) / gdp;
    // G3: expected excess return on the stake, percent of GDP per year.
    const double stake = stake_on_joining(spec, state);
    u.fund_return = logit.fund_return * 100.0 * (view.expected_fund_return_per_year - view.safe_rate_per_year) * stake / gdp;
    u.peer = logit.peer * view.peer_fraction;
    u.alliance = logit.alliance * spec.alliance;
    // G4: risk = risk aversion x leverage x founders' volatility x (1 - governance).
    u.risk = -logit.risk * spec.risk_aversion * view.fund_leverage * view.founders_volatility *
             (1.0 - view.governance_quality);
    // G5: fiscal cost = stake / fiscal capacity.
    const double capacity = spec.fiscal_capacity_gdp_share * gdp;
    u.fiscal_cost = -logit.fiscal_cost * (capacity > 0 ? stake / capacity : 1.0);
    // G8: founding-member status, the part of its worth waiting would forfeit.
    u.founding = logit.founding_bonus * view.founding_at_stake;
    return u;
}

double membership_utility(const GovernmentSpec& spec, const GovernmentState& state, const JoinView& view,
                          const LogitSpec& logit) {
    return utility_terms(spec, state, view, logit).total();
}

}  // namespace fundsim
