// api/language_texts.hpp — the JSON of the language ops (docs/languages.md): the `lang` member a
// request may carry, language.format's values, language.check's answer.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "rma/engine.hpp"

namespace rma::api {

// A request that may name the language of its answer: `lang` taken out (checked, in canonical
// case, or empty when absent), and the rest for the op's own decoder.
struct LocalizedRequest {
  std::string lang;
  nlohmann::json rest;
};
LocalizedRequest take_lang(const nlohmann::json& request, const Limits& limits);

// language.format: {"values": [{"money"}|{"plural"}|{"message", "arguments"}|{"pattern",
// "arguments"}|{"date", "style"}|{"time", "time_zone", "date_style", "time_style"}|{"list"}]}
// formatted for `lang` (canonical) -> {"lang", "texts": [...]}.
nlohmann::json formatted_texts(const Catalogs& catalogs, const std::string& lang, const nlohmann::json& request,
                               const Limits& limits);

// language.check: {"languages", "keys", "complete", "missing": {"<tag>": [key, ...]}}.
nlohmann::json catalog_check(const Catalogs& catalogs);

}  // namespace rma::api
