list(APPEND FUNDSIM_TEST_SOURCES
  test_agent_graph.cpp
  test_csv.cpp
  test_result_size.cpp
  test_sensitivity.cpp
  test_paired_difference.cpp
  test_series_stats.cpp
)
