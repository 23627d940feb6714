// A refund needs something to refund: a decision crediting the claimant with nothing to credit is
// refused (transition_denied, nothing_to_refund), and no ERP message with nothing in it is queued.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "domain/refund_decision.hpp"
#include "domain/valuation_messages.hpp"
#include "valuation_fixture.hpp"

using namespace rma;
using nlohmann::json;
using rma_test::reason_of;
using rma_test::status_of;
using rma_test::total;
using rma_test::ValuationFixture;
using rma_test::with_topic;

namespace {

// Three cables of 10.00 EUR returned and inspected with their packaging missing, which the rules
// deduct `packaging` for; resolution refund, ready for the "refund" transition.
Case inspected_cables(ValuationFixture& f, const char* packaging) {
  f.engine.configure_valuation(
      f.admin, valuation_rules_from_json(std::string(R"({"deductions": [{"code": "packaging", "fixed": ")") + packaging +
                                         R"("}]})"));
  CaseDraft d;
  d.customer_id = "C1";
  LineDraft cables;
  cables.sales_document = {"INV-10", 2};
  cables.quantity = 1;
  cables.reason_code = "defective";
  d.lines = {cables};
  Case c = f.engine.create_case(f.op, d);
  c = f.engine.transition_case(f.op, c.id, "authorize");
  c = f.receive(c);
  CasePatch p;
  LinePatch lp;
  lp.line_no = 1;
  lp.original_packaging = false;
  p.lines.push_back(lp);
  p.resolution = Resolution::refund;
  f.engine.update_case(f.op, c.id, p);
  for (const char* t : {"receive", "inspect"}) c = f.engine.transition_case(f.op, c.id, t);
  return c;
}

bool has_denial(const std::vector<TransitionOption>& options, const char* transition, const char* code) {
  for (const TransitionOption& o : options) {
    if (o.name != transition) continue;
    for (const Denial& d : o.denials) {
      if (d.code == code) return d.kind == "guard";
    }
  }
  return false;
}

}  // namespace

TEST_CASE("nothing to refund: a refund of 0.01 EUR is decided and sent, one of 0.00 EUR refused with nothing queued") {
  ValuationFixture f;
  {
    Case c = inspected_cables(f, "9.99 EUR");  // 10.00 − 9.99: 0.01 EUR net, 0.01 gross
    REQUIRE(total(c, "refund") == "0.01 EUR");
    CHECK_FALSE(has_denial(f.engine.case_transitions(f.op, c.id), "refund", "nothing_to_refund"));
    c = f.engine.transition_case(f.op, c.id, "refund");
    CHECK(c.status == "refunded");
    const auto messages = f.messages_of(c.id);
    const OutboxMessage* credit = with_topic(messages, "credit_note_request");
    REQUIRE(credit != nullptr);
    CHECK(json::parse(credit->payload)["totals"][0]["gross"] == 1);
  }
  {
    Case c = inspected_cables(f, "10.00 EUR");  // the deduction takes it all
    REQUIRE(total(c, "refund") == "0.00 EUR");
    CHECK(has_denial(f.engine.case_transitions(f.op, c.id), "refund", "nothing_to_refund"));
    const std::int64_t version = c.version;
    CHECK(status_of([&] { f.engine.transition_case(f.op, c.id, "refund"); }) == Status::transition_denied);
    CHECK(reason_of([&] { f.engine.transition_case(f.op, c.id, "refund"); }) == "nothing_to_refund");
    c = f.engine.get_case(f.op, c.id);
    CHECK(c.version == version);
    CHECK(c.status == "inspected");
    CHECK(f.messages_of(c.id).empty());
    bool denied = false;
    for (const Event& e : f.engine.history(f.admin, c.id)) {
      if (e.type == "transition.denied") denied = json::parse(e.data).at("reason") == "nothing_to_refund";
    }
    CHECK(denied);
    // Rejecting it is still possible: a rejection credits nothing.
    f.choose(c, Resolution::reject);
    CHECK(f.engine.transition_case(f.op, c.id, "reject").status == "rejected");
    CHECK(f.messages_of(c.id).empty());
  }
}

