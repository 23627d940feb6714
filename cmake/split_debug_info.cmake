# Splits the debug information out of a freshly linked shared library (cmake -P, run after the
# link by capi/CMakeLists.txt):
#   LIBRARY.debug                      the debug information (objcopy --only-keep-debug), next to
#                                      the library, where gdb looks first through the debuglink;
#   LIBRARY                            stripped (--strip-debug --strip-unneeded) and given a
#                                      .gnu_debuglink to LIBRARY.debug;
#   BUILD_ID_DIR/.build-id/xx/yyyy.debug  the same file under the library's build ID, the layout
#                                      gdb and debuginfod look up under <prefix>/lib/debug.
# Variables: OBJCOPY, READELF, LIBRARY, BUILD_ID_DIR.
foreach(var OBJCOPY READELF LIBRARY BUILD_ID_DIR)
  if(NOT ${var})
    message(FATAL_ERROR "split_debug_info.cmake: ${var} is not set")
  endif()
endforeach()

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "split_debug_info.cmake: ${ARGN} failed (${status}): ${out}")
  endif()
endfunction()

run(${OBJCOPY} --only-keep-debug ${LIBRARY} ${LIBRARY}.debug)
run(${OBJCOPY} --strip-debug --strip-unneeded --add-gnu-debuglink=${LIBRARY}.debug ${LIBRARY})

execute_process(COMMAND ${READELF} -n ${LIBRARY} OUTPUT_VARIABLE notes RESULT_VARIABLE status)
if(NOT status EQUAL 0 OR NOT notes MATCHES "Build ID: ([0-9a-f][0-9a-f])([0-9a-f]+)")
  message(FATAL_ERROR "split_debug_info.cmake: ${LIBRARY} has no build ID (link with -Wl,--build-id)")
endif()
# Only the current build's file: an earlier link's ID must not be installed with this library.
file(REMOVE_RECURSE ${BUILD_ID_DIR})
file(MAKE_DIRECTORY ${BUILD_ID_DIR}/.build-id/${CMAKE_MATCH_1})
set(target ${BUILD_ID_DIR}/.build-id/${CMAKE_MATCH_1}/${CMAKE_MATCH_2}.debug)
run(${CMAKE_COMMAND} -E copy ${LIBRARY}.debug ${target})
