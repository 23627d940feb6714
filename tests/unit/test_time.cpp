#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>

#include "rma/error.hpp"
#include "rma/time.hpp"

using rma::Date;
using rma::Error;
using rma::Status;
using rma::Timestamp;

namespace {

constexpr std::int64_t second = 1000000;
constexpr std::int64_t day = 86400 * second;
constexpr std::int64_t first_1900 = -2208988800LL * second;           // 1900-01-01T00:00:00Z
constexpr std::int64_t last_9999 = 253402300799LL * second + 999999;  // 9999-12-31T23:59:59.999999Z

Status instant_status(const std::string& text) {
  try {
    Timestamp::from_iso(text);
  } catch (const Error& e) {
    return e.status();
  }
  return Status::ok;
}

Status date_status(const std::string& text) {
  try {
    Date::from_iso(text);
  } catch (const Error& e) {
    return e.status();
  }
  return Status::ok;
}

// Days since 1970-01-01 to a civil date, written independently of Boost (H. Hinnant's algorithm)
// so the calendar sweep below checks librma against a second implementation.
Date civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return Date{static_cast<std::int32_t>(y), static_cast<std::int32_t>(m), static_cast<std::int32_t>(d)};
}

}  // namespace

TEST_CASE("time: to_iso prints UTC with microseconds only when there are some") {
  CHECK(Timestamp{0}.to_iso() == "1970-01-01T00:00:00Z");
  CHECK(Timestamp{1}.to_iso() == "1970-01-01T00:00:00.000001Z");
  CHECK(Timestamp{-1}.to_iso() == "1969-12-31T23:59:59.999999Z");
  CHECK(Timestamp{1795599000000000}.to_iso() == "2026-11-25T09:30:00Z");
  CHECK(Timestamp{1795599000000000 + 500000}.to_iso() == "2026-11-25T09:30:00.500000Z");
  CHECK(Timestamp{first_1900}.to_iso() == "1900-01-01T00:00:00Z");
  CHECK(Timestamp{last_9999}.to_iso() == "9999-12-31T23:59:59.999999Z");
}

TEST_CASE("time: to_iso refuses instants outside the years 1900..9999") {
  CHECK_THROWS_AS(Timestamp{first_1900 - 1}.to_iso(), Error);
  CHECK_THROWS_AS(Timestamp{last_9999 + 1}.to_iso(), Error);
  CHECK_THROWS_AS(Timestamp{std::numeric_limits<std::int64_t>::min()}.to_iso(), Error);
  CHECK_THROWS_AS(Timestamp{std::numeric_limits<std::int64_t>::max()}.to_iso(), Error);
  try {
    Timestamp{last_9999 + 1}.to_iso();
  } catch (const Error& e) {
    CHECK(e.status() == Status::out_of_range);
  }
}

TEST_CASE("time: from_iso reads UTC instants and fractions of 1 to 6 digits") {
  CHECK(Timestamp::from_iso("2026-11-25T09:30:00Z").micros == 1795599000000000);
  CHECK(Timestamp::from_iso("1970-01-01T00:00:00Z").micros == 0);
  CHECK(Timestamp::from_iso("1969-12-31T23:59:59.999999Z").micros == -1);
  CHECK(Timestamp::from_iso("1970-01-01T00:00:00.5Z").micros == 500000);
  CHECK(Timestamp::from_iso("1970-01-01T00:00:00.05Z").micros == 50000);
  CHECK(Timestamp::from_iso("1970-01-01T00:00:00.000001Z").micros == 1);
  CHECK(Timestamp::from_iso("1970-01-01T00:00:00.000000Z").micros == 0);
  CHECK(Timestamp::from_iso("1970-01-01T00:00:00.123456Z").micros == 123456);
  CHECK(instant_status("1970-01-01T00:00:00.1234567Z") == Status::invalid_argument);
  CHECK(instant_status("1970-01-01T00:00:00.Z") == Status::invalid_argument);
}

TEST_CASE("time: microseconds round trip through text") {
  for (std::int64_t micros : {std::int64_t{0}, std::int64_t{1}, std::int64_t{-1}, std::int64_t{999999},
                              std::int64_t{1000000}, std::int64_t{1795599000123456}, first_1900, last_9999,
                              first_1900 + 1, last_9999 - 1}) {
    CAPTURE(micros);
    const Timestamp t{micros};
    CHECK(Timestamp::from_iso(t.to_iso()) == t);
  }
}

