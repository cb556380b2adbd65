#pragma once
/// The per-world outcome columns of worlds.csv (after `point, world`), one
/// table that both the block writer (engine) and the CSV writer (output) read.
/// Each column is derived from WorldOutcome::series: the final row for levels
/// and cumulative counts, the maximum or the sum over steps 0..steps where
/// the name says so.
#include <array>
#include <string_view>

#include "world/metrics.hpp"
#include "world/outcome.hpp"

namespace fundsim {

/// How a column is taken from the metric's series.
enum class WorldReduce { final_value, max_over_steps, sum_over_steps, first_join_step };

/// One worlds.csv column.
struct WorldColumn {
    std::string_view name;      ///< CSV header
    Metric metric;              ///< source metric (unused for first_join_step)
    WorldReduce reduce;
    bool is_integer;            ///< printed without a decimal point
    bool is_missing_if_negative; ///< empty cell for -1 (first_join_step)
};

/// Every per-world column, in CSV order.
inline constexpr std::array kWorldColumns = {
    WorldColumn{"members_final", Metric::members, WorldReduce::final_value, true, false},
    WorldColumn{"adoption_final", Metric::adoption, WorldReduce::final_value, false, false},
    WorldColumn{"first_join_step", Metric::members, WorldReduce::first_join_step, true, true},
    WorldColumn{"joins_total", Metric::joins_cumulative, WorldReduce::final_value, true, false},
    WorldColumn{"exits_total", Metric::exits_cumulative, WorldReduce::final_value, true, false},
    WorldColumn{"fund_equity_final", Metric::fund_equity, WorldReduce::final_value, false, false},
    WorldColumn{"fund_debt_final", Metric::fund_debt, WorldReduce::final_value, false, false},
    WorldColumn{"fund_assets_final", Metric::fund_assets, WorldReduce::final_value, false, false},
    WorldColumn{"leverage_max", Metric::leverage, WorldReduce::max_over_steps, false, false},
    WorldColumn{"lp_capital_final", Metric::lp_capital, WorldReduce::final_value, false, false},
    WorldColumn{"distributions_total", Metric::distributions, WorldReduce::final_value, false, false},
    WorldColumn{"projects_financed", Metric::projects_financed, WorldReduce::final_value, true, false},
    WorldColumn{"deals_closed", Metric::deals_closed, WorldReduce::final_value, true, false},
    WorldColumn{"talks_broken", Metric::talks_broken, WorldReduce::final_value, true, false},
    WorldColumn{"revenue_total", Metric::revenue_total, WorldReduce::final_value, false, false},
    WorldColumn{"revenue_tax_counterfactual", Metric::revenue_tax_counterfactual, WorldReduce::final_value,
                false, false},
    WorldColumn{"avg_tariff_final", Metric::avg_tariff, WorldReduce::final_value, false, false},
    WorldColumn{"trade_volume_final", Metric::trade_volume, WorldReduce::final_value, false, false},
    WorldColumn{"distress_steps", Metric::fund_distress, WorldReduce::sum_over_steps, true, false},
    WorldColumn{"events_fired", Metric::events_fired, WorldReduce::final_value, true, false},
    WorldColumn{"events_tariff", Metric::events_tariff, WorldReduce::final_value, true, false},
    WorldColumn{"events_trade_deal", Metric::events_trade_deal, WorldReduce::final_value, true, false},
    WorldColumn{"events_summit", Metric::events_summit, WorldReduce::final_value, true, false},
    WorldColumn{"events_market_shock", Metric::events_market_shock, WorldReduce::final_value, true, false},
    WorldColumn{"events_policy_shift", Metric::events_policy_shift, WorldReduce::final_value, true, false},
    WorldColumn{"events_join", Metric::events_join, WorldReduce::final_value, true, false},
    WorldColumn{"events_exit", Metric::events_exit, WorldReduce::final_value, true, false},
};

/// Number of per-world columns.
inline constexpr int kWorldColumnCount = static_cast<int>(kWorldColumns.size());

/// Index of a column by name in kWorldColumns (compile-time lookup for the summary).
constexpr int world_column_index(std::string_view name) {
    for (int i = 0; i < kWorldColumnCount; ++i)
        if (kWorldColumns[i].name == name) return i;
    return -1;
}

/// Fills `row` (kWorldColumnCount values) from one world's outcome.
/// Pure and thread-safe.
void derive_world_row(const WorldOutcome& outcome, double* row);

}  // namespace fundsim
