// Workflows in the engine: transitions, guards, effects, permissions and their denials in the
// history, versions, automatic assignment and actions, reopen, delete and replay.
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <random>

#include "api/codec.hpp"
#include "engine_fixture.hpp"

using namespace rma;
using rma_test::at;
using rma_test::EngineFixture;
using rma_test::reason_of;
using rma_test::status_of;
using nlohmann::json;

namespace {

const TransitionOption* option(const std::vector<TransitionOption>& options, const std::string& name) {
  for (const TransitionOption& o : options) {
    if (o.name == name) return &o;
  }
  return nullptr;
}

bool has_denial(const TransitionOption& o, const std::string& code) {
  return std::any_of(o.denials.begin(), o.denials.end(), [&](const Denial& d) { return d.code == code; });
}

std::vector<Event> events_of_type(Engine& engine, const Actor& by, std::int64_t id, const std::string& type) {
  std::vector<Event> out;
  for (Event& e : engine.history(by, id)) {
    if (e.type == type) out.push_back(std::move(e));
  }
  return out;
}

void receive_and_inspect(Engine& engine, const Actor& by, const Case& c) {
  CasePatch p;
  for (const CaseLine& l : c.lines) {
    LinePatch lp;
    lp.line_no = l.line_no;
    lp.qty_received = l.qty_requested;
    lp.condition = "as_new";
    p.lines.push_back(lp);
  }
  engine.update_case(by, c.id, p);
}

void choose(Engine& engine, const Actor& by, std::int64_t id, Resolution r) {
  CasePatch p;
  p.resolution = r;
  engine.update_case(by, id, p);
}

CaseDraft complaint_draft(ComplaintCategory category, const std::string& customer = "C1") {
  CaseDraft d = EngineFixture::two_line_draft(customer);
  d.kind = CaseKind::complaint;
  d.category = category;
  d.channel = Channel::b2b;
  return d;
}

// The consumer_return default with one more state, to make a second version.
WorkflowConfig with_extra_state() {
  WorkflowConfig config = default_workflow_config();
  for (Workflow& w : config.workflows) {
    if (w.id != "consumer_return") continue;
    WorkflowState hold;
    hold.name = "on_hold";
    hold.label = "On hold";
    hold.category = StateCategory::waiting_customer;
    hold.sla = SlaEffect::pause;
    w.states.push_back(hold);
    WorkflowTransition put;
    put.name = "hold";
    put.from = {"requested"};
    put.to = "on_hold";
    put.roles = {Role::operator_};
    WorkflowTransition resume;
    resume.name = "resume";
    resume.from = {"on_hold"};
    resume.to = "requested";
    resume.roles = {Role::operator_};
    w.transitions.push_back(put);
    w.transitions.push_back(resume);
  }
  return config;
}

}  // namespace

TEST_CASE("workflow: a consumer return goes requested → authorized → received → inspected → refunded → closed") {
  EngineFixture f;
  Case c = f.engine.create_case(f.op, EngineFixture::two_line_draft());
  CHECK(c.status == "requested");
  CHECK(c.team == "returns");  // automatic assignment by kind

  c = f.engine.transition_case(f.op, c.id, "authorize", c.version);
  CHECK(c.status == "authorized");
  CHECK(c.status_since == f.now);
  auto transitioned = events_of_type(f.engine, f.op, c.id, "case.transitioned");
  REQUIRE(transitioned.size() == 1);
  json data = json::parse(transitioned[0].data);
  CHECK(data["from"] == "requested");
  CHECK(data["to"] == "authorized");
  CHECK(data["workflow"] == "consumer_return");
  CHECK(data["version"] == c.version);
  auto notices = events_of_type(f.engine, f.op, c.id, "notification.requested");
  REQUIRE(notices.size() == 1);
  json notice = json::parse(notices[0].data);
  CHECK(notice["template"] == "return_authorized");
  CHECK(notice["to"] == json::array({"customer:C1"}));
  CHECK(notice["transition"] == "authorize");

  // Nothing received yet: the guard refuses, the refusal is recorded, the case is unchanged.
  const std::int64_t version = c.version;
  CHECK(status_of([&] { f.engine.transition_case(f.op, c.id, "receive"); }) == Status::transition_denied);
  CHECK(f.engine.get_case(f.op, c.id).version == version);
  auto denied = events_of_type(f.engine, f.op, c.id, "transition.denied");
  REQUIRE(denied.size() == 1);
  json why = json::parse(denied[0].data);
  CHECK(why["transition"] == "receive");
  CHECK(why["reason"] == "all_lines_received");
  CHECK(why["guards"][0]["passed"] == false);

  receive_and_inspect(f.engine, f.op, c);
  c = f.engine.transition_case(f.op, c.id, "receive");
  // A transition that runs records the guards it passed.
  data = json::parse(events_of_type(f.engine, f.op, c.id, "case.transitioned").back().data);
  CHECK(data["transition"] == "receive");
  CHECK(data["guards"] == json::parse(R"([{"guard": "all_lines_received", "passed": true}])"));
  c = f.engine.transition_case(f.op, c.id, "inspect");
  CHECK(c.status == "inspected");

  // No resolution chosen: refund is unavailable, and says why.
  auto options = f.engine.case_transitions(f.op, c.id);
  const TransitionOption* refund = option(options, "refund");
  REQUIRE(refund != nullptr);
  CHECK_FALSE(refund->available);
  CHECK(has_denial(*refund, "resolution_chosen"));

  choose(f.engine, f.op, c.id, Resolution::refund);
  options = f.engine.case_transitions(f.op, c.id);
  CHECK(option(options, "refund")->available);
  CHECK_FALSE(option(options, "exchange")->available);  // wrong resolution for an exchange

  const auto before = f.engine.outbox_fetch(f.admin).size();
  c = f.engine.transition_case(f.op, c.id, "refund");
  CHECK(c.status == "refunded");
  CHECK(c.decision_locked);
  auto messages = f.engine.outbox_fetch(f.admin);
  REQUIRE(messages.size() == before + 1);
  CHECK(messages.back().topic == "credit_note_request");
  json payload = json::parse(messages.back().payload);
  CHECK(payload["case_number"] == c.number);
  CHECK(payload["lines"].size() == 2);

  c = f.engine.transition_case(f.op, c.id, "close");
  CHECK(c.status == "closed");
  CHECK(c.decision_locked);  // moving on keeps the decision locked
  CHECK(f.engine.case_transitions(f.op, c.id).empty());
}

