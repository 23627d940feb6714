// json/parse.cpp — JSON text to documents and back, with the checks every request gets.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "json/parse.hpp"
#include "json/reader.hpp"
#include "json/utf8.hpp"

namespace rma::codec {

namespace {

// Follows nlohmann's parse event by event, knowing where in the document it is, so that a refusal
// names its JSON path:
// - nesting deeper than `max_depth` is refused when the container that crosses the limit opens.
//   nlohmann's parser is iterative, so this bounds every recursive walk that runs on the document
//   afterwards (the readers, the invalid-UTF-8 search, dumps) whatever the input;
// - a key said twice in one object is refused when asked: nlohmann keeps the last of two equal
//   keys, and a request that says a field twice is ambiguous.
class ParseCheck {
 public:
  ParseCheck(std::int32_t max_depth, bool refuse_duplicates)
      : max_depth_(max_depth), refuse_duplicates_(refuse_duplicates) {}

  bool operator()(int /*depth*/, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    switch (event) {
      case Event::object_start: open(true); break;
      case Event::array_start: open(false); break;
      case Event::key: keys_.push_back(parsed.get<std::string>()); break;
      case Event::object_end:
        if (refuse_duplicates_ && keys_.size() - frames_.back().first_key != parsed.size()) throw_duplicate();
        keys_.resize(frames_.back().first_key);
        frames_.pop_back();
        element_done();
        break;
      case Event::array_end:
        frames_.pop_back();
        element_done();
        break;
      case Event::value: element_done(); break;
    }
    return true;
  }

 private:
  struct Frame {
    bool is_object;
    std::size_t index;      // arrays: the element being parsed
    std::size_t first_key;  // objects: where this object's keys start in keys_
  };

  void open(bool is_object) {
    if (frames_.size() >= static_cast<std::size_t>(max_depth_)) {
      throw Error(Status::too_large, path_within(frames_.size()),
                  "JSON nested " + std::to_string(frames_.size() + 1) + " levels deep, more than the limit of " +
                      std::to_string(max_depth_));
    }
    frames_.push_back({is_object, 0, keys_.size()});
  }

  void element_done() {
    if (!frames_.empty() && !frames_.back().is_object) ++frames_.back().index;
  }

  // The path of the value being parsed in the innermost of the first `count` open containers.
  std::string path_within(std::size_t count) const {
    std::string path;
    for (std::size_t i = 0; i < count; ++i) {
      const Frame& frame = frames_[i];
      if (frame.is_object) {
        // An object's current member is its last key so far: the one before the next frame's keys.
        const std::size_t key_end = i + 1 < frames_.size() ? frames_[i + 1].first_key : keys_.size();
        path = key_end > frame.first_key ? join_path(path, keys_[key_end - 1]) : path;
      } else {
        path = element_path(path, frame.index);
      }
    }
    return path;
  }

  [[noreturn]] void throw_duplicate() const {
    const Frame& top = frames_.back();
    std::vector<std::string> own(keys_.begin() + static_cast<std::ptrdiff_t>(top.first_key), keys_.end());
    std::sort(own.begin(), own.end());
    const auto repeated = std::adjacent_find(own.begin(), own.end());
    const std::string key = repeated == own.end() ? std::string() : *repeated;
    throw Error(Status::malformed_json, join_path(path_within(frames_.size() - 1), key),
                "duplicate key " + quote_value(key));
  }

