# cmake -DINPUT=<file> -DOUTPUT=<file.cpp> -P embed_text.cmake
# Writes a C++ source defining rma::domain::built_in_holiday_document() as the bytes of INPUT.
# A byte array, not a string literal: the document is longer than a literal ISO C++ promises to
# support (-Woverlength-strings under -Wpedantic).
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
file(WRITE "${OUTPUT}.tmp"
"// Generated from data/holidays.json by cmake/embed_text.cmake: do not edit.
#include <cstddef>
#include <string_view>

namespace rma::domain {
namespace {
const unsigned char kDocument[] = {
${bytes}0};
}  // namespace
std::string_view built_in_holiday_document() noexcept { return std::string_view(reinterpret_cast<const char*>(kDocument), ${size}); }
}  // namespace rma::domain
")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
