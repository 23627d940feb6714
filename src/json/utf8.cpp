#include "json/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace rma::detail {

namespace {

// The length of the valid sequence starting at `i`, or 0 if it is invalid. The ranges for the
// second byte follow RFC 3629's table: they exclude overlongs (E0 80..9F, F0 80..8F), surrogates
// (ED A0..BF) and code points past U+10FFFF (F4 90..BF).
std::size_t sequence_length(const unsigned char* s, std::size_t i, std::size_t size) {
  const unsigned char lead = s[i];
  std::size_t length = 0;
  unsigned char second_lo = 0x80, second_hi = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) second_lo = 0xA0;
    if (lead == 0xED) second_hi = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) second_lo = 0x90;
    if (lead == 0xF4) second_hi = 0x8F;
  } else {
    return 0;  // a stray continuation byte, C0/C1 (always overlong) or F5..FF
  }
  if (size - i < length) return 0;
  if (s[i + 1] < second_lo || s[i + 1] > second_hi) return 0;
  for (std::size_t k = 2; k < length; ++k)
    if (s[i + k] < 0x80 || s[i + k] > 0xBF) return 0;
  return length;
}

constexpr std::uint64_t high_bits = 0x8080808080808080ULL;

}  // namespace

std::size_t first_invalid_utf8(std::string_view text) noexcept {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    // Most text is ASCII: skip eight bytes at a time while none has its high bit set.
    if (s[i] < 0x80) {
      while (size - i >= 8) {
        std::uint64_t word;
        std::memcpy(&word, s + i, sizeof word);
        if (word & high_bits) break;
        i += 8;
      }
      while (i < size && s[i] < 0x80) ++i;
      continue;
    }
    const std::size_t length = sequence_length(s, i, size);
    if (length == 0) return i;
    i += length;
  }
  return std::string_view::npos;
}

bool is_valid_utf8(std::string_view text) noexcept { return first_invalid_utf8(text) == std::string_view::npos; }

}  // namespace rma::detail
