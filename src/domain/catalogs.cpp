// Message catalogs: the built-in ones, a host's additions, look-up along the fallback chain and
// the completeness check. Texts are kept as written (ICU MessageFormat) and formatted on use.
#include <algorithm>
#include <cctype>
#include <utility>

#include <nlohmann/json.hpp>

#include "domain/catalog_data.hpp"
#include "domain/formatting.hpp"
#include "domain/quoted.hpp"
#include "json/parse.hpp"
#include "rma/error.hpp"
#include "rma/language.hpp"

namespace rma {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxKey = 200;
constexpr std::size_t kMaxLanguages = 1000;
constexpr std::size_t kMaxMessages = 100000;  // per language

bool valid_key(const std::string& key) {
  if (key.empty() || key.size() > kMaxKey || key.front() == '.' || key.back() == '.') return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
  });
}

const json& object_member(const json& value, const std::string& field) {
  if (!value.is_object()) throw Error(Status::wrong_type, field, "must be an object");
  return value;
}

// A language's messages read from a catalog document, checked; errors name `field`.
std::map<std::string, std::string> read_messages(const json& messages, const std::string& field,
                                                 std::int64_t max_text_bytes) {
  object_member(messages, field);
  if (messages.size() > kMaxMessages)
    throw Error(Status::too_large, field, "has " + std::to_string(messages.size()) + " messages, more than " +
                                              std::to_string(kMaxMessages));
  std::map<std::string, std::string> out;
  for (const auto& [key, text] : messages.items()) {
    const std::string path = field + "." + key;
    if (!valid_key(key))
      throw Error(Status::unknown_value, path,
                  detail::quoted(key) + " is not a message key (1 to 200 of a-z, 0-9, '_' and '.')");
    if (!text.is_string()) throw Error(Status::wrong_type, path, "must be a string");
    const std::string& value = text.get_ref<const std::string&>();
    if (static_cast<std::int64_t>(value.size()) > max_text_bytes)
      throw Error(Status::too_large, path,
                  "is " + std::to_string(value.size()) + " bytes, more than " + std::to_string(max_text_bytes));
    domain::check_message_pattern(value, path);
    out.emplace(key, value);
  }
  return out;
}

}  // namespace

struct Catalogs::Data {
  std::map<std::string, std::map<std::string, std::string>, std::less<>> languages;
};

Catalogs::Catalogs() : data_(std::make_shared<const Data>()) {}

const Catalogs& Catalogs::built_in() {
  static const Catalogs catalogs = [] {
    Catalogs c;
    for (std::string_view document : domain::built_in_catalog_documents()) {
      const json doc = codec::parse_json(document, "catalog", 8);
      const std::string tag = canonical_language(doc.at("language").get<std::string>(), "catalog.language");
      c.add_language(tag, read_messages(doc.at("messages"), "catalog." + tag, 1 << 20), "catalog");
    }
    return c;
  }();
  return catalogs;
}

void Catalogs::add(std::string_view document, std::int64_t max_text_bytes, std::int32_t max_depth) {
  const json doc = codec::parse_json(document, std::string(), max_depth);
  object_member(doc, "document");
  for (const auto& [name, value] : doc.items()) {
    if (name != "languages")
      throw Error(Status::unknown_value, name, "is not a member of a catalog document (it has: languages)");
    (void)value;
  }
  auto found = doc.find("languages");
  if (found == doc.end()) throw Error(Status::missing_field, "languages", "is required");
  const json& languages = object_member(*found, "languages");
  if (languages.size() > kMaxLanguages)
    throw Error(Status::too_large, "languages", "names more than " + std::to_string(kMaxLanguages) + " languages");
  // Everything is read and checked first; only then do the catalogs change.
  std::vector<std::pair<std::string, std::map<std::string, std::string>>> read;
  for (const auto& [tag, messages] : languages.items()) {
    const std::string field = "languages." + tag;
    read.emplace_back(canonical_language(tag, field), read_messages(messages, field, max_text_bytes));
  }
  auto next = std::make_shared<Data>(*data_);
  for (auto& [tag, messages] : read) {
    auto& target = next->languages[tag];
    for (auto& [key, text] : messages) target[key] = std::move(text);
  }
  data_ = std::move(next);
}

void Catalogs::add_language(const std::string& tag, const std::map<std::string, std::string>& messages,
                            const std::string& field) {
  const std::string canonical = canonical_language(tag, field);
  for (const auto& [key, text] : messages) {
    if (!valid_key(key)) throw Error(Status::unknown_value, field + "." + key, "is not a message key");
    domain::check_message_pattern(text, field + "." + key);
  }
  auto next = std::make_shared<Data>(*data_);
  auto& target = next->languages[canonical];
  for (const auto& [key, text] : messages) target[key] = text;
  data_ = std::move(next);
}

std::optional<std::string> Catalogs::find_in(std::string_view language, std::string_view key) const {
  auto catalog = data_->languages.find(language);
  if (catalog == data_->languages.end()) return std::nullopt;
  auto text = catalog->second.find(std::string(key));
  if (text == catalog->second.end()) return std::nullopt;
  return text->second;
}

std::optional<std::string> Catalogs::find(std::string_view tag, std::string_view key) const {
  for (const std::string& language : language_fallback_chain(tag)) {
    if (std::optional<std::string> text = find_in(language, key)) return text;
  }
  return std::nullopt;
}

std::string Catalogs::text_or(std::string_view tag, std::string_view key, const std::string& fallback) const {
  std::optional<std::string> text = find(tag, key);
  return text ? label_text(tag, *text) : fallback;
}

std::string label_text(std::string_view tag, const std::string& text) {
  // Most labels have neither arguments nor quotes: written as they are, without a formatter.
  if (text.find_first_of("{'") == std::string::npos) return text;
  return format_message(tag, text, "{}", "label");
}

std::string Catalogs::format(std::string_view tag, std::string_view key, std::string_view arguments) const {
  std::optional<std::string> text = find(tag, key);
  if (!text) throw Error(Status::not_found, "key", detail::quoted(key) + " is in no catalog");
  return format_message(tag, *text, arguments, "arguments");
}

std::vector<std::string> Catalogs::languages() const {
  std::vector<std::string> out;
  for (const auto& entry : data_->languages) out.push_back(entry.first);
  return out;
}

std::vector<std::string> Catalogs::keys() const {
  std::vector<std::string> out;
  auto base = data_->languages.find(kBaseLanguage);
  if (base != data_->languages.end())
    for (const auto& entry : base->second) out.push_back(entry.first);
  return out;
}

std::map<std::string, std::vector<std::string>> Catalogs::missing() const {
  std::map<std::string, std::vector<std::string>> out;
  const std::vector<std::string> base = keys();
  for (const auto& [tag, messages] : data_->languages) {
    std::vector<std::string> chain = language_fallback_chain(tag);
    // English and its regional variants fall back to the base language by design; any other
    // language falling back to English is what the check reports.
    if (tag.substr(0, tag.find('-')) == kBaseLanguage) continue;
    chain.pop_back();
    std::vector<std::string> lacking;
    for (const std::string& key : base) {
      bool found = false;
      for (const std::string& language : chain) {
        auto catalog = data_->languages.find(language);
        found = found || (catalog != data_->languages.end() && catalog->second.count(key) > 0);
      }
      if (!found) lacking.push_back(key);
    }
    if (!lacking.empty()) out.emplace(tag, std::move(lacking));
  }
  return out;
}

}  // namespace rma
