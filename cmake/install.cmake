# Install rules and the two packages a host finds librma with once it is installed:
#   CMake:      find_package(rma) -> rma::core (static C++ library), rma::c (librma.so, the C ABI)
#   pkg-config: rma.pc            -> the C library (`pkg-config --cflags --libs rma`)
# Included by the top CMakeLists.txt when RMA_INSTALL is on.
include(CMakePackageConfigHelpers)

set(RMA_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/rma
    CACHE STRING "Where rmaConfig.cmake is installed, relative to the prefix")
set(RMA_INSTALL_PKGCONFIGDIR ${CMAKE_INSTALL_LIBDIR}/pkgconfig
    CACHE STRING "Where rma.pc is installed, relative to the prefix")

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/rma
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.hpp")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/capi/include/rma
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.h")

# rma_core's private dependencies (Boost, fmt, nlohmann_json) show up in the export as link-only
# items because it is static; rma_warnings does not, as src/CMakeLists.txt keeps it build-only.
install(TARGETS rma_core rma_c
        EXPORT rmaTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(EXPORT rmaTargets
        NAMESPACE rma::
        FILE rmaTargets.cmake
        DESTINATION ${RMA_INSTALL_CMAKEDIR})

configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/rmaConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/rmaConfig.cmake
                              INSTALL_DESTINATION ${RMA_INSTALL_CMAKEDIR})
# 0.x releases promise nothing across minor versions yet; SameMajorVersion is the rule from 1.0 on.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/rmaConfigVersion.cmake
                                 COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/rmaConfig.cmake ${PROJECT_BINARY_DIR}/rmaConfigVersion.cmake
        DESTINATION ${RMA_INSTALL_CMAKEDIR})

# rma.pc finds its prefix from its own location (${pcfiledir}), so `cmake --install --prefix DIR`
# into any directory gives a working file, as the installed-package test does.
if(IS_ABSOLUTE "${RMA_INSTALL_PKGCONFIGDIR}")
  set(RMA_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH _rma_pc_up "/${RMA_INSTALL_PKGCONFIGDIR}" "/")
  string(REGEX REPLACE "/$" "" _rma_pc_up "${_rma_pc_up}")
  set(RMA_PC_PREFIX "\${pcfiledir}/${_rma_pc_up}")
endif()
foreach(_rma_dir LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${_rma_dir}}")
    set(RMA_PC_${_rma_dir} "${CMAKE_INSTALL_${_rma_dir}}")
  else()
    set(RMA_PC_${_rma_dir} "\${prefix}/${CMAKE_INSTALL_${_rma_dir}}")
  endif()
endforeach()
configure_file(${CMAKE_CURRENT_LIST_DIR}/rma.pc.in ${PROJECT_BINARY_DIR}/rma.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/rma.pc DESTINATION ${RMA_INSTALL_PKGCONFIGDIR})
