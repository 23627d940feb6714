// The SLA configuration document (docs/sla.md): reading, writing, validation, the default, and
// policy selection.
//
// Reading uses the JSON API's strict reader, so a configuration gets the same errors as any
// request; calendars are read by BusinessCalendar::from_json and their errors get the calendar's
// path as a prefix.
#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "domain/case_rules.hpp"
#include "domain/sla_rules.hpp"
#include "json/enums.hpp"
#include "json/parse.hpp"
#include "json/reader.hpp"
#include "rma/error.hpp"
#include "rma/sla.hpp"

namespace rma {

namespace {

using nlohmann::json;

constexpr std::int64_t kMaxItems = 10000;
constexpr std::int64_t kMaxName = 256;
// 100,000 hours: more than eleven years of round-the-clock business time.
constexpr std::int64_t kMaxTargetSeconds = 100000LL * 3600;

constexpr std::array<const char*, 3> kClockActionNames = {"start", "pause", "stop"};
constexpr std::array<const char*, 7> kWeekdays = {"monday", "tuesday",  "wednesday", "thursday",
                                                   "friday", "saturday", "sunday"};

std::string at(const std::string& list, std::size_t index) { return list + "[" + std::to_string(index) + "]"; }

bool is_state_name(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
  });
}

void check_target(const std::string& field, std::int64_t seconds) {
  if (seconds <= 0) throw Error(Status::out_of_range, field, std::to_string(seconds) + " seconds: a target must be positive");
  if (seconds > kMaxTargetSeconds)
    throw Error(Status::out_of_range, field,
                std::to_string(seconds) + " seconds is more than the maximum of 100000 hours");
}

