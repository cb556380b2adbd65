#pragma once
/// What one world hands back to the ensemble runner: its per-step metrics,
/// its per-government end state, and (for the first K worlds) per-step
/// detail. Buffers are reused across worlds to avoid allocation per world.
#include <cstdint>
#include <vector>

#include <array>

#include "world/join_channel.hpp"
#include "world/metrics.hpp"

namespace fundsim {

/// One government at the end of a world.
struct GovernmentFinal {
    Status status = Status::outside;
    bool is_founder = false;
    int join_step = -1;              ///< step it became a member (non-founders), -1 never
    bool closed_deal = false;
    double stake_usd_bn = 0;
    double revenue_usd_bn = 0;       ///< cumulative distributions received
    double counterfactual_usd_bn = 0; ///< cumulative tax-incentive counterfactual
    double tariff_faced = 0;         ///< trade-weighted rate it faces at the end
    double committed_usd_bn = 0;     ///< headline commitments made in deals (0 = none)
    int first_join_step = -1;        ///< first step it joined (non-founders), -1 never
    std::array<std::uint16_t, kJoinChannelCount> joins_by_channel{};  ///< joins per JoinChannel
    int logit_joins = 0;             ///< joins under the logit rule (utility terms recorded)
    /// Sums over those joins of the weighted utility terms at that moment:
    /// tariff_relief, fund_return, peer, alliance, risk, fiscal_cost (G1).
    std::array<double, kUtilityTermCount> utility_at_join{};
};

/// One row of trajectories.csv (without point/world).
struct TrajectoryRow {
    int step = 0;
    std::int32_t government = 0;  ///< GovIndex
    Status status = Status::outside;
    double stake_usd_bn = 0;
    double tariff_faced = 0;
    double revenue_usd_bn = 0;
};

struct WorldOutcome {
    int steps = 0;
    /// (steps + 1) x kMetricCount, row-major by step.
    std::vector<double> series;
    std::vector<GovernmentFinal> governments;
    int first_join_step = -1;        ///< -1: no non-founder joined
    std::vector<TrajectoryRow> trajectory;  ///< empty unless recorded

    double& at(int step, Metric m) { return series[static_cast<std::size_t>(step) * kMetricCount + static_cast<int>(m)]; }
    double at(int step, Metric m) const { return series[static_cast<std::size_t>(step) * kMetricCount + static_cast<int>(m)]; }
};

}  // namespace fundsim
