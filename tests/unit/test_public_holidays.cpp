// Built-in public holidays (rma/public_holidays.hpp, data/holidays.json) and calendars naming
// them (docs/calendars.md): the issue's dates on both sides of each rule's first year, substitute
// days, unknown codes, removals, the list form kept, and a document loaded at run time.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "rma/calendar.hpp"
#include "rma/error.hpp"
#include "rma/public_holidays.hpp"

using rma::BusinessCalendar;
using rma::Date;
using rma::Error;
using rma::is_public_holiday;
using rma::Status;

namespace {

Date day(const char* iso) { return Date::from_iso(iso); }

struct Failure {
  Status status = Status::ok;
  std::string field;
};

template <class Call>
Failure failure_of(Call&& call) {
  try {
    call();
  } catch (const Error& e) {
    return Failure{e.status(), e.field()};
  }
  return Failure{};
}

BusinessCalendar weekdays_with(const std::string& holidays) {
  return BusinessCalendar::from_json(R"({"week": {"monday": ["09:00-17:00"], "tuesday": ["09:00-17:00"],
      "wednesday": ["09:00-17:00"], "thursday": ["09:00-17:00"], "friday": ["09:00-17:00"]}, "holidays": )" +
                                     holidays + "}");
}

}  // namespace

TEST_CASE("public holidays: first years of Polish and Italian rules, on both sides") {
  CHECK_FALSE(is_public_holiday("PL", "", day("2024-12-24")));
  CHECK(is_public_holiday("PL", "", day("2025-12-24")));
  CHECK_FALSE(is_public_holiday("PL", "", day("2010-01-06")));
  CHECK(is_public_holiday("PL", "", day("2011-01-06")));
  CHECK(is_public_holiday("PL", "", day("2018-11-12")));
  CHECK_FALSE(is_public_holiday("PL", "", day("2019-11-12")));
  CHECK_FALSE(is_public_holiday("IT", "", day("2000-06-02")));
  CHECK(is_public_holiday("IT", "", day("2001-06-02")));
  CHECK_FALSE(is_public_holiday("IT", "", day("2025-10-04")));
  CHECK(is_public_holiday("IT", "", day("2026-10-04")));
}

TEST_CASE("public holidays: Slovak days off ended or suspended by the consolidation acts, on both sides") {
  CHECK(is_public_holiday("SK", "", day("2023-09-01")));
  CHECK_FALSE(is_public_holiday("SK", "", day("2024-09-01")));
  CHECK(is_public_holiday("SK", "", day("2024-11-17")));
  CHECK_FALSE(is_public_holiday("SK", "", day("2025-11-17")));
  CHECK(is_public_holiday("SK", "", day("2025-05-08")));
  CHECK_FALSE(is_public_holiday("SK", "", day("2026-05-08")));
  CHECK(is_public_holiday("SK", "", day("2027-05-08")));
}

TEST_CASE("public holidays: Orthodox Easter in Romania, Greece, Bulgaria and Cyprus") {
  // Orthodox Easter 2026 is 12 April, Western 5 April.
  for (const char* country : {"RO", "GR", "BG", "CY"}) {
    CAPTURE(country);
    CHECK(is_public_holiday(country, "", day("2026-04-13")));
    CHECK_FALSE(is_public_holiday(country, "", day("2026-04-06")));
  }
}

TEST_CASE("public holidays: UK substitute days and US observed days") {
  // Christmas 2021 on a Saturday: Monday 27 and Tuesday 28 December; nothing on Wednesday 29.
  CHECK(is_public_holiday("GB", "", day("2021-12-27")));
  CHECK(is_public_holiday("GB", "", day("2021-12-28")));
  CHECK_FALSE(is_public_holiday("GB", "", day("2021-12-29")));
  // Last Monday of May and Scotland's first Monday of August instead of the last.
  CHECK(is_public_holiday("GB", "", day("2026-05-25")));
  CHECK(is_public_holiday("GB", "", day("2026-08-31")));
  CHECK_FALSE(is_public_holiday("GB", "SCT", day("2026-08-31")));
  CHECK(is_public_holiday("GB", "SCT", day("2026-08-03")));
  // US: Independence Day 2026 on a Saturday is observed on Friday 3 July, not on Monday 6 July.
  CHECK(is_public_holiday("US", "", day("2026-07-03")));
  CHECK_FALSE(is_public_holiday("US", "", day("2026-07-06")));
  // Juneteenth from 2021 (observed Friday 18 June 2021), none in 2020.
  CHECK(is_public_holiday("US", "", day("2021-06-18")));
  CHECK_FALSE(is_public_holiday("US", "", day("2020-06-19")));
}