template <class T, class NameOf>
void check_list(const std::string& field, const std::vector<T>& list, NameOf name_of) {
  if (static_cast<std::int64_t>(list.size()) > kMaxItems)
    throw Error(Status::too_large, field, "more than " + std::to_string(kMaxItems) + " entries");
  for (std::size_t i = 0; i < list.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (list[j] == list[i])
        throw Error(Status::duplicate, at(field, i), codec::quote_value(name_of(list[i])) + " is listed already at " + at(field, j));
}

void check_texts(const std::string& field, const std::vector<std::string>& list) {
  for (std::size_t i = 0; i < list.size(); ++i) domain::check_text(at(field, i), list[i], kMaxName, /*required=*/true);
  check_list(field, list, [](const std::string& s) { return s; });
}

template <class E, std::size_t N>
void check_enums(const std::string& field, const std::vector<E>& list, const std::array<const char*, N>& /*names*/,
                 const char* (*name_of)(E) noexcept) {
  for (std::size_t i = 0; i < list.size(); ++i)
    if (static_cast<std::size_t>(list[i]) >= N)
      throw Error(Status::unknown_value, at(field, i), "unknown value " + std::to_string(static_cast<int>(list[i])));
  check_list(field, list, [&](E v) { return std::string(name_of(v)); });
}

bool no_conditions(const SlaConditions& c) {
  return c.priorities.empty() && c.customer_tiers.empty() && c.contracts.empty() && c.kinds.empty() &&
         c.channels.empty() && c.product_categories.empty();
}

void validate_policy(const SlaConfig& config, const SlaPolicy& p, const std::string& base) {
  domain::check_text(base + ".name", p.name, kMaxName, /*required=*/true);
  const SlaConditions& w = p.when;
  check_enums(base + ".when.priorities", w.priorities, codec::kPriorityNames, priority_name);
  check_texts(base + ".when.customer_tiers", w.customer_tiers);
  check_texts(base + ".when.contracts", w.contracts);
  check_enums(base + ".when.kinds", w.kinds, codec::kCaseKindNames, case_kind_name);
  check_enums(base + ".when.channels", w.channels, codec::kChannelNames, channel_name);
  check_texts(base + ".when.product_categories", w.product_categories);
  const bool known_calendar = std::any_of(config.calendars.begin(), config.calendars.end(),
                                          [&](const SlaCalendar& c) { return c.name == p.calendar; });
  if (!known_calendar) {
    std::vector<const char*> names;
    for (const SlaCalendar& c : config.calendars) names.push_back(c.name.c_str());
    codec::throw_unknown_value(base + ".calendar", p.calendar, names.data(), names.size());
  }
  if (p.targets.first_response) check_target(base + ".targets.first_response", *p.targets.first_response);
  if (p.targets.next_update) check_target(base + ".targets.next_update", *p.targets.next_update);
  check_target(base + ".targets.resolution", p.targets.resolution);
  if (static_cast<std::int64_t>(p.states.size()) > kMaxItems)
    throw Error(Status::too_large, base + ".states", "more than " + std::to_string(kMaxItems) + " states");
  for (std::size_t i = 0; i < p.states.size(); ++i) {
    const SlaStateTarget& s = p.states[i];
    const std::string field = base + ".states." + s.state;
    if (!is_state_name(s.state) || s.state.size() > static_cast<std::size_t>(kMaxName))
      throw Error(Status::invalid_argument, base + ".states",
                  codec::quote_value(s.state) + " is not a state name (lower-case letters, digits and _)");
    check_target(field, s.seconds);
    for (std::size_t j = 0; j < i; ++j)
      if (p.states[j].state == s.state) throw Error(Status::duplicate, field, "the state is given twice");
  }
  if (p.warning_percent < 1 || p.warning_percent > 100)
    throw Error(Status::out_of_range, base + ".warning_percent",
                std::to_string(p.warning_percent) + " is outside 1..100");
}

// ---- Reading -------------------------------------------------------------------------------

// {"hours": 8}, {"minutes": 90}, {"seconds": 30}, or several of them added up.
std::int64_t read_duration(const json& value, const std::string& path) {
  codec::ObjectReader r(value, path);
  const auto hours = r.optional_integer("hours", 0, kMaxTargetSeconds / 3600);
  const auto minutes = r.optional_integer("minutes", 0, kMaxTargetSeconds / 60);
  const auto seconds = r.optional_integer("seconds", 0, kMaxTargetSeconds);
  r.finish();
  if (!hours && !minutes && !seconds)
    throw Error(Status::missing_field, path, "a duration needs hours, minutes or seconds");
  return hours.value_or(0) * 3600 + minutes.value_or(0) * 60 + seconds.value_or(0);
}

std::vector<std::string> read_texts(codec::ObjectReader& r, const char* key) {
  return r.optional_texts(key, kMaxItems, kMaxName).value_or(std::vector<std::string>{});
}

template <class FromName, class Names>
auto read_enums(codec::ObjectReader& r, const char* key, FromName from_name, const Names& names) {
  std::vector<typename decltype(from_name(std::string_view()))::value_type> out;
  const json* list = r.optional_array(key, kMaxItems);
  if (list == nullptr) return out;
  const std::string base = r.path_of(key);
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& item = (*list)[i];
    if (!item.is_string()) codec::throw_wrong_type(at(base, i), "string", item);
    const auto& name = item.get_ref<const std::string&>();
    const auto decoded = from_name(name);
    if (!decoded) codec::throw_unknown_value(at(base, i), name, names.data(), names.size());
    out.push_back(*decoded);
  }
  return out;
}

SlaConditions read_conditions(const json& value, const std::string& path) {
  codec::ObjectReader r(value, path);
  SlaConditions c;
  c.priorities = read_enums(r, "priorities", priority_from_name, codec::kPriorityNames);
  c.customer_tiers = read_texts(r, "customer_tiers");
  c.contracts = read_texts(r, "contracts");
  c.kinds = read_enums(r, "kinds", case_kind_from_name, codec::kCaseKindNames);
  c.channels = read_enums(r, "channels", channel_from_name, codec::kChannelNames);
  c.product_categories = read_texts(r, "product_categories");
  r.finish();
  return c;
}

