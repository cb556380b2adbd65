#pragma once
/// A block: the unit of work, storage and resumption (SPEC §7).
///
/// A block is a fixed range of kBlockWorlds worlds of one point (the last
/// block of a point may be shorter). Its size is a constant of the format,
/// never a function of threads or shards, so the same block holds the same
/// bytes whoever computes it. A block keeps, per world, the worlds.csv values
/// and the per-step metric array; the trajectory rows of its worlds below
/// `output.trajectories`; and per-government partial sums for governments.csv.
/// Encoded blocks are binary (native little-endian doubles, so every value
/// round-trips exactly), framed by a header naming the experiment hash and a
/// trailer with the length and a CRC-32.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "world/join_channel.hpp"
#include "world/outcome.hpp"

namespace fundsim {

/// Worlds per block: a constant of the block format.
inline constexpr std::uint32_t kBlockWorlds = 64;
/// Version of the block encoding (part of the experiment hash).
inline constexpr std::uint32_t kBlockFormatVersion = 3;

/// Identity of a block: point, and block index within the point.
struct BlockKey {
    std::uint32_t point = 0;  ///< sweep point
    std::uint32_t block = 0;  ///< block within the point: worlds [block * kBlockWorlds, ...)
    friend auto operator<=>(const BlockKey&, const BlockKey&) = default;
};

/// Per-government sums over the worlds of a block (or of a point).
struct GovernmentSums {
    std::uint32_t members_final = 0;   ///< worlds where it is a member at the end
    std::uint32_t joined = 0;          ///< worlds where it joined (non-founder)
    std::uint32_t deals = 0;           ///< worlds where it closed a deal
    std::uint32_t exited = 0;          ///< worlds where it ends exited
    std::uint32_t founders = 0;        ///< worlds where it is a founder
    std::int64_t join_step_sum = 0;    ///< sum of join steps over `joined` worlds
    double stake_usd_bn = 0;           ///< sum of final stakes, USD bn
    double revenue_usd_bn = 0;         ///< sum of cumulative revenue, USD bn
    double counterfactual_usd_bn = 0;  ///< sum of counterfactual revenue, USD bn
    double tariff_faced = 0;           ///< sum of final trade-weighted tariffs faced
    std::uint32_t committed = 0;       ///< worlds where it made a deal commitment
    double committed_usd_bn = 0;       ///< sum of its headline deal commitments, USD bn
    std::array<std::uint64_t, kJoinChannelCount> channel_joins{};  ///< joins per JoinChannel
    std::uint64_t logit_joins = 0;     ///< joins under the logit rule
    std::array<double, kUtilityTermCount> utility_at_join{};  ///< sums of the terms at those joins
    /// First join steps of the worlds where it joined: (step, worlds),
    /// sorted by step (sparse: a government joins at few distinct steps).
    std::vector<std::pair<std::uint32_t, std::uint32_t>> first_join_steps;

    /// The q-quantile (0..1) of the first join step over the worlds where
    /// it joined, by linear interpolation between order statistics (numpy's
    /// default); NaN when it never joined.
    double first_join_quantile(double q) const;
    /// Mean first join step over those worlds; NaN when it never joined.
    double first_join_mean() const;

    /// Adds one world's end state.
    void add(const GovernmentFinal& g);
    /// Adds another partial sum (integers exactly; doubles in call order).
    void add(const GovernmentSums& other);
};

/// One trajectories.csv row of a block, tagged with its world.
struct BlockTrajectoryRow {
    std::uint64_t world = 0;
    TrajectoryRow row;
};

/// The content of one block. Plain data; not synchronised.
struct Block {
    BlockKey key;                  ///< which block
    std::uint64_t first_world = 0; ///< key.block * kBlockWorlds
    std::uint32_t world_count = 0; ///< 1..kBlockWorlds
    int steps = 0;                 ///< steps per world (series rows 0..steps)
    /// world_count x kWorldColumnCount worlds.csv values, world-major.
    std::vector<double> rows;
    /// world_count x (steps + 1) x kMetricCount, world-major then step-major.
    std::vector<double> series;
    /// Trajectory rows in (world, step, government) order.
    std::vector<BlockTrajectoryRow> trajectory;
    /// One per government of the point, in experiment order.
    std::vector<GovernmentSums> governments;

    /// The worlds.csv values of world first_world + w.
    const double* row(std::uint32_t w) const;
    /// The (steps + 1) x kMetricCount series of world first_world + w.
    const double* series_of(std::uint32_t w) const;
    std::size_t series_stride() const;  ///< values per world in `series`
};

/// The encoded bytes of `block` for an experiment. Deterministic: the same
/// block gives the same bytes.
std::string encode_block(const Block& block, std::uint64_t experiment_hash);

/// Decodes and validates bytes read from `where` (a path, for messages).
/// Throws IoError when the bytes are truncated, damaged (CRC), of another
/// format, or of another experiment (hash) or block (`expected`).
Block decode_block(std::string_view bytes, std::uint64_t experiment_hash, BlockKey expected,
                   const std::string& where);

/// Cheap framing check without decoding: header magic, hash and key,
/// trailer length and CRC-32. No throw.
bool is_valid_block(std::string_view bytes, std::uint64_t experiment_hash, BlockKey expected);

}  // namespace fundsim
