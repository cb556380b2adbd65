#pragma once
/// Guarded YAML reading: the only place that runs yaml-cpp's parser.
/// Caps the file size, reads one document only (never LoadAll), builds a
/// ConfigNode tree from the event stream so that duplicate keys, anchors and
/// aliases are caught with their line:col, bounds the nesting depth, and turns
/// every YAML::Exception into a one-line ConfigError. Thread-safe (no shared
/// state); deterministic.
#include <cstddef>
#include <memory>
#include <string>

#include "experiment/config_node.hpp"

namespace fundsim {

/// Largest experiment file read, in bytes (8 MiB).
inline constexpr std::size_t kMaxYamlBytes = 8u << 20;
/// Deepest nesting of maps and lists accepted (far below yaml-cpp's own 500).
inline constexpr int kMaxYamlDepth = 64;

/// Reads `path` and returns its root, which must be a map. Throws
/// ConfigError ("path:line:col: key.path: what; expected ...") on an
/// unreadable, oversized, empty or malformed file, duplicate keys, anchors,
/// aliases, several documents or a root that is not a map.
ConfigNode read_yaml_file(const std::string& path);

/// Parses YAML text with the same guards; any root kind is accepted, and an
/// empty text gives a null node. With `keep_positions` false every node gets
/// line 0, so messages name `origin` alone (used for `--set` values).
ConfigNode parse_yaml_text(const std::string& text, const std::string& origin, bool keep_positions = true);

}  // namespace fundsim
