target_sources(fundsim_core PRIVATE
  output/agent_graph.cpp
  output/aggregate.cpp
  output/csv.cpp
  output/government_columns.cpp
  output/manifest.cpp
  output/paired_difference.cpp
  output/result_files.cpp
  output/result_size.cpp
  output/sensitivity.cpp
  output/run_tables.cpp
  output/series_stats.cpp
  output/table_writer.cpp
)
# The HDF5 result format: only with FUNDSIM_WITH_HDF5 (Debian's libhdf5-dev).
if(FUNDSIM_WITH_HDF5)
  target_sources(fundsim_core PRIVATE output/hdf5_tables.cpp)
endif()
