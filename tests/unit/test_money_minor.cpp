// The valuation's money steps on bare minor units (domain/money_minor.hpp) and its label text
// (domain/money_text.hpp) against the rma::Money functions and texts they stand in for: the same
// results, the same errors, on both sides of every boundary.
#include <doctest/doctest.h>

#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <utility>

#include "domain/money_minor.hpp"
#include "domain/money_text.hpp"
#include "rma/error.hpp"
#include "rma/money.hpp"

namespace {

using rma::Money;
using rma::Rounding;
using rma::Status;

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
// Up to this denominator multiply divides in 64 bits; above it in 128 (money.cpp).
constexpr std::int64_t kNarrowMax = std::int64_t{1} << 61;
const std::string kEur = "EUR";

Money eur(std::int64_t minor) { return Money{minor, kEur}; }

// "status|field|message" of what `call` throws; "ok" when it returns.
std::string outcome(const std::function<std::int64_t()>& call) {
  try {
    return "ok " + std::to_string(call());
  } catch (const rma::Error& e) {
    return std::to_string(static_cast<int>(e.status())) + "|" + e.field() + "|" + e.what();
  }
}

const Rounding kRoundings[] = {Rounding::half_even, Rounding::half_up, Rounding::half_down, Rounding::down, Rounding::up};

}  // namespace

TEST_CASE("money on minor units: add and subtract as rma::add and rma::subtract, overflow included") {
  const std::pair<std::int64_t, std::int64_t> pairs[] = {{kMax - 1, 1}, {kMax - 1, 2}, {kMin + 1, -1}, {kMin + 1, -2},
                                                         {kMin, 0},      {0, kMin},     {5, -7}};
  for (const auto& pair : pairs) {
    const std::int64_t x = pair.first;
    const std::int64_t y = pair.second;
    CAPTURE(x);
    CAPTURE(y);
    CHECK(outcome([&] { return rma::domain::add_minor(x, y, kEur, "total"); }) ==
          outcome([&] { return rma::add(eur(x), eur(y), "total").minor; }));
    CHECK(outcome([&] { return rma::domain::subtract_minor(x, y, kEur, ".unit_price"); }) ==
          outcome([&] { return rma::subtract(eur(x), eur(y), ".unit_price").minor; }));
  }
  CHECK(outcome([] { return rma::domain::add_minor(kMax, 1, kEur, "totals"); }).rfind("ok", 0) != 0);
}

TEST_CASE("money on minor units: multiply as rma::multiply, either side of the 64-bit division") {
  struct Case {
    std::int64_t amount, numerator, denominator;
  };
  const Case cases[] = {
      {1000, 2, 3},          {-1000, 2, 3},         {25, 1, 10},          {-25, 1, 10},
      {35, 1, 10},           {-35, 1, 10},          {1, kNarrowMax / 2, kNarrowMax},  // a half, divided in 64 bits
      {1, kNarrowMax / 2 + 1, kNarrowMax + 2},  // a half, divided in 128 bits
      {-1, kNarrowMax / 2 + 1, kNarrowMax + 2},    {kMax, 3, 3},         {kMax, kMax, kMax},
      {kMin, 1, 1},          {kMax, 10001, 10000},  {kMin, -1, 1},        {1, 1, 0},
      {1, 1, -3},            {kMin, 1, 3},          {kMax, 1, kMax},      {0, 7, 3},
  };
  for (const Case& c : cases) {
    for (Rounding rounding : kRoundings) {
      CAPTURE(c.amount);
      CAPTURE(c.numerator);
      CAPTURE(c.denominator);
      CAPTURE(rma::rounding_name(rounding));
      CHECK(outcome([&] {
              return rma::domain::multiply_minor(c.amount, c.numerator, c.denominator, rounding, kEur, ".unit_price");
            }) == outcome([&] {
              Money wide = eur(c.amount);
              return rma::multiply(wide, c.numerator, c.denominator, rounding, ".unit_price").minor;
            }));
    }
  }
  // The halves themselves, on each side of the boundary.
  CHECK(rma::multiply(eur(1), kNarrowMax / 2, kNarrowMax, Rounding::half_even).minor == 0);
  CHECK(rma::multiply(eur(1), kNarrowMax / 2, kNarrowMax, Rounding::half_up).minor == 1);
  CHECK(rma::multiply(eur(1), kNarrowMax / 2 + 1, kNarrowMax + 2, Rounding::half_even).minor == 0);
  CHECK(rma::multiply(eur(1), kNarrowMax / 2 + 1, kNarrowMax + 2, Rounding::half_up).minor == 1);
  CHECK(rma::multiply(eur(3), kNarrowMax / 2, kNarrowMax, Rounding::half_even).minor == 2);
  CHECK(rma::multiply(eur(-3), kNarrowMax / 2, kNarrowMax, Rounding::half_down).minor == -1);
}

