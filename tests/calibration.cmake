list(APPEND FUNDSIM_TEST_SOURCES
  test_abc_smc.cpp
)
