// The SLA history an engine keeps per case (engine/sla_history.hpp): what it reports must be what
// the store's committed history says, after another engine's commits and after a rollback.
#include <doctest/doctest.h>

#include <stdexcept>

#include "engine/sla_history.hpp"
#include "engine_fixture.hpp"

using namespace rma;
using rma_test::at;
using rma_test::EngineFixture;
using rma_test::TempDb;

namespace {

bool resolution_paused(Engine& engine, const Actor& by, std::int64_t id) {
  for (const ClockStatus& c : engine.case_sla(by, id).clocks) {
    if (c.clock == "resolution") return c.paused;
  }
  FAIL("no resolution clock");
  return false;
}

// A B2B quality complaint, started on Monday 09:00: its resolution clock runs.
Case started_complaint(EngineFixture& f) {
  f.now = at("2026-03-09T09:00:00Z");
  CaseDraft d = EngineFixture::two_line_draft();
  d.kind = CaseKind::complaint;
  d.category = ComplaintCategory::quality;
  d.channel = Channel::b2b;
  const Case c = f.engine.create_case(f.op, d);
  f.now = at("2026-03-09T10:00:00Z");
  f.engine.transition_case(f.op, c.id, "start");
  return c;
}

}  // namespace

TEST_CASE("sla history: another engine's transitions move the clocks this engine reports and stores") {
  TempDb db;
  EngineFixture a(db.path);
  EngineFixture b(db.path);
  const Case c = started_complaint(a);
  a.now = b.now = at("2026-03-09T13:00:00Z");
  CHECK_FALSE(resolution_paused(a.engine, a.op, c.id));  // a keeps the case's history now
  b.engine.transition_case(b.op, c.id, "request_info");   // waiting for the customer: paused
  CHECK(resolution_paused(a.engine, a.op, c.id));
  b.engine.transition_case(b.customer, c.id, "info_received");
  CHECK_FALSE(resolution_paused(a.engine, a.op, c.id));
  // a's own next command stores due times from the whole history, b's part included.
  a.engine.transition_case(a.op, c.id, "request_info");
  CHECK(resolution_paused(b.engine, b.op, c.id));
  for (const SlaDueItem& item : a.engine.sla_due(a.op, 3600 * 24 * 365, 100)) {
    CHECK_FALSE((item.case_id == c.id && item.clock == "resolution"));  // paused within target: not due
  }
}

TEST_CASE("sla history: a batch that rolls back leaves the clocks as the committed history says") {
  EngineFixture f;
  const Case c = started_complaint(f);
  f.now = at("2026-03-09T13:00:00Z");
  CHECK_FALSE(resolution_paused(f.engine, f.op, c.id));
  CHECK_THROWS_AS(f.engine.batch(f.op,
                                 [&](Batch& batch) {
                                   batch.transition_case(c.id, "request_info");
                                   throw std::runtime_error("the host gives up");
                                 }),
                  std::runtime_error);
  CHECK_FALSE(resolution_paused(f.engine, f.op, c.id));
  bool due = false;
  for (const SlaDueItem& item : f.engine.sla_due(f.op, 3600 * 24 * 365, 100)) {
    due = due || (item.case_id == c.id && item.clock == "resolution");
  }
  CHECK(due);
  // The same transition, committed this time, pauses it.
  f.engine.transition_case(f.op, c.id, "request_info");
  CHECK(resolution_paused(f.engine, f.op, c.id));
}

namespace {

// The case's history folded up to (not including) event `end`.
SlaHistory folded(const Case& c, const std::vector<Event>& events, std::size_t end) {
  SlaHistory h;
  h.workflow = c.workflow;
  h.workflow_version = c.workflow_version;
  for (std::size_t i = 0; i < end; ++i) fold_sla_event(h, events[i], nullptr);
  return h;
}

const SlaHistoryCache::CompiledOf kNoWorkflow = [](const std::string&, std::int32_t) {
  return std::shared_ptr<const domain::CompiledWorkflow>();
};

// A marker no fold writes: a staged copy that was adopted still carries it.
const SlaStateChange kMarker{Timestamp{1}, "staged", SlaEffect::run};

}  // namespace

TEST_CASE("sla history: a commit adopts the staged copy instead of folding its events again") {
  EngineFixture f;
  const Case started = started_complaint(f);
  const Case c = f.engine.get_case(f.op, started.id);
  const std::vector<Event> events = f.engine.history(f.op, c.id);
  REQUIRE(events.size() >= 2);
  const std::size_t last = events.size() - 1;
  SlaHistoryCache cache;

  SUBCASE("adopted: the copy holds every committed event") {
    cache.put(c.id, folded(c, events, last));
    SlaHistory staged = folded(c, events, last + 1);
    staged.timeline.push_back(kMarker);
    cache.stage(c.id, staged);
    cache.follow({events[last]}, kNoWorkflow);
    const SlaHistory* kept = cache.find(c.id, c.workflow, c.workflow_version);
    REQUIRE(kept != nullptr);
    CHECK(kept->timeline.size() == staged.timeline.size());
    CHECK(kept->timeline.back().state == "staged");
    CHECK(kept->last_seq == events[last].seq);
  }
  SUBCASE("adopted, then the events past the copy's last one are folded into it") {
    SlaHistory staged = folded(c, events, last);
    staged.timeline.push_back(kMarker);
    cache.stage(c.id, staged);
    cache.follow({events[last]}, kNoWorkflow);
    const SlaHistory* kept = cache.find(c.id, c.workflow, c.workflow_version);
    REQUIRE(kept != nullptr);
    CHECK(kept->timeline.size() == folded(c, events, last + 1).timeline.size() + 1);
    CHECK(kept->last_seq == events[last].seq);
  }
  SUBCASE("dropped by a rollback: the commit folds what was committed") {
    cache.put(c.id, folded(c, events, last));
    SlaHistory staged = folded(c, events, last + 1);
    staged.timeline.push_back(kMarker);
    cache.stage(c.id, staged);
    cache.drop_staged();
    cache.follow({events[last]}, kNoWorkflow);
    const SlaHistory* kept = cache.find(c.id, c.workflow, c.workflow_version);
    REQUIRE(kept != nullptr);
    const SlaHistory expected = folded(c, events, last + 1);
    CHECK(kept->timeline.size() == expected.timeline.size());
    CHECK(kept->timeline.back().state == expected.timeline.back().state);
  }
}

