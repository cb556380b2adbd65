// Recording one step's outcome metrics (world/metrics.hpp names them).
#include "world/metrics.hpp"

#include <algorithm>

#include "world/world.hpp"

namespace fundsim {

void World::record(int t, WorldOutcome& out, bool record_trajectory) {
    auto set = [&](Metric m, double v) { out.at(t, m) = v; };
    const double n = static_cast<double>(govs_.size());
    int negotiating = 0;
    for (const Negotiator& k : negotiators_)
        if (k.is_talking() && !govs_[static_cast<std::size_t>(k.party())].is_member()) ++negotiating;
    set(Metric::members, members_);
    set(Metric::adoption, n > 0 ? members_ / n : 0.0);
    set(Metric::joins, joins_step_);
    set(Metric::exits, exits_step_);
    set(Metric::joins_cumulative, joins_total_);
    set(Metric::exits_cumulative, exits_total_);
    set(Metric::negotiating, negotiating);
    set(Metric::fund_equity, fund_.equity());
    set(Metric::fund_debt, fund_.debt());
    set(Metric::fund_assets, fund_.assets());
    set(Metric::leverage, fund_.leverage());
    set(Metric::lp_capital, fund_.lp_capital());
    set(Metric::distributions, fund_.distributions_total());
    set(Metric::projects_financed, projects_financed_);
    set(Metric::projects_active, static_cast<double>(fund_.active_projects()));
    set(Metric::deals_closed, deals_closed_);
    set(Metric::talks_broken, talks_broken_);
    set(Metric::revenue_total, revenue_total_);
    set(Metric::revenue_tax_counterfactual, counterfactual_total_);
    set(Metric::commitments, commitments_);
    set(Metric::commitments_usd_bn, commitments_usd_bn_);
    set(Metric::stakes_contributed, contributed_total_);
    // F9: government revenue and the counterfactual on one footing, per USD put in.
    const double owners = fund_.total_stakes() + fund_.lp_capital();
    const double stake_value = owners > 0 ? std::max(0.0, fund_.equity()) * fund_.total_stakes() / owners : 0.0;
    const double net = revenue_total_ + redeemed_total_ + stake_value - contributed_total_;
    set(Metric::revenue_net_per_usd, contributed_total_ > 0 ? net / contributed_total_ : 0.0);
    set(Metric::counterfactual_per_usd, contributed_total_ > 0 ? counterfactual_total_ / contributed_total_ : 0.0);
    set(Metric::avg_tariff, trade_.average_tariff());
    set(Metric::trade_volume, trade_.volume());
    set(Metric::fund_distress, distressed_step_ ? 1.0 : 0.0);
    set(Metric::events_fired, events_total_);
    for (int k = 0; k < kEventTypeCount; ++k)
        set(event_metric(static_cast<EventType>(k)), events_by_type_[static_cast<std::size_t>(k)]);
    if (!record_trajectory) return;
    settle_all();
    for (GovIndex g = 0; g < government_count(); ++g) {
        const GovernmentState& s = govs_[static_cast<std::size_t>(g)];
        TrajectoryRow row;
        row.step = t;
        row.government = g;
        row.status = (!s.is_member() && s.in_talks) ? Status::negotiating : s.status;
        row.stake_usd_bn = fund_.stake(g);
        row.tariff_faced = trade_.tariff_faced(g);
        row.revenue_usd_bn = s.revenue_usd_bn;
        out.trajectory.push_back(row);
    }
}

}  // namespace fundsim