TEST_CASE("time: offsets are converted to UTC, across midnight and year end") {
  CHECK(Timestamp::from_iso("2026-01-01T00:30:00+01:00").to_iso() == "2025-12-31T23:30:00Z");
  CHECK(Timestamp::from_iso("2025-12-31T23:30:00-01:00").to_iso() == "2026-01-01T00:30:00Z");
  CHECK(Timestamp::from_iso("2024-03-01T05:00:00+05:45").to_iso() == "2024-02-29T23:15:00Z");
  CHECK(Timestamp::from_iso("2026-11-25T09:30:00.250000+14:00").to_iso() == "2026-11-24T19:30:00.250000Z");
  CHECK(Timestamp::from_iso("2026-11-25T09:30:00-00:00") == Timestamp::from_iso("2026-11-25T09:30:00Z"));
  CHECK(Timestamp::from_iso("2026-11-25T09:30:00+00:00") == Timestamp::from_iso("2026-11-25T09:30:00Z"));
  CHECK(Timestamp::from_iso("2026-11-25T09:30:00+23:59").to_iso() == "2026-11-24T09:31:00Z");
  CHECK(instant_status("2026-11-25T09:30:00+24:00") == Status::out_of_range);
  CHECK(instant_status("2026-11-25T09:30:00+01:60") == Status::out_of_range);
}

TEST_CASE("time: the years 1900..9999 hold in the text and after conversion to UTC") {
  CHECK(Timestamp::from_iso("1900-01-01T00:00:00Z").micros == first_1900);
  CHECK(Timestamp::from_iso("9999-12-31T23:59:59.999999Z").micros == last_9999);
  CHECK(instant_status("1899-12-31T23:59:59Z") == Status::out_of_range);
  CHECK(instant_status("0000-01-01T00:00:00Z") == Status::out_of_range);
  CHECK(instant_status("1900-01-01T00:30:00+01:00") == Status::out_of_range);
  CHECK(instant_status("1900-01-01T00:30:00-01:00") == Status::ok);
  CHECK(instant_status("9999-12-31T23:30:00-01:00") == Status::out_of_range);
  CHECK(instant_status("9999-12-31T23:30:00+01:00") == Status::ok);
}

TEST_CASE("time: out-of-range parts are out_of_range") {
  CHECK(instant_status("2024-02-29T00:00:00Z") == Status::ok);
  CHECK(instant_status("2023-02-29T00:00:00Z") == Status::out_of_range);
  CHECK(instant_status("2023-02-28T00:00:00Z") == Status::ok);
  CHECK(instant_status("2000-02-29T00:00:00Z") == Status::ok);        // divisible by 400
  CHECK(instant_status("1900-02-29T00:00:00Z") == Status::out_of_range);  // by 100 only
  CHECK(instant_status("2026-13-01T00:00:00Z") == Status::out_of_range);
  CHECK(instant_status("2026-12-01T00:00:00Z") == Status::ok);
  CHECK(instant_status("2026-00-01T00:00:00Z") == Status::out_of_range);
  CHECK(instant_status("2026-01-00T00:00:00Z") == Status::out_of_range);
  CHECK(instant_status("2026-01-31T00:00:00Z") == Status::ok);
  CHECK(instant_status("2026-01-32T00:00:00Z") == Status::out_of_range);
  CHECK(instant_status("2026-04-30T00:00:00Z") == Status::ok);
  CHECK(instant_status("2026-04-31T00:00:00Z") == Status::out_of_range);
  CHECK(instant_status("2026-11-25T23:59:59Z") == Status::ok);
  CHECK(instant_status("2026-11-25T24:00:00Z") == Status::out_of_range);
  CHECK(instant_status("2026-11-25T09:60:00Z") == Status::out_of_range);
  CHECK(instant_status("2016-12-31T23:59:60Z") == Status::out_of_range);  // a real leap second
}

TEST_CASE("time: malformed instants are invalid_argument") {
  for (const char* text : {"", "2026-11-25", "2026-11-25T09:30:00", "2026-11-25 09:30:00Z",
                           "2026-11-25t09:30:00Z", "2026-11-25T09:30:00z", "2026-11-25T09:30Z",
                           "26-11-25T09:30:00Z", "+2026-11-25T09:30:00Z", "2026-11-25T09:30:00Z ",
                           " 2026-11-25T09:30:00Z", "2026-11-25T09:30:00+0100", "2026-11-25T09:30:00+01",
                           "2026-1-25T09:30:00Z", "2026-11-25T9:30:00Z", "2026/11/25T09:30:00Z",
                           "2026-11-25T09:30:00ZZ", "2026-11-25T09:30:00.12a4Z", "2026-11-25T09:30:00,5Z",
                           "2026-11-25T09:30:00+01:00Z", "-026-11-25T09:30:00Z", "20261125T093000Z"}) {
    CAPTURE(text);
    CHECK(instant_status(text) == Status::invalid_argument);
  }
}

