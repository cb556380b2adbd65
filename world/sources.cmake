target_sources(fundsim_core PRIVATE
  world/random.cpp
)
