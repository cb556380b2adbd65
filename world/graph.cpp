#include "world/graph.hpp"

#include <boost/property_map/property_map.hpp>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/erdos_renyi_generator.hpp>
#include <boost/graph/small_world_generator.hpp>
#include <boost/pending/disjoint_sets.hpp>
#include <boost/range/iterator_range.hpp>

#include <algorithm>
#include <numeric>

#include "world/random.hpp"
#include "world/scenario.hpp"

namespace fundsim {
namespace {

/// Type tag for Boost's undirected generators (never instantiated).
using UndirectedTag = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;

struct Edge {
    std::uint32_t source;
    std::uint32_t target;
    double weight;
};

void add_tie(std::vector<Edge>& edges, std::uint32_t a, std::uint32_t b, double w) {
    if (a == b) return;
    edges.push_back({a, b, w});
    edges.push_back({b, a, w});
}

void generate_complete(std::vector<Edge>& edges, std::uint32_t n) {
    for (std::uint32_t a = 0; a < n; ++a)
        for (std::uint32_t b = a + 1; b < n; ++b) add_tie(edges, a, b, 1.0);
}

void generate_erdos_renyi(std::vector<Edge>& edges, std::uint32_t n, double mean_degree,
                          RandomStream& rng) {
    if (n < 2 || mean_degree <= 0) return;
    const double p = std::min(1.0, mean_degree / (n - 1.0));
    if (p >= 1.0) return generate_complete(edges, n);
    using It = boost::sorted_erdos_renyi_iterator<RandomStream, UndirectedTag>;
    for (It it(rng, n, p), end; it != end; ++it) add_tie(edges, it->first, it->second, 1.0);
}

void generate_watts_strogatz(std::vector<Edge>& edges, std::uint32_t n, int k, double beta,
                             RandomStream& rng) {
    if (n < 3 || k < 2) return;
    using It = boost::small_world_iterator<RandomStream, UndirectedTag>;
    const auto kk = static_cast<std::uint32_t>(std::min<int>(k, static_cast<int>(n) - 1));
    for (It it(rng, n, kk, beta), end; it != end; ++it) add_tie(edges, it->first, it->second, 1.0);
}

/// Barabási–Albert preferential attachment. Boost.Graph has no BA generator
/// (its plod_iterator is a different, power-law-out-degree model), so this is
/// the textbook "repeated endpoints" algorithm: each new vertex links to m
/// distinct earlier vertices chosen proportionally to degree.
void generate_barabasi_albert(std::vector<Edge>& edges, std::uint32_t n, int m, RandomStream& rng) {
    const auto mm = static_cast<std::uint32_t>(m);
    if (n <= mm) return generate_complete(edges, n);
    std::vector<std::uint32_t> endpoints;  // every tie's two ends, so degree-weighted
    endpoints.reserve(2ull * n * mm);
    for (std::uint32_t a = 0; a <= mm; ++a)  // seed: a complete core of m + 1 vertices
        for (std::uint32_t b = a + 1; b <= mm; ++b) {
            add_tie(edges, a, b, 1.0);
            endpoints.push_back(a);
            endpoints.push_back(b);
        }
    std::vector<std::uint32_t> chosen;
    for (std::uint32_t v = mm + 1; v < n; ++v) {
        chosen.clear();
        while (chosen.size() < mm) {
            const std::uint32_t u = endpoints[rng.below(static_cast<std::uint32_t>(endpoints.size()))];
            if (std::find(chosen.begin(), chosen.end(), u) == chosen.end()) chosen.push_back(u);
        }
        for (std::uint32_t u : chosen) {
            add_tie(edges, v, u, 1.0);
            endpoints.push_back(v);
            endpoints.push_back(u);
        }
    }
}

/// Counting sort by source (stable), rows sorted by target, parallel ties merged.
Graph to_csr(std::vector<Edge>& edges, std::uint32_t n) {
    std::vector<std::uint32_t> start(n + 1, 0);
    for (const Edge& e : edges) ++start[e.source + 1];
    for (std::uint32_t v = 0; v < n; ++v) start[v + 1] += start[v];
    std::vector<Edge> sorted(edges.size());
    for (const Edge& e : edges) sorted[start[e.source]++] = e;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
    std::vector<TieWeight> weights;
    pairs.reserve(edges.size());
    weights.reserve(edges.size());
    std::uint32_t row_begin = 0;
    auto by_target = [](const Edge& x, const Edge& y) { return x.target < y.target; };
    for (std::uint32_t v = 0; v < n; ++v) {
        const auto first = sorted.begin() + row_begin, last = sorted.begin() + start[v];
        if (!std::is_sorted(first, last, by_target)) std::stable_sort(first, last, by_target);
        for (auto it = first; it != last; ++it) {
            if (it != first && pairs.back().second == it->target) {
                weights.back().weight += it->weight;
                continue;
            }
            pairs.emplace_back(v, it->target);
            weights.push_back({it->weight});
        }
        row_begin = start[v];
    }
    return Graph(boost::edges_are_sorted, pairs.begin(), pairs.end(), weights.begin(), n);
}

}  // namespace

Graph build_graph(const Scenario& scenario, std::uint32_t point, std::uint64_t world) {
    const Experiment& ex = scenario.experiment;
    const auto n = static_cast<std::uint32_t>(ex.governments.size());
    std::vector<Edge> edges;
    // Reserve for the ties and, for erdos_renyi only, its expected degree (never
    // more than a complete graph; computed in double so no cast overflows).
    double expected = 2.0 * static_cast<double>(ex.network.ties.size());
    if (ex.network.generator == NetworkGenerator::erdos_renyi)
        expected += 1.2 * n * std::min(ex.network.mean_degree, std::max(0.0, n - 1.0));
    edges.reserve(static_cast<std::size_t>(std::min(expected, 4.0e9)) + 16);
    for (const TieSpec& t : ex.network.ties)
        add_tie(edges, static_cast<std::uint32_t>(t.a), static_cast<std::uint32_t>(t.b), t.weight);
    RandomStream rng(ex.seed, point, world, StreamPurpose::network);
    switch (ex.network.generator) {
        case NetworkGenerator::none: break;
        case NetworkGenerator::complete: generate_complete(edges, n); break;
        case NetworkGenerator::erdos_renyi: generate_erdos_renyi(edges, n, ex.network.mean_degree, rng); break;
        case NetworkGenerator::watts_strogatz:
            generate_watts_strogatz(edges, n, ex.network.k, ex.network.beta, rng);
            break;
        case NetworkGenerator::barabasi_albert: generate_barabasi_albert(edges, n, ex.network.m, rng); break;
    }
    return to_csr(edges, n);
}

std::vector<double> weighted_degrees(const Graph& graph) {
    std::vector<double> degree(num_vertices(graph), 0.0);
    for (std::uint32_t v = 0; v < degree.size(); ++v)
        for (auto e : boost::make_iterator_range(out_edges(v, graph))) degree[v] += graph[e].weight;
    return degree;
}

GraphStats graph_stats(const Graph& graph) {
    GraphStats s;
    s.vertices = num_vertices(graph);
    const std::size_t directed = num_edges(graph);
    s.ties = directed / 2;
    s.mean_degree = s.vertices ? static_cast<double>(directed) / static_cast<double>(s.vertices) : 0.0;
    for (std::uint32_t v = 0; v < s.vertices; ++v) {
        const std::size_t d = out_degree(v, graph);
        s.max_degree = std::max(s.max_degree, d);
        if (d == 0) ++s.isolated;
    }
    // Components: the edge list is symmetric, so weak components are the
    // undirected ones.
    std::vector<std::size_t> rank(s.vertices, 0), parent(s.vertices);
    using IndexMap = boost::iterator_property_map<std::size_t*, boost::identity_property_map>;
    boost::disjoint_sets<IndexMap, IndexMap> sets(IndexMap(rank.data()), IndexMap(parent.data()));
    for (std::size_t v = 0; v < s.vertices; ++v) sets.make_set(v);
    for (std::uint32_t v = 0; v < s.vertices; ++v)
        for (auto e : boost::make_iterator_range(out_edges(v, graph)))
            sets.union_set(std::size_t{v}, static_cast<std::size_t>(target(e, graph)));
    std::vector<std::size_t> all(s.vertices);
    std::iota(all.begin(), all.end(), std::size_t{0});
    s.components = static_cast<std::size_t>(std::count_if(all.begin(), all.end(), [&](std::size_t v) { return parent[v] == v; }));
    return s;
}

}  // namespace fundsim
