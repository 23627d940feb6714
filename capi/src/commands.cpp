// commands.cpp — one C function per JsonApi op. Each is the generic rma_engine_call with its op
// fixed, so the named functions and the generic door can never behave differently.
#include "engine_handle.hpp"

namespace {

rma_status run(rma_engine* engine, const char* actor, const char* op, const char* request_json,
               char** out_json) {
  return rma::capi::run_command(engine, actor, op, request_json, out_json, "out_json");
}

}  // namespace

extern "C" {

rma_status rma_customer_upsert(rma_engine* engine, const char* actor, const char* request_json,
                               char** out_json) {
  return run(engine, actor, "customer.upsert", request_json, out_json);
}

rma_status rma_customer_get(rma_engine* engine, const char* actor, const char* request_json,
                            char** out_json) {
  return run(engine, actor, "customer.get", request_json, out_json);
}

rma_status rma_supplier_upsert(rma_engine* engine, const char* actor, const char* request_json,
                               char** out_json) {
  return run(engine, actor, "supplier.upsert", request_json, out_json);
}

rma_status rma_supplier_get(rma_engine* engine, const char* actor, const char* request_json,
                            char** out_json) {
  return run(engine, actor, "supplier.get", request_json, out_json);
}

rma_status rma_operator_upsert(rma_engine* engine, const char* actor, const char* request_json,
                               char** out_json) {
  return run(engine, actor, "operator.upsert", request_json, out_json);
}

rma_status rma_operator_get(rma_engine* engine, const char* actor, const char* request_json,
                            char** out_json) {
  return run(engine, actor, "operator.get", request_json, out_json);
}

rma_status rma_product_upsert(rma_engine* engine, const char* actor, const char* request_json,
                              char** out_json) {
  return run(engine, actor, "product.upsert", request_json, out_json);
}

rma_status rma_product_get(rma_engine* engine, const char* actor, const char* request_json,
                           char** out_json) {
  return run(engine, actor, "product.get", request_json, out_json);
}

rma_status rma_case_create(rma_engine* engine, const char* actor, const char* request_json,
                           char** out_json) {
  return run(engine, actor, "case.create", request_json, out_json);
}

rma_status rma_case_get(rma_engine* engine, const char* actor, const char* request_json,
                        char** out_json) {
  return run(engine, actor, "case.get", request_json, out_json);
}

rma_status rma_case_update(rma_engine* engine, const char* actor, const char* request_json,
                           char** out_json) {
  return run(engine, actor, "case.update", request_json, out_json);
}

rma_status rma_case_add_note(rma_engine* engine, const char* actor, const char* request_json,
                             char** out_json) {
  return run(engine, actor, "case.add_note", request_json, out_json);
}

rma_status rma_case_add_attachment(rma_engine* engine, const char* actor, const char* request_json,
                                   char** out_json) {
  return run(engine, actor, "case.add_attachment", request_json, out_json);
}

rma_status rma_case_add_action(rma_engine* engine, const char* actor, const char* request_json,
                               char** out_json) {
  return run(engine, actor, "case.add_action", request_json, out_json);
}

rma_status rma_case_complete_action(rma_engine* engine, const char* actor, const char* request_json,
                                    char** out_json) {
  return run(engine, actor, "case.complete_action", request_json, out_json);
}

rma_status rma_case_split(rma_engine* engine, const char* actor, const char* request_json,
                          char** out_json) {
  return run(engine, actor, "case.split", request_json, out_json);
}

rma_status rma_case_query(rma_engine* engine, const char* actor, const char* request_json,
                          char** out_json) {
  return run(engine, actor, "case.query", request_json, out_json);
}

rma_status rma_case_history(rma_engine* engine, const char* actor, const char* request_json,
                            char** out_json) {
  return run(engine, actor, "case.history", request_json, out_json);
}

rma_status rma_case_customer_view(rma_engine* engine, const char* actor, const char* request_json,
                                  char** out_json) {
  return run(engine, actor, "case.customer_view", request_json, out_json);
}

rma_status rma_outbox_post(rma_engine* engine, const char* actor, const char* request_json,
                           char** out_json) {
  return run(engine, actor, "outbox.post", request_json, out_json);
}

rma_status rma_outbox_fetch(rma_engine* engine, const char* actor, const char* request_json,
                            char** out_json) {
  return run(engine, actor, "outbox.fetch", request_json, out_json);
}

rma_status rma_outbox_ack(rma_engine* engine, const char* actor, const char* request_json,
                          char** out_json) {
  return run(engine, actor, "outbox.ack", request_json, out_json);
}

rma_status rma_number_parse(rma_engine* engine, const char* actor, const char* request_json,
                            char** out_json) {
  return run(engine, actor, "number.parse", request_json, out_json);
}

rma_status rma_engine_stats(rma_engine* engine, const char* actor, const char* request_json,
                            char** out_json) {
  return run(engine, actor, "engine.stats", request_json, out_json);
}

rma_status rma_engine_batch(rma_engine* engine, const char* actor, const char* request_json,
                            char** out_json) {
  return run(engine, actor, "batch", request_json, out_json);
}

rma_status rma_sales_document_get(rma_engine* engine, const char* actor, const char* request_json,
                                  char** out_json) {
  return run(engine, actor, "sales_document.get", request_json, out_json);
}

rma_status rma_purchase_document_get(rma_engine* engine, const char* actor,
                                     const char* request_json, char** out_json) {
  return run(engine, actor, "purchase_document.get", request_json, out_json);
}

rma_status rma_sold_units_by_serial(rma_engine* engine, const char* actor, const char* request_json,
                                    char** out_json) {
  return run(engine, actor, "sold_units.by_serial", request_json, out_json);
}

rma_status rma_sold_units_by_customer(rma_engine* engine, const char* actor,
                                      const char* request_json, char** out_json) {
  return run(engine, actor, "sold_units.by_customer", request_json, out_json);
}

rma_status rma_sold_units_by_document(rma_engine* engine, const char* actor,
                                      const char* request_json, char** out_json) {
  return run(engine, actor, "sold_units.by_document", request_json, out_json);
}

rma_status rma_warranty_configure(rma_engine* engine, const char* actor, const char* request_json,
                                  char** out_json) {
  return run(engine, actor, "warranty.configure", request_json, out_json);
}

rma_status rma_warranty_config(rma_engine* engine, const char* actor, const char* request_json,
                               char** out_json) {
  return run(engine, actor, "warranty.config", request_json, out_json);
}

rma_status rma_warranty_add_extended(rma_engine* engine, const char* actor,
                                     const char* request_json, char** out_json) {
  return run(engine, actor, "warranty.add_extended", request_json, out_json);
}

rma_status rma_unit_register(rma_engine* engine, const char* actor, const char* request_json,
                             char** out_json) {
  return run(engine, actor, "unit.register", request_json, out_json);
}

rma_status rma_warranty_check(rma_engine* engine, const char* actor, const char* request_json,
                              char** out_json) {
  return run(engine, actor, "warranty.check", request_json, out_json);
}

rma_status rma_case_check_eligibility(rma_engine* engine, const char* actor,
                                      const char* request_json, char** out_json) {
  return run(engine, actor, "case.check_eligibility", request_json, out_json);
}

rma_status rma_case_check_line(rma_engine* engine, const char* actor, const char* request_json,
                               char** out_json) {
  return run(engine, actor, "case.check_line", request_json, out_json);
}

rma_status rma_unit_history(rma_engine* engine, const char* actor, const char* request_json,
                            char** out_json) {
  return run(engine, actor, "unit.history", request_json, out_json);
}

rma_status rma_workflow_configure(rma_engine* engine, const char* actor, const char* request_json,
                                  char** out_json) {
  return run(engine, actor, "workflow.configure", request_json, out_json);
}

rma_status rma_workflow_config(rma_engine* engine, const char* actor, const char* request_json, char** out_json) {
  return run(engine, actor, "workflow.config", request_json, out_json);
}

rma_status rma_workflow_get(rma_engine* engine, const char* actor, const char* request_json, char** out_json) {
  return run(engine, actor, "workflow.get", request_json, out_json);
}

rma_status rma_case_transition(rma_engine* engine, const char* actor, const char* request_json, char** out_json) {
  return run(engine, actor, "case.transition", request_json, out_json);
}

rma_status rma_case_transitions(rma_engine* engine, const char* actor, const char* request_json, char** out_json) {
  return run(engine, actor, "case.transitions", request_json, out_json);
}

rma_status rma_case_reopen(rma_engine* engine, const char* actor, const char* request_json, char** out_json) {
  return run(engine, actor, "case.reopen", request_json, out_json);
}

rma_status rma_case_delete(rma_engine* engine, const char* actor, const char* request_json, char** out_json) {
  return run(engine, actor, "case.delete", request_json, out_json);
}

rma_status rma_case_add_repair(rma_engine* engine, const char* actor, const char* request_json, char** out_json) {
  return run(engine, actor, "case.add_repair", request_json, out_json);
}

rma_status rma_case_set_repair_status(rma_engine* engine, const char* actor, const char* request_json,
                                      char** out_json) {
  return run(engine, actor, "case.set_repair_status", request_json, out_json);
}

rma_status rma_case_replay(rma_engine* engine, const char* actor, const char* request_json, char** out_json) {
  return run(engine, actor, "case.replay", request_json, out_json);
}

rma_status rma_sla_configure(rma_engine* engine, const char* actor, const char* request_json, char** out_json) {
  return run(engine, actor, "sla.configure", request_json, out_json);
}

rma_status rma_sla_config(rma_engine* engine, const char* actor, const char* request_json, char** out_json) {
  return run(engine, actor, "sla.config", request_json, out_json);
}

rma_status rma_sla_case(rma_engine* engine, const char* actor, const char* request_json, char** out_json) {
  return run(engine, actor, "sla.case", request_json, out_json);
}

rma_status rma_sla_tick(rma_engine* engine, const char* actor, const char* request_json, char** out_json) {
  return run(engine, actor, "sla.tick", request_json, out_json);
}

rma_status rma_sla_due(rma_engine* engine, const char* actor, const char* request_json, char** out_json) {
  return run(engine, actor, "sla.due", request_json, out_json);
}

rma_status rma_sla_overdue(rma_engine* engine, const char* actor, const char* request_json, char** out_json) {
  return run(engine, actor, "sla.overdue", request_json, out_json);
}

rma_status rma_sla_compliance(rma_engine* engine, const char* actor, const char* request_json, char** out_json) {
  return run(engine, actor, "sla.compliance", request_json, out_json);
}

rma_status rma_calendar_add(rma_engine* engine, const char* actor, const char* request_json, char** out_json) {
  return run(engine, actor, "calendar.add", request_json, out_json);
}

rma_status rma_calendar_between(rma_engine* engine, const char* actor, const char* request_json, char** out_json) {
  return run(engine, actor, "calendar.between", request_json, out_json);
}

rma_status rma_calendar_next_open(rma_engine* engine, const char* actor, const char* request_json, char** out_json) {
  return run(engine, actor, "calendar.next_open", request_json, out_json);
}

rma_status rma_valuation_configure(rma_engine* engine, const char* actor, const char* request_json, char** out_json) {
  return run(engine, actor, "valuation.configure", request_json, out_json);
}

rma_status rma_valuation_rules(rma_engine* engine, const char* actor, const char* request_json, char** out_json) {
  return run(engine, actor, "valuation.rules", request_json, out_json);
}

rma_status rma_security_log(rma_engine* engine, const char* actor, const char* request_json, char** out_json) {
  return run(engine, actor, "security.log", request_json, out_json);
}

rma_status rma_case_valuation(rma_engine* engine, const char* actor, const char* request_json, char** out_json) {
  return run(engine, actor, "case.valuation", request_json, out_json);
}

}  // extern "C"
