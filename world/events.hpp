#pragma once
/// Events: what each type does to a world (SPEC §3, docs/ODD.md "Events").
/// Scheduled events fire at the start of their step; random events fire
/// Poisson(rate_per_year * months_per_step / 12) times per step.
#include "experiment/experiment.hpp"
#include "world/random.hpp"

namespace fundsim {

class World;

/// Fires `event` at step t in `world`, drawing random targets from `rng`.
/// Returns false when it could not fire (no eligible random target).
bool fire_event(const EventSpec& event, int step, World& world, RandomStream& rng);

}  // namespace fundsim
