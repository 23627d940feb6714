// Valuation in the engine: stored with each case and recomputed when its inputs change, each
// change in the history, replay, thresholds on its totals in guards, the ERP messages of a
// decided case, the rules document and who may touch it.
#include <doctest/doctest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "api/codec.hpp"
#include "domain/workflow_rules.hpp"
#include "events/replay.hpp"
#include "schema_undo.hpp"
#include "valuation_fixture.hpp"

using namespace rma;
using nlohmann::json;
using rma_test::EngineFixture;
using rma_test::passes;
using rma_test::status_of;
using rma_test::total;
using rma_test::ValuationFixture;
using rma_test::with_topic;

TEST_CASE("valuation in the engine: stored at creation, recomputed and recorded when its inputs change") {
  ValuationFixture f;
  Case c = f.open_case();
  // Nothing received yet: the goods valued are none.
  CHECK(total(c, "refund") == "0.00 EUR");
  auto valued = f.valued_events(c.id);
  REQUIRE(valued.size() == 1);
  json data = json::parse(valued[0].data);
  CHECK(data["changes"]["valuation"]["before"].is_null());
  CHECK(data["version"] == c.version);

  // Received: the phone 488.00 gross; cables 30.00 net less a 10 % fee, 27.00 net, 32.94 gross.
  c = f.receive(c);
  CHECK(total(c, "refund") == "520.94 EUR");
  CHECK(total(c, "refund_net") == "427.00 EUR");
  valued = f.valued_events(c.id);
  REQUIRE(valued.size() == 2);
  data = json::parse(valued[1].data);
  CHECK(data["version"] == c.version);
  CHECK(data["changes"]["valuation"]["after"] == json::parse(c.valuation));
  CHECK(valuation_to_json(f.engine.valuation(f.op, c.id)) == c.valuation);
  CHECK(f.engine.get_case(f.op, c.id).valuation == c.valuation);  // stored, not only returned

  // A note changes nothing the valuation reads: no new record.
  c = f.engine.add_note(f.op, c.id, NoteDraft{Visibility::internal, "called the customer"});
  CHECK(f.valued_events(c.id).size() == 2);

  // Inspection: accessories missing on the phone cost 10 %, 40.00 EUR net (48.80 gross).
  CasePatch inspect;
  LinePatch lp;
  lp.line_no = 1;
  lp.accessories_complete = false;
  inspect.lines.push_back(lp);
  c = f.engine.update_case(f.op, c.id, inspect);
  CHECK(total(c, "refund") == "472.14 EUR");
  CHECK(f.valued_events(c.id).size() == 3);

  // A repair refunds nothing; a paid repair of 30 minutes is quoted at 30.00 EUR net.
  c = f.choose(c, Resolution::repair);
  CHECK(total(c, "refund") == "0.00 EUR");
  RepairOperationDraft r;
  r.line_no = 1;
  r.code = "SCREEN";
  r.labour_class = "standard";
  r.minutes = 30;
  r.paid = true;
  c = f.engine.add_repair(f.op, c.id, r);
  CHECK(total(c, "repair_quote") == "30.00 EUR");
  CHECK(total(c, "repair_cost") == "30.00 EUR");
  CHECK(f.valued_events(c.id).size() == 5);

  // Replaying the history gives the stored case, valuation included.
  CHECK(api::to_json_value(f.engine.replay_case(f.admin, c.id)) == api::to_json_value(f.engine.get_case(f.admin, c.id)));
}

TEST_CASE("valuation in the engine: the opening valuation is recorded once, by case.valued, and replays") {
  ValuationFixture f;
  const Case c = f.open_case();
  REQUIRE_FALSE(c.valuation.empty());
  const std::vector<Event> history = f.engine.history(f.op, c.id);
  REQUIRE(history.size() >= 2);
  CHECK(history[0].type == "case.created");
  CHECK(history[1].type == "case.valued");
  CHECK_FALSE(json::parse(history[0].data)["case"].contains("valuation"));
  CHECK(json::parse(history[1].data)["changes"]["valuation"]["after"] == json::parse(c.valuation));
  CHECK(events::replay_case(history).value().valuation == c.valuation);
}

