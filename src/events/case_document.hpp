// events/case_document.hpp — the case as the events write it (schema version 1).
//
// case.created carries the whole case, and note.added, attachment.added, action.added,
// repair.added/updated and case.split carry its parts. These are the events' own encoders and
// decoders: version 1 has the members and names the case answer had when events got their own
// schema, and it keeps them whatever answers do later. The decoders read what the encoders wrote
// (and every database written before, which holds the same form) back to the C++ values.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "rma/case.hpp"

namespace rma::events {

nlohmann::json case_document(const Case& c);
nlohmann::json line_document(const CaseLine& line);
nlohmann::json note_document(const Note& note);
nlohmann::json attachment_document(const Attachment& attachment);
nlohmann::json action_document(const Action& action);
nlohmann::json repair_document(const RepairOperation& repair);

// `path` names the value in errors (Status::storage): "events[12].data.case".
Case case_from_document(const nlohmann::json& value, const std::string& path);
CaseLine line_from_document(const nlohmann::json& value, const std::string& path);
Note note_from_document(const nlohmann::json& value, const std::string& path);
Attachment attachment_from_document(const nlohmann::json& value, const std::string& path);
Action action_from_document(const nlohmann::json& value, const std::string& path);
RepairOperation repair_from_document(const nlohmann::json& value, const std::string& path);

}  // namespace rma::events