TEST_CASE("workflow: unknown transitions and wrong states are told apart") {
  EngineFixture f;
  Case c = f.engine.create_case(f.op, EngineFixture::two_line_draft());
  try {
    f.engine.transition_case(f.op, c.id, "teleport");
    FAIL("unknown transition");
  } catch (const Error& e) {
    CHECK(e.status() == Status::unknown_value);
    CHECK(e.field() == "transition");
  }
  CHECK(status_of([&] { f.engine.transition_case(f.op, c.id, "close"); }) == Status::transition_denied);
  CHECK(events_of_type(f.engine, f.op, c.id, "transition.denied").size() == 1);
}

TEST_CASE("permissions: roles, ownership and the decision lock; every denial is in the history") {
  EngineFixture f;
  Case c = f.engine.create_case(f.op, EngineFixture::two_line_draft());

  // The customer may cancel its own request but not authorize it.
  auto options = f.engine.case_transitions(f.customer, c.id);
  CHECK_FALSE(option(options, "authorize")->available);
  CHECK(has_denial(*option(options, "authorize"), "role_not_allowed"));
  CHECK(option(options, "cancel")->available);
  CHECK(status_of([&] { f.engine.transition_case(f.customer, c.id, "authorize"); }) == Status::permission_denied);
  auto access = events_of_type(f.engine, f.op, c.id, "access.denied");
  REQUIRE(access.size() == 1);
  CHECK(access[0].actor == "customer:C1");
  CHECK(json::parse(access[0].data)["reason"] == "role_not_allowed");

  // Another customer may not even look: the case answers as one that does not exist, and the
  // probe is counted in the stranger's security log, not written on the case.
  const Actor stranger{Role::customer, "C2"};
  CHECK(status_of([&] { f.engine.get_case(stranger, c.id); }) == Status::not_found);
  CHECK(status_of([&] { f.engine.transition_case(stranger, c.id, "cancel"); }) == Status::not_found);
  access = events_of_type(f.engine, f.op, c.id, "access.denied");
  REQUIRE(access.size() == 1);
  const std::vector<SecurityLogEntry> probes = f.engine.security_log(f.op, "customer:C2");
  REQUIRE(probes.size() == 1);
  CHECK(probes[0].reason == "not_own_case");
  CHECK(probes[0].count == 2);
  CHECK(probes[0].last_case_id == c.id);

  // A supplier sees only cases sent to it.
  const Actor supplier{Role::supplier, "S1"};
  CHECK(status_of([&] { f.engine.case_transitions(supplier, c.id); }) == Status::not_found);

  // Decided: the operator cannot change the resolution, only an admin can reopen.
  f.engine.transition_case(f.op, c.id, "authorize");
  receive_and_inspect(f.engine, f.op, f.engine.get_case(f.op, c.id));
  f.engine.transition_case(f.op, c.id, "receive");
  f.engine.transition_case(f.op, c.id, "inspect");
  choose(f.engine, f.op, c.id, Resolution::reject);
  c = f.engine.transition_case(f.op, c.id, "reject");
  REQUIRE(c.decision_locked);
  const std::int64_t version = c.version;
  CHECK(status_of([&] { choose(f.engine, f.op, c.id, Resolution::refund); }) == Status::permission_denied);
  CHECK(json::parse(events_of_type(f.engine, f.op, c.id, "access.denied").back().data)["reason"] == "decision_locked");
  CHECK(status_of([&] { f.engine.reopen_case(f.op, c.id, "inspected", "customer sent photos"); }) ==
        Status::permission_denied);
  CHECK(f.engine.get_case(f.op, c.id).version == version);

  c = f.engine.reopen_case(f.admin, c.id, "inspected", "customer sent photos");
  CHECK(c.status == "inspected");
  CHECK_FALSE(c.decision_locked);
  choose(f.engine, f.op, c.id, Resolution::refund);  // the operator may decide again
  CHECK(f.engine.get_case(f.op, c.id).resolution == Resolution::refund);

  // Reopening needs a decided case and a non-final state.
  CHECK(status_of([&] { f.engine.reopen_case(f.admin, c.id, "inspected", "again"); }) == Status::conflict);
}

