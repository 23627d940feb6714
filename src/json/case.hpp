// json/case.hpp — the Case document (docs/json.md): what answers show, what views filter and what
// the engine keeps; the parts a request decoder shares with it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "json/reader.hpp"
#include "rma/case.hpp"
#include "rma/options.hpp"
#include "rma/repair.hpp"

namespace rma::codec {

nlohmann::json to_json_value(const Case& c);
nlohmann::json to_json_value(const CaseLine& line);
nlohmann::json to_json_value(const Note& note);
nlohmann::json to_json_value(const Attachment& attachment);
nlohmann::json to_json_value(const Action& action);
nlohmann::json to_json_value(const PartUse& part);
nlohmann::json to_json_value(const RepairOperation& repair);
nlohmann::json to_json_value(const SplitResult& result);  // {"original", "created"}
std::string case_to_json(const Case& c);

// Every member of the draft, custom_fields as an object: equal drafts give equal text, so the
// engine can fingerprint an idempotent request. Includes idempotency_key.
nlohmann::json case_draft_to_json_value(const CaseDraft& draft);
std::string case_draft_to_json(const CaseDraft& draft);

// The Case document as to_json_value writes it (missing members keep their defaults; unknown
// members are rejected). No size limits: this reads what librma itself wrote.
Case case_from_json(const nlohmann::json& value);

// Members a line or a repair has both in the document and in a request's draft.
SalesDocumentRef read_sales_document(ObjectReader& parent, const Limits& limits);
// Known names only, each at most once: a typo must not leave a warranty covered.
std::optional<std::vector<std::string>> read_void_conditions(ObjectReader& r);
PartUse read_part(const nlohmann::json& value, const std::string& path, const Limits& limits);

}  // namespace rma::codec
