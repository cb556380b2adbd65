#include "experiment/schema_check.hpp"

#include <cctype>
#include <limits>

#include "experiment/scalar_text.hpp"
#include "experiment/yaml_source.hpp"

namespace fundsim {
namespace {

using Kind = ConfigNode::Kind;

std::string join_path(std::string_view parent, std::string_view key) {
    return parent.empty() ? std::string(key) : std::string(parent) + "." + std::string(key);
}

[[noreturn]] void fail(const ConfigNode& node, const std::string& shown, const std::string& what) {
    throw config_error(node.pos, shown, what);
}

std::string range_problem(const KeySpec& spec, double v) {
    const bool low = spec.min_exclusive ? !(v > spec.min) : !(v >= spec.min);
    const bool high = spec.max_exclusive ? !(v < spec.max) : !(v <= spec.max);
    return low || high ? "is out of range" : "";
}

std::string number_problem(const KeySpec& spec, const ConfigNode& node, bool whole) {
    if (!node.is_plain) return "is quoted text (remove the quotes)";
    double v = 0;
    if (whole) {
        const auto r = parse_integer(node.scalar);
        if (!r.value) return r.problem;
        v = static_cast<double>(*r.value);
    } else {
        const auto r = parse_number(node.scalar);
        if (!r.value) return r.problem;
        v = *r.value;
    }
    return range_problem(spec, v);
}

/// The scalar check for one government id; "random" only where allowed.
std::string id_problem(const ConfigNode& node, bool allow_random, bool allow_all) {
    if (node.kind != Kind::scalar) return "is " + node.describe();
    if (node.scalar == "random") return allow_random ? "" : "is 'random', which is not allowed here";
    if (node.scalar == "all") return allow_all ? "" : "is 'all', which is not allowed here";
    return is_id_text(node.scalar) ? "" : "is not a government id";
}

void check_map(ConfigNode& node, std::string_view schema_path, const std::string& shown);

void check_id_items(const ConfigNode& list, const KeySpec& spec, const std::string& shown, bool allow_random_last) {
    for (std::size_t i = 0; i < list.items.size(); ++i) {
        const bool allow_random = allow_random_last && i + 1 == list.items.size();
        const std::string p = id_problem(list.items[i], allow_random, false);
        if (!p.empty())
            fail(list.items[i], shown + "[" + std::to_string(i) + "]", list.items[i].describe() + " " + p +
                                                                           "; expected " + expected_text(spec));
    }
}

void check_number_map(ConfigNode& node, const KeySpec& spec, const std::string& shown) {
    if (node.kind == Kind::null) node = make_map(node.pos);
    if (node.kind != Kind::map) fail(node, shown, "is " + node.describe() + "; expected " + expected_text(spec));
    if (spec.type == KeyType::id_shares && node.find("random")) {
        const ConfigEntry& e = *node.entry("random");
        if (node.entries.size() != 1)
            throw config_error(e.key_pos, shown, "random: K cannot be mixed with listed founders; expected {random: K} alone or id: share pairs");
        KeySpec count = spec;
        count.type = KeyType::integer;
        count.min = 0;
        count.max = std::numeric_limits<double>::infinity();
        const std::string p = scalar_problem(count, e.value);
        if (!p.empty()) fail(e.value, shown + ".random", p);
        return;
    }
    KeySpec value = spec;
    value.type = KeyType::number;
    for (const ConfigEntry& e : node.entries) {
        if (!is_id_text(e.key) || e.key == "random" || e.key == "all")
            throw config_error(e.key_pos, shown + "." + e.key, "'" + e.key + "' is not a government id; expected " +
                                                                   expected_text(spec));
        const std::string p = scalar_problem(value, e.value);
        if (!p.empty()) fail(e.value, shown + "." + e.key, p);
    }
}

/// Why a known key cannot be a sweep parameter, and what to do instead.
std::string unsweepable_reason(const KeySpec& k) {
    const std::string path(k.path);
    const std::string head = "'" + path + "' cannot be swept";
    if (path == "experiment.seed")
        return head + ": every point and world already draws its own streams from (seed, point, world); expected "
                      "more replicates through experiment.worlds, or another seed through a second run with --set "
                      "experiment.seed=N";
    if (path.starts_with("experiment") || path.starts_with("sweep"))
        return head + ": it sets the run itself, the same at every point; expected a model key "
                      "(fund., governments.defaults., network., negotiators., investors., behavior.)";
    if (path.find("[]") != std::string::npos)
        return head + ": it is a key of one list item; expected a key outside lists (e.g. governments.defaults." +
               path.substr(path.rfind('.') + 1) + " for every government), or one file per variant";
    return head + ": a " + expected_text(k) + " is not a single value; expected one file per variant, or a scalar key";
}

void check_sweep_parameters(ConfigNode& node, const KeySpec& spec, const std::string& shown) {
    if (node.kind != Kind::map || node.entries.empty())
        fail(node, shown, "is " + node.describe() + "; expected " + expected_text(spec) + " (at least one)");
    std::vector<std::string> sweepable;
    for (const KeySpec& k : schema_table())
        if (is_sweepable(k)) sweepable.emplace_back(k.path);
    for (ConfigEntry& e : node.entries) {
        const std::string where = shown + "." + e.key;
        const KeySpec* target = find_key(e.key);
        if (!target) {
            const std::string hint = closest_match(e.key, sweepable);
            throw config_error(e.key_pos, where, "'" + e.key + "' is not a known key; expected the dotted path of a key "
                                                 "outside lists, experiment and sweep" +
                                                     (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
        }
        if (!is_sweepable(*target)) throw config_error(e.key_pos, where, unsweepable_reason(*target));
        if (e.value.kind == Kind::list) {
            if (e.value.items.empty()) fail(e.value, where, "is an empty list; expected at least one value");
            for (std::size_t i = 0; i < e.value.items.size(); ++i) {
                const std::string item = where + "[" + std::to_string(i) + "]";
                if (target->type == KeyType::id_shares) {
                    check_number_map(e.value.items[i], *target, item);  // ids are resolved at each point
                    continue;
                }
                const std::string p = scalar_problem(*target, e.value.items[i]);
                if (!p.empty()) fail(e.value.items[i], item, p);
            }
        } else if (e.value.kind == Kind::map && target->type == KeyType::id_shares) {
            fail(e.value, where, "is one map; expected a list of founder maps, e.g. [{USA: 0.5, JPN: 0.5}, {USA: 1}]");
        } else if (e.value.kind == Kind::map) {
            if (target->type != KeyType::integer && target->type != KeyType::number)
                fail(e.value, where, "a range {min, max} for a key that is not a number; expected a list of values");
            for (const ConfigEntry& r : e.value.entries) {
                if (r.key == "integer") {
                    KeySpec flag;
                    flag.type = KeyType::boolean;
                    const std::string p = scalar_problem(flag, r.value);
                    if (!p.empty()) fail(r.value, where + ".integer", p);
                } else if (r.key == "min" || r.key == "max") {
                    const std::string p = scalar_problem(*target, r.value);
                    if (!p.empty()) fail(r.value, where + "." + r.key, p);
                } else {
                    const std::string hint = closest_match(r.key, {"min", "max", "integer"});
                    throw config_error(r.key_pos, where + "." + r.key, "unknown key '" + r.key + "'" +
                                       (hint.empty() ? "" : "; did you mean '" + hint + "'?") + "; expected min, max, integer");
                }
            }
            for (const char* bound : {"min", "max"})
                if (!e.value.find(bound))
                    fail(e.value, where, std::string("missing '") + bound + "'; expected {min, max}");
            const double lo = *parse_number(e.value.find("min")->scalar).value;
            const double hi = *parse_number(e.value.find("max")->scalar).value;
            if (!(lo < hi)) fail(e.value, where, "min is not below max; expected min < max");
        } else {
            fail(e.value, where, "is " + e.value.describe() + "; expected a list of values or {min, max}");
        }
    }
}

void check_value(ConfigNode& node, const KeySpec& spec, const std::string& shown) {
    const auto bad = [&](const std::string& p) {
        fail(node, shown, (node.kind == Kind::scalar ? node.describe() + " " : "") + p + "; expected " + expected_text(spec));
    };
    switch (spec.type) {
        case KeyType::section: check_map(node, spec.path, shown); return;
        case KeyType::item_list:
            if (node.kind == Kind::null) node.kind = Kind::list;
            if (node.kind != Kind::list) bad("is " + node.describe());
            for (std::size_t i = 0; i < node.items.size(); ++i)
                check_map(node.items[i], std::string(spec.path) + "[]", shown + "[" + std::to_string(i) + "]");
            return;
        case KeyType::id_list:
        case KeyType::string_list:
            if (node.kind != Kind::list) bad("is " + node.describe());
            if (spec.type == KeyType::id_list) check_id_items(node, spec, shown, false);
            for (std::size_t i = 0; i < node.items.size(); ++i)
                if (node.items[i].kind != Kind::scalar)
                    fail(node.items[i], shown + "[" + std::to_string(i) + "]", "is " + node.items[i].describe() + "; expected a text");
            return;
        case KeyType::ids_or_all:
        case KeyType::tariff_targets:
            if (node.kind == Kind::list) return check_id_items(node, spec, shown, false);
            if (const std::string p = id_problem(node, spec.type == KeyType::tariff_targets, true); !p.empty()) bad(p);
            if (spec.type == KeyType::ids_or_all && node.scalar != "all") bad("is a single id");
            return;
        case KeyType::id_pair:
            if (node.kind != Kind::list || node.items.size() != 2) bad("is " + node.describe() + (node.kind == Kind::list ? " of " + std::to_string(node.items.size()) : ""));
            return check_id_items(node, spec, shown, true);
        case KeyType::id_shares:
        case KeyType::id_amounts: return check_number_map(node, spec, shown);
        case KeyType::sweep_parameters: return check_sweep_parameters(node, spec, shown);
        default:
            if (const std::string p = scalar_problem(spec, node); !p.empty()) fail(node, shown, p);
    }
}

std::string event_type_of(const ConfigNode& item, const std::string& shown) {
    const ConfigNode* type = item.find("type");
    if (!type) fail(item, shown, "missing required key 'type'; expected " + expected_text(*find_key("events[].type")));
    if (const std::string p = scalar_problem(*find_key("events[].type"), *type); !p.empty())
        fail(*type, shown + ".type", p);
    return type->scalar;
}

void check_map(ConfigNode& node, std::string_view schema_path, const std::string& shown) {
    if (node.kind == Kind::null) node = make_map(node.pos);
    if (node.kind != Kind::map)
        fail(node, shown, "is " + node.describe() + "; expected a map of keys (key: value)");
    const std::string type = schema_path == "events[]" ? event_type_of(node, shown) : std::string();
    const std::vector<const KeySpec*> children = child_keys(schema_path);
    std::vector<std::string> allowed;
    for (const KeySpec* c : children)
        if (allows_event_type(*c, type)) allowed.emplace_back(key_name(c->path));
    for (ConfigEntry& e : node.entries) {
        const std::string child = join_path(shown, e.key);
        const KeySpec* spec = find_key(join_path(schema_path, e.key));
        if (spec && !allows_event_type(*spec, type))
            throw config_error(e.key_pos, child, "'" + e.key + "' is not a key of a " + type + " event; expected only: " +
                                                     [&] { std::string s; for (auto& a : allowed) s += (s.empty() ? "" : ", ") + a; return s; }());
        if (!spec) {
            const std::string hint = closest_match(e.key, allowed);
            std::string list;
            for (const std::string& a : allowed) list += (list.empty() ? "" : ", ") + a;
            throw config_error(e.key_pos, child, "unknown key '" + e.key + "'" +
                               (hint.empty() ? "; expected one of: " + list : "; did you mean '" + hint + "'?"));
        }
        check_value(e.value, *spec, child);
    }
    for (const KeySpec* c : children)
        if (c->required && allows_event_type(*c, type) && !node.find(key_name(c->path)))
            fail(node, shown, "missing required key '" + std::string(key_name(c->path)) + "' (" + std::string(c->description) +
                                  "); expected " + expected_text(*c));
}

ConfigNode default_node(const KeySpec& spec, const ConfigNode& root, const SourcePos& pos) {
    std::string text(spec.default_text);
    if (const std::size_t at = text.find("<name>"); at != std::string::npos) {
        const ConfigNode* name = root.at_path("experiment.name");
        text.replace(at, 6, name && name->kind == Kind::scalar ? name->scalar : "experiment");
    }
    ConfigNode node = spec.type == KeyType::section ? make_map(pos) : parse_yaml_text(text, "default", false);
    node.pos = pos;
    return node;
}

void fill_map(ConfigNode& node, std::string_view schema_path, const ConfigNode& root) {
    const std::string type = schema_path == "events[]" && node.find("type") ? node.find("type")->scalar : "";
    for (const KeySpec* spec : child_keys(schema_path)) {
        if (!allows_event_type(*spec, type)) continue;
        const std::string name(key_name(spec->path));
        ConfigNode* present = node.find(name);
        if (!present) {
            if (!spec->inherit.empty()) {
                if (const ConfigNode* from = root.at_path(spec->inherit)) {
                    ConfigNode copy = *from;
                    copy.pos = node.pos;
                    node.set(name, node.pos, std::move(copy));
                }
                continue;
            }
            if (spec->default_text.empty()) continue;
            present = &node.set(name, node.pos, default_node(*spec, root, node.pos));
        }
        if (spec->type == KeyType::section) fill_map(*present, spec->path, root);
        if (spec->type == KeyType::item_list)
            for (ConfigNode& item : present->items) fill_map(item, std::string(spec->path) + "[]", root);
    }
}

}  // namespace

bool is_id_text(std::string_view text) {
    if (text.empty() || text.size() > 64) return false;
    // pandas.read_csv reads these as missing values: an id must survive the CSVs.
    for (const char* missing : {"NA", "NULL", "NaN", "None", "nan", "null", "-NaN", "-nan", "N-A"})
        if (text == missing) return false;
    for (const char c : text)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) return false;
    return true;
}

std::string scalar_problem(const KeySpec& spec, const ConfigNode& node) {
    const std::string expected = "; expected " + expected_text(spec);
    if (node.kind != Kind::scalar) return "is " + node.describe() + expected;
    std::string p;
    switch (spec.type) {
        case KeyType::integer: p = number_problem(spec, node, true); break;
        case KeyType::number: p = number_problem(spec, node, false); break;
        case KeyType::boolean: p = node.is_plain ? parse_bool(node.scalar).problem : "is quoted text (remove the quotes)"; break;
        case KeyType::string: break;
        case KeyType::path: p = node.scalar.empty() ? "is empty" : ""; break;
        case KeyType::enumeration: {
            for (const std::string_view c : spec.choices)
                if (node.scalar == c) return "";
            std::vector<std::string> choices(spec.choices.begin(), spec.choices.end());
            const std::string hint = closest_match(node.scalar, choices);
            return node.describe() + " is not allowed" + expected + (hint.empty() ? "" : " (did you mean '" + hint + "'?)");
        }
        case KeyType::id: p = id_problem(node, false, false); break;
        case KeyType::id_or_random: p = id_problem(node, true, false); break;
        default: return "is " + node.describe() + expected;
    }
    return p.empty() ? "" : node.describe() + " " + p + expected;
}

void check_tree(ConfigNode& root) { check_map(root, "", ""); }

void fill_defaults(ConfigNode& root) { fill_map(root, "", root); }

}  // namespace fundsim
