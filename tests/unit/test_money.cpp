#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "rma/error.hpp"
#include "rma/money.hpp"

using rma::Money;
using rma::Rounding;
using rma::Status;

namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

// Exact products for the allocation property; __extension__ keeps -Wpedantic quiet.
__extension__ typedef __int128 Wide;

Money eur(std::int64_t minor) { return Money{minor, "EUR"}; }

// Status of the Error `call` throws; Status::ok when it does not throw.
template <typename Call>
Status status_of(Call call) {
  try {
    call();
  } catch (const rma::Error& error) {
    return error.status();
  }
  return Status::ok;
}

template <typename Call>
std::string message_of(Call call) {
  try {
    call();
  } catch (const rma::Error& error) {
    return error.what();
  }
  return "";
}

// amount / 10 with the given rounding: the tenths make halves easy to write (25 -> 2.5).
std::int64_t tenths(std::int64_t amount_in_tenths, Rounding rounding) {
  return rma::multiply(eur(amount_in_tenths), 1, 10, rounding).minor;
}

}  // namespace

TEST_CASE("the currency table knows each code's minor digits and refuses unknown codes") {
  for (const char* code : {"EUR", "USD", "GBP", "PLN", "RON", "CHF", "CZK", "HUF", "SEK", "DKK",
                           "NOK"}) {
    CHECK(rma::currency_minor_digits(code) == 2);
  }
  CHECK(rma::currency_minor_digits("JPY") == 0);
  CHECK(rma::currency_minor_digits("KRW") == 0);
  CHECK(rma::currency_minor_digits("KWD") == 3);
  CHECK(rma::currency_minor_digits("BHD") == 3);
  CHECK(rma::currency_minor_digits("TND") == 3);
  CHECK_FALSE(rma::currency_minor_digits("eur").has_value());
  CHECK_FALSE(rma::currency_minor_digits("XYZ").has_value());
  CHECK_FALSE(rma::currency_minor_digits("").has_value());

  CHECK(rma::require_currency("KWD", "currency") == 3);
  CHECK(status_of([] { rma::require_currency("XYZ", "lines[0].currency"); }) ==
        Status::unknown_value);
  try {
    rma::make_money(100, "EURO", "lines[0].currency");
    FAIL("an unknown currency was accepted");
  } catch (const rma::Error& error) {
    CHECK(error.field() == "lines[0].currency");
    CHECK(std::string(error.what()).find("\"EURO\"") != std::string::npos);
  }
  CHECK(rma::make_money(100, "EUR", "currency") == eur(100));
}

TEST_CASE("every rounding mode on halves in both directions") {
  // half_even: to the even neighbour.
  CHECK(tenths(25, Rounding::half_even) == 2);
  CHECK(tenths(35, Rounding::half_even) == 4);
  CHECK(tenths(-25, Rounding::half_even) == -2);
  CHECK(tenths(-35, Rounding::half_even) == -4);
  CHECK(tenths(5, Rounding::half_even) == 0);
  CHECK(tenths(-5, Rounding::half_even) == 0);
  // half_up: away from zero.
  CHECK(tenths(25, Rounding::half_up) == 3);
  CHECK(tenths(35, Rounding::half_up) == 4);
  CHECK(tenths(-25, Rounding::half_up) == -3);
  CHECK(tenths(-35, Rounding::half_up) == -4);
  // half_down: towards zero.
  CHECK(tenths(25, Rounding::half_down) == 2);
  CHECK(tenths(35, Rounding::half_down) == 3);
  CHECK(tenths(-25, Rounding::half_down) == -2);
  CHECK(tenths(-35, Rounding::half_down) == -3);
  // down and up: towards and away from zero, halves or not.
  CHECK(tenths(25, Rounding::down) == 2);
  CHECK(tenths(-25, Rounding::down) == -2);
  CHECK(tenths(25, Rounding::up) == 3);
  CHECK(tenths(-25, Rounding::up) == -3);
}

