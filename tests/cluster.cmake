# Cluster runs (SPEC §7): SLURM job-array tasks merged, kill -9 and Ctrl-C
# then --resume, and — when built with MPI (FUNDSIM_WITH_MPI) and mpiexec is
# found — `mpirun -np 2` and `-np 3` against the single run. Included from
# tests/CMakeLists.txt before the test executable is defined. The MPI cases
# run mpirun with --allow-run-as-root --oversubscribe (CI runs as root on 2
# cores) and set OMPI_ALLOW_RUN_AS_ROOT(_CONFIRM)=1 themselves.
list(APPEND FUNDSIM_TEST_SOURCES test_cluster.cpp)
if(FUNDSIM_WITH_MPI AND MPIEXEC_EXECUTABLE)
  list(APPEND FUNDSIM_TEST_SOURCES test_mpi_ranks.cpp)
  set_source_files_properties(test_mpi_ranks.cpp PROPERTIES
    COMPILE_DEFINITIONS "FUNDSIM_MPIEXEC=\"${MPIEXEC_EXECUTABLE}\"")
else()
  message(STATUS "fundsim: built without MPI (or no mpiexec): the mpirun tests are skipped")
endif()
