# Python tests of analysis/ (Debian's /usr/bin/python3 with python3-pandas,
# python3-matplotlib, python3-scipy; jupyter-nbconvert + python3-ipykernel for
# the notebook). Included from tests/CMakeLists.txt with OPTIONAL; skipped with
# a message when /usr/bin/python3 is absent.
set(FUNDSIM_PYTHON /usr/bin/python3)
set(FUNDSIM_JUPYTER /usr/bin/jupyter)
if(NOT EXISTS ${FUNDSIM_PYTHON})
  message(STATUS "fundsim: ${FUNDSIM_PYTHON} not found, Python analysis tests skipped")
  return()
endif()

# The package and report.py on a synthetic result folder (no simulator needed).
add_test(NAME python.analysis
  COMMAND ${FUNDSIM_PYTHON} -m unittest discover -s ${PROJECT_SOURCE_DIR}/tests/python
          -p "test_analysis.py" -v)
set_tests_properties(python.analysis PROPERTIES
  ENVIRONMENT "MPLBACKEND=Agg;PYTHONPATH=${PROJECT_SOURCE_DIR}/analysis"
  TIMEOUT 300 LABELS python)

# analysis/quickstart.ipynb executed end to end with the built Python module,
# then checked for image outputs. The check needs the executed copy, hence the fixture.
if(EXISTS ${FUNDSIM_JUPYTER} AND FUNDSIM_WITH_PYTHON)
  set(FUNDSIM_NOTEBOOK_OUT ${CMAKE_CURRENT_BINARY_DIR}/notebook)
  add_test(NAME python.notebook
    COMMAND ${FUNDSIM_JUPYTER} nbconvert --to notebook --execute
            --ExecutePreprocessor.timeout=300
            --output-dir ${FUNDSIM_NOTEBOOK_OUT} --output quickstart.executed.ipynb
            ${PROJECT_SOURCE_DIR}/analysis/quickstart.ipynb)
  set_tests_properties(python.notebook PROPERTIES
    ENVIRONMENT "MPLBACKEND=Agg;PYTHONPATH=${PROJECT_BINARY_DIR}/python:${PROJECT_SOURCE_DIR}/analysis;FUNDSIM_BIN=$<TARGET_FILE:fundsim>;FUNDSIM_ROOT=${PROJECT_SOURCE_DIR};FUNDSIM_QUICKSTART_OUT=${FUNDSIM_NOTEBOOK_OUT}/runs"
    FIXTURES_SETUP fundsim_notebook TIMEOUT 600 LABELS python)
  add_test(NAME python.notebook.outputs
    COMMAND ${FUNDSIM_PYTHON} ${PROJECT_SOURCE_DIR}/tests/python/check_notebook.py
            ${FUNDSIM_NOTEBOOK_OUT}/quickstart.executed.ipynb)
  set_tests_properties(python.notebook.outputs PROPERTIES
    FIXTURES_REQUIRED fundsim_notebook TIMEOUT 60 LABELS python)
else()
  message(STATUS "fundsim: ${FUNDSIM_JUPYTER} or the Python module missing, notebook test skipped")
endif()

# fundsim export-graph: GraphML read by networkx matches fundsim describe.
add_test(NAME python.export_graph
  COMMAND ${FUNDSIM_PYTHON} -m unittest discover -s ${PROJECT_SOURCE_DIR}/tests/python -p "test_export_graph.py" -v)
set_tests_properties(python.export_graph PROPERTIES
  ENVIRONMENT "FUNDSIM_BIN=$<TARGET_FILE:fundsim>;FUNDSIM_ROOT=${PROJECT_SOURCE_DIR}"
  TIMEOUT 300 LABELS python)

# The Sobol-index bar chart (sensitivity.csv of a design: saltelli run).
add_test(NAME python.sensitivity_plot
  COMMAND ${FUNDSIM_PYTHON} -m unittest discover -s ${PROJECT_SOURCE_DIR}/tests/python
          -p "test_sensitivity_plot.py" -v)
