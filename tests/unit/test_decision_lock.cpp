// A decision is final: once a case is decided, nothing it was decided on (quantities, inspection,
// claimed amount, resolution, repairs, the units a split moves, the supplier coverage of a
// verdict) changes until an admin reopens it, and its valuation stays the one it was decided with.
#include <doctest/doctest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "domain/decision_lock.hpp"
#include "valuation_fixture.hpp"

using namespace rma;
using nlohmann::json;
using rma_test::total;
using rma_test::ValuationFixture;

namespace {

// One mug of 9.90 EUR net at 22 % VAT: refunded whole, 12.08 EUR.
const char* const kMugSale =
    R"({"id":"INV-30","date":"2026-02-01","customer_id":"C1","channel":"b2c","currency":"EUR","lines":[)"
    R"({"sku":"MUG","quantity":1,"unit_price":990,"vat_rate_bp":2200}]})"
    "\n";

struct LockFixture : ValuationFixture {
  LockFixture() {
    REQUIRE(engine.import_run(op, ImportKind::sales_documents, ImportFormat::jsonl, kMugSale).rows_rejected == 0);
  }

  // The mug returned, received, inspected and refunded: decided.
  Case refunded() {
    CaseDraft d;
    d.customer_id = "C1";
    LineDraft mug;
    mug.sales_document = {"INV-30", 1};
    mug.reason_code = "defective";
    d.lines = {mug};
    Case c = engine.create_case(op, d);
    c = engine.transition_case(op, c.id, "authorize");
    c = receive(c);
    for (const char* t : {"receive", "inspect"}) c = engine.transition_case(op, c.id, t);
    c = choose(c, Resolution::refund);
    c = engine.transition_case(op, c.id, "refund");
    REQUIRE(c.decision_locked);
    REQUIRE(total(c, "refund") == "12.08 EUR");
    return c;
  }

  // The field `f` is refused at, with decision_locked, and case `c` unchanged; "" if it passes.
  std::string locked_field(const Case& c, const std::function<void()>& f) {
    try {
      f();
    } catch (const Error& e) {
      CHECK(e.status() == Status::permission_denied);
      CHECK(e.reason() == "decision_locked");
      const Case after = engine.get_case(admin, c.id);
      CHECK(after.version == c.version);
      CHECK(after.valuation == c.valuation);
      return e.field();
    }
    return std::string();
  }
};

LinePatch line1() {
  LinePatch lp;
  lp.line_no = 1;
  return lp;
}

CasePatch with_line(const LinePatch& lp) {
  CasePatch p;
  p.lines.push_back(lp);
  return p;
}

}  // namespace

TEST_CASE("decision lock: a refunded case keeps its quantities and its 12.08 EUR; an admin's reopen lifts the lock") {
  LockFixture f;
  Case c = f.refunded();
  {
    // Before a decision the same change is allowed.
    CaseDraft d;
    d.customer_id = "C1";
    LineDraft mug;
    mug.sku = "MUG";
    mug.reason_code = "defective";
    d.lines = {mug};
    const Case open = f.receive(f.engine.create_case(f.op, d));
    LinePatch none = line1();
    none.qty_received = 0;
    CHECK(f.engine.update_case(f.op, open.id, with_line(none)).lines[0].qty_received == 0);
  }
  // The issue's finding: setting the received or accepted units to 0 after the refund.
  for (const Actor& by : {f.op, f.admin}) {
    CAPTURE(by.to_string());
    LinePatch none = line1();
    none.qty_received = 0;
    CHECK(f.locked_field(c, [&] { f.engine.update_case(by, c.id, with_line(none)); }) ==
          "changes.lines[0].qty_received");
    LinePatch accepted = line1();
    accepted.qty_accepted = 0;  // what it is: no change, so allowed
    CHECK(f.locked_field(c, [&] { f.engine.update_case(by, c.id, with_line(accepted)); }).empty());
    accepted.qty_accepted = 1;
    CHECK(f.locked_field(c, [&] { f.engine.update_case(by, c.id, with_line(accepted)); }) ==
          "changes.lines[0].qty_accepted");
  }
  CHECK(total(f.engine.get_case(f.op, c.id), "refund") == "12.08 EUR");

  c = f.engine.reopen_case(f.admin, c.id, "inspected", "the customer kept the mug");
  CHECK_FALSE(c.decision_locked);
  LinePatch none = line1();
  none.qty_received = 0;
  c = f.engine.update_case(f.op, c.id, with_line(none));
  CHECK(c.lines[0].qty_received == 0);
  CHECK(total(c, "refund") == "0.00 EUR");
}

