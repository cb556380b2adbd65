target_sources(fundsim_core PRIVATE
  agents/government.cpp
  agents/investor.cpp
  agents/negotiator.cpp
  agents/sponsor.cpp
)
