#pragma once
/// The experiment file as a plain tree: maps keep file order, every node
/// knows where it came from (file:line:col, 1-based, or the `--set` flag that
/// made it). Built by yaml_source.cpp from yaml-cpp's event stream, so the
/// rest of the experiment layer never sees a YAML::Node.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "world/error.hpp"

namespace fundsim {

/// Where a value came from. Not thread-safe to mutate; immutable once built.
struct SourcePos {
    /// The file path, or the override text ("--set fund.max_leverage=4").
    std::shared_ptr<const std::string> origin;
    int line = 0;    ///< 1-based; 0 when the value did not come from a file
    int column = 0;  ///< 1-based

    /// "file:line:col", or the origin alone when there is no line.
    std::string text() const;
};

/// A ConfigError "WHERE: KEY.PATH: WHAT" (one line; newlines in `what`
/// are replaced by spaces).
ConfigError config_error(const SourcePos& where, std::string_view key_path, std::string_view what);

struct ConfigEntry;

/// One node of the tree: null, scalar, list or map.
struct ConfigNode {
    /// What the node holds.
    enum class Kind { null, scalar, list, map };
    Kind kind = Kind::null;             ///< the node's shape
    SourcePos pos;                      ///< where its value starts
    std::string scalar;                 ///< scalar text (Kind::scalar)
    bool is_plain = true;               ///< false when quoted or tagged: never a number or bool
    std::vector<ConfigNode> items;      ///< list items (Kind::list)
    std::vector<ConfigEntry> entries;   ///< map entries in file order (Kind::map)

    /// The value under `key` in a map, or nullptr (also for non-maps).
    const ConfigNode* find(std::string_view key) const;
    /// Mutable variant of find.
    ConfigNode* find(std::string_view key);
    /// The entry under `key` in a map, or nullptr.
    const ConfigEntry* entry(std::string_view key) const;
    /// The node at a dotted path of map keys ("fund.max_leverage"), or nullptr.
    const ConfigNode* at_path(std::string_view dotted) const;
    /// Replaces or appends `key` in a map (the node must be a map).
    ConfigNode& set(const std::string& key, const SourcePos& key_pos, ConfigNode value);
    /// Short text for messages: the scalar, or "a list", "a map", "nothing".
    std::string describe() const;
};

/// A map entry: key, where the key is written, and its value.
struct ConfigEntry {
    std::string key;       ///< the key text
    SourcePos key_pos;     ///< where the key is written
    ConfigNode value;      ///< the value
};

/// A new map node at `pos`.
ConfigNode make_map(const SourcePos& pos);
/// A new plain scalar node at `pos`.
ConfigNode make_scalar(const std::string& text, const SourcePos& pos, bool is_plain = true);

/// The tree as block-style YAML text (quoted scalars stay quoted).
std::string to_yaml_text(const ConfigNode& node);
/// The tree as JSON text: plain scalars that read as integers, finite
/// numbers or true/false become JSON numbers and booleans.
std::string to_json_text(const ConfigNode& node, int indent = 2);

}  // namespace fundsim
