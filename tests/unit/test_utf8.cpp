#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "json/utf8.hpp"

using rma::detail::first_invalid_utf8;
using rma::detail::is_valid_utf8;

namespace {

constexpr auto npos = std::string_view::npos;

std::string encode(std::uint32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

std::string bytes(std::initializer_list<int> list) {
  std::string out;
  for (int b : list) out += static_cast<char>(b);
  return out;
}

// A second, deliberately different validator: decode each sequence to a code point by the
// pattern of its lead byte, then reject overlongs, surrogates and values past U+10FFFF.
bool reference_valid(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length;
    std::uint32_t cp;
    if (lead < 0x80) {
      length = 1;
      cp = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      length = 2;
      cp = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3;
      cp = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4;
      cp = lead & 0x07;
    } else {
      return false;
    }
    if (text.size() - i < length) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto b = static_cast<unsigned char>(text[i + k]);
      if ((b & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (b & 0x3F);
    }
    const std::uint32_t min_for_length[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min_for_length[length]) return false;
    if (cp >= 0xD800 && cp <= 0xDFFF) return false;
    if (cp > 0x10FFFF) return false;
    i += length;
  }
  return true;
}

}  // namespace

TEST_CASE("utf8: empty and ASCII text is valid") {
  CHECK(is_valid_utf8(""));
  CHECK(first_invalid_utf8("") == npos);
  std::string all_ascii;
  for (int c = 0; c < 0x80; ++c) all_ascii += static_cast<char>(c);
  CHECK(is_valid_utf8(all_ascii));
}

TEST_CASE("utf8: every scalar value is valid, every surrogate is not") {
  for (std::uint32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    const std::string text = encode(cp);
    const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
    if (is_valid_utf8(text) == surrogate) {
      CAPTURE(cp);
      FAIL_CHECK("wrong verdict");
    }
  }
  CHECK_FALSE(is_valid_utf8(bytes({0xED, 0xA0, 0x80})));  // U+D800
  CHECK_FALSE(is_valid_utf8(bytes({0xED, 0xBF, 0xBF})));  // U+DFFF
  CHECK(is_valid_utf8(bytes({0xED, 0x9F, 0xBF})));        // U+D7FF
  CHECK(is_valid_utf8(bytes({0xEE, 0x80, 0x80})));        // U+E000
}

TEST_CASE("utf8: boundary code points") {
  CHECK(is_valid_utf8(bytes({0x7F})));
  CHECK(is_valid_utf8(bytes({0xC2, 0x80})));              // U+0080
  CHECK(is_valid_utf8(bytes({0xDF, 0xBF})));              // U+07FF
  CHECK(is_valid_utf8(bytes({0xE0, 0xA0, 0x80})));        // U+0800
  CHECK(is_valid_utf8(bytes({0xEF, 0xBF, 0xBF})));        // U+FFFF
  CHECK(is_valid_utf8(bytes({0xF0, 0x90, 0x80, 0x80})));  // U+10000
  CHECK(is_valid_utf8(bytes({0xF4, 0x8F, 0xBF, 0xBF})));  // U+10FFFF
  CHECK_FALSE(is_valid_utf8(bytes({0xF4, 0x90, 0x80, 0x80})));  // U+110000
  CHECK_FALSE(is_valid_utf8(bytes({0xF7, 0xBF, 0xBF, 0xBF})));  // U+1FFFFF
}

TEST_CASE("utf8: overlong forms are invalid") {
  CHECK_FALSE(is_valid_utf8(bytes({0xC0, 0x80})));              // U+0000 in two bytes
  CHECK_FALSE(is_valid_utf8(bytes({0xC1, 0xBF})));              // U+007F in two bytes
  CHECK_FALSE(is_valid_utf8(bytes({0xE0, 0x80, 0x80})));        // U+0000 in three bytes
  CHECK_FALSE(is_valid_utf8(bytes({0xE0, 0x9F, 0xBF})));        // U+07FF in three bytes
  CHECK_FALSE(is_valid_utf8(bytes({0xF0, 0x80, 0x80, 0x80})));  // U+0000 in four bytes
  CHECK_FALSE(is_valid_utf8(bytes({0xF0, 0x8F, 0xBF, 0xBF})));  // U+FFFF in four bytes
  CHECK_FALSE(is_valid_utf8(bytes({0xF8, 0x88, 0x80, 0x80, 0x80})));  // five-byte form
}

TEST_CASE("utf8: stray, truncated and impossible bytes are invalid") {
  CHECK_FALSE(is_valid_utf8(bytes({0x80})));
  CHECK_FALSE(is_valid_utf8(bytes({0xBF})));
  CHECK_FALSE(is_valid_utf8(bytes({0xC3})));
  CHECK_FALSE(is_valid_utf8(bytes({0xE2, 0x82})));
  CHECK_FALSE(is_valid_utf8(bytes({0xF0, 0x9F, 0x98})));
  CHECK_FALSE(is_valid_utf8(bytes({0xE2, 0x82, 'A'})));
  CHECK_FALSE(is_valid_utf8(bytes({0xC3, 0xC3, 0xA9})));
  for (int b = 0xF5; b <= 0xFF; ++b) CHECK_FALSE(is_valid_utf8(bytes({b, 0x80, 0x80, 0x80})));
  CHECK(is_valid_utf8(bytes({0xE2, 0x82, 0xAC})));  // the euro sign, complete
}

TEST_CASE("utf8: all one- and two-byte strings agree with a reference validator") {
  for (int a = 0; a < 256; ++a) {
    REQUIRE(is_valid_utf8(bytes({a})) == reference_valid(bytes({a})));
    for (int b = 0; b < 256; ++b) {
      const std::string text = bytes({a, b});
      if (is_valid_utf8(text) != reference_valid(text)) {
        CAPTURE(a);
        CAPTURE(b);
        FAIL_CHECK("disagreement");
      }
    }
  }
}

TEST_CASE("utf8: three- and four-byte strings around every range edge agree with a reference") {
  const int edges[] = {0x00, 0x41, 0x7F, 0x80, 0x81, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xE0, 0xF0, 0xFF};
  for (int a = 0xC0; a < 256; ++a)
    for (int b : edges)
      for (int c : edges)
        for (int d : edges) {
          const std::string three = bytes({a, b, c});
          const std::string four = bytes({a, b, c, d});
          if (is_valid_utf8(three) != reference_valid(three) || is_valid_utf8(four) != reference_valid(four)) {
            CAPTURE(a);
            CAPTURE(b);
            CAPTURE(c);
            CAPTURE(d);
            FAIL_CHECK("disagreement");
          }
        }
}

TEST_CASE("utf8: first_invalid_utf8 points at the start of the bad sequence") {
  CHECK(first_invalid_utf8("abc\xff") == 3);
  CHECK(first_invalid_utf8("\xff") == 0);
  CHECK(first_invalid_utf8("caf\xc3\xa9 \xc3") == 6);         // truncated at the end
  CHECK(first_invalid_utf8("\xe2\x82\xac\xed\xa0\x80") == 3);  // surrogate after a euro sign
  CHECK(first_invalid_utf8("caf\xc3\xa9") == npos);
  // Long ASCII runs take the eight-bytes-at-a-time path: a bad byte at every offset is still found.
  for (std::size_t at = 0; at < 40; ++at) {
    std::string text(40, 'x');
    text[at] = static_cast<char>(0x80);
    CAPTURE(at);
    CHECK(first_invalid_utf8(text) == at);
    text[at] = 'y';
    CHECK(first_invalid_utf8(text) == npos);
  }
  // A valid multi-byte character straddling an eight-byte boundary.
  for (std::size_t at = 0; at < 16; ++at) {
    std::string text = std::string(at, 'a') + "\xf0\x9f\x98\x80" + std::string(16, 'b');
    CAPTURE(at);
    CHECK(is_valid_utf8(text));
  }
}

TEST_CASE("utf8: embedded NUL bytes are valid UTF-8") {
  CHECK(is_valid_utf8(std::string_view("a\0b", 3)));
}
