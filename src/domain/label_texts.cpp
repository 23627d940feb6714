#include "domain/label_texts.hpp"

#include <algorithm>

#include "rma/error.hpp"
#include "rma/language.hpp"

namespace rma::domain {

std::string label_language(const std::string& requested, const std::string& customers) {
  if (!requested.empty()) return canonical_language(requested, "language");
  if (!customers.empty()) {
    // A customer record kept an odd text in its language: its label is still printed, in English.
    try {
      return canonical_language(customers, "customer.language");
    } catch (const Error&) {
    }
  }
  return kBaseLanguage;
}

LabelTexts label_texts(const std::string& language) {
  const Catalogs& catalogs = Catalogs::built_in();
  LabelTexts t;
  t.language = kBaseLanguage;
  const std::vector<std::string> known = catalogs.languages();
  for (const std::string& tag : language_fallback_chain(language)) {
    if (std::find(known.begin(), known.end(), tag) != known.end()) {
      t.language = tag;
      break;
    }
  }
  t.return_to = catalogs.format(t.language, "label.return_to");
  t.sender = catalogs.format(t.language, "label.sender");
  t.items = catalogs.format(t.language, "label.items");
  t.instruction = catalogs.format(t.language, "label.instruction");
  const std::string tag = t.language;
  t.more_lines = [tag](std::size_t count) {
    return Catalogs::built_in().format(tag, "label.more_lines", "{\"count\": " + std::to_string(count) + "}");
  };
  return t;
}

}  // namespace rma::domain