TEST_CASE("permissions: every refusal carries its own reason code, and reads are refused in the history too") {
  EngineFixture f;
  const Case c = f.engine.create_case(f.op, EngineFixture::two_line_draft());
  const Actor stranger{Role::customer, "C2"};
  CHECK(reason_of([&] { f.engine.transition_case(f.customer, c.id, "authorize"); }) == "role_not_allowed");
  CHECK(status_of([&] { f.engine.transition_case(stranger, c.id, "cancel"); }) == Status::not_found);
  CHECK(reason_of([&] { f.engine.delete_case(f.op, c.id, "duplicate"); }) == "admin_only");
  CHECK(reason_of([&] { f.engine.configure_workflows(f.op, default_workflow_config()); }) == "admin_only");
  CHECK(reason_of([&] { f.engine.transition_case(f.op, c.id, "receive"); }) == "not_in_state");
  CHECK(reason_of([&] { f.engine.add_note(f.customer, c.id, NoteDraft{Visibility::internal, "x"}); }) ==
        "internal_only_staff");
  CHECK(reason_of([&] { f.engine.get_case(f.op, c.id); }).empty());
  // A refused guard names itself.
  f.engine.transition_case(f.op, c.id, "authorize");
  CHECK(status_of([&] { f.engine.transition_case(f.op, c.id, "receive"); }) == Status::transition_denied);
  CHECK_FALSE(reason_of([&] { f.engine.transition_case(f.op, c.id, "receive"); }).empty());

  // The customer's own case, but the full history holds internal notes: refused, and counted in
  // the security log (a command the role may never run), naming the case.
  const std::size_t before = events_of_type(f.engine, f.op, c.id, "access.denied").size();
  CHECK(reason_of([&] { f.engine.history(f.customer, c.id); }) == "role_not_allowed");
  CHECK(events_of_type(f.engine, f.op, c.id, "access.denied").size() == before);
  const std::vector<SecurityLogEntry> log = f.engine.security_log(f.op, "customer:C1");
  REQUIRE(log.size() == 1);
  CHECK(log[0].reason == "role_not_allowed");
  CHECK(log[0].last_case_id == c.id);
}

TEST_CASE("permissions: a decided case may only be closed by an operator; an admin may change it") {
  EngineFixture f;
  f.engine.configure_workflows(f.admin, workflow_config_from_json(R"({"workflows": [{
    "id": "lock", "name": "Lock", "initial": "new",
    "states": [{"name": "new", "category": "new"},
               {"name": "approved", "category": "resolved", "locks_decision": true},
               {"name": "denied", "category": "resolved", "locks_decision": true},
               {"name": "closed", "category": "closed", "final": true}],
    "transitions": [
      {"name": "approve", "from": ["new"], "to": "approved", "roles": ["operator"],
       "effects": [{"effect": "set_field", "field": "resolution", "value": "refund"}]},
      {"name": "overturn", "from": ["approved"], "to": "denied", "roles": ["operator"]},
      {"name": "back", "from": ["approved", "denied"], "to": "new", "roles": ["operator"]},
      {"name": "close_as_goodwill", "from": ["approved", "denied"], "to": "closed", "roles": ["operator"],
       "effects": [{"effect": "set_field", "field": "resolution", "value": "goodwill"}]},
      {"name": "close", "from": ["approved", "denied"], "to": "closed", "roles": ["operator"]}]}]})"));
  Case c = f.engine.create_case(f.op, EngineFixture::two_line_draft());
  CasePatch received;  // the approval's refund needs goods to refund
  LinePatch lp;
  lp.line_no = 2;
  lp.qty_received = 1;
  received.lines.push_back(lp);
  f.engine.update_case(f.op, c.id, received);
  c = f.engine.transition_case(f.op, c.id, "approve");
  REQUIRE(c.decision_locked);
  // Another decided state, back to work, or a resolution set on the way out: all refused.
  for (const char* name : {"overturn", "back", "close_as_goodwill"}) {
    CAPTURE(name);
    CHECK(reason_of([&] { f.engine.transition_case(f.op, c.id, name); }) == "decision_locked");
    CHECK(json::parse(events_of_type(f.engine, f.op, c.id, "access.denied").back().data)["reason"] == "decision_locked");
    const auto options = f.engine.case_transitions(f.op, c.id);
    CHECK(has_denial(*option(options, name), "decision_locked"));
  }
  CHECK(f.engine.get_case(f.op, c.id).resolution == Resolution::refund);
  CHECK(option(f.engine.case_transitions(f.op, c.id), "close")->available);

  // An admin may: overturning keeps the lock, going back to work lifts it.
  c = f.engine.transition_case(f.admin, c.id, "overturn");
  CHECK(c.status == "denied");
  CHECK(c.decision_locked);
  c = f.engine.transition_case(f.admin, c.id, "back");
  CHECK(c.status == "new");
  CHECK_FALSE(c.decision_locked);
  c = f.engine.transition_case(f.op, c.id, "approve");  // the operator decides again
  c = f.engine.transition_case(f.op, c.id, "close");
  CHECK(c.status == "closed");
  CHECK(c.decision_locked);
}

