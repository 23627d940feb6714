// events/stored_reader.hpp — reading event data that librma wrote itself.
//
// Stored events are trusted to be librma's own output, so there are no limits here; a member of
// the wrong type means a damaged database and is Status::storage naming the path
// ("events[12].data.case.lines[0].sku"), never an exception from the JSON library.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rma/time.hpp"

namespace rma::events {

class StoredReader {
 public:
  StoredReader(const nlohmann::json& object, std::string path);

  const std::string& path() const noexcept { return path_; }
  std::string path_of(const char* key) const { return path_ + "." + key; }

  // A member; absent or null reads as nullptr.
  const nlohmann::json* find(const char* key) const;
  const nlohmann::json& need(const char* key) const;  // present and not null

  std::string text(const char* key) const;  // "" when absent
  std::string text(const char* key, const std::string& absent) const;
  std::int64_t integer(const char* key, std::int64_t absent = 0) const;
  std::optional<std::int64_t> optional_integer(const char* key) const;
  bool boolean(const char* key) const;  // false when absent
  std::optional<bool> optional_boolean(const char* key) const;
  std::optional<Timestamp> optional_timestamp(const char* key) const;
  Timestamp timestamp(const char* key) const;
  std::optional<Date> optional_date(const char* key) const;
  std::vector<std::string> texts(const char* key) const;
  // An object member as its JSON text; "" when absent or null.
  std::string object_text(const char* key) const;
  // An array member's elements, each with its path; empty when absent.
  std::vector<std::pair<const nlohmann::json*, std::string>> elements(const char* key) const;

  // The name member `key` read back to its enum through `from_name`; `fallback` when absent.
  template <class E, class FromName>
  E enumeration(const char* key, FromName from_name, E fallback) const {
    const std::string name = text(key);
    if (name.empty() && find(key) == nullptr) return fallback;
    if (auto value = from_name(name)) return *value;
    throw_bad(key, "a known name");
  }

  [[noreturn]] void throw_bad(const char* key, const char* expected) const;

 private:
  const nlohmann::json& object_;
  std::string path_;
};

// The dump librma stores JSON text with (invalid UTF-8 replaced, as the API codec writes).
std::string stored_text(const nlohmann::json& value);

}  // namespace rma::events
