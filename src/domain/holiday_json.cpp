#include "domain/holiday_json.hpp"

#include <nlohmann/json.hpp>

#include "domain/calendar_date.hpp"
#include "rma/error.hpp"

namespace rma::domain {

std::size_t holiday_kind_member(codec::ObjectReader& r, const char* const* keys, std::size_t count) {
  std::string names;
  for (std::size_t k = 0; k < count; ++k) names += std::string(k == 0 ? "" : ", ") + keys[k];
  std::size_t chosen = count;
  for (std::size_t k = 0; k < count; ++k) {
    if (r.find(keys[k]) == nullptr) continue;
    if (chosen != count)
      throw Error(Status::invalid_argument, r.path_of(keys[k]),
                  "a holiday is one of " + names + "; \"" + keys[chosen] + "\" is given already");
    chosen = k;
  }
  if (chosen == count) throw Error(Status::missing_field, r.path(), "a holiday needs one of " + names);
  return chosen;
}

Date month_day_from_json(const nlohmann::json& value, const std::string& path) {
  if (!value.is_string()) codec::throw_wrong_type(path, "string", value);
  const std::string& text = value.get_ref<const std::string&>();
  const auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
  if (text.size() != 5 || text[2] != '-' || !digit(0) || !digit(1) || !digit(3) || !digit(4))
    throw Error(Status::invalid_argument, path, codec::quote_value(text) + " is not \"MM-DD\"");
  const Date d{2000, (text[0] - '0') * 10 + (text[1] - '0'), (text[3] - '0') * 10 + (text[4] - '0')};
  if (!is_valid_date(d)) throw Error(Status::out_of_range, path, codec::quote_value(text) + " is not a day of the year");
  return d;
}

}  // namespace rma::domain
