# Writes rma_ffi.h: rma.h as FFI loaders read it (PHP's FFI::cdef, koffi), which have no
# preprocessor: the declarations alone, one a line, without comments, macros, conditionals,
# extern "C" or the visibility attribute, and callback types as function types. The C preprocessor does the reading: -undef leaves
# __GNUC__ and __cplusplus undefined, so RMA_API and extern "C" vanish, and empty stand-ins for
# <stddef.h> and <stdint.h> keep the system's declarations out (the loaders know size_t, int32_t).
#
# cmake -DCOMPILER=cc -DINPUT=rma.h -DOUTPUT=rma_ffi.h -DWORK_DIR=dir -P ffi_header.cmake
foreach(var COMPILER INPUT OUTPUT WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "ffi_header.cmake: ${var} is not set")
  endif()
endforeach()

file(WRITE ${WORK_DIR}/stddef.h "")
file(WRITE ${WORK_DIR}/stdint.h "")
execute_process(
  COMMAND ${COMPILER} -E -P -undef -nostdinc -I${WORK_DIR} -x c ${INPUT}
  OUTPUT_VARIABLE text ERROR_VARIABLE errors RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "ffi_header.cmake: ${COMPILER} -E failed on ${INPUT}:\n${errors}")
endif()

# One declaration a line: koffi takes one prototype at a time.
string(REGEX REPLACE "[ \t\r\n]+" " " text "${text}")
string(REPLACE "; " ";\n" text "${text}")
string(STRIP "${text}" text)
# Callback types as function types, taken by pointer: "typedef int32_t (*rma_event_fn)(...)" becomes
# "typedef int32_t rma_event_fn(...)" and a parameter "rma_event_fn fn" becomes "rma_event_fn *fn".
# The same types in C; koffi takes a callback parameter only as a pointer to a prototype, and the
# typedef without its "typedef " is that prototype (koffi.proto).
string(REGEX REPLACE "typedef ([^;()]*)\\(\\*(rma_[a-z_]+_fn)\\)\\(" "typedef \\1\\2(" text "${text}")
string(REGEX REPLACE "(rma_[a-z_]+_fn) ([a-z_]+[,)])" "\\1 *\\2" text "${text}")

foreach(forbidden "#" "__attribute__" "extern" "RMA_API" "/*" "//" "__declspec" "(*")
  string(FIND "${text}" "${forbidden}" at)
  if(NOT at EQUAL -1)
    message(FATAL_ERROR "ffi_header.cmake: '${forbidden}' left in the FFI header of ${INPUT}")
  endif()
endforeach()
if(NOT text MATCHES "rma_engine_open")
  message(FATAL_ERROR "ffi_header.cmake: no declarations read from ${INPUT}")
endif()

file(WRITE ${OUTPUT} "${text}\n")
