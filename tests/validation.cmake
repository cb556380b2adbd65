# Validation against published results and a historical cascade
# (docs/validation.md): Granovetter 1978, Bass 1969, Watts 2002 (small
# version), the independent NumPy/SciPy reference, the AIIB cascade.
# Each script runs the built fundsim (FUNDSIM_BIN) and writes its results
# under the build folder.  Debian's /usr/bin/python3 with python3-numpy,
# python3-scipy, python3-pandas (python3-networkx for GraphML exports).
# Label: validation (ctest -L validation).  scripts/validate_full.sh runs the
# full-size versions and draws the figures.
set(FUNDSIM_VALIDATION_PYTHON /usr/bin/python3)
if(NOT EXISTS ${FUNDSIM_VALIDATION_PYTHON})
  message(STATUS "fundsim: ${FUNDSIM_VALIDATION_PYTHON} not found, validation tests skipped")
  return()
endif()
foreach(check granovetter bass watts reference aiib)
  add_test(NAME validation.${check}
    COMMAND ${FUNDSIM_VALIDATION_PYTHON} ${PROJECT_SOURCE_DIR}/tests/validation/test_${check}.py)
  set_tests_properties(validation.${check} PROPERTIES
    ENVIRONMENT "FUNDSIM_BIN=$<TARGET_FILE:fundsim>;FUNDSIM_VALIDATION_OUT=${CMAKE_CURRENT_BINARY_DIR}/validation;FUNDSIM_THREADS=2;MPLBACKEND=Agg"
    TIMEOUT 600 LABELS validation)
endforeach()

# The 2025 hindcast (SPEC §9): pledgers ranked above the rest, small size.
add_test(NAME validation.hindcast_2025
  COMMAND ${FUNDSIM_VALIDATION_PYTHON} ${PROJECT_SOURCE_DIR}/scripts/hindcast_check.py
          --fundsim $<TARGET_FILE:fundsim> --worlds 300 --seeds 1 --min-auc 0.65 --max-gbr 0.5)
set_tests_properties(validation.hindcast_2025 PROPERTIES TIMEOUT 600 LABELS validation)
