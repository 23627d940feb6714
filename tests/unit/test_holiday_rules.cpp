// Holiday rule kinds (domain/holiday_rule.hpp, holiday_year.hpp): each numeric rule on both sides
// of its boundary — first and last year, nth and last weekday, weekday windows, moves and
// substitute days on Friday, Saturday, Sunday and Monday, leap years.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/holiday_data.hpp"
#include "domain/holiday_set.hpp"
#include "domain/holiday_year.hpp"
#include "rma/error.hpp"

using rma::Date;
using rma::Error;
using rma::Status;
using rma::domain::HolidayRule;
using rma::domain::HolidaySet;

namespace {

Date day(const char* iso) { return Date::from_iso(iso); }

HolidayRule rule(const std::string& json) {
  return rma::domain::holiday_rule_from_json(nlohmann::json::parse(json), "rule");
}

// "2026-05-25 Memorial Day*" per holiday (* marks a substitute day).
std::vector<std::string> year_of(const std::vector<HolidayRule>& rules, std::int32_t year) {
  std::vector<std::string> out;
  for (const auto& d : rma::domain::holidays_in_year(rules, year))
    out.push_back(d.date.to_iso() + " " + rules[d.rule].name + (d.substitute ? "*" : ""));
  return out;
}

std::vector<std::string> one(const std::string& json, std::int32_t year) { return year_of({rule(json)}, year); }

Status status_of(const std::string& json, std::string& field) {
  try {
    rule(json);
  } catch (const Error& e) {
    field = e.field();
    return e.status();
  }
  return Status::ok;
}

}  // namespace

TEST_CASE("holiday rules: first and last year hold on both sides") {
  const std::string epiphany = R"({"name": "Epiphany", "annual": "01-06", "from": 2011, "source": "x"})";
  CHECK(one(epiphany, 2010).empty());
  CHECK(one(epiphany, 2011) == std::vector<std::string>{"2011-01-06 Epiphany"});
  const std::string prayer = R"({"name": "Prayer Day", "easter": 26, "until": 2023, "source": "x"})";
  CHECK(one(prayer, 2023) == std::vector<std::string>{"2023-05-05 Prayer Day"});
  CHECK(one(prayer, 2024).empty());
  const std::string suspended = R"({"name": "Republic Day", "annual": "10-05", "not_in": [2013, 2015], "source": "x"})";
  CHECK(one(suspended, 2012).size() == 1);
  CHECK(one(suspended, 2013).empty());
  CHECK(one(suspended, 2014).size() == 1);
  CHECK(one(suspended, 2015).empty());
}

TEST_CASE("holiday rules: a one-off date only in its year") {
  const std::string once = R"({"name": "Centenary", "date": "2018-11-12", "source": "x"})";
  CHECK(one(once, 2017).empty());
  CHECK(one(once, 2018) == std::vector<std::string>{"2018-11-12 Centenary"});
  CHECK(one(once, 2019).empty());
}

TEST_CASE("holiday rules: 29 February only in leap years") {
  const std::string leap = R"({"name": "Leap", "annual": "02-29", "source": "x"})";
  CHECK(one(leap, 2023).empty());
  CHECK(one(leap, 2024) == std::vector<std::string>{"2024-02-29 Leap"});
  CHECK(one(leap, 2100).empty());  // not a leap year (divisible by 100)
  CHECK(one(leap, 2000).size() == 1);  // divisible by 400
}

TEST_CASE("holiday rules: nth weekday of a month, first to fifth and from the end") {
  // May 2026 starts on a Friday: Mondays are 4, 11, 18, 25.
  CHECK(one(R"({"name": "M", "weekday": {"day": "monday", "month": 5, "nth": 1}, "source": "x"})", 2026) ==
        std::vector<std::string>{"2026-05-04 M"});
  CHECK(one(R"({"name": "M", "weekday": {"day": "monday", "month": 5, "nth": 4}, "source": "x"})", 2026) ==
        std::vector<std::string>{"2026-05-25 M"});
  CHECK(one(R"({"name": "M", "weekday": {"day": "monday", "month": 5, "nth": 5}, "source": "x"})", 2026).empty());
  CHECK(one(R"({"name": "M", "weekday": {"day": "friday", "month": 5, "nth": 5}, "source": "x"})", 2026) ==
        std::vector<std::string>{"2026-05-29 M"});
  // Last Monday of May: the 31st in 2021 (last possible day), the 25th in 2026 (first possible).
  const std::string last = R"({"name": "Memorial Day", "weekday": {"day": "monday", "month": 5, "nth": -1}, "source": "x"})";
  CHECK(one(last, 2021) == std::vector<std::string>{"2021-05-31 Memorial Day"});
  CHECK(one(last, 2026) == std::vector<std::string>{"2026-05-25 Memorial Day"});
  // Last Sunday of February depends on the leap day: 2024-02-25 (leap), 2026-02-22.
  const std::string feb = R"({"name": "F", "weekday": {"day": "thursday", "month": 2, "nth": -1}, "source": "x"})";
  CHECK(one(feb, 2024) == std::vector<std::string>{"2024-02-29 F"});
  CHECK(one(feb, 2023) == std::vector<std::string>{"2023-02-23 F"});
  CHECK(one(R"({"name": "F", "weekday": {"day": "thursday", "month": 2, "nth": -5}, "source": "x"})", 2024) ==
        std::vector<std::string>{"2024-02-01 F"});
  CHECK(one(R"({"name": "F", "weekday": {"day": "thursday", "month": 2, "nth": -5}, "source": "x"})", 2023).empty());
}

