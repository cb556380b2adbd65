#include "world/events.hpp"

#include <vector>

#include "world/world.hpp"

namespace fundsim {
namespace {

/// Resolves `g`, drawing uniformly among governments accepted by `eligible`
/// when it is kRandomGovernment. Returns kNoGovernment if none is eligible.
template <class Eligible>
GovIndex resolve(GovIndex g, const World& world, RandomStream& rng, Eligible eligible) {
    if (g != kRandomGovernment) return g;
    std::vector<GovIndex> pool;
    for (GovIndex i = 0; i < world.government_count(); ++i)
        if (eligible(i)) pool.push_back(i);
    if (pool.empty()) return kNoGovernment;
    return pool[rng.below(static_cast<std::uint32_t>(pool.size()))];
}

bool fire_tariff(const EventSpec& e, World& world, RandomStream& rng) {
    const GovIndex from = resolve(e.from, world, rng, [](GovIndex) { return true; });
    if (from == kNoGovernment) return false;
    if (e.to_all) {
        world.set_tariff_to_all(from, e.rate, e.unless_deal);
        return true;
    }
    for (GovIndex target : e.targets) {
        const GovIndex to = resolve(target, world, rng, [from](GovIndex i) { return i != from; });
        if (to == kNoGovernment || (e.unless_deal && world.has_closed_deal(to))) continue;
        world.set_tariff(from, to, e.rate);
    }
    return true;
}

bool fire_trade_deal(const EventSpec& e, int step, World& world, RandomStream& rng) {
    const GovIndex a = e.from;
    const GovIndex b = resolve(e.to_one, world, rng, [a](GovIndex i) { return i != a; });
    if (b == kNoGovernment) return false;
    world.count_deal();
    // A bloc member's deal is the bloc's: every member gets the rate, and a
    // commitment is shared by GDP share (SPEC §3.1.3).
    const std::vector<GovIndex>& unit = world.decision_unit(b);
    double gdp = 0;
    for (GovIndex m : unit) gdp += world.government(m).gdp_usd_bn;
    if (e.commitment_usd_bn > 0) world.count_commitment(e.commitment_usd_bn);
    for (GovIndex m : unit) {
        world.set_tariff(a, m, e.rate);
        if (e.rate_back) world.set_tariff(m, a, *e.rate_back);
        world.settle_talks(m);
        const double committed = e.commitment_usd_bn * world.government(m).gdp_usd_bn / gdp;
        world.record_commitment(m, committed);
        const double stake = world.scenario().experiment.negotiators.stake_share * committed;
        // A commitment with membership buys a stake (negotiators.stake_share of
        // it), bound for the lock-in; without membership, the government
        // invests that stake alongside the limited partners.
        if (e.membership && !world.government(m).is_member())
            world.force_join(m, step, stake);
        else if (e.membership)
            world.add_stake(m, stake);
        else if (stake > 0)
            world.add_lp_capital(stake);
        if (e.membership) world.lock_in(m, step);
    }
    return true;
}

}  // namespace

bool fire_event(const EventSpec& e, int step, World& world, RandomStream& rng) {
    switch (e.type) {
        case EventType::tariff: return fire_tariff(e, world, rng);
        case EventType::trade_deal: return fire_trade_deal(e, step, world, rng);
        case EventType::summit:
            world.summon(e.targets, step);
            return true;
        case EventType::market_shock:
            world.shock_projects(e.sector, e.size + e.size_sd * rng.normal());
            return true;
        case EventType::policy_shift: {
            const GovIndex g = resolve(e.government, world, rng, [](GovIndex) { return true; });
            if (g == kNoGovernment) return false;
            world.set_volatility(g, e.volatility);
            return true;
        }
        case EventType::join: {
            const GovIndex g = resolve(e.government, world, rng,
                                       [&world](GovIndex i) { return !world.government(i).is_member(); });
            if (g == kNoGovernment || world.government(g).is_member()) return false;
            world.force_join(g, step);
            return true;
        }
        case EventType::exit: {
            const GovIndex g = resolve(e.government, world, rng, [&world](GovIndex i) {
                return world.government(i).is_member() && !world.government(i).is_founder;
            });
            if (g == kNoGovernment || !world.government(g).is_member()) return false;
            world.force_exit(g);
            return true;
        }
    }
    return false;
}

}  // namespace fundsim
