// json/reader.hpp — strict, path-aware reading of one JSON object, and the error helpers every
// reader of JSON shares (requests, stored documents, configuration documents).
//
// A reader names each member it reads; finish() then rejects every other member, so a typo in a
// field name is an error instead of a silently ignored value. A member that is null counts as
// absent, except where a reader says otherwise (nullable()). Paths are built only on error.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "rma/error.hpp"
#include "rma/options.hpp"
#include "rma/time.hpp"

namespace rma::codec {

// A string length limit that never applies (documents librma wrote itself).
constexpr std::int64_t kNoLimit = std::numeric_limits<std::int64_t>::max();

// "integer", "string", ... as messages name JSON types.
const char* json_type_name(const nlohmann::json& value);

// [[noreturn]] helpers shared by the codec files.
[[noreturn]] void throw_wrong_type(const std::string& path, const char* expected, const nlohmann::json& got);
[[noreturn]] void throw_unknown_value(const std::string& path, std::string_view value,
                                      const char* const* known, std::size_t known_count);

// The value, quoted, shortened to a readable length for an error message.
std::string quote_value(std::string_view value);
// At most `max_bytes` of `text` (never splitting a UTF-8 sequence), "..." appended if cut.
std::string shortened(std::string_view text, std::size_t max_bytes);

class ObjectReader {
 public:
  // Throws wrong_type (at `path`) unless `value` is an object.
  ObjectReader(const nlohmann::json& value, std::string path);

  const std::string& path() const { return path_; }
  std::string path_of(std::string_view key) const;

  // The member (registered as known), or nullptr if absent or null.
  const nlohmann::json* find(const char* key);
  // The member (registered as known); throws missing_field if absent or null.
  const nlohmann::json& need(const char* key);
  // True if the member is present, even as null (registers it).
  bool present(const char* key);

  std::string text(const char* key, std::int64_t max_bytes);  // required
  std::optional<std::string> optional_text(const char* key, std::int64_t max_bytes);
  void read_text(const char* key, std::int64_t max_bytes, std::string& out);  // unchanged if absent

  std::int64_t integer(const char* key, std::int64_t min, std::int64_t max);
  std::optional<std::int64_t> optional_integer(const char* key, std::int64_t min, std::int64_t max);

  bool boolean(const char* key);
  std::optional<bool> optional_boolean(const char* key);

  Timestamp timestamp(const char* key);
  std::optional<Timestamp> optional_timestamp(const char* key);
  Date date(const char* key);  // required
  std::optional<Date> optional_date(const char* key);

  // A member that must be an object if present; returned as compact text ("{}" if absent).
  std::optional<std::string> optional_object_text(const char* key);

  // The array member (required / optional), checked to hold at most `max_items`.
  const nlohmann::json& array(const char* key, std::int64_t max_items);
  const nlohmann::json* optional_array(const char* key, std::int64_t max_items);
  // An optional array of strings, each at most `max_bytes`; errors name the element.
  std::optional<std::vector<std::string>> optional_texts(const char* key, std::int64_t max_items,
                                                         std::int64_t max_bytes);

  // Enum members: `from_name` is one of the *_from_name functions, `names` the accepted values
  // (json/enums.hpp), listed in the error message.
  template <class FromName, class Names>
  auto enumeration(const char* key, FromName from_name, const Names& names) {
    const nlohmann::json& value = need(key);
    return decode_enum(key, value, from_name, names);
  }
  template <class FromName, class Names>
  auto optional_enumeration(const char* key, FromName from_name, const Names& names)
      -> std::optional<typename decltype(from_name(std::string_view()))::value_type> {
    const nlohmann::json* value = find(key);
    if (value == nullptr) return std::nullopt;
    return decode_enum(key, *value, from_name, names);
  }

  // Rejects every member that no read above named.
  void finish() const;

 private:
  template <class FromName, class Names>
  auto decode_enum(const char* key, const nlohmann::json& value, FromName from_name, const Names& names) {
    if (!value.is_string()) throw_wrong_type(path_of(key), "string", value);
    const auto& name = value.get_ref<const std::string&>();
    auto decoded = from_name(name);
    if (!decoded) throw_unknown_value(path_of(key), name, names.data(), names.size());
    return *decoded;
  }

  void mark(const char* key);
  std::string checked_text(const char* key, const nlohmann::json& value, std::int64_t max_bytes) const;
  std::int64_t checked_integer(const char* key, const nlohmann::json& value, std::int64_t min,
                               std::int64_t max) const;

  const nlohmann::json& object_;
  std::string path_;
  std::vector<const char*> known_;
};

// The path of element `index` of the array at `path`.
std::string element_path(const std::string& path, std::size_t index);

// A number written as an integer too large for 64 bits, which nlohmann reads as a float
// (18446744073709551616, -9223372036854775809, 1e30): a whole number past the int64 range.
bool is_integer_beyond_64_bits(const nlohmann::json& value);

// The integer `value` at `path` within [min, max]: out_of_range past them (an integer beyond
// 64 bits included), wrong_type for any other type (a fraction, 1.0, "1").
std::int64_t integer_value(const nlohmann::json& value, const std::string& path, std::int64_t min,
                           std::int64_t max);

// Reads every element of the array member `key` with `read(element, path)`.
template <class T, class Read>
std::vector<T> read_elements(ObjectReader& r, const char* key, std::int64_t max_items, Read read) {
  std::vector<T> out;
  const nlohmann::json* items = r.optional_array(key, max_items);
  if (items == nullptr) return out;
  out.reserve(items->size());
  const std::string path = r.path_of(key);
  for (std::size_t i = 0; i < items->size(); ++i) out.push_back(read((*items)[i], element_path(path, i)));
  return out;
}

// "prefix.field", "prefix[2]" or whichever side is not empty.
std::string join_path(const std::string& prefix, const std::string& field);

// The error's message without the "field: " that what() starts with.
std::string error_message(const Error& error);

// The same error with `prefix` joined in front of its field.
[[noreturn]] void rethrow_with_prefix(const Error& error, const std::string& prefix);

}  // namespace rma::codec