TEST_CASE("nothing to refund: a repair case resolved as credit_note is refused; resolved as repair it ships back") {
  for (const Resolution r : {Resolution::credit_note, Resolution::repair}) {
    CAPTURE(resolution_name(r));
    ValuationFixture f;  // one repair of the unit per engine
    Case c = f.engine.check_case_line(f.op, f.open_repair().id, 1);
    RepairOperationDraft screen;
    screen.line_no = 1;
    screen.code = "SCREEN";
    c = f.engine.add_repair(f.op, c.id, screen);
    for (const char* t : {"start_diagnosis", "repair_in_house"}) c = f.engine.transition_case(f.op, c.id, t);
    c = f.engine.set_repair_status(f.op, c.id, c.repairs.back().id, RepairStatus::done);
    c = f.engine.transition_case(f.op, c.id, "mark_repaired");
    c = f.choose(c, r);
    if (r == Resolution::credit_note) {
      CHECK(reason_of([&] { f.engine.transition_case(f.op, c.id, "ship_back"); }) == "nothing_to_refund");
      CHECK(f.messages_of(c.id).empty());
    } else {
      CHECK(f.engine.transition_case(f.op, c.id, "ship_back").status == "shipped_back");
      CHECK(with_topic(f.messages_of(c.id), "credit_note_request") == nullptr);
    }
  }
}

TEST_CASE("nothing to refund: without prices, units received are what there is to credit; set by an effect too") {
  rma_test::EngineFixture f;
  f.engine.configure_workflows(f.admin, workflow_config_from_json(R"({"workflows": [{
    "id": "quick", "name": "Quick", "initial": "new",
    "states": [{"name": "new", "category": "new"},
               {"name": "credited", "category": "resolved", "locks_decision": true},
               {"name": "closed", "category": "closed", "final": true}],
    "transitions": [
      {"name": "credit", "from": ["new"], "to": "credited", "roles": ["operator"],
       "effects": [{"effect": "set_field", "field": "resolution", "value": "credit_note"}]},
      {"name": "close", "from": ["credited"], "to": "closed", "roles": ["operator"]}]}]})"));
  Case c = f.engine.create_case(f.op, rma_test::EngineFixture::two_line_draft());  // no sale known: no prices
  REQUIRE(c.valuation.empty());
  CHECK(reason_of([&] { f.engine.transition_case(f.op, c.id, "credit"); }) == "nothing_to_refund");
  CHECK(f.engine.get_case(f.op, c.id).resolution == Resolution::none);
  CasePatch p;
  LinePatch lp;
  lp.line_no = 2;
  lp.qty_received = 1;
  p.lines.push_back(lp);
  f.engine.update_case(f.op, c.id, p);
  c = f.engine.transition_case(f.op, c.id, "credit");
  CHECK(c.status == "credited");
  bool queued = false;
  for (const OutboxMessage& m : f.engine.outbox_fetch(f.admin, 100)) {
    queued = queued || (m.case_id == c.id && m.topic == "credit_note_request");
  }
  CHECK(queued);
}

TEST_CASE("nothing to refund: an outbox effect of a valuation topic with nothing in it queues nothing") {
  ValuationFixture f;
  WorkflowConfig config = default_workflow_config();
  for (Workflow& w : config.workflows) {
    for (WorkflowTransition& t : w.transitions) {
      if (w.id == "consumer_return" && t.name == "authorize") {
        t.effects.push_back({"outbox", R"({"topic": "credit_note_request"})"});
      }
    }
  }
  f.engine.configure_workflows(f.admin, config);
  Case c = f.open_case();  // nothing received when it is authorized
  c = f.engine.transition_case(f.op, c.id, "authorize");
  CHECK(c.status == "authorized");
  CHECK(f.messages_of(c.id).empty());
}

TEST_CASE("nothing to refund, domain: the rule and the messages it keeps back") {
  Case c;
  c.kind = CaseKind::return_;
  c.resolution = Resolution::refund;
  CaseLine l;
  l.line_no = 1;
  l.qty_requested = 2;
  c.lines.push_back(l);
  const json zero = json::parse(R"({"breakdown": [], "totals": [{"currency": "EUR", "refund": "0.00 EUR",
    "repair_quote": "0.00 EUR", "supplier_recovery": "0.00 EUR"}]})");
  json cent = zero;
  cent["totals"][0]["refund"] = "0.01 EUR";
  CHECK(domain::nothing_to_refund(c, zero));
  CHECK_FALSE(domain::nothing_to_refund(c, cent));
  CHECK(domain::nothing_to_refund(c, nullptr));  // no prices, nothing received
  c.lines[0].qty_received = 1;
  CHECK_FALSE(domain::nothing_to_refund(c, nullptr));
  c.kind = CaseKind::repair;
  CHECK(domain::nothing_to_refund(c, nullptr));
  c.kind = CaseKind::return_;
  CHECK(domain::decision_topics(c, zero).empty());
  CHECK(domain::decision_topics(c, cent) == std::vector<std::string>{"credit_note_request"});
  CHECK(domain::credits_claimant(Resolution::goodwill));
  CHECK_FALSE(domain::credits_claimant(Resolution::replace));
}
