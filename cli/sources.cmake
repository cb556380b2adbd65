target_sources(fundsim PRIVATE
  cli/calibrate_command.cpp
  cli/compare_command.cpp
  cli/inspect_commands.cpp
  cli/main.cpp
  cli/merge_command.cpp
  cli/progress.cpp
  cli/run_command.cpp
)
