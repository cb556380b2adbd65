list(APPEND FUNDSIM_TEST_SOURCES
  test_block.cpp
  test_crc32.cpp
  test_particle_runner.cpp
  test_plan.cpp
  test_run_experiment.cpp
  test_runner.cpp
  test_shard.cpp
  test_sweep.cpp
)