TEST_CASE("public holidays: German states and Swedish Midsummer") {
  CHECK(is_public_holiday("DE", "BY", day("2026-01-06")));
  CHECK_FALSE(is_public_holiday("DE", "", day("2026-01-06")));
  CHECK_FALSE(is_public_holiday("DE", "BE", day("2026-01-06")));
  CHECK(is_public_holiday("DE", "SN", day("2026-11-18")));  // Repentance Day: the Wednesday before 23 November
  CHECK_FALSE(is_public_holiday("DE", "SN", day("2026-11-11")));
  CHECK(is_public_holiday("DE", "HH", day("2018-10-31")));
  CHECK_FALSE(is_public_holiday("DE", "HH", day("2016-10-31")));
  CHECK(is_public_holiday("DE", "HH", day("2017-10-31")));  // the one-off Reformation Day 2017
  CHECK(is_public_holiday("SE", "", day("2026-06-19")));    // Midsummer Eve
  CHECK(is_public_holiday("SE", "", day("2026-06-20")));    // Midsummer Day
  CHECK_FALSE(is_public_holiday("SE", "", day("2026-06-26")));
}

TEST_CASE("public holidays: every EU member state, CH, GB, NO and US, and the 16 German states") {
  const std::vector<rma::PublicHolidayRegion> regions = rma::public_holiday_regions();
  std::vector<std::string> codes;
  for (const auto& r : regions) codes.push_back(r.subdivision.empty() ? r.country : r.country + "-" + r.subdivision);
  for (const char* code : {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
                           "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "CH", "GB", "NO",
                           "US", "DE-BW", "DE-BY", "DE-BE", "DE-BB", "DE-HB", "DE-HH", "DE-HE", "DE-MV", "DE-NI",
                           "DE-NW", "DE-RP", "DE-SL", "DE-SN", "DE-ST", "DE-SH", "DE-TH", "GB-SCT", "GB-NIR"}) {
    CAPTURE(code);
    CHECK(std::find(codes.begin(), codes.end(), code) != codes.end());
  }
  // Every country has New Year's Day.
  for (const auto& r : regions) {
    CAPTURE(r.country);
    CHECK(is_public_holiday(r.country, r.subdivision, day("2026-01-01")));
  }
}

TEST_CASE("public holidays: a year's list has names and substitute flags") {
  const auto uk = rma::public_holidays("GB", "", 2022);
  // 1 January (a Saturday) and its substitute, the Easter days, early May, the moved spring holiday,
  // the Platinum Jubilee, summer, the State Funeral, Christmas, Boxing Day and the substitute.
  REQUIRE(uk.size() == 12);
  CHECK(uk.back().date == day("2022-12-27"));
  CHECK(uk.back().name == "Christmas Day");
  CHECK(uk.back().substitute);
  CHECK(failure_of([] { rma::public_holidays("PL", "", 1582); }).field == "year");
}

TEST_CASE("public holidays: unknown codes are unknown_value naming the field") {
  const Failure country = failure_of([] { is_public_holiday("XX", "", day("2026-01-01")); });
  CHECK(country.status == Status::unknown_value);
  CHECK(country.field == "country");
  const Failure subdivision = failure_of([] { is_public_holiday("DE", "XX", day("2026-01-01")); });
  CHECK(subdivision.status == Status::unknown_value);
  CHECK(subdivision.field == "subdivision");
}

