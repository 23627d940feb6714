// Money arithmetic: checked int64 sums, rates computed in 128 bits and rounded once, lossless
// allocation, and the "12.34 EUR" text form.
#include "rma/money.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <numeric>
#include <string>
#include <string_view>
#include <vector>

#include "domain/money_minor.hpp"
#include "domain/money_text.hpp"
#include "domain/quoted.hpp"
#include "rma/error.hpp"

namespace rma {
namespace {

// 128-bit intermediates: int64 amount × int64 rate cannot overflow them. __extension__ keeps
// -Wpedantic quiet about a GCC/Clang type that ISO C++ does not name.
__extension__ typedef __int128 Wide;

constexpr std::int64_t kBasisPointsPerUnit = 10000;
// Up to this denominator, twice a remainder fits std::int64_t: divide_rounded may run narrow.
constexpr std::int64_t kNarrowDenominatorMax = std::int64_t{1} << 61;

void require_same_currency(const Money& a, const Money& b, const char* verb,
                           const std::string& field) {
  if (a.currency != b.currency) {
    throw Error(Status::invalid_argument, field,
                std::string("cannot ") + verb + " " + a.currency + " and " + b.currency);
  }
}

[[noreturn]] void throw_overflow(const std::string& currency, const std::string& field,
                                 const std::string& operation) {
  throw Error(Status::out_of_range, field,
              currency + " amount overflow: " + operation + " does not fit 64-bit minor units");
}

// `operation()` describes the computation for the overflow message; it runs only on overflow, so
// a result that fits costs no text.
template <class Operation>
std::int64_t narrow(Wide value, const std::string& currency, const std::string& field,
                    const Operation& operation) {
  if (value > std::numeric_limits<std::int64_t>::max() ||
      value < std::numeric_limits<std::int64_t>::min()) {
    throw_overflow(currency, field, operation());
  }
  return static_cast<std::int64_t>(value);
}

// numerator / denominator rounded as asked; denominator > 0. Division truncates towards zero, so
// the remainder carries the numerator's sign and "away from zero" is one more step in that sign.
// In std::int64_t when the caller knows the operands fit (twice the remainder included): a
// 128-bit division is a library call several times slower.
template <class Int>
Int divide_rounded(Int numerator, Int denominator, Rounding rounding) {
  const Int quotient = numerator / denominator;
  const Int remainder = numerator % denominator;
  if (remainder == 0) return quotient;
  const Int away = numerator < 0 ? quotient - 1 : quotient + 1;
  const Int twice_remainder = remainder < 0 ? -2 * remainder : 2 * remainder;
  const bool above_half = twice_remainder > denominator;
  const bool is_half = twice_remainder == denominator;
  switch (rounding) {
    case Rounding::down:
      return quotient;
    case Rounding::up:
      return away;
    case Rounding::half_up:
      return above_half || is_half ? away : quotient;
    case Rounding::half_down:
      return above_half ? away : quotient;
    case Rounding::half_even:
      if (above_half) return away;
      if (!is_half) return quotient;
      return quotient % 2 == 0 ? quotient : away;
  }
  return quotient;
}

void require_rate(std::int64_t rate_basis_points, const std::string& field) {
  if (rate_basis_points < 0) {
    throw Error(Status::out_of_range, field,
                "VAT rate " + std::to_string(rate_basis_points) +
                    " basis points is negative");
  }
}

}  // namespace

const char* rounding_name(Rounding rounding) noexcept {
  switch (rounding) {
    case Rounding::half_even: return "half_even";
    case Rounding::half_up: return "half_up";
    case Rounding::half_down: return "half_down";
    case Rounding::down: return "down";
    case Rounding::up: return "up";
  }
  return "unknown";
}

Rounding parse_rounding(std::string_view name, const std::string& field) {
  for (Rounding rounding : {Rounding::half_even, Rounding::half_up, Rounding::half_down,
                            Rounding::down, Rounding::up}) {
    if (name == rounding_name(rounding)) return rounding;
  }
  throw Error(Status::unknown_value, field,
              "unknown rounding " + detail::quoted(name) +
                  " (half_even, half_up, half_down, down or up)");
}

Money add(const Money& a, const Money& b, const std::string& field) {
  require_same_currency(a, b, "add", field);
  std::int64_t sum = 0;
  if (__builtin_add_overflow(a.minor, b.minor, &sum)) {
    throw_overflow(a.currency, field, std::to_string(a.minor) + " + " + std::to_string(b.minor));
  }
  return Money{sum, a.currency};
}

Money subtract(const Money& a, const Money& b, const std::string& field) {
  require_same_currency(a, b, "subtract", field);
  std::int64_t difference = 0;
  if (__builtin_sub_overflow(a.minor, b.minor, &difference)) {
    throw_overflow(a.currency, field, std::to_string(a.minor) + " - " + std::to_string(b.minor));
  }
  return Money{difference, a.currency};
}

Money negate(const Money& a, const std::string& field) {
  std::int64_t negated = 0;
  if (__builtin_sub_overflow(std::int64_t{0}, a.minor, &negated)) {
    throw_overflow(a.currency, field, "-(" + std::to_string(a.minor) + ")");
  }
  return Money{negated, a.currency};
}

int compare(const Money& a, const Money& b, const std::string& field) {
  require_same_currency(a, b, "compare", field);
  return a.minor < b.minor ? -1 : (a.minor > b.minor ? 1 : 0);
}

Money multiply(const Money& amount, std::int64_t numerator, std::int64_t denominator,
               Rounding rounding, const std::string& field) {
  if (denominator <= 0) {
    throw Error(Status::out_of_range, field,
                "rate denominator " + std::to_string(denominator) + " is not positive");
  }
  std::int64_t narrow_product = 0;
  if (denominator <= kNarrowDenominatorMax && !__builtin_mul_overflow(amount.minor, numerator, &narrow_product)) {
    return Money{divide_rounded(narrow_product, denominator, rounding), amount.currency};
  }
  const Wide product = static_cast<Wide>(amount.minor) * numerator;
  const Wide result = divide_rounded<Wide>(product, denominator, rounding);
  return Money{narrow(result, amount.currency, field,
                      [&] {
                        return std::to_string(amount.minor) + " * " + std::to_string(numerator) +
                               " / " + std::to_string(denominator);
                      }),
               amount.currency};
}

Money percent_of(const Money& amount, std::int64_t basis_points, Rounding rounding,
                 const std::string& field) {
  return multiply(amount, basis_points, kBasisPointsPerUnit, rounding, field);
}

Money gross_from_net(const Money& net, std::int64_t rate_basis_points, Rounding rounding,
                     const std::string& field) {
  require_rate(rate_basis_points, field);
  // net is whole, so rounding net × (1 + rate) equals net + rounding net × rate: one rounding.
  // In Wide: a rate near INT64_MAX plus one unit overflows 64 bits (UBSan, test_money_minor).
  const Wide product = static_cast<Wide>(net.minor) * (static_cast<Wide>(kBasisPointsPerUnit) + rate_basis_points);
  const Wide gross = divide_rounded<Wide>(product, kBasisPointsPerUnit, rounding);
  return Money{narrow(gross, net.currency, field,
                      [&] {
                        return "gross of " + std::to_string(net.minor) + " at " +
                               std::to_string(rate_basis_points) + " basis points";
                      }),
               net.currency};
}

Money net_from_gross(const Money& gross, std::int64_t rate_basis_points, Rounding rounding,
                     const std::string& field) {
  require_rate(rate_basis_points, field);
  const Wide product = static_cast<Wide>(gross.minor) * kBasisPointsPerUnit;
  const Wide net =
      divide_rounded<Wide>(product, static_cast<Wide>(kBasisPointsPerUnit) + rate_basis_points, rounding);
  // |net| <= |gross| for a rate >= 0, so this cannot fail; narrow() keeps the rule in one place.
  return Money{narrow(net, gross.currency, field,
                      [&] { return "net of " + std::to_string(gross.minor); }),
               gross.currency};
}

std::vector<Money> allocate(const Money& total, const std::vector<std::int64_t>& weights,
                            const std::string& field) {
  if (weights.empty()) {
    throw Error(Status::invalid_argument, field, "cannot allocate over no weights");
  }
  Wide weight_sum = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] < 0) {
      throw Error(Status::out_of_range,
                  (field.empty() ? "weights" : field + ".weights") + "[" + std::to_string(i) + "]",
                  "allocation weight " + std::to_string(weights[i]) + " is negative");
    }
    weight_sum += weights[i];
  }
  if (weight_sum == 0) {
    throw Error(Status::out_of_range, field, "allocation weights sum to zero");
  }
  // Work on the magnitude so a negative total splits as the mirror image of a positive one.
  const Wide magnitude = total.minor < 0 ? -static_cast<Wide>(total.minor) : total.minor;
  std::vector<Wide> parts(weights.size());
  std::vector<Wide> remainders(weights.size());
  Wide assigned = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const Wide share = magnitude * weights[i];
    parts[i] = share / weight_sum;
    remainders[i] = share % weight_sum;
    assigned += parts[i];
  }
  // Fewer leftover units than parts with a non-zero remainder, so zero weights never get one.
  std::vector<std::size_t> order(weights.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&remainders](std::size_t a, std::size_t b) {
    return remainders[a] > remainders[b];
  });
  for (Wide left = magnitude - assigned, k = 0; left > 0; --left, ++k) {
    parts[order[static_cast<std::size_t>(k)]] += 1;
  }
  std::vector<Money> result;
  result.reserve(parts.size());
  for (Wide part : parts) {
    // Each part is at most |total|, so it fits int64 whatever the sign (INT64_MIN included).
    result.push_back(Money{static_cast<std::int64_t>(total.minor < 0 ? -part : part),
                           total.currency});
  }
  return result;
}

