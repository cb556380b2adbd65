// governments (list | from_csv | generate), their trade flows, and network ties.
#include <functional>
#include <map>
#include <set>

#include "experiment/build_context.hpp"
#include "experiment/scalar_text.hpp"
#include "experiment/schema.hpp"
#include "experiment/schema_check.hpp"

namespace fundsim::build {
namespace {

/// Attribute keys shared by governments.defaults, list items and CSV columns.
constexpr std::string_view kAttributes[] = {"gdp", "fiscal_capacity", "stake", "risk_aversion",
                                            "political_volatility", "alliance", "threshold",
                                            "swf_assets", "threat_tariff"};

void set_attribute(GovernmentSpec& g, std::string_view key, double v) {
    if (key == "gdp") g.gdp_usd_bn = v;
    else if (key == "fiscal_capacity") g.fiscal_capacity_gdp_share = v;
    else if (key == "stake") g.stake_gdp_share = v;
    else if (key == "risk_aversion") g.risk_aversion = v;
    else if (key == "political_volatility") g.political_volatility = v;
    else if (key == "alliance") g.alliance = v;
    else if (key == "threshold") g.threshold = v;
    else if (key == "swf_assets") g.swf_assets_usd_bn = v;
    else if (key == "threat_tariff") g.threat_tariff = v;
}

/// A government with every attribute read from `from` (defaults or a list item).
GovernmentSpec government_from(const MapView& from, const std::string& id) {
    GovernmentSpec g;
    g.id = id;
    g.name = from.text("name", id);
    for (const std::string_view key : kAttributes)
        if (const auto v = from.maybe_number(key)) set_attribute(g, key, *v);
    return g;
}

void check_new_id(const ConfigNode& node, const std::string& shown, const std::string& id, GovIds& ids, GovIndex index,
                  std::map<std::string, std::string>& first_seen, const std::string& where) {
    if (!is_id_text(id) || id == "all" || id == "random")
        throw config_error(node.pos, shown, "'" + id + "' is not a usable id; expected letters, digits, _ - (not all, random, or a word pandas reads as missing: NA, nan, None, null)");
    if (!ids.add(id, index))
        throw config_error(node.pos, shown, "duplicate id '" + id + "' (first at " + first_seen[id] + "); expected unique ids");
    first_seen[id] = where;
}

/// Adds a flow, refusing one given twice (e.g. once from each side).
void add_flow(std::map<std::pair<GovIndex, GovIndex>, std::string>& seen, Experiment& ex, TradeFlow flow,
              const std::string& where, const std::function<ConfigError(const std::string&)>& error) {
    if (flow.exporter == flow.importer) throw error("a government trading with itself; expected a partner id");
    const auto [it, fresh] = seen.emplace(std::make_pair(flow.exporter, flow.importer), where);
    if (!fresh)
        throw error("the flow " + ex.governments[flow.exporter].id + " -> " + ex.governments[flow.importer].id +
                    " is given twice (also at " + it->second + "); expected each flow once, from one side");
    ex.trade_flows.push_back(flow);
}

void build_list(const ConfigNode& list, Experiment& ex, GovIds& ids) {
    std::map<std::string, std::string> first_seen;
    for (std::size_t i = 0; i < list.items.size(); ++i) {
        const MapView item(&list.items[i], "governments.list[" + std::to_string(i) + "]");
        const ConfigNode& id = *item.get("id");
        check_new_id(id, item.path("id"), id.scalar, ids, static_cast<GovIndex>(i), first_seen,
                     std::to_string(id.pos.line) + ":" + std::to_string(id.pos.column));
        ex.governments.push_back(government_from(item, id.scalar));
    }
    std::map<std::pair<GovIndex, GovIndex>, std::string> seen;
    for (std::size_t i = 0; i < list.items.size(); ++i) {
        const MapView item(&list.items[i], "governments.list[" + std::to_string(i) + "]");
        const GovIndex self = static_cast<GovIndex>(i);
        for (const bool exports : {true, false}) {
            const ConfigNode* flows = item.get(exports ? "exports" : "imports");
            if (!flows) continue;
            for (const ConfigEntry& e : flows->entries) {
                const std::string shown = item.path(exports ? "exports" : "imports") + "." + e.key;
                const GovIndex partner = ids.resolve(make_scalar(e.key, e.key_pos), shown);
                const double value = *parse_number(e.value.scalar).value;
                const TradeFlow flow = exports ? TradeFlow{self, partner, value} : TradeFlow{partner, self, value};
                add_flow(seen, ex, flow, e.key_pos.text(), [&](const std::string& w) { return config_error(e.key_pos, shown, w); });
            }
        }
    }
}

void build_from_csv(const ConfigNode& root, const CsvTable& t, const MapView& defaults, Experiment& ex, GovIds& ids) {
    const std::string suffix = named_by(root, "governments.from_csv");
    const auto fail = [&](const CsvCell& cell, const std::string& what) { return t.error(cell, what + suffix); };
    std::set<std::string> ignored;
    if (const ConfigNode* ign = root.at_path("governments.ignore_columns"))
        for (const ConfigNode& c : ign->items) ignored.insert(c.scalar);
    const int id_col = t.column("id");
    if (id_col < 0) throw fail(t.header.front(), "missing required column 'id'; expected a header with id and attribute columns");
    std::map<std::string, std::string> first_seen;
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        const CsvCell& cell = t.rows[r][static_cast<std::size_t>(id_col)];
        const ConfigNode id_node = make_scalar(cell.text, SourcePos{std::make_shared<const std::string>(t.file), cell.line, cell.column});
        try {
            check_new_id(id_node, "governments.from_csv", cell.text, ids, static_cast<GovIndex>(r), first_seen,
                         std::to_string(cell.line) + ":" + std::to_string(cell.column));
        } catch (const ConfigError& e) {
            throw ConfigError(e.what() + suffix);
        }
        ex.governments.push_back(government_from(defaults, cell.text));
    }
    std::map<std::pair<GovIndex, GovIndex>, std::string> seen;
    for (std::size_t c = 0; c < t.header.size(); ++c) {
        const CsvCell& head = t.header[c];
        const std::string& name = head.text;
        if (static_cast<int>(c) == id_col || ignored.count(name)) continue;
        const bool is_export = name.starts_with("exports_to_"), is_import = name.starts_with("imports_from_");
        GovIndex partner = kNoGovernment;
        KeySpec amount = *find_key("governments.list[].exports");
        amount.type = KeyType::number;
        const KeySpec* spec = find_key("governments.list[]." + name);
        if (is_export || is_import) {
            partner = ids.find(name.substr(is_export ? 11 : 13));
            if (partner == kNoGovernment)
                throw fail(head, "column '" + name + "' names an unknown government id; expected exports_to_<ID> / imports_from_<ID> with a listed id");
            spec = &amount;
        } else if (name != "name" && (!spec || spec->type != KeyType::number)) {
            std::vector<std::string> known{"id", "name"};
            for (const std::string_view a : kAttributes) known.emplace_back(a);
            const std::string hint = closest_match(name, known);
            throw fail(head, "unknown column '" + name + "'" + (hint.empty() ? "" : " (did you mean '" + hint + "'?)") +
                                 "; expected id, name, gdp, fiscal_capacity, stake, risk_aversion, political_volatility, "
                                 "alliance, threshold, exports_to_<ID>, imports_from_<ID>, or list it in governments.ignore_columns");
        }
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            const CsvCell& cell = t.rows[r][c];
            if (cell.text.empty()) continue;
            GovernmentSpec& g = ex.governments[r];
            if (name == "name") {
                g.name = cell.text;
                continue;
            }
            const std::string p = scalar_problem(*spec, make_scalar(cell.text, {}));
            if (!p.empty()) throw fail(cell, "column '" + name + "': " + p);
            const double v = *parse_number(cell.text).value;
            const GovIndex self = static_cast<GovIndex>(r);
            if (!is_export && !is_import) set_attribute(g, name, v);
            else
                add_flow(seen, ex, is_export ? TradeFlow{self, partner, v} : TradeFlow{partner, self, v},
                         t.where(cell), [&](const std::string& w) { return fail(cell, "column '" + name + "': " + w); });
        }
    }
}

}  // namespace