TEST_CASE("valuation in the engine: a case it cannot value keeps its command and loses its valuation") {
  ValuationFixture f;
  Case c = f.receive(f.open_case());
  REQUIRE_FALSE(c.valuation.empty());
  RepairOperationDraft r;
  r.code = "PART";
  r.parts = {PartUse{"SCREEN", 1, 2500, "USD"}};  // the case is valued in EUR
  c = f.engine.add_repair(f.op, c.id, r);
  CHECK(c.repairs.size() == 1);
  CHECK(c.valuation.empty());
  const auto valued = f.valued_events(c.id);
  const json data = json::parse(valued.back().data);
  CHECK(data["changes"]["valuation"]["after"].is_null());
  CHECK(data["error"]["field"] == "operations[0].parts[0].unit_cost");
  CHECK(status_of([&] { f.engine.valuation(f.op, c.id); }) == Status::invalid_argument);
  CHECK(api::to_json_value(f.engine.replay_case(f.admin, c.id)) == api::to_json_value(f.engine.get_case(f.admin, c.id)));

  // A case with no price, part or priced rule anywhere has no currency to be valued in.
  EngineFixture plain;
  const Case unpriced = plain.engine.create_case(plain.op, EngineFixture::two_line_draft());
  CHECK(unpriced.valuation.empty());
  CHECK(status_of([&] { plain.engine.valuation(plain.op, unpriced.id); }) == Status::invalid_argument);
}

TEST_CASE("valuation in the engine: partial returns of one sales line take consecutive slices") {
  ValuationFixture f;
  // Three units at 10.01 EUR: 30.03 net, 36.64 gross. One unit alone would be 12.21 gross.
  std::vector<Case> cases;
  for (int i = 0; i < 3; ++i) {
    CaseDraft d;
    d.customer_id = "C1";
    LineDraft l;
    l.sales_document = {"INV-10", 3};
    l.reason_code = "defective";
    d.lines = {l};
    cases.push_back(f.receive(f.engine.create_case(f.op, d)));
  }
  CHECK(total(cases[0], "refund") == "12.21 EUR");
  CHECK(total(cases[1], "refund") == "12.22 EUR");
  CHECK(total(cases[2], "refund") == "12.21 EUR");  // 36.64 in all, exactly the line's gross
  // A later change to an earlier case does not move the slices of the others.
  f.engine.add_note(f.op, cases[1].id, NoteDraft{Visibility::internal, "checked"});
  CHECK(total(f.engine.get_case(f.op, cases[1].id), "refund") == "12.22 EUR");
}

TEST_CASE("valuation in the engine: lines of one case on one sales line take consecutive slices too") {
  ValuationFixture f;
  // Three units at 10.01 EUR (36.64 gross): two come back in one case as two lines, one per
  // unit, the third in a later case. Each line owns its own slice; together they refund the
  // line's gross exactly, never a cent more.
  CaseDraft d;
  d.customer_id = "C1";
  LineDraft l;
  l.sales_document = {"INV-10", 3};
  l.reason_code = "defective";
  d.lines = {l, l};
  const Case both = f.receive(f.engine.create_case(f.op, d));
  d.lines = {l};
  const Case third = f.receive(f.engine.create_case(f.op, d));
  const json breakdown = json::parse(both.valuation).at("breakdown");
  std::vector<std::string> refunds;
  for (const json& e : breakdown) {
    if (e.at("code") == "refund") refunds.push_back(e.at("amount").get<std::string>());
  }
  CHECK(refunds == std::vector<std::string>{"12.21 EUR", "12.22 EUR"});
  CHECK(total(both, "refund") == "24.43 EUR");
  CHECK(total(third, "refund") == "12.21 EUR");  // 36.64 in all
}