namespace domain {

std::int64_t add_minor(std::int64_t a, std::int64_t b, const std::string& currency, const char* field) {
  std::int64_t sum = 0;
  if (!__builtin_add_overflow(a, b, &sum)) return sum;
  return add(Money{a, currency}, Money{b, currency}, field).minor;
}

std::int64_t subtract_minor(std::int64_t a, std::int64_t b, const std::string& currency, const char* field) {
  std::int64_t difference = 0;
  if (!__builtin_sub_overflow(a, b, &difference)) return difference;
  return subtract(Money{a, currency}, Money{b, currency}, field).minor;
}

std::int64_t multiply_minor(std::int64_t amount, std::int64_t numerator, std::int64_t denominator, Rounding rounding,
                            const std::string& currency, const char* field) {
  std::int64_t product = 0;
  if (denominator > 0 && denominator <= kNarrowDenominatorMax &&
      !__builtin_mul_overflow(amount, numerator, &product)) {
    return divide_rounded(product, denominator, rounding);
  }
  return multiply(Money{amount, currency}, numerator, denominator, rounding, field).minor;
}

std::int64_t percent_of_minor(std::int64_t amount, std::int64_t basis_points, Rounding rounding,
                              const std::string& currency, const char* field) {
  return multiply_minor(amount, basis_points, kBasisPointsPerUnit, rounding, currency, field);
}

std::int64_t gross_from_net_minor(std::int64_t net, std::int64_t rate_basis_points, Rounding rounding,
                                  const std::string& currency, const char* field) {
  std::int64_t factor = 0;
  std::int64_t product = 0;
  if (rate_basis_points >= 0 && !__builtin_add_overflow(kBasisPointsPerUnit, rate_basis_points, &factor) &&
      !__builtin_mul_overflow(net, factor, &product)) {
    return divide_rounded(product, kBasisPointsPerUnit, rounding);
  }
  return gross_from_net(Money{net, currency}, rate_basis_points, rounding, field).minor;
}

}  // namespace domain

