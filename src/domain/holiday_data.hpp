// domain/holiday_data.hpp — the public-holiday document (data/holidays.json, or a newer one a
// host loads): countries, their subdivisions and rules, read and checked with JSON paths.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "domain/holiday_set.hpp"

namespace rma::domain {

struct HolidaySubdivision {
  std::string name;
  std::shared_ptr<const HolidaySet> holidays;  // the country's rules, less `remove`, plus its own
};

struct HolidayCountry {
  std::string name;
  std::shared_ptr<const HolidaySet> holidays;  // national level
  std::map<std::string, HolidaySubdivision, std::less<>> subdivisions;
};

struct HolidayData {
  std::string version;
  std::map<std::string, HolidayCountry, std::less<>> countries;

  // The rules in force for `country` and `subdivision` ("" for national level). Throws
  // unknown_value naming `country_field` or `subdivision_field`.
  const std::shared_ptr<const HolidaySet>& find(std::string_view country, std::string_view subdivision,
                                                const std::string& country_field,
                                                const std::string& subdivision_field) const;
};

// Throws Error naming the JSON path of the bad member (malformed_json, wrong_type, missing_field,
// unknown_value, out_of_range, invalid_argument, duplicate).
HolidayData holiday_data_from_json(std::string_view text);

// One rule as a calendar or the document writes it (docs/calendars.md, "Rule kinds"); `path`
// names it in errors.
HolidayRule holiday_rule_from_json(const nlohmann::json& value, const std::string& path);

}  // namespace rma::domain