TEST_CASE("holiday rules: the Saturday between two dates, both ends of the window") {
  const std::string midsummer = R"({"name": "Midsummer Day", "weekday": {"day": "saturday", "on_or_after": "06-20"}, "source": "x"})";
  CHECK(one(midsummer, 2026) == std::vector<std::string>{"2026-06-20 Midsummer Day"});  // 20 June is a Saturday
  CHECK(one(midsummer, 2027) == std::vector<std::string>{"2027-06-26 Midsummer Day"});  // 20 June is a Sunday
  const std::string all_saints = R"({"name": "All Saints", "weekday": {"day": "saturday", "on_or_after": "10-31"}, "source": "x"})";
  CHECK(one(all_saints, 2026) == std::vector<std::string>{"2026-10-31 All Saints"});
  CHECK(one(all_saints, 2027) == std::vector<std::string>{"2027-11-06 All Saints"});
}

TEST_CASE("holiday rules: Easter and Orthodox Easter offsets, across a year end") {
  CHECK(one(R"({"name": "Good Friday", "easter": -2, "source": "x"})", 2026) ==
        std::vector<std::string>{"2026-04-03 Good Friday"});
  CHECK(one(R"({"name": "Orthodox Monday", "orthodox_easter": 1, "source": "x"})", 2026) ==
        std::vector<std::string>{"2026-04-13 Orthodox Monday"});
  // +300 days from Easter 2026 (5 April) is 30 January 2027: listed in 2027, not in 2026.
  const std::string far = R"({"name": "Far", "easter": 300, "source": "x"})";
  CHECK(one(far, 2027).front() == "2027-01-30 Far");
  CHECK(one(far, 2026).front() == "2026-02-14 Far");  // from Easter 2025 (20 April)
}

TEST_CASE("holiday rules: a move by weekday (St Brigid's Day: first Monday of February, or 1 February on a Friday)") {
  const std::string brigid = R"({"name": "St Brigid's Day", "annual": "02-01",
      "move": {"tuesday": 6, "wednesday": 5, "thursday": 4, "saturday": 2, "sunday": 1}, "source": "x"})";
  CHECK(one(brigid, 2024) == std::vector<std::string>{"2024-02-05 St Brigid's Day"});  // Thursday
  CHECK(one(brigid, 2030) == std::vector<std::string>{"2030-02-01 St Brigid's Day"});  // Friday: stays
  CHECK(one(brigid, 2025) == std::vector<std::string>{"2025-02-03 St Brigid's Day"});  // Saturday
  CHECK(one(brigid, 2026) == std::vector<std::string>{"2026-02-02 St Brigid's Day"});  // Sunday
  CHECK(one(brigid, 2027) == std::vector<std::string>{"2027-02-01 St Brigid's Day"});  // Monday: stays
  // King's Day: on a Sunday the Saturday before.
  const std::string kings = R"({"name": "King's Day", "annual": "04-27", "move": {"sunday": -1}, "source": "x"})";
  CHECK(one(kings, 2025) == std::vector<std::string>{"2025-04-26 King's Day"});  // Sunday
  CHECK(one(kings, 2024) == std::vector<std::string>{"2024-04-27 King's Day"});  // Saturday: stays
  CHECK(one(kings, 2026) == std::vector<std::string>{"2026-04-27 King's Day"});  // Monday: stays
}

TEST_CASE("holiday rules: observed days, Friday before and Monday after, across the year end") {
  const std::string obs = R"({"name": "New Year's Day", "annual": "01-01", "substitute": {"saturday": -1, "sunday": 1}, "source": "x"})";
  // 2021-01-01 Friday: nothing added; 2022-01-01 Saturday: Friday 2021-12-31, listed in 2021.
  CHECK(one(obs, 2021) == std::vector<std::string>{"2021-01-01 New Year's Day", "2021-12-31 New Year's Day*"});
  CHECK(one(obs, 2022) == std::vector<std::string>{"2022-01-01 New Year's Day"});
  // 2023-01-01 Sunday: Monday 2 January; 2024-01-01 Monday: nothing added.
  CHECK(one(obs, 2023) == std::vector<std::string>{"2023-01-01 New Year's Day", "2023-01-02 New Year's Day*"});
  CHECK(one(obs, 2024) == std::vector<std::string>{"2024-01-01 New Year's Day"});
}

