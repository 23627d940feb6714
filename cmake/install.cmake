# Install rules and the two packages a host finds librma with once it is installed:
#   CMake:      find_package(rma) -> rma::core (static C++ library), rma::c (librma.so, the C ABI);
#               find_package(rma COMPONENTS c) -> rma::c alone, which needs no other package
#   pkg-config: rma.pc            -> the C library (`pkg-config --cflags --libs rma`)
# Install components (`cmake --install BUILD --component NAME`; without one, all are installed):
#   c       librma.so, rma/rma.h, rma/rma_ffi.h, rma.pc and the CMake package files: all a C host needs
#   core    librma_core.a and the C++ headers (with c, for C++ hosts)
#   debug   librma.so's split debug information, under lib/debug/.build-id/ (Release builds)
#   python  the rma package (bindings/python)
#   rmactl  the operator's command-line tool and its man page (tools/rmactl, docs/rmactl.1)
# Included by the top CMakeLists.txt when RMA_INSTALL is on.
include(CMakePackageConfigHelpers)

set(RMA_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/rma
    CACHE STRING "Where rmaConfig.cmake is installed, relative to the prefix")
set(RMA_INSTALL_PKGCONFIGDIR ${CMAKE_INSTALL_LIBDIR}/pkgconfig
    CACHE STRING "Where rma.pc is installed, relative to the prefix")
# gdb and debuginfod look for <debug-file-directory>/.build-id/xx/yyyy.debug, and gdb's default
# debug-file-directory is <its prefix>/lib/debug: with prefix /usr gdb finds the file unaided.
set(RMA_INSTALL_DEBUGDIR lib/debug
    CACHE STRING "Where librma.so's debug information is installed, relative to the prefix")

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/rma
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        COMPONENT core
        FILES_MATCHING PATTERN "*.hpp")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/capi/include/rma
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        COMPONENT c
        FILES_MATCHING PATTERN "*.h")
install(FILES ${RMA_FFI_HEADER}
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/rma
        COMPONENT c)

# Two export sets, so that the C component's file names no C++ package: librma.so holds the core
# (linked PRIVATE, static), and only a static rma::core passes its dependencies on to its users.
install(TARGETS rma_c
        EXPORT rmaCTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT c NAMELINK_COMPONENT c
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT c)
install(EXPORT rmaCTargets
        NAMESPACE rma::
        FILE rma-c-targets.cmake
        DESTINATION ${RMA_INSTALL_CMAKEDIR}
        COMPONENT c)
# rma_core's private dependencies (Boost, SQLiteCpp, SQLite3, nlohmann_json) show up in its export
# as link-only items because it is static;
# rma_warnings does not, as src/CMakeLists.txt keeps it build-only.
install(TARGETS rma_core
        EXPORT rmaCoreTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT core)
install(EXPORT rmaCoreTargets
        NAMESPACE rma::
        FILE rma-core-targets.cmake
        DESTINATION ${RMA_INSTALL_CMAKEDIR}
        COMPONENT core)

if(RMA_SPLIT_DEBUG_INFO)
  install(DIRECTORY ${PROJECT_BINARY_DIR}/capi/debug/
          DESTINATION ${RMA_INSTALL_DEBUGDIR}
          COMPONENT debug)
endif()

configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/rmaConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/rmaConfig.cmake
                              INSTALL_DESTINATION ${RMA_INSTALL_CMAKEDIR})
# 0.x releases promise nothing across minor versions yet; SameMajorVersion is the rule from 1.0 on.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/rmaConfigVersion.cmake
                                 COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/rmaConfig.cmake ${PROJECT_BINARY_DIR}/rmaConfigVersion.cmake
        DESTINATION ${RMA_INSTALL_CMAKEDIR}
        COMPONENT c)

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
install(FILES ${PROJECT_BINARY_DIR}/rma.pc DESTINATION ${RMA_INSTALL_PKGCONFIGDIR} COMPONENT c)
