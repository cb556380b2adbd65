target_sources(fundsim PRIVATE
)
