// events/case_document.hpp — the case as the events write it (schema versions 1 and 2).
//
// case.created carries the whole case, and note.added, attachment.added, action.added,
// repair.added/updated and case.split carry its parts. These are the events' own encoders and
// decoders: version 1 has the members and names the case answer had when events got their own
// schema, and it keeps them whatever answers do later. The decoders read what the encoders wrote
// (and every database written before, which holds the same form) back to the C++ values.
//
// Version 2 writes the same members but leaves out each one equal to that of a default-constructed
// value (an empty text or list, null, false, 0, the default enum name); the decoders read an
// absent member as that default, so both versions read alike.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "events/schema.hpp"
#include "rma/case.hpp"

namespace rma::events {

// `version` 1 writes every member (the form databases written before version 2 hold).
nlohmann::json case_document(const Case& c, std::int32_t version = kEventSchemaVersion);
nlohmann::json line_document(const CaseLine& line, std::int32_t version = kEventSchemaVersion);
nlohmann::json note_document(const Note& note, std::int32_t version = kEventSchemaVersion);
nlohmann::json attachment_document(const Attachment& attachment, std::int32_t version = kEventSchemaVersion);
nlohmann::json action_document(const Action& action, std::int32_t version = kEventSchemaVersion);
nlohmann::json repair_document(const RepairOperation& repair, std::int32_t version = kEventSchemaVersion);

// `path` names the value in errors (Status::storage): "events[12].data.case".
Case case_from_document(const nlohmann::json& value, const std::string& path);
CaseLine line_from_document(const nlohmann::json& value, const std::string& path);
Note note_from_document(const nlohmann::json& value, const std::string& path);
Attachment attachment_from_document(const nlohmann::json& value, const std::string& path);
Action action_from_document(const nlohmann::json& value, const std::string& path);
RepairOperation repair_from_document(const nlohmann::json& value, const std::string& path);

}  // namespace rma::events