set_tests_properties(python.sensitivity_plot PROPERTIES
  ENVIRONMENT "MPLBACKEND=Agg;PYTHONPATH=${PROJECT_SOURCE_DIR}/analysis" TIMEOUT 120 LABELS python)
# fundsim compare: paired differences checked against pandas/scipy (SPEC §12).
add_test(NAME python.compare
  COMMAND ${FUNDSIM_PYTHON} -m unittest discover -s ${PROJECT_SOURCE_DIR}/tests/python -p "test_compare.py" -v)
set_tests_properties(python.compare PROPERTIES
  ENVIRONMENT "FUNDSIM_BIN=$<TARGET_FILE:fundsim>;FUNDSIM_ROOT=${PROJECT_SOURCE_DIR}"
  TIMEOUT 300 LABELS python)

# Checked documentation: no SPEC citations, step/date names, the MPI laptop recipe.
set(FUNDSIM_DOCS_MPIEXEC "")
if(FUNDSIM_WITH_MPI AND MPIEXEC_EXECUTABLE)
  set(FUNDSIM_DOCS_MPIEXEC ${MPIEXEC_EXECUTABLE})
endif()
add_test(NAME python.docs
  COMMAND ${FUNDSIM_PYTHON} -m unittest discover -s ${PROJECT_SOURCE_DIR}/tests/python -p "test_docs.py" -v)
set_tests_properties(python.docs PROPERTIES
  ENVIRONMENT "FUNDSIM_BIN=$<TARGET_FILE:fundsim>;FUNDSIM_ROOT=${PROJECT_SOURCE_DIR};FUNDSIM_MPIEXEC=${FUNDSIM_DOCS_MPIEXEC}"
  TIMEOUT 300 LABELS python)
# The Python module (python/): DataFrames equal to the program's CSVs,
# overrides, dicts, located errors, Ctrl-C and resume, analysis on its results.
if(FUNDSIM_WITH_PYTHON)
  add_test(NAME python.module
    COMMAND ${FUNDSIM_PYTHON} -m unittest discover -s ${PROJECT_SOURCE_DIR}/tests/python -p "test_module.py" -v)
  set_tests_properties(python.module PROPERTIES
    ENVIRONMENT "MPLBACKEND=Agg;PYTHONPATH=${PROJECT_BINARY_DIR}/python:${PROJECT_SOURCE_DIR}/analysis;FUNDSIM_BIN=$<TARGET_FILE:fundsim>;FUNDSIM_ROOT=${PROJECT_SOURCE_DIR}"
    TIMEOUT 600 LABELS python)
  # The done-when check of issue 15: the installed packages (tests/install.cmake's
  # prefix), imported outside the repository, equal the program's CSVs.
  file(MAKE_DIRECTORY ${PROJECT_BINARY_DIR}/test-scratch/installed_python)
  add_test(NAME python.installed_module
    COMMAND ${FUNDSIM_PYTHON} -m unittest discover -s ${PROJECT_SOURCE_DIR}/tests/python -p "test_module.py" -v)
  set_tests_properties(python.installed_module PROPERTIES
    WORKING_DIRECTORY ${PROJECT_BINARY_DIR}/test-scratch/installed_python
    ENVIRONMENT "MPLBACKEND=Agg;FUNDSIM_INSTALLED_ONLY=1;PYTHONPATH=${FUNDSIM_TEST_PREFIX}/${FUNDSIM_PYTHON_INSTALL_DIR};FUNDSIM_BIN=${FUNDSIM_TEST_PREFIX}/bin/fundsim;FUNDSIM_ROOT=${FUNDSIM_TEST_PREFIX}/share/fundsim"
    FIXTURES_REQUIRED fundsim_installed TIMEOUT 600 LABELS "python;install")
endif()
