#pragma once
/// THE parameter table: every key of the experiment file declared once, with
/// its type, unit, range, default and description (EMOD style). The loader's
/// checks, its error messages, `fundsim validate` and the key reference in
/// configs/README.md all read this table; nothing else holds a default.
/// The table is immutable after first use: thread-safe, deterministic.
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace fundsim {

/// What a key holds.
enum class KeyType {
    section,          ///< a map whose keys are declared as "path.key"
    item_list,        ///< a list of maps whose keys are declared as "path[].key"
    integer,          ///< a whole number
    number,           ///< a finite number (YAML ints accepted)
    boolean,          ///< true or false
    string,           ///< any text
    enumeration,      ///< one of KeySpec::choices
    path,             ///< a file path, relative to the experiment file's folder
    id,               ///< a government id
    id_or_random,     ///< a government id, or `random` (drawn when the event fires)
    id_list,          ///< a list of government ids
    ids_or_all,       ///< `all`, or a list of government ids
    tariff_targets,   ///< `all`, `random`, a government id, or a list of ids
    id_pair,          ///< [A, B]: two government ids; B may be `random`
    id_shares,        ///< a map id -> number in range, or {random: K}
    id_amounts,       ///< a map id -> number in range
    string_list,      ///< a list of texts
    sweep_parameters  ///< a map dotted.path -> [values] or {min, max, integer}
};

/// One key of the experiment file.
struct KeySpec {
    std::string_view path;          ///< dotted path; "[]" marks list items: "events[].rate"
    KeyType type = KeyType::number; ///< what it holds
    std::string_view unit;          ///< unit of a number ("USD bn", "per year"); "" = none
    double min = -std::numeric_limits<double>::infinity();  ///< lower bound (numbers, counts)
    double max = std::numeric_limits<double>::infinity();   ///< upper bound
    bool min_exclusive = false;     ///< true: value > min (else >=)
    bool max_exclusive = false;     ///< true: value < max (else <=)
    std::string_view default_text;  ///< YAML text of the default; "" = none
    std::string_view inherit;       ///< default taken from this key's value instead ("" = none)
    bool required = false;          ///< must be given (for events[]: by its event types)
    std::vector<std::string_view> choices;  ///< allowed values of an enumeration
    std::string_view event_types;   ///< events[] keys: the types allowing it, space-separated ("" = all)
    std::string_view field;         ///< the Experiment field it fills
    std::string_view description;   ///< one line
};

/// The whole table, in documentation order.
const std::vector<KeySpec>& schema_table();

/// The entry for `path` ("fund.max_leverage", "events[].rate"), or nullptr.
const KeySpec* find_key(std::string_view path);

/// The entries directly under `parent` ("" = the top level, "events[]" =
/// the keys of an event), in table order.
std::vector<const KeySpec*> child_keys(std::string_view parent);

/// The last component of a path ("rate" for "events[].rate").
std::string_view key_name(std::string_view path);

/// The candidate closest to `word` by edit distance, when close enough to be
/// a likely typo; "" otherwise.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

/// True for an events[] key allowed for an event of `type`.
bool allows_event_type(const KeySpec& spec, std::string_view type);

/// True for a key a sweep or a sweep point may set: a scalar (integer,
/// number, boolean, enumeration, string) outside lists, `experiment` and `sweep`.
bool is_sweepable(const KeySpec& spec);

/// The range as text: ">= 1", "0 .. 1", "> 0", "" when unbounded.
std::string range_text(const KeySpec& spec);

/// What a value must be, for messages: "a number >= 1 (assets/equity)",
/// "one of logit, threshold, bass", "a list of government ids".
std::string expected_text(const KeySpec& spec);

/// Short name of a type for the key reference ("number", "id list").
std::string_view type_name(KeyType type);

}  // namespace fundsim
