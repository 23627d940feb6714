#include "events/replay.hpp"

#include <nlohmann/json.hpp>

#include "events/case_document.hpp"
#include "events/event_type.hpp"
#include "events/schema.hpp"
#include "rma/error.hpp"

namespace rma::events {
namespace {

using json = nlohmann::json;

json& element_with(json& array, const char* key, std::int64_t value, const std::string& where) {
  if (array.is_array()) {
    for (json& item : array) {
      const auto it = item.find(key);
      if (it != item.end() && it->is_number_integer() && it->get<std::int64_t>() == value) return item;
    }
  }
  throw Error(Status::storage, where, std::string("no element with ") + key + " " + std::to_string(value));
}

std::int64_t integer_at(const json& data, const char* key, const std::string& where) {
  const auto it = data.find(key);
  if (it == data.end() || !it->is_number_integer()) {
    throw Error(Status::storage, where + "." + key, "stored event data: expected an integer");
  }
  return it->get<std::int64_t>();
}

const json& member(const json& data, const char* key, const std::string& where) {
  const auto it = data.find(key);
  if (it == data.end()) throw Error(Status::storage, where + "." + key, "stored event data: the member is missing");
  return *it;
}

// Applies {"field": {"before", "after"}}: "lines[N].member" names line N's member, any other
// field the case document's member of that name.
void apply_changes(json& doc, const json& changes, const std::string& where) {
  if (!changes.is_object()) throw Error(Status::storage, where, "stored event data: expected an object");
  for (const auto& [field, change] : changes.items()) {
    const json& after = member(change, "after", where + "." + field);
    if (field.rfind("lines[", 0) == 0) {
      const auto close = field.find(']');
      if (close == std::string::npos || close + 2 > field.size()) {
        throw Error(Status::storage, where + "." + field, "stored event data: not a line member");
      }
      const std::int64_t line_no = std::stoll(field.substr(6, close - 6));
      element_with(doc["lines"], "line_no", line_no, where + "." + field)[field.substr(close + 2)] = after;
    } else {
      doc[field] = after;
    }
  }
}

// The JSON form of a case is the events' own (case_document.hpp): the case.created snapshot is
// one, and the changes name its members.
void apply(json& doc, const Event& e) {
  const std::string where = "events[" + std::to_string(e.seq) + "].data";
  json data;
  try {
    data = json::parse(e.data);
  } catch (const json::exception&) {
    throw Error(Status::storage, where, "stored event data does not parse");
  }
  schema_version_of(data, where);  // versions 1 and 2 read alike (absent = default); newer is refused
  const std::optional<EventType> type = event_type_from_name(e.type);
  if (type == EventType::case_created) {
    // Through the decoder and back: the snapshot is checked member by member. Version 2 leaves
    // the id and number to the event's own columns.
    Case created = case_from_document(member(data, "case", where), where + ".case");
    if (created.id == 0) created.id = e.case_id;
    if (created.number.empty()) created.number = e.case_number;
    doc = case_document(created);
    return;
  }
  if (!data.contains("version")) return;  // it changed nothing on the case (denials, notices)
  if (doc.is_null()) throw Error(Status::storage, where, "a change before the case was created");
  if (data.contains("changes")) apply_changes(doc, data["changes"], where + ".changes");
  if (!type) {
    // A type this librma does not know changed the case only through its "changes".
  } else if (*type == EventType::note_added) {
    doc["notes"].push_back(note_document(note_from_document(member(data, "note", where), where + ".note")));
  } else if (*type == EventType::attachment_added) {
    doc["attachments"].push_back(
        attachment_document(attachment_from_document(member(data, "attachment", where), where + ".attachment")));
  } else if (*type == EventType::action_added) {
    doc["actions"].push_back(action_document(action_from_document(member(data, "action", where), where + ".action")));
  } else if (*type == EventType::repair_added) {
    doc["repairs"].push_back(repair_document(repair_from_document(member(data, "repair", where), where + ".repair")));
  } else if (*type == EventType::repair_updated) {
    const RepairOperation repair = repair_from_document(member(data, "repair", where), where + ".repair");
    element_with(doc["repairs"], "id", repair.id, where + ".repair.id") = repair_document(repair);
  } else if (*type == EventType::action_completed) {
    json& action = element_with(doc["actions"], "id", integer_at(data, "action_id", where), where + ".action_id");
    action["done_at"] = member(data, "done_at", where);
    action["done_by"] = e.actor;
  } else if (*type == EventType::line_checked) {
    json& line = element_with(doc["lines"], "line_no", integer_at(data, "line_no", where), where + ".line_no");
    line["warranty"] = member(data, "warranty", where);
    line["eligibility"] = member(data, "eligibility", where);
  }
  doc["version"] = data["version"];
  doc["updated_at"] = e.at.to_iso();
}

}  // namespace

std::optional<Case> replay_case(const std::vector<Event>& history) {
  json doc;
  for (const Event& e : history) apply(doc, e);
  if (doc.is_null()) return std::nullopt;
  return case_from_document(doc, "replayed case");
}

}  // namespace rma::events
