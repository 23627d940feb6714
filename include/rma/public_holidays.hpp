// rma/public_holidays.hpp — the public (statutory, day-off) holidays librma knows: every EU member
// state, Switzerland, the United Kingdom, Norway and the United States at national level, the
// German states, the Swiss cantons and the UK's nations (docs/calendars.md lists them).
//
// The rules come from data/holidays.json, compiled in, each with its legal source. A host may load
// a newer document at run time (load_public_holidays); it replaces the rules for the whole
// process. Calendars built before keep the rules they were built with.
//
// Thread-safe: every function may be called from several threads, loads included.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rma/time.hpp"

namespace rma {

// Country: ISO 3166-1 alpha-2 ("PL"); subdivision: the part of its ISO 3166-2 code after the dash
// ("BY" for DE-BY), "" for national level.
//
// Whether `date` is a public holiday there (a substitute day for one falling on a weekend counts).
// Throws Error unknown_value naming "country" or "subdivision" for codes it does not know.
bool is_public_holiday(std::string_view country, std::string_view subdivision, Date date);

struct PublicHoliday {
  Date date;
  std::string name;          // English, as the rule names it ("Whit Monday")
  bool substitute = false;   // a day off given for a holiday falling on a weekend
};

// The public holidays of `year` (1583..9999) there, by date. Throws like is_public_holiday, or
// out_of_range "year".
std::vector<PublicHoliday> public_holidays(std::string_view country, std::string_view subdivision, std::int32_t year);

struct PublicHolidayRegion {
  std::string country;
  std::string subdivision;  // "" for the country itself
  std::string name;
};

// Every country and subdivision known, countries first, by code.
std::vector<PublicHolidayRegion> public_holiday_regions();

// Replaces the rules with `document` (the format of data/holidays.json) and returns its
// "version". Throws Error naming the JSON path of a bad member; the rules in force stay then.
std::string load_public_holidays(std::string_view document);

// The "version" of the rules in force, and the document compiled in (to go back to it, load it).
std::string public_holidays_version();
std::string_view built_in_public_holidays();

}  // namespace rma