TEST_CASE("permissions: a supplier acts on the repairs sent to it, whatever their channel") {
  EngineFixture f;
  f.add_suppliers();
  CaseDraft d = EngineFixture::two_line_draft();
  d.kind = CaseKind::repair;
  d.channel = Channel::b2c;
  d.lines.resize(1);  // the phone: a serial the warranty check can look up
  d.supplier_id = "S1";
  Case mine = f.engine.create_case(f.op, d);
  d.supplier_id = "S2";
  const Case theirs = f.engine.create_case(f.op, d);
  const Actor s1{Role::supplier, "S1"};
  CHECK(f.engine.get_case(s1, mine.id).id == mine.id);
  CHECK(status_of([&] { f.engine.get_case(s1, theirs.id); }) == Status::not_found);
  CaseQuery all;
  const CasePage page = f.engine.query_cases(s1, all);
  REQUIRE(page.total == 1);
  CHECK(page.items.at(0).id == mine.id);
  CHECK(page.items.at(0).assignee.empty());  // a supplier sees no staff details
  // The supplier may only run what lists it: not the diagnosis, but the return from its workshop.
  CHECK(reason_of([&] { f.engine.transition_case(s1, mine.id, "start_diagnosis"); }) == "role_not_allowed");
  f.engine.transition_case(f.op, mine.id, "start_diagnosis");
  for (const CaseLine& l : mine.lines) f.engine.check_case_line(f.op, mine.id, l.line_no);
  f.engine.transition_case(f.op, mine.id, "send_to_supplier");
  // The transition's outbox effect asks the ERP for the supplier return, naming the supplier.
  const auto messages = f.engine.outbox_fetch(f.admin, 100);
  const auto sent = std::find_if(messages.begin(), messages.end(), [&](const OutboxMessage& m) {
    return m.case_id == mine.id && m.topic == "supplier_return";
  });
  REQUIRE(sent != messages.end());
  CHECK(json::parse(sent->payload).at("supplier_id") == "S1");
  CHECK(status_of([&] { f.engine.transition_case(Actor{Role::supplier, "S2"}, mine.id, "back_from_supplier"); }) ==
        Status::not_found);
  mine = f.engine.transition_case(s1, mine.id, "back_from_supplier");
  CHECK(mine.status == "repaired");
  CHECK(events_of_type(f.engine, f.op, mine.id, "case.transitioned").back().actor == "supplier:S1");
}

TEST_CASE("permissions: only an admin deletes a case; it disappears but its history stays") {
  EngineFixture f;
  Case c = f.engine.create_case(f.op, EngineFixture::two_line_draft());
  Case other = f.engine.create_case(f.op, EngineFixture::two_line_draft());
  CHECK(status_of([&] { f.engine.delete_case(f.op, c.id, "duplicate"); }) == Status::permission_denied);
  CHECK(events_of_type(f.engine, f.op, c.id, "access.denied").size() == 1);
  f.engine.delete_case(f.admin, c.id, "duplicate");
  CHECK(status_of([&] { f.engine.get_case(f.admin, c.id); }) == Status::not_found);
  CHECK(status_of([&] { f.engine.get_case_by_number(f.admin, c.number); }) == Status::not_found);
  CaseQuery all;
  auto page = f.engine.query_cases(f.op, all);
  CHECK(page.total == 1);
  CHECK(page.items.at(0).id == other.id);
  CHECK(f.engine.stats().cases == 1);
}

TEST_CASE("workflow versions: a running case keeps the version it started with") {
  EngineFixture f;
  Case old_case = f.engine.create_case(f.op, EngineFixture::two_line_draft());
  CHECK(old_case.workflow_version == 1);

  f.engine.configure_workflows(f.admin, with_extra_state());
  CHECK(status_of([&] { f.engine.configure_workflows(f.op, with_extra_state()); }) == Status::permission_denied);
  WorkflowConfig stored = f.engine.workflow_config(f.op);
  for (const Workflow& w : stored.workflows) CHECK(w.version == (w.id == "consumer_return" ? 2 : 1));

  Case new_case = f.engine.create_case(f.op, EngineFixture::two_line_draft());
  CHECK(new_case.workflow_version == 2);
  CHECK(f.engine.transition_case(f.op, new_case.id, "hold").status == "on_hold");
  CHECK(status_of([&] { f.engine.transition_case(f.op, old_case.id, "hold"); }) == Status::unknown_value);
  CHECK(f.engine.workflow(f.op, "consumer_return", 1).states.size() + 1 ==
        f.engine.workflow(f.op, "consumer_return", 2).states.size());

  // The same definition again changes no version.
  f.engine.configure_workflows(f.admin, with_extra_state());
  for (const Workflow& w : f.engine.workflow_config(f.op).workflows) {
    CHECK(w.version == (w.id == "consumer_return" ? 2 : 1));
  }
}

TEST_CASE("automatic assignment and automatic actions") {
  EngineFixture f;
  CHECK(f.engine.create_case(f.op, complaint_draft(ComplaintCategory::transport)).team == "logistics");
  CHECK(f.engine.create_case(f.op, complaint_draft(ComplaintCategory::quality)).team == "quality");
  CaseDraft named = complaint_draft(ComplaintCategory::transport);
  named.team = "claims";
  CHECK(f.engine.create_case(f.op, named).team == "claims");  // a team the draft names stays

  WorkflowConfig config = default_workflow_config();
  AutomaticAction start;
  start.name = "gold_first";
  start.when.kinds = {CaseKind::complaint};
  start.when.customer_tiers = {"gold"};
  start.transition = "start";
  config.automatic_actions.push_back(start);
  f.engine.configure_workflows(f.admin, config);

  Case gold = f.engine.create_case(f.op, complaint_draft(ComplaintCategory::quality, "C1"));
  CHECK(gold.status == "in_progress");
  auto moved = events_of_type(f.engine, f.op, gold.id, "case.transitioned");
  REQUIRE(moved.size() == 1);
  CHECK(moved[0].actor == "system:auto:gold_first");
  Case plain = f.engine.create_case(f.op, complaint_draft(ComplaintCategory::quality, "C2"));
  CHECK(plain.status == "new");
  CHECK(f.engine.replay_case(f.op, gold.id).version == gold.version);
}

