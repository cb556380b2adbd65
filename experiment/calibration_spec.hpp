#pragma once
/// The `calibration:` section of an experiment file as plain structs
/// (SPEC §11, docs/calibration.md): the parameters to fit with their uniform
/// priors, the observed targets with the result metric each matches, the
/// distance and the ABC-SMC settings. Read once by the loader; read-only
/// after, thread-safe to read.
#include <string>
#include <vector>

#include "experiment/experiment.hpp"

namespace fundsim {

/// A fitted parameter: a dotted path (a sweepable key) with a uniform prior.
struct CalibrationParameter {
    std::string path;       ///< dotted YAML path, e.g. "behavior.bass.q"
    double min = 0;         ///< prior lower bound
    double max = 1;         ///< prior upper bound (> min)
    bool is_integer = false; ///< the value is rounded to a whole number when applied
};

/// Where a target's simulated values come from.
enum class TargetSource {
    series,      ///< the mean over worlds of a series.csv metric at a step
    governments  ///< a governments.csv column of one government
};

/// One observed value.
struct CalibrationObservation {
    int step = 0;                       ///< series targets: the step (0 .. experiment.steps)
    GovIndex government = kNoGovernment; ///< governments targets: the government
    double value = 0;                   ///< the observed value
};

/// One target: observations of one metric or governments.csv column.
struct CalibrationTarget {
    std::string name;        ///< label in best_fit.csv ("members", "p_joined")
    TargetSource source = TargetSource::series;
    int metric = 0;          ///< series: index into kMetricNames
    std::string column;      ///< governments: the governments.csv column
    double weight = 1;       ///< weight of the target in the distance (> 0)
    double scale = 1;        ///< residuals are divided by this (> 0): the observations' RMS, or 1
    std::vector<CalibrationObservation> observations;
};

/// The inference method.
enum class CalibrationMethod { abc_smc };

/// The whole section.
struct CalibrationSpec {
    std::vector<CalibrationParameter> parameters;
    std::vector<CalibrationTarget> targets;
    CalibrationMethod method = CalibrationMethod::abc_smc;
    int particles = 100;     ///< particles per generation
    int generations = 5;     ///< SMC generations (the first samples the prior)
    int worlds = 20;         ///< worlds simulated per particle
    double quantile = 0.5;   ///< epsilon_t = this quantile of generation t-1's distances
    int max_attempts = 200;  ///< proposals per particle and generation before the closest is kept
};

/// The governments.csv columns a target may name, in governments.csv order.
const std::vector<std::string>& calibration_government_columns();

}  // namespace fundsim
