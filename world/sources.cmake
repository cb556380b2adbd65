target_sources(fundsim_core PRIVATE
  world/events.cpp
  world/fund.cpp
  world/graph.cpp
  world/metrics.cpp
  world/random.cpp
  world/scenario.cpp
  world/trade.cpp
  world/world.cpp
  world/world_decisions.cpp
)
