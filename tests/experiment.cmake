list(APPEND FUNDSIM_TEST_SOURCES
  test_csv_table.cpp
  test_experiment_file.cpp
  test_experiment_file_invalid.cpp
  test_fuzz_regressions.cpp
  test_schema.cpp
  test_yaml_source.cpp
)
