#pragma once
/// Outcome metrics recorded per world and step (SPEC §3, §6). The names are
/// the `metric` column of series.csv; docs/ODD.md defines each.
#include <array>
#include <string_view>

#include "core/enum_names.hpp"
#include "experiment/experiment.hpp"

namespace fundsim {

/// The metrics in the order of series.csv, one X(name) each (core/enum_names.hpp).
#define FUNDSIM_METRICS(X)                                                               \
    X(members)                    /* member count incl. founders */                      \
    X(adoption)                   /* members / governments */                            \
    X(joins)                      /* joins this step */                                  \
    X(exits)                      /* exits this step */                                  \
    X(joins_cumulative)                                                                  \
    X(exits_cumulative)                                                                  \
    X(negotiating)                /* governments in talks now */                         \
    X(fund_equity)                /* USD bn */                                           \
    X(fund_debt)                  /* USD bn */                                           \
    X(fund_assets)                /* USD bn */                                           \
    X(leverage)                   /* assets / equity (0 when equity <= 0) */             \
    X(lp_capital)                 /* USD bn committed by investors, cumulative */        \
    X(distributions)              /* USD bn paid to all owners, cumulative */            \
    X(projects_financed)          /* cumulative count */                                 \
    X(projects_active)                                                                   \
    X(deals_closed)               /* cumulative count */                                 \
    X(talks_broken)               /* cumulative count */                                 \
    X(revenue_total)              /* USD bn paid to member governments, cumulative */    \
    X(revenue_tax_counterfactual) /* USD bn, cumulative */                               \
    X(commitments)                /* deals etc. that carried a commitment, cumulative */ \
    X(commitments_usd_bn)         /* headline commitments, USD bn, cumulative */         \
    X(stakes_contributed)         /* capital governments put in, USD bn, cumulative */   \
    X(revenue_net_per_usd)        /* F9: net government revenue per USD put in */       \
    X(counterfactual_per_usd)     /* F9: counterfactual per USD put in */                \
    X(avg_tariff)                 /* trade-weighted average tariff, rate */              \
    X(trade_volume)               /* USD bn per year */                                  \
    X(fund_distress)              /* 1 when equity <= 0 or deleveraging was forced */    \
    X(events_fired)               /* cumulative count, all types */

/// Followed by one cumulative count per event type, events_<type>, in the
/// order of FUNDSIM_EVENT_TYPES: a new event type brings its metric.
#define FUNDSIM_EVENT_METRIC(type) events_##type,
#define FUNDSIM_EVENT_METRIC_NAME(type) std::string_view{"events_" #type},

/// An outcome metric (index into a WorldOutcome row).
enum class Metric : int {
    FUNDSIM_METRICS(FUNDSIM_ENUMERATOR)
    FUNDSIM_EVENT_TYPES(FUNDSIM_EVENT_METRIC)
    count_
};

inline constexpr int kMetricCount = static_cast<int>(Metric::count_);

/// The `metric` column of series.csv, indexed by Metric.
inline constexpr auto kMetricNames =
    std::to_array<std::string_view>({FUNDSIM_METRICS(FUNDSIM_ENUM_NAME) FUNDSIM_EVENT_TYPES(FUNDSIM_EVENT_METRIC_NAME)});
static_assert(kMetricNames.size() == static_cast<std::size_t>(kMetricCount), "one name per metric");
static_assert(are_distinct_names(kMetricNames), "metric names must be distinct");

/// The metric counting events of type `t` (events_<type>).
constexpr Metric event_metric(EventType t) {
    return static_cast<Metric>(static_cast<int>(Metric::events_fired) + 1 + static_cast<int>(t));
}

/// The name of metric `m`.
constexpr std::string_view metric_name(Metric m) { return kMetricNames[static_cast<int>(m)]; }

/// A government's status (trajectories.csv `status`).
#define FUNDSIM_STATUSES(X) X(outside) X(negotiating) X(member) X(exited)
FUNDSIM_NAMED_ENUM(Status, unsigned char, FUNDSIM_STATUSES);

/// The name of status `s`.
constexpr std::string_view status_name(Status s) { return enum_name(s); }

}  // namespace fundsim
