// Queries on the parameter table: names, suggestions, range and type texts.
#include <algorithm>
#include <cmath>

#include "experiment/scalar_text.hpp"
#include "experiment/schema.hpp"

namespace fundsim {
namespace {

/// Optimal-string-alignment distance: insertions, deletions, substitutions
/// and swaps of neighbours ("gpd" -> "gdp") each cost 1.
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.size()][b.size()];
}

std::string bound_text(double v) { return format_number(v); }

}  // namespace

std::string_view key_name(std::string_view path) {
    const std::size_t cut = path.rfind('.');
    return cut == std::string_view::npos ? path : path.substr(cut + 1);
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
    std::string best;
    if (word.size() > 200) return best;  // not a typo; keeps the cost bounded
    std::size_t best_distance = std::string::npos;
    for (const std::string& c : candidates) {
        const std::size_t d = edit_distance(word, c);
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    // A typo: at most a third of the word changed (and at least one edit allowed).
    const std::size_t allowed = std::max<std::size_t>(1, std::max(word.size(), best.size()) / 3);
    return best_distance <= allowed ? best : std::string();
}

bool allows_event_type(const KeySpec& spec, std::string_view type) {
    if (spec.event_types.empty()) return true;
    std::string_view rest = spec.event_types;
    while (!rest.empty()) {
        const std::size_t space = rest.find(' ');
        if (rest.substr(0, space) == type) return true;
        rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
    }
    return false;
}

bool is_sweepable(const KeySpec& spec) {
    const std::string_view p = spec.path;
    if (p.find("[]") != std::string_view::npos) return false;
    if (p.starts_with("experiment") || p.starts_with("sweep") || p.starts_with("calibration")) return false;
    switch (spec.type) {
        case KeyType::integer:
        case KeyType::number:
        case KeyType::boolean:
        case KeyType::enumeration:
        case KeyType::string:
        case KeyType::id:          // a list of ids (negotiators.counterpart)
        case KeyType::id_shares:   // a list of founder maps (fund.founders)
            return true;
        default: return false;
    }
}

std::string range_text(const KeySpec& spec) {
    const bool has_min = std::isfinite(spec.min), has_max = std::isfinite(spec.max);
    if (has_min && has_max && !spec.min_exclusive && !spec.max_exclusive)
        return bound_text(spec.min) + " .. " + bound_text(spec.max);
    std::string out;
    if (has_min) out += (spec.min_exclusive ? "> " : ">= ") + bound_text(spec.min);
    if (has_max) out += std::string(has_min ? ", " : "") + (spec.max_exclusive ? "< " : "<= ") + bound_text(spec.max);
    return out;
}

std::string expected_text(const KeySpec& spec) {
    const std::string range = range_text(spec);
    const std::string unit = spec.unit.empty() ? "" : " (" + std::string(spec.unit) + ")";
    auto in_range = [&](std::string what) {
        if (!range.empty()) what += (range.find("..") != std::string::npos ? " in " : " ") + range;
        return what + unit;
    };
    switch (spec.type) {
        case KeyType::section: return "a map of the keys under " + std::string(spec.path);
        case KeyType::item_list: return "a list of maps";
        case KeyType::integer: return in_range("an integer");
        case KeyType::number: return in_range("a number");
        case KeyType::boolean: return "true or false";
        case KeyType::string: return "a text";
        case KeyType::enumeration: {
            std::string out = "one of ";
            for (std::size_t i = 0; i < spec.choices.size(); ++i) out += (i ? ", " : "") + std::string(spec.choices[i]);
            return out;
        }
        case KeyType::path: return "a file path relative to the experiment file's folder";
        case KeyType::id: return "a government id";
        case KeyType::id_or_random: return "a government id or random";
        case KeyType::id_list: return "a list of government ids";
        case KeyType::ids_or_all: return "all, or a list of government ids";
        case KeyType::tariff_targets: return "all, random, a government id, or a list of government ids";
        case KeyType::id_pair: return "[A, B]: two government ids (B may be random)";
        case KeyType::id_shares: return "a map of government id -> share" + (range.empty() ? "" : " in " + range) + ", or {random: K}";
        case KeyType::id_amounts: return in_range("a map of government id -> number");
        case KeyType::string_list: return "a list of texts";
        case KeyType::sweep_parameters: return "a map of dotted.key: [values] or {min, max}";
    }
    return "a value";
}

std::string_view type_name(KeyType type) {
    switch (type) {
        case KeyType::section: return "map";
        case KeyType::item_list: return "list of maps";
        case KeyType::integer: return "integer";
        case KeyType::number: return "number";
        case KeyType::boolean: return "bool";
        case KeyType::string: return "string";
        case KeyType::enumeration: return "enum";
        case KeyType::path: return "path";
        case KeyType::id: return "id";
        case KeyType::id_or_random: return "id or random";
        case KeyType::id_list: return "id list";
        case KeyType::ids_or_all: return "all or id list";
        case KeyType::tariff_targets: return "all, random, id or id list";
        case KeyType::id_pair: return "[id, id]";
        case KeyType::id_shares: return "map id -> share";
        case KeyType::id_amounts: return "map id -> number";
        case KeyType::string_list: return "string list";
        case KeyType::sweep_parameters: return "map path -> values or range";
    }
    return "value";
}

}  // namespace fundsim
