#include "api/language_texts.hpp"

#include <array>

#include "domain/time_zone.hpp"
#include "json/parse.hpp"
#include "json/reader.hpp"

namespace rma::api {

namespace {

using codec::ObjectReader;
using nlohmann::json;

constexpr std::int64_t kMaxValues = 1000;
constexpr std::int64_t kMaxListItems = 1000;
constexpr std::array<const char*, 7> kValueKinds = {"money", "plural", "message", "pattern", "date", "time", "list"};
constexpr std::array<const char*, 5> kStyleNames = {"none", "short", "medium", "long", "full"};

DateStyle style(ObjectReader& r, const char* key, DateStyle fallback) {
  return r.optional_enumeration(key, date_style_from_name, kStyleNames).value_or(fallback);
}

// The arguments of a message as JSON text: an object of strings and numbers.
std::string arguments(ObjectReader& r) {
  const json* value = r.find("arguments");
  if (value == nullptr) return "{}";
  if (!value->is_object()) codec::throw_wrong_type(r.path_of("arguments"), "object", *value);
  return codec::dump_json(*value);
}

std::string format_one(const Catalogs& catalogs, const std::string& lang, const json& value, const std::string& path,
                       const Limits& limits) {
  ObjectReader r(value, path);
  const char* kind = nullptr;
  for (const char* k : kValueKinds) {
    if (!r.present(k)) continue;
    if (kind != nullptr)
      throw Error(Status::invalid_argument, path, std::string("names both ") + kind + " and " + k + ": one value each");
    kind = k;
  }
  if (kind == nullptr)
    throw Error(Status::missing_field, path, "needs one of money, plural, message, pattern, date, time, list");
  const std::string what(kind);
  std::string text;
  if (what == "money") {
    text = format_money(lang, parse_money(r.text("money", 64), r.path_of("money")));
  } else if (what == "plural") {
    const json& number = r.need("plural");
    if (!number.is_number() && !number.is_string()) codec::throw_wrong_type(r.path_of("plural"), "number", number);
    text = plural_category(lang, number.is_string() ? number.get<std::string>() : codec::dump_json(number));
  } else if (what == "message") {
    const std::string key = r.text("message", limits.max_text_bytes);
    text = catalogs.format(lang, key, arguments(r));
  } else if (what == "pattern") {
    text = format_message(lang, r.text("pattern", limits.max_text_bytes), arguments(r), r.path_of("pattern"));
  } else if (what == "date") {
    text = format_date(lang, r.date("date"), style(r, "style", DateStyle::medium));
  } else if (what == "time") {
    const Timestamp at = r.timestamp("time");
    const std::optional<std::string> zone_text = r.optional_text("time_zone", limits.max_text_bytes);
    const domain::TimeZone zone = zone_text ? domain::TimeZone::parse(*zone_text, r.path_of("time_zone")) : domain::TimeZone();
    text = format_time(lang, at, zone.utc_offset_seconds(at), style(r, "date_style", DateStyle::medium),
                       style(r, "time_style", DateStyle::short_));
  } else {
    const std::vector<std::string> items =
        r.optional_texts("list", kMaxListItems, limits.max_text_bytes).value_or(std::vector<std::string>());
    text = format_list(lang, items);
  }
  r.finish();
  return text;
}

}  // namespace

LocalizedRequest take_lang(const json& request, const Limits& limits) {
  LocalizedRequest out{std::string(), request};
  if (!request.is_object()) return out;  // the op's decoder says what is wrong with it
  auto found = out.rest.find("lang");
  if (found == out.rest.end()) return out;
  if (!found->is_null()) {
    if (!found->is_string()) codec::throw_wrong_type("lang", "string", *found);
    const std::string& tag = found->get_ref<const std::string&>();
    if (static_cast<std::int64_t>(tag.size()) > limits.max_text_bytes)
      throw Error(Status::too_large, "lang", "is longer than " + std::to_string(limits.max_text_bytes) + " bytes");
    out.lang = canonical_language(tag, "lang");
  }
  out.rest.erase(found);
  return out;
}

json formatted_texts(const Catalogs& catalogs, const std::string& lang, const json& request, const Limits& limits) {
  ObjectReader r(request, std::string());
  const json& values = r.array("values", kMaxValues);
  r.finish();
  json texts = json::array();
  const std::string path = r.path_of("values");
  for (std::size_t i = 0; i < values.size(); ++i)
    texts.push_back(format_one(catalogs, lang, values[i], path + "[" + std::to_string(i) + "]", limits));
  return {{"lang", lang}, {"texts", std::move(texts)}};
}

json catalog_check(const Catalogs& catalogs) {
  const auto missing = catalogs.missing();
  json lacking = json::object();
  for (const auto& [tag, keys] : missing) lacking[tag] = keys;
  return {{"languages", catalogs.languages()},
          {"keys", catalogs.keys().size()},
          {"complete", missing.empty()},
          {"missing", std::move(lacking)}};
}

}  // namespace rma::api
