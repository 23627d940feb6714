// benchmarks/workloads.hpp — the cases and the workflow that several benchmarks write, so that
// their figures (SQLite in case_lifecycle and transitions, PostgreSQL in postgres) compare.
#pragma once

#include <string>

#include "rma/rma.hpp"

namespace bench {

// An engine at `location` with the lifecycle's customer C1, registered by the host itself.
inline rma::Engine open_lifecycle_engine(const std::string& location) {
  rma::Engine e = rma::Engine::open(location);
  rma::Customer c;
  c.id = "C1";
  c.name = "Bench customer";
  e.upsert_customer(rma::Actor{rma::Role::system, "bench"}, c);
  return e;
}

// The lifecycle's case: a phone with a serial and a sales line, and two cables.
inline rma::CaseDraft lifecycle_draft(int i) {
  rma::CaseDraft d;
  d.kind = rma::CaseKind::return_;
  d.channel = rma::Channel::b2c;
  d.customer_id = "C1";
  rma::LineDraft a;
  a.sku = "PHONE-1";
  a.serial = "SN-" + std::to_string(i);
  a.reason_code = "defective";
  a.sales_document = {"INV-" + std::to_string(i), 1};
  rma::LineDraft b;
  b.sku = "CABLE-2";
  b.quantity = 2;
  b.reason_code = "wrong_order";
  d.lines = {a, b};
  return d;
}

// The transitions' workflow: "go" checks two guards and has three effects (set a custom field,
// request a notification, start an SLA clock); "back" checks one guard and sets the priority.
inline rma::WorkflowConfig transitions_workflow() {
  return rma::workflow_config_from_json(R"({"workflows": [{
    "id": "bench", "name": "Benchmark", "initial": "a",
    "states": [{"name": "a", "category": "new"}, {"name": "b", "category": "open"},
               {"name": "done", "category": "closed", "final": true}],
    "transitions": [
      {"name": "go", "from": ["a"], "to": "b", "roles": ["operator"],
       "guards": [{"guard": "required_fields", "fields": ["assignee", "lines.reason_code"]},
                  {"guard": "all_actions_done"}],
       "effects": [{"effect": "set_field", "field": "custom_fields.step", "value": "b"},
                   {"effect": "notify", "template": "moved", "to": ["customer"]},
                   {"effect": "sla_start", "clock": "resolution"}]},
      {"name": "back", "from": ["b"], "to": "a", "roles": ["operator"],
       "guards": [{"guard": "required_fields", "fields": ["assignee"]}],
       "effects": [{"effect": "set_field", "field": "priority", "value": "high"}]},
      {"name": "finish", "from": ["a", "b"], "to": "done", "roles": ["operator"]}]}]})");
}

}  // namespace bench
