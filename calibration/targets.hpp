#pragma once
/// Calibration targets against simulated worlds: what each world contributes
/// to the targets' simulated values, and the distance between a particle's
/// simulated values and the observations (docs/calibration.md).
#include <vector>

#include "experiment/calibration_spec.hpp"
#include "world/outcome.hpp"

namespace fundsim {

/// Number of observations over all targets (the length of a simulated vector).
std::size_t observation_count(const CalibrationSpec& spec);

/// One world's value of every observation, in target then observation order:
/// a series target's metric at its step; a governments target's per-world
/// quantity (1/0 for the p_ columns; the join step, NaN if it did not join,
/// for mean_join_step). Their means over worlds are the simulated values,
/// the same numbers series.csv and governments.csv report. Pure.
void summarize_world(const CalibrationSpec& spec, const WorldOutcome& outcome, double* values);

/// The `rmse` distance: sqrt( sum_t w_t * mean_o ((sim - obs) / scale_t)^2 /
/// sum_t w_t ), each target's residuals divided by its scale (the RMS of its
/// observations). A NaN simulated value (undefined in every world) counts as
/// a residual of one scale. Pure.
double target_distance(const CalibrationSpec& spec, const std::vector<double>& simulated);

}  // namespace fundsim
