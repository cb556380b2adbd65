#pragma once
/// Government agents: their changing state and the utility of joining the
/// fund that drives the `logit` rule (docs/ODD.md "Government").
#include <array>
#include <cstdint>

#include "experiment/experiment.hpp"
#include "world/join_channel.hpp"
#include "world/metrics.hpp"

namespace fundsim {

/// A government's state in one world.
struct GovernmentState {
    Status status = Status::outside;   ///< member/exited; `negotiating` is derived from talks
    bool is_founder = false;
    bool in_talks = false;
    bool closed_deal = false;
    int join_step = -1;                ///< last step it became a member (non-founders)
    int locked_until_step = -1;        ///< a deal commitment forbids exit before this step
    double gdp_usd_bn = 0;             ///< this world's GDP (drawn when generated)
    double political_volatility = 0;   ///< changed by policy_shift events
    double revenue_usd_bn = 0;         ///< cumulative distributions received
    double counterfactual_usd_bn = 0;  ///< cumulative tax-incentive counterfactual
    double committed_usd_bn = 0;       ///< headline commitments made in deals
    double contributed_usd_bn = 0;     ///< capital it put into the fund (stakes), cumulative
    int first_join_step = -1;          ///< first step it joined (non-founders), -1 never
    std::array<std::uint16_t, kJoinChannelCount> joins_by_channel{};  ///< joins per JoinChannel

    bool is_member() const { return status == Status::member; }
};

/// What a government sees of the world when it weighs joining (all at the
/// start of the step).
struct JoinView {
    /// Exports regained per year if the founders' tariffs fell to the member
    /// rate: L(tau) - L(min(tau, member_tariff)), USD bn per year.   [G2]
    double relief_usd_bn = 0;
    double commitment_price = 0;           ///< negotiators.commitment_price [G7]
    /// The most g can pledge: negotiators.pledge_capacity x GDP +
    /// negotiators.swf_pledge_share x sovereign-fund assets, USD bn.
    double pledge_capacity_usd_bn = 0;
    double peer_fraction = 0;              ///< weighted share of member non-founder neighbours, 0..1 [G6]
    double expected_fund_return_per_year = 0;
    double fund_leverage = 0;              ///< assets / equity now
    double founders_volatility = 0;        ///< mean political volatility of the founders
    double governance_quality = 0;
    double safe_rate_per_year = 0;         ///< fund.cash_return: what the stake earns elsewhere
    /// Share of the founding bonus that waiting this step would forfeit,
    /// founding_at_stake(logit, t), 0..1.                            [G8]
    double founding_at_stake = 0;
};

/// The terms of U, each already multiplied by its weight (risk and cost
/// negative), so that U = intercept + the sum of the terms.      [ODD eq. G1]
struct UtilityTerms {
    double intercept = 0;
    double tariff_relief = 0;
    double fund_return = 0;
    double peer = 0;
    double alliance = 0;
    double risk = 0;
    double fiscal_cost = 0;                ///< stake and relief price against capacities
    double founding = 0;                   ///< founding-member status at stake before the deadline [G8]

    double total() const {
        return intercept + tariff_relief + fund_return + peer + alliance + risk + fiscal_cost + founding;
    }
    /// The terms in the order of kUtilityTermNames (the intercept left out).
    std::array<double, kUtilityTermCount> as_array() const {
        return {tariff_relief, fund_return, peer, alliance, risk, fiscal_cost, founding};
    }
};

/// The share of the founding bonus a government forfeits by not joining in
/// step t: founding status closes at step D = founding_deadline_step, and a
/// government revises its choice in a later step with probability
/// s = adjustment_speed each, so waiting loses the status only if none of the
/// D - 1 - t steps still open revisits it:
///   (1 - s)^(D - 1 - t) for t < D, 0 from D on or without a deadline.   [G8]
double founding_at_stake(const LogitSpec& logit, int t);

/// The stake g commits on joining, USD bn: stake share of its GDP.
double stake_on_joining(const GovernmentSpec& spec, const GovernmentState& state);

/// True when that stake fits within its fiscal capacity.
bool can_afford_stake(const GovernmentSpec& spec, const GovernmentState& state);

/// The relief a join buys: all of it when its price fits the pledge
/// capacity, else what the capacity buys,
///   min(relief, pledge capacity / commitment_price), USD bn per year.   [G7]
/// Never falls when the tariff rises.
double relief_bought(const JoinView& view, double commitment_price);

/// The weighted terms of the membership utility for the logit rule:
///   U = b0 + b_t*relief + b_r*return + b_p*peer + b_a*alliance - b_k*risk - b_c*cost
/// with relief and return in percent of GDP per year. Pure; thread-safe.   [G1-G5]
UtilityTerms utility_terms(const GovernmentSpec& spec, const GovernmentState& state, const JoinView& view,
                           const LogitSpec& logit);

/// U itself: utility_terms(...).total().
double membership_utility(const GovernmentSpec& spec, const GovernmentState& state, const JoinView& view,
                          const LogitSpec& logit);

}  // namespace fundsim