TEST_CASE("valuation in the engine: the sales line's discount and its share of the document's, sliced by unit") {
  ValuationFixture f;
  // Four mugs at 25.00 with 10.00 off the line, and a 60.00 teapot; 15.00 off the document,
  // shared 90 : 60, so 9.00 falls on the mugs: they cost 81.00 net, 98.82 gross, for four.
  const char* const discounted =
      R"({"id":"INV-20","date":"2026-01-10","customer_id":"C1","channel":"b2c","currency":"EUR","discount":1500,)"
      R"("lines":[{"sku":"MUG","quantity":4,"unit_price":2500,"vat_rate_bp":2200,"discount":1000},)"
      R"({"sku":"TEAPOT","quantity":1,"unit_price":6000,"vat_rate_bp":2200}]})"
      "\n";
  REQUIRE(f.engine.import_run(f.op, ImportKind::sales_documents, ImportFormat::jsonl, discounted).rows_rejected == 0);
  const auto returned = [&](std::int32_t sales_line, std::int64_t units) {
    CaseDraft d;
    d.customer_id = "C1";
    LineDraft l;
    l.sales_document = {"INV-20", sales_line};
    l.quantity = units;
    l.reason_code = "defective";
    d.lines = {l};
    return f.receive(f.engine.create_case(f.op, d));
  };
  // One mug: 25.00 less 4.75 (a quarter of 19.00) is 20.25 net; its VAT slice 4.46 (17.82 / 4,
  // half-even); then the other three take the rest, so the line refunds exactly what was paid.
  const Case first = returned(1, 1);
  const json breakdown = json::parse(first.valuation).at("breakdown");
  const auto entry = std::find_if(breakdown.begin(), breakdown.end(), [](const json& e) { return e.at("code") == "document_discount"; });
  REQUIRE(entry != breakdown.end());
  CHECK(entry->at("amount") == "4.75 EUR");
  CHECK(total(first, "refund_net") == "20.25 EUR");
  CHECK(total(first, "refund") == "24.71 EUR");
  const Case rest = returned(1, 3);
  CHECK(total(rest, "refund_net") == "60.75 EUR");
  CHECK(total(rest, "refund") == "74.11 EUR");  // 24.71 + 74.11 = 98.82
  // The teapot carries the document's other 6.00: 54.00 net, 65.88 gross.
  const Case teapot = returned(2, 1);
  CHECK(total(teapot, "refund_net") == "54.00 EUR");
  CHECK(total(teapot, "refund") == "65.88 EUR");
  // The stored document reads back with its discounts.
  const json stored = api::to_json_value(f.engine.get_sales_document(f.op, "INV-20"));
  CHECK(stored.at("discount") == 1500);
  CHECK(stored.at("lines").at(0).at("discount") == 1000);
  CHECK(stored.at("lines").at(1).at("discount") == 0);
}

TEST_CASE("a version 4 database gains the sales discounts when opened, its documents kept") {
  rma_test::TempDb db;
  { ValuationFixture f(db.path); }  // imports INV-10
  {
    SQLite::Database raw(db.path, SQLite::OPEN_READWRITE);
    // Back to version 4: later versions' additions go too, so the migrations replay from there.
    rma_test::undo_schema_to(raw, 12);
    raw.exec(rma_test::kUndoSchema12);
    raw.exec(rma_test::kUndoSchema11);
    raw.exec(rma_test::kUndoSchema10);
    raw.exec(rma_test::kUndoSchema9);
    raw.exec(rma_test::kUndoSchema8);
    raw.exec("ALTER TABLE sales_lines DROP COLUMN discount; ALTER TABLE sales_documents DROP COLUMN discount;"
             " ALTER TABLE case_lines DROP COLUMN flags; DROP TABLE security_log;"
             " ALTER TABLE case_lines DROP COLUMN claimed_amount; PRAGMA user_version = 4;");
  }
  EngineFixture reopened(db.path);
  const SalesDocument before = reopened.engine.get_sales_document(reopened.op, "INV-10");
  CHECK(before.discount == 0);
  REQUIRE(before.lines.size() == 3);
  CHECK(before.lines[1].discount == 0);
  const char* const discounted =
      R"({"id":"INV-21","date":"2026-01-10","customer_id":"C1","channel":"b2c","discount":100,)"
      R"("lines":[{"sku":"MUG","quantity":1,"unit_price":2500,"vat_rate_bp":2200,"discount":200}]})"
      "\n";
  REQUIRE(reopened.engine.import_run(reopened.op, ImportKind::sales_documents, ImportFormat::jsonl, discounted)
              .rows_rejected == 0);
  const SalesDocument after = reopened.engine.get_sales_document(reopened.op, "INV-21");
  CHECK(after.discount == 100);
  CHECK(after.lines.at(0).discount == 200);
}

