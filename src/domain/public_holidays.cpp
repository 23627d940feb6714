// The holiday document in force for the process, and the public functions on it. Loading is rare
// (a host replacing the data) while look-ups are hot (SLA calendars, legal periods), so each thread
// keeps the document it last saw and takes the shared one again only when the generation moved.
#include "domain/public_holidays.hpp"

#include <atomic>
#include <mutex>

#include "domain/calendar_date.hpp"
#include "domain/holiday_year.hpp"
#include "rma/error.hpp"
#include "rma/public_holidays.hpp"

namespace rma {

namespace domain {

namespace {

std::mutex g_load;
std::shared_ptr<const HolidayData> g_data;    // guarded by g_load
std::atomic<std::uint64_t> g_generation{0};  // 0: not read yet

std::shared_ptr<const HolidayData> read_current() {
  const std::lock_guard<std::mutex> lock(g_load);
  if (!g_data) {
    g_data = std::make_shared<const HolidayData>(holiday_data_from_json(built_in_holiday_document()));
    g_generation.store(1, std::memory_order_release);
  }
  return g_data;
}

struct ThreadView {
  std::uint64_t generation = 0;
  std::shared_ptr<const HolidayData> data;
};

}  // namespace

// A reference to this thread's copy: valid until this thread calls again after a load.
const std::shared_ptr<const HolidayData>& holiday_data() {
  thread_local ThreadView view;
  const std::uint64_t now = g_generation.load(std::memory_order_acquire);
  if (now == 0 || now != view.generation) {
    view.data = read_current();
    view.generation = g_generation.load(std::memory_order_acquire);
  }
  return view.data;
}

}  // namespace domain

bool is_public_holiday(std::string_view country, std::string_view subdivision, Date date) {
  if (!domain::is_valid_date(date)) throw Error(Status::out_of_range, "date", date.to_iso() + " is not a date");
  return domain::holiday_data()->find(country, subdivision, "country", "subdivision")->contains(date);
}

std::vector<PublicHoliday> public_holidays(std::string_view country, std::string_view subdivision, std::int32_t year) {
  const std::shared_ptr<const domain::HolidayData> data = domain::holiday_data();
  const auto& set = data->find(country, subdivision, "country", "subdivision");
  if (year < 1583 || year > 9999) throw Error(Status::out_of_range, "year", std::to_string(year) + " is outside 1583..9999");
  std::vector<PublicHoliday> out;
  for (const domain::HolidayDay& d : domain::holidays_in_year(set->rules(), year))
    out.push_back(PublicHoliday{d.date, set->rules()[d.rule].name, d.substitute});
  return out;
}

std::vector<PublicHolidayRegion> public_holiday_regions() {
  const std::shared_ptr<const domain::HolidayData> data = domain::holiday_data();
  std::vector<PublicHolidayRegion> out;
  for (const auto& c : data->countries) out.push_back(PublicHolidayRegion{c.first, std::string(), c.second.name});
  for (const auto& c : data->countries)
    for (const auto& s : c.second.subdivisions) out.push_back(PublicHolidayRegion{c.first, s.first, s.second.name});
  return out;
}

std::string load_public_holidays(std::string_view document) {
  auto data = std::make_shared<const domain::HolidayData>(domain::holiday_data_from_json(document));
  std::string version = data->version;
  const std::lock_guard<std::mutex> lock(domain::g_load);
  domain::g_data = std::move(data);
  domain::g_generation.store(domain::g_generation.load(std::memory_order_relaxed) + 1, std::memory_order_release);
  return version;
}

std::string public_holidays_version() { return domain::holiday_data()->version; }

std::string_view built_in_public_holidays() { return domain::built_in_holiday_document(); }

}  // namespace rma
