// domain/holiday_json.hpp — reading a holiday from JSON, shared by a calendar's own holidays and
// the rules of the public-holiday document: both say what kind a holiday is by which one member
// it has ("annual", "easter", ...), and write a day of the year as "MM-DD".
#pragma once

#include <cstddef>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "json/reader.hpp"
#include "rma/time.hpp"

namespace rma::domain {

// The index of the one member of keys[0..count) that `r` has. Throws invalid_argument naming a
// second one, missing_field at r.path() when there is none.
std::size_t holiday_kind_member(codec::ObjectReader& r, const char* const* keys, std::size_t count);

// "MM-DD" as a Date of the year 2000 (a leap year, so 02-29 reads). Throws wrong_type,
// invalid_argument (not "MM-DD"), out_of_range (no such day).
Date month_day_from_json(const nlohmann::json& value, const std::string& path);

}  // namespace rma::domain
