#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>

#include "rma/error.hpp"
#include "rma/rma_number.hpp"

using rma::Error;
using rma::NumberFormat;
using rma::Status;

namespace {

const std::string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*";  // what a check character can be

NumberFormat make_format(std::string prefix, bool with_year, std::int32_t digits, std::string separator) {
  NumberFormat f;
  f.prefix = std::move(prefix);
  f.with_year = with_year;
  f.digits = digits;
  f.separator = std::move(separator);
  return f;
}

// Status and field of the error validate_number_format throws, or ok.
std::pair<Status, std::string> format_error(const NumberFormat& f) {
  try {
    rma::validate_number_format(f);
  } catch (const Error& e) {
    return {e.status(), e.field()};
  }
  return {Status::ok, ""};
}

std::pair<Status, std::string> number_error(const NumberFormat& f, std::int32_t year, std::int64_t sequence) {
  try {
    rma::format_rma_number(f, year, sequence);
  } catch (const Error& e) {
    return {e.status(), e.field()};
  }
  return {Status::ok, ""};
}

// A compact number (no separators) with a correct check character for `body`.
std::string with_check(const std::string& body) { return body + rma::rma_check_character(body); }

// Verifies a compact number the way a reader must: the body is alphanumeric ('*' may only be
// the check character) and the check matches.
bool check_passes(const std::string& full) {
  const std::string body = full.substr(0, full.size() - 1);
  if (body.find('*') != std::string::npos) return false;
  return rma::rma_check_character(body) == full.back();
}

std::string compact(const std::string& number) {
  std::string out;
  for (char c : number)
    if (c != '-' && c != '/' && c != '.') out += c;
  return out;
}

}  // namespace

TEST_CASE("rma number: check character follows ISO 7064 MOD 37-2") {
  CHECK(rma::rma_check_character("G123489654321") == 'Y');  // the standard's worked example
  CHECK(rma::rma_check_character("RMA2026000042") == 'N');
  CHECK(rma::rma_check_character("RMA2026000078") == '*');
  CHECK(rma::rma_check_character("") == '1');
  // Separators and case do not matter.
  CHECK(rma::rma_check_character("rma-2026/000042") == 'N');
  CHECK(rma::rma_check_character(" R M A 2026.000042") == 'N');
}

TEST_CASE("rma number: format writes prefix, year, padded sequence and check") {
  const NumberFormat standard;
  CHECK(rma::format_rma_number(standard, 2026, 42) == "RMA-2026-000042-N");
  CHECK(rma::format_rma_number(standard, 2026, 1) == "RMA-2026-000001-4");
  CHECK(rma::format_rma_number(standard, 2026, 78) == "RMA-2026-000078-*");
  CHECK(rma::format_rma_number(make_format("RMA", true, 6, ""), 2026, 42) == "RMA2026000042N");
  CHECK(rma::format_rma_number(make_format("RMA", true, 6, "/"), 2026, 42) == "RMA/2026/000042/N");
  CHECK(rma::format_rma_number(make_format("RMA", true, 6, "."), 2026, 42) == "RMA.2026.000042.N");
  CHECK(rma::format_rma_number(make_format("", true, 6, "-"), 2026, 42) == "2026-000042-K");
  CHECK(rma::format_rma_number(make_format("RMA", false, 6, "-"), 0, 42) == "RMA-000042-2");
  CHECK(rma::format_rma_number(make_format("", false, 6, "-"), 0, 42) == "000042-I");
}

