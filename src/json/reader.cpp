// json/reader.cpp — ObjectReader and the error helpers of every JSON reader.
#include "json/reader.hpp"

#include <algorithm>
#include <cstring>

#include "json/parse.hpp"

namespace rma::codec {

namespace {

// Edit distance, to suggest the field a typo meant. Keys are short, so the quadratic table is cheap.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// Cuts at most `max` bytes without splitting a UTF-8 sequence.
std::string_view utf8_prefix(std::string_view text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

}  // namespace

const char* json_type_name(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::boolean: return "boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned: return "integer";
    case nlohmann::json::value_t::number_float: return "number";
    case nlohmann::json::value_t::string: return "string";
    case nlohmann::json::value_t::array: return "array";
    case nlohmann::json::value_t::object: return "object";
    default: return "binary";
  }
}

std::string shortened(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  return std::string(utf8_prefix(text, max_bytes)) + "...";
}

std::string quote_value(std::string_view value) { return "\"" + shortened(value, 64) + "\""; }

void throw_wrong_type(const std::string& path, const char* expected, const nlohmann::json& got) {
  throw Error(Status::wrong_type, path, std::string("expected ") + expected + ", got " + json_type_name(got));
}

void throw_unknown_value(const std::string& path, std::string_view value, const char* const* known,
                         std::size_t known_count) {
  std::string message = "unknown value " + quote_value(value) + " (expected one of:";
  for (std::size_t i = 0; i < known_count; ++i) {
    message += i == 0 ? " " : ", ";
    message += known[i];
  }
  message += ")";
  throw Error(Status::unknown_value, path, message);
}

std::string join_path(const std::string& prefix, const std::string& field) {
  if (prefix.empty()) return field;
  if (field.empty()) return prefix;
  if (field.front() == '[') return prefix + field;
  return prefix + "." + field;
}

std::string element_path(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

std::string error_message(const Error& error) {
  std::string_view what = error.what();
  const std::string& field = error.field();
  if (!field.empty() && what.size() >= field.size() + 2 && what.substr(0, field.size()) == field &&
      what.substr(field.size(), 2) == ": ") {
    what.remove_prefix(field.size() + 2);
  }
  return std::string(what);
}

void rethrow_with_prefix(const Error& error, const std::string& prefix) {
  throw Error(error.status(), join_path(prefix, error.field()), error_message(error), error.reason());
}

bool is_integer_beyond_64_bits(const nlohmann::json& value) {
  if (!value.is_number_float()) return false;
  const double number = value.get<double>();
  // Every double this far out is a whole number. -9223372036854775809 reads as the double -2^63,
  // while -2^63 itself, written as an integer, is read as an integer: so -2^63 counts here.
  constexpr double kTwoTo63 = 9223372036854775808.0;
  return number >= kTwoTo63 || number <= -kTwoTo63;
}

std::int64_t integer_value(const nlohmann::json& value, const std::string& path, std::int64_t min,
                           std::int64_t max) {
  std::int64_t result = 0;
  if (value.is_number_unsigned()) {
    const auto unsigned_value = value.get<std::uint64_t>();
    if (unsigned_value > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      throw Error(Status::out_of_range, path, std::to_string(unsigned_value) + " is too large");
    }
    result = static_cast<std::int64_t>(unsigned_value);
  } else if (value.is_number_integer()) {
    result = value.get<std::int64_t>();
  } else if (is_integer_beyond_64_bits(value)) {
    const bool negative = value.get<double>() < 0;
    throw Error(Status::out_of_range, path,
                value.dump() + " is " + (negative ? "less than the minimum " + std::to_string(min)
                                                  : "more than the maximum " + std::to_string(max)));
  } else {
    throw_wrong_type(path, "integer", value);
  }
  if (result < min) {
    throw Error(Status::out_of_range, path,
                std::to_string(result) + " is less than the minimum " + std::to_string(min));
  }
  if (result > max) {
    throw Error(Status::out_of_range, path,
                std::to_string(result) + " is more than the maximum " + std::to_string(max));
  }
  return result;
}

ObjectReader::ObjectReader(const nlohmann::json& value, std::string path)
    : object_(value), path_(std::move(path)) {
  if (!value.is_object()) throw_wrong_type(path_, "object", value);
}

std::string ObjectReader::path_of(std::string_view key) const {
  return join_path(path_, std::string(key));
}

void ObjectReader::mark(const char* key) { known_.push_back(key); }

const nlohmann::json* ObjectReader::find(const char* key) {
  mark(key);
  const auto it = object_.find(key);
  if (it == object_.end() || it->is_null()) return nullptr;
  return &*it;
}

const nlohmann::json& ObjectReader::need(const char* key) {
  const nlohmann::json* value = find(key);
  if (value == nullptr) throw Error(Status::missing_field, path_of(key), "is required");
  return *value;
}

bool ObjectReader::present(const char* key) {
  mark(key);
  return object_.contains(key);
}

std::string ObjectReader::checked_text(const char* key, const nlohmann::json& value,
                                       std::int64_t max_bytes) const {
  if (!value.is_string()) throw_wrong_type(path_of(key), "string", value);
  const auto& text = value.get_ref<const std::string&>();
  if (static_cast<std::uint64_t>(text.size()) > static_cast<std::uint64_t>(max_bytes)) {
    throw Error(Status::too_large, path_of(key),
                "is " + std::to_string(text.size()) + " bytes, more than the limit of " +
                    std::to_string(max_bytes));
  }
  return text;
}

std::int64_t ObjectReader::checked_integer(const char* key, const nlohmann::json& value,
                                           std::int64_t min, std::int64_t max) const {
  return integer_value(value, path_of(key), min, max);
}

std::string ObjectReader::text(const char* key, std::int64_t max_bytes) {
  return checked_text(key, need(key), max_bytes);
}

std::optional<std::string> ObjectReader::optional_text(const char* key, std::int64_t max_bytes) {
  const nlohmann::json* value = find(key);
  if (value == nullptr) return std::nullopt;
  return checked_text(key, *value, max_bytes);
}

void ObjectReader::read_text(const char* key, std::int64_t max_bytes, std::string& out) {
  if (const nlohmann::json* value = find(key)) out = checked_text(key, *value, max_bytes);
}

std::int64_t ObjectReader::integer(const char* key, std::int64_t min, std::int64_t max) {
  return checked_integer(key, need(key), min, max);
}

std::optional<std::int64_t> ObjectReader::optional_integer(const char* key, std::int64_t min,
                                                           std::int64_t max) {
  const nlohmann::json* value = find(key);
  if (value == nullptr) return std::nullopt;
  return checked_integer(key, *value, min, max);
}

bool ObjectReader::boolean(const char* key) {
  const nlohmann::json& value = need(key);
  if (!value.is_boolean()) throw_wrong_type(path_of(key), "boolean", value);
  return value.get<bool>();
}

std::optional<bool> ObjectReader::optional_boolean(const char* key) {
  const nlohmann::json* value = find(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_boolean()) throw_wrong_type(path_of(key), "boolean", *value);
  return value->get<bool>();
}

namespace {

// Longer than any ISO 8601 instant librma accepts; keeps a huge string out of the time parser.
constexpr std::int64_t kMaxTimeText = 64;

}  // namespace

Timestamp ObjectReader::timestamp(const char* key) {
  const std::string text = checked_text(key, need(key), kMaxTimeText);
  try {
    return Timestamp::from_iso(text);
  } catch (const Error& e) {
    throw Error(e.status(), path_of(key), error_message(e));
  }
}

std::optional<Timestamp> ObjectReader::optional_timestamp(const char* key) {
  if (find(key) == nullptr) return std::nullopt;
  return timestamp(key);
}

Date ObjectReader::date(const char* key) {
  const std::string text = checked_text(key, need(key), kMaxTimeText);
  try {
    return Date::from_iso(text);
  } catch (const Error& e) {
    throw Error(e.status(), path_of(key), error_message(e));
  }
}

std::optional<Date> ObjectReader::optional_date(const char* key) {
  if (find(key) == nullptr) return std::nullopt;
  return date(key);
}

std::optional<std::string> ObjectReader::optional_object_text(const char* key) {
  const nlohmann::json* value = find(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_object()) throw_wrong_type(path_of(key), "object", *value);
  return dump_json(*value);
}

const nlohmann::json* ObjectReader::optional_array(const char* key, std::int64_t max_items) {
  const nlohmann::json* value = find(key);
  if (value == nullptr) return nullptr;
  if (!value->is_array()) throw_wrong_type(path_of(key), "array", *value);
  if (static_cast<std::uint64_t>(value->size()) > static_cast<std::uint64_t>(max_items)) {
    throw Error(Status::too_large, path_of(key),
                "has " + std::to_string(value->size()) + " items, more than the limit of " +
                    std::to_string(max_items));
  }
  return value;
}

std::optional<std::vector<std::string>> ObjectReader::optional_texts(const char* key, std::int64_t max_items,
                                                                     std::int64_t max_bytes) {
  const nlohmann::json* items = optional_array(key, max_items);
  if (items == nullptr) return std::nullopt;
  std::vector<std::string> out;
  out.reserve(items->size());
  for (std::size_t i = 0; i < items->size(); ++i) {
    const nlohmann::json& item = (*items)[i];
    const std::string path = element_path(path_of(key), i);
    if (!item.is_string()) throw_wrong_type(path, "string", item);
    const auto& text = item.get_ref<const std::string&>();
    if (static_cast<std::uint64_t>(text.size()) > static_cast<std::uint64_t>(max_bytes)) {
      throw Error(Status::too_large, path,
                  "is " + std::to_string(text.size()) + " bytes, more than the limit of " + std::to_string(max_bytes));
    }
    out.push_back(text);
  }
  return out;
}

const nlohmann::json& ObjectReader::array(const char* key, std::int64_t max_items) {
  need(key);
  return *optional_array(key, max_items);
}

void ObjectReader::finish() const {
  for (const auto& item : object_.items()) {
    const std::string& key = item.key();
    const bool known = std::any_of(known_.begin(), known_.end(),
                                   [&](const char* name) { return key == name; });
    if (known) continue;
    std::string message = "unknown field " + quote_value(key);
    const char* best = nullptr;
    std::size_t best_distance = 3;  // suggest only close matches
    for (const char* name : known_) {
      const std::size_t distance = edit_distance(key, name);
      if (distance < best_distance) {
        best = name;
        best_distance = distance;
      }
    }
    if (best != nullptr) message += std::string(" (did you mean \"") + best + "\"?)";
    throw Error(Status::unknown_value, path_of(key), message);
  }
}

}  // namespace rma::codec
