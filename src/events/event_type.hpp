// events/event_type.hpp — the one list of audit event types and their stored names.
//
// Every event librma writes has one of these types; its name ("case.created") is what the events
// table, case.history and subscribers show. Code compares and emits EventType values; only the
// table in event_type.cpp spells the names, so a type cannot be misspelt at one site and missed
// by the replay or by an index that follows the log.
#pragma once

#include <optional>
#include <string_view>

namespace rma::events {

enum class EventType {
  // A case's own history: what changed on the case, each leaving it at a new version.
  case_created,
  case_updated,
  case_split,
  case_transitioned,
  case_reopened,
  case_deleted,
  case_valued,
  note_added,
  attachment_added,
  action_added,
  action_completed,
  repair_added,
  repair_updated,
  line_checked,
  // About a case without changing it: notices, refusals and clocks.
  unit_replaced,
  notification_requested,
  outbox_posted,
  access_denied,
  transition_denied,
  sla_warning,
  sla_breached,
  // About no case (case_id 0): parties, configuration, the ERP feed and units.
  customer_upserted,
  supplier_upserted,
  operator_upserted,
  product_upserted,
  import_completed,
  sla_configured,
  valuation_configured,
  warranty_configured,
  workflows_configured,
  extended_warranty_added,
  unit_registered,
  outbox_acknowledged,
  // Personal data (docs/privacy.md): the configuration, and an erasure (of a case: case_id set;
  // of a customer's record: case_id 0).
  privacy_configured,
  privacy_erased,
  // Quality alerts (docs/reports.md): one raised by quality.scan, and its acknowledgment (case_id 0).
  quality_alert,
  quality_acknowledged,
  // The host's message catalogs (docs/languages.md).
  languages_configured,
};

inline constexpr int kEventTypeCount = static_cast<int>(EventType::languages_configured) + 1;

// "case.created" for EventType::case_created.
const char* event_type_name(EventType type) noexcept;
// The type a stored name stands for; nullopt for a name librma never wrote.
std::optional<EventType> event_type_from_name(std::string_view name) noexcept;

}  // namespace rma::events