TEST_CASE("rma number: sequences longer than the padding are printed in full") {
  const NumberFormat standard;
  CHECK(rma::format_rma_number(standard, 2026, 999999) == "RMA-2026-999999-J");
  CHECK(rma::format_rma_number(standard, 2026, 1000000) == "RMA-2026-1000000-V");
  const auto parsed = rma::parse_rma_number(standard, "RMA-2026-1000000-V");
  REQUIRE(parsed);
  CHECK(parsed->sequence == 1000000);
  // The largest sequence still fits with the longest prefix and padding.
  const NumberFormat widest = make_format("ABCDEFGHIJ", true, 12, "-");
  const std::int64_t max = std::numeric_limits<std::int64_t>::max();
  const std::string number = rma::format_rma_number(widest, 9999, max);
  const auto widest_parsed = rma::parse_rma_number(widest, number);
  REQUIRE(widest_parsed);
  CHECK(widest_parsed->sequence == max);
  CHECK(widest_parsed->canonical == number);
}

TEST_CASE("rma number: format refuses sequence below 1 and years outside 1900..9999") {
  const NumberFormat standard;
  CHECK(number_error(standard, 2026, 1).first == Status::ok);
  CHECK(number_error(standard, 2026, 0) == std::make_pair(Status::out_of_range, std::string("sequence")));
  CHECK(number_error(standard, 2026, -5) == std::make_pair(Status::out_of_range, std::string("sequence")));
  CHECK(number_error(standard, 1900, 1).first == Status::ok);
  CHECK(number_error(standard, 9999, 1).first == Status::ok);
  CHECK(number_error(standard, 1899, 1) == std::make_pair(Status::out_of_range, std::string("year")));
  CHECK(number_error(standard, 10000, 1) == std::make_pair(Status::out_of_range, std::string("year")));
  // Without a year in the format the year argument is not used.
  CHECK(number_error(make_format("RMA", false, 6, "-"), 0, 1).first == Status::ok);
  CHECK(number_error(make_format("rma", true, 6, "-"), 2026, 1).second == "number_format.prefix");
}

TEST_CASE("rma number: format validation names the bad member") {
  CHECK(format_error(NumberFormat{}).first == Status::ok);
  CHECK(format_error(make_format("", true, 6, "-")).first == Status::ok);
  CHECK(format_error(make_format("R2D2", true, 6, "-")).first == Status::ok);
  CHECK(format_error(make_format("ABCDEFGHIJ", true, 6, "-")).first == Status::ok);
  CHECK(format_error(make_format("ABCDEFGHIJK", true, 6, "-")) ==
        std::make_pair(Status::too_large, std::string("number_format.prefix")));
  CHECK(format_error(make_format("rma", true, 6, "-")) ==
        std::make_pair(Status::invalid_argument, std::string("number_format.prefix")));
  CHECK(format_error(make_format("RMA-", true, 6, "-")).second == "number_format.prefix");
  CHECK(format_error(make_format("RMÄ", true, 6, "-")).second == "number_format.prefix");

  CHECK(format_error(make_format("RMA", true, 1, "-")).first == Status::ok);
  CHECK(format_error(make_format("RMA", true, 12, "-")).first == Status::ok);
  CHECK(format_error(make_format("RMA", true, 0, "-")) ==
        std::make_pair(Status::out_of_range, std::string("number_format.digits")));
  CHECK(format_error(make_format("RMA", true, 13, "-")) ==
        std::make_pair(Status::out_of_range, std::string("number_format.digits")));

  for (const char* ok : {"", "-", "/", "."}) CHECK(format_error(make_format("RMA", true, 6, ok)).first == Status::ok);
  for (const char* bad : {" ", "_", "--", "*", "A"}) {
    CAPTURE(bad);
    CHECK(format_error(make_format("RMA", true, 6, bad)) ==
          std::make_pair(Status::invalid_argument, std::string("number_format.separator")));
  }
}

TEST_CASE("rma number: the padding boundaries 1 and 12") {
  const NumberFormat one = make_format("RMA", true, 1, "-");
  CHECK(rma::format_rma_number(one, 2026, 1) == "RMA-2026-1-" + std::string(1, rma::rma_check_character("RMA20261")));
  CHECK(rma::parse_rma_number(one, rma::format_rma_number(one, 2026, 10)));
  CHECK_FALSE(rma::parse_rma_number(one, "RMA-2026-01-" + std::string(1, rma::rma_check_character("RMA202601"))));

  const NumberFormat twelve = make_format("RMA", true, 12, "-");
  const std::string number = rma::format_rma_number(twelve, 2026, 1);
  CHECK(number.substr(0, 22) == "RMA-2026-000000000001-");
  CHECK(rma::parse_rma_number(twelve, number));
}