TEST_CASE("an automatic action approves a gold customer's transport complaint under a claimed value, as system") {
  // Three cables of 10.00 EUR arrived broken: a claimed value of 30.00 EUR net.
  for (const char* limit : {"30.01 EUR", "30.00 EUR"}) {
    CAPTURE(limit);
    ValuationFixture f;
    f.accept_claims_below(limit);
    CaseDraft d;
    d.kind = CaseKind::complaint;
    d.category = ComplaintCategory::transport;
    d.customer_id = "C1";  // tier gold
    LineDraft cables;
    cables.sales_document = {"INV-10", 2};
    cables.quantity = 3;
    cables.reason_code = "broken_in_transit";
    d.lines = {cables};
    Case c = f.receive(f.engine.create_case(f.op, d));
    c = f.choose(c, Resolution::goodwill);
    REQUIRE(total(c, "claimed_value") == "30.00 EUR");
    c = f.engine.transition_case(f.op, c.id, "start");
    const bool below = std::string(limit) == "30.01 EUR";
    CHECK(c.status == (below ? "accepted" : "in_progress"));
    const auto history = f.engine.history(f.admin, c.id);
    const auto accepted = std::find_if(history.begin(), history.end(), [](const Event& e) {
      return e.type == "case.transitioned" && json::parse(e.data).at("transition") == "accept";
    });
    CHECK((accepted != history.end()) == below);
    if (accepted != history.end()) CHECK(accepted->actor == "system:auto:accept_small");
  }
}

TEST_CASE("value_below / value_above with a measure compare the stored valuation's totals at both sides") {
  ValuationFixture f;
  const Case c = f.receive(f.open_case());
  REQUIRE(total(c, "refund") == "520.94 EUR");
  CHECK(passes("value_below", c, {{"amount", "520.95 EUR"}, {"measure", "refund"}}));
  CHECK_FALSE(passes("value_below", c, {{"amount", "520.94 EUR"}, {"measure", "refund"}}));
  CHECK(passes("value_above", c, {{"amount", "520.93 EUR"}, {"measure", "refund"}}));
  CHECK_FALSE(passes("value_above", c, {{"amount", "520.94 EUR"}, {"measure", "refund"}}));
  REQUIRE(total(c, "net_cost") == "427.00 EUR");
  CHECK(passes("value_above", c, {{"amount", "426.99 EUR"}, {"measure", "net_cost"}}));
  CHECK_FALSE(passes("value_above", c, {{"amount", "427.00 EUR"}, {"measure", "net_cost"}}));
  CHECK(passes("value_below", c, {{"amount", "0.01 EUR"}, {"measure", "repair_cost"}}));
  CHECK_FALSE(passes("value_below", c, {{"amount", "0.00 EUR"}, {"measure", "repair_cost"}}));
  // The default measure stays the goods value of the requested units: 400.00 + 30.00.
  CHECK(passes("value_below", c, {{"amount", "430.01 EUR"}}));
  CHECK_FALSE(passes("value_below", c, {{"amount", "430.00 EUR"}, {"measure", "goods_value"}}));
  // Another currency, or no valuation at all, never passes, and says why.
  const GuardResult yen =
      domain::evaluate_builtin_guard(domain::CompiledRule{"value_below", {{"amount", "1 JPY"}, {"measure", "refund"}}}, c);
  CHECK_FALSE(yen.passed);
  CHECK(yen.message.find("JPY") != std::string::npos);
  Case none = c;
  none.valuation.clear();
  CHECK_FALSE(passes("value_above", none, {{"amount", "0.00 EUR"}, {"measure", "refund"}}));

}

