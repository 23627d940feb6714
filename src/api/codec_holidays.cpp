// api/codec_holidays.cpp — JSON of the public-holiday ops (docs/calendars.md, docs/json.md).
#include <string>

#include "api/codec.hpp"
#include "rma/public_holidays.hpp"

namespace rma::api {

HolidaysListRequest holidays_list_request_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  HolidaysListRequest out;
  out.country = r.optional_text("country", limits.max_text_bytes);
  r.read_text("subdivision", limits.max_text_bytes, out.subdivision);
  if (auto year = r.optional_integer("year", 1583, 9999)) out.year = static_cast<std::int32_t>(*year);
  if (out.country && !out.year) throw Error(Status::missing_field, "year", "a country's holidays are listed a year at a time");
  if (!out.country && (out.year || !out.subdivision.empty()))
    throw Error(Status::missing_field, "country", "the year and subdivision are of a country");
  r.finish();
  return out;
}

nlohmann::json holidays_list_answer(const HolidaysListRequest& request) {
  nlohmann::json out = {{"version", public_holidays_version()}};
  if (!request.country) {
    nlohmann::json regions = nlohmann::json::array();
    for (const PublicHolidayRegion& r : public_holiday_regions())
      regions.push_back({{"country", r.country}, {"subdivision", r.subdivision}, {"name", r.name}});
    out["regions"] = std::move(regions);
    return out;
  }
  nlohmann::json days = nlohmann::json::array();
  for (const PublicHoliday& h : public_holidays(*request.country, request.subdivision, *request.year))
    days.push_back({{"date", h.date.to_iso()}, {"name", h.name}, {"substitute", h.substitute}});
  out["country"] = *request.country;
  out["subdivision"] = request.subdivision;
  out["year"] = *request.year;
  out["holidays"] = std::move(days);
  return out;
}

}  // namespace rma::api