  std::int32_t max_depth_;
  bool refuse_duplicates_;
  std::vector<Frame> frames_;
  std::vector<std::string> keys_;
};

// Throws rma::Error (too_large, duplicate keys) from the check, nlohmann::json::exception on text
// that is not JSON.
nlohmann::json parse_with(std::string_view text, ParseCheck check) {
  return nlohmann::json::parse(
      text.begin(), text.end(),
      [&check](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
        return check(depth, event, parsed);
      });
}

// The noncharacters U+FDD0..U+FDEF never occur in real text; one that the request does not
// contain (raw or escaped) marks where the first invalid byte was.
std::optional<std::string> choose_marker(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (int offset = 0; offset < 32; ++offset) {
    const std::string raw = {'\xEF', '\xB7', static_cast<char>(0x90 + offset)};
    char escaped[8];
    std::snprintf(escaped, sizeof escaped, "%04x", 0xFDD0 + offset);
    if (text.find(raw) == std::string_view::npos && lower.find(escaped) == std::string::npos) return raw;
  }
  return std::nullopt;
}

// Recursive: runs only on a document parsed under a depth bound (invalid_utf8_path).
std::optional<std::string> find_marker(const nlohmann::json& value, const std::string& path,
                                       const std::string& marker) {
  if (value.is_string()) {
    if (value.get_ref<const std::string&>().find(marker) != std::string::npos) return path;
  } else if (value.is_object()) {
    for (const auto& item : value.items()) {
      const std::string member = join_path(path, item.key());
      if (item.key().find(marker) != std::string::npos) return member;
      if (auto found = find_marker(item.value(), member, marker)) return found;
    }
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (auto found = find_marker(value[i], element_path(path, i), marker)) return found;
    }
  }
  return std::nullopt;
}

// The path of the string that holds the first invalid byte (at `first_bad`), or "" when the byte
// is outside any string or the text is not JSON around it.
// The repaired text is parsed under the same depth bound as the request, so a document too deep
// is too_large whatever bytes it holds, and the recursive marker search below never sees one.
std::string invalid_utf8_path(std::string_view text, std::size_t first_bad, std::int32_t max_depth) {
  const std::optional<std::string> marker = choose_marker(text);
  std::string repaired(text.substr(0, first_bad));
  repaired += marker.value_or("?");
  std::size_t start = first_bad + 1;
  // Later invalid bytes become '?' so the rest parses; only the first one carries the marker.
  while (start < text.size()) {
    const std::string_view rest = text.substr(start);
    const std::size_t bad = detail::first_invalid_utf8(rest);
    if (bad == std::string_view::npos) {
      repaired += rest;
      break;
    }
    repaired += rest.substr(0, bad);
    repaired += '?';
    start += bad + 1;
  }
  nlohmann::json document;
  try {
    document = parse_with(repaired, ParseCheck(max_depth, /*refuse_duplicates=*/false));
  } catch (const nlohmann::json::exception&) {
    return std::string();  // not JSON around the byte: no string to name
  }
  if (!marker) return std::string();
  std::string path = find_marker(document, std::string(), *marker).value_or(std::string());
  // A bad byte in a key lands in the path; show it as U+FFFD so the field itself is valid UTF-8.
  for (std::size_t at = path.find(*marker); at != std::string::npos; at = path.find(*marker, at)) {
    path.replace(at, marker->size(), "\xEF\xBF\xBD");
  }
  return path;
}

// nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 7: why" -> "why",
// with line and column kept.
std::string parse_error_reason(const std::string& what) {
  std::string reason = what;
  const std::size_t bracket = reason.find("] ");
  if (bracket != std::string::npos) reason.erase(0, bracket + 2);
  const std::string at = "parse error at ";
  if (reason.compare(0, at.size(), at) == 0) reason.erase(0, at.size());
  return shortened(reason, 200);
}

}  // namespace

nlohmann::json parse_json(std::string_view text, const std::string& field, std::int32_t max_depth) {
  try {
    const std::size_t bad = detail::first_invalid_utf8(text);
    if (bad != std::string_view::npos) {
      throw Error(Status::invalid_utf8, invalid_utf8_path(text, bad, max_depth),
                  "invalid UTF-8 at byte " + std::to_string(bad));
    }
    // nlohmann's parser takes a NUL byte for the end of the text, so "5\0{…}" would read as 5 and
    // the rest would go unseen. JSON text never holds one (inside strings it is escaped). What
    // comes before it is read first, so nesting past the limit and a syntax error before the NUL
    // are reported as they would be without it.
    const std::size_t nul = text.find('\0');
    if (nul != std::string_view::npos) {
      try {
        parse_with(text.substr(0, nul), ParseCheck(max_depth, /*refuse_duplicates=*/true));
      } catch (const nlohmann::json::parse_error& e) {
        if (e.byte != 0 && e.byte - 1 < nul) throw;
      }
      throw Error(Status::malformed_json, std::string(),
                  "malformed JSON at byte " + std::to_string(nul) + " (a NUL byte, which JSON text never holds)");
    }
    return parse_with(text, ParseCheck(max_depth, /*refuse_duplicates=*/true));
  } catch (const Error& e) {
    rethrow_with_prefix(e, field);
  } catch (const nlohmann::json::parse_error& e) {
    const std::size_t offset = e.byte == 0 ? 0 : e.byte - 1;
    throw Error(Status::malformed_json, field,
                "malformed JSON at byte " + std::to_string(offset) + " (" + parse_error_reason(e.what()) + ")");
  } catch (const nlohmann::json::exception& e) {
    // A number too large for a double and the like.
    throw Error(Status::malformed_json, field, "malformed JSON (" + parse_error_reason(e.what()) + ")");
  }
}

nlohmann::json parse_stored_json(std::string_view text, const std::string& field) {
  return parse_json(text, field, kStoredJsonDepth);
}

nlohmann::json parse_json_within_depth(std::string_view text, std::int32_t max_depth) {
  return parse_with(text, ParseCheck(max_depth, /*refuse_duplicates=*/false));
}

nlohmann::json parse_request(std::string_view text, const Limits& limits) {
  if (static_cast<std::uint64_t>(text.size()) > static_cast<std::uint64_t>(limits.max_request_bytes)) {
    throw Error(Status::too_large, std::string(),
                "request is " + std::to_string(text.size()) + " bytes, more than the limit of " +
                    std::to_string(limits.max_request_bytes));
  }
  return parse_json(text, std::string(), limits.max_json_depth);
}

std::string canonical_json(std::string_view object_text, const std::string& field, std::int32_t max_depth) {
  if (object_text.find_first_not_of(" \t\r\n") == std::string_view::npos) return "{}";
  const nlohmann::json value = parse_json(object_text, field, max_depth);
  if (!value.is_object()) throw_wrong_type(field, "object", value);
  return dump_json(value);
}

std::string dump_json(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json embedded_object(const std::string& text, const char* field) {
  if (text.empty()) return nlohmann::json::object();
  return parse_stored_json(text, field);
}

}  // namespace rma::codec
