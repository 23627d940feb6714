// json/audit_report.cpp — what a verification of the audit chain found, as JSON (docs/json.md).
#include "json/audit_report.hpp"

namespace rma::codec {

using nlohmann::json;

json to_json_value(const AuditCheckpoint& c) {
  return {{"seq", c.seq}, {"hash", c.hash}, {"at", c.at.to_iso()}, {"public_key", c.public_key}};
}

json to_json_value(const AuditReport& r) {
  json first_break = nullptr;
  if (r.first_break) {
    const AuditBreak& b = *r.first_break;
    first_break = {{"seq", b.seq},         {"case_id", b.case_id}, {"case_number", b.case_number},
                   {"type", b.type},       {"problem", b.problem}, {"message", b.message}};
  }
  return {{"ok", r.ok},
          {"from_seq", r.from_seq},
          {"to_seq", r.to_seq},
          {"events_checked", r.events_checked},
          {"broken_links", r.broken_links},
          {"checkpoints_checked", r.checkpoints_checked},
          {"last_checkpoint", r.last_checkpoint ? to_json_value(*r.last_checkpoint) : json(nullptr)},
          {"unsigned_events", r.unsigned_events},
          {"public_key", r.public_key},
          {"first_break", std::move(first_break)}};
}

json to_json_value(const AuditExportPage& page) {
  json events = json::array();
  for (const AuditExportEvent& e : page.events) {
    events.push_back({{"seq", e.seq},     {"case_id", e.case_id}, {"case_number", e.case_number},
                      {"at_micros", e.at_micros}, {"actor", e.actor}, {"type", e.type},
                      {"data", e.data},   {"hash", e.hash}});
  }
  json checkpoints = json::array();
  for (const AuditExportCheckpoint& c : page.checkpoints) {
    checkpoints.push_back({{"seq", c.seq}, {"hash", c.hash}, {"at_micros", c.at_micros},
                           {"public_key", c.public_key}, {"signature", c.signature}});
  }
  return {{"events", std::move(events)},
          {"checkpoints", std::move(checkpoints)},
          {"next_seq", page.next_seq ? json(*page.next_seq) : json(nullptr)}};
}

}  // namespace rma::codec
