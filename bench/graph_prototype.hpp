#pragma once
/// A measured proposal, not used by fundsim: world/graph.cpp's Erdős–Rényi
/// path (same Boost generator, same Philox stream, same Boost CSR graph) with
/// the O(m log m) std::sort of the directed edge list in to_csr() replaced by
/// a stable counting sort on the source (O(n + m)) plus an insertion sort of
/// each short row by target. fundsim_bench_kernel checks it builds the same
/// graph as fundsim::build_graph before timing it (bench/README.md).
#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/erdos_renyi_generator.hpp>

#include "world/graph.hpp"
#include "world/random.hpp"
#include "world/scenario.hpp"

namespace fundsim::bench {

struct PrototypeEdge {
    std::uint32_t source;
    std::uint32_t target;
    double weight;
};

/// Reused between worlds.
struct PrototypeBuffers {
    std::vector<PrototypeEdge> edges, sorted;
    std::vector<std::uint32_t> start;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
    std::vector<TieWeight> weights;
};

/// Directed edges -> CSR: counting sort by source, rows sorted by target,
/// parallel ties merged by adding weights (in input order: deterministic).
inline Graph prototype_to_csr(PrototypeBuffers& b, std::uint32_t n) {
    b.start.assign(n + 1, 0);
    for (const PrototypeEdge& e : b.edges) ++b.start[e.source + 1];
    for (std::uint32_t v = 0; v < n; ++v) b.start[v + 1] += b.start[v];
    b.sorted.resize(b.edges.size());
    for (const PrototypeEdge& e : b.edges) b.sorted[b.start[e.source]++] = e;  // start[v] ends at row v's end
    b.pairs.clear();
    b.weights.clear();
    std::uint32_t row_begin = 0;
    for (std::uint32_t v = 0; v < n; ++v) {
        const auto first = b.sorted.begin() + row_begin, last = b.sorted.begin() + b.start[v];
        // Rows are short (mean degree) and already sorted for generated ties.
        if (!std::is_sorted(first, last, [](const PrototypeEdge& x, const PrototypeEdge& y) { return x.target < y.target; }))
            std::stable_sort(first, last, [](const PrototypeEdge& x, const PrototypeEdge& y) { return x.target < y.target; });
        for (auto it = first; it != last; ++it) {
            if (it != first && b.pairs.back().second == it->target) {
                b.weights.back().weight += it->weight;
                continue;
            }
            b.pairs.emplace_back(v, it->target);
            b.weights.push_back({it->weight});
        }
        row_begin = b.start[v];
    }
    return Graph(boost::edges_are_sorted, b.pairs.begin(), b.pairs.end(), b.weights.begin(), n);
}

/// world/graph.cpp's generate_erdos_renyi + to_csr for a generated-only
/// network (no ties from file), with prototype_to_csr.
inline Graph prototype_build_er_graph(const Scenario& scenario, std::uint32_t point, std::uint64_t world,
                                      PrototypeBuffers& b) {
    const Experiment& ex = scenario.experiment;
    const auto n = static_cast<std::uint32_t>(ex.governments.size());
    b.edges.clear();
    RandomStream rng(ex.seed, point, world, StreamPurpose::network);
    const double p = std::min(1.0, ex.network.mean_degree / (n - 1.0));
    using Tag = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
    using It = boost::sorted_erdos_renyi_iterator<RandomStream, Tag>;
    for (It it(rng, n, p), end; it != end; ++it) {
        const auto a = static_cast<std::uint32_t>(it->first), c = static_cast<std::uint32_t>(it->second);
        if (a == c) continue;
        b.edges.push_back({a, c, 1.0});
        b.edges.push_back({c, a, 1.0});
    }
    return prototype_to_csr(b, n);
}

/// True when both graphs have the same vertices, targets and weights.
inline bool same_graph(const Graph& x, const Graph& y) {
    if (num_vertices(x) != num_vertices(y) || num_edges(x) != num_edges(y)) return false;
    for (std::uint32_t v = 0; v < num_vertices(x); ++v) {
        auto [ex, ex_end] = out_edges(v, x);
        auto [ey, ey_end] = out_edges(v, y);
        for (; ex != ex_end && ey != ey_end; ++ex, ++ey)
            if (target(*ex, x) != target(*ey, y) || x[*ex].weight != y[*ey].weight) return false;
        if ((ex == ex_end) != (ey == ey_end)) return false;
    }
    return true;
}

}  // namespace fundsim::bench
