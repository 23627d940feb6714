// rma/rma_number.hpp — RMA numbers: format, check character, parsing what a person typed.
//
// "RMA-2026-000042-K": prefix, year, per-year sequence with zero padding, and a check character.
// The check character is ISO 7064 MOD 37-2 over the number's letters and digits (separators are
// ignored): it catches every single wrong character and every swap of two neighbours. Its
// alphabet is 0-9, A-Z and '*'.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rma {

struct NumberFormat {
  std::string prefix = "RMA";  // letters and digits only, may be empty
  bool with_year = true;
  std::int32_t digits = 6;   // zero padding of the sequence, 1..12
  std::string separator = "-";  // "" or one of "-", "/", "."
};

struct ParsedNumber {
  std::string canonical;  // as format_rma_number writes it
  std::int32_t year = 0;  // 0 when the format has no year
  std::int64_t sequence = 0;
};

// Validates a format; throws Error naming the bad member.
void validate_number_format(const NumberFormat& format);

// The check character for `body` (letters and digits; other characters are skipped).
char rma_check_character(std::string_view body);

std::string format_rma_number(const NumberFormat& format, std::int32_t year, std::int64_t sequence);

// Parses a number typed by a person: case, spaces and missing or different separators are
// forgiven; prefix, year, sequence and check character must be right. Returns nullopt if not.
std::optional<ParsedNumber> parse_rma_number(const NumberFormat& format, std::string_view typed);

}  // namespace rma
