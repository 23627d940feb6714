// Reading the public-holiday document. Every rule must name its legal source, so a reader of the
// data can check it against the act; a subdivision starts from its country's rules, drops those
// its law does not have ("remove") and adds its own.
#include "domain/holiday_data.hpp"

#include <algorithm>
#include <array>

#include <nlohmann/json.hpp>

#include "domain/calendar_date.hpp"
#include "domain/holiday_json.hpp"
#include "json/parse.hpp"
#include "json/reader.hpp"
#include "rma/error.hpp"

namespace rma::domain {

namespace {

using nlohmann::json;

constexpr std::int64_t kMaxName = 256;
constexpr std::int64_t kMaxSource = 2000;
constexpr std::int64_t kMaxRules = 1000;
constexpr std::int32_t kFirstYear = 1583;  // the first whole Gregorian year: Easter is defined from it
constexpr std::int32_t kLastYear = 9999;

constexpr std::array<const char*, 7> kWeekdayNames = {"monday", "tuesday",  "wednesday", "thursday",
                                                      "friday", "saturday", "sunday"};
constexpr std::array<const char*, 5> kKindKeys = {"date", "annual", "easter", "orthodox_easter", "weekday"};

std::string at(const std::string& list, std::size_t index) { return list + "[" + std::to_string(index) + "]"; }

std::int32_t weekday_named(const json& value, const std::string& path) {
  if (!value.is_string()) codec::throw_wrong_type(path, "string", value);
  const std::string& text = value.get_ref<const std::string&>();
  for (std::size_t i = 0; i < kWeekdayNames.size(); ++i)
    if (text == kWeekdayNames[i]) return static_cast<std::int32_t>(i);
  codec::throw_unknown_value(path, text, kWeekdayNames.data(), kWeekdayNames.size());
}

// {"saturday": 2, "sunday": "next_free_weekday"}: by the weekday a holiday falls on.
std::array<std::int8_t, 7> by_weekday(const json& value, const std::string& path, bool allow_next_free) {
  std::array<std::int8_t, 7> out{};
  codec::ObjectReader r(value, path);
  for (std::size_t d = 0; d < kWeekdayNames.size(); ++d) {
    const json* v = r.find(kWeekdayNames[d]);
    if (v == nullptr) continue;
    if (allow_next_free && v->is_string() && v->get_ref<const std::string&>() == "next_free_weekday") {
      out[d] = kNextFreeWeekday;
      continue;
    }
    out[d] = static_cast<std::int8_t>(r.integer(kWeekdayNames[d], -6, 6));
  }
  r.finish();
  return out;
}

void read_weekday_rule(const json& value, const std::string& path, HolidayRule& rule) {
  codec::ObjectReader r(value, path);
  rule.weekday = weekday_named(r.need("day"), r.path_of("day"));
  if (const json* after = r.find("on_or_after")) {
    rule.date = month_day_from_json(*after, r.path_of("on_or_after"));
    if (r.present("nth") || r.present("month"))
      throw Error(Status::invalid_argument, r.path_of("on_or_after"), "give either on_or_after or month and nth");
  } else {
    rule.date = Date{2000, static_cast<std::int32_t>(r.integer("month", 1, 12)), 1};
    rule.nth = static_cast<std::int32_t>(r.integer("nth", -5, 5));
    if (rule.nth == 0) throw Error(Status::out_of_range, r.path_of("nth"), "nth is 1..5, or -1..-5 counting from the end");
  }
  r.finish();
}

}  // namespace

HolidayRule holiday_rule_from_json(const json& value, const std::string& path) {
  codec::ObjectReader r(value, path);
  HolidayRule rule;
  rule.name = r.text("name", kMaxName);
  if (rule.name.empty()) throw Error(Status::invalid_argument, r.path_of("name"), "a holiday needs a name");
  rule.source = r.text("source", kMaxSource);
  if (rule.source.empty()) throw Error(Status::invalid_argument, r.path_of("source"), "name the act or official page");
  const std::size_t k = holiday_kind_member(r, kKindKeys.data(), kKindKeys.size());
  const char* key = kKindKeys[k];
  const json& member = *r.find(key);
  rule.kind = static_cast<HolidayRuleKind>(k);
  switch (rule.kind) {
    case HolidayRuleKind::date:
      rule.date = r.date(key);
      if (rule.date.year < kFirstYear) throw Error(Status::out_of_range, r.path_of(key), "before 1583");
      break;
    case HolidayRuleKind::annual: rule.date = month_day_from_json(member, r.path_of(key)); break;
    case HolidayRuleKind::easter:
    case HolidayRuleKind::orthodox_easter:
      rule.offset_days = static_cast<std::int32_t>(r.integer(key, -366, 366));
      break;
    case HolidayRuleKind::weekday: read_weekday_rule(member, r.path_of(key), rule); break;
  }
  if (auto from = r.optional_integer("from", kFirstYear, kLastYear)) rule.first_year = static_cast<std::int32_t>(*from);
  if (auto until = r.optional_integer("until", kFirstYear, kLastYear)) rule.last_year = static_cast<std::int32_t>(*until);
  if (rule.first_year > rule.last_year)
    throw Error(Status::invalid_argument, r.path_of("until"), "the last year comes before the first");
  if (const json* years = r.optional_array("not_in", kMaxRules)) {
    for (std::size_t i = 0; i < years->size(); ++i) {
      const json& y = (*years)[i];
      if (!y.is_number_integer() || y.get<std::int64_t>() < kFirstYear || y.get<std::int64_t>() > kLastYear)
        throw Error(Status::out_of_range, at(r.path_of("not_in"), i), "a year 1583..9999");
      rule.not_in.push_back(y.get<std::int32_t>());
    }
  }
  if (const json* move = r.find("move")) rule.move = by_weekday(*move, r.path_of("move"), false);
  if (const json* sub = r.find("substitute")) rule.substitute = by_weekday(*sub, r.path_of("substitute"), true);
  r.optional_text("note", kMaxSource);  // free text for readers of the data
  r.finish();
  return rule;
}

namespace {

std::vector<HolidayRule> read_rules(codec::ObjectReader& r, const char* key) {
  std::vector<HolidayRule> rules;
  const json& list = r.array(key, kMaxRules);
  const std::string path = r.path_of(key);
  for (std::size_t i = 0; i < list.size(); ++i) {
    HolidayRule rule = holiday_rule_from_json(list[i], at(path, i));
    for (const HolidayRule& before : rules)
      if (before.name == rule.name)
        throw Error(Status::duplicate, at(path, i) + ".name", codec::quote_value(rule.name) + " is named twice");
    rules.push_back(std::move(rule));
  }
  return rules;
}

bool is_code(const std::string& code, std::size_t min, std::size_t max) {
  return code.size() >= min && code.size() <= max &&
         std::all_of(code.begin(), code.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

// Known disagreements with another list of holidays, for the test that compares them: checked
// for shape only (the test reads them).
void check_differences(const json& list, const std::string& path) {
  if (!list.is_array()) codec::throw_wrong_type(path, "array", list);
  for (std::size_t i = 0; i < list.size(); ++i) {
    codec::ObjectReader d(list[i], at(path, i));
    d.text("reference", kMaxName);
    d.optional_text("subdivision", kMaxName);
    const std::string side = d.text("side", kMaxName);
    if (side != "ours" && side != "theirs")
      throw Error(Status::unknown_value, d.path_of("side"), codec::quote_value(side) + " is not \"ours\" or \"theirs\"");
    d.optional_text("rule", kMaxName);
    d.optional_text("their_name", kMaxName);
    d.optional_texts("dates", kMaxRules, 10);
    d.optional_integer("from", kFirstYear, kLastYear);
    d.optional_integer("until", kFirstYear, kLastYear);
    d.text("why", kMaxSource);
    d.text("source", kMaxSource);
    d.finish();
  }
}

HolidaySubdivision read_subdivision(const json& value, const std::string& path, const std::vector<HolidayRule>& national) {
  codec::ObjectReader r(value, path);
  HolidaySubdivision sub;
  sub.name = r.text("name", kMaxName);
  std::vector<HolidayRule> rules = national;
  if (auto removed = r.optional_texts("remove", kMaxRules, kMaxName)) {
    for (std::size_t i = 0; i < removed->size(); ++i) {
      const std::string& name = (*removed)[i];
      const auto it = std::find_if(rules.begin(), rules.end(), [&](const HolidayRule& h) { return h.name == name; });
      if (it == rules.end())
        throw Error(Status::unknown_value, at(r.path_of("remove"), i), codec::quote_value(name) + " is no rule of the country");
      rules.erase(it);
    }
  }
  if (r.present("holidays")) {
    for (HolidayRule& own : read_rules(r, "holidays")) {
      if (std::any_of(rules.begin(), rules.end(), [&](const HolidayRule& h) { return h.name == own.name; }))
        throw Error(Status::duplicate, r.path_of("holidays"), codec::quote_value(own.name) + " is a rule of the country already");
      rules.push_back(std::move(own));
    }
  }
  r.finish();
  sub.holidays = std::make_shared<const HolidaySet>(std::move(rules));
  return sub;
}

HolidayCountry read_country(const json& value, const std::string& path) {
  codec::ObjectReader r(value, path);
  HolidayCountry country;
  country.name = r.text("name", kMaxName);
  std::vector<HolidayRule> rules = read_rules(r, "holidays");
  if (const json* subs = r.find("subdivisions")) {
    const std::string base = r.path_of("subdivisions");
    if (!subs->is_object()) codec::throw_wrong_type(base, "object", *subs);
    for (const auto& item : subs->items()) {
      if (!is_code(item.key(), 1, 3))
        throw Error(Status::invalid_argument, base + "." + item.key(), "a subdivision code is 1 to 3 letters or digits (ISO 3166-2)");
      country.subdivisions.emplace(item.key(), read_subdivision(item.value(), base + "." + item.key(), rules));
    }
  }
  if (const json* diffs = r.find("differences")) check_differences(*diffs, r.path_of("differences"));
  r.optional_text("note", kMaxSource);
  r.finish();
  country.holidays = std::make_shared<const HolidaySet>(std::move(rules));
  return country;
}

}  // namespace

HolidayData holiday_data_from_json(std::string_view text) {
  const json document = codec::parse_json(text, std::string(), codec::kDefaultJsonDepth);
  codec::ObjectReader r(document, "");
  HolidayData data;
  if (r.integer("format", 1, 1) != 1) throw Error(Status::unknown_value, "format", "format 1 only");
  data.version = r.text("version", kMaxName);
  r.optional_text("note", kMaxSource);
  const json& countries = r.need("countries");
  if (!countries.is_object()) codec::throw_wrong_type("countries", "object", countries);
  for (const auto& item : countries.items()) {
    if (!is_code(item.key(), 2, 2))
      throw Error(Status::invalid_argument, "countries." + item.key(), "a country code is two capital letters (ISO 3166-1 alpha-2)");
    data.countries.emplace(item.key(), read_country(item.value(), "countries." + item.key()));
  }
  r.finish();
  return data;
}

const std::shared_ptr<const HolidaySet>& HolidayData::find(std::string_view country, std::string_view subdivision,
                                                           const std::string& country_field,
                                                           const std::string& subdivision_field) const {
  const auto c = countries.find(country);
  if (c == countries.end())
    throw Error(Status::unknown_value, country_field,
                "no public holidays are known for country " + codec::quote_value(country) + " (ISO 3166-1 alpha-2, e.g. \"PL\")");
  if (subdivision.empty()) return c->second.holidays;
  const auto s = c->second.subdivisions.find(subdivision);
  if (s == c->second.subdivisions.end())
    throw Error(Status::unknown_value, subdivision_field,
                "no public holidays are known for subdivision " + codec::quote_value(subdivision) + " of " +
                    std::string(country));
  return s->second.holidays;
}

}  // namespace rma::domain
