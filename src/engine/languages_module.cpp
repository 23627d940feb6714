#include "engine/languages_module.hpp"

#include <nlohmann/json.hpp>

#include "engine/engine_impl.hpp"
#include "events/payloads.hpp"
#include "json/parse.hpp"

namespace rma {

namespace {

using nlohmann::json;

constexpr const char* kNoHostCatalogs = R"({"languages":{}})";

// The document as stored: compact, keys sorted, tags in canonical case ("de-at" -> "de-AT"). Two
// spellings of one tag would leave it unclear which texts win: refused.
std::string canonical_document(const std::string& text, std::int32_t max_depth) {
  const json doc = codec::parse_json(text, std::string(), max_depth);
  json languages = json::object();
  for (const auto& [tag, messages] : doc.at("languages").items()) {
    const std::string field = "languages." + tag;
    const std::string canonical = canonical_language(tag, field);
    if (languages.contains(canonical))
      throw Error(Status::duplicate, field, "names language " + canonical + " a second time");
    languages[canonical] = messages;
  }
  return codec::dump_json(json{{"languages", std::move(languages)}});
}

}  // namespace

const Catalogs& LanguagesModule::catalogs() { return document.get(*e_.store); }

void LanguagesModule::configure(const Actor& by, const std::string& text) {
  e_.require_admin(by, "change the message catalogs");
  const Limits& limits = e_.options.limits;
  Catalogs checked = Catalogs::built_in();
  checked.add(text, limits.max_text_bytes, limits.max_json_depth);
  const std::string canonical = canonical_document(text, limits.max_json_depth);
  const std::string before = stored_text();
  e_.configure_document(by, document, canonical, std::move(checked), events::languages_configured(before, canonical));
}

std::string LanguagesModule::stored_text() {
  return e_.store->get_setting(document.key()).value_or(kNoHostCatalogs);
}

std::string LanguagesModule::reader_language(const Actor& by, const std::string& requested) {
  if (!requested.empty()) return canonical_language(requested, "lang");
  if (by.role == Role::customer) {
    if (std::optional<Customer> customer = e_.store->find_customer(by.id)) {
      // A language stored before librma checked tags may be anything: it is only a preference.
      try {
        if (!customer->language.empty()) return canonical_language(customer->language, "language");
      } catch (const Error&) {
      }
    }
  }
  return kBaseLanguage;
}

}  // namespace rma
