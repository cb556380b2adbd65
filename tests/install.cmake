# `cmake --install` into a prefix inside the build tree, then a separate
# project (tests/consumer) finds the package with find_package(fundsim),
# builds against it and runs. Included from tests/CMakeLists.txt.
set(FUNDSIM_TEST_PREFIX ${PROJECT_BINARY_DIR}/test-install)
set(FUNDSIM_CONSUMER_BUILD ${PROJECT_BINARY_DIR}/test-consumer)
add_test(NAME install.prefix
  COMMAND ${CMAKE_COMMAND} --install ${PROJECT_BINARY_DIR} --prefix ${FUNDSIM_TEST_PREFIX})
set_tests_properties(install.prefix PROPERTIES FIXTURES_SETUP fundsim_installed TIMEOUT 300 LABELS install
  RESOURCE_LOCK fundsim_install)
add_test(NAME install.consumer_configure
  COMMAND ${CMAKE_COMMAND} -S ${CMAKE_CURRENT_SOURCE_DIR}/consumer -B ${FUNDSIM_CONSUMER_BUILD}
          -DCMAKE_PREFIX_PATH=${FUNDSIM_TEST_PREFIX} -DCMAKE_BUILD_TYPE=Release
          -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER})
set_tests_properties(install.consumer_configure PROPERTIES FIXTURES_REQUIRED fundsim_installed
  FIXTURES_SETUP fundsim_consumer_configured TIMEOUT 300 LABELS install RESOURCE_LOCK fundsim_install)
add_test(NAME install.consumer_build
  COMMAND ${CMAKE_COMMAND} --build ${FUNDSIM_CONSUMER_BUILD})
set_tests_properties(install.consumer_build PROPERTIES FIXTURES_REQUIRED fundsim_consumer_configured
  FIXTURES_SETUP fundsim_consumer_built TIMEOUT 600 LABELS install RESOURCE_LOCK fundsim_install)
add_test(NAME install.consumer_runs
  COMMAND ${FUNDSIM_CONSUMER_BUILD}/consumer ${FUNDSIM_TEST_PREFIX}/${CMAKE_INSTALL_DATADIR}/fundsim/configs/us_japan_fund.yaml
          ${FUNDSIM_CONSUMER_BUILD}/results)
set_tests_properties(install.consumer_runs PROPERTIES FIXTURES_REQUIRED "fundsim_installed;fundsim_consumer_built"
  PASS_REGULAR_EXPRESSION "consumer: 20 worlds, mean final members [0-9.]+, results in " TIMEOUT 120 LABELS install)
