#include "json/skim.hpp"

#include <cstddef>

namespace rma::codec {
namespace {

void skip_space(std::string_view t, std::size_t& i) {
  while (i < t.size() && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r')) ++i;
}

// Past the string starting at t[i] == '"'; false if it does not end.
bool skip_string(std::string_view t, std::size_t& i) {
  for (++i; i < t.size(); ++i) {
    if (t[i] == '\\') {
      ++i;
    } else if (t[i] == '"') {
      ++i;
      return true;
    }
  }
  return false;
}

// Past the value starting at t[i]: strings whole, brackets matched outside strings.
bool skip_value(std::string_view t, std::size_t& i) {
  if (i >= t.size()) return false;
  if (t[i] == '"') return skip_string(t, i);
  if (t[i] != '{' && t[i] != '[') {
    while (i < t.size() && t[i] != ',' && t[i] != '}' && t[i] != ']' && t[i] != ' ' && t[i] != '\n' &&
           t[i] != '\r' && t[i] != '\t') {
      ++i;
    }
    return true;
  }
  int depth = 0;
  while (i < t.size()) {
    const char c = t[i];
    if (c == '"') {
      if (!skip_string(t, i)) return false;
      continue;
    }
    if (c == '{' || c == '[') ++depth;
    if (c == '}' || c == ']') --depth;
    ++i;
    if (depth == 0) return true;
  }
  return false;
}

}  // namespace

std::optional<std::string_view> member_text(std::string_view t, std::string_view key) {
  std::size_t i = 0;
  skip_space(t, i);
  if (i >= t.size() || t[i] != '{') return std::nullopt;
  ++i;
  while (true) {
    skip_space(t, i);
    if (i >= t.size() || t[i] == '}') return std::nullopt;
    if (t[i] != '"') return std::nullopt;
    const std::size_t name_start = i + 1;
    if (!skip_string(t, i)) return std::nullopt;
    const std::string_view name = t.substr(name_start, i - 1 - name_start);
    skip_space(t, i);
    if (i >= t.size() || t[i] != ':') return std::nullopt;
    ++i;
    skip_space(t, i);
    const std::size_t value_start = i;
    if (!skip_value(t, i)) return std::nullopt;
    if (name == key) return t.substr(value_start, i - value_start);
    skip_space(t, i);
    if (i < t.size() && t[i] == ',') ++i;
  }
}

}  // namespace rma::codec
