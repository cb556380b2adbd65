#include "world/trade.hpp"


#include <algorithm>
#include <cmath>
#include <utility>

#include "world/trade_loss.hpp"

namespace fundsim {

TradeBook::TradeBook(const Scenario& scenario, std::vector<unsigned char> is_founder)
    : scenario_(scenario),
      rates_(scenario.tariff_setters.size() * scenario.experiment.governments.size(),
             scenario.experiment.trade.base_tariff),
      volume_now_(scenario.experiment.trade_flows.size(), 0.0),
      is_founder_(std::move(is_founder)),
      tariff_faced_(scenario.experiment.governments.size(), scenario.experiment.trade.base_tariff),
      exports_to_founders_(scenario.experiment.governments.size(), 0.0),
      relief_(scenario.experiment.governments.size(), 0.0) {}

double TradeBook::tariff(GovIndex setter, GovIndex exporter) const {
    const std::int32_t slot = scenario_.setter_slot[static_cast<std::size_t>(setter)];
    if (slot < 0) return scenario_.experiment.trade.base_tariff;
    return rates_[static_cast<std::size_t>(slot) * scenario_.experiment.governments.size() +
                  static_cast<std::size_t>(exporter)];
}

void TradeBook::set_tariff(GovIndex setter, GovIndex exporter, double rate) {
    if (setter == exporter) return;
    const std::int32_t slot = scenario_.setter_slot[static_cast<std::size_t>(setter)];
    if (slot < 0) return;  // Scenario::build registers every possible setter
    rates_[static_cast<std::size_t>(slot) * scenario_.experiment.governments.size() +
           static_cast<std::size_t>(exporter)] = rate;
    dirty_ = true;
}

void TradeBook::update() {
    if (!dirty_) return;
    dirty_ = false;
    const Experiment& ex = scenario_.experiment;
    const double base = ex.trade.base_tariff;
    const std::size_t n = ex.governments.size();
    std::vector<double> weighted(n, 0.0), exports(n, 0.0);
    double world_weighted = 0;
    volume_ = 0;
    std::fill(exports_to_founders_.begin(), exports_to_founders_.end(), 0.0);
    std::fill(relief_.begin(), relief_.end(), 0.0);
    const double member_rate = ex.behavior.logit.member_tariff;
    const double lost_at_member_rate = lost_export_share(member_rate, base, ex.trade.elasticity);
    for (std::size_t f = 0; f < ex.trade_flows.size(); ++f) {
        const TradeFlow& flow = ex.trade_flows[f];
        const double rate = tariff(flow.importer, flow.exporter);
        const double x = flow.value_usd_bn * std::pow((1 + rate) / (1 + base), -ex.trade.elasticity);  // T1
        volume_now_[f] = x;
        weighted[static_cast<std::size_t>(flow.exporter)] += x * rate;
        exports[static_cast<std::size_t>(flow.exporter)] += x;
        if (is_founder_[static_cast<std::size_t>(flow.importer)]) {
            exports_to_founders_[static_cast<std::size_t>(flow.exporter)] += x;
            // G2/T4: only rates above the member rate can fall; X0 - X is X0 g(rate)
            if (rate > member_rate)
                relief_[static_cast<std::size_t>(flow.exporter)] += (flow.value_usd_bn - x) - flow.value_usd_bn * lost_at_member_rate;
        }
        world_weighted += x * rate;
        volume_ += x;
    }
    double faced_sum = 0;
    for (std::size_t g = 0; g < n; ++g) {
        if (exports[g] > 0) {
            tariff_faced_[g] = weighted[g] / exports[g];  // T2
        } else if (!scenario_.tariff_setters.empty()) {
            // No recorded exports: the plain mean over the setters' rates on g.
            double sum = 0;
            int count = 0;
            for (GovIndex s : scenario_.tariff_setters)
                if (static_cast<std::size_t>(s) != g) {
                    sum += tariff(s, static_cast<GovIndex>(g));
                    ++count;
                }
            tariff_faced_[g] = count ? sum / count : base;
        } else {
            tariff_faced_[g] = base;
        }
        faced_sum += tariff_faced_[g];
    }
    average_tariff_ = volume_ > 0 ? world_weighted / volume_ : (n ? faced_sum / n : base);  // T3
}

double TradeBook::exports_to(GovIndex g, GovIndex partner) const {
    double x = 0;
    const auto& flows = scenario_.experiment.trade_flows;
    for (std::size_t f = 0; f < flows.size(); ++f)
        if (flows[f].exporter == g && flows[f].importer == partner) x += volume_now_[f];
    return x;
}

}  // namespace fundsim