SlaPolicy read_policy(const json& value, const std::string& path, const std::vector<SlaCalendar>& calendars) {
  codec::ObjectReader r(value, path);
  SlaPolicy p;
  p.name = r.text("name", kMaxName);
  if (const json* when = r.find("when")) p.when = read_conditions(*when, r.path_of("when"));
  if (auto calendar = r.optional_text("calendar", kMaxName)) {
    p.calendar = std::move(*calendar);
  } else if (calendars.size() == 1) {
    p.calendar = calendars.front().name;
  } else {
    throw Error(Status::missing_field, r.path_of("calendar"), "is required when there is more than one calendar");
  }
  codec::ObjectReader t(r.need("targets"), r.path_of("targets"));
  if (const json* d = t.find("first_response")) p.targets.first_response = read_duration(*d, t.path_of("first_response"));
  if (const json* d = t.find("next_update")) p.targets.next_update = read_duration(*d, t.path_of("next_update"));
  p.targets.resolution = read_duration(t.need("resolution"), t.path_of("resolution"));
  t.finish();
  if (const json* states = r.find("states")) {
    const std::string base = r.path_of("states");
    if (!states->is_object()) codec::throw_wrong_type(base, "object", *states);
    for (const auto& item : states->items())
      p.states.push_back(SlaStateTarget{item.key(), read_duration(item.value(), codec::join_path(base, item.key()))});
  }
  p.warning_percent = static_cast<std::int32_t>(r.optional_integer("warning_percent", 1, 100).value_or(p.warning_percent));
  r.finish();
  return p;
}

std::vector<SlaCalendar> read_calendars(const json& value, const std::string& path) {
  if (!value.is_object()) codec::throw_wrong_type(path, "object", value);
  std::vector<SlaCalendar> out;
  for (const auto& item : value.items()) {
    const std::string field = codec::join_path(path, item.key());
    domain::check_text(field, item.key(), kMaxName, /*required=*/true);
    try {
      out.push_back(SlaCalendar{item.key(), BusinessCalendar::from_json(codec::dump_json(item.value()))});
    } catch (const Error& e) {
      codec::rethrow_with_prefix(e, field);
    }
  }
  return out;
}

// ---- Writing -------------------------------------------------------------------------------

json duration_value(std::int64_t seconds) {
  if (seconds % 3600 == 0) return {{"hours", seconds / 3600}};
  if (seconds % 60 == 0) return {{"minutes", seconds / 60}};
  return {{"seconds", seconds}};
}

std::string clock_text(std::int32_t seconds) {
  const std::int32_t h = seconds / 3600;
  const std::int32_t m = seconds / 60 % 60;
  return {static_cast<char>('0' + h / 10), static_cast<char>('0' + h % 10), ':', static_cast<char>('0' + m / 10),
          static_cast<char>('0' + m % 10)};
}

json intervals_value(const std::vector<TimeInterval>& hours) {
  json out = json::array();
  for (const TimeInterval& h : hours) out.push_back(clock_text(h.start) + "-" + clock_text(h.end));
  return out;
}

std::string month_day_text(Date d) {
  std::string iso = Date{2000, d.month, d.day}.to_iso();
  return iso.substr(5);
}

json calendar_value(const CalendarConfig& c) {
  json week = json::object();
  for (std::size_t d = 0; d < c.week.size(); ++d)
    if (!c.week[d].empty()) week[kWeekdays[d]] = intervals_value(c.week[d]);
  json holidays = json::array();
  for (const Holiday& h : c.holidays) {
    json item = json::object();
    switch (h.kind) {
      case HolidayKind::date: item["date"] = h.date.to_iso(); break;
      case HolidayKind::annual: item["annual"] = month_day_text(h.date); break;
      case HolidayKind::easter: item["easter"] = h.offset_days; break;
      case HolidayKind::orthodox_easter: item["orthodox_easter"] = h.offset_days; break;
    }
    if (!h.name.empty()) item["name"] = h.name;
    holidays.push_back(std::move(item));
  }
  json working = json::array();
  for (const WorkingDay& w : c.working_days) {
    json item = {{"date", w.date.to_iso()}};
    if (w.own_hours) item["hours"] = intervals_value(w.hours);
    if (!w.name.empty()) item["name"] = w.name;
    working.push_back(std::move(item));
  }
  if (c.public_holidays) {
    // The object form: built-in holidays, with the calendar's own as "add".
    json named = {{"add", std::move(holidays)}, {"remove", c.public_holidays->remove}};
    if (!c.public_holidays->country.empty()) named["country"] = c.public_holidays->country;
    if (!c.public_holidays->subdivision.empty()) named["subdivision"] = c.public_holidays->subdivision;
    holidays = std::move(named);
  }
  return {{"time_zone", c.time_zone}, {"week", std::move(week)}, {"holidays", std::move(holidays)},
          {"working_days", std::move(working)}};
}

template <class E>
json names_value(const std::vector<E>& list, const char* (*name_of)(E) noexcept) {
  json out = json::array();
  for (E v : list) out.push_back(name_of(v));
  return out;
}

