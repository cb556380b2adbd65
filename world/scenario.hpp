#pragma once
/// The scenario of one sweep point as the engine sees it: the experiment plus
/// what every world of the point shares (the fixed ties from file, the list of
/// tariff setters, baseline trade). Built once per point, read-only after,
/// shared by all worlds and threads.
#include <cstdint>
#include <memory>
#include <vector>

#include "experiment/experiment.hpp"
#include "world/graph.hpp"
#include "world/outcome.hpp"

namespace fundsim {

struct Scenario {
    Experiment experiment;
    /// Governments that ever set a tariff (founders, counterparts, `from` of
    /// events, both sides of trade deals); tariffs are stored only for these.
    std::vector<GovIndex> tariff_setters;
    /// setter_slot[g] = index into tariff_setters, or -1.
    std::vector<std::int32_t> setter_slot;
    /// When the network is read from file only (no generator), the graph is
    /// the same in every world: built once here and shared read-only.
    std::shared_ptr<const Graph> fixed_graph;
    std::vector<double> fixed_degree;

    /// Validates cross-references and precomputes the shared parts.
    /// Throws ConfigError on an inconsistent experiment.
    static Scenario build(Experiment experiment);

    int government_count() const { return static_cast<int>(experiment.governments.size()); }
};

/// Runs one world of a point from step 0 to `steps` and fills `out`
/// (buffers are reused). Deterministic: a function of (scenario, point,
/// world) only. Thread-safe for distinct `out`. Throws ModelError naming the
/// world and step if the model fails.
void simulate_world(const Scenario& scenario, std::uint32_t point, std::uint64_t world,
                    bool record_trajectory, WorldOutcome& out);

}  // namespace fundsim