std::string format_money(const Money& amount) {
  std::string text;
  domain::append_money(text, amount);
  return text;
}

Money parse_money(std::string_view text, const std::string& field) {
  const std::size_t space = text.rfind(' ');
  if (space == std::string_view::npos) {
    throw Error(Status::invalid_argument, field,
                "amount " + detail::quoted(text) + " is not \"<number> <currency>\"");
  }
  const std::string_view code = text.substr(space + 1);
  const int digits = require_currency(code, field);
  std::string_view number = text.substr(0, space);
  const bool negative = !number.empty() && number.front() == '-';
  if (negative) number.remove_prefix(1);

  const std::size_t point = number.find('.');
  const std::string_view whole = number.substr(0, point);
  const std::string_view fraction =
      point == std::string_view::npos ? std::string_view() : number.substr(point + 1);
  const bool digits_only = std::all_of(number.begin(), number.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '.';
  });
  const bool shape_ok = digits_only && !whole.empty() &&
                        (digits == 0 ? point == std::string_view::npos
                                     : point != std::string_view::npos &&
                                           fraction.size() == static_cast<std::size_t>(digits) &&
                                           fraction.find('.') == std::string_view::npos);
  if (!shape_ok) {
    throw Error(Status::invalid_argument, field,
                "amount " + detail::quoted(text) + " must have exactly " +
                    std::to_string(digits) + " decimal digits for " + std::string(code));
  }
  // Accumulate negatively: the int64 range has one more negative value than positive ones.
  std::int64_t minor = 0;
  bool overflow = false;
  for (char c : std::string(whole) + std::string(fraction)) {
    overflow = overflow || __builtin_mul_overflow(minor, std::int64_t{10}, &minor) ||
               __builtin_sub_overflow(minor, std::int64_t{c - '0'}, &minor);
  }
  if (!negative) overflow = overflow || __builtin_sub_overflow(std::int64_t{0}, minor, &minor);
  if (overflow) {
    throw Error(Status::out_of_range, field,
                "amount " + detail::quoted(text) + " overflows 64-bit minor units");
  }
  return Money{minor, std::string(code)};
}

}  // namespace rma
