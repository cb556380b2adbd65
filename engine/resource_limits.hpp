#pragma once
/// The resource contract (issue 14, SPEC §8's spirit): before anything runs,
/// estimate what the experiment needs of this machine and refuse, with exit 2
/// and one located line naming the estimate and the limit, what cannot fit.
/// Estimates are deliberately simple, documented upper bounds:
/// - one world's memory: 56 bytes per directed tie (edge list, sort buffer,
///   compressed graph) + 8 bytes per (tariff setter, government) pair + 1 KB
///   per government; times the worlds that run at once (threads), at most
///   half the machine's memory (or its cgroup limit), and never more than
///   2^31 directed ties;
/// - a sweep: 64 KB + 512 bytes per government for each point's resolved
///   scenario, all held at once: at most a quarter of the memory, and at
///   most kMaxSweepPoints points;
/// - disk: the block files plus the CSV files must fit the free space of the
///   results folder's disk.
#include <cstdint>
#include <filesystem>
#include <string>

#include "engine/plan.hpp"
#include "experiment/experiment_file.hpp"
#include "world/scenario.hpp"

namespace fundsim {

/// Most sweep points an experiment may have.
inline constexpr std::size_t kMaxSweepPoints = 100'000;

/// Memory this process may plan to use, in bytes: the physical memory or the
/// cgroup (v2 or v1) limit, whichever is smaller.
std::uint64_t usable_memory_bytes();

/// Refuses a sweep whose points cannot all be held (count or memory).
/// Throws ConfigError located at `sweep`.
void check_sweep_size(const ExperimentFile& file, std::size_t points, std::size_t governments);

/// Refuses a point whose world cannot fit `concurrent_worlds` times in
/// memory. Throws ConfigError located at the generator (or the governments).
void check_world_size(const ExperimentFile& file, const Scenario& scenario, std::size_t point,
                      int concurrent_worlds);

/// Estimated bytes of the block files and of the CSV files of `plan` (the
/// CSV part is output/result_size.hpp's estimate, the one the size guard uses).
struct OutputEstimate {
    std::uint64_t block_bytes = 0;
    std::uint64_t csv_bytes = 0;
    std::uint64_t trajectory_bytes = 0;  ///< part of csv_bytes
};
OutputEstimate estimate_output(const RunPlan& plan);

/// Refuses a run whose blocks and CSVs would not fit the free space of the
/// disk holding `dir` (or its nearest existing parent). Throws ConfigError
/// located at `experiment.worlds`. Returns the estimate.
OutputEstimate check_disk_space(const ExperimentFile& file, const RunPlan& plan, const std::filesystem::path& dir);

}  // namespace fundsim
