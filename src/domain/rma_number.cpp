// RMA numbers: "RMA-2026-000042-K".
//
// The check character is ISO/IEC 7064 MOD 37-2 (a pure system): with the body's characters valued
// 0-9 → 0..9 and A-Z → 10..35, and weights 2, 4, 8, ... (mod 37) from the right, the check value c
// makes (sum + c) ≡ 1 (mod 37); c = 36 is written '*'. Because 2 is a primitive root modulo 37,
// the weights of any 36 consecutive positions are distinct and nonzero, so every single wrong
// character and every swap of two different neighbours changes the sum. That holds while the
// number, check included, has at most 36 characters, which the format limits below guarantee.
#include "rma/rma_number.hpp"

#include <limits>
#include <string>

#include "rma/error.hpp"

namespace rma {

namespace {

constexpr char check_alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*";
constexpr int modulus = 37;
constexpr std::size_t max_prefix = 10;
constexpr std::int32_t min_digits = 1;
constexpr std::int32_t max_digits = 12;
constexpr std::int32_t min_year = 1900;
constexpr std::int32_t max_year = 9999;
constexpr std::size_t max_sequence_digits = 19;  // std::int64_t's maximum has 19 digits
// A person may type spaces or odd separators, but nothing legitimate is this long.
constexpr std::size_t max_typed_length = 256;

static_assert(max_prefix + 4 + max_sequence_digits + 1 <= 36,
              "the longest number must stay within the range where MOD 37-2 detects every error");

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
char to_upper(char c) { return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

// The value of an alphanumeric character, or -1 for anything else.
int char_value(char c) {
  c = to_upper(c);
  if (is_digit(c)) return c - '0';
  if (is_upper(c)) return c - 'A' + 10;
  return -1;
}

std::string pad_sequence(std::int64_t sequence, std::int32_t digits) {
  std::string text = std::to_string(sequence);
  if (text.size() < static_cast<std::size_t>(digits))
    text.insert(0, static_cast<std::size_t>(digits) - text.size(), '0');
  return text;
}

}  // namespace

void validate_number_format(const NumberFormat& format) {
  if (format.prefix.size() > max_prefix)
    throw Error(Status::too_large, "number_format.prefix",
                "\"" + format.prefix.substr(0, 32) + (format.prefix.size() > 32 ? "..." : "") + "\" has " +
                    std::to_string(format.prefix.size()) + " characters; at most 10 are allowed");
  for (char c : format.prefix)
    if (!is_digit(c) && !is_upper(c))
      throw Error(Status::invalid_argument, "number_format.prefix",
                  "\"" + format.prefix + "\" may contain only upper-case letters A-Z and digits 0-9");
  if (format.digits < min_digits || format.digits > max_digits)
    throw Error(Status::out_of_range, "number_format.digits",
                std::to_string(format.digits) + " is outside 1..12");
  const std::string& sep = format.separator;
  if (!(sep.empty() || sep == "-" || sep == "/" || sep == "."))
    throw Error(Status::invalid_argument, "number_format.separator",
                "\"" + sep.substr(0, 32) + "\" is not one of \"\", \"-\", \"/\", \".\"");
}

char rma_check_character(std::string_view body) {
  // Horner's rule from the left doubles every earlier term once per later character, which gives
  // the rightmost character weight 2 after the final doubling.
  int sum = 0;
  for (char c : body) {
    const int value = char_value(c);
    if (value >= 0) sum = (sum + value) * 2 % modulus;
  }
  return check_alphabet[(modulus + 1 - sum) % modulus];
}

std::string format_rma_number(const NumberFormat& format, std::int32_t year, std::int64_t sequence) {
  validate_number_format(format);
  if (sequence < 1) throw Error(Status::out_of_range, "sequence", std::to_string(sequence) + " is below 1");
  if (format.with_year && (year < min_year || year > max_year))
    throw Error(Status::out_of_range, "year", std::to_string(year) + " is outside 1900..9999");

  std::string body = format.prefix;
  const auto add_part = [&](const std::string& part) {
    if (!body.empty()) body += format.separator;
    body += part;
  };
  if (format.with_year) add_part(std::to_string(year));
  add_part(pad_sequence(sequence, format.digits));
  body += format.separator;
  body += rma_check_character(body);
  return body;
}

std::optional<ParsedNumber> parse_rma_number(const NumberFormat& format, std::string_view typed) {
  validate_number_format(format);
  if (typed.size() > max_typed_length) return std::nullopt;

  // Keep what carries meaning; spaces and whatever separator the person used fall away.
  std::string compact;
  for (char c : typed)
    if (char_value(c) >= 0 || c == '*') compact += to_upper(c);

  const std::size_t year_length = format.with_year ? 4 : 0;
  const auto digits = static_cast<std::size_t>(format.digits);
  if (compact.size() < format.prefix.size() + year_length + digits + 1) return std::nullopt;
  if (compact.compare(0, format.prefix.size(), format.prefix) != 0) return std::nullopt;

  std::size_t pos = format.prefix.size();
  ParsedNumber parsed;
  if (format.with_year) {
    for (std::size_t i = 0; i < year_length; ++i) {
      const char c = compact[pos + i];
      if (!is_digit(c)) return std::nullopt;
      parsed.year = parsed.year * 10 + (c - '0');
    }
    if (parsed.year < min_year) return std::nullopt;
    pos += year_length;
  }

  const std::size_t sequence_length = compact.size() - 1 - pos;
  if (sequence_length > max_sequence_digits) return std::nullopt;
  // Padding must match the format: exactly `digits` digits, or more only without leading zeros.
  if (sequence_length > digits && compact[pos] == '0') return std::nullopt;
  std::uint64_t sequence = 0;
  for (std::size_t i = 0; i < sequence_length; ++i) {
    const char c = compact[pos + i];
    if (!is_digit(c)) return std::nullopt;
    sequence = sequence * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (sequence < 1 || sequence > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
  parsed.sequence = static_cast<std::int64_t>(sequence);

  const std::string_view body = std::string_view(compact).substr(0, compact.size() - 1);
  if (compact.back() != rma_check_character(body)) return std::nullopt;

  parsed.canonical = format_rma_number(format, parsed.year, parsed.sequence);
  return parsed;
}

}  // namespace rma
