#include <doctest/doctest.h>

#include "support/experiment_builder.hpp"
#include "world/graph.hpp"

using namespace fundsim;
using namespace fundsim::testing;

TEST_CASE("Graph.erdos_renyi_has_the_mean_degree_asked_for") {
    Experiment ex = make_experiment(2000);
    ex.network.generator = NetworkGenerator::erdos_renyi;
    ex.network.mean_degree = 4;
    const Scenario s = Scenario::build(ex);
    const GraphStats st = graph_stats(build_graph(s, 0, 0));
    CHECK(st.vertices == 2000);
    CHECK(st.mean_degree == doctest::Approx(4).epsilon(0.05));
    // drawn anew per world, same for the same world
    CHECK(graph_stats(build_graph(s, 0, 1)).ties != st.ties);
    CHECK(graph_stats(build_graph(s, 0, 0)).ties == st.ties);
}

TEST_CASE("Graph.generators_have_their_defining_sizes") {
    Experiment ex = make_experiment(50);
    SUBCASE("complete") {
        ex.network.generator = NetworkGenerator::complete;
        CHECK(graph_stats(build_graph(Scenario::build(ex), 0, 0)).ties == 50 * 49 / 2);
    }
    SUBCASE("watts_strogatz keeps n*k/2 ties") {
        ex.network.generator = NetworkGenerator::watts_strogatz;
        ex.network.k = 4;
        ex.network.beta = 0.0;
        const GraphStats st = graph_stats(build_graph(Scenario::build(ex), 0, 0));
        CHECK(st.ties == 100);
        CHECK(st.max_degree == 4);
    }
    SUBCASE("barabasi_albert adds m ties per vertex") {
        ex.network.generator = NetworkGenerator::barabasi_albert;
        ex.network.m = 2;
        const GraphStats st = graph_stats(build_graph(Scenario::build(ex), 0, 0));
        CHECK(st.ties == 3 + 47 * 2);
        CHECK(st.components == 1);
    }
}

TEST_CASE("Graph.parallel_ties_merge_and_fixed_ties_are_shared") {
    Experiment ex = make_experiment(4);
    add_tie(ex, 0, 1, 1.0);
    add_tie(ex, 1, 0, 2.0);
    add_tie(ex, 2, 2, 5.0);  // self-tie dropped
    const Scenario s = Scenario::build(ex);
    REQUIRE(s.fixed_graph);
    const GraphStats st = graph_stats(*s.fixed_graph);
    CHECK(st.ties == 1);
    CHECK(st.isolated == 2);
    CHECK(st.components == 3);
    CHECK(s.fixed_degree[0] == doctest::Approx(3.0));
}