json policy_value(const SlaPolicy& p) {
  json targets = {{"resolution", duration_value(p.targets.resolution)}};
  if (p.targets.first_response) targets["first_response"] = duration_value(*p.targets.first_response);
  if (p.targets.next_update) targets["next_update"] = duration_value(*p.targets.next_update);
  json states = json::object();
  for (const SlaStateTarget& s : p.states) states[s.state] = duration_value(s.seconds);
  return {{"name", p.name},
          {"when",
           {{"priorities", names_value(p.when.priorities, priority_name)},
            {"customer_tiers", p.when.customer_tiers},
            {"contracts", p.when.contracts},
            {"kinds", names_value(p.when.kinds, case_kind_name)},
            {"channels", names_value(p.when.channels, channel_name)},
            {"product_categories", p.when.product_categories}}},
          {"calendar", p.calendar},
          {"targets", std::move(targets)},
          {"states", std::move(states)},
          {"warning_percent", p.warning_percent}};
}

template <class T>
bool matches(const std::vector<T>& allowed, const T& value) {
  return allowed.empty() || std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

bool matches_any(const std::vector<std::string>& allowed, const std::vector<std::string>& values) {
  if (allowed.empty()) return true;
  return std::any_of(values.begin(), values.end(), [&](const std::string& v) {
    return std::find(allowed.begin(), allowed.end(), v) != allowed.end();
  });
}

}  // namespace

SlaCalendar::SlaCalendar(std::string name_, BusinessCalendar calendar_)
    : name(std::move(name_)), calendar(std::move(calendar_)), timeline(std::make_shared<const SlaTimeline>(calendar)) {}

const char* sla_clock_action_name(SlaClockAction v) noexcept {
  const auto i = static_cast<std::size_t>(v);
  return i < kClockActionNames.size() ? kClockActionNames[i] : "unknown";
}

std::optional<SlaClockAction> sla_clock_action_from_name(std::string_view name) noexcept {
  for (std::size_t i = 0; i < kClockActionNames.size(); ++i)
    if (name == kClockActionNames[i]) return static_cast<SlaClockAction>(i);
  return std::nullopt;
}

void validate_sla_config(const SlaConfig& config) {
  if (config.calendars.empty()) throw Error(Status::missing_field, "calendars", "at least one calendar is required");
  if (static_cast<std::int64_t>(config.calendars.size()) > kMaxItems)
    throw Error(Status::too_large, "calendars", "more than " + std::to_string(kMaxItems) + " calendars");
  for (std::size_t i = 0; i < config.calendars.size(); ++i) {
    const std::string& name = config.calendars[i].name;
    domain::check_text("calendars", name, kMaxName, /*required=*/true);
    for (std::size_t j = 0; j < i; ++j)
      if (config.calendars[j].name == name)
        throw Error(Status::duplicate, "calendars." + name, "the calendar name is given twice");
  }
  if (config.policies.empty())
    throw Error(Status::missing_field, "policies", "at least one policy (the default, without conditions) is required");
  if (static_cast<std::int64_t>(config.policies.size()) > kMaxItems)
    throw Error(Status::too_large, "policies", "more than " + std::to_string(kMaxItems) + " policies");
  const std::size_t last = config.policies.size() - 1;
  for (std::size_t i = 0; i < config.policies.size(); ++i) {
    const std::string base = at("policies", i);
    const SlaPolicy& p = config.policies[i];
    validate_policy(config, p, base);
    for (std::size_t j = 0; j < i; ++j)
      if (config.policies[j].name == p.name)
        throw Error(Status::duplicate, base + ".name", codec::quote_value(p.name) + " is the name of " + at("policies", j));
    if (i < last && no_conditions(p.when))
      throw Error(Status::invalid_argument, base + ".when",
                  "a policy without conditions matches every case, so the policies after it could never apply; "
                  "only the last policy may have none");
    if (i == last && !no_conditions(p.when))
      throw Error(Status::invalid_argument, base + ".when",
                  "the last policy is the default for every other case and must have no conditions");
  }
}

