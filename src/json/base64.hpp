// json/base64.hpp — binary content inside a JSON answer: base64 with padding (RFC 4648 §4), what
// every JSON library and browser decodes (the store's cursors and sealed values use base64url).
#pragma once

#include <string>
#include <string_view>

namespace rma::codec {

std::string to_base64(std::string_view bytes);

}  // namespace rma::codec
