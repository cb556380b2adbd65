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

/// The per-world columns up to events_fired, in CSV order.
inline constexpr std::array kBaseWorldColumns = {
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
    WorldColumn{"commitments", Metric::commitments, WorldReduce::final_value, true, false},
    WorldColumn{"commitments_usd_bn", Metric::commitments_usd_bn, WorldReduce::final_value, false, false},
    WorldColumn{"stakes_contributed", Metric::stakes_contributed, WorldReduce::final_value, false, false},
    WorldColumn{"revenue_net_per_usd", Metric::revenue_net_per_usd, WorldReduce::final_value, false, false},
    WorldColumn{"counterfactual_per_usd", Metric::counterfactual_per_usd, WorldReduce::final_value, false, false},
    WorldColumn{"avg_tariff_final", Metric::avg_tariff, WorldReduce::final_value, false, false},
    WorldColumn{"trade_volume_final", Metric::trade_volume, WorldReduce::final_value, false, false},
    WorldColumn{"distress_steps", Metric::fund_distress, WorldReduce::sum_over_steps, true, false},
    WorldColumn{"events_fired", Metric::events_fired, WorldReduce::final_value, true, false},
};

/// Every per-world column, in CSV order: the base columns, then one count
/// per event type (events_<type>, the final value of its metric), so a new
/// event type brings its column.
inline constexpr auto kWorldColumns = [] {
    std::array<WorldColumn, kBaseWorldColumns.size() + static_cast<std::size_t>(kEventTypeCount)> all{};
    std::size_t i = 0;
    for (const WorldColumn& c : kBaseWorldColumns) all[i++] = c;
    for (int k = 0; k < kEventTypeCount; ++k) {
        const Metric m = event_metric(static_cast<EventType>(k));
        all[i++] = WorldColumn{metric_name(m), m, WorldReduce::final_value, true, false};
    }
    return all;
}();

/// Number of per-world columns.
inline constexpr int kWorldColumnCount = static_cast<int>(kWorldColumns.size());

/// Index of a column by name in kWorldColumns (compile-time lookup for the summary).
constexpr int world_column_index(std::string_view name) {
    for (int i = 0; i < kWorldColumnCount; ++i)
        if (kWorldColumns[i].name == name) return i;
    return -1;
}
static_assert(are_distinct_names([] {
    std::array<std::string_view, kWorldColumns.size()> names{};
    for (std::size_t i = 0; i < names.size(); ++i) names[i] = kWorldColumns[i].name;
    return names;
}()), "worlds.csv column names must be distinct");

/// Fills `row` (kWorldColumnCount values) from one world's outcome.
/// Pure and thread-safe.
void derive_world_row(const WorldOutcome& outcome, double* row);

}  // namespace fundsim
