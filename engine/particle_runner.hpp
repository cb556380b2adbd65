#pragma once
/// Parallel evaluation of calibration particles (fundsim calibrate): every
/// world of every particle's scenario runs as one task on oneTBB, inside an
/// arena of `threads` threads; each world is summarised into a few values
/// that are stored per (particle, world) and averaged per particle in world
/// order afterwards, so the means are the same bits at any thread count.
/// This and runner.hpp are the only places fundsim runs things in parallel.
#include <cstdint>
#include <functional>
#include <vector>

#include "world/scenario.hpp"

namespace fundsim {

/// Writes `value_count` values summarising one world into `values`; NaN
/// marks a value the world does not define (e.g. the join step of a
/// government that never joined). Called concurrently: must be thread-safe.
using WorldSummary = std::function<void(const WorldOutcome& outcome, double* values)>;

/// Simulates worlds 0 .. worlds-1 (point 0) of every scenario and returns,
/// per scenario, the mean over its worlds of each summary value, NaN values
/// left out (NaN when no world defines it). Deterministic: a function of
/// the scenarios only. Rethrows the first failure (a ModelError naming the
/// world and step).
std::vector<std::vector<double>> mean_over_worlds(const std::vector<const Scenario*>& scenarios, std::uint32_t worlds,
                                                  std::size_t value_count, const WorldSummary& summarize, int threads);

}  // namespace fundsim