TEST_CASE("rounding just either side of a half") {
  for (Rounding rounding : {Rounding::half_even, Rounding::half_up, Rounding::half_down}) {
    CAPTURE(rma::rounding_name(rounding));
    // 2.499 and 2.501 (thousandths) go to the nearer neighbour whatever the half rule.
    CHECK(rma::multiply(eur(2499), 1, 1000, rounding).minor == 2);
    CHECK(rma::multiply(eur(2501), 1, 1000, rounding).minor == 3);
    CHECK(rma::multiply(eur(-2499), 1, 1000, rounding).minor == -2);
    CHECK(rma::multiply(eur(-2501), 1, 1000, rounding).minor == -3);
  }
  CHECK(tenths(21, Rounding::down) == 2);
  CHECK(tenths(29, Rounding::down) == 2);
  CHECK(tenths(-29, Rounding::down) == -2);
  CHECK(tenths(21, Rounding::up) == 3);
  CHECK(tenths(-21, Rounding::up) == -3);
  CHECK(tenths(20, Rounding::up) == 2);  // exact results are never moved
  CHECK(tenths(-20, Rounding::up) == -2);
}

TEST_CASE("rounding names read back and unknown ones are refused") {
  for (Rounding rounding : {Rounding::half_even, Rounding::half_up, Rounding::half_down,
                            Rounding::down, Rounding::up}) {
    CHECK(rma::parse_rounding(rma::rounding_name(rounding), "rounding") == rounding);
  }
  CHECK(std::string(rma::rounding_name(Rounding::half_even)) == "half_even");
  CHECK(status_of([] { rma::parse_rounding("HALF_EVEN", "rounding"); }) == Status::unknown_value);
  CHECK(status_of([] { rma::parse_rounding("bankers", "rounding"); }) == Status::unknown_value);
}

TEST_CASE("add, subtract, negate and compare") {
  CHECK(rma::add(eur(1234), eur(66)) == eur(1300));
  CHECK(rma::add(eur(0), eur(0)) == eur(0));
  CHECK(rma::subtract(eur(100), eur(250)) == eur(-150));
  CHECK(rma::negate(eur(150)) == eur(-150));
  CHECK(rma::negate(eur(0)) == eur(0));
  CHECK(rma::compare(eur(1), eur(2)) == -1);
  CHECK(rma::compare(eur(2), eur(2)) == 0);
  CHECK(rma::compare(eur(-1), eur(-2)) == 1);
  CHECK(rma::add(Money{5, "JPY"}, Money{7, "JPY"}) == Money{12, "JPY"});
  CHECK(Money{5, "JPY"} != Money{5, "KRW"});
}

TEST_CASE("int64 overflow is detected at the exact boundary") {
  CHECK(rma::add(eur(kMax - 1), eur(1)) == eur(kMax));
  CHECK(status_of([] { rma::add(eur(kMax - 1), eur(2)); }) == Status::out_of_range);
  CHECK(status_of([] { rma::add(eur(kMax), eur(1)); }) == Status::out_of_range);
  CHECK(rma::add(eur(kMin + 1), eur(-1)) == eur(kMin));
  CHECK(status_of([] { rma::add(eur(kMin + 1), eur(-2)); }) == Status::out_of_range);
  CHECK(rma::subtract(eur(kMin + 1), eur(1)) == eur(kMin));
  CHECK(status_of([] { rma::subtract(eur(kMin), eur(1)); }) == Status::out_of_range);
  CHECK(status_of([] { rma::subtract(eur(0), eur(kMin)); }) == Status::out_of_range);
  CHECK(rma::negate(eur(kMax)) == eur(kMin + 1));
  CHECK(status_of([] { rma::negate(eur(kMin)); }) == Status::out_of_range);

  const std::string message = message_of([] { rma::add(eur(kMax), eur(1), "total"); });
  CHECK(message.find("overflow") != std::string::npos);
  CHECK(message.rfind("total: ", 0) == 0);

  // Products run in 128 bits: only the final result must fit.
  CHECK(rma::multiply(eur(kMax), 3, 3) == eur(kMax));
  CHECK(rma::multiply(eur(kMax), kMax, kMax) == eur(kMax));
  CHECK(rma::multiply(eur(kMin), 1, 1) == eur(kMin));
  CHECK(status_of([] { rma::multiply(eur(kMax), 10001, 10000); }) == Status::out_of_range);
  CHECK(status_of([] { rma::multiply(eur(kMin), -1, 1); }) == Status::out_of_range);
  CHECK(status_of([] { rma::gross_from_net(eur(kMax), 1); }) == Status::out_of_range);
  CHECK(rma::gross_from_net(eur(kMax), 0) == eur(kMax));
}

