target_sources(fundsim_core PRIVATE
  experiment/sweep.cpp
)