TEST_CASE("decision lock: every member the decision rests on is refused, naming its field; the rest stays free") {
  LockFixture f;
  const Case c = f.refunded();
  struct Member {
    const char* field;
    std::function<void(LinePatch&)> set;
  };
  const Member locked[] = {
      {"qty_authorized", [](LinePatch& lp) { lp.qty_authorized = 1; }},
      {"qty_received", [](LinePatch& lp) { lp.qty_received = 0; }},
      {"qty_accepted", [](LinePatch& lp) { lp.qty_accepted = 1; }},
      {"reason_code", [](LinePatch& lp) { lp.reason_code = "changed_mind"; }},
      {"condition", [](LinePatch& lp) { lp.condition = "scrap"; }},
      {"void_conditions", [](LinePatch& lp) { lp.void_conditions = std::vector<std::string>{"physical_damage"}; }},
      {"unused", [](LinePatch& lp) { lp.unused = false; }},
      {"original_packaging", [](LinePatch& lp) { lp.original_packaging = false; }},
      {"accessories_complete", [](LinePatch& lp) { lp.accessories_complete = false; }},
      {"claimed_amount", [](LinePatch& lp) { lp.claimed_amount = std::optional<Money>(Money{100, "EUR"}); }},
  };
  for (const Member& m : locked) {
    CAPTURE(m.field);
    LinePatch lp = line1();
    m.set(lp);
    CasePatch p;
    p.priority = Priority::high;  // a free member in the same patch does not carry it through
    p.lines.push_back(lp);
    CHECK(f.locked_field(c, [&] { f.engine.update_case(f.op, c.id, p); }) ==
          std::string("changes.lines[0].") + m.field);
  }
  CasePatch resolution;
  resolution.resolution = Resolution::reject;
  CHECK(f.locked_field(c, [&] { f.engine.update_case(f.admin, c.id, resolution); }) == "changes.resolution");

  // Repairs and splits change what the case is worth too.
  RepairOperationDraft glue;
  glue.line_no = 1;
  glue.code = "GLUE";
  CHECK(f.locked_field(c, [&] { f.engine.add_repair(f.op, c.id, glue); }) == "repairs");
  SplitRequest split;
  split.lines.push_back({1, 1});
  CHECK(f.locked_field(c, [&] { f.engine.split_case(f.op, c.id, split); }) == "lines");

  // Free: case-level staff fields, the defect text, the replacement serial, notes, attachments, actions.
  CasePatch free;
  free.priority = Priority::urgent;
  free.assignee = "marco";
  free.team = "returns-2";
  free.root_cause = "handle glued badly";
  free.custom_fields = R"({"carrier": "GLS"})";
  free.expected_completion = std::optional<Date>(Date::from_iso("2026-04-01"));
  LinePatch text = line1();
  text.defect_description = "handle came off";
  text.replacement_serial = "MUG-REPL-1";
  free.lines.push_back(text);
  Case changed = f.engine.update_case(f.op, c.id, free);
  CHECK(changed.root_cause == "handle glued badly");
  CHECK(changed.lines[0].replacement_serial == "MUG-REPL-1");
  changed = f.engine.add_note(f.op, c.id, NoteDraft{Visibility::internal, "credit note sent"});
  changed = f.engine.add_action(f.op, c.id, ActionDraft{"Archive the mug", "anna", std::nullopt});
  CHECK(changed.valuation == c.valuation);
}

TEST_CASE("decision lock: a repair's operations and statuses are fixed once it is shipped back") {
  LockFixture f;
  Case c = f.engine.check_case_line(f.op, f.open_repair().id, 1);
  RepairOperationDraft screen;
  screen.line_no = 1;
  screen.code = "SCREEN";
  screen.labour_class = "standard";
  screen.minutes = 45;
  c = f.engine.add_repair(f.op, c.id, screen);  // before the decision: allowed
  const std::int64_t done_id = c.repairs.back().id;
  c = f.engine.add_repair(f.op, c.id, screen);
  const std::int64_t spare_id = c.repairs.back().id;
  for (const char* t : {"start_diagnosis", "repair_in_house"}) c = f.engine.transition_case(f.op, c.id, t);
  c = f.engine.set_repair_status(f.op, c.id, done_id, RepairStatus::done);
  c = f.engine.set_repair_status(f.op, c.id, spare_id, RepairStatus::cancelled);
  c = f.engine.transition_case(f.op, c.id, "mark_repaired");
  c = f.choose(c, Resolution::repair);
  c = f.engine.transition_case(f.op, c.id, "ship_back");
  REQUIRE(c.decision_locked);
  CHECK(f.locked_field(c, [&] { f.engine.add_repair(f.op, c.id, screen); }) == "repairs");
  // A status it already has changes nothing; another is refused (here before the done/cancelled rule).
  c = f.engine.set_repair_status(f.op, c.id, done_id, RepairStatus::done);
  CHECK(f.locked_field(c, [&] { f.engine.set_repair_status(f.op, c.id, done_id, RepairStatus::cancelled); }) ==
        "status");
  // Checking the line again gives the same supplier coverage: allowed.
  c = f.engine.check_case_line(f.op, c.id, 1);
  CHECK(c.decision_locked);
}

