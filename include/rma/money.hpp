// rma/money.hpp — amounts of money: integer minor units of one ISO 4217 currency.
//
// An amount is never a double: 12.34 EUR is {1234, "EUR"}, 1234 JPY is {1234, "JPY"} and
// 1.234 KWD is {1234, "KWD"}; the currency table says how many minor digits each code has.
// Every operation checks its result fits std::int64_t (Status::out_of_range, "overflow" in the
// message) and refuses to combine two currencies (Status::invalid_argument, "cannot add EUR and
// PLN"): a refund in the wrong currency must fail loudly, never be summed silently.
// Multiplications by rates run in 128 bits and round once, with the rounding the caller names.
//
// All functions are pure and thread-safe. `field` is the JSON-like path errors report.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rma {

// An amount in minor units (cents, fils, yen) of `currency`, an upper-case ISO 4217 code.
struct Money {
  std::int64_t minor = 0;
  std::string currency;

  // Exact identity (same units, same currency); ordering is compare(), which refuses mixes.
  friend bool operator==(const Money& a, const Money& b) {
    return a.minor == b.minor && a.currency == b.currency;
  }
  friend bool operator!=(const Money& a, const Money& b) { return !(a == b); }
};

// How a result between two representable amounts is rounded. "Up" and "down" are away from and
// towards zero (so they are symmetric for refunds and charges): -2.5 with half_up is -3.
enum class Rounding {
  half_even,  // halves to the even neighbour (banker's rounding): 2.5 -> 2, 3.5 -> 4; the default
  half_up,    // halves away from zero: 2.5 -> 3, -2.5 -> -3
  half_down,  // halves towards zero: 2.5 -> 2, -2.5 -> -2
  down,       // towards zero (truncate): 2.9 -> 2, -2.9 -> -2
  up,         // away from zero: 2.1 -> 3, -2.1 -> -3
};

// Stable lower-case name ("half_even"), and its inverse (Status::unknown_value for other text).
const char* rounding_name(Rounding rounding) noexcept;
Rounding parse_rounding(std::string_view name, const std::string& field);

// Minor digits of an ISO 4217 code (EUR 2, JPY 0, KWD 3); nullopt when librma does not know it.
// Codes are case-sensitive: "eur" is not a code.
std::optional<int> currency_minor_digits(std::string_view code);

// Minor digits of `code`, or Error(Status::unknown_value, field) naming the code.
int require_currency(std::string_view code, const std::string& field);

// A Money after checking its currency is known (Status::unknown_value otherwise).
Money make_money(std::int64_t minor, std::string_view currency, const std::string& field);

// a + b, a - b, -a. Status::invalid_argument when the currencies differ, Status::out_of_range
// when the result does not fit int64 (negating INT64_MIN included).
Money add(const Money& a, const Money& b, const std::string& field = {});
Money subtract(const Money& a, const Money& b, const std::string& field = {});
Money negate(const Money& a, const std::string& field = {});

// -1, 0 or 1 as a is less than, equal to or greater than b; same currency only.
int compare(const Money& a, const Money& b, const std::string& field = {});

// amount × numerator / denominator, rounded once. The denominator must be positive
// (Status::out_of_range otherwise); the numerator may be negative or zero.
Money multiply(const Money& amount, std::int64_t numerator, std::int64_t denominator,
               Rounding rounding = Rounding::half_even, const std::string& field = {});

// amount × basis_points / 10000: 2200 basis points is 22.00 %. Any sign of basis_points.
Money percent_of(const Money& amount, std::int64_t basis_points,
                 Rounding rounding = Rounding::half_even, const std::string& field = {});

// VAT at a rate in basis points (2300 = 23 %); the rate must be >= 0 (Status::out_of_range).
// gross_from_net is net + round(net × rate); net_from_gross is round(gross / (1 + rate)).
// With any half_* rounding, net -> gross -> net gives back the same net for every rate.
Money gross_from_net(const Money& net, std::int64_t rate_basis_points,
                     Rounding rounding = Rounding::half_even, const std::string& field = {});
Money net_from_gross(const Money& gross, std::int64_t rate_basis_points,
                     Rounding rounding = Rounding::half_even, const std::string& field = {});

// Splits `total` into weights.size() parts proportional to the weights whose sum is exactly
// `total`: each part is rounded towards zero, then the units left over go one each to the parts
// with the largest remainders (ties to the earliest). A zero weight always gets zero. Weights
// must be >= 0 with a positive sum and at least one weight (Status::out_of_range /
// invalid_argument otherwise). Document discounts are shared over their lines with it, so the
// shares add up to the discount exactly.
std::vector<Money> allocate(const Money& total, const std::vector<std::int64_t>& weights,
                            const std::string& field = {});

// "12.34 EUR", "-0.05 EUR", "1234 JPY", "1.234 KWD": exactly the currency's minor digits.
// Status::unknown_value when the currency is not known.
std::string format_money(const Money& amount);

// The inverse of format_money: an optional '-', digits, '.' and exactly the currency's minor
// digits (none for JPY), one space, a known code. Status::invalid_argument for any other shape,
// unknown_value for an unknown code, out_of_range when the amount does not fit int64.
Money parse_money(std::string_view text, const std::string& field);

}  // namespace rma
