// domain/label_texts.hpp — the words printed around a label's data, in the reader's language,
// from the message catalogs (keys label.*, data/catalogs/).
#pragma once

#include <string>

#include "domain/label_content.hpp"

namespace rma::domain {

// The language a label is printed in: `requested` (the request's "language"; a tag that is not
// BCP 47 is unknown_value naming "language"), else the customer's if it is a well-formed tag,
// else English. Canonical ("de-AT").
std::string label_language(const std::string& requested, const std::string& customers);

// The texts for the canonical tag `language`, along its fallback chain (de-AT -> de -> en);
// LabelTexts::language is the catalog they came from.
LabelTexts label_texts(const std::string& language);

}  // namespace rma::domain