TEST_CASE("a workflow guard on the refund: refused above the threshold, allowed once below") {
  ValuationFixture f;
  WorkflowConfig config = default_workflow_config();
  for (Workflow& w : config.workflows) {
    for (WorkflowTransition& t : w.transitions) {
      if (w.id == "consumer_return" && t.name == "refund") {
        t.guards.push_back({"value_below", R"({"amount": "500.00 EUR", "measure": "refund"})"});
      }
    }
  }
  f.engine.configure_workflows(f.admin, config);
  Case d = f.receive(f.open_case());
  for (const char* t : {"authorize", "receive", "inspect"}) d = f.engine.transition_case(f.op, d.id, t);
  d = f.choose(d, Resolution::refund);
  CHECK(status_of([&] { f.engine.transition_case(f.op, d.id, "refund"); }) == Status::transition_denied);
  CasePatch missing;
  LinePatch lp;
  lp.line_no = 1;
  lp.accessories_complete = false;  // 472.14 EUR now
  missing.lines.push_back(lp);
  f.engine.update_case(f.op, d.id, missing);
  CHECK(f.engine.transition_case(f.op, d.id, "refund").status == "refunded");
}

TEST_CASE("workflow config: the measure of a value guard is one of the totals; only net cost may be negative") {
  auto guard_status = [](const json& guard) {
    json doc = json::parse(workflow_config_to_json(default_workflow_config()));
    doc["workflows"][0]["transitions"][0]["guards"] = json::array({guard});
    try {
      workflow_config_from_json(doc.dump());
    } catch (const Error& e) {
      return std::make_pair(e.status(), e.field());
    }
    return std::make_pair(Status::ok, std::string());
  };
  for (const char* m : {"goods_value", "refund", "net_cost", "repair_cost", "supplier_recovery", "recovery_value",
                        "claimed_value"}) {
    CHECK(guard_status({{"guard", "value_above"}, {"amount", "1.00 EUR"}, {"measure", m}}).first == Status::ok);
  }
  const auto unknown = guard_status({{"guard", "value_above"}, {"amount", "1.00 EUR"}, {"measure", "profit"}});
  CHECK(unknown.first == Status::unknown_value);
  CHECK(unknown.second == "workflows[0].transitions[0].guards[0].measure");
  CHECK(guard_status({{"guard", "value_below"}, {"amount", "-0.01 EUR"}, {"measure", "net_cost"}}).first == Status::ok);
  CHECK(guard_status({{"guard", "value_below"}, {"amount", "-0.01 EUR"}, {"measure", "refund"}}).first ==
        Status::out_of_range);
}