TEST_CASE("an automatic action with a value guard accepts a gold customer's small complaint, as system") {
  EngineFixture f;
  // Cables at 10.00 EUR, sold to C1 (tier gold) and to C2 (no tier).
  const char* const sales =
      R"({"id":"INV-C1","date":"2026-02-01","customer_id":"C1","channel":"b2b","currency":"EUR",)"
      R"("lines":[{"sku":"CABLE-2","quantity":20,"unit_price":1000,"vat_rate_bp":2200}]})"
      "\n"
      R"({"id":"INV-C2","date":"2026-02-01","customer_id":"C2","channel":"b2b","currency":"EUR",)"
      R"("lines":[{"sku":"CABLE-2","quantity":20,"unit_price":1000,"vat_rate_bp":2200}]})"
      "\n";
  REQUIRE(f.engine.import_run(f.op, ImportKind::sales_documents, ImportFormat::jsonl, sales).rows_rejected == 0);
  json config = json::parse(workflow_config_to_json(default_workflow_config()));
  config["automatic_actions"] = json::parse(R"([{"name": "accept_small", "transition": "accept",
    "when": {"kinds": ["complaint"], "customer_tiers": ["gold"]}, "states": ["in_progress"],
    "guards": [{"guard": "value_below", "amount": "50.00 EUR"}]}])");
  f.engine.configure_workflows(f.admin, workflow_config_from_json(config.dump()));

  auto start = [&](const std::string& customer, std::int64_t cables) {
    CaseDraft d;
    d.kind = CaseKind::complaint;
    d.category = ComplaintCategory::quality;
    d.channel = Channel::b2b;
    d.customer_id = customer;
    LineDraft l;
    l.sku = "CABLE-2";
    l.sales_document = {"INV-" + customer, 1};
    l.quantity = cables;
    l.reason_code = "frayed";
    d.lines = {l};
    Case c = f.engine.create_case(f.op, d);
    // The frayed cables arrived: a goodwill credit has something to refund.
    CasePatch received;
    received.resolution = Resolution::goodwill;
    LinePatch lp;
    lp.line_no = 1;
    lp.qty_received = cables;
    received.lines.push_back(lp);
    f.engine.update_case(f.op, c.id, received);
    return f.engine.transition_case(f.op, c.id, "start");
  };
  // 40.00 EUR is below the threshold: accepted by the system right after the operator's start.
  Case below = start("C1", 4);
  CHECK(below.status == "accepted");
  auto moved = events_of_type(f.engine, f.op, below.id, "case.transitioned");
  REQUIRE(moved.size() == 2);
  CHECK(moved[0].actor == "operator:anna");
  CHECK(moved[1].actor == "system:auto:accept_small");
  json data = json::parse(moved[1].data);
  CHECK(data["transition"] == "accept");
  // The action's own guard is recorded with the transition's.
  const json& guards = data["guards"];
  CHECK(std::any_of(guards.begin(), guards.end(),
                    [](const json& g) { return g["guard"] == "value_below" && g["passed"] == true; }));
  CHECK(api::to_json_value(f.engine.replay_case(f.op, below.id)) == api::to_json_value(f.engine.get_case(f.op, below.id)));
  // At the threshold, above it, or for a customer of another tier: nothing runs by itself.
  for (const auto& [customer, cables] : {std::pair<const char*, std::int64_t>{"C1", 5}, {"C1", 6}, {"C2", 1}}) {
    const char* const customer_ = customer;  // clang < 16 cannot capture a structured binding
    const std::int64_t cables_ = cables;
    CAPTURE(customer_);
    CAPTURE(cables_);
    const Case c = start(customer, cables);
    CHECK(c.status == "in_progress");
    CHECK(events_of_type(f.engine, f.op, c.id, "case.transitioned").size() == 1);
  }
}

TEST_CASE("the workflow and the assignment are chosen by the case's channel when it opens") {
  EngineFixture f;
  WorkflowConfig config = default_workflow_config();
  Workflow trade = *std::find_if(config.workflows.begin(), config.workflows.end(),
                                 [](const Workflow& w) { return w.id == "consumer_return"; });
  trade.id = "trade_return";
  trade.name = "Trade return";
  trade.applies_to = CaseMatch{};
  trade.applies_to.kinds = {CaseKind::return_};
  trade.applies_to.channels = {Channel::b2b, Channel::retail_chain};
  config.workflows.insert(config.workflows.begin(), trade);  // the first that applies wins
  AssignmentRule desk;
  desk.when.kinds = {CaseKind::return_};
  desk.when.channels = {Channel::retail_chain};
  desk.team = "key_accounts";
  config.assignment.insert(config.assignment.begin(), desk);
  f.engine.configure_workflows(f.admin, config);

  CaseDraft d = EngineFixture::two_line_draft();
  const Case consumer = f.engine.create_case(f.op, d);
  CHECK(consumer.workflow == "consumer_return");
  CHECK(consumer.team == "returns");
  d.channel = Channel::b2b;
  const Case b2b = f.engine.create_case(f.op, d);
  CHECK(b2b.workflow == "trade_return");
  CHECK(b2b.team == "returns");
  d.channel = Channel::retail_chain;
  const Case chain = f.engine.create_case(f.op, d);
  CHECK(chain.workflow == "trade_return");
  CHECK(chain.team == "key_accounts");
  CHECK(f.engine.transition_case(f.op, chain.id, "authorize").status == "authorized");
}

