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
        world.set_tariff_to_all(from, e.rate);
        return true;
    }
    for (GovIndex target : e.targets) {
        const GovIndex to = resolve(target, world, rng, [from](GovIndex i) { return i != from; });
        if (to != kNoGovernment) world.set_tariff(from, to, e.rate);
    }
    return true;
}

bool fire_trade_deal(const EventSpec& e, int step, World& world, RandomStream& rng) {
    const GovIndex a = e.from;
    const GovIndex b = resolve(e.to_one, world, rng, [a](GovIndex i) { return i != a; });
    if (b == kNoGovernment) return false;
    world.set_tariff(a, b, e.rate);
    if (e.rate_back) world.set_tariff(b, a, *e.rate_back);
    world.settle_talks(b);
    world.count_deal();
    // A commitment with membership buys a stake; without it, the government
    // invests alongside the limited partners (Korea's 2025 pledge, say).
    if (e.membership && !world.government(b).is_member())
        world.force_join(b, step, e.commitment_usd_bn);
    else if (e.membership)
        world.add_stake(b, e.commitment_usd_bn);
    else if (e.commitment_usd_bn > 0)
        world.add_lp_capital(e.commitment_usd_bn);
    return true;
}

}  // namespace

bool fire_event(const EventSpec& e, int step, World& world, RandomStream& rng) {
    switch (e.type) {
        case EventType::tariff: return fire_tariff(e, world, rng);
        case EventType::trade_deal: return fire_trade_deal(e, step, world, rng);
        case EventType::summit:
            for (GovIndex g : e.targets) world.summon(g, step);
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
