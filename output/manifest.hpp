#pragma once
/// manifest.json: what a results folder holds and how it was made (SPEC §6).
///
/// Fields: fundsim_version, status (complete | partial), message (why
/// partial), command_line, start_time / end_time (UTC, ISO 8601), threads, ranks (MPI processes, 1 without MPI),
/// shard ({index, count} or null), experiment_hash, seed, worlds (per point,
/// of point 0), worlds_total, steps, points, block_worlds, blocks_total,
/// blocks_done, quantiles ({exact_up_to_values, method}), files, parts (for
/// merged results), government_names ({id: name} for governments with a name,
/// for figures) and experiment (the resolved experiment: defaults filled,
/// --set applied). Everything but the timing fields, threads, command line
/// and shard is the same for every run of the same experiment.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/plan.hpp"
#include "experiment/experiment.hpp"
#include "output/aggregate.hpp"

namespace fundsim {

/// The manifest fields that follow from the plan and the resolved experiment
/// (JSON text); status "partial" until the caller says otherwise. Throws
/// IoError when `experiment_json` is not JSON.
nlohmann::json manifest_for(const RunPlan& plan, const std::string& experiment_json);

/// Sets `government_names` ({id: name}, named governments only) from the experiment.
void set_government_names(nlohmann::json& manifest, const Experiment& experiment);
/// Sets the quantile description from an aggregation summary.
void set_quantile_method(nlohmann::json& manifest, const RunSummary& summary);

/// Writes `dir/manifest.json` durably (pretty-printed). Throws IoError.
void write_manifest(const std::filesystem::path& dir, const nlohmann::json& manifest);

/// Reads `dir/manifest.json`. Throws IoError when missing or not JSON.
nlohmann::json read_manifest(const std::filesystem::path& dir);

/// The current time as "YYYY-MM-DDTHH:MM:SSZ". Thread-safe.
std::string utc_timestamp();

}  // namespace fundsim
