#include "output/agent_graph.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphml.hpp>
#include <boost/range/iterator_range.hpp>

#include <fstream>
#include <typeinfo>

#include "output/csv.hpp"
#include "world/error.hpp"
#include "world/world.hpp"

namespace fundsim {
namespace {

/// A double-valued GraphML attribute written exactly: Boost's own adaptor
/// prints through an ostringstream at 6 significant digits; this one prints
/// the shortest text that reads back to the same double (output/csv.hpp) and
/// still declares attr.type="double".
template <class Key, class Map>
class ExactDoubleMap : public boost::dynamic_property_map {
public:
    explicit ExactDoubleMap(Map map) : map_(map) {}
    boost::any get(const boost::any& key) override { return boost::get(map_, boost::any_cast<Key>(key)); }
    std::string get_string(const boost::any& key) override {
        std::string text;
        append_number(text, boost::get(map_, boost::any_cast<Key>(key)));
        return text;
    }
    void put(const boost::any&, const boost::any&) override { throw IoError("GraphML export maps are read-only"); }
    const std::type_info& key() const override { return typeid(Key); }
    const std::type_info& value() const override { return typeid(double); }

private:
    Map map_;
};

template <class Key, class Map>
void add_exact(boost::dynamic_properties& dp, const std::string& name, Map map) {
    dp.insert(name, boost::shared_ptr<boost::dynamic_property_map>(new ExactDoubleMap<Key, Map>(map)));
}

/// Fills the governments' state after `step` from a run of the world.
void set_state_after(World& w, int step, AgentGraph& g) {
    WorldOutcome outcome;
    w.run(outcome, true);
    for (const TrajectoryRow& row : outcome.trajectory) {
        if (row.step != step) continue;
        AgentNode& n = g.nodes[static_cast<std::size_t>(row.government)];
        n.status = std::string(status_name(row.status));
        n.stake_usd_bn = row.stake_usd_bn;
        n.tariff_faced = row.tariff_faced;
        n.revenue_usd_bn = row.revenue_usd_bn;
    }
}

}  // namespace

AgentGraph build_agent_graph(const Scenario& scenario, std::uint32_t point, std::uint64_t world, int step) {
    const Experiment& ex = scenario.experiment;
    if (step < 0 || step > ex.steps)
        throw ConfigError("--step " + std::to_string(step) + ": expected a step in 0.." + std::to_string(ex.steps) +
                          " (experiment.steps)");
    World w(scenario, point, world);  // draws this world's founders, GDPs and network
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
            const std::uint32_t k = add_agent({"neg:" + pid, "negotiator", pid + " negotiator", 0, 0, 0, 0, 0, "", "", 0, 0, 0});
            g.edges.push_back({k, static_cast<std::uint32_t>(party), "represents", 1});
            g.edges.push_back({k, static_cast<std::uint32_t>(ex.negotiators.counterpart), "negotiates_with", 1});
        }
    for (std::size_t c = 0; c < ex.investors.classes.size(); ++c) {
        const InvestorClassSpec& spec = ex.investors.classes[c];
        const std::string& country = ex.governments[static_cast<std::size_t>(spec.country)].id;
        const std::string kind(enum_name(spec.kind));
        const std::uint32_t k = add_agent({"inv:" + std::to_string(c), "investor", country + " " + kind, 0, 0, 0, 0,
                                           spec.count * spec.capital_usd_bn, kind, "", 0, 0, 0});
        g.edges.push_back({k, static_cast<std::uint32_t>(spec.country), "domiciled_in", 1});
    }
    for (std::size_t s = 0; s < ex.sponsors.size(); ++s) {
        const SponsorSpec& spec = ex.sponsors[s];
        const std::uint32_t k = add_agent({"spo:" + std::to_string(s), "sponsor", spec.name, 0, 0, 0, 0,
                                           spec.program_usd_bn, spec.sector, "", 0, 0, 0});
        g.edges.push_back({k, static_cast<std::uint32_t>(spec.location), "located_in", 1});
    }
    set_state_after(w, step, g);
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
    using Vertex = boost::graph_traits<Export>::vertex_descriptor;
    using Edge = boost::graph_traits<Export>::edge_descriptor;
    add_exact<Vertex>(dp, "gdp", get(&AgentNode::gdp_usd_bn, out));
    add_exact<Vertex>(dp, "threshold", get(&AgentNode::threshold, out));
    dp.property("is_founder", get(&AgentNode::is_founder, out));
    add_exact<Vertex>(dp, "alliance", get(&AgentNode::alliance, out));
    add_exact<Vertex>(dp, "capital", get(&AgentNode::capital_usd_bn, out));
    dp.property("sector", get(&AgentNode::sector, out));
    dp.property("status", get(&AgentNode::status, out));
    add_exact<Vertex>(dp, "stake", get(&AgentNode::stake_usd_bn, out));
    add_exact<Vertex>(dp, "tariff_faced", get(&AgentNode::tariff_faced, out));
    add_exact<Vertex>(dp, "revenue", get(&AgentNode::revenue_usd_bn, out));
    dp.property("edge_kind", get(&AgentEdge::kind, out));
    add_exact<Edge>(dp, "weight", get(&AgentEdge::weight, out));
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
                    {"node", "id", "kind", "name", "gdp", "threshold", "is_founder", "alliance", "capital", "sector",
                     "status", "stake", "tariff_faced", "revenue"});
    for (std::size_t v = 0; v < graph.nodes.size(); ++v) {
        const AgentNode& n = graph.nodes[v];
        nodes.integer(static_cast<std::int64_t>(v)).text(n.id).text(n.kind).text(n.name);
        if (n.kind == "government") nodes.number(n.gdp_usd_bn).number(n.threshold).integer(n.is_founder).number(n.alliance);
        else nodes.empty().empty().empty().empty();
        if (n.kind == "investor" || n.kind == "sponsor") nodes.number(n.capital_usd_bn).text(n.sector);
        else nodes.empty().empty();
        if (n.kind == "government")
            nodes.text(n.status).number(n.stake_usd_bn).number(n.tariff_faced).number(n.revenue_usd_bn);
        else nodes.empty().empty().empty().empty();
        nodes.end_row();
    }
    nodes.commit();
    CsvWriter edges(dir / "edges.csv", {"source", "target", "kind", "weight"});
    for (const AgentEdge& e : graph.edges)
        edges.integer(e.source).integer(e.target).text(e.kind).number(e.weight).end_row();
    edges.commit();
}

}  // namespace fundsim