TEST_CASE("mixed currencies are refused with a stable message") {
  try {
    rma::add(eur(100), Money{100, "PLN"}, "refund");
    FAIL("EUR + PLN was accepted");
  } catch (const rma::Error& error) {
    CHECK(error.status() == Status::invalid_argument);
    CHECK(error.field() == "refund");
    CHECK(std::string(error.what()) == "refund: cannot add EUR and PLN");
  }
  CHECK(message_of([] { rma::subtract(eur(1), Money{1, "USD"}); }) ==
        "cannot subtract EUR and USD");
  CHECK(message_of([] { rma::compare(Money{1, "JPY"}, Money{1, "KRW"}); }) ==
        "cannot compare JPY and KRW");
  // Zero amounts are no exception: 0 EUR + 0 PLN is still a mix.
  CHECK(status_of([] { rma::add(eur(0), Money{0, "PLN"}); }) == Status::invalid_argument);
}

TEST_CASE("multiplying by a rate and by basis points") {
  CHECK(rma::multiply(eur(1000), 1, 3) == eur(333));
  CHECK(rma::multiply(eur(1000), 2, 3) == eur(667));
  CHECK(rma::multiply(eur(1000), 2, 3, Rounding::down) == eur(666));
  CHECK(rma::multiply(eur(1000), -2, 3) == eur(-667));
  CHECK(rma::multiply(eur(1000), 0, 3) == eur(0));
  CHECK(rma::multiply(eur(0), 7, 3, Rounding::up) == eur(0));
  CHECK(status_of([] { rma::multiply(eur(1), 1, 0); }) == Status::out_of_range);
  CHECK(status_of([] { rma::multiply(eur(1), 1, -3); }) == Status::out_of_range);

  CHECK(rma::percent_of(eur(10000), 2200) == eur(2200));  // 22 % of 100.00
  CHECK(rma::percent_of(eur(1), 5000) == eur(0));         // 0.005 -> 0.00 (half to even)
  CHECK(rma::percent_of(eur(3), 5000) == eur(2));         // 0.015 -> 0.02 (half to even)
  CHECK(rma::percent_of(eur(1), 5000, Rounding::half_up) == eur(1));
  CHECK(rma::percent_of(eur(1999), 10000) == eur(1999));  // 100 %
  CHECK(rma::percent_of(eur(1999), 0) == eur(0));
  CHECK(rma::percent_of(Money{1005, "JPY"}, 1000) == Money{100, "JPY"});   // 100.5 -> 100
  CHECK(rma::percent_of(Money{1015, "JPY"}, 1000) == Money{102, "JPY"});   // 101.5 -> 102
  CHECK(rma::percent_of(Money{1005, "KWD"}, 1000, Rounding::half_up) == Money{101, "KWD"});
}

TEST_CASE("VAT: gross from net and net from gross") {
  CHECK(rma::gross_from_net(eur(10000), 2300) == eur(12300));
  CHECK(rma::net_from_gross(eur(12300), 2300) == eur(10000));
  // 0.50 net at 23 % is 0.615 gross: half to even gives 0.62, half down 0.61.
  CHECK(rma::gross_from_net(eur(50), 2300) == eur(62));
  CHECK(rma::gross_from_net(eur(50), 2300, Rounding::half_down) == eur(61));
  CHECK(rma::gross_from_net(eur(-50), 2300, Rounding::half_up) == eur(-62));
  CHECK(rma::gross_from_net(eur(0), 2300) == eur(0));
  CHECK(rma::gross_from_net(eur(999), 0) == eur(999));
  CHECK(rma::net_from_gross(eur(100), 2500) == eur(80));
  CHECK(rma::net_from_gross(eur(1), 2500) == eur(1));   // 0.8 -> 1
  CHECK(rma::net_from_gross(eur(1), 2500, Rounding::down) == eur(0));
  CHECK(rma::gross_from_net(Money{1000, "JPY"}, 1000) == Money{1100, "JPY"});
  CHECK(rma::net_from_gross(Money{1234, "KWD"}, 500) == Money{1175, "KWD"});  // 1.17523...
  CHECK(status_of([] { rma::gross_from_net(eur(1), -1); }) == Status::out_of_range);
  CHECK(status_of([] { rma::net_from_gross(eur(1), -1); }) == Status::out_of_range);
}

