#pragma once
/// Checks an experiment tree against the parameter table (schema.hpp) and
/// fills in the table's defaults. Structural only: cross-references between
/// keys (ids, founders, sweep consistency) are checked while building the
/// Experiment (experiment_build.hpp). Thread-safe; deterministic.
#include <string>
#include <string_view>

#include "experiment/config_node.hpp"
#include "experiment/schema.hpp"

namespace fundsim {

/// The problem with a scalar value for a scalar key, as "'2.5' is not a whole
/// number; expected an integer >= 1"; "" when the value is fine.
std::string scalar_problem(const KeySpec& spec, const ConfigNode& node);

/// True for text usable as a government id: letters, digits, '_' and '-',
/// 1..64 characters, not a word pandas reads as missing (NA, nan, None, null).
bool is_id_text(std::string_view text);

/// Checks every key of `root` against the table: unknown keys (with a
/// suggestion), types, ranges, enumerations, required keys, keys allowed per
/// event type, and the shape of sweep.parameters. Empty sections (`fund:`)
/// become empty maps. Throws ConfigError at the offending node.
void check_tree(ConfigNode& root);

/// Inserts the table's defaults for every absent key whose parent is present
/// (sections with a default are created), list items included (events by
/// their type; governments.list items from governments.defaults).
void fill_defaults(ConfigNode& root);

}  // namespace fundsim
