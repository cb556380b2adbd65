#include "calibration/targets.hpp"

#include <cmath>
#include <limits>

namespace fundsim {
namespace {

double government_value(const std::string& column, const GovernmentFinal& g) {
    if (column == "p_member_final") return g.status == Status::member ? 1 : 0;
    if (column == "p_joined") return g.join_step >= 0 ? 1 : 0;
    if (column == "mean_join_step") return g.join_step >= 0 ? g.join_step : std::numeric_limits<double>::quiet_NaN();
    if (column == "mean_stake_usd_bn") return g.stake_usd_bn;
    if (column == "mean_revenue_usd_bn") return g.revenue_usd_bn;
    if (column == "p_deal") return g.closed_deal ? 1 : 0;
    if (column == "p_exited") return g.status == Status::exited ? 1 : 0;
    return g.tariff_faced;  // mean_tariff_faced_final (the loader admits no other column)
}

}  // namespace

std::size_t observation_count(const CalibrationSpec& spec) {
    std::size_t n = 0;
    for (const auto& t : spec.targets) n += t.observations.size();
    return n;
}

void summarize_world(const CalibrationSpec& spec, const WorldOutcome& outcome, double* values) {
    for (const auto& t : spec.targets) {
        for (const auto& o : t.observations) {
            *values++ = t.source == TargetSource::series
                            ? outcome.at(o.step, static_cast<Metric>(t.metric))
                            : government_value(t.column, outcome.governments[static_cast<std::size_t>(o.government)]);
        }
    }
}

double target_distance(const CalibrationSpec& spec, const std::vector<double>& simulated) {
    double total = 0, weights = 0;
    std::size_t i = 0;
    for (const auto& t : spec.targets) {
        double squares = 0;
        for (const auto& o : t.observations) {
            const double sim = simulated[i++];
            const double r = std::isnan(sim) ? 1.0 : (sim - o.value) / t.scale;
            squares += r * r;
        }
        total += t.weight * squares / static_cast<double>(t.observations.size());
        weights += t.weight;
    }
    return std::sqrt(total / weights);
}

}  // namespace fundsim