TEST_CASE("VAT round trips: net -> gross -> net is exact, gross -> net -> gross within a unit") {
  std::mt19937_64 random(20261125);
  std::uniform_int_distribution<std::int64_t> amounts(-10'000'000, 10'000'000);
  const std::int64_t rates[] = {0, 1, 500, 800, 1900, 2000, 2100, 2200, 2300, 2500, 2700, 10000};
  for (Rounding rounding : {Rounding::half_even, Rounding::half_up, Rounding::half_down}) {
    for (std::int64_t rate : rates) {
      for (int i = 0; i < 200; ++i) {
        const Money amount = eur(i < 3 ? i - 1 : amounts(random));
        CAPTURE(amount.minor);
        CAPTURE(rate);
        const Money gross = rma::gross_from_net(amount, rate, rounding);
        REQUIRE(rma::net_from_gross(gross, rate, rounding) == amount);
        const Money back = rma::gross_from_net(rma::net_from_gross(amount, rate, rounding), rate,
                                               rounding);
        REQUIRE(back.minor - amount.minor <= 1);
        REQUIRE(amount.minor - back.minor <= 1);
      }
    }
  }
}

TEST_CASE("allocate splits without losing or inventing a unit") {
  using Parts = std::vector<Money>;
  CHECK(rma::allocate(eur(100), {1, 1, 1}) == Parts{eur(34), eur(33), eur(33)});
  CHECK(rma::allocate(eur(-100), {1, 1, 1}) == Parts{eur(-34), eur(-33), eur(-33)});
  CHECK(rma::allocate(eur(5), {1, 1}) == Parts{eur(3), eur(2)});  // tie to the earliest
  CHECK(rma::allocate(eur(101), {1, 0, 1}) == Parts{eur(51), eur(0), eur(50)});
  CHECK(rma::allocate(eur(0), {3, 7}) == Parts{eur(0), eur(0)});
  CHECK(rma::allocate(eur(1000), {70, 30}) == Parts{eur(700), eur(300)});
  // 0.10 over 3 : 3 : 4 — 3, 3, 4 exactly.
  CHECK(rma::allocate(eur(10), {3, 3, 4}) == Parts{eur(3), eur(3), eur(4)});
  // Largest remainder, not the earliest, gets the unit: 0.02 over 1 : 2 : 3 -> 0.33, 0.67, 1.00.
  CHECK(rma::allocate(eur(2), {1, 2, 3}) == Parts{eur(0), eur(1), eur(1)});
  CHECK(rma::allocate(eur(kMin), {1, 1}) == Parts{eur(kMin / 2), eur(kMin / 2)});
  CHECK(rma::allocate(eur(kMax), {kMax, kMax}) == Parts{eur(kMax / 2 + 1), eur(kMax / 2)});

  CHECK(status_of([] { rma::allocate(eur(1), {}); }) == Status::invalid_argument);
  CHECK(status_of([] { rma::allocate(eur(1), {0, 0}); }) == Status::out_of_range);
  try {
    rma::allocate(eur(1), {1, -1}, "refund");
    FAIL("a negative weight was accepted");
  } catch (const rma::Error& error) {
    CHECK(error.status() == Status::out_of_range);
    CHECK(error.field() == "refund.weights[1]");
  }
}

TEST_CASE("allocate: parts always sum to the total and follow the weights (property)") {
  std::mt19937_64 random(6);
  std::uniform_int_distribution<std::int64_t> totals(-1'000'000'000, 1'000'000'000);
  std::uniform_int_distribution<std::int64_t> weights_of(0, 1000);
  std::uniform_int_distribution<std::size_t> counts(1, 12);
  for (int round = 0; round < 2000; ++round) {
    const Money total = eur(round < 4 ? (round == 0 ? kMax : round == 1 ? kMin : round - 2)
                                      : totals(random));
    std::vector<std::int64_t> weights(counts(random));
    std::int64_t weight_sum = 0;
    for (std::int64_t& weight : weights) weight_sum += weight = weights_of(random);
    if (weight_sum == 0) weights.back() = weight_sum = 1;
    CAPTURE(total.minor);
    const std::vector<Money> parts = rma::allocate(total, weights);
    REQUIRE(parts.size() == weights.size());
    Wide sum = 0;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      REQUIRE(parts[i].currency == "EUR");
      sum += parts[i].minor;
      // Each part is its exact share rounded down or up by less than one unit, same sign.
      const Wide exact_times_sum =
          static_cast<Wide>(total.minor) * weights[i];
      const Wide part_times_sum =
          static_cast<Wide>(parts[i].minor) * weight_sum;
      const Wide gap = part_times_sum - exact_times_sum;
      REQUIRE(gap < weight_sum);
      REQUIRE(-gap < weight_sum);
      if (weights[i] == 0) REQUIRE(parts[i].minor == 0);
      if (total.minor >= 0) REQUIRE(parts[i].minor >= 0);
      if (total.minor <= 0) REQUIRE(parts[i].minor <= 0);
    }
    REQUIRE(sum == total.minor);
  }
}