TEST_CASE("a decision sends the ERP the messages of its resolution, with the valuation's amounts") {
  ValuationFixture f;
  SUBCASE("refund: a credit note request whose lines add up to its totals, and a debit note to the supplier") {
    Case c = f.receive(f.open_case());
    c = f.engine.check_case_line(f.op, c.id, 1);  // SN-500 is within S1's 12 months
    REQUIRE(total(c, "supplier_recovery") == "400.00 EUR");
    for (const char* t : {"authorize", "receive", "inspect"}) c = f.engine.transition_case(f.op, c.id, t);
    c = f.choose(c, Resolution::refund);
    CHECK(f.messages_of(c.id).empty());
    c = f.engine.transition_case(f.op, c.id, "refund");
    const auto messages = f.messages_of(c.id);
    CHECK(messages.size() == 2);
    const OutboxMessage* credit = with_topic(messages, "credit_note_request");
    REQUIRE(credit != nullptr);
    const json p = json::parse(credit->payload);
    REQUIRE(p["lines"].size() == 2);
    std::int64_t net = 0, vat = 0, gross = 0;
    for (const json& l : p["lines"]) {
      CHECK(l["net"].get<std::int64_t>() + l["vat"].get<std::int64_t>() == l["gross"].get<std::int64_t>());
      net += l["net"].get<std::int64_t>();
      vat += l["vat"].get<std::int64_t>();
      gross += l["gross"].get<std::int64_t>();
    }
    CHECK(p["lines"][0]["gross"] == 48800);
    CHECK(p["lines"][1]["net"] == 2700);
    CHECK(p["totals"] == json::array({{{"currency", "EUR"}, {"net", net}, {"vat", vat}, {"gross", gross}}}));
    CHECK(gross == 52094);  // the valuation's refund total
    const OutboxMessage* debit = with_topic(messages, "debit_note");
    REQUIRE(debit != nullptr);
    const json d = json::parse(debit->payload);
    CHECK(d["supplier_id"] == "S1");
    CHECK(d["totals"][0]["amount"] == 40000);
    // Closing keeps the lock: nothing is sent twice.
    f.engine.transition_case(f.op, c.id, "close");
    CHECK(f.messages_of(c.id).size() == 2);
  }
  SUBCASE("replace: a replacement order") {
    Case c = f.receive(f.open_case());
    for (const char* t : {"authorize", "receive", "inspect"}) c = f.engine.transition_case(f.op, c.id, t);
    c = f.choose(c, Resolution::replace);
    f.engine.transition_case(f.op, c.id, "exchange");
    const auto messages = f.messages_of(c.id);
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].topic == "replacement_order");
    const json p = json::parse(messages[0].payload);
    CHECK(p["lines"][1]["quantity"] == 3);
    CHECK(p["exchange_difference"] == json::array());  // like for like
  }
  SUBCASE("repair with paid operations: a repair invoice with the quote") {
    CaseDraft d;
    d.kind = CaseKind::repair;
    d.customer_id = "C1";
    LineDraft l;
    l.serial = "SN-500";
    l.reason_code = "defective";
    d.lines = {l};
    Case c = f.engine.create_case(f.op, d);
    RepairOperationDraft r;
    r.line_no = 1;
    r.code = "SCREEN";
    r.labour_class = "standard";
    r.minutes = 45;
    r.parts = {PartUse{"SCREEN-6", 2, 1250, "EUR"}};
    r.paid = true;
    c = f.engine.add_repair(f.op, c.id, r);
    c = f.engine.set_repair_status(f.op, c.id, c.repairs[0].id, RepairStatus::done);
    c = f.engine.check_case_line(f.op, c.id, 1);
    for (const char* t : {"start_diagnosis", "repair_in_house", "mark_repaired"}) c = f.engine.transition_case(f.op, c.id, t);
    c = f.choose(c, Resolution::repair);
    f.engine.transition_case(f.op, c.id, "ship_back");
    const auto messages = f.messages_of(c.id);
    const OutboxMessage* invoice = with_topic(messages, "repair_invoice");
    REQUIRE(invoice != nullptr);
    const json p = json::parse(invoice->payload);
    // 45 minutes at 60.00 EUR/h and two parts at 12.50 EUR: 70.00 EUR net, 85.40 EUR at 22 %.
    CHECK(p["quote"] == json::array({{{"currency", "EUR"}, {"net", 7000}, {"vat_rate_bp", 2200}, {"vat", 1540}, {"gross", 8540}}}));
    REQUIRE(p["operations"].size() == 1);
    CHECK(p["operations"][0]["code"] == "SCREEN");
    // The unit is within the supplier's coverage: the repair cost is claimed back from S1.
    const OutboxMessage* debit = with_topic(messages, "debit_note");
    REQUIRE(debit != nullptr);
    CHECK(json::parse(debit->payload)["totals"][0]["amount"] == 7000);
  }
  SUBCASE("reject: nothing") {
    Case c = f.receive(f.open_case());
    c = f.engine.check_case_line(f.op, c.id, 1);
    for (const char* t : {"authorize", "receive", "inspect"}) c = f.engine.transition_case(f.op, c.id, t);
    c = f.choose(c, Resolution::reject);
    f.engine.transition_case(f.op, c.id, "reject");
    CHECK(f.messages_of(c.id).empty());
  }
}