void build_governments(const ConfigNode& root, const CsvTables& csvs, Experiment& ex, GovIds& ids) {
    const MapView govs(root.find("governments"), "governments");
    std::vector<std::string> given;
    for (const char* k : {"list", "from_csv", "generate"})
        if (govs.has(k)) given.emplace_back(k);
    if (given.size() != 1)
        throw (given.empty() ? govs.error_here("no governments; expected exactly one of list, from_csv, generate")
                             : govs.error(given[1], "both " + given[0] + " and " + given[1] + " given; expected exactly one of list, from_csv, generate"));
    if (govs.has("ignore_columns") && given[0] != "from_csv")
        throw govs.error("ignore_columns", "only applies to from_csv; expected it together with governments.from_csv");
    const MapView defaults = govs.child("defaults");
    if (given[0] == "list") {
        build_list(*govs.get("list"), ex, ids);
        if (ex.governments.empty()) throw govs.error("list", "is empty; expected at least one government");
    } else if (given[0] == "from_csv") {
        const CsvTable& t = csvs.at("governments.from_csv");
        build_from_csv(root, t, defaults, ex, ids);
        if (ex.governments.empty())
            throw t.error(t.header.front(), "no data rows; expected one row per government" + named_by(root, "governments.from_csv"));
    } else {
        const MapView gen = govs.child("generate");
        const int count = gen.integer("count");
        GovernmentSpec base = government_from(defaults, "");
        base.gdp_usd_bn = gen.number("gdp_median");
        ex.governments.reserve(static_cast<std::size_t>(count));
        for (int k = 0; k < count; ++k) {
            GovernmentSpec g = base;
            g.id = g.name = "G" + std::to_string(k);
            ids.add(g.id, k);
            ex.governments.push_back(std::move(g));
        }
        ex.governments_generated = true;
        ex.generate_gdp_sigma = gen.number("gdp_sigma");
    }
}

}  // namespace fundsim::build
