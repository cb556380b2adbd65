target_sources(fundsim PRIVATE
  cli/calibrate_command.cpp
  cli/compare_command.cpp
  cli/inspect_commands.cpp
  cli/main.cpp
  cli/merge_command.cpp
  cli/progress.cpp
  cli/run_command.cpp
)
# The results folder's life (check, open) is used by the engine API; it lives
# in cli/ until it moves to engine/ with a pure rename.
target_sources(fundsim_core PRIVATE cli/run_folder.cpp)
