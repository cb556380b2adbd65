#include "world/scenario.hpp"

#include <algorithm>
#include <string>

#include "world/error.hpp"
#include "world/world.hpp"

namespace fundsim {
namespace {

/// Every government that can ever set a tariff in this scenario.
std::vector<GovIndex> find_tariff_setters(const Experiment& ex) {
    const auto n = static_cast<GovIndex>(ex.governments.size());
    std::vector<unsigned char> is_setter(static_cast<std::size_t>(n), 0);
    auto mark = [&](GovIndex g) {
        if (g >= 0 && g < n) is_setter[static_cast<std::size_t>(g)] = 1;
        if (g == kRandomGovernment) std::fill(is_setter.begin(), is_setter.end(), 1);
    };
    for (const auto& [g, share] : ex.fund.founders) mark(g);
    if (ex.negotiators.enabled) mark(ex.negotiators.counterpart);
    for (const EventSpec& e : ex.events) {
        if (e.type == EventType::tariff) mark(e.from);
        if (e.type == EventType::trade_deal) {
            mark(e.from);
            if (e.rate_back) mark(e.to_one);
        }
    }
    std::vector<GovIndex> setters;
    for (GovIndex g = 0; g < n; ++g)
        if (is_setter[static_cast<std::size_t>(g)]) setters.push_back(g);
    return setters;
}

void check_index(GovIndex g, std::size_t n, const std::string& what) {
    if (g == kRandomGovernment || g == kNoGovernment) return;
    if (g < 0 || static_cast<std::size_t>(g) >= n)
        throw ConfigError(what + ": government index out of range");
}

}  // namespace

Scenario Scenario::build(Experiment experiment) {
    Scenario s;
    s.experiment = std::move(experiment);
    const Experiment& ex = s.experiment;
    const std::size_t n = ex.governments.size();
    if (n == 0) throw ConfigError(ex.file + ": governments: the experiment has no governments");
    for (const auto& [g, share] : ex.fund.founders) check_index(g, n, ex.file + ": fund.founders");
    for (const TieSpec& t : ex.network.ties) {
        check_index(t.a, n, ex.file + ": network.from_csv");
        check_index(t.b, n, ex.file + ": network.from_csv");
    }
    for (const EventSpec& e : ex.events) {
        check_index(e.from, n, ex.file + ": events");
        check_index(e.to_one, n, ex.file + ": events");
        check_index(e.government, n, ex.file + ": events");
        for (GovIndex g : e.targets) check_index(g, n, ex.file + ": events");
    }
    s.tariff_setters = find_tariff_setters(ex);
    s.setter_slot.assign(n, -1);
    for (std::size_t k = 0; k < s.tariff_setters.size(); ++k)
        s.setter_slot[static_cast<std::size_t>(s.tariff_setters[k])] = static_cast<std::int32_t>(k);
    if (ex.network.generator == NetworkGenerator::none) {
        auto graph = std::make_shared<Graph>(build_graph(s, 0, 0));
        s.fixed_degree = weighted_degrees(*graph);
        s.fixed_graph = std::move(graph);
    }
    return s;
}

void simulate_world(const Scenario& scenario, std::uint32_t point, std::uint64_t world, bool record_trajectory,
                    WorldOutcome& out) {
    try {
        World w(scenario, point, world);
        w.run(out, record_trajectory);
    } catch (const Error& e) {
        throw ModelError("point " + std::to_string(point) + ", world " + std::to_string(world) + ": " + e.what());
    } catch (const std::exception& e) {
        throw ModelError("point " + std::to_string(point) + ", world " + std::to_string(world) + ": " + e.what());
    }
}

}  // namespace fundsim
