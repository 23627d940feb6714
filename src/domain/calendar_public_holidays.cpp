// A calendar's built-in public holidays. The rule set is the shared one of the country while the
// calendar removes no rule by name (most calendars), so its per-year cache is shared too; removing
// a rule builds the calendar's own set, whose substitute days are then worked out without it.
#include "domain/calendar_public_holidays.hpp"

#include <algorithm>

#include "domain/calendar_date.hpp"
#include "domain/public_holidays.hpp"
#include "rma/error.hpp"

namespace rma::domain {

namespace {

bool looks_like_date(const std::string& text) {
  return text.size() == 10 && text[4] == '-' && text[7] == '-' &&
         std::all_of(text.begin(), text.begin() + 4, [](char ch) { return ch >= '0' && ch <= '9'; });
}

std::string removal_path(std::size_t i) { return "holidays.remove[" + std::to_string(i) + "]"; }

}  // namespace

CalendarPublicHolidays read_public_holidays(codec::ObjectReader& r, std::int64_t max_name, std::int64_t max_items) {
  CalendarPublicHolidays out;
  r.read_text("country", max_name, out.country);
  r.read_text("subdivision", max_name, out.subdivision);
  if (auto removed = r.optional_texts("remove", max_items, max_name)) out.remove = std::move(*removed);
  return out;
}

PublicHolidayFilter PublicHolidayFilter::make(const CalendarPublicHolidays& selection) {
  PublicHolidayFilter f;
  if (selection.country.empty()) {
    if (!selection.subdivision.empty())
      throw Error(Status::missing_field, "holidays.country", "a subdivision needs its country");
    if (!selection.remove.empty())
      throw Error(Status::missing_field, "holidays.country", "only a country's built-in holidays can be removed");
    return f;
  }
  f.set_ = holiday_data()->find(selection.country, selection.subdivision, "holidays.country", "holidays.subdivision");
  std::vector<HolidayRule> rules = f.set_->rules();
  bool rule_removed = false;
  for (std::size_t i = 0; i < selection.remove.size(); ++i) {
    const std::string& item = selection.remove[i];
    for (std::size_t j = 0; j < i; ++j)
      if (selection.remove[j] == item)
        throw Error(Status::duplicate, removal_path(i), codec::quote_value(item) + " is given already at " + removal_path(j));
    if (looks_like_date(item)) {
      Date date;
      try {
        date = Date::from_iso(item);
      } catch (const Error& e) {
        throw Error(e.status(), removal_path(i), e.what());
      }
      if (!f.set_->contains(date))
        throw Error(Status::invalid_argument, removal_path(i),
                    item + " is not a public holiday of " + selection.country +
                        (selection.subdivision.empty() ? std::string() : "-" + selection.subdivision));
      f.removed_days_.push_back(days_since_epoch(date));
      continue;
    }
    const auto it = std::find_if(rules.begin(), rules.end(), [&](const HolidayRule& h) { return h.name == item; });
    if (it == rules.end())
      throw Error(Status::unknown_value, removal_path(i),
                  "neither a date \"YYYY-MM-DD\" nor the name of a public holiday of " + selection.country + ": " +
                      codec::quote_value(item));
    rules.erase(it);
    rule_removed = true;
  }
  std::sort(f.removed_days_.begin(), f.removed_days_.end());
  if (rule_removed) f.set_ = std::make_shared<const HolidaySet>(std::move(rules));
  return f;
}

}  // namespace rma::domain
