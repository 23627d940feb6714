// Replaying a case's history: the case rebuilt from its events alone. Each event that changed
// the case carries what changed (a snapshot at creation, the added note or action, or
// {"field": {"before", "after"}} changes) and the version it left the case at, so applying them
// in order must give the stored case exactly; tests hold the engine to that.
#include <algorithm>

#include "engine/engine_impl.hpp"
#include "json/case.hpp"

namespace rma {
namespace {

using nlohmann::json;

json& element_with(json& array, const char* key, std::int64_t value) {
  for (json& item : array) {
    if (item.at(key).get<std::int64_t>() == value) return item;
  }
  throw Error(Status::internal, "history", std::string("no element with ") + key + " " + std::to_string(value));
}

// Applies {"field": {"before", "after"}}: "lines[N].member" names line N's member.
void apply_changes(json& doc, const json& changes) {
  for (const auto& [field, change] : changes.items()) {
    const json& after = change.at("after");
    if (field.rfind("lines[", 0) == 0) {
      const auto close = field.find(']');
      const std::int64_t line_no = std::stoll(field.substr(6, close - 6));
      element_with(doc["lines"], "line_no", line_no)[field.substr(close + 2)] = after;
    } else {
      doc[field] = after;
    }
  }
}

void apply_event(json& doc, const Event& e) {
  const json data = json::parse(e.data);
  if (e.type == "case.created") {
    doc = data.at("case");
    return;
  }
  if (!data.contains("version")) return;  // it changed nothing on the case (denials, notices)
  if (data.contains("changes")) apply_changes(doc, data["changes"]);
  if (e.type == "note.added") doc["notes"].push_back(data.at("note"));
  if (e.type == "attachment.added") doc["attachments"].push_back(data.at("attachment"));
  if (e.type == "action.added") doc["actions"].push_back(data.at("action"));
  if (e.type == "repair.added") doc["repairs"].push_back(data.at("repair"));
  if (e.type == "repair.updated") {
    element_with(doc["repairs"], "id", data.at("repair").at("id").get<std::int64_t>()) = data.at("repair");
  }
  if (e.type == "action.completed") {
    json& action = element_with(doc["actions"], "id", data.at("action_id").get<std::int64_t>());
    action["done_at"] = data.at("done_at");
    action["done_by"] = e.actor;
  }
  if (e.type == "line.checked") {
    json& line = element_with(doc["lines"], "line_no", data.at("line_no").get<std::int64_t>());
    line["warranty"] = data.at("warranty");
    line["eligibility"] = data.at("eligibility");
  }
  doc["version"] = data["version"];
  doc["updated_at"] = e.at.to_iso();
}

}  // namespace

Case Engine::Impl::replay_case(const Actor& by, std::int64_t id) {
  require_staff(by, "replay histories", id);
  load_for(by, id, std::nullopt);  // exists and may be read
  json doc;
  for (const Event& e : store->case_events(id)) apply_event(doc, e);
  if (doc.is_null()) throw Error(Status::not_found, "case_id", "case " + std::to_string(id) + " has no history");
  return codec::case_from_json(doc);
}

}  // namespace rma
