# `cmake --install build --prefix P` (SPEC §13) installs:
#   P/bin/fundsim                         the program
#   P/lib/libfundsim_core.a               the engine library
#   P/include/fundsim/<layer>/*.hpp       its public headers (#include "engine/run_experiment.hpp")
#   P/lib/cmake/fundsim/                  the package: find_package(fundsim) gives fundsim::core
#   P/share/fundsim/configs/              the example experiments and their data
# and, with FUNDSIM_WITH_PYTHON, the Python packages (python/CMakeLists.txt).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(FUNDSIM_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/fundsim)
set(FUNDSIM_INSTALL_INCLUDEDIR ${CMAKE_INSTALL_INCLUDEDIR}/fundsim)

install(TARGETS fundsim RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS fundsim_core EXPORT fundsimTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${FUNDSIM_INSTALL_INCLUDEDIR})
# Every layer below cli/ is public: the headers keep their layer folder.
foreach(layer IN ITEMS core world agents experiment engine output calibration)
  if(EXISTS ${PROJECT_SOURCE_DIR}/${layer})
    install(DIRECTORY ${layer}/ DESTINATION ${FUNDSIM_INSTALL_INCLUDEDIR}/${layer}
      FILES_MATCHING PATTERN "*.hpp")
  endif()
endforeach()
install(DIRECTORY configs/ DESTINATION ${CMAKE_INSTALL_DATADIR}/fundsim/configs)

install(EXPORT fundsimTargets NAMESPACE fundsim:: DESTINATION ${FUNDSIM_INSTALL_CMAKEDIR})
configure_package_config_file(cmake/fundsimConfig.cmake.in ${PROJECT_BINARY_DIR}/fundsimConfig.cmake
  INSTALL_DESTINATION ${FUNDSIM_INSTALL_CMAKEDIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/fundsimConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/fundsimConfig.cmake ${PROJECT_BINARY_DIR}/fundsimConfigVersion.cmake
  DESTINATION ${FUNDSIM_INSTALL_CMAKEDIR})