namespace {

// Gold customers' cases resolve within 2 hours, everyone else's within 8.
SlaConfig by_tier() {
  return sla_config_from_json(R"({"policies": [
      {"name": "gold", "when": {"customer_tiers": ["gold"]}, "targets": {"resolution": {"hours": 2}}},
      {"name": "standard", "targets": {"resolution": {"hours": 8}}}]})");
}

std::string resolution_policy(Engine& engine, const Actor& by, std::int64_t id) {
  for (const ClockStatus& c : engine.case_sla(by, id).clocks) {
    if (c.clock == "resolution") return c.policy;
  }
  FAIL("no resolution clock");
  return "";
}

void set_tier(EngineFixture& f, const std::string& tier) {
  Customer c = f.engine.get_customer(f.op, "C2");
  c.tier = tier;
  f.engine.upsert_customer(f.op, c);
}

}  // namespace

TEST_CASE("sla history: a customer's new tier moves its cases' clocks, wherever it was written") {
  TempDb db;
  EngineFixture a(db.path);
  EngineFixture b(db.path);
  a.engine.configure_sla(a.admin, by_tier());
  CaseDraft d = EngineFixture::two_line_draft();
  d.customer_id = "C2";
  const Case c = a.engine.create_case(a.op, d);
  CHECK(resolution_policy(a.engine, a.op, c.id) == "standard");

  set_tier(a, "gold");  // this engine
  CHECK(resolution_policy(a.engine, a.op, c.id) == "gold");
  set_tier(b, "");  // another engine on the same database
  CHECK(resolution_policy(a.engine, a.op, c.id) == "standard");
  Customer gold = a.engine.get_customer(a.op, "C2");
  gold.tier = "gold";
  NoteDraft note;
  note.body = "moves the clocks within the batch";
  CHECK_THROWS_AS(a.engine.batch(a.op,
                                 [&](Batch& batch) {
                                   batch.upsert_customer(gold);
                                   batch.add_note(c.id, note);
                                   throw std::runtime_error("the host gives up");
                                 }),
                  std::runtime_error);
  CHECK(resolution_policy(a.engine, a.op, c.id) == "standard");  // rolled back
}

TEST_CASE("sla history: an internal note's author is not read, so any id a host acts under may write one") {
  EngineFixture f;
  const Case c = started_complaint(f);
  // Actor::parse refuses such an id (longer than 256 bytes); a C++ host may still act under it.
  const Actor long_id{Role::operator_, std::string(300, 'x')};
  f.engine.add_note(long_id, c.id, NoteDraft{Visibility::internal, "checked the unit"});
  CHECK_FALSE(resolution_paused(f.engine, f.op, c.id));
  f.engine.add_note(f.op, c.id, NoteDraft{Visibility::internal, "and again"});  // the case still moves
  CHECK(f.engine.history(f.op, c.id).back().type == "note.added");
}

TEST_CASE("sla history: a tier read inside a transaction that rolls back is forgotten with it") {
  EngineFixture f;
  f.engine.configure_sla(f.admin, by_tier());
  // The plan transition works out a date in business days: it reads the case's SLA facts, the
  // customer's tier among them, inside the command.
  f.engine.configure_workflows(f.admin, workflow_config_from_json(R"({"workflows": [{
    "id": "plan", "name": "Plan", "initial": "a",
    "states": [{"name": "a", "category": "new"}, {"name": "b", "category": "open"},
               {"name": "done", "category": "closed", "final": true}],
    "transitions": [
      {"name": "plan", "from": ["a"], "to": "b", "roles": ["operator"],
       "effects": [{"effect": "set_expected_completion", "days": 5}]},
      {"name": "finish", "from": ["a", "b"], "to": "done", "roles": ["operator"]}]}]})"));
  CaseDraft d = EngineFixture::two_line_draft();
  d.customer_id = "C2";
  const Case c = f.engine.create_case(f.op, d);
  REQUIRE(resolution_policy(f.engine, f.op, c.id) == "standard");
  Customer gold = f.engine.get_customer(f.op, "C2");
  gold.tier = "gold";
  CHECK_THROWS_AS(f.engine.batch(f.op,
                                 [&](Batch& batch) {
                                   batch.upsert_customer(gold);
                                   CHECK(batch.transition_case(c.id, "plan").expected_completion.has_value());
                                   throw std::runtime_error("the host gives up");
                                 }),
                  std::runtime_error);
  CHECK(resolution_policy(f.engine, f.op, c.id) == "standard");
}
