target_sources(fundsim_core PRIVATE
  engine/block.cpp
  engine/block_builder.cpp
  engine/block_store.cpp
  engine/crc32.cpp
  engine/folder_guard.cpp
  engine/folder_lock.cpp
  engine/interrupt.cpp
  engine/merge_runs.cpp
  engine/particle_runner.cpp
  engine/plan.cpp
  engine/prepare.cpp
  engine/resource_limits.cpp
  engine/run_experiment.cpp
  engine/run_folder.cpp
  engine/runner.cpp
  engine/shard.cpp
  engine/world_columns.cpp
)
# The MPI ranks (engine/mpi_ranks.hpp): only with FUNDSIM_WITH_MPI.
if(FUNDSIM_WITH_MPI)
  target_sources(fundsim_core PRIVATE engine/mpi_ranks.cpp)
endif()
