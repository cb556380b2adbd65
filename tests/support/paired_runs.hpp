#pragma once
// Metamorphic tests with common random numbers: the same worlds of a base
// experiment and of a variant (one input changed), compared world by world.
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "experiment/experiment_file.hpp"
#include "world/scenario.hpp"

namespace fundsim::testing {

/// The experiment of a config in the repository, with overrides.
inline Experiment load_config(const std::string& relative, const std::vector<Override>& sets = {}) {
    return ExperimentFile::load(std::string(FUNDSIM_SOURCE_DIR) + "/" + relative, sets).resolve();
}

/// One number per world.
using WorldMeasure = std::function<double(const WorldOutcome&)>;

/// Runs worlds 0..worlds-1 of `ex` and returns `measure` of each.
inline std::vector<double> per_world(const Experiment& ex, int worlds, const WorldMeasure& measure) {
    const Scenario s = Scenario::build(ex);
    WorldOutcome out;
    std::vector<double> values;
    values.reserve(static_cast<std::size_t>(worlds));
    for (int w = 0; w < worlds; ++w) {
        simulate_world(s, 0, static_cast<std::uint64_t>(w), false, out);
        values.push_back(measure(out));
    }
    return values;
}

/// Mean and standard error of the paired difference variant - base.
struct PairedDifference {
    double mean = 0;
    double se = 0;
    /// True when the difference is positive beyond `z` standard errors.
    bool is_above_zero(double z = 3) const { return mean > z * se && mean > 0; }
};

inline PairedDifference paired(const std::vector<double>& base, const std::vector<double>& variant) {
    const double n = static_cast<double>(base.size());
    double sum = 0, sq = 0;
    for (std::size_t i = 0; i < base.size(); ++i) sum += variant[i] - base[i];
    const double mean = sum / n;
    for (std::size_t i = 0; i < base.size(); ++i) sq += (variant[i] - base[i] - mean) * (variant[i] - base[i] - mean);
    return {mean, std::sqrt(sq / (n - 1) / n)};
}

/// The difference of a per-world measure between a variant and the base.
inline PairedDifference effect(const Experiment& base, const Experiment& variant, int worlds, const WorldMeasure& m) {
    return paired(per_world(base, worlds, m), per_world(variant, worlds, m));
}

/// 1 when government g has ever joined (non-founders), else 0.
inline WorldMeasure joined(GovIndex g) {
    return [g](const WorldOutcome& o) { return o.governments[static_cast<std::size_t>(g)].join_step >= 0 ? 1.0 : 0.0; };
}

/// The final value of a metric.
inline WorldMeasure final_value(Metric m) {
    return [m](const WorldOutcome& o) { return o.at(o.steps, m); };
}

}  // namespace fundsim::testing