TEST_CASE("permissions: refused history reads and outbox posts are counted in the security log, not the case") {
  EngineFixture f;
  f.add_suppliers();
  CaseDraft d = EngineFixture::two_line_draft();
  d.supplier_id = "S1";
  const Case c = f.engine.create_case(f.op, d);
  const Actor stranger{Role::customer, "C2"};
  const Actor supplier{Role::supplier, "S1"};
  CHECK(reason_of([&] { f.engine.history(stranger, c.id); }) == "role_not_allowed");
  CHECK(reason_of([&] { f.engine.history(supplier, c.id); }) == "role_not_allowed");
  CHECK(reason_of([&] { f.engine.outbox_post(f.customer, c.id, "credit_note_request", "{}"); }) ==
        "role_not_allowed");
  // Commands these roles may never run: counted per actor, nothing on the case; the case is named
  // for those with a claim on it.
  CHECK(events_of_type(f.engine, f.op, c.id, "access.denied").empty());
  const auto last_case_of = [&](const char* actor) {
    const std::vector<SecurityLogEntry> log = f.engine.security_log(f.op, actor);
    REQUIRE(log.size() == 1);
    CHECK(log[0].reason == "role_not_allowed");
    return log[0].last_case_id;
  };
  CHECK(last_case_of("customer:C2") == 0);
  CHECK(last_case_of("supplier:S1") == c.id);
  CHECK(last_case_of("customer:C1") == c.id);
  CHECK(f.engine.outbox_fetch(f.admin).empty());
  // No case with that id: refused all the same, with no case to record it on.
  const std::int64_t seq = f.event_count();
  CHECK(reason_of([&] { f.engine.history(stranger, c.id + 100); }) == "role_not_allowed");
  CHECK(f.event_count() == seq);
}

TEST_CASE("host guards: a callback decides, with its message; a throwing guard refuses") {
  EngineFixture f;
  int calls = 0;
  f.engine.add_workflow_guard("credit_ok", [&](const GuardInput& in) {
    ++calls;
    CHECK(in.transition == "authorize");
    if (in.case_.priority == Priority::urgent) throw Error(Status::invalid_argument, "x", "the ERP is down");
    return GuardOutcome{in.case_.customer_id != "C2", "customer over credit limit"};
  });
  CHECK(status_of([&] { f.engine.add_workflow_guard("value_below", [](const GuardInput&) { return GuardOutcome{}; }); }) ==
        Status::duplicate);
  WorkflowConfig config = default_workflow_config();
  for (Workflow& w : config.workflows) {
    for (WorkflowTransition& t : w.transitions) {
      if (t.name == "authorize") t.guards.push_back(WorkflowRule{"credit_ok", "{}"});
    }
  }
  f.engine.configure_workflows(f.admin, config);
  Case good = f.engine.create_case(f.op, EngineFixture::two_line_draft("C1"));
  Case bad = f.engine.create_case(f.op, EngineFixture::two_line_draft("C2"));
  CHECK(f.engine.transition_case(f.op, good.id, "authorize").status == "authorized");
  try {
    f.engine.transition_case(f.op, bad.id, "authorize");
    FAIL("the host guard refuses");
  } catch (const Error& e) {
    CHECK(e.status() == Status::transition_denied);
    CHECK(std::string(e.what()).find("customer over credit limit") != std::string::npos);
  }
  CasePatch urgent;
  urgent.priority = Priority::urgent;
  f.engine.update_case(f.op, good.id, urgent);
  Case third = f.engine.create_case(f.op, EngineFixture::two_line_draft("C1"));
  f.engine.update_case(f.op, third.id, urgent);
  CHECK(status_of([&] { f.engine.transition_case(f.op, third.id, "authorize"); }) == Status::transition_denied);
  CHECK(calls >= 3);

  // Configuring a guard nobody registered is refused.
  Engine plain = Engine::open(":memory:");
  CHECK(status_of([&] { plain.configure_workflows(Actor{Role::system, "setup"}, config); }) == Status::unknown_value);
}

TEST_CASE("effects: set_field, assign, expected completion in business days, SLA clocks") {
  EngineFixture f;
  f.now = at("2026-03-13T10:00:00Z");  // a Friday
  WorkflowConfig config = default_workflow_config();
  for (Workflow& w : config.workflows) {
    for (WorkflowTransition& t : w.transitions) {
      if (t.name != "authorize") continue;
      t.effects.push_back(WorkflowRule{"assign", R"({"assignee":"marco","team":"warehouse"})"});
      t.effects.push_back(WorkflowRule{"set_field", R"({"field":"priority","value":"high"})"});
      t.effects.push_back(WorkflowRule{"set_field", R"({"field":"custom_fields.rma_label","value":"printed"})"});
      t.effects.push_back(WorkflowRule{"set_expected_completion", R"({"days":1,"business_days":true})"});
      t.effects.push_back(WorkflowRule{"sla_pause", R"({"clock":"first_response"})"});
      t.effects.push_back(WorkflowRule{"sla_stop", R"({"clock":"next_update"})"});
      t.effects.push_back(WorkflowRule{"notify", R"({"template":"label_ready","to":["assignee","supplier","team"]})"});
    }
  }
  f.engine.configure_workflows(f.admin, config);
  Case c = f.engine.create_case(f.op, EngineFixture::two_line_draft());
  c = f.engine.transition_case(f.op, c.id, "authorize");
  CHECK(c.assignee == "marco");
  CHECK(c.team == "warehouse");
  CHECK(c.priority == Priority::high);
  CHECK(json::parse(c.custom_fields)["rma_label"] == "printed");
  REQUIRE(c.expected_completion.has_value());
  CHECK(*c.expected_completion == Date::from_iso("2026-03-16"));  // Friday + 1 business day = Monday
  json data = json::parse(events_of_type(f.engine, f.op, c.id, "case.transitioned").at(0).data);
  // The default authorize starts the resolution clock; the added effects follow it, in order.
  CHECK(data["sla"] == json::parse(R"([{"clock": "resolution", "action": "start"},
                                       {"clock": "first_response", "action": "pause"},
                                       {"clock": "next_update", "action": "stop"}])"));
  CHECK(data["changes"]["assignee"]["after"] == "marco");
  // Notifications go out after the effects, to the recipients the case has (no supplier here).
  const auto notices = events_of_type(f.engine, f.op, c.id, "notification.requested");
  REQUIRE(notices.size() == 2);
  CHECK(json::parse(notices[0].data)["template"] == "return_authorized");
  const json notice = json::parse(notices[1].data);
  CHECK(notice["template"] == "label_ready");
  CHECK(notice["to"] == json::array({"operator:marco", "team:warehouse"}));
  CHECK(f.engine.replay_case(f.op, c.id).expected_completion == c.expected_completion);
}

