// The workflows librma ships, used when the host configures none (drawn in docs/workflows.md).
//
// They are written as the same JSON document a host would write, so they go through the same
// parser and validation as any configuration, and the documentation shows what the code holds.
#include "rma/workflow.hpp"

namespace rma {

namespace {

constexpr const char* kDefaultWorkflows = R"json({
"workflows": [
 {"id": "consumer_return", "name": "Consumer return", "applies_to": {"kinds": ["return"]}, "initial": "requested",
  "states": [
   {"name": "requested", "label": "Requested", "category": "new"},
   {"name": "authorized", "label": "Authorized, waiting for the goods", "category": "waiting_customer", "sla": "pause"},
   {"name": "received", "label": "Received", "category": "open"},
   {"name": "inspected", "label": "Inspected", "category": "open"},
   {"name": "refunded", "label": "Refunded", "category": "resolved", "sla": "stop", "locks_decision": true},
   {"name": "exchanged", "label": "Exchanged", "category": "resolved", "sla": "stop", "locks_decision": true},
   {"name": "rejected", "label": "Rejected", "category": "resolved", "sla": "stop", "locks_decision": true},
   {"name": "cancelled", "label": "Cancelled", "category": "closed", "final": true, "sla": "stop"},
   {"name": "closed", "label": "Closed", "category": "closed", "final": true, "sla": "stop"}],
  "transitions": [
   {"name": "authorize", "label": "Authorize", "from": ["requested"], "to": "authorized", "roles": ["operator"],
    "effects": [{"effect": "notify", "template": "return_authorized", "to": ["customer"]},
                {"effect": "sla_start", "clock": "resolution"}]},
   {"name": "reject_request", "label": "Reject the request", "from": ["requested"], "to": "rejected", "roles": ["operator"],
    "guards": [{"guard": "resolution_chosen", "allowed": ["reject"]}],
    "effects": [{"effect": "notify", "template": "return_rejected", "to": ["customer"]}]},
   {"name": "cancel", "label": "Cancel", "from": ["requested"], "to": "cancelled", "roles": ["customer", "operator"]},
   {"name": "receive", "label": "Receive the goods", "from": ["authorized"], "to": "received", "roles": ["operator"],
    "guards": [{"guard": "all_lines_received"}]},
   {"name": "inspect", "label": "Inspect", "from": ["received"], "to": "inspected", "roles": ["operator"],
    "guards": [{"guard": "all_lines_inspected"}]},
   {"name": "refund", "label": "Refund", "from": ["inspected"], "to": "refunded", "roles": ["operator"],
    "guards": [{"guard": "resolution_chosen", "allowed": ["refund", "credit_note", "goodwill"]}],
    "effects": [{"effect": "notify", "template": "return_refunded", "to": ["customer"]}]},
   {"name": "exchange", "label": "Exchange", "from": ["inspected"], "to": "exchanged", "roles": ["operator"],
    "guards": [{"guard": "resolution_chosen", "allowed": ["replace"]}],
    "effects": [{"effect": "notify", "template": "return_exchanged", "to": ["customer"]}]},
   {"name": "reject", "label": "Reject", "from": ["inspected"], "to": "rejected", "roles": ["operator"],
    "guards": [{"guard": "resolution_chosen", "allowed": ["reject"]}],
    "effects": [{"effect": "notify", "template": "return_rejected", "to": ["customer"]}]},
   {"name": "close", "label": "Close", "from": ["refunded", "exchanged", "rejected"], "to": "closed", "roles": ["operator"]}]},

 {"id": "warranty_repair", "name": "Warranty repair", "applies_to": {"kinds": ["repair"]}, "initial": "received",
  "states": [
   {"name": "received", "label": "Received", "category": "new"},
   {"name": "diagnosis", "label": "Diagnosis", "category": "open"},
   {"name": "waiting_customer", "label": "Waiting for the customer", "category": "waiting_customer", "sla": "pause"},
   {"name": "in_repair", "label": "In repair", "category": "open"},
   {"name": "at_supplier", "label": "At the supplier", "category": "waiting_supplier", "sla": "pause"},
   {"name": "repaired", "label": "Repaired", "category": "open"},
   {"name": "shipped_back", "label": "Shipped back", "category": "resolved", "sla": "stop", "locks_decision": true},
   {"name": "rejected", "label": "Rejected", "category": "resolved", "sla": "stop", "locks_decision": true},
   {"name": "closed", "label": "Closed", "category": "closed", "final": true, "sla": "stop"}],
  "transitions": [
   {"name": "start_diagnosis", "label": "Start the diagnosis", "from": ["received"], "to": "diagnosis", "roles": ["operator"]},
   {"name": "request_info", "label": "Ask the customer", "from": ["diagnosis"], "to": "waiting_customer", "roles": ["operator"]},
   {"name": "info_received", "label": "Information received", "from": ["waiting_customer"], "to": "diagnosis",
    "roles": ["customer", "operator"]},
   {"name": "repair_in_house", "label": "Repair in house", "from": ["diagnosis"], "to": "in_repair", "roles": ["operator"],
    "guards": [{"guard": "warranty_checked"}]},
   {"name": "send_to_supplier", "label": "Send to the supplier", "from": ["diagnosis"], "to": "at_supplier",
    "roles": ["operator"], "guards": [{"guard": "warranty_checked"}],
    "effects": [{"effect": "outbox", "topic": "supplier_return"}]},
   {"name": "back_from_supplier", "label": "Back from the supplier", "from": ["at_supplier"], "to": "repaired",
    "roles": ["operator", "supplier"]},
   {"name": "mark_repaired", "label": "Mark repaired", "from": ["in_repair"], "to": "repaired", "roles": ["operator"],
    "guards": [{"guard": "all_repairs_done"}]},
   {"name": "ship_back", "label": "Ship back", "from": ["repaired"], "to": "shipped_back", "roles": ["operator"],
    "guards": [{"guard": "resolution_chosen"}],
    "effects": [{"effect": "notify", "template": "repair_shipped_back", "to": ["customer"]}]},
   {"name": "reject", "label": "Reject", "from": ["diagnosis"], "to": "rejected", "roles": ["operator"],
    "guards": [{"guard": "resolution_chosen", "allowed": ["reject"]}],
    "effects": [{"effect": "notify", "template": "repair_rejected", "to": ["customer"]}]},
   {"name": "close", "label": "Close", "from": ["shipped_back", "rejected"], "to": "closed", "roles": ["operator"]}]},

 {"id": "complaint", "name": "Complaint", "applies_to": {"kinds": ["complaint"]}, "initial": "new",
  "states": [
   {"name": "new", "label": "New", "category": "new"},
   {"name": "in_progress", "label": "In progress", "category": "open"},
   {"name": "waiting_customer", "label": "Waiting for the customer", "category": "waiting_customer", "sla": "pause"},
   {"name": "accepted", "label": "Accepted", "category": "resolved", "sla": "stop", "locks_decision": true},
   {"name": "rejected", "label": "Rejected", "category": "resolved", "sla": "stop", "locks_decision": true},
   {"name": "closed", "label": "Closed", "category": "closed", "final": true, "sla": "stop"}],
  "transitions": [
   {"name": "start", "label": "Start", "from": ["new"], "to": "in_progress", "roles": ["operator"]},
   {"name": "request_info", "label": "Ask the customer", "from": ["in_progress"], "to": "waiting_customer", "roles": ["operator"]},
   {"name": "info_received", "label": "Information received", "from": ["waiting_customer"], "to": "in_progress",
    "roles": ["customer", "operator"]},
   {"name": "accept", "label": "Accept", "from": ["in_progress"], "to": "accepted", "roles": ["operator"],
    "guards": [{"guard": "resolution_chosen", "allowed": ["refund", "credit_note", "replace", "goodwill"]}],
    "effects": [{"effect": "notify", "template": "complaint_accepted", "to": ["customer"]}]},
   {"name": "reject", "label": "Reject", "from": ["in_progress"], "to": "rejected", "roles": ["operator"],
    "guards": [{"guard": "resolution_chosen", "allowed": ["reject"]}],
    "effects": [{"effect": "notify", "template": "complaint_rejected", "to": ["customer"]}]},
   {"name": "close", "label": "Close", "from": ["accepted", "rejected"], "to": "closed", "roles": ["operator"]}]},

 {"id": "customization", "name": "Customization request", "applies_to": {"kinds": ["customization"]},
  "initial": "requested",
  "states": [
   {"name": "requested", "label": "Requested", "category": "new"},
   {"name": "under_review", "label": "Under review", "category": "open"},
   {"name": "quoted", "label": "Quoted, waiting for approval", "category": "waiting_customer", "sla": "pause"},
   {"name": "approved", "label": "Approved", "category": "open"},
   {"name": "in_work", "label": "In work", "category": "open"},
   {"name": "done", "label": "Done", "category": "resolved", "sla": "stop", "locks_decision": true},
   {"name": "declined", "label": "Declined", "category": "resolved", "sla": "stop", "locks_decision": true},
   {"name": "closed", "label": "Closed", "category": "closed", "final": true, "sla": "stop"}],
  "transitions": [
   {"name": "review", "label": "Review", "from": ["requested"], "to": "under_review", "roles": ["operator"]},
   {"name": "quote", "label": "Send a quote", "from": ["under_review"], "to": "quoted", "roles": ["operator"]},
   {"name": "approve", "label": "Approve the quote", "from": ["quoted"], "to": "approved", "roles": ["customer", "operator"]},
   {"name": "start_work", "label": "Start the work", "from": ["approved"], "to": "in_work", "roles": ["operator"]},
   {"name": "finish", "label": "Finish", "from": ["in_work"], "to": "done", "roles": ["operator"],
    "guards": [{"guard": "all_actions_done"}],
    "effects": [{"effect": "notify", "template": "customization_done", "to": ["customer"]}]},
   {"name": "decline", "label": "Decline", "from": ["under_review", "quoted"], "to": "declined",
    "roles": ["customer", "operator"], "effects": [{"effect": "set_field", "field": "resolution", "value": "reject"}]},
   {"name": "close", "label": "Close", "from": ["done", "declined"], "to": "closed", "roles": ["operator"]}]}
],
"assignment": [
 {"when": {"kinds": ["complaint"], "categories": ["transport"]}, "team": "logistics"},
 {"when": {"kinds": ["complaint"], "categories": ["quality"]}, "team": "quality"},
 {"when": {"kinds": ["complaint"], "categories": ["quantity"]}, "team": "warehouse"},
 {"when": {"kinds": ["repair"]}, "team": "service"},
 {"when": {"kinds": ["return"]}, "team": "returns"},
 {"when": {"kinds": ["customization"]}, "team": "sales"}
]
})json";

}  // namespace

const WorkflowConfig& default_workflow_config() {
  // Parsed on first use; C++11 makes the initialization of a function-local static thread-safe.
  static const WorkflowConfig config = workflow_config_from_json(kDefaultWorkflows);
  return config;
}

}  // namespace rma
