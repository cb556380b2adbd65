#pragma once
/// Internal to the experiment builder (experiment_build.hpp): typed reads
/// from a checked, default-filled map, government-id resolution with
/// positions, and the per-section build steps.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "experiment/config_node.hpp"
#include "experiment/experiment_build.hpp"

namespace fundsim::build {

/// A checked map with its key path for messages ("events[2]").
class MapView {
public:
    /// Views `node` (a map, or null when the section is absent) shown as `shown`.
    MapView(const ConfigNode* node, std::string shown) : node_(node), shown_(std::move(shown)) {}
    /// The value under `key`, or nullptr.
    const ConfigNode* get(std::string_view key) const { return node_ ? node_->find(key) : nullptr; }
    /// True when `key` is present.
    bool has(std::string_view key) const { return get(key) != nullptr; }
    /// The sub-map under `key` (empty view when absent).
    MapView child(std::string_view key) const { return MapView(get(key), path(key)); }
    /// The key path of `key` ("fund.max_leverage").
    std::string path(std::string_view key) const { return shown_.empty() ? std::string(key) : shown_ + "." + std::string(key); }
    /// The key path of this map.
    const std::string& shown() const { return shown_; }
    /// The map node itself (nullptr when absent).
    const ConfigNode* node() const { return node_; }

    double number(std::string_view key) const;             ///< a present number key
    std::optional<double> maybe_number(std::string_view key) const;  ///< absent -> nullopt
    int integer(std::string_view key) const;               ///< a present integer key
    std::int64_t integer64(std::string_view key) const;    ///< a present integer key, 64-bit
    bool flag(std::string_view key) const;                 ///< a present boolean key
    std::string text(std::string_view key, std::string fallback = {}) const;  ///< a scalar, or fallback
    /// A present enumeration key as its enumerator: the schema check let
    /// through only E's names, so an unknown one is an internal error
    /// (std::logic_error), never a silent default.
    template <class E>
    E choice(std::string_view key) const { return enum_from_checked_name<E>(text(key), path(key)); }

    /// A ConfigError at the value of `key` (or at the map when absent).
    ConfigError error(std::string_view key, std::string_view what) const;
    /// A ConfigError at the map itself.
    ConfigError error_here(std::string_view what) const;

private:
    const ConfigNode& need(std::string_view key) const;
    const ConfigNode* node_;
    std::string shown_;
};

/// Government id -> index, for resolving references with positions.
class GovIds {
public:
    /// Registers `id` (index = registration order); false when already known.
    bool add(const std::string& id, GovIndex index);
    /// The index of a known id, or kNoGovernment.
    GovIndex find(std::string_view id) const;
    /// Resolves an id node (`random` -> kRandomGovernment when allowed);
    /// an unknown id throws ConfigError at the node with a suggestion.
    GovIndex resolve(const ConfigNode& node, const std::string& shown, bool allow_random = false) const;
    /// Number of governments.
    std::size_t size() const { return index_.size(); }

private:
    std::unordered_map<std::string, GovIndex> index_;
    std::vector<std::string> ids_;
};

/// The text of a CSV-naming key's position, for messages: " (file named by KEY at FILE:L:C)".
std::string named_by(const ConfigNode& root, const std::string& key);

/// governments (list, from_csv or generate) and their trade flows.
void build_governments(const ConfigNode& root, const CsvTables& csvs, Experiment& ex, GovIds& ids);
/// network: ties from CSV and the generator.
void build_network(const ConfigNode& root, const CsvTables& csvs, Experiment& ex, const GovIds& ids);
/// fund, including founders.
void build_fund(const MapView& fund, Experiment& ex, const GovIds& ids);
/// negotiators, investors, sponsors.
void build_agents(const ConfigNode& root, Experiment& ex, const GovIds& ids);
/// events.
void build_events(const MapView& root, Experiment& ex, const GovIds& ids);
/// sweep.
void build_sweep(const MapView& sweep, Experiment& ex);
/// calibration (experiment/calibration_spec.hpp); reads its targets' CSV files.
void build_calibration(const MapView& calibration, Experiment& ex, const GovIds& ids);

}  // namespace fundsim::build
