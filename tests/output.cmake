# list(APPEND FUNDSIM_TEST_SOURCES test_<file>.cpp)
