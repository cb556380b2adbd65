#include "output/agent_graph.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphml.hpp>
#include <boost/range/iterator_range.hpp>

#include <fstream>

#include "output/csv.hpp"
#include "world/error.hpp"
#include "world/world.hpp"

namespace fundsim {

AgentGraph build_agent_graph(const Scenario& scenario, std::uint32_t point, std::uint64_t world) {
    const Experiment& ex = scenario.experiment;
    const World w(scenario, point, world);  // draws this world's founders, GDPs and network
    AgentGraph g;
    for (GovIndex i = 0; i < w.government_count(); ++i) {
        const GovernmentSpec& spec = ex.governments[static_cast<std::size_t>(i)];
        AgentNode n;
        n.id = spec.id;
        n.kind = "government";
        n.name = spec.name;
        n.gdp_usd_bn = w.government(i).gdp_usd_bn;
        n.threshold = spec.threshold.value_or(ex.behavior.phi);
        n.is_founder = w.government(i).is_founder ? 1 : 0;
        n.alliance = spec.alliance;
        g.nodes.push_back(n);
    }
    const Graph& ties = w.graph();
    for (std::uint32_t v = 0; v < num_vertices(ties); ++v)
        for (auto e : boost::make_iterator_range(out_edges(v, ties))) {
            const auto u = static_cast<std::uint32_t>(target(e, ties));
            if (v < u) g.edges.push_back({v, u, "tie", ties[e].weight});
        }
    auto add_agent = [&](AgentNode n) {
        g.nodes.push_back(std::move(n));
        return static_cast<std::uint32_t>(g.nodes.size() - 1);
    };
    if (ex.negotiators.enabled)
        for (GovIndex party : ex.negotiators.parties) {
            if (w.government(party).is_founder || party == ex.negotiators.counterpart) continue;
            const std::string& pid = ex.governments[static_cast<std::size_t>(party)].id;
            const std::uint32_t k = add_agent({"neg:" + pid, "negotiator", pid + " negotiator", 0, 0, 0, 0, 0, ""});
            g.edges.push_back({k, static_cast<std::uint32_t>(party), "represents", 1});
            g.edges.push_back({k, static_cast<std::uint32_t>(ex.negotiators.counterpart), "negotiates_with", 1});
        }
    for (std::size_t c = 0; c < ex.investors.classes.size(); ++c) {
        const InvestorClassSpec& spec = ex.investors.classes[c];
        const std::string& country = ex.governments[static_cast<std::size_t>(spec.country)].id;
        const std::string kind(enum_name(spec.kind));
        const std::uint32_t k = add_agent({"inv:" + std::to_string(c), "investor", country + " " + kind, 0, 0, 0, 0,
                                           spec.count * spec.capital_usd_bn, kind});
        g.edges.push_back({k, static_cast<std::uint32_t>(spec.country), "domiciled_in", 1});
    }
    for (std::size_t s = 0; s < ex.sponsors.size(); ++s) {
        const SponsorSpec& spec = ex.sponsors[s];
        const std::uint32_t k = add_agent({"spo:" + std::to_string(s), "sponsor", spec.name, 0, 0, 0, 0,
                                           spec.program_usd_bn, spec.sector});
        g.edges.push_back({k, static_cast<std::uint32_t>(spec.location), "located_in", 1});
    }
    return g;
}

void write_agent_graphml(const AgentGraph& graph, const std::filesystem::path& file) {
    using Export = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, AgentNode, AgentEdge>;
    Export out(graph.nodes.size());
    for (std::size_t v = 0; v < graph.nodes.size(); ++v) out[v] = graph.nodes[v];
    for (const AgentEdge& e : graph.edges) add_edge(e.source, e.target, e, out);
    boost::dynamic_properties dp(boost::ignore_other_properties);
    dp.property("id", get(&AgentNode::id, out));
    dp.property("kind", get(&AgentNode::kind, out));
    dp.property("name", get(&AgentNode::name, out));
    dp.property("gdp", get(&AgentNode::gdp_usd_bn, out));
    dp.property("threshold", get(&AgentNode::threshold, out));
    dp.property("is_founder", get(&AgentNode::is_founder, out));
    dp.property("alliance", get(&AgentNode::alliance, out));
    dp.property("capital", get(&AgentNode::capital_usd_bn, out));
    dp.property("sector", get(&AgentNode::sector, out));
    dp.property("edge_kind", get(&AgentEdge::kind, out));
    dp.property("weight", get(&AgentEdge::weight, out));
    std::ofstream stream(file);
    if (!stream) throw IoError(file.string() + ": cannot open for writing");
    boost::write_graphml(stream, out, dp, true);
    if (!stream.flush()) throw IoError(file.string() + ": write failed");
}

void write_agent_graph_csv(const AgentGraph& graph, const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw IoError(dir.string() + ": cannot create folder: " + ec.message());
    CsvWriter nodes(dir / "nodes.csv",
                    {"node", "id", "kind", "name", "gdp", "threshold", "is_founder", "alliance", "capital", "sector"});
    for (std::size_t v = 0; v < graph.nodes.size(); ++v) {
        const AgentNode& n = graph.nodes[v];
        nodes.integer(static_cast<std::int64_t>(v)).text(n.id).text(n.kind).text(n.name);
        if (n.kind == "government") nodes.number(n.gdp_usd_bn).number(n.threshold).integer(n.is_founder).number(n.alliance);
        else nodes.empty().empty().empty().empty();
        if (n.kind == "investor" || n.kind == "sponsor") nodes.number(n.capital_usd_bn).text(n.sector);
        else nodes.empty().empty();
        nodes.end_row();
    }
    nodes.commit();
    CsvWriter edges(dir / "edges.csv", {"source", "target", "kind", "weight"});
    for (const AgentEdge& e : graph.edges)
        edges.integer(e.source).integer(e.target).text(e.kind).number(e.weight).end_row();
    edges.commit();
}

}  // namespace fundsim
