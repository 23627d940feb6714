// events/payloads.hpp — one encoder per event type, and decoders for the payloads librma reads
// back (the replay reads the case events, the SLA facts and the service history theirs).
//
// An engine command hands emit() what one of these returns: the type and its data, in the events'
// schema (docs/json.md, "Audit events"), never an answer's shape. Members computed by domain
// rules (a patch's changes, guard results, a transition's effects) come in as the JSON the rule
// wrote; everything librma's own values hold is encoded here.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "events/event_type.hpp"
#include "rma/case.hpp"
#include "rma/import.hpp"
#include "rma/party.hpp"
#include "rma/privacy.hpp"
#include "rma/product.hpp"
#include "rma/sales.hpp"
#include "rma/time.hpp"

namespace rma::events {

// What a command records: its type, its data, and the schema version that data was written in
// (events/schema.hpp): 2 for the events that carry case documents (case.created, case.split,
// note/attachment/action/repair added, repair.updated), 1 for the others, whose form version 2
// did not change.
struct Payload {
  EventType type;
  nlohmann::json data;
  std::int32_t version = 1;
};

// ---- a case's own history (emit_change adds the version the case was left at) ----------------
// Without its valuation when the command records it next, in case.valued (version 2).
Payload case_created(const Case& c, bool with_valuation = true);
Payload case_updated(nlohmann::json changes);
Payload case_split(const Case& created, const std::vector<CaseLine>& lines_before,
                   const std::vector<CaseLine>& lines_after);
struct Transition {
  std::string name;
  std::string from;
  std::string to;
  std::string workflow;
  std::int32_t workflow_version = 0;
  nlohmann::json guards;   // the guards' results, as the workflow rules wrote them
  nlohmann::json effects;  // the effects applied
  nlohmann::json sla;      // the SLA clock controls
  nlohmann::json changes;
};
Payload case_transitioned(Transition t);
Payload case_reopened(const std::string& reason, nlohmann::json changes);
Payload case_deleted(const std::string& reason, std::int64_t version);
// {"changes": {"valuation": {"before", "after"}}} and, when the case cannot be valued, "error".
Payload case_valued(const std::string& valuation_before, const std::string& valuation_after,
                    const std::optional<std::pair<std::string, std::string>>& error_field_message);
Payload note_added(const Note& note);
Payload attachment_added(const Attachment& attachment);
Payload action_added(const Action& action);
Payload action_completed(std::int64_t action_id, Timestamp done_at, const std::string& title);
Payload repair_added(const RepairOperation& repair);
Payload repair_updated(const RepairOperation& repair);
Payload line_checked(std::int32_t line_no, const std::string& serial, nlohmann::json warranty,
                     nlohmann::json eligibility);

// ---- about a case without changing it ------------------------------------------------------------
Payload unit_replaced(const std::string& serial, const std::string& replaced_serial, Date on, std::int32_t line_no);
Payload notification_requested(nlohmann::json template_name, nlohmann::json to, const std::string& transition,
                               const std::string& status);
Payload outbox_posted(std::int64_t seq, const std::string& topic);
Payload access_denied(const std::string& reason, const std::string& field, const std::string& message);
// A refused transition: access.denied (the role may not) or transition.denied (a rule said no).
Payload transition_refused(bool permission, const std::string& transition, const std::string& status,
                           const std::string& reason, nlohmann::json denials, nlohmann::json guards);
Payload sla_crossed(bool breached, const std::string& clock, Timestamp at, const std::string& policy,
                    Timestamp started_at, std::int64_t target_seconds);

// ---- about no case -----------------------------------------------------------------------------------
Payload customer_upserted(const std::optional<Customer>& before, const Customer& after);
Payload supplier_upserted(const std::optional<Supplier>& before, const Supplier& after);
Payload operator_upserted(const std::optional<Operator>& before, const Operator& after);
Payload product_upserted(const std::optional<Product>& before, const Product& after);
Payload import_completed(ImportKind kind, ImportFormat format, const ImportReport& report);
Payload sla_configured(const std::vector<std::string>& policy_names);
// Configuration documents as stored (JSON text; "" before the first is stored reads as null).
Payload valuation_configured(const std::string& before, const std::string& after);
Payload warranty_configured(const std::string& before, const std::string& after);
Payload workflows_configured(const std::vector<std::pair<std::string, std::int32_t>>& id_versions);
Payload extended_warranty_added(const ExtendedWarranty& contract);
Payload unit_registered(const std::string& serial, Date registered_on);
Payload outbox_acknowledged(const std::vector<std::int64_t>& seqs);
Payload privacy_configured(const std::string& before, const std::string& after);
Payload languages_configured(const std::string& before, const std::string& after);

// ---- erasure (docs/privacy.md): what was erased, by which rule; never a value ------------------
// Of a case (its own event): the rule its retention was counted by and the members overwritten.
// `customer_id` names the customer whose erasure took the case with it ("" when the case itself
// was the subject).
Payload case_erased(const RetentionVerdict& verdict, const std::string& customer_id);
// Of a customer's record (case_id 0), with the cases erased with it.
Payload customer_erased(const std::string& customer_id, const std::vector<std::int64_t>& cases);

// ---- decoders of the payloads librma reads back (`where` names the event in errors) -----------
struct LineChecked {
  std::int32_t line_no = 0;
  std::string serial;
};
LineChecked line_checked_from(const nlohmann::json& data, const std::string& where);

struct UnitReplaced {
  std::string serial;           // the replacement unit
  std::string replaced_serial;  // the unit it replaces
};
UnitReplaced unit_replaced_from(const nlohmann::json& data, const std::string& where);

struct SlaControl {
  std::string clock;
  std::string action;
};
struct Transitioned {
  std::string to;
  std::vector<SlaControl> sla;
};
Transitioned case_transitioned_from(const nlohmann::json& data, const std::string& where);
std::string created_status_from(const nlohmann::json& data, const std::string& where);   // case.created
std::string reopened_status_from(const nlohmann::json& data, const std::string& where);  // case.reopened
Note note_added_from(const nlohmann::json& data, const std::string& where);

}  // namespace rma::events
