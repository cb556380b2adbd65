# Run by ctest after the doctest cases are registered (TEST_INCLUDE_FILES,
# see tests/CMakeLists.txt): gives every case of fundsim_tests a label and
# a timeout, by the prefix of its name.
#   cli      the cases that spawn the fundsim binary for one command
#            (Cli.*, <Name>Command.*, SensitivityRun.*, RunFolderGuard.*,
#            ResourceLimits.*)
#   cluster  shards, kills, Ctrl-C and resume, mpirun, faults (Faults.*)
#   unit     everything else (in-process)
# The Python and validation cases set their own (tests/python.cmake,
# tests/validation.cmake). `ctest -L unit` is the fast loop.
foreach(fundsim_case IN LISTS fundsim_tests_TESTS)
  if(fundsim_case MATCHES "^(Cli|[A-Za-z]+Command|SensitivityRun|RunFolderGuard|ResourceLimits)\\.")
    set_tests_properties("${fundsim_case}" PROPERTIES LABELS cli TIMEOUT 600)
  elseif(fundsim_case MATCHES "^(Cluster|MpiRanks|Faults)\\.")
    set_tests_properties("${fundsim_case}" PROPERTIES LABELS cluster TIMEOUT 600)
  else()
    set_tests_properties("${fundsim_case}" PROPERTIES LABELS unit TIMEOUT 120)
  endif()
endforeach()
