// events: scheduled (at) or random (rate_per_year), with their government references.
#include <set>

#include "experiment/build_context.hpp"

namespace fundsim::build {
namespace {

/// Ids of a list node, each known and listed once.
std::vector<GovIndex> id_list(const ConfigNode& list, const std::string& shown, const GovIds& ids) {
    std::vector<GovIndex> out;
    std::set<GovIndex> seen;
    for (std::size_t i = 0; i < list.items.size(); ++i) {
        const std::string item = shown + "[" + std::to_string(i) + "]";
        const GovIndex g = ids.resolve(list.items[i], item);
        if (!seen.insert(g).second)
            throw config_error(list.items[i].pos, item, "'" + list.items[i].scalar + "' is listed twice; expected each id once");
        out.push_back(g);
    }
    if (out.empty()) throw config_error(list.pos, shown, "is an empty list; expected at least one government id");
    return out;
}

void build_tariff(const MapView& e, EventSpec& ev, const GovIds& ids) {
    ev.from = ids.resolve(*e.get("from"), e.path("from"), true);
    const ConfigNode& to = *e.get("to");
    if (to.kind == ConfigNode::Kind::list) ev.targets = id_list(to, e.path("to"), ids);
    else if (to.scalar == "all") ev.to_all = true;
    else ev.targets = {ids.resolve(to, e.path("to"), true)};
    for (const GovIndex g : ev.targets)
        if (g == ev.from && g != kRandomGovernment)
            throw e.error("to", "includes the setter '" + e.text("from") + "'; expected the governments that face its tariff");
    ev.rate = e.number("rate");
    ev.unless_deal = e.flag("unless_deal");
}

void build_trade_deal(const MapView& e, EventSpec& ev, const GovIds& ids) {
    const ConfigNode& pair = *e.get("between");
    ev.from = ids.resolve(pair.items[0], e.path("between") + "[0]");
    ev.to_one = ids.resolve(pair.items[1], e.path("between") + "[1]", true);
    if (ev.from == ev.to_one) throw e.error("between", "names one government twice; expected two different governments");
    ev.rate = e.number("rate");
    ev.rate_back = e.maybe_number("rate_back");
    ev.commitment_usd_bn = e.number("commitment");
    ev.membership = e.flag("membership");
}

void check_sector(const MapView& e, const Experiment& ex) {
    if (!e.has("sector")) return;
    std::string known;
    for (const SponsorSpec& s : ex.sponsors) {
        if (s.sector == e.text("sector")) return;
        known += (known.empty() ? "" : ", ") + s.sector;
    }
    throw e.error("sector", "no sponsor has sector '" + e.text("sector") + "'; expected one of the sponsors' sectors" +
                                (known.empty() ? std::string(" (there are no sponsors)") : ": " + known));
}

}  // namespace

void build_events(const MapView& root, Experiment& ex, const GovIds& ids) {
    const ConfigNode* list = root.get("events");
    for (std::size_t i = 0; list && i < list->items.size(); ++i) {
        const MapView e(&list->items[i], "events[" + std::to_string(i) + "]");
        EventSpec ev;
        ev.type = e.choice<EventType>("type");
        if (e.has("at") == e.has("rate_per_year"))
            throw e.error_here(e.has("at") ? "both at and rate_per_year given; expected exactly one of them"
                                           : "neither at nor rate_per_year given; expected exactly one of them");
        if (e.has("at")) {
            ev.at = e.integer("at");
            if (*ev.at > ex.steps)
                throw e.error("at", std::to_string(*ev.at) + " is after the last step; expected 0 .. experiment.steps (" +
                                        std::to_string(ex.steps) + ")");
        } else {
            ev.rate_per_year = e.number("rate_per_year");
        }
        ev.name = e.text("name");
        switch (ev.type) {
            case EventType::tariff: build_tariff(e, ev, ids); break;
            case EventType::trade_deal: build_trade_deal(e, ev, ids); break;
            case EventType::summit: ev.targets = id_list(*e.get("members"), e.path("members"), ids); break;
            case EventType::market_shock:
                ev.size = e.number("size");
                ev.size_sd = e.number("size_sd");
                ev.sector = e.text("sector");
                check_sector(e, ex);
                break;
            case EventType::policy_shift:
                ev.government = ids.resolve(*e.get("government"), e.path("government"), true);
                ev.volatility = e.number("volatility");
                break;
            case EventType::join:
            case EventType::exit: ev.government = ids.resolve(*e.get("government"), e.path("government"), true); break;
        }
        ex.events.push_back(std::move(ev));
    }
}

}  // namespace fundsim::build