TEST_CASE("calendars: built-in holidays by country and subdivision, added and removed days") {
  const BusinessCalendar bavaria = weekdays_with(R"({"country": "DE", "subdivision": "BY"})");
  CHECK(bavaria.is_holiday(day("2026-01-06")));
  CHECK(bavaria.hours_on(day("2026-01-06")).empty());
  CHECK_FALSE(bavaria.is_holiday(day("2026-01-07")));
  const BusinessCalendar poland = weekdays_with(
      R"({"country": "PL", "add": [{"date": "2026-12-31", "name": "stock take"}], "remove": ["2026-12-24", "Epiphany"]})");
  CHECK(poland.is_holiday(day("2026-12-31")));
  CHECK_FALSE(poland.is_holiday(day("2026-12-24")));
  CHECK(poland.is_holiday(day("2027-12-24")));  // a date removes that year only
  CHECK_FALSE(poland.is_holiday(day("2026-01-06")));
  CHECK_FALSE(poland.is_holiday(day("2027-01-06")));  // a rule's name removes every year
  CHECK(poland.is_holiday(day("2026-11-11")));
  // The list form still means the calendar's own holidays only.
  const BusinessCalendar own = weekdays_with(R"([{"annual": "12-24"}])");
  CHECK(own.is_holiday(day("2026-12-24")));
  CHECK_FALSE(own.is_holiday(day("2026-12-25")));
  CHECK_FALSE(own.config().public_holidays.has_value());
  CHECK(poland.config().public_holidays->remove.size() == 2);
}

TEST_CASE("calendars: a wrong holiday selection names its JSON path") {
  const auto check = [](const std::string& holidays, Status status, const std::string& field) {
    CAPTURE(holidays);
    const Failure f = failure_of([&] { weekdays_with(holidays); });
    CHECK(f.status == status);
    CHECK(f.field == field);
  };
  check(R"({"country": "XX"})", Status::unknown_value, "holidays.country");
  check(R"({"country": "DE", "subdivision": "XX"})", Status::unknown_value, "holidays.subdivision");
  check(R"({"subdivision": "BY"})", Status::missing_field, "holidays.country");
  check(R"({"country": "PL", "remove": ["No Such Day"]})", Status::unknown_value, "holidays.remove[0]");
  check(R"({"country": "PL", "remove": ["2026-12-23"]})", Status::invalid_argument, "holidays.remove[0]");
  check(R"({"country": "PL", "remove": ["2026-13-01"]})", Status::out_of_range, "holidays.remove[0]");
  check(R"({"country": "PL", "remove": ["Epiphany", "Epiphany"]})", Status::duplicate, "holidays.remove[1]");
  check(R"({"country": "PL", "add": [{"annual": "13-01"}]})", Status::out_of_range, "holidays.add[0].annual");
  check(R"({"country": "PL", "extra": 1})", Status::unknown_value, "holidays.extra");
  check(R"("PL")", Status::wrong_type, "holidays");
}

TEST_CASE("public holidays: a newer document replaces the rules, a bad one changes nothing") {
  const std::string built_in(rma::built_in_public_holidays());
  std::string newer = built_in;
  const std::string anchor = "\"version\": \"";
  newer.replace(newer.find(anchor) + anchor.size(), 0, "test-");
  const std::string pl = "\"PL\": {\n      \"name\": \"Poland\",\n      \"holidays\": [\n";
  REQUIRE(newer.find(pl) != std::string::npos);
  newer.insert(newer.find(pl) + pl.size(), R"(        {"name": "Test day", "date": "2031-03-03", "source": "test"},)" "\n");
  const BusinessCalendar before = weekdays_with(R"({"country": "PL"})");
  CHECK(rma::load_public_holidays(newer).rfind("test-", 0) == 0);
  CHECK(is_public_holiday("PL", "", day("2031-03-03")));
  CHECK(weekdays_with(R"({"country": "PL"})").is_holiday(day("2031-03-03")));
  CHECK_FALSE(before.is_holiday(day("2031-03-03")));  // built before: keeps its rules
  // Another thread sees the new rules too.
  bool seen = false;
  std::thread([&] { seen = is_public_holiday("PL", "", day("2031-03-03")); }).join();
  CHECK(seen);
  const Failure bad = failure_of([] { rma::load_public_holidays(R"({"format": 1, "version": "x", "countries": {"PL": {}}})"); });
  CHECK(bad.status == Status::missing_field);
  CHECK(bad.field == "countries.PL.name");
  CHECK(is_public_holiday("PL", "", day("2031-03-03")));
  rma::load_public_holidays(built_in);
  CHECK_FALSE(is_public_holiday("PL", "", day("2031-03-03")));
}
