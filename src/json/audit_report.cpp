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

}  // namespace rma::codec