TEST_CASE("partial refunds allocated from a paid amount never exceed it") {
  // 3 units paid 10.00 EUR together; refunding them one at a time gives 3.34 + 3.33 + 3.33.
  const std::vector<Money> refunds = rma::allocate(eur(1000), {1, 1, 1});
  Money refunded = eur(0);
  for (const Money& refund : refunds) refunded = rma::add(refunded, refund);
  CHECK(refunded == eur(1000));
  CHECK(rma::compare(refunded, eur(1000)) == 0);
}

TEST_CASE("format_money prints exactly the currency's minor digits") {
  CHECK(rma::format_money(eur(1234)) == "12.34 EUR");
  CHECK(rma::format_money(eur(-5)) == "-0.05 EUR");
  CHECK(rma::format_money(eur(0)) == "0.00 EUR");
  CHECK(rma::format_money(eur(100)) == "1.00 EUR");
  CHECK(rma::format_money(Money{1234, "JPY"}) == "1234 JPY");
  CHECK(rma::format_money(Money{-7, "JPY"}) == "-7 JPY");
  CHECK(rma::format_money(Money{0, "JPY"}) == "0 JPY");
  CHECK(rma::format_money(Money{1234, "KWD"}) == "1.234 KWD");
  CHECK(rma::format_money(Money{5, "KWD"}) == "0.005 KWD");
  CHECK(rma::format_money(eur(kMax)) == "92233720368547758.07 EUR");
  CHECK(rma::format_money(eur(kMin)) == "-92233720368547758.08 EUR");
  CHECK(status_of([] { rma::format_money(Money{1, "XYZ"}); }) == Status::unknown_value);
}

TEST_CASE("parse_money accepts exactly the currency's digits") {
  CHECK(rma::parse_money("12.34 EUR", "price") == eur(1234));
  CHECK(rma::parse_money("-0.05 EUR", "price") == eur(-5));
  CHECK(rma::parse_money("0.00 EUR", "price") == eur(0));
  CHECK(rma::parse_money("-0.00 EUR", "price") == eur(0));
  CHECK(rma::parse_money("1234 JPY", "price") == Money{1234, "JPY"});
  CHECK(rma::parse_money("1.234 KWD", "price") == Money{1234, "KWD"});
  CHECK(rma::parse_money("92233720368547758.07 EUR", "price") == eur(kMax));
  CHECK(rma::parse_money("-92233720368547758.08 EUR", "price") == eur(kMin));

  CHECK(status_of([] { rma::parse_money("92233720368547758.08 EUR", "price"); }) ==
        Status::out_of_range);
  CHECK(status_of([] { rma::parse_money("-92233720368547758.09 EUR", "price"); }) ==
        Status::out_of_range);
  CHECK(status_of([] { rma::parse_money("99999999999999999999999 JPY", "price"); }) ==
        Status::out_of_range);
  for (const char* bad : {"12.3 EUR", "12.345 EUR", "12 EUR", "12. EUR", ".34 EUR", "1.00 JPY",
                          "1.23 KWD", "+1.00 EUR", "1,00 EUR", "12.34EUR", "- 1.00 EUR",
                          "1.2.3 EUR", "12.34", "", " EUR", "-.50 EUR", "1e3 JPY", "0x10 JPY"}) {
    const std::string shown = bad;
    CAPTURE(shown);
    CHECK(status_of([bad] { rma::parse_money(bad, "price"); }) == Status::invalid_argument);
  }
  CHECK(status_of([] { rma::parse_money("12.34 eur", "price"); }) == Status::unknown_value);
  CHECK(status_of([] { rma::parse_money("12.34 EUR ", "price"); }) == Status::unknown_value);
  try {
    rma::parse_money("12.3 EUR", "lines[2].unit_price");
    FAIL("12.3 EUR was accepted");
  } catch (const rma::Error& error) {
    CHECK(error.field() == "lines[2].unit_price");
    CHECK(std::string(error.what()).find("\"12.3 EUR\"") != std::string::npos);
  }
  // Whatever format_money prints reads back.
  for (std::int64_t minor : {kMin, std::int64_t{-100001}, std::int64_t{-1}, std::int64_t{0},
                             std::int64_t{7}, std::int64_t{1000}, kMax}) {
    for (const char* code : {"EUR", "JPY", "KWD"}) {
      const Money amount{minor, code};
      CHECK(rma::parse_money(rma::format_money(amount), "price") == amount);
    }
  }
}
