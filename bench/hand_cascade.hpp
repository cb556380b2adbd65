#pragma once
/// The speed-of-light reference for the Watts (2002) threshold cascade: a
/// minimal hand-written loop of the same dynamics fundsim's kernel runs
/// (Erdős–Rényi graph drawn per world, one random initial member,
/// synchronous threshold updates). It is hand-written on purpose — plain
/// arrays, no framework — because the benchmark's question is how far
/// fundsim's general kernel is from the least work the model needs.
/// Not part of fundsim; used only by fundsim_bench_kernel.
#include <cmath>
#include <cstdint>
#include <vector>

namespace fundsim::bench {

/// Buffers reused from world to world (the reference allocates nothing per
/// world once warm).
struct HandBuffers {
    std::vector<std::uint32_t> edge_a, edge_b;   ///< undirected ties a > b
    std::vector<std::uint32_t> offset;           ///< CSR row offsets, n + 1
    std::vector<std::uint32_t> fill;             ///< CSR fill cursor
    std::vector<std::uint32_t> adj;              ///< CSR targets, both directions
    std::vector<std::uint32_t> member_count;     ///< member neighbours (kept incrementally)
    std::vector<std::uint32_t> stamp;            ///< last step a vertex was a candidate
    std::vector<unsigned char> is_member;
    std::vector<std::uint32_t> frontier, next, candidates;
};

/// xoshiro256** (Blackman & Vigna), seeded by splitmix64: the fast generator
/// a hand-written loop would pick when it does not need counter-based streams.
class Xoshiro256 {
public:
    explicit Xoshiro256(std::uint64_t seed) {
        for (auto& s : s_) {
            seed += 0x9e3779b97f4a7c15ull;
            std::uint64_t z = seed;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
            s = z ^ (z >> 31);
        }
    }
    std::uint64_t next() {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    std::uint32_t below(std::uint32_t n) {
        return static_cast<std::uint32_t>(((next() >> 32) * n) >> 32);
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t s_[4];
};

/// G(n, p = z / (n - 1)) into b.offset / b.adj (CSR, both directions).
template <class Rng>
void hand_graph(std::uint32_t n, double z, Rng& rng, HandBuffers& b) {
    // 1. G(n, p) by geometric skipping over the pairs (v, w), w < v
    //    (Batagelj & Brandes 2005): O(n + m) draws instead of O(n^2).
    b.edge_a.clear();
    b.edge_b.clear();
    const double p = z / (n - 1.0);
    const double log_q = std::log1p(-p);
    std::int64_t v = 1, w = -1;
    const auto nn = static_cast<std::int64_t>(n);
    while (v < nn) {
        w += 1 + static_cast<std::int64_t>(std::floor(std::log1p(-rng.uniform()) / log_q));
        while (w >= v && v < nn) {
            w -= v;
            ++v;
        }
        if (v < nn) {
            b.edge_a.push_back(static_cast<std::uint32_t>(v));
            b.edge_b.push_back(static_cast<std::uint32_t>(w));
        }
    }
    // 2. CSR by counting sort (both directions of every tie).
    b.offset.assign(n + 1, 0);
    for (std::size_t e = 0; e < b.edge_a.size(); ++e) {
        ++b.offset[b.edge_a[e] + 1];
        ++b.offset[b.edge_b[e] + 1];
    }
    for (std::uint32_t i = 0; i < n; ++i) b.offset[i + 1] += b.offset[i];
    b.fill.assign(b.offset.begin(), b.offset.end() - 1);
    b.adj.resize(b.offset[n]);
    for (std::size_t e = 0; e < b.edge_a.size(); ++e) {
        b.adj[b.fill[b.edge_a[e]]++] = b.edge_b[e];
        b.adj[b.fill[b.edge_b[e]]++] = b.edge_a[e];
    }
}

/// One world of the cascade: n vertices, mean degree z, threshold phi,
/// at most `steps` synchronous steps (it stops early once nobody can join,
/// which changes nothing in the outcome). Returns the final member count.
/// `Rng` needs uniform() in [0, 1) and below(n).
template <class Rng>
std::uint32_t hand_cascade(std::uint32_t n, double z, double phi, int steps, Rng& rng, HandBuffers& b) {
    hand_graph(n, z, rng, b);
    // 3. One random initial member; its neighbours' counts go up.
    b.member_count.assign(n, 0);
    b.stamp.assign(n, 0);
    b.is_member.assign(n, 0);
    b.frontier.clear();
    const std::uint32_t seed_vertex = rng.below(n);
    b.is_member[seed_vertex] = 1;
    b.frontier.push_back(seed_vertex);
    std::uint32_t members = 1;
    for (std::uint32_t k = b.offset[seed_vertex]; k < b.offset[seed_vertex + 1]; ++k) ++b.member_count[b.adj[k]];
    // 4. Synchronous steps: only neighbours of last step's joiners can flip.
    for (int t = 1; t <= steps && !b.frontier.empty(); ++t) {
        b.candidates.clear();
        for (std::uint32_t j : b.frontier)
            for (std::uint32_t k = b.offset[j]; k < b.offset[j + 1]; ++k) {
                const std::uint32_t u = b.adj[k];
                if (b.is_member[u] || b.stamp[u] == static_cast<std::uint32_t>(t)) continue;
                b.stamp[u] = static_cast<std::uint32_t>(t);
                b.candidates.push_back(u);
            }
        b.next.clear();
        for (std::uint32_t u : b.candidates) {
            const std::uint32_t degree = b.offset[u + 1] - b.offset[u];
            if (static_cast<double>(b.member_count[u]) >= (phi - 1e-9) * degree) b.next.push_back(u);
        }
        for (std::uint32_t u : b.next) {
            b.is_member[u] = 1;
            for (std::uint32_t k = b.offset[u]; k < b.offset[u + 1]; ++k) ++b.member_count[b.adj[k]];
        }
        members += static_cast<std::uint32_t>(b.next.size());
        b.frontier.swap(b.next);
    }
    return members;
}

}  // namespace fundsim::bench