TEST_CASE("time: errors name the text, without a field, and stay short") {
  try {
    Timestamp::from_iso("2023-02-29T10:00:00Z");
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.field().empty());
    CHECK(std::string(e.what()).find("\"2023-02-29T10:00:00Z\"") != std::string::npos);
  }
  const std::string huge(100000, '9');
  try {
    Timestamp::from_iso(huge);
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.status() == Status::invalid_argument);
    CHECK(std::string(e.what()).size() < 200);
  }
}

TEST_CASE("time: dates parse strictly and validate leap years") {
  CHECK(Date::from_iso("2024-02-29") == Date{2024, 2, 29});
  CHECK(date_status("2023-02-29") == Status::out_of_range);
  CHECK(date_status("2100-02-29") == Status::out_of_range);
  CHECK(date_status("2000-02-29") == Status::ok);
  CHECK(date_status("1900-01-01") == Status::ok);
  CHECK(date_status("1899-12-31") == Status::out_of_range);
  CHECK(date_status("9999-12-31") == Status::ok);
  CHECK(date_status("2026-13-01") == Status::out_of_range);
  CHECK(date_status("2026-06-31") == Status::out_of_range);
  CHECK(date_status("2026-06-30") == Status::ok);
  for (const char* text : {"", "2026-11-5", "2026-11-25T", "2026-11-25 ", " 2026-11-25", "2026/11/25",
                           "20261125", "2026-11-25T00:00:00Z", "10000-01-01", "2026-1a-01"}) {
    CAPTURE(text);
    CHECK(date_status(text) == Status::invalid_argument);
  }
}

TEST_CASE("time: dates print with zero padding and round trip") {
  CHECK(Date{1905, 1, 2}.to_iso() == "1905-01-02");
  CHECK(Date{2026, 11, 25}.to_iso() == "2026-11-25");
  CHECK(Date::from_iso(Date{2024, 2, 29}.to_iso()) == Date{2024, 2, 29});
}

TEST_CASE("time: the calendar agrees with an independent algorithm") {
  // Every day from 1968 to 2104 (leap rules around 2000 and 2100), then every 97th day of the whole range.
  const auto check_day = [](std::int64_t days) {
    const Date expected = civil_from_days(days);
    const Timestamp midnight{days * day};
    REQUIRE(midnight.to_iso() == expected.to_iso() + "T00:00:00Z");
    REQUIRE(Timestamp::from_iso(expected.to_iso() + "T23:59:59.999999Z").micros == (days + 1) * day - 1);
    REQUIRE(Date::from_iso(expected.to_iso()) == expected);
    REQUIRE(rma::utc_year(midnight) == expected.year);
  };
  for (std::int64_t days = -731; days < 49000; ++days) check_day(days);
  for (std::int64_t days = first_1900 / day; days <= last_9999 / day; days += 97) check_day(days);
}

TEST_CASE("time: utc_year changes exactly at midnight UTC on January 1") {
  CHECK(rma::utc_year(Timestamp::from_iso("2025-12-31T23:59:59.999999Z")) == 2025);
  CHECK(rma::utc_year(Timestamp::from_iso("2026-01-01T00:00:00Z")) == 2026);
  CHECK(rma::utc_year(Timestamp{0}) == 1970);
  CHECK(rma::utc_year(Timestamp{-1}) == 1969);
  CHECK(rma::utc_year(Timestamp::from_iso("2026-01-01T00:30:00+01:00")) == 2025);
}

TEST_CASE("time: system_now reads the real clock in UTC") {
  const Timestamp now = rma::system_now();
  CHECK(now > Timestamp::from_iso("2024-01-01T00:00:00Z"));
  CHECK(now < Timestamp::from_iso("2200-01-01T00:00:00Z"));
}

TEST_CASE("Date::to_iso pads to four digits and prints out-of-range members as they are") {
  CHECK(rma::Date{999, 1, 2}.to_iso() == "0999-01-02");
  CHECK(rma::Date{9999, 12, 31}.to_iso() == "9999-12-31");
  CHECK(rma::Date{10000, 1, 1}.to_iso() == "10000-01-01");
  CHECK(rma::Date{2026, 100, 1}.to_iso() == "2026-100-01");
}
