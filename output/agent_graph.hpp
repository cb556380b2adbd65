#pragma once
/// A world's agent graph for networkx or Gephi (`fundsim export-graph`):
/// every agent is a node — governments, negotiators, investor classes,
/// sponsors — with its kind and attributes; the edges are the peer-influence
/// ties between governments (kind `tie`, with `weight`) and the links of the
/// other agents to governments (`represents`, `negotiates_with`,
/// `domiciled_in`, `located_in`). Governments also carry their state after
/// step t of that world (`status`, `stake`, `tariff_faced`, `revenue`; t = 0:
/// the starting state). Real values are written in the shortest text that
/// reads back to the same double (never rounded). Deterministic; thread-safe.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "world/scenario.hpp"

namespace fundsim {

struct AgentNode {
    std::string id;          ///< ISO3 / G<k> for governments; neg:<party>, inv:<k>, spo:<k> else
    std::string kind;        ///< government | negotiator | investor | sponsor
    std::string name;
    double gdp_usd_bn = 0;   ///< governments: this world's GDP
    double threshold = 0;    ///< governments: effective phi of the threshold rule
    int is_founder = 0;      ///< governments: a founder in this world
    double alliance = 0;     ///< governments
    double capital_usd_bn = 0; ///< investors: capital of the class; sponsors: programme
    std::string sector;      ///< sponsors; investors: their kind
    std::string status;      ///< governments: outside | negotiating | member | exited after the step
    double stake_usd_bn = 0; ///< governments: stake in the fund after the step
    double tariff_faced = 0; ///< governments: trade-weighted tariff faced after the step (rate)
    double revenue_usd_bn = 0; ///< governments: cumulative distributions received up to the step
};

struct AgentEdge {
    std::uint32_t source = 0;
    std::uint32_t target = 0;
    std::string kind;        ///< tie | represents | negotiates_with | domiciled_in | located_in
    double weight = 1;       ///< ties: summed tie weight; other links: 1
};

struct AgentGraph {
    std::vector<AgentNode> nodes;
    std::vector<AgentEdge> edges;   ///< each undirected tie once
};

/// The agent graph of world `world` of point `point` (the generated network
/// and random founders of that world), governments in their state after
/// step `step` (0 .. experiment steps; the world is run up to it).
AgentGraph build_agent_graph(const Scenario& scenario, std::uint32_t point, std::uint64_t world, int step = 0);

/// Writes GraphML with Boost.Graph's writer (undirected). Throws IoError.
void write_agent_graphml(const AgentGraph& graph, const std::filesystem::path& file);

/// Writes `<dir>/nodes.csv` and `<dir>/edges.csv`. Throws IoError.
void write_agent_graph_csv(const AgentGraph& graph, const std::filesystem::path& dir);

}  // namespace fundsim
