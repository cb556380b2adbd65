list(APPEND FUNDSIM_TEST_SOURCES
  test_calibrate_command.cpp
  test_cli.cpp
  test_faults.cpp
  test_merge_command.cpp
  test_run_folder_guard.cpp
  test_resource_limits.cpp
  test_run_command.cpp
  test_sensitivity_run.cpp
)
