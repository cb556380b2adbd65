#include "engine/prepare.hpp"

#include "engine/resource_limits.hpp"
#include "experiment/sweep.hpp"
#include "output/table_writer.hpp"
#include "world/error.hpp"

namespace fundsim {

std::vector<const Scenario*> PreparedExperiment::scenario_pointers() const {
    std::vector<const Scenario*> pointers;
    for (const auto& s : scenarios) pointers.push_back(&s);
    return pointers;
}

std::vector<Override> parse_overrides(const std::vector<std::string>& assignments) {
    std::vector<Override> sets;
    for (const auto& a : assignments) sets.push_back(parse_override(a));
    return sets;
}

std::string describe_point(const std::vector<Override>& overrides) {
    std::string text;
    for (const auto& o : overrides) text += (text.empty() ? "" : ", ") + o.path + "=" + o.value;
    return text.empty() ? "no overrides" : text;
}

PreparedExperiment prepare_experiment(const std::string& path, const std::vector<Override>& sets,
                                      int concurrent_worlds) {
    ExperimentFile file = ExperimentFile::load(path, sets);
    const Experiment base = file.resolve();
    std::size_t points = 0;
    try {
        points = design_size(base.sweep);
    } catch (const ConfigError& e) {
        throw file.error_at("sweep.parameters", e.what());
    }
    check_sweep_size(file, points, base.governments.size());
    auto overrides = design_points(base.sweep, base.seed);
    std::vector<Scenario> scenarios;
    scenarios.reserve(overrides.size());
    for (std::size_t p = 0; p < overrides.size(); ++p) {
        try {
            scenarios.push_back(Scenario::build(file.resolve(overrides[p])));
            check_world_size(file, scenarios.back(), p, concurrent_worlds);
        } catch (const ConfigError& e) {
            if (overrides[p].empty()) throw;
            throw ConfigError(std::string(e.what()) + " (sweep point " + std::to_string(p) + ": " +
                              describe_point(overrides[p]) + ")");
        }
    }
    std::vector<const Experiment*> experiments;
    for (const auto& s : scenarios) experiments.push_back(&s.experiment);
    RunPlan plan = RunPlan::make(experiment_hash(file.resolved_json(), base), base.sweep, overrides, experiments);
    if (!has_table_format(plan.result_format))
        throw ConfigError("experiment.output.format: '" + plan.result_format +
                          "' is not built into this fundsim; expected csv (rebuild with libhdf5-dev for hdf5)");
    return {std::move(file), std::move(overrides), std::move(scenarios), std::move(plan)};
}

}  // namespace fundsim