namespace domain {

SlaConfig sla_config_from_value(const json& value) {
  codec::ObjectReader r(value, "");
  SlaConfig c;
  if (const json* calendars = r.find("calendars")) {
    c.calendars = read_calendars(*calendars, "calendars");
  } else {
    c.calendars = default_sla_config().calendars;
  }
  const json& list = r.array("policies", kMaxItems);
  for (std::size_t i = 0; i < list.size(); ++i) c.policies.push_back(read_policy(list[i], at("policies", i), c.calendars));
  r.finish();
  validate_sla_config(c);
  return c;
}

json sla_config_to_value(const SlaConfig& config) {
  json calendars = json::object();
  for (const SlaCalendar& c : config.calendars) calendars[c.name] = calendar_value(c.calendar.config());
  json policies = json::array();
  for (const SlaPolicy& p : config.policies) policies.push_back(policy_value(p));
  return {{"calendars", std::move(calendars)}, {"policies", std::move(policies)}};
}

json clock_status_to_value(const ClockStatus& c) {
  const auto instant = [](const std::optional<Timestamp>& t) { return t ? json(t->to_iso()) : json(nullptr); };
  return {{"clock", c.clock},
          {"policy", c.policy},
          {"target_seconds", c.target_seconds},
          {"warning_percent", c.warning_percent},
          {"started_at", c.started_at.to_iso()},
          {"due_at", c.due_at.to_iso()},
          {"warning_at", c.warning_at.to_iso()},
          {"elapsed_business_seconds", c.elapsed_business_seconds},
          {"remaining_business_seconds", c.remaining_business_seconds},
          {"paused", c.paused},
          {"stopped", c.stopped},
          {"stopped_at", instant(c.stopped_at)},
          {"percent_used", c.percent_used},
          {"warning", c.warning},
          {"breached", c.breached},
          {"breached_at", instant(c.breached_at)}};
}

const SlaTimeline& sla_calendar(const SlaConfig& config, const std::string& name) {
  for (const SlaCalendar& c : config.calendars)
    if (c.name == name) return *c.timeline;
  throw Error(Status::not_found, "calendar", "no calendar named " + codec::quote_value(name));
}

}  // namespace domain

SlaConfig sla_config_from_json(std::string_view text) {
  return domain::sla_config_from_value(codec::parse_json(text, std::string(), codec::kDefaultJsonDepth));
}

std::string sla_config_to_json(const SlaConfig& config) { return codec::dump_json(domain::sla_config_to_value(config)); }

const SlaConfig& default_sla_config() {
  static const SlaConfig config = [] {
    CalendarConfig office;
    office.time_zone = "UTC";
    for (std::size_t d = 0; d < 5; ++d) office.week[d] = {TimeInterval{9 * 3600, 17 * 3600}};
    SlaConfig c;
    c.calendars.push_back(SlaCalendar{"office", BusinessCalendar::from_config(office)});
    SlaPolicy p;
    p.name = "default";
    p.calendar = "office";
    p.targets.first_response = 8 * 3600;
    p.targets.next_update = 16 * 3600;
    p.targets.resolution = 80 * 3600;
    c.policies.push_back(std::move(p));
    validate_sla_config(c);
    return c;
  }();
  return config;
}

const SlaPolicy& select_policy(const SlaConfig& config, const SlaFacts& facts) {
  for (const SlaPolicy& p : config.policies) {
    const SlaConditions& w = p.when;
    if (matches(w.priorities, facts.priority) && matches(w.customer_tiers, facts.customer_tier) &&
        matches(w.contracts, facts.contract) && matches(w.kinds, facts.kind) && matches(w.channels, facts.channel) &&
        matches_any(w.product_categories, facts.product_categories))
      return p;
  }
  // validate_sla_config guarantees a default; a configuration built without validation may lack one.
  throw Error(Status::invalid_argument, "policies", "no policy matches the case and there is no default policy");
}

namespace domain {

// A case's priority and contract reach its clocks only through select_policy's conditions.
bool policy_depends_on_priority(const SlaConfig& config) {
  return std::any_of(config.policies.begin(), config.policies.end(),
                     [](const SlaPolicy& p) { return !p.when.priorities.empty(); });
}

bool policy_depends_on_contract(const SlaConfig& config) {
  return std::any_of(config.policies.begin(), config.policies.end(),
                     [](const SlaPolicy& p) { return !p.when.contracts.empty(); });
}

}  // namespace domain

}  // namespace rma
