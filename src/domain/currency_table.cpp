// The ISO 4217 codes librma knows, with their minor digits.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/quoted.hpp"
#include "rma/error.hpp"
#include "rma/money.hpp"

namespace rma {
namespace {

struct CurrencyDigits {
  std::string_view code;
  int digits;
};

// Minor digits per ISO 4217. A code missing here is refused rather than guessed at two digits:
// a wrong exponent would misstate an amount a hundredfold.
constexpr std::array<CurrencyDigits, 24> kCurrencies{{
    {"AUD", 2}, {"BGN", 2}, {"BHD", 3}, {"CAD", 2}, {"CHF", 2}, {"CNY", 2},
    {"CZK", 2}, {"DKK", 2}, {"EUR", 2}, {"GBP", 2}, {"HUF", 2}, {"ISK", 0},
    {"JOD", 3}, {"JPY", 0}, {"KRW", 0}, {"KWD", 3}, {"NOK", 2}, {"OMR", 3},
    {"PLN", 2}, {"RON", 2}, {"SEK", 2}, {"TND", 3}, {"USD", 2}, {"ZAR", 2},
}};

// A code's three letters in one int: a look-up compares one int per known code.
constexpr std::uint32_t packed(std::string_view code) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(code[0])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(code[1])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(code[2])) << 16;
}

constexpr std::array<std::uint32_t, kCurrencies.size()> kPackedCodes = [] {
  std::array<std::uint32_t, kCurrencies.size()> codes{};
  for (std::size_t i = 0; i < kCurrencies.size(); ++i) codes[i] = packed(kCurrencies[i].code);
  return codes;
}();

}  // namespace

std::optional<int> currency_minor_digits(std::string_view code) {
  // Every code is three letters, compared as one int: a look-up is a few instructions
  // (format_money and the Python module run it for every amount they write).
  if (code.size() != 3) return std::nullopt;
  const std::uint32_t key = packed(code);
  for (std::size_t i = 0; i < kPackedCodes.size(); ++i) {
    if (kPackedCodes[i] == key) return kCurrencies[i].digits;
  }
  return std::nullopt;
}

int require_currency(std::string_view code, const std::string& field) {
  if (std::optional<int> digits = currency_minor_digits(code)) return *digits;
  throw Error(Status::unknown_value, field,
              "unknown currency " + detail::quoted(code) + " (an upper-case ISO 4217 code)");
}

Money make_money(std::int64_t minor, std::string_view currency, const std::string& field) {
  require_currency(currency, field);
  return Money{minor, std::string(currency)};
}

}  // namespace rma
