// Digits are written backwards into a small buffer, then appended once.
#include "domain/money_text.hpp"

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace rma::domain {

namespace {

// Long enough for any int64 with its sign, a '.', a space and a three-letter code.
constexpr std::size_t kNumberText = 32;

// Writes the decimal digits of `magnitude` ending at `end`, at least `min_digits + 1` of them
// with a '.' before the last `min_digits` when min_digits > 0; returns the first character.
char* write_digits(char* end, std::uint64_t magnitude, int min_digits) {
  char* p = end;
  int written = 0;
  do {
    *--p = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
    ++written;
    if (written == min_digits) *--p = '.';
  } while (magnitude != 0 || written <= min_digits);
  return p;
}

// Computed unsigned so INT64_MIN prints too.
std::uint64_t magnitude_of(std::int64_t value) {
  return value < 0 ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
}

// Each writes its text ending at `end` and returns where it starts.
char* int_text(char* end, std::int64_t value) {
  char* p = write_digits(end, magnitude_of(value), 0);
  if (value < 0) *--p = '-';
  return p;
}

// The number only ("12.34"); the caller adds " EUR".
char* money_number_text(char* end, const Money& amount) {
  const std::optional<int> known = currency_minor_digits(amount.currency);
  const int digits = known ? *known : require_currency(amount.currency, "currency");
  char* p = write_digits(end, magnitude_of(amount.minor), digits);
  if (amount.minor < 0) *--p = '-';
  return p;
}

char* percent_text(char* end, std::int64_t basis_points) {
  char* p = end;
  *--p = '%';
  *--p = ' ';
  p = write_digits(p, magnitude_of(basis_points), 2);
  if (basis_points < 0) *--p = '-';
  return p;
}

}  // namespace

void append_int(std::string& out, std::int64_t value) {
  char buffer[kNumberText];
  char* const end = buffer + sizeof buffer;
  out.append(int_text(end, value), end);
}

std::string_view money_text(MoneyTextBuffer& buffer, const Money& amount) {
  char* const end = buffer.text + sizeof buffer.text;
  // The number ends before " EUR": a known currency (money_number_text refuses the others) has
  // three letters.
  char* const space = end - 4;
  const char* start = money_number_text(space, amount);
  *space = ' ';
  std::memcpy(space + 1, amount.currency.data(), 3);
  return std::string_view(start, static_cast<std::size_t>(end - start));
}

void append_money(std::string& out, const Money& amount) {
  MoneyTextBuffer buffer;
  out += money_text(buffer, amount);
}

void append_percent(std::string& out, std::int64_t basis_points) {
  char buffer[kNumberText];
  char* const end = buffer + sizeof buffer;
  out.append(percent_text(end, basis_points), end);
}

ShortText& ShortText::spill(std::string_view text) {
  if (!spilled_) {
    spill_.assign(buffer_, size_);
    spilled_ = true;
  }
  spill_ += text;
  return *this;
}

ShortText& ShortText::number(std::int64_t value) {
  char buffer[kNumberText];
  char* const end = buffer + sizeof buffer;
  const char* start = int_text(end, value);
  return *this << std::string_view(start, static_cast<std::size_t>(end - start));
}

ShortText& ShortText::money(const Money& amount) {
  MoneyTextBuffer buffer;
  return *this << money_text(buffer, amount);
}

ShortText& ShortText::percent(std::int64_t basis_points) {
  char buffer[kNumberText];
  char* const end = buffer + sizeof buffer;
  const char* start = percent_text(end, basis_points);
  return *this << std::string_view(start, static_cast<std::size_t>(end - start));
}

}  // namespace rma::domain