TEST_CASE("valuation rules: stored and read back; bad rules refused with their path and nothing written") {
  ValuationFixture f;
  JsonApi api(f.engine);
  const json stored = json::parse(api.call("admin:root", "valuation.rules", "{}"));
  CHECK(stored["labour_classes"][0]["name"] == "standard");
  const auto events = f.event_count();
  try {
    api.call("admin:root", "valuation.configure", R"({"restocking_fees": [{"percnt_bp": 1000}]})");
    FAIL("accepted");
  } catch (const Error& e) {
    CHECK(e.status() == Status::unknown_value);
    CHECK(e.field() == "restocking_fees[0].percnt_bp");
  }
  ValuationRules bad = f.engine.valuation_rules(f.op);
  bad.restocking_fees[0].charge.percent_bp = 10001;
  try {
    f.engine.configure_valuation(f.admin, bad);
    FAIL("accepted");
  } catch (const Error& e) {
    CHECK(e.status() == Status::out_of_range);
    CHECK(e.field() == "restocking_fees[0].percent_bp");
  }
  CHECK(f.event_count() == events);
  CHECK(json::parse(api.call("admin:root", "valuation.rules", "{}")) == stored);

  // The defaults: an empty document; the next change of a case uses the new rules.
  Case c = f.receive(f.open_case());
  CHECK(total(c, "refund") == "520.94 EUR");
  CHECK(json::parse(api.call("system:setup", "valuation.configure", "{}"))["restocking_fees"] == json::array());
  c = f.engine.add_note(f.op, c.id, NoteDraft{Visibility::internal, "rules changed"});
  CHECK(total(c, "refund") == "524.60 EUR");  // no restocking fee any more
  const json v = json::parse(api.call("operator:anna", "case.valuation", json{{"case_id", c.id}}.dump()));
  CHECK(v["totals"][0]["refund"] == "524.60 EUR");
  CHECK(api::to_json_value(c)["valuation"] == v);
}

TEST_CASE("valuation permissions: admins configure, staff read, customers see no internal costs") {
  ValuationFixture f;
  CHECK(status_of([&] { f.engine.configure_valuation(f.op, ValuationRules()); }) == Status::permission_denied);
  CHECK(status_of([&] { f.engine.valuation_rules(f.customer); }) == Status::permission_denied);
  Case c = f.receive(f.open_case());
  c = f.engine.check_case_line(f.op, c.id, 1);
  CHECK(status_of([&] { f.engine.valuation(f.customer, c.id); }) == Status::permission_denied);
  const json mine = json::parse(f.engine.customer_view(f.customer, c.id).valuation);
  CHECK(mine["totals"][0]["refund"] == "520.94 EUR");
  CHECK_FALSE(mine["totals"][0].contains("net_cost"));
  CHECK_FALSE(mine["totals"][0].contains("supplier_recovery"));
  for (const json& e : mine["breakdown"]) {
    CHECK(e["code"] != "supplier_recovery");
    CHECK(e["code"] != "net_cost");
  }
}

TEST_CASE("valuation rules configured by another engine on the same file are followed") {
  rma_test::TempDb db;
  ValuationFixture first(db.path);
  EngineFixture second(db.path);
  second.engine.configure_valuation(second.admin, ValuationRules());
  Case c = first.receive(first.open_case());
  CHECK(total(c, "refund") == "524.60 EUR");  // no fee: the second engine's rules
}
