#pragma once
/// The run plan: every point of the sweep with what the engine and the
/// aggregation need to know about it (worlds, steps, trajectory worlds,
/// government ids), the block layout, and the experiment hash.
///
/// Blocks are numbered globally, point-major: point 0's blocks first. The plan
/// is stored as `.blocks/plan.json` in every run and part folder, so `merge`
/// and `--resume` need nothing but the folder. Two runs with the same hash
/// compute the same bytes in every block.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/block.hpp"
#include "experiment/experiment.hpp"
#include "experiment/experiment_file.hpp"

namespace fundsim {

/// One sweep point.
struct PointPlan {
    std::vector<Override> overrides;          ///< the point's values, sweep order
    std::uint32_t worlds = 0;                 ///< replicate worlds
    int steps = 0;                            ///< steps per world (rows 0..steps)
    std::uint32_t trajectories = 0;           ///< worlds < this record trajectories
    std::vector<std::string> government_ids;  ///< in experiment order
    std::uint64_t first_block = 0;            ///< global index of its block 0
    std::uint32_t block_count = 0;            ///< ceil(worlds / kBlockWorlds)

    /// Worlds in block `b` of this point (kBlockWorlds except maybe the last).
    std::uint32_t worlds_in_block(std::uint32_t b) const;
};

/// The whole run. Plain data, read-only once built; thread-safe to read.
struct RunPlan {
    std::uint64_t experiment_hash = 0;
    std::uint64_t seed = 0;
    std::vector<std::string> parameters;  ///< swept dotted paths (points.csv columns)
    /// Base rows N of a saltelli design (its points are the Saltelli
    /// matrices, output/sensitivity.hpp); 0 for any other design.
    std::uint32_t saltelli_samples = 0;
    std::string result_format = "csv";    ///< experiment.output.format: csv | hdf5
    std::vector<PointPlan> points;
    std::uint64_t total_blocks = 0;
    std::uint64_t total_worlds = 0;

    /// Builds the plan from the resolved experiment of every point.
    /// `experiments[i]` is point i resolved with `overrides[i]`.
    static RunPlan make(std::uint64_t experiment_hash, const SweepSpec& sweep,
                        const std::vector<std::vector<Override>>& overrides,
                        const std::vector<const Experiment*>& experiments);

    /// The block with a global index (< total_blocks).
    BlockKey key_of(std::uint64_t global_block) const;
    /// Global index of a block; throws IoError for a key outside the plan.
    std::uint64_t global_index(BlockKey key) const;

    /// The plan as JSON text (deterministic), and back. from_json throws
    /// IoError naming `where` when the text is not a plan.
    std::string to_json() const;
    static RunPlan from_json(const std::string& text, const std::string& where);
};

/// The hash that identifies an experiment's results: CRC-64/XZ of the
/// resolved experiment JSON in canonical form (keys sorted), without
/// `experiment.output.dir` (where results go does not change them), of the
/// data read from files (governments, trade flows and ties of `data`, usually
/// point 0, so an edited CSV file is a different experiment), and of the
/// block format version and size. Throws IoError if `resolved_json` is not JSON.
std::uint64_t experiment_hash(const std::string& resolved_json, const Experiment& data);

/// A hash as 16 lowercase hex digits.
std::string hash_hex(std::uint64_t hash);

}  // namespace fundsim
