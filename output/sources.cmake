target_sources(fundsim_core PRIVATE
  output/aggregate.cpp
  output/csv.cpp
  output/manifest.cpp
  output/result_files.cpp
  output/series_stats.cpp
)
