list(APPEND FUNDSIM_TEST_SOURCES
  test_csv.cpp
  test_series_stats.cpp
)
