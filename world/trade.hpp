#pragma once
/// Tariffs and the trade that responds to them (docs/ODD.md "Trade").
///
/// Tariffs are stored only for the scenario's tariff setters: rate[s][j] is
/// the ad-valorem rate setter s applies to imports from j. Every other pair
/// faces `trade.base_tariff`. Trade flows respond with a constant elasticity:
///   X_ij(t) = X_ij^0 * ((1 + tau_ji(t)) / (1 + tau_base))^(-elasticity)   [ODD eq. T1]
/// Not thread-safe (one per world); deterministic.
#include <cstdint>
#include <vector>

#include "world/scenario.hpp"

namespace fundsim {

class TradeBook {
public:
    /// `is_founder[g]` marks this world's founders (their trade is the
    /// tariff relief a member can expect).
    TradeBook(const Scenario& scenario, std::vector<unsigned char> is_founder);

    /// Rate importer `setter` applies to imports from `exporter`.
    double tariff(GovIndex setter, GovIndex exporter) const;
    /// Sets that rate (setter must be a tariff setter of the scenario).
    void set_tariff(GovIndex setter, GovIndex exporter, double rate);

    /// Recomputes volumes and faced tariffs if a rate changed since the last call.
    void update();

    /// Trade-weighted rate government g faces on its exports   [ODD eq. T2].
    double tariff_faced(GovIndex g) const { return tariff_faced_[static_cast<std::size_t>(g)]; }
    /// Current exports of g to `partner`, USD bn per year.
    double exports_to(GovIndex g, GovIndex partner) const;
    /// Current exports of g to the founders, USD bn per year.
    double exports_to_founders(GovIndex g) const { return exports_to_founders_[static_cast<std::size_t>(g)]; }
    /// Exports g would regain per year if every founder's tariff on it fell to
    /// `behavior.logit.member_tariff`: sum over founders f of
    /// X0_gf * (g(tau_fg) - g(min(tau_fg, member_tariff))), USD bn.   [ODD eq. G2]
    /// Grows with the tariffs g faces.
    double relief_as_member(GovIndex g) const { return relief_[static_cast<std::size_t>(g)]; }
    /// World trade-weighted average tariff                        [ODD eq. T3].
    double average_tariff() const { return average_tariff_; }
    /// Total trade, USD bn per year.
    double volume() const { return volume_; }

private:
    const Scenario& scenario_;
    std::vector<double> rates_;            ///< setters x governments
    std::vector<double> volume_now_;       ///< per flow
    std::vector<unsigned char> is_founder_;
    std::vector<double> tariff_faced_;
    std::vector<double> exports_to_founders_;
    std::vector<double> relief_;
    double average_tariff_ = 0;
    double volume_ = 0;
    bool dirty_ = true;
};

}  // namespace fundsim
