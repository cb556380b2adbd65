// negotiators, investors and sponsors: the agent sections with government references.
#include <set>

#include "experiment/build_context.hpp"

namespace fundsim::build {
namespace {

bool is_listed_founder(const Experiment& ex, GovIndex g) {
    for (const auto& [founder, share] : ex.fund.founders)
        if (founder == g) return true;
    return false;
}

void build_negotiators(const MapView& neg, Experiment& ex, const GovIds& ids) {
    NegotiatorSpec& n = ex.negotiators;
    const ConfigNode* parties = neg.get("parties");
    const ConfigNode* counterpart = neg.get("counterpart");
    if (!parties && counterpart)
        throw neg.error("counterpart", "given without negotiators.parties; expected parties (all or a list of ids) to enable talks");
    n.enabled = parties != nullptr;
    if (n.enabled) {
        if (!counterpart) throw neg.error_here("missing required key 'counterpart' (required with parties); expected a founder's id");
        n.counterpart = ids.resolve(*counterpart, neg.path("counterpart"));
        if (!is_listed_founder(ex, n.counterpart))
            throw config_error(counterpart->pos, neg.path("counterpart"),
                               "'" + counterpart->scalar + "' is not a founder; expected one of the ids in fund.founders" +
                                   (ex.fund.random_founders >= 0 ? " (founders are drawn at random: list them to negotiate)" : ""));
        if (parties->kind == ConfigNode::Kind::scalar) {  // all
            for (GovIndex g = 0; g < static_cast<GovIndex>(ex.governments.size()); ++g)
                if (!is_listed_founder(ex, g)) n.parties.push_back(g);
        } else {
            std::set<GovIndex> seen;
            for (std::size_t i = 0; i < parties->items.size(); ++i) {
                const std::string shown = neg.path("parties") + "[" + std::to_string(i) + "]";
                const GovIndex g = ids.resolve(parties->items[i], shown);
                if (is_listed_founder(ex, g))
                    throw config_error(parties->items[i].pos, shown, "'" + parties->items[i].scalar + "' is a founder; expected non-founders only");
                if (!seen.insert(g).second)
                    throw config_error(parties->items[i].pos, shown, "'" + parties->items[i].scalar + "' is listed twice; expected each party once");
                n.parties.push_back(g);
            }
        }
    }
    n.start_step = neg.integer("start_step");
    n.deadline_months = neg.integer("deadline_months");
    n.target_tariff = neg.number("target_tariff");
    n.reservation_tariff = neg.number("reservation_tariff");
    n.reservation_sd = neg.number("reservation_sd");
    n.counterpart_reservation = neg.number("counterpart_reservation");
    n.boulware_share = neg.number("boulware_share");
    n.boulware_beta = neg.number("boulware_beta");
    n.conceder_beta = neg.number("conceder_beta");
    n.initial_concession = neg.number("initial_concession");
    n.deficit_premium = neg.number("deficit_premium");
    n.commitment_price = neg.number("commitment_price");
    n.pledge_capacity_gdp_share = neg.number("pledge_capacity");
    n.swf_pledge_share = neg.number("swf_pledge_share");
    n.horizon_years = neg.number("horizon_years");
    n.commitment_cost = neg.number("commitment_cost");
    n.alliance_discount = neg.number("alliance_discount");
    n.commitment_fixed_cost = neg.number("commitment_fixed_cost");
    n.stake_share = neg.number("stake_share");
    n.lock_in_months = neg.integer("lock_in_months");
    n.escalation_probability = neg.number("escalation_probability");
    n.escalation_tariff = neg.number("escalation_tariff");
    n.cooldown_months = neg.integer("cooldown_months");
}


void build_investors(const MapView& inv, Experiment& ex, const GovIds& ids) {
    InvestorsSpec& s = ex.investors;
    s.expected_return_prior_per_year = inv.number("expected_return_prior");
    s.belief_weight = inv.number("belief_weight");
    s.sensitivity = inv.number("sensitivity");
    s.adjustment_speed = inv.number("adjustment_speed");
    const ConfigNode* classes = inv.get("classes");
    for (std::size_t i = 0; classes && i < classes->items.size(); ++i) {
        const MapView c(&classes->items[i], inv.path("classes") + "[" + std::to_string(i) + "]");
        InvestorClassSpec spec;
        spec.country = ids.resolve(*c.get("country"), c.path("country"));
        spec.kind = c.choice<InvestorKind>("kind");
        spec.count = c.integer("count");
        spec.capital_usd_bn = c.number("capital");
        spec.hurdle_per_year = c.number("hurdle");
        spec.risk_aversion = c.number("risk_aversion");
        spec.herding = c.number("herding");
        spec.home_bias = c.number("home_bias");
        s.classes.push_back(spec);
    }
}

void build_sponsors(const ConfigNode* list, Experiment& ex, const GovIds& ids) {
    for (std::size_t i = 0; list && i < list->items.size(); ++i) {
        const MapView s(&list->items[i], "sponsors[" + std::to_string(i) + "]");
        SponsorSpec spec;
        spec.name = s.text("name");
        spec.sector = s.text("sector");
        spec.location = ids.resolve(*s.get("location"), s.path("location"));
        spec.capex_usd_bn = s.number("capex");
        spec.capex_cv = s.number("capex_cv");
        spec.expected_return_per_year = s.number("expected_return");
        spec.volatility_per_year = s.number("volatility");
        spec.duration_months = s.integer("duration_months");
        spec.rate_per_year = s.number("rate_per_year");
        spec.program_usd_bn = s.number("program");
        spec.start_step = s.integer("start_step");
        ex.sponsors.push_back(spec);
    }
}

/// `blocs`: each a name and two or more member states, none a listed
/// founder, none in two blocs.
void build_blocs(const ConfigNode* list, Experiment& ex, const GovIds& ids) {
    std::set<GovIndex> taken;
    for (std::size_t i = 0; list && i < list->items.size(); ++i) {
        const MapView b(&list->items[i], "blocs[" + std::to_string(i) + "]");
        BlocSpec bloc;
        bloc.name = b.text("name");
        const ConfigNode* members = b.get("members");
        for (std::size_t k = 0; k < members->items.size(); ++k) {
            const ConfigNode& item = members->items[k];
            const std::string shown = b.path("members") + "[" + std::to_string(k) + "]";
            const GovIndex g = ids.resolve(item, shown);
            if (is_listed_founder(ex, g))
                throw config_error(item.pos, shown, "'" + item.scalar + "' is a founder; expected non-founders only");
            if (!taken.insert(g).second)
                throw config_error(item.pos, shown, "'" + item.scalar + "' is already in a bloc; expected each government in at most one bloc");
            bloc.members.push_back(g);
        }
        if (bloc.members.size() < 2)
            throw config_error(members->pos, b.path("members"), "a bloc of " + std::to_string(bloc.members.size()) +
                                                                  " member; expected two or more");
        ex.blocs.push_back(std::move(bloc));
    }
}

}  // namespace

void build_agents(const ConfigNode& root, Experiment& ex, const GovIds& ids) {
    build_negotiators(MapView(root.find("negotiators"), "negotiators"), ex, ids);
    build_blocs(root.find("blocs"), ex, ids);
    build_investors(MapView(root.find("investors"), "investors"), ex, ids);
    build_sponsors(root.find("sponsors"), ex, ids);
}

}  // namespace fundsim::build
