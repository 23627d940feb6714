// json/parse.hpp — JSON text <-> document, bounded in depth (and in size for requests).
//
// Every failure is an rma::Error whose field is the JSON path of the culprit. Dumping never fails
// on text that is not UTF-8: such bytes come out as U+FFFD. Private to librma: nlohmann::json stays
// out of the public headers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "rma/options.hpp"

namespace rma::codec {

// ---- Text <-> document ----------------------------------------------------------------------

// Every parse below is bounded in depth: a container nested deeper than `max_depth` (`{}` and
// `[]` are one level) is too_large, naming the path where the limit was crossed, and is refused
// while parsing, so nothing recursive ever runs on a deeper document.

// The bound of JSON that C++ callers give without an engine (configuration and options text).
constexpr std::int32_t kDefaultJsonDepth = Limits{}.max_json_depth;
// The bound of JSON text librma wrote itself (stored custom fields, event data, configuration
// read back): what it holds was bounded on the way in (at most kMaxJsonDepth), and librma's own
// wrappers (an event's before and after, a workflow around its rules' parameters) add a few levels.
constexpr std::int32_t kStoredJsonDepth = kMaxJsonDepth + 16;

// Parses one request: over limits.max_request_bytes is too_large (checked before parsing), so is
// nesting deeper than limits.max_json_depth; bytes that are not UTF-8 are invalid_utf8 naming the
// path of the string that holds them; text that is not JSON, or an object with a key twice, is
// malformed_json. Does not check the top-level type.
nlohmann::json parse_request(std::string_view text, const Limits& limits);

// The same checks without a size limit, for JSON given by C++ callers (custom fields, payloads)
// and text librma stored. Error fields are prefixed with `field` ("custom_fields" ->
// "custom_fields.a.b").
nlohmann::json parse_json(std::string_view text, const std::string& field, std::int32_t max_depth);

// parse_json bounded by kStoredJsonDepth: text librma wrote itself.
nlohmann::json parse_stored_json(std::string_view text, const std::string& field = std::string());

// Only the depth bound (too_large, paths relative to the text), for parsers that report syntax
// errors their own way (JSON Lines import rows): nlohmann::json::exception on text that is not JSON.
nlohmann::json parse_json_within_depth(std::string_view text, std::int32_t max_depth);

// `object_text` parsed and written back compactly with sorted keys. Throws malformed_json /
// invalid_utf8 / too_large like parse_json, or wrong_type if it is not an object; errors name
// `field`. Empty text is the empty object.
std::string canonical_json(std::string_view object_text, const std::string& field, std::int32_t max_depth);

// Compact text of a document; never throws on bad UTF-8 (replaced by U+FFFD).
std::string dump_json(const nlohmann::json& value);

// Object text librma stored (custom fields, event data, an outbox payload) as an object: empty
// text is the empty object.
nlohmann::json embedded_object(const std::string& text, const char* field);

}  // namespace rma::codec
