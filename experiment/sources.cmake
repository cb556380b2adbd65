target_sources(fundsim_core PRIVATE
)
