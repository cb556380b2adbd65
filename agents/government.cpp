#include "agents/government.hpp"

namespace fundsim {

double stake_on_joining(const GovernmentSpec& spec, const GovernmentState& state) {
    return spec.stake_gdp_share * state.gdp_usd_bn;
}

bool can_afford_stake(const GovernmentSpec& spec, const GovernmentState& state) {
    return stake_on_joining(spec, state) <= spec.fiscal_capacity_gdp_share * state.gdp_usd_bn + 1e-12;
}

double membership_utility(const GovernmentSpec& spec, const GovernmentState& state, const JoinView& view,
                          const LogitSpec& logit) {
    const double gdp = state.gdp_usd_bn;
    // G2: tariff relief a member expects, percent of GDP per year.
    const double relief = 100.0 * logit.member_tariff_discount * view.exports_to_founders_usd_bn / gdp;
    // G3: expected excess return on the stake, percent of GDP per year.
    const double stake = stake_on_joining(spec, state);
    const double excess = 100.0 * (view.expected_fund_return_per_year - view.safe_rate_per_year) * stake / gdp;
    // G4: risk = risk aversion x leverage x founders' volatility x (1 - governance).
    const double risk = spec.risk_aversion * view.fund_leverage * view.founders_volatility *
                        (1.0 - view.governance_quality);
    // G5: fiscal cost = stake / fiscal capacity.
    const double capacity = spec.fiscal_capacity_gdp_share * gdp;
    const double cost = capacity > 0 ? stake / capacity : 1.0;
    return logit.intercept + logit.tariff_relief * relief + logit.fund_return * excess +
           logit.peer * view.peer_fraction + logit.alliance * spec.alliance - logit.risk * risk -
           logit.fiscal_cost * cost;
}

}  // namespace fundsim
