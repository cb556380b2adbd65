#pragma once
/// Tree -> Experiment: reads a checked, default-filled tree (schema_check.hpp)
/// into the typed Experiment, resolving government ids and checking what the
/// table alone cannot (ids exist and are unique, founders' shares sum to 1,
/// events fit the run, the sweep is consistent, CSV files have their columns).
/// Thread-safe for distinct outputs; deterministic.
#include <map>
#include <string>

#include "experiment/config_node.hpp"
#include "experiment/csv_table.hpp"
#include "experiment/experiment.hpp"

namespace fundsim {

/// CSV files named by the experiment, read once at load, keyed by the key
/// that named them ("governments.from_csv", "network.from_csv").
using CsvTables = std::map<std::string, CsvTable>;

/// Reads every CSV file named in a checked tree; paths are relative to the
/// folder of `experiment_file`. A missing file throws ConfigError at the key.
CsvTables read_named_csvs(const ConfigNode& root, const std::string& experiment_file);

/// Builds the Experiment from a checked, default-filled tree. `file` is the
/// experiment file as given. Throws ConfigError at the offending node.
Experiment build_experiment(const ConfigNode& root, const std::string& file, const CsvTables& csvs);

}  // namespace fundsim