TEST_CASE("holiday rules: the next free weekday skips the holidays of the rules before it") {
  const std::vector<HolidayRule> christmas = {
      rule(R"({"name": "Christmas Day", "annual": "12-25", "substitute": {"saturday": "next_free_weekday", "sunday": "next_free_weekday"}, "source": "x"})"),
      rule(R"({"name": "Boxing Day", "annual": "12-26", "substitute": {"saturday": "next_free_weekday", "sunday": "next_free_weekday"}, "source": "x"})")};
  // Christmas on a Friday (2026): Boxing Day Saturday gives Monday 28th.
  CHECK(year_of(christmas, 2026) == std::vector<std::string>{"2026-12-25 Christmas Day", "2026-12-26 Boxing Day",
                                                             "2026-12-28 Boxing Day*"});
  // On a Saturday (2021): Monday 27th and Tuesday 28th.
  CHECK(year_of(christmas, 2021) == std::vector<std::string>{"2021-12-25 Christmas Day", "2021-12-26 Boxing Day",
                                                             "2021-12-27 Christmas Day*", "2021-12-28 Boxing Day*"});
  // On a Sunday (2022): Boxing Day is the Monday, Christmas's substitute the Tuesday.
  CHECK(year_of(christmas, 2022) == std::vector<std::string>{"2022-12-25 Christmas Day", "2022-12-26 Boxing Day",
                                                             "2022-12-27 Christmas Day*"});
  // On a Monday (2023): nothing added.
  CHECK(year_of(christmas, 2023) == std::vector<std::string>{"2023-12-25 Christmas Day", "2023-12-26 Boxing Day"});
}

TEST_CASE("holiday rules: the year cache answers like the rules, in and outside its years") {
  const HolidaySet set({rule(R"({"name": "Leap", "annual": "02-29", "source": "x"})"),
                        rule(R"({"name": "Last", "annual": "12-31", "substitute": {"saturday": -1}, "source": "x"})")});
  CHECK(set.contains(day("2024-02-29")));
  CHECK_FALSE(set.contains(day("2024-02-28")));
  CHECK_FALSE(set.contains(day("2024-03-01")));
  CHECK(set.contains(day("2024-12-31")));  // day 365 of a leap year: the last bit
  CHECK(set.contains(day("2022-12-30")));  // 31 December 2022 is a Saturday
  CHECK(set.contains(Date{1899, 12, 31}));  // before the cached years
  CHECK(set.contains(day("2300-12-31")));  // after them
  CHECK_FALSE(set.contains(day("2300-12-30")));
}

TEST_CASE("holiday rules: bad rules are refused naming the member") {
  std::string field;
  CHECK(status_of(R"({"name": "x", "source": "x"})", field) == Status::missing_field);
  CHECK(field == "rule");
  CHECK(status_of(R"({"name": "x", "annual": "01-01", "easter": 1, "source": "x"})", field) == Status::invalid_argument);
  CHECK(field == "rule.easter");
  CHECK(status_of(R"({"name": "x", "annual": "02-30", "source": "x"})", field) == Status::out_of_range);
  CHECK(field == "rule.annual");
  CHECK(status_of(R"({"name": "x", "annual": "01-01"})", field) == Status::missing_field);
  CHECK(field == "rule.source");
  CHECK(status_of(R"({"name": "x", "weekday": {"day": "monday", "month": 5, "nth": 0}, "source": "x"})", field) == Status::out_of_range);
  CHECK(field == "rule.weekday.nth");
  CHECK(status_of(R"({"name": "x", "weekday": {"day": "monday", "month": 5, "nth": 6}, "source": "x"})", field) == Status::out_of_range);
  CHECK(status_of(R"({"name": "x", "weekday": {"day": "mon", "month": 5, "nth": 1}, "source": "x"})", field) == Status::unknown_value);
  CHECK(field == "rule.weekday.day");
  CHECK(status_of(R"({"name": "x", "annual": "01-01", "from": 2020, "until": 2019, "source": "x"})", field) == Status::invalid_argument);
  CHECK(field == "rule.until");
  CHECK(status_of(R"({"name": "x", "annual": "01-01", "substitute": {"sunday": 7}, "source": "x"})", field) == Status::out_of_range);
  CHECK(field == "rule.substitute.sunday");
  CHECK(status_of(R"({"name": "x", "annual": "01-01", "move": {"sunday": "next_free_weekday"}, "source": "x"})", field) == Status::wrong_type);
  CHECK(field == "rule.move.sunday");
}
