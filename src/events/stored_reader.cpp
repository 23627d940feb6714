#include "events/stored_reader.hpp"

#include "rma/error.hpp"

namespace rma::events {

StoredReader::StoredReader(const nlohmann::json& object, std::string path) : object_(object), path_(std::move(path)) {
  if (!object_.is_object()) throw Error(Status::storage, path_, "stored event data: expected an object");
}

const nlohmann::json* StoredReader::find(const char* key) const {
  const auto it = object_.find(key);
  if (it == object_.end() || it->is_null()) return nullptr;
  return &*it;
}

const nlohmann::json& StoredReader::need(const char* key) const {
  const nlohmann::json* value = find(key);
  if (value == nullptr) throw Error(Status::storage, path_of(key), "stored event data: the member is missing");
  return *value;
}

void StoredReader::throw_bad(const char* key, const char* expected) const {
  throw Error(Status::storage, path_of(key), std::string("stored event data: expected ") + expected);
}

std::string StoredReader::text(const char* key) const {
  const nlohmann::json* value = find(key);
  if (value == nullptr) return std::string();
  if (!value->is_string()) throw_bad(key, "a string");
  return value->get<std::string>();
}

std::string StoredReader::text(const char* key, const std::string& absent) const {
  return find(key) == nullptr ? absent : text(key);
}

std::optional<std::int64_t> StoredReader::optional_integer(const char* key) const {
  const nlohmann::json* value = find(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_number_integer()) throw_bad(key, "an integer");
  return value->get<std::int64_t>();
}

std::int64_t StoredReader::integer(const char* key, std::int64_t absent) const {
  return optional_integer(key).value_or(absent);
}

std::optional<bool> StoredReader::optional_boolean(const char* key) const {
  const nlohmann::json* value = find(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_boolean()) throw_bad(key, "true or false");
  return value->get<bool>();
}

bool StoredReader::boolean(const char* key) const { return optional_boolean(key).value_or(false); }

std::optional<Timestamp> StoredReader::optional_timestamp(const char* key) const {
  const std::string iso = text(key);
  if (iso.empty()) return std::nullopt;
  try {
    return Timestamp::from_iso(iso);
  } catch (const Error&) {
    throw_bad(key, "an ISO 8601 UTC time");
  }
}

Timestamp StoredReader::timestamp(const char* key) const {
  if (auto t = optional_timestamp(key)) return *t;
  return Timestamp();
}

std::optional<Date> StoredReader::optional_date(const char* key) const {
  const std::string iso = text(key);
  if (iso.empty()) return std::nullopt;
  try {
    return Date::from_iso(iso);
  } catch (const Error&) {
    throw_bad(key, "an ISO 8601 date");
  }
}

std::vector<std::string> StoredReader::texts(const char* key) const {
  std::vector<std::string> out;
  for (const auto& [item, at] : elements(key)) {
    if (!item->is_string()) throw Error(Status::storage, at, "stored event data: expected a string");
    out.push_back(item->get<std::string>());
  }
  return out;
}

std::string StoredReader::object_text(const char* key) const {
  const nlohmann::json* value = find(key);
  if (value == nullptr) return std::string();
  if (!value->is_object()) throw_bad(key, "an object");
  return stored_text(*value);
}

std::vector<std::pair<const nlohmann::json*, std::string>> StoredReader::elements(const char* key) const {
  std::vector<std::pair<const nlohmann::json*, std::string>> out;
  const nlohmann::json* value = find(key);
  if (value == nullptr) return out;
  if (!value->is_array()) throw_bad(key, "an array");
  out.reserve(value->size());
  for (std::size_t i = 0; i < value->size(); ++i) {
    out.emplace_back(&(*value)[i], path_of(key) + "[" + std::to_string(i) + "]");
  }
  return out;
}

std::string stored_text(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace rma::events
