# cmake -DINPUTS=<a.json|b.json|...> -DOUTPUT=<file.cpp> -P embed_catalogs.cmake
# Writes a C++ source defining rma::domain::built_in_catalog_documents(): the bytes of every
# message catalog of data/catalogs/, in the order given. Byte arrays, as in embed_text.cmake: a
# catalog may be longer than a string literal ISO C++ promises to support. The list is separated
# by '|' because ';' would split the argument on the command line.
string(REPLACE "|" ";" inputs "${INPUTS}")
set(arrays "")
set(views "")
set(index 0)
foreach(input IN LISTS inputs)
  file(READ "${input}" hex HEX)
  string(LENGTH "${hex}" hex_length)
  math(EXPR size "${hex_length} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
  get_filename_component(name "${input}" NAME)
  string(APPEND arrays "// ${name}\nconst unsigned char kCatalog${index}[] = {\n${bytes}0};\n")
  string(APPEND views "      std::string_view(reinterpret_cast<const char*>(kCatalog${index}), ${size}),\n")
  math(EXPR index "${index} + 1")
endforeach()
file(WRITE "${OUTPUT}.tmp"
"// Generated from data/catalogs/*.json by cmake/embed_catalogs.cmake: do not edit.
#include <string_view>
#include <vector>

namespace rma::domain {
namespace {
${arrays}}  // namespace
const std::vector<std::string_view>& built_in_catalog_documents() {
  static const std::vector<std::string_view> documents = {
${views}  };
  return documents;
}
}  // namespace rma::domain
")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
