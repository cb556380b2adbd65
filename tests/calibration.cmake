list(APPEND FUNDSIM_TEST_SOURCES
  test_abc_smc.cpp
  test_calibration_targets.cpp
)
