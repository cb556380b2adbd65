#pragma once
/// Which part of the work a process computes (SPEC §7).
///
/// Shard I of N computes the blocks whose global index g (point-major, see
/// RunPlan) satisfies g mod N == I - 1: round-robin, so every shard gets a
/// fair share of every point even when points differ in cost. An MPI rank r
/// of R is the shard r+1 of R. The assignment depends only on (g, I, N), so
/// shards, ranks and resumed runs agree on who computes what.
#include <cstdint>
#include <optional>
#include <string>

namespace fundsim {

/// A shard: index 1..count. The default {1, 1} is the whole run.
struct Shard {
    std::uint32_t index = 1;  ///< 1-based
    std::uint32_t count = 1;

    /// True for the whole run (count == 1).
    bool is_whole() const { return count == 1; }
    /// True when this shard computes global block `g`.
    bool owns(std::uint64_t g) const { return g % count == index - 1; }
    /// "I/N".
    std::string text() const { return std::to_string(index) + "/" + std::to_string(count); }
};

/// Parses "I/N" with 1 <= I <= N (the --shard flag). Throws ConfigError
/// naming `source` ("--shard" or the SLURM variables).
Shard parse_shard(const std::string& text, const std::string& source = "--shard");

/// The shard of a SLURM job-array task: I = SLURM_ARRAY_TASK_ID -
/// SLURM_ARRAY_TASK_MIN + 1 (MIN defaults to 0), N = SLURM_ARRAY_TASK_COUNT.
/// nullopt when SLURM_ARRAY_TASK_ID is unset. Throws ConfigError on
/// inconsistent values. Reads the environment; not thread-safe with setenv.
std::optional<Shard> shard_from_slurm();

}  // namespace fundsim