TEST_CASE("repair operations drive the warranty repair workflow") {
  EngineFixture f;
  f.add_suppliers();
  CaseDraft d = EngineFixture::two_line_draft();
  d.kind = CaseKind::repair;
  d.lines.pop_back();  // just the phone
  Case c = f.engine.create_case(f.op, d);
  CHECK(c.status == "received");
  CHECK(c.team == "service");
  c = f.engine.transition_case(f.op, c.id, "start_diagnosis");
  CHECK(status_of([&] { f.engine.transition_case(f.op, c.id, "repair_in_house"); }) == Status::transition_denied);
  c = f.engine.check_case_line(f.op, c.id, 1);
  c = f.engine.transition_case(f.op, c.id, "repair_in_house");
  CHECK(status_of([&] { f.engine.transition_case(f.op, c.id, "mark_repaired"); }) == Status::transition_denied);

  RepairOperationDraft screen;
  screen.line_no = 1;
  screen.code = "REPLACE_SCREEN";
  screen.labour_class = "technician";
  screen.minutes = 45;
  screen.parts.push_back(PartUse{"SCREEN-6", 1, 4500, "EUR"});
  c = f.engine.add_repair(f.op, c.id, screen);
  REQUIRE(c.repairs.size() == 1);
  CHECK(c.repairs[0].status == RepairStatus::planned);
  CHECK(status_of([&] { f.engine.transition_case(f.op, c.id, "mark_repaired"); }) == Status::transition_denied);
  c = f.engine.set_repair_status(f.op, c.id, c.repairs[0].id, RepairStatus::done);
  CHECK(status_of([&] { f.engine.set_repair_status(f.op, c.id, c.repairs[0].id, RepairStatus::planned); }) ==
        Status::conflict);
  c = f.engine.transition_case(f.op, c.id, "mark_repaired");
  CHECK(c.status == "repaired");

  RepairOperationDraft bad = screen;
  bad.parts[0].quantity = 0;
  try {
    f.engine.add_repair(f.op, c.id, bad);
    FAIL("quantity 0");
  } catch (const Error& e) {
    CHECK(e.status() == Status::out_of_range);
    CHECK(e.field() == "parts[0].quantity");
  }
  bad = screen;
  bad.line_no = 9;
  CHECK(status_of([&] { f.engine.add_repair(f.op, c.id, bad); }) == Status::not_found);
  CHECK(status_of([&] { f.engine.add_repair(f.customer, c.id, screen); }) == Status::permission_denied);

  Case replayed = f.engine.replay_case(f.op, c.id);
  CHECK(api::to_json_value(replayed) == api::to_json_value(f.engine.get_case(f.op, c.id)));
}

TEST_CASE("the status changes only through transitions") {
  EngineFixture f;
  Case c = f.engine.create_case(f.op, EngineFixture::two_line_draft());
  JsonApi api(f.engine);
  try {
    api.call("operator:anna", "case.update",
             json{{"case_id", c.id}, {"changes", {{"status", "closed"}}}}.dump());
    FAIL("status in a patch");
  } catch (const Error& e) {
    CHECK(e.status() == Status::invalid_argument);
    CHECK(e.field() == "changes.status");
  }
}