TEST_CASE("decision lock: a new warranty verdict may not change the supplier coverage a decision was valued with") {
  LockFixture f;
  CaseDraft d;
  d.customer_id = "C1";
  LineDraft phone;
  phone.serial = "SN-500";  // within supplier S1's coverage, once checked
  phone.reason_code = "defective";
  d.lines = {phone};
  Case c = f.engine.create_case(f.op, d);
  c = f.engine.transition_case(f.op, c.id, "authorize");
  c = f.receive(c);
  for (const char* t : {"receive", "inspect"}) c = f.engine.transition_case(f.op, c.id, t);
  c = f.choose(c, Resolution::refund);
  c = f.engine.transition_case(f.op, c.id, "refund");
  REQUIRE(total(c, "supplier_recovery") == "0.00 EUR");  // never checked: not recovered
  CHECK(f.locked_field(c, [&] { f.engine.check_case_line(f.op, c.id, 1); }) == "line_no");
  c = f.engine.reopen_case(f.admin, c.id, "inspected", "check the warranty");
  c = f.engine.check_case_line(f.op, c.id, 1);
  CHECK(total(c, "supplier_recovery") == "400.00 EUR");
}

TEST_CASE("decision lock: a decided case keeps the valuation it was decided with when rules or time move on") {
  LockFixture f;
  const Case c = f.refunded();
  // A 50 % fee on everything, configured after the decision.
  f.engine.configure_valuation(f.admin, valuation_rules_from_json(R"({"restocking_fees": [{"percent_bp": 5000}]})"));
  f.now = rma_test::at("2027-06-01T09:00:00Z");
  Case later = f.engine.add_note(f.op, c.id, NoteDraft{Visibility::internal, "audit"});
  CHECK(later.valuation == c.valuation);
  later = f.engine.transition_case(f.op, c.id, "close");
  CHECK(later.valuation == c.valuation);
  // What-if valuations still show the rules in force.
  CHECK(format_money(f.engine.valuation(f.op, c.id).totals.at(0).refund) == "6.04 EUR");
  // Reopened, it is valued again.
  later = f.engine.reopen_case(f.admin, c.id, "inspected", "new rules");
  CHECK(total(later, "refund") == "6.04 EUR");
}

TEST_CASE("decision lock, domain: only members that change something count, in patch order") {
  Case c;
  c.resolution = Resolution::refund;
  CaseLine l;
  l.line_no = 2;
  l.qty_requested = l.qty_received = 3;
  l.condition = "as_new";
  c.lines.push_back(l);
  CasePatch same;
  same.resolution = Resolution::refund;
  LinePatch lp;
  lp.line_no = 2;
  lp.qty_received = 3;
  lp.condition = "as_new";
  lp.defect_description = "scratched";
  same.lines.push_back(lp);
  CHECK_FALSE(domain::locked_patch_member(c, same));
  LinePatch other;
  other.line_no = 2;
  other.unused = true;  // unknown before: a change
  same.lines.push_back(other);
  CHECK(domain::locked_patch_member(c, same) == std::optional<std::string>("changes.lines[1].unused"));
  CHECK(domain::verdict_changes_value("", R"({"supplier_recoverable": true})"));
  CHECK_FALSE(domain::verdict_changes_value(R"({"supplier_recoverable": false})", ""));
  Case decided = c;
  decided.decision_locked = true;
  CHECK(domain::keeps_valuation(decided, false));
  CHECK_FALSE(domain::keeps_valuation(decided, true));  // the decision itself is valued
  CHECK_FALSE(domain::keeps_valuation(c, false));
}
