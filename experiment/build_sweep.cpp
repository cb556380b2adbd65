// sweep: the design and its parameters (their shape and values were checked
// against the table by schema_check.cpp; here: design consistency).
#include <cmath>
#include <set>

#include "experiment/build_context.hpp"
#include "experiment/scalar_text.hpp"
#include "experiment/schema.hpp"

namespace fundsim::build {

namespace {

/// A map of scalars as one line of YAML flow text ("{USA: 0.5, JPN: 0.5}"):
/// the override a sweep point applies, and its cell in points.csv.
std::string flow_map_text(const ConfigNode& map) {
    std::string text = "{";
    for (std::size_t i = 0; i < map.entries.size(); ++i)
        text += (i ? ", " : "") + map.entries[i].key + ": " + map.entries[i].value.scalar;
    return text + "}";
}

}  // namespace

void build_sweep(const MapView& sweep, Experiment& ex) {
    SweepSpec& s = ex.sweep;
    s.design = sweep.choice<SweepDesign>("design");
    s.samples = sweep.integer("samples");
    const ConfigNode& params = *sweep.get("parameters");
    bool has_range = false;
    for (const ConfigEntry& e : params.entries) {
        const std::string shown = "sweep.parameters." + e.key;
        const KeySpec& target = *find_key(e.key);
        SweepParameter p;
        p.path = e.key;
        p.is_integer = target.type == KeyType::integer;
        if (e.value.kind == ConfigNode::Kind::list) {
            if (s.design == SweepDesign::saltelli)
                throw config_error(e.value.pos, shown, "a list with design saltelli; expected a range {min, max} "
                                                       "(Sobol indices need every parameter sampled)");
            std::set<std::string> seen;
            for (std::size_t i = 0; i < e.value.items.size(); ++i) {
                const ConfigNode& v = e.value.items[i];
                const std::string text = v.kind == ConfigNode::Kind::map ? flow_map_text(v) : v.scalar;
                if (!seen.insert(text).second)
                    throw config_error(v.pos, shown + "[" + std::to_string(i) + "]", v.describe() + " is listed twice; expected distinct values");
                p.values.push_back(text);
            }
        } else {
            if (s.design == SweepDesign::grid)
                throw config_error(e.key_pos, shown, "a range {min, max} with design grid; expected a list of values, "
                                                     "or design random, latin_hypercube, sobol or saltelli");
            has_range = true;
            p.min = *parse_number(e.value.find("min")->scalar).value;
            p.max = *parse_number(e.value.find("max")->scalar).value;
            if (const ConfigNode* integer = e.value.find("integer"))
                p.is_integer = p.is_integer || integer->scalar == "true" || integer->scalar == "True" || integer->scalar == "TRUE";
            if (p.is_integer && std::ceil(*p.min) > std::floor(*p.max))
                throw config_error(e.value.pos, shown, "no whole number between min and max; expected a range containing an integer");
        }
        s.parameters.push_back(std::move(p));
    }
    if (s.design != SweepDesign::grid && !has_range)
        throw sweep.error("design", "'" + std::string(enum_name(s.design)) + "' samples ranges, but every parameter is a list; expected at least one "
                                    "{min, max} range, or design: grid");
}

}  // namespace fundsim::build
