#pragma once
// Small experiments written as inline YAML for the model's tests: they go
// through the schema table (its defaults, its checks) exactly as a user's
// file does, so a test states only the keys its mechanism needs.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "experiment/experiment_file.hpp"
#include "world/scenario.hpp"

namespace fundsim::testing {

/// Writes `yaml` to `<temp>/fundsim_inline/<name>.yaml`, loads it with the
/// `--set` overrides `sets` and resolves it (one point, no sweep).
inline Experiment inline_experiment(const std::string& name, const std::string& yaml,
                                    const std::vector<Override>& sets = {}) {
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / "fundsim_inline";
    std::filesystem::create_directories(dir);
    const std::filesystem::path path = dir / (name + ".yaml");
    std::ofstream(path, std::ios::binary) << yaml;
    return ExperimentFile::load(path.string(), sets).resolve();
}

/// Runs one world of `ex` (point 0) without trajectories.
inline WorldOutcome run_world(const Experiment& ex, std::uint64_t world = 0) {
    const Scenario s = Scenario::build(ex);
    WorldOutcome out;
    simulate_world(s, 0, world, false, out);
    return out;
}

}  // namespace fundsim::testing
