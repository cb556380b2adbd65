list(APPEND FUNDSIM_TEST_SOURCES test_random.cpp)
