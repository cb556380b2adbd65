list(APPEND FUNDSIM_TEST_SOURCES
  test_cli.cpp
  test_merge_command.cpp
  test_run_command.cpp
)
