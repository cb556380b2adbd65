#pragma once
/// Sweep designs: the parameter points of an experiment (SPEC §4).
///
/// A point is a list of overrides (dotted path, YAML scalar text) that
/// `ExperimentFile::resolve` applies. Designs:
/// - grid: cartesian product of the list parameters, the first parameter
///   varying slowest;
/// - random: each range uniform in [min, max);
/// - latin_hypercube: each range cut into `samples` equal strata, one sample
///   per stratum, the strata permuted independently per parameter, a uniform
///   position inside the stratum;
/// - sobol: Boost.Random's Sobol sequence (`boost::random::sobol`, which skips
///   the all-zero first point), dimension = number of ranges, scaled to the
///   ranges; the sequence does not depend on the seed.
/// List parameters in a sampled design are crossed with the sampled points:
/// the list combinations vary slowest and every combination gets the same
/// `samples` sampled points. A sampled design without ranges is the grid of
/// its lists. No parameters at all: one point with no overrides.
///
/// Integer parameters (`is_integer`) map a unit draw t in [0, 1) to
/// min + floor(t * (max - min + 1)), so every integer in [min, max] is equally
/// likely; under latin_hypercube the strata are cut on that continuous scale,
/// so with more samples than integers each integer appears evenly often, and
/// with fewer, two neighbouring strata may land on the same integer.
///
/// Random draws come from RandomStream keyed by the master seed and the
/// dedicated point kSweepStreamPoint, so the designs never share a stream with
/// a world and every point can be recomputed alone (`design_point`).
#include <cstdint>
#include <vector>

#include "experiment/experiment.hpp"
#include "experiment/experiment_file.hpp"

namespace fundsim {

/// The RandomStream point reserved for sweep designs (no world uses it).
inline constexpr std::uint32_t kSweepStreamPoint = 0xFFFFFFFFu;

/// Points per base row of a saltelli design over k ranges: A, AB_1..AB_k, B.
constexpr std::size_t saltelli_rows_per_sample(std::size_t k) { return k + 2; }

/// Number of points the design yields. Throws ConfigError when the design is
/// inconsistent (a range in a grid, min > max, samples < 1). Pure function.
std::size_t design_size(const SweepSpec& sweep);

/// Every point of the design, in point order; each point lists the
/// parameters in `sweep.parameters` order. Deterministic: a function of
/// (sweep, seed) only. Thread-safe. Throws ConfigError like design_size.
std::vector<std::vector<Override>> design_points(const SweepSpec& sweep, std::uint64_t seed);

/// Point `index` (< design_size) alone, equal to design_points(...)[index]
/// (latin_hypercube recomputes its permutations, which are cheap).
std::vector<Override> design_point(const SweepSpec& sweep, std::uint64_t seed, std::size_t index);

/// A number as YAML scalar text: integers without a decimal point, other
/// values in the shortest form that reads back to the same double.
std::string format_scalar(double value, bool is_integer);

}  // namespace fundsim
