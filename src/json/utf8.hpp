// json/utf8.hpp — UTF-8 validation for every string that enters librma (notes, names, JSON text).
// Below the domain because parsing JSON text needs it first.
#pragma once

#include <cstddef>
#include <string_view>

namespace rma::detail {

// Strict UTF-8 (RFC 3629): overlong forms, UTF-16 surrogates (U+D800..U+DFFF), code points above
// U+10FFFF and truncated sequences are all invalid.
bool is_valid_utf8(std::string_view text) noexcept;

// The byte offset where the first invalid sequence starts, or std::string_view::npos if the
// whole text is valid.
std::size_t first_invalid_utf8(std::string_view text) noexcept;

}  // namespace rma::detail
