// The valuation tests' engine: sales of a phone and cables imported, valuation rules configured,
// and helpers to open, receive and decide a case and read its totals and ERP messages.
#pragma once

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/workflow_rules.hpp"
#include "engine_fixture.hpp"

namespace rma_test {

using namespace rma;
using nlohmann::json;


// A phone (SN-500, 400.00 EUR net) and three cables (10.00 EUR each), 22 % VAT, sold on
// 2026-01-10; the phone was bought from supplier S1 on 2026-01-05. Three more cables at 10.01
// EUR make a line whose gross does not split evenly.
inline const char* const kSales =
    R"({"id":"INV-10","date":"2026-01-10","customer_id":"C1","channel":"b2c","currency":"EUR","lines":[)"
    R"({"sku":"PHONE-1","quantity":1,"unit_price":40000,"vat_rate_bp":2200,"serials":["SN-500"]},)"
    R"({"sku":"CABLE-2","quantity":3,"unit_price":1000,"vat_rate_bp":2200},)"
    R"({"sku":"CABLE-2","quantity":3,"unit_price":1001,"vat_rate_bp":2200}]})"
    "\n";
inline const char* const kPurchases =
    R"({"id":"PO-1","date":"2026-01-05","supplier_id":"S1","currency":"EUR","lines":[)"
    R"({"sku":"PHONE-1","quantity":1,"unit_cost":30000,"serials":["SN-500"]}]})"
    "\n";

inline const char* const kRules = R"({
  "restocking_fees": [{"reasons": ["changed_mind"], "percent_bp": 1000}],
  "deductions": [{"code": "missing_accessories", "percent_bp": 1000}, {"code": "packaging", "fixed": "3.00 EUR"}],
  "labour_classes": [{"name": "standard", "hourly_rate": "60.00 EUR"}]})";

struct ValuationFixture : EngineFixture {
  explicit ValuationFixture(const std::string& path = ":memory:") : EngineFixture(path) {
    Supplier s1;
    s1.id = "S1";
    s1.name = "Supplier";
    engine.upsert_supplier(admin, s1);
    Product phone;
    phone.sku = "PHONE-1";
    phone.name = "Phone";
    phone.category = "phones";
    phone.supplier_id = "S1";
    phone.serialized = true;
    engine.upsert_product(admin, phone);
    REQUIRE(engine.import_run(op, ImportKind::sales_documents, ImportFormat::jsonl, kSales).rows_rejected == 0);
    REQUIRE(engine.import_run(op, ImportKind::purchase_documents, ImportFormat::jsonl, kPurchases).rows_rejected == 0);
    engine.configure_valuation(admin, valuation_rules_from_json(kRules));
  }

  // The phone and the three 10.00 EUR cables (returned after a change of mind).
  Case open_case() {
    CaseDraft d;
    d.customer_id = "C1";
    LineDraft phone;
    phone.serial = "SN-500";
    phone.sales_document = {"INV-10", 1};
    phone.reason_code = "defective";
    LineDraft cables;
    cables.sales_document = {"INV-10", 2};
    cables.quantity = 3;
    cables.reason_code = "changed_mind";
    d.lines = {phone, cables};
    return engine.create_case(op, d);
  }

  // A repair of the phone SN-500 (priced in EUR, within supplier S1's coverage once checked).
  Case open_repair() {
    CaseDraft d;
    d.kind = CaseKind::repair;
    d.customer_id = "C1";
    LineDraft phone;
    phone.serial = "SN-500";
    d.lines = {phone};
    return engine.create_case(op, d);
  }

  // An automatic action accepting gold customers' complaints in progress whose claimed value is
  // below `amount`.
  void accept_claims_below(const std::string& amount) {
    WorkflowConfig config = default_workflow_config();
    AutomaticAction small;
    small.name = "accept_small";
    small.when.kinds = {CaseKind::complaint};
    small.when.customer_tiers = {"gold"};
    small.states = {"in_progress"};
    small.transition = "accept";
    small.guards.push_back(WorkflowRule{"value_below", json{{"amount", amount}, {"measure", "claimed_value"}}.dump()});
    config.automatic_actions.push_back(small);
    engine.configure_workflows(admin, config);
  }

  Case receive(const Case& c) {
    CasePatch p;
    for (const CaseLine& l : c.lines) {
      LinePatch lp;
      lp.line_no = l.line_no;
      lp.qty_received = l.qty_requested;
      lp.condition = "as_new";
      p.lines.push_back(lp);
    }
    return engine.update_case(op, c.id, p);
  }

  Case choose(const Case& c, Resolution r) {
    CasePatch p;
    p.resolution = r;
    return engine.update_case(op, c.id, p);
  }

  std::vector<Event> valued_events(std::int64_t id) {
    std::vector<Event> out;
    for (Event& e : engine.history(admin, id)) {
      if (e.type == "case.valued") out.push_back(std::move(e));
    }
    return out;
  }

  std::vector<OutboxMessage> messages_of(std::int64_t id) {
    std::vector<OutboxMessage> out;
    for (OutboxMessage& m : engine.outbox_fetch(admin, 1000)) {
      if (m.case_id == id) out.push_back(std::move(m));
    }
    return out;
  }
};

inline std::string total(const Case& c, const char* key) {
  REQUIRE_FALSE(c.valuation.empty());
  return json::parse(c.valuation).at("totals").at(0).at(key).get<std::string>();
}

inline bool passes(const char* guard, const Case& c, json params) {
  return domain::evaluate_builtin_guard(domain::CompiledRule{guard, std::move(params)}, c).passed;
}

inline const OutboxMessage* with_topic(const std::vector<OutboxMessage>& messages, const std::string& topic) {
  for (const OutboxMessage& m : messages) {
    if (m.topic == topic) return &m;
  }
  return nullptr;
}

}  // namespace rma_test
