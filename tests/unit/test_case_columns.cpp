// store/case_columns: an update names exactly the columns a command changed, so a column left out
// of the comparison would be a change never written. One test per column, both sides: changed,
// and equal again.
#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <vector>

#include "engine_fixture.hpp"
#include "store/case_columns.hpp"

using namespace rma;
using store::CaseColumn;

TEST_CASE("case columns: each field a command may change sets its own bit, and only it") {
  const Case before = [] {
    Case c;
    c.status = "requested";
    c.custom_fields = "{}";
    return c;
  }();
  const std::vector<std::pair<CaseColumn, std::function<void(Case&)>>> changes = {
      {CaseColumn::kind, [](Case& c) { c.kind = CaseKind::complaint; }},
      {CaseColumn::category, [](Case& c) { c.category = ComplaintCategory::quality; }},
      {CaseColumn::channel, [](Case& c) { c.channel = Channel::b2b; }},
      {CaseColumn::customer_id, [](Case& c) { c.customer_id = "C2"; }},
      {CaseColumn::supplier_id, [](Case& c) { c.supplier_id = "S1"; }},
      {CaseColumn::purchased_elsewhere, [](Case& c) { c.purchased_elsewhere = true; }},
      {CaseColumn::priority, [](Case& c) { c.priority = Priority::high; }},
      {CaseColumn::assignee, [](Case& c) { c.assignee = "anna"; }},
      {CaseColumn::team, [](Case& c) { c.team = "returns"; }},
      {CaseColumn::status, [](Case& c) { c.status = "authorized"; }},
      {CaseColumn::expected_completion, [](Case& c) { c.expected_completion = Date::from_iso("2026-03-20"); }},
      {CaseColumn::resolution, [](Case& c) { c.resolution = Resolution::refund; }},
      {CaseColumn::root_cause, [](Case& c) { c.root_cause = "battery"; }},
      {CaseColumn::custom_fields, [](Case& c) { c.custom_fields = R"({"a":1})"; }},
      {CaseColumn::workflow, [](Case& c) { c.workflow = "consumer_return"; }},
      {CaseColumn::workflow_version, [](Case& c) { c.workflow_version = 2; }},
      {CaseColumn::status_since, [](Case& c) { c.status_since = Timestamp{1}; }},
      {CaseColumn::decision_locked, [](Case& c) { c.decision_locked = true; }},
  };
  REQUIRE(changes.size() == static_cast<std::size_t>(CaseColumn::count));
  std::uint32_t all = 0;
  for (const auto& [column, change] : changes) {
    const std::string name = store::case_column_name(column);  // clang cannot capture a binding
    CAPTURE(name);
    Case after = before;
    change(after);
    CHECK(store::changed_case_columns(before, after) == store::bit(column));
    CHECK(store::changed_case_columns(after, after) == 0);
    all |= store::bit(column);
  }
  CHECK(all == store::kAllCaseColumns);
  // What the row keeps besides: time and version always, not the number, id or creation time.
  Case after = before;
  after.version = 9;
  after.updated_at = Timestamp{5};
  CHECK(store::changed_case_columns(before, after) == 0);
}

TEST_CASE("case columns: the update names the changed columns, then time, version, and the key") {
  const std::uint32_t two = store::bit(CaseColumn::status) | store::bit(CaseColumn::status_since);
  CHECK(store::case_update_sql(two, false) ==
        "UPDATE cases SET status=?, status_since=?, updated_at=?, version=? WHERE id=? AND version=? AND "
        "deleted_at IS NULL");
  CHECK(store::case_update_sql(0, true) ==
        "UPDATE cases SET updated_at=?, version=?, valuation=?, valuation_seq=NULL WHERE id=? AND version=? AND "
        "deleted_at IS NULL");
  const std::string every = store::case_update_sql(store::kAllCaseColumns, false);
  for (std::uint32_t c = 0; c < static_cast<std::uint32_t>(CaseColumn::count); ++c) {
    CAPTURE(c);
    CHECK(every.find(std::string(store::case_column_name(static_cast<CaseColumn>(c))) + "=?") != std::string::npos);
  }
}

// The engine writes a command's changes only: after a priority change and a transition on one
// engine, a second engine reading the store sees every field as the first shows it.
TEST_CASE("case columns: what an engine writes column by column reads back whole on another engine") {
  rma_test::TempDb db;
  rma_test::EngineFixture a(db.path);
  const Case c = a.engine.create_case(a.op, rma_test::EngineFixture::two_line_draft());
  CasePatch patch;
  patch.priority = Priority::high;
  patch.assignee = "anna";
  patch.root_cause = "battery";
  a.engine.update_case(a.op, c.id, patch);
  a.now = rma_test::at("2026-03-10T11:00:00Z");
  const Case moved = a.engine.transition_case(a.op, c.id, "authorize");
  Engine b = Engine::open(db.path);
  const Case read = b.get_case(a.admin, c.id);
  CHECK(read.priority == Priority::high);
  CHECK(read.assignee == "anna");
  CHECK(read.root_cause == "battery");
  CHECK(read.status == moved.status);
  CHECK(read.status_since == moved.status_since);
  CHECK(read.version == moved.version);
  CHECK(read.updated_at == moved.updated_at);
  CHECK(read.expected_completion == moved.expected_completion);
  CHECK(read.custom_fields == moved.custom_fields);
}
