#pragma once
/// Counter-based random streams (Random123 Philox4x32-10).
///
/// A stream is a pure function of (master seed, point, world, purpose): the
/// n-th draw never depends on which thread, shard or rank runs the world, nor
/// on how many draws other streams made. That is what makes every result
/// file byte-identical at any thread count (SPEC §7).
///
/// We keep this small wrapper (instead of r123::Engine) because Engine has
/// one 64-bit key and no room in its counter for (point, world, purpose):
/// here the key is the master seed and the counter holds the identity.
#include <Random123/philox.h>

#include <cstdint>
#include <limits>

namespace fundsim {

/// What a stream is for. Each world owns one stream per purpose, so adding
/// draws to one submodel leaves the others' sequences unchanged.
enum class StreamPurpose : std::uint32_t {
    population = 1,   ///< generated governments, random founders
    network = 2,      ///< generated graph
    events = 3,       ///< random events and their random targets
    negotiation = 4,
    decisions = 5,    ///< government join/exit draws
    investors = 6,
    sponsors = 7,
    fund = 8,         ///< realised project returns
};

/// A UniformRandomBitGenerator over Philox4x32-10. Not thread-safe (one per
/// world and purpose); deterministic.
class RandomStream {
public:
    using result_type = std::uint32_t;

    RandomStream(std::uint64_t seed, std::uint32_t point, std::uint64_t world, StreamPurpose purpose);

    static constexpr result_type min() { return 0; }
    static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

    result_type operator()() {
        if (used_ == 4) refill();
        return block_[used_++];
    }

    /// Uniform double in [0, 1) with 53 random bits.
    double uniform() {
        const std::uint64_t hi = (*this)() >> 5;  // 27 bits
        const std::uint64_t lo = (*this)() >> 6;  // 26 bits
        return static_cast<double>((hi << 26) | lo) * 0x1.0p-53;
    }
    /// True with probability p (p clipped to [0, 1]).
    bool bernoulli(double p) { return p >= 1.0 || (p > 0.0 && uniform() < p); }
    /// Uniform integer in [0, n), n > 0 (Lemire's unbiased method).
    std::uint32_t below(std::uint32_t n);
    /// Standard normal (Boost.Random's ziggurat over this stream; deterministic).
    double normal();
    /// Poisson count with mean lambda >= 0: inversion up to 30, above it the
    /// rounded normal approximation N(lambda, lambda) (one draw, no loop per
    /// event), clamped to [0, INT_MAX]. Callers bound lambda (rates <= 1000
    /// per year, configs/README.md), so the loop never runs long.
    int poisson(double lambda);

private:
    void refill();

    r123::Philox4x32 philox_;
    r123::Philox4x32::ctr_type counter_;
    r123::Philox4x32::key_type key_;
    r123::Philox4x32::ctr_type block_;
    int used_ = 4;
};

}  // namespace fundsim