// Random actors run random transitions and random preparations on every default workflow, for
// each channel the workflow meets and each complaint category: the case always stands in a
// state of its workflow, a refused command changes nothing, a transition runs only for a role it
// lists, a decided case changes only by an admin, a final state is left only by an admin's
// reopen in that very step, another customer never gets anything done, and replaying the history
// rebuilds the case.
TEST_CASE("random walks over every default workflow never reach an inconsistent state") {
  std::mt19937 rng(20261125);
  const std::vector<Actor> actors = {{Role::admin, "root"},       {Role::operator_, "anna"}, {Role::customer, "C1"},
                                     {Role::customer, "C2"},      {Role::supplier, "S1"},    {Role::system, "erp"}};
  const Resolution resolutions[] = {Resolution::refund, Resolution::replace,  Resolution::repair,
                                    Resolution::reject, Resolution::goodwill, Resolution::credit_note};
  EngineFixture f;
  Supplier s1;
  s1.id = "S1";
  s1.name = "Supplier";
  f.engine.upsert_supplier(f.admin, s1);
  struct Start {
    CaseKind kind;
    ComplaintCategory category;
    Channel channel;
  };
  const Start starts[] = {{CaseKind::return_, ComplaintCategory::none, Channel::b2c},
                          {CaseKind::return_, ComplaintCategory::none, Channel::retail_chain},
                          {CaseKind::repair, ComplaintCategory::none, Channel::supplier},
                          {CaseKind::repair, ComplaintCategory::none, Channel::b2c},
                          {CaseKind::repair, ComplaintCategory::none, Channel::b2b},
                          {CaseKind::complaint, ComplaintCategory::transport, Channel::b2b},
                          {CaseKind::complaint, ComplaintCategory::quality, Channel::b2c},
                          {CaseKind::complaint, ComplaintCategory::quantity, Channel::retail_chain},
                          {CaseKind::customization, ComplaintCategory::none, Channel::b2b}};
  int transitions_done = 0;
  int reopens = 0;
  int locked_refusals = 0;
  for (const Start& start : starts) {
    for (int walk = 0; walk < 12; ++walk) {
      CaseDraft d = EngineFixture::two_line_draft();
      d.kind = start.kind;
      d.category = start.category;
      d.channel = start.channel;
      if (start.kind == CaseKind::repair) d.supplier_id = "S1";  // sent to S1, whatever the channel
      Case c = f.engine.create_case(f.op, d);
      const Workflow wf = f.engine.workflow(f.op, c.workflow, c.workflow_version);
      for (int step = 0; step < 25; ++step) {
        const Actor& by = actors[rng() % actors.size()];
        const Case before = f.engine.get_case(f.admin, c.id);
        const auto& was = *std::find_if(wf.states.begin(), wf.states.end(),
                                        [&](const WorkflowState& st) { return st.name == before.status; });
        Status result = Status::ok;
        bool reopened = false;
        const WorkflowTransition* ran = nullptr;
        switch (rng() % 6) {
          case 0: {  // prepare: receive and inspect everything
            result = status_of([&] { receive_and_inspect(f.engine, by, before); });
            break;
          }
          case 1:
            result = status_of([&] { choose(f.engine, by, c.id, resolutions[rng() % 6]); });
            break;
          case 2:
            result = status_of([&] {
              RepairOperationDraft r;
              r.code = "FIX";
              Case after = f.engine.add_repair(by, c.id, r);
              f.engine.set_repair_status(by, c.id, after.repairs.back().id, RepairStatus::done);
            });
            break;
          case 3:
            result = status_of([&] { f.engine.check_case_line(by, c.id, 1); });
            break;
          case 4:
            if (was.final || before.decision_locked) {
              result = status_of([&] {
                const WorkflowState& to = wf.states[rng() % wf.states.size()];
                f.engine.reopen_case(by, c.id, to.name, "walk");
              });
              reopened = result == Status::ok;
              reopens += reopened ? 1 : 0;
              break;
            }
            [[fallthrough]];
          default: {
            // Mostly a transition leaving the current state, sometimes any (which must be refused).
            std::vector<const WorkflowTransition*> leaving;
            for (const WorkflowTransition& t : wf.transitions) {
              if (std::find(t.from.begin(), t.from.end(), before.status) != t.from.end()) leaving.push_back(&t);
            }
            const WorkflowTransition& t = leaving.empty() || rng() % 5 == 0 ? wf.transitions[rng() % wf.transitions.size()]
                                                                             : *leaving[rng() % leaving.size()];
            try {
              f.engine.transition_case(by, c.id, t.name);
            } catch (const Error& e) {
              result = e.status();
              if (e.reason() == "decision_locked") ++locked_refusals;
            }
            if (result == Status::ok) {
              ++transitions_done;
              ran = &t;
            }
          }
        }
        const Case after = f.engine.get_case(f.admin, c.id);
        if (result != Status::ok) {
          // A refused command changes nothing (a reopen and repair pair may have half-run: the
          // repair add committed before its status change was refused).
          if (after.repairs.size() == before.repairs.size()) CHECK(after.version == before.version);
        }
        auto state = std::find_if(wf.states.begin(), wf.states.end(),
                                  [&](const WorkflowState& st) { return st.name == after.status; });
        REQUIRE(state != wf.states.end());
        if (was.final && after.status != before.status) CHECK(reopened);
        if (reopened) CHECK(by.role == Role::admin);
        if (state->locks_decision) CHECK(after.decision_locked);
        if (before.decision_locked && after.resolution != before.resolution) CHECK(by.role == Role::admin);
        if (before.decision_locked && !after.decision_locked) CHECK(by.role == Role::admin);
        // Another customer's case is refused for the role, or answers as a missing case.
        if (by.role == Role::customer && by.id == "C2") {
          CHECK((result == Status::permission_denied || result == Status::not_found));
        }
        if (ran) {
          const bool listed = std::find(ran->roles.begin(), ran->roles.end(), by.role) != ran->roles.end();
          CHECK((listed || by.role == Role::admin || by.role == Role::system));
          if (before.decision_locked && by.role != Role::admin) CHECK(state->category == StateCategory::closed);
        }
      }
      CHECK(api::to_json_value(f.engine.replay_case(f.admin, c.id)) ==
            api::to_json_value(f.engine.get_case(f.admin, c.id)));
    }
  }
  CHECK(transitions_done > 80);
  CHECK(reopens > 0);
  CHECK(locked_refusals > 0);
}

TEST_CASE("workflow versions: another engine on the same file follows a new configuration") {
  rma_test::TempDb db;
  EngineFixture a(db.path);
  Engine b = Engine::open(db.path);
  const Actor op{Role::operator_, "luca"};
  CHECK(b.create_case(op, EngineFixture::two_line_draft()).workflow_version == 1);
  a.engine.configure_workflows(a.admin, with_extra_state());
  Case later = b.create_case(op, EngineFixture::two_line_draft());
  CHECK(later.workflow_version == 2);
  CHECK(b.transition_case(op, later.id, "hold").status == "on_hold");
  // And the first engine reads the other's transition and its history.
  CHECK(a.engine.get_case(a.op, later.id).status == "on_hold");
  CHECK(a.engine.replay_case(a.op, later.id).version == later.version + 1);
}
