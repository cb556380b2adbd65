target_sources(fundsim_core PRIVATE
  calibration/abc_smc.cpp
  calibration/calibration_files.cpp
  calibration/targets.cpp
)