TEST_CASE("rma number: parse forgives case, spaces and separators, and returns the canonical form") {
  const NumberFormat standard;
  for (const char* typed : {"RMA-2026-000042-N", "rma 2026 000042 n", "RMA2026000042N", "rma2026000042n",
                            "RMA/2026/000042/N", " RMA - 2026 - 000042 - n ", "RMA.2026-000042 N",
                            "rma_2026_000042_n", "RMA-2026-000042N"}) {
    CAPTURE(typed);
    const auto parsed = rma::parse_rma_number(standard, typed);
    REQUIRE(parsed);
    CHECK(parsed->canonical == "RMA-2026-000042-N");
    CHECK(parsed->year == 2026);
    CHECK(parsed->sequence == 42);
  }
  const auto star = rma::parse_rma_number(standard, "rma 2026 000078 *");
  REQUIRE(star);
  CHECK(star->canonical == "RMA-2026-000078-*");

  const auto no_year = rma::parse_rma_number(make_format("RMA", false, 6, "/"), "rma-000042-2");
  REQUIRE(no_year);
  CHECK(no_year->canonical == "RMA/000042/2");
  CHECK(no_year->year == 0);
}

TEST_CASE("rma number: parse rejects wrong prefix, year, padding, sequence and check") {
  const NumberFormat standard;
  CHECK_FALSE(rma::parse_rma_number(standard, "RMB-2026-000042-" + std::string(1, rma::rma_check_character("RMB2026000042"))));
  CHECK_FALSE(rma::parse_rma_number(standard, "2026-000042-K"));  // valid without a prefix, but this one has one
  CHECK_FALSE(rma::parse_rma_number(standard, "RMA-2025-000042-N"));  // wrong year, old check
  CHECK(rma::parse_rma_number(standard, with_check("RMA2025000042")));  // another year, its own check: valid
  CHECK_FALSE(rma::parse_rma_number(standard, with_check("RMA1899000042")));  // year below 1900
  CHECK(rma::parse_rma_number(standard, with_check("RMA1900000042")));
  CHECK_FALSE(rma::parse_rma_number(standard, with_check("RMA202642")));         // padding too short
  CHECK_FALSE(rma::parse_rma_number(standard, with_check("RMA20260000042")));    // padding too long
  CHECK_FALSE(rma::parse_rma_number(standard, with_check("RMA2026000000")));     // sequence 0
  CHECK_FALSE(rma::parse_rma_number(standard, with_check("RMA202600A042")));     // letter in the sequence
  CHECK_FALSE(rma::parse_rma_number(standard, with_check("RMA20269999999999999999999")));  // past int64
  for (char c : alphabet) {
    if (c == 'N') continue;
    CAPTURE(c);
    CHECK_FALSE(rma::parse_rma_number(standard, std::string("RMA-2026-000042-") + c));
  }
  CHECK(rma::parse_rma_number(standard, "RMA-2026-000042-N"));
  CHECK_FALSE(rma::parse_rma_number(standard, "RMA-2026-000042"));
  CHECK_FALSE(rma::parse_rma_number(standard, ""));
  CHECK_FALSE(rma::parse_rma_number(standard, "- - -"));
  CHECK_FALSE(rma::parse_rma_number(standard, std::string(100000, '0')));
  // Read without a year, the same characters are a valid ten-digit sequence, not year 2026.
  const auto other_format = rma::parse_rma_number(make_format("RMA", false, 6, "-"), "RMA-2026-000042-N");
  REQUIRE(other_format);
  CHECK(other_format->sequence == 2026000042);
  CHECK(other_format->canonical == "RMA-2026000042-N");
  CHECK_FALSE(rma::parse_rma_number(make_format("RMA", false, 6, "-"), "RMA-2026-000042-K"));
}

