// domain/money_text.hpp — labels of words, counts, amounts and percentages, built in place.
//
// A valuation writes a label for every entry of its breakdown; building each piece as its own
// string (std::to_string, format_money, then concatenating) cost more than the arithmetic. These
// write the same text as std::to_string and format_money straight into the label.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "rma/money.hpp"

namespace rma::domain {

// std::to_string(value)'s text.
void append_int(std::string& out, std::int64_t value);

// format_money(amount)'s text ("12.34 EUR"); Status::unknown_value for an unknown currency.
void append_money(std::string& out, const Money& amount);

// Room for any amount's text: an int64 with its sign and a '.', a space, a three-letter code.
struct MoneyTextBuffer {
  char text[32];
};
// format_money(amount)'s text written into `buffer`, for a caller that copies it once more anyway
// (the Python module into a str); the view lives as long as the buffer. Refuses as append_money.
std::string_view money_text(MoneyTextBuffer& buffer, const Money& amount);

// "15.00 %" for 1500 basis points, "-0.50 %" for -50.
void append_percent(std::string& out, std::int64_t basis_points);

// A short text assembled on the stack and copied into a string once (one allocation, no
// regrowth). Longer texts than the buffer holds move to a string and go on there.
class ShortText {
 public:
  // Inline, so the words of a label are copied with their length known at compile time.
  ShortText& operator<<(std::string_view text) {
    if (spilled_ || size_ + text.size() > kCapacity) return spill(text);
    if (!text.empty()) std::memcpy(buffer_ + size_, text.data(), text.size());
    size_ += text.size();
    return *this;
  }
  ShortText& operator<<(char c) { return *this << std::string_view(&c, 1); }
  ShortText& number(std::int64_t value);         // as append_int
  ShortText& money(const Money& amount);         // as append_money
  ShortText& percent(std::int64_t basis_points);  // as append_percent
  std::string str() const { return spilled_ ? spill_ : std::string(buffer_, size_); }
  std::string_view view() const { return spilled_ ? std::string_view(spill_) : std::string_view(buffer_, size_); }

 private:
  ShortText& spill(std::string_view text);

  static constexpr std::size_t kCapacity = 120;
  char buffer_[kCapacity];
  std::size_t size_ = 0;
  bool spilled_ = false;
  std::string spill_;
};

}  // namespace rma::domain
