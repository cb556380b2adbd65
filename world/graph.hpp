#pragma once
/// The agent graph of one world: governments are vertices, undirected ties
/// carrying peer influence are weighted edges. Stored as a Boost.Graph
/// compressed_sparse_row_graph (both directions of every tie), built once per
/// world from the fixed ties of the scenario plus a generated network drawn
/// from the world's own stream.
#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <cstdint>
#include <vector>


namespace fundsim {

struct Scenario;

struct TieWeight {
    double weight = 1;
};

using Graph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, TieWeight,
                                                 boost::no_property, std::uint32_t, std::uint32_t>;

/// Builds the graph of world `world` of a point. Deterministic. Parallel
/// ties (the same pair twice) are merged by adding weights; self-ties dropped.
Graph build_graph(const Scenario& scenario, std::uint32_t point, std::uint64_t world);

/// Weighted degree of every vertex (sum of its tie weights).
std::vector<double> weighted_degrees(const Graph& graph);

/// Summary for `fundsim describe`.
struct GraphStats {
    std::size_t vertices = 0;
    std::size_t ties = 0;            ///< undirected ties
    double mean_degree = 0;
    std::size_t max_degree = 0;
    std::size_t isolated = 0;        ///< vertices with no tie
    std::size_t components = 0;      ///< connected components
};
GraphStats graph_stats(const Graph& graph);

}  // namespace fundsim
