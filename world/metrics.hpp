#pragma once
/// Outcome metrics recorded per world and step (SPEC §3, §6). The names are
/// the `metric` column of series.csv; docs/ODD.md defines each.
#include <array>
#include <string_view>

namespace fundsim {

enum class Metric : int {
    members,                     ///< member count incl. founders
    adoption,                    ///< members / governments
    joins,                       ///< joins this step
    exits,                       ///< exits this step
    joins_cumulative,
    exits_cumulative,
    negotiating,                 ///< governments in talks now
    fund_equity,                 ///< USD bn
    fund_debt,                   ///< USD bn
    fund_assets,                 ///< USD bn
    leverage,                    ///< assets / equity (0 when equity <= 0)
    lp_capital,                  ///< USD bn committed by investors, cumulative
    distributions,               ///< USD bn paid to all owners, cumulative
    projects_financed,           ///< cumulative count
    projects_active,
    deals_closed,                ///< cumulative count
    talks_broken,                ///< cumulative count
    revenue_total,               ///< USD bn paid to member governments, cumulative
    revenue_tax_counterfactual,  ///< USD bn, cumulative
    avg_tariff,                  ///< trade-weighted average tariff, rate
    trade_volume,                ///< USD bn per year
    fund_distress,               ///< 1 when equity <= 0 or deleveraging was forced this step
    events_fired,                ///< cumulative count, all types
    events_tariff,
    events_trade_deal,
    events_summit,
    events_market_shock,
    events_policy_shift,
    events_join,
    events_exit,
    count_
};

inline constexpr int kMetricCount = static_cast<int>(Metric::count_);

inline constexpr std::array<std::string_view, kMetricCount> kMetricNames = {
    "members", "adoption", "joins", "exits", "joins_cumulative", "exits_cumulative",
    "negotiating", "fund_equity", "fund_debt", "fund_assets", "leverage", "lp_capital",
    "distributions", "projects_financed", "projects_active", "deals_closed", "talks_broken",
    "revenue_total", "revenue_tax_counterfactual", "avg_tariff", "trade_volume",
    "fund_distress", "events_fired", "events_tariff", "events_trade_deal", "events_summit",
    "events_market_shock", "events_policy_shift", "events_join", "events_exit"};

constexpr std::string_view metric_name(Metric m) { return kMetricNames[static_cast<int>(m)]; }

/// A government's status (trajectories.csv `status`).
enum class Status : unsigned char { outside, negotiating, member, exited };

constexpr std::string_view status_name(Status s) {
    switch (s) {
        case Status::outside: return "outside";
        case Status::negotiating: return "negotiating";
        case Status::member: return "member";
        case Status::exited: return "exited";
    }
    return "outside";
}

}  // namespace fundsim
