#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "output/agent_graph.hpp"
#include "world/error.hpp"
#include "support/experiment_builder.hpp"

using namespace fundsim;
using namespace fundsim::testing;

namespace {
Experiment small() {
    Experiment ex = make_experiment(5);
    ex.fund.founders = {{0, 1.0}};
    add_tie(ex, 0, 1, 2.0);
    add_tie(ex, 1, 2);
    ex.negotiators.enabled = true;
    ex.negotiators.counterpart = 0;
    ex.negotiators.parties = {0, 1, 2};  // the founder itself does not negotiate
    InvestorClassSpec c;
    c.country = 3;
    c.count = 4;
    c.capital_usd_bn = 2;
    ex.investors.classes.push_back(c);
    SponsorSpec s;
    s.name = "fab";
    s.sector = "semiconductors";
    s.location = 0;
    ex.sponsors.push_back(s);
    ex.governments[2].threshold = 0.3;
    return ex;
}
}  // namespace

TEST_CASE("AgentGraph.has_every_agent_kind_and_tie") {
    const Scenario s = Scenario::build(small());
    const AgentGraph g = build_agent_graph(s, 0, 0);
    CHECK(g.nodes.size() == 5 + 2 + 1 + 1);
    CHECK(g.edges.size() == 2 + 2 * 2 + 1 + 1);
    CHECK(g.nodes[0].is_founder == 1);
    CHECK(g.nodes[2].threshold == doctest::Approx(0.3));
    CHECK(g.nodes[3].threshold == doctest::Approx(s.experiment.behavior.phi));
    CHECK(g.nodes[7].kind == "investor");
    CHECK(g.nodes[7].capital_usd_bn == doctest::Approx(8));
    CHECK(g.edges[0].kind == "tie");
    CHECK(g.edges[0].weight == doctest::Approx(2.0));
}

TEST_CASE("AgentGraph.writes_graphml_and_csv") {
    const Scenario s = Scenario::build(small());
    const AgentGraph g = build_agent_graph(s, 0, 0);
    const auto dir = std::filesystem::temp_directory_path() / ("fundsim_test_agent_graph_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    write_agent_graphml(g, dir / "g.graphml");
    std::stringstream text;
    text << std::ifstream(dir / "g.graphml").rdbuf();
    CHECK(text.str().find("<graphml") != std::string::npos);
    CHECK(text.str().find("semiconductors") != std::string::npos);
    write_agent_graph_csv(g, dir / "csv");
    std::ifstream edges(dir / "csv" / "edges.csv");
    std::string line;
    int rows = -1;
    while (std::getline(edges, line)) ++rows;
    CHECK(rows == static_cast<int>(g.edges.size()));
    std::filesystem::remove_all(dir);
}

TEST_CASE("AgentGraph.graphml_keeps_every_digit") {
    Experiment ex = small();
    ex.governments[1].alliance = 0.123456789012345;  // 15 significant digits; Boost alone prints 0.123457
    const Scenario s = Scenario::build(ex);
    const AgentGraph g = build_agent_graph(s, 0, 0);
    const auto dir = std::filesystem::temp_directory_path() / "fundsim_test_agent_graph_digits";
    std::filesystem::create_directories(dir);
    write_agent_graphml(g, dir / "g.graphml");
    std::stringstream text;
    text << std::ifstream(dir / "g.graphml").rdbuf();
    CHECK(text.str().find(">0.123456789012345<") != std::string::npos);
    CHECK(text.str().find("attr.name=\"alliance\" attr.type=\"double\"") != std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("AgentGraph.step_gives_the_state_after_that_step") {
    const Scenario s = Scenario::build(small());
    const AgentGraph start = build_agent_graph(s, 0, 0, 0);
    CHECK(start.nodes[0].status == "member");  // the founder
    CHECK(start.nodes[0].stake_usd_bn > 0);
    CHECK(start.nodes[1].revenue_usd_bn == 0);
    const AgentGraph later = build_agent_graph(s, 0, 0, s.experiment.steps);
    CHECK(later.nodes[0].status == "member");
    CHECK(later.nodes[0].revenue_usd_bn >= start.nodes[0].revenue_usd_bn);
    CHECK(later.nodes[7].status.empty());  // not a government
    CHECK_THROWS_AS(build_agent_graph(s, 0, 0, s.experiment.steps + 1), ConfigError);
    CHECK_THROWS_AS(build_agent_graph(s, 0, 0, -1), ConfigError);
}
