#pragma once
/// Government agents: their changing state and the utility of joining the
/// fund that drives the `logit` rule (docs/ODD.md "Government").
#include "experiment/experiment.hpp"
#include "world/metrics.hpp"

namespace fundsim {

/// A government's state in one world.
struct GovernmentState {
    Status status = Status::outside;   ///< member/exited; `negotiating` is derived from talks
    bool is_founder = false;
    bool in_talks = false;
    bool closed_deal = false;
    int join_step = -1;                ///< last step it became a member (non-founders)
    double gdp_usd_bn = 0;             ///< this world's GDP (drawn when generated)
    double political_volatility = 0;   ///< changed by policy_shift events
    double revenue_usd_bn = 0;         ///< cumulative distributions received
    double counterfactual_usd_bn = 0;  ///< cumulative tax-incentive counterfactual

    bool is_member() const { return status == Status::member; }
};

/// What a government sees of the world when it weighs joining (all at the
/// start of the step).
struct JoinView {
    double exports_to_founders_usd_bn = 0; ///< current, per year
    double peer_fraction = 0;              ///< weighted share of member neighbours, 0..1
    double expected_fund_return_per_year = 0;
    double fund_leverage = 0;              ///< assets / equity now
    double founders_volatility = 0;        ///< mean political volatility of the founders
    double governance_quality = 0;
    double safe_rate_per_year = 0;         ///< fund.cash_return: what the stake earns elsewhere
};

/// The stake g commits on joining, USD bn: stake share of its GDP.
double stake_on_joining(const GovernmentSpec& spec, const GovernmentState& state);

/// True when that stake fits within its fiscal capacity.
bool can_afford_stake(const GovernmentSpec& spec, const GovernmentState& state);

/// Utility of membership U_i for the logit rule                    [ODD eq. G1]
///   U = b0 + b_t*relief + b_r*return + b_p*peer + b_a*alliance - b_k*risk - b_c*cost
/// with relief and return in percent of GDP per year. Pure; thread-safe.
double membership_utility(const GovernmentSpec& spec, const GovernmentState& state, const JoinView& view,
                          const LogitSpec& logit);

}  // namespace fundsim
