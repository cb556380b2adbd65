#pragma once
// Small experiments built in code for the model's unit tests (no YAML), so
// each test states exactly the mechanism it exercises.
#include <string>

#include "experiment/experiment.hpp"
#include "world/scenario.hpp"

namespace fundsim::testing {

/// n governments G0..G{n-1}, GDP 100 each, no founders, no network, one point.
inline Experiment make_experiment(int n, int steps = 10) {
    Experiment ex;
    ex.name = "test";
    ex.file = "test.yaml";
    ex.seed = 7;
    ex.worlds = 1;
    ex.steps = steps;
    ex.trajectories = 0;
    for (int i = 0; i < n; ++i) {
        GovernmentSpec g;
        g.id = "G" + std::to_string(i);
        g.name = g.id;
        g.gdp_usd_bn = 100;
        g.fiscal_capacity_gdp_share = 0.01;
        g.stake_gdp_share = 0.002;
        g.risk_aversion = 1;
        g.political_volatility = 0.2;
        g.alliance = 0.5;
        ex.governments.push_back(g);
    }
    return ex;
}

inline void add_tie(Experiment& ex, GovIndex a, GovIndex b, double w = 1) { ex.network.ties.push_back({a, b, w}); }

inline WorldOutcome run(const Experiment& ex, std::uint64_t world = 0, bool trajectory = false) {
    const Scenario s = Scenario::build(ex);
    WorldOutcome out;
    simulate_world(s, 0, world, trajectory, out);
    return out;
}

}  // namespace fundsim::testing
