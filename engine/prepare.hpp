#pragma once
/// Loading an experiment for a run or a command: the file with its --set overrides,
/// every sweep point resolved and its scenario built, and the run plan.
/// Everything that can reject the input happens here, before any results
/// folder is touched.
#include <string>
#include <vector>

#include "engine/plan.hpp"
#include "experiment/experiment_file.hpp"
#include "world/scenario.hpp"

namespace fundsim {

/// A validated experiment, ready to run.
struct PreparedExperiment {
    ExperimentFile file;                                 ///< loaded, --set applied
    std::vector<std::vector<Override>> point_overrides;  ///< the sweep design, point order
    std::vector<Scenario> scenarios;                     ///< one per point
    RunPlan plan;                                        ///< blocks and experiment hash

    /// Pointers to the scenarios, as the runner takes them.
    std::vector<const Scenario*> scenario_pointers() const;
};

/// Loads `path` with `sets`, resolves every sweep point and builds its
/// scenario, checking the sweep and each world against the machine's memory
/// with `concurrent_worlds` worlds at once (engine/resource_limits.hpp). Throws
/// ConfigError (naming the point for a point-specific failure) on any bad input.
PreparedExperiment prepare_experiment(const std::string& path, const std::vector<Override>& sets,
                                      int concurrent_worlds = 1);

/// Parses the --set assignments "K=V". Throws ConfigError.
std::vector<Override> parse_overrides(const std::vector<std::string>& assignments);

/// A point's overrides as "path=value, ..." for messages.
std::string describe_point(const std::vector<Override>& overrides);

}  // namespace fundsim