TEST_CASE("rma number: parse with an invalid format throws") {
  CHECK_THROWS_AS(rma::parse_rma_number(make_format("RMA", true, 0, "-"), "RMA-2026-000042-N"), Error);
}

TEST_CASE("rma number: every single substitution and every neighbour swap is rejected") {
  std::mt19937_64 rng(20261125);
  const auto pick = [&](std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
  };
  const std::string prefix_chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  const char* separators[] = {"", "-", "/", "."};
  std::int64_t mutations = 0;
  for (int n = 0; n < 3000; ++n) {
    NumberFormat f;
    f.prefix.clear();
    for (std::int64_t i = pick(0, 10); i > 0; --i) f.prefix += prefix_chars[static_cast<std::size_t>(pick(0, 35))];
    f.with_year = pick(0, 3) != 0;
    f.digits = static_cast<std::int32_t>(pick(1, 12));
    f.separator = separators[pick(0, 3)];
    const std::int32_t year = static_cast<std::int32_t>(pick(1900, 9999));
    std::int64_t cap = 1;
    for (int i = 0; i < f.digits; ++i) cap *= 10;
    // Mostly sequences within the padding, sometimes longer ones.
    const std::int64_t sequence = pick(0, 4) != 0 ? pick(1, cap - 1) : pick(cap, std::int64_t{1} << 62);

    const std::string number = rma::format_rma_number(f, year, sequence);
    const std::string full = compact(number);
    CAPTURE(number);
    REQUIRE(full.size() <= 36);
    const auto parsed = rma::parse_rma_number(f, full);
    REQUIRE(parsed);
    REQUIRE(parsed->canonical == number);
    REQUIRE(parsed->sequence == sequence);
    REQUIRE(parsed->year == (f.with_year ? year : 0));

    for (std::size_t i = 0; i < full.size(); ++i) {
      for (char c : alphabet) {
        if (c == full[i]) continue;
        std::string typo = full;
        typo[i] = c;
        ++mutations;
        if (rma::parse_rma_number(f, typo)) {
          CAPTURE(typo);
          FAIL("a substitution was accepted");
        }
      }
      if (i + 1 < full.size() && full[i] != full[i + 1]) {
        std::string swapped = full;
        std::swap(swapped[i], swapped[i + 1]);
        ++mutations;
        if (rma::parse_rma_number(f, swapped)) {
          CAPTURE(swapped);
          FAIL("a neighbour swap was accepted");
        }
      }
    }
  }
  CHECK(mutations > 1000000);
}

TEST_CASE("rma number: the check alone catches substitutions and swaps in any alphanumeric body") {
  // Bodies of every length up to 35 with letters anywhere, not only where a number has them.
  std::mt19937_64 rng(7064);
  const std::string alnum = alphabet.substr(0, 36);
  for (int n = 0; n < 2000; ++n) {
    const auto length = static_cast<std::size_t>(1 + n % 35);
    std::string body;
    for (std::size_t i = 0; i < length; ++i) body += alnum[rng() % 36];
    const std::string full = with_check(body);
    REQUIRE(check_passes(full));
    for (std::size_t i = 0; i < full.size(); ++i) {
      const bool is_check = i + 1 == full.size();
      for (char c : is_check ? alphabet : alnum) {
        if (c == full[i]) continue;
        std::string typo = full;
        typo[i] = c;
        if (check_passes(typo)) {
          CAPTURE(typo);
          FAIL("a substitution passed the check");
        }
      }
      if (i + 1 < full.size() && full[i] != full[i + 1]) {
        std::string swapped = full;
        std::swap(swapped[i], swapped[i + 1]);
        if (check_passes(swapped)) {
          CAPTURE(swapped);
          FAIL("a neighbour swap passed the check");
        }
      }
    }
  }
}