TEST_CASE("money on minor units: percentages and gross from net as rma::percent_of and rma::gross_from_net") {
  for (const std::int64_t amount : {std::int64_t{0}, std::int64_t{1999}, std::int64_t{-1999}, std::int64_t{5}, kMax, kMin}) {
    for (const std::int64_t rate : {std::int64_t{0}, std::int64_t{1}, std::int64_t{2200}, std::int64_t{10000},
                                    std::int64_t{-1}, kMax}) {
      for (Rounding rounding : kRoundings) {
        CAPTURE(amount);
        CAPTURE(rate);
        CHECK(outcome([&] { return rma::domain::percent_of_minor(amount, rate, rounding, kEur, "fee"); }) ==
              outcome([&] { return rma::percent_of(eur(amount), rate, rounding, "fee").minor; }));
        CHECK(outcome([&] { return rma::domain::gross_from_net_minor(amount, rate, rounding, kEur, ".unit_price"); }) ==
              outcome([&] { return rma::gross_from_net(eur(amount), rate, rounding, ".unit_price").minor; }));
      }
    }
  }
}

TEST_CASE("label text: numbers, amounts and percentages as std::to_string and format_money write them") {
  for (const std::int64_t value : {std::int64_t{0}, std::int64_t{7}, std::int64_t{-7}, std::int64_t{1234567}, kMax, kMin}) {
    CAPTURE(value);
    rma::domain::ShortText text;
    text.number(value);
    CHECK(text.str() == std::to_string(value));
    for (const char* currency : {"EUR", "JPY", "KWD"}) {
      const Money amount{value, currency};
      rma::domain::ShortText money;
      money.money(amount);
      CHECK(money.str() == rma::format_money(amount));
      std::string appended = "x";
      rma::domain::append_money(appended, amount);
      CHECK(appended == "x" + rma::format_money(amount));
    }
  }
  const auto percent = [](std::int64_t bp) {
    rma::domain::ShortText text;
    text.percent(bp);
    return text.str();
  };
  CHECK(percent(1500) == "15.00 %");
  CHECK(percent(5) == "0.05 %");
  CHECK(percent(0) == "0.00 %");
  CHECK(percent(-50) == "-0.50 %");
  CHECK(percent(10000) == "100.00 %");
  rma::domain::ShortText unknown;
  CHECK_THROWS_AS(unknown.money(Money{1, "XXX"}), rma::Error);
}

TEST_CASE("label text: a text longer than the stack buffer goes on in a string, nothing lost") {
  const std::string code(300, 'c');
  for (const std::size_t head : {std::size_t{0}, std::size_t{119}, std::size_t{120}, std::size_t{121}}) {
    CAPTURE(head);
    rma::domain::ShortText text;
    const std::string start(head, 'a');
    text << start << "Deduction: " << code << ' ';
    text.number(12).percent(250);
    const std::string expected = start + "Deduction: " + code + " 122.50 %";
    CHECK(text.str() == expected);
    CHECK(text.view() == expected);
  }
  rma::domain::ShortText exact;
  exact << std::string(120, 'z');
  CHECK(exact.str() == std::string(120, 'z'));
  exact << 'y';
  CHECK(exact.str() == std::string(120, 'z') + "y");
}
