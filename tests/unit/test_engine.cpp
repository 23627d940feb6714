// The engine end to end on an in-memory or file database: commands, history, concurrency rules.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "engine_fixture.hpp"

using namespace rma;
using rma_test::at;
using rma_test::EngineFixture;

TEST_CASE("creating a case assigns a checked RMA number, version 1 and a history event") {
  EngineFixture f;
  Case c = f.engine.create_case(f.op, EngineFixture::two_line_draft());
  CHECK(c.id > 0);
  CHECK(c.number == format_rma_number(NumberFormat{}, 2026, 1));
  CHECK(parse_rma_number(NumberFormat{}, c.number).has_value());
  CHECK(c.version == 1);
  CHECK(c.status == "requested");  // the default consumer_return workflow's first state
  CHECK(c.workflow == "consumer_return");
  CHECK(c.workflow_version == 1);
  CHECK(c.created_at == f.now);
  REQUIRE(c.lines.size() == 2);
  CHECK(c.lines[0].line_no == 1);
  CHECK(c.lines[1].qty_requested == 5);
  CHECK(c.lines[1].qty_authorized == 0);

  Case second = f.engine.create_case(f.op, EngineFixture::two_line_draft());
  CHECK(second.number == format_rma_number(NumberFormat{}, 2026, 2));

  std::vector<Event> history = f.engine.history(f.op, c.id);
  REQUIRE(history.size() == 1);
  CHECK(history[0].type == "case.created");
  CHECK(history[0].actor == "operator:anna");
  CHECK(history[0].at == f.now);
  CHECK(history[0].case_number == c.number);
  auto data = nlohmann::json::parse(history[0].data);
  // Event schema version 2: the snapshot leaves the id and number to the event's own columns.
  CHECK(data["v"] == 2);
  CHECK(data["case"]["customer_id"] == c.customer_id);
  CHECK_FALSE(data["case"].contains("number"));
  CHECK_FALSE(data["case"].contains("id"));
}

TEST_CASE("the sequence restarts every UTC year") {
  EngineFixture f;
  f.now = at("2026-12-31T23:59:59Z");
  Case last = f.engine.create_case(f.op, EngineFixture::two_line_draft());
  f.now = at("2027-01-01T00:00:00Z");
  Case first = f.engine.create_case(f.op, EngineFixture::two_line_draft());
  CHECK(last.number == format_rma_number(NumberFormat{}, 2026, 1));
  CHECK(first.number == format_rma_number(NumberFormat{}, 2027, 1));
}

TEST_CASE("get by id and by a number typed by a person") {
  EngineFixture f;
  Case c = f.engine.create_case(f.op, EngineFixture::two_line_draft());
  CHECK(f.engine.get_case(f.op, c.id).number == c.number);
  std::string messy;
  for (char ch : c.number) {
    if (ch == '-') messy += ' ';
    else messy += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  CHECK(f.engine.get_case_by_number(f.op, messy).id == c.id);
  std::string wrong = c.number;
  wrong[wrong.size() - 3] = wrong[wrong.size() - 3] == '1' ? '2' : '1';
  CHECK_THROWS_AS(f.engine.get_case_by_number(f.op, wrong), Error);
  CHECK_THROWS_AS(f.engine.get_case(f.op, 999), Error);
}

TEST_CASE("updates record before and after, bump the version, and refuse a stale version") {
  EngineFixture f;
  Case c = f.engine.create_case(f.op, EngineFixture::two_line_draft());
  CasePatch p;
  p.priority = Priority::high;
  p.assignee = "marco";
  p.custom_fields = R"({"erp_ref": "X1"})";
  LinePatch lp;
  lp.line_no = 2;
  lp.qty_authorized = 3;  // partial authorization
  p.lines.push_back(lp);
  Case u = f.engine.update_case(f.op, c.id, p, 1);
  CHECK(u.version == 2);
  CHECK(u.priority == Priority::high);
  CHECK(u.lines[1].qty_authorized == 3);
  CHECK(nlohmann::json::parse(u.custom_fields)["erp_ref"] == "X1");

  auto history = f.engine.history(f.op, c.id);
  REQUIRE(history.size() == 2);
  auto changes = nlohmann::json::parse(history[1].data)["changes"];
  CHECK(changes["priority"]["before"] == "normal");
  CHECK(changes["priority"]["after"] == "high");
  CHECK(changes["lines[2].qty_authorized"]["after"] == 3);

  const auto events = f.event_count();
  CasePatch again;
  again.priority = Priority::low;
  try {
    f.engine.update_case(f.op, c.id, again, 1);
    FAIL("a stale version must fail");
  } catch (const Error& e) {
    CHECK(e.status() == Status::conflict);
    CHECK(e.field() == "version");
  }
  CHECK(f.event_count() == events);
  CHECK(f.engine.get_case(f.op, c.id).priority == Priority::high);
}

TEST_CASE("line quantities: authorized and received never exceed requested, accepted never exceeds received") {
  EngineFixture f;
  Case c = f.engine.create_case(f.op, EngineFixture::two_line_draft());
  auto patch_line = [&](std::int64_t authorized, std::int64_t received, std::int64_t accepted) {
    CasePatch p;
    LinePatch lp;
    lp.line_no = 2;
    lp.qty_authorized = authorized;
    lp.qty_received = received;
    lp.qty_accepted = accepted;
    p.lines.push_back(lp);
    return f.engine.update_case(f.op, c.id, p);
  };
  CHECK(patch_line(5, 5, 5).lines[1].qty_accepted == 5);  // at the boundary
  CHECK_THROWS_AS(patch_line(6, 5, 5), Error);             // one over requested
  CHECK_THROWS_AS(patch_line(5, 6, 5), Error);
  CHECK_THROWS_AS(patch_line(5, 4, 5), Error);  // accepted one over received
  CHECK(patch_line(5, 4, 4).lines[1].qty_received == 4);
  CHECK_THROWS_AS(patch_line(-1, 4, 4), Error);
}

TEST_CASE("notes, attachments and actions; the customer view hides what is internal") {
  EngineFixture f;
  Case c = f.engine.create_case(f.op, EngineFixture::two_line_draft());
  f.engine.add_note(f.op, c.id, NoteDraft{Visibility::internal, "customer sounds angry"});
  f.engine.add_note(f.op, c.id, NoteDraft{Visibility::external, "We received your request."});
  AttachmentDraft a;
  a.file_name = "photo.jpg";
  a.media_type = "image/jpeg";
  a.size_bytes = 1024;
  a.sha256 = std::string(64, 'a');
  a.uri = "s3://bucket/photo.jpg";
  a.visibility = Visibility::external;
  f.engine.add_attachment(f.op, c.id, a);
  ActionDraft task;
  task.title = "Inspect the unit";
  task.assignee = "marco";
  task.due_at = at("2026-03-11T17:00:00Z");
  Case withTask = f.engine.add_action(f.op, c.id, task);
  REQUIRE(withTask.actions.size() == 1);
  f.now = at("2026-03-11T10:00:00Z");
  Case done = f.engine.complete_action(f.op, c.id, withTask.actions[0].id);
  CHECK(done.actions[0].done_at == f.now);
  CHECK(done.actions[0].done_by == "operator:anna");
  CHECK(done.version == 6);
  CHECK_THROWS_AS(f.engine.complete_action(f.op, c.id, withTask.actions[0].id), Error);  // done already

  Case full = f.engine.get_case(f.op, c.id);
  CHECK(full.notes.size() == 2);
  Case view = f.engine.customer_view(f.customer, c.id);
  REQUIRE(view.notes.size() == 1);
  CHECK(view.notes[0].body == "We received your request.");
  CHECK(view.attachments.size() == 1);
  CHECK(view.actions.empty());
  CHECK(view.assignee.empty());
  // A customer reading its case gets the same view.
  CHECK(f.engine.get_case(f.customer, c.id).notes.size() == 1);

  auto types = [&] {
    std::vector<std::string> t;
    for (const Event& e : f.engine.history(f.op, c.id)) t.push_back(e.type);
    return t;
  }();
  CHECK(types == std::vector<std::string>{"case.created", "note.added", "note.added", "attachment.added",
                                          "action.added", "action.completed"});
}

TEST_CASE("customers act only on their own cases and only in the external channel") {
  EngineFixture f;
  Case mine = f.engine.create_case(f.customer, EngineFixture::two_line_draft("C1"));
  Case theirs = f.engine.create_case(f.op, EngineFixture::two_line_draft("C2"));
  CHECK_THROWS_AS(f.engine.create_case(f.customer, EngineFixture::two_line_draft("C2")), Error);
  CHECK_THROWS_AS(f.engine.get_case(f.customer, theirs.id), Error);
  CHECK_THROWS_AS(f.engine.add_note(f.customer, mine.id, NoteDraft{Visibility::internal, "x"}), Error);
  CHECK(f.engine.add_note(f.customer, mine.id, NoteDraft{Visibility::external, "when?"}).notes.size() == 1);
  CHECK_THROWS_AS(f.engine.update_case(f.customer, mine.id, CasePatch{}), Error);
  CHECK_THROWS_AS(f.engine.history(f.customer, mine.id), Error);
  CaseQuery q;
  CasePage page = f.engine.query_cases(f.customer, q);
  REQUIRE(page.total == 1);
  CHECK(page.items[0].id == mine.id);
  // Another customer's case answers as one that does not exist.
  CHECK(rma_test::status_of([&] { f.engine.get_case(f.customer, theirs.id); }) == Status::not_found);
}

TEST_CASE("a registered operator cannot claim another role") {
  EngineFixture f;
  Operator o;
  o.id = "marco";
  o.name = "Marco";
  o.role = Role::operator_;
  f.engine.upsert_operator(f.admin, o);
  CHECK_THROWS_AS(f.engine.upsert_operator(f.op, o), Error);  // only an admin registers roles
  Actor pretender{Role::admin, "marco"};
  try {
    f.engine.create_case(pretender, EngineFixture::two_line_draft());
    FAIL("role mismatch must fail");
  } catch (const Error& e) {
    CHECK(e.status() == Status::permission_denied);
  }
}

TEST_CASE("idempotency key: a retry returns the same case, another request with the key conflicts") {
  EngineFixture f;
  CaseDraft d = EngineFixture::two_line_draft();
  d.idempotency_key = "shop-order-991-return";
  Case first = f.engine.create_case(f.op, d);
  const auto events = f.event_count();
  Case retry = f.engine.create_case(f.op, d);
  CHECK(retry.id == first.id);
  CHECK(retry.number == first.number);
  CHECK(f.event_count() == events);
  d.lines[1].quantity = 4;
  try {
    f.engine.create_case(f.op, d);
    FAIL("a different request with the same key must fail");
  } catch (const Error& e) {
    CHECK(e.status() == Status::conflict);
    CHECK(e.field() == "idempotency_key");
  }
}

TEST_CASE("goods purchased elsewhere are flagged and carry no sales document") {
  EngineFixture f;
  CaseDraft d = EngineFixture::two_line_draft();
  d.purchased_elsewhere = true;
  CHECK_THROWS_AS(f.engine.create_case(f.op, d), Error);  // line 1 names our invoice
  d.lines[0].sales_document = {};
  Case c = f.engine.create_case(f.op, d);
  CHECK(c.purchased_elsewhere);
  CHECK(f.engine.get_case(f.op, c.id).purchased_elsewhere);
}

TEST_CASE("serialized products need a serial and one unit per line") {
  EngineFixture f;
  CaseDraft d = EngineFixture::two_line_draft();
  d.lines[0].serial.clear();
  try {
    f.engine.create_case(f.op, d);
    FAIL("missing serial");
  } catch (const Error& e) {
    CHECK(e.status() == Status::missing_field);
    CHECK(e.field() == "lines[0].serial");
  }
  d = EngineFixture::two_line_draft();
  d.lines[0].quantity = 2;
  CHECK_THROWS_AS(f.engine.create_case(f.op, d), Error);
}

TEST_CASE("splitting moves remaining quantities to a new case that points back") {
  EngineFixture f;
  Case c = f.engine.create_case(f.op, EngineFixture::two_line_draft());
  CasePatch p;
  LinePatch lp;
  lp.line_no = 2;
  lp.qty_authorized = 5;
  lp.qty_received = 2;
  p.lines.push_back(lp);
  f.engine.update_case(f.op, c.id, p);

  SplitRequest too_many;
  too_many.lines.push_back(SplitLine{2, 4});  // only 3 are not yet received
  CHECK_THROWS_AS(f.engine.split_case(f.op, c.id, too_many), Error);

  SplitRequest r;
  r.lines.push_back(SplitLine{2, 3});
  SplitResult s = f.engine.split_case(f.op, c.id, r);
  CHECK(s.created.split_from == c.id);
  CHECK(s.created.number != c.number);
  REQUIRE(s.created.lines.size() == 1);
  CHECK(s.created.lines[0].qty_requested == 3);
  CHECK(s.created.lines[0].qty_authorized == 3);
  REQUIRE(s.original.lines.size() == 2);
  CHECK(s.original.lines[1].qty_requested == 2);
  CHECK(s.original.lines[1].qty_authorized == 2);
  CHECK(s.original.lines[1].qty_received == 2);

  // Whole line 1 moves; line numbers in the original stay stable.
  SplitRequest whole;
  whole.lines.push_back(SplitLine{1, 1});
  SplitResult s2 = f.engine.split_case(f.op, c.id, whole);
  REQUIRE(s2.original.lines.size() == 1);
  CHECK(s2.original.lines[0].line_no == 2);
  CHECK(f.engine.get_case(f.op, c.id).lines.size() == 1);

  SplitRequest last;
  last.lines.push_back(SplitLine{2, 0});
  CHECK_THROWS_AS(f.engine.split_case(f.op, c.id, last), Error);
  CHECK(f.engine.history(f.op, c.id).back().type == "case.split");
}

TEST_CASE("query: filters, sort and paging over the index") {
  EngineFixture f;
  std::vector<Case> cases;
  for (int i = 0; i < 12; ++i) {
    f.now = at("2026-03-10T09:00:00Z");
    f.now.micros += static_cast<std::int64_t>(i) * 3600 * 1000000;
    CaseDraft d = EngineFixture::two_line_draft(i % 3 == 0 ? "C2" : "C1");
    d.lines[0].serial = "SN-" + std::to_string(i);
    d.kind = i % 2 ? CaseKind::repair : CaseKind::return_;
    cases.push_back(f.engine.create_case(f.op, d));
  }
  CasePatch p;
  p.assignee = "marco";
  f.engine.update_case(f.op, cases[5].id, p);
  f.engine.transition_case(f.op, cases[5].id, "start_diagnosis");  // cases[5] is a repair

  CaseQuery by_customer;
  by_customer.customer_id = "C2";
  CHECK(f.engine.query_cases(f.op, by_customer).total == 4);

  CaseQuery by_serial;
  by_serial.serial = "SN-7";
  auto page = f.engine.query_cases(f.op, by_serial);
  REQUIRE(page.total == 1);
  CHECK(page.items[0].id == cases[7].id);

  CaseQuery by_assignee;
  by_assignee.assignee = "marco";
  CHECK(f.engine.query_cases(f.op, by_assignee).items.at(0).status == "diagnosis");

  CaseQuery by_status;
  by_status.status = "received";  // the other five repairs
  CHECK(f.engine.query_cases(f.op, by_status).total == 5);

  CaseQuery by_kind;
  by_kind.kind = CaseKind::repair;
  by_kind.channel = Channel::b2c;
  CHECK(f.engine.query_cases(f.op, by_kind).total == 6);

  CaseQuery range;  // [10:00, 13:00) holds cases 1, 2 and 3
  range.created_from = at("2026-03-10T10:00:00Z");
  range.created_to = at("2026-03-10T13:00:00Z");
  auto ranged = f.engine.query_cases(f.op, range);
  REQUIRE(ranged.total == 3);
  CHECK(ranged.items[0].id == cases[1].id);
  CHECK(ranged.items[2].id == cases[3].id);

  CaseQuery paged;
  paged.sort = CaseSort::created_at;
  paged.descending = true;
  paged.limit = 5;
  paged.offset = 10;
  auto last_page = f.engine.query_cases(f.op, paged);
  CHECK(last_page.total == 12);
  REQUIRE(last_page.items.size() == 2);
  CHECK(last_page.items[1].id == cases[0].id);

  CaseQuery prefix;
  prefix.number_prefix = cases[11].number.substr(0, cases[11].number.size() - 3);  // "...00001" style tens
  CHECK(f.engine.query_cases(f.op, prefix).total >= 1);

  CaseQuery bad;
  bad.limit = 0;
  CHECK_THROWS_AS(f.engine.query_cases(f.op, bad), Error);
  bad.limit = 1001;
  CHECK_THROWS_AS(f.engine.query_cases(f.op, bad), Error);
  bad.limit = 1000;
  CHECK_NOTHROW(f.engine.query_cases(f.op, bad));
}

TEST_CASE("the outbox hands out unacknowledged messages in order") {
  EngineFixture f;
  Case c = f.engine.create_case(f.op, EngineFixture::two_line_draft());
  auto m1 = f.engine.outbox_post(f.op, c.id, "credit_note.request", R"({"amount": 1999, "currency": "EUR"})");
  auto m2 = f.engine.outbox_post(f.op, c.id, "replacement.order", R"({"sku": "PHONE-1"})");
  auto pending = f.engine.outbox_fetch(f.op, 10);
  REQUIRE(pending.size() == 2);
  CHECK(pending[0].seq == m1.seq);
  CHECK(pending[1].topic == "replacement.order");
  CHECK(f.engine.outbox_fetch(f.op, 1).size() == 1);
  CHECK(f.engine.outbox_ack(f.op, {m1.seq}) == 1);
  CHECK(f.engine.outbox_ack(f.op, {m1.seq}) == 0);  // a repeat is harmless
  pending = f.engine.outbox_fetch(f.op, 10);
  REQUIRE(pending.size() == 1);
  CHECK(pending[0].seq == m2.seq);
  CHECK_THROWS_AS(f.engine.outbox_ack(f.op, {m2.seq + 100}), Error);
  CHECK(f.engine.outbox_fetch(f.op, 10).size() == 1);  // the failed ack wrote nothing
  CHECK_THROWS_AS(f.engine.outbox_post(f.op, c.id, "x", "[1,2]"), Error);
  CHECK_THROWS_AS(f.engine.outbox_fetch(f.customer, 10), Error);
}

TEST_CASE("subscribers hear committed events only, after the commit; a throwing one loses nothing") {
  EngineFixture f;
  std::vector<std::string> heard;
  std::int64_t seen_during_callback = -1;
  f.engine.subscribe([&](const Event& e) {
    heard.push_back(e.type);
    // The callback runs outside the lock, so it may read the engine.
    seen_during_callback = f.engine.stats().last_event_seq;
  });
  f.engine.subscribe([](const Event&) { throw std::runtime_error("host bug"); });
  Case c = f.engine.create_case(f.op, EngineFixture::two_line_draft());
  CHECK(heard == std::vector<std::string>{"case.created"});
  CHECK(seen_during_callback == f.event_count());
  CHECK(f.engine.get_case(f.op, c.id).id == c.id);
  CHECK_THROWS(f.engine.create_case(f.op, CaseDraft{}));
  CHECK(heard.size() == 1);  // nothing for a failed command
}

TEST_CASE("a batch commits all its commands or none") {
  EngineFixture f;
  std::vector<std::string> heard;
  f.engine.subscribe([&](const Event& e) { heard.push_back(e.type); });
  std::int64_t id = 0;
  f.engine.batch(f.op, [&](Batch& b) {
    Case c = b.create_case(EngineFixture::two_line_draft());
    id = c.id;
    b.add_note(c.id, NoteDraft{Visibility::internal, "in the same transaction"});
  });
  CHECK(f.engine.get_case(f.op, id).notes.size() == 1);
  CHECK(heard.size() == 2);
  const auto events = f.event_count();
  const auto cases = f.engine.stats().cases;
  CHECK_THROWS_AS(f.engine.batch(f.op,
                                 [&](Batch& b) {
                                   b.create_case(EngineFixture::two_line_draft());
                                   b.add_note(424242, NoteDraft{Visibility::internal, "no such case"});
                                 }),
                  Error);
  CHECK(f.event_count() == events);
  CHECK(f.engine.stats().cases == cases);
  CaseQuery all;
  CHECK(f.engine.query_cases(f.op, all).total == cases);
}

TEST_CASE("a file database survives a reopen with its index and numbering") {
  rma_test::TempDb db;
  std::int64_t id = 0;
  std::string number;
  {
    EngineFixture f(db.path);
    Case c = f.engine.create_case(f.op, EngineFixture::two_line_draft());
    id = c.id;
    number = c.number;
  }
  Engine reopened = Engine::open(db.path);
  Actor op{Role::operator_, "anna"};
  CHECK(reopened.get_case(op, id).number == number);
  CHECK(reopened.stats().cases == 1);
  CaseQuery q;
  q.serial = "SN-001";
  CHECK(reopened.query_cases(op, q).total == 1);
}

TEST_CASE("limits hold exactly at their boundary: note bytes and attachment size") {
  Options options;
  options.limits.max_note_bytes = 10;
  options.limits.max_attachment_bytes = 1000;
  EngineFixture f(":memory:", options);
  Case c = f.engine.create_case(f.op, EngineFixture::two_line_draft());
  CHECK_NOTHROW(f.engine.add_note(f.op, c.id, NoteDraft{Visibility::internal, std::string(10, 'n')}));
  CHECK_THROWS_AS(f.engine.add_note(f.op, c.id, NoteDraft{Visibility::internal, std::string(11, 'n')}), Error);
  AttachmentDraft a;
  a.file_name = "scan.pdf";
  a.media_type = "application/pdf";
  a.sha256 = std::string(64, 'c');
  a.size_bytes = 1000;
  CHECK_NOTHROW(f.engine.add_attachment(f.op, c.id, a));
  a.size_bytes = 1001;
  try {
    f.engine.add_attachment(f.op, c.id, a);
    FAIL("over the limit");
  } catch (const Error& e) {
    CHECK(e.status() == Status::too_large);
  }
  a.file_name = std::string(255, 'f');
  a.size_bytes = 0;
  CHECK_NOTHROW(f.engine.add_attachment(f.op, c.id, a));
  a.file_name = std::string(256, 'f');
  CHECK_THROWS_AS(f.engine.add_attachment(f.op, c.id, a), Error);
}

TEST_CASE("a supplier queries and reads only the cases sent to it") {
  EngineFixture f;
  f.add_suppliers();
  auto send_to = [&](const char* supplier) {
    CaseDraft d = EngineFixture::two_line_draft();
    d.channel = Channel::supplier;
    d.supplier_id = supplier;
    d.assignee = "marco";
    return f.engine.create_case(f.op, d);
  };
  Case mine = send_to("S1");
  send_to("S2");
  f.engine.create_case(f.op, EngineFixture::two_line_draft());  // not a supplier case
  Actor s1{Role::supplier, "S1"};
  CasePage page = f.engine.query_cases(s1, CaseQuery{});
  REQUIRE(page.total == 1);
  CHECK(page.items[0].id == mine.id);
  CHECK(page.items[0].assignee.empty());  // internal fields stay with staff
  CHECK(f.engine.query_cases(f.op, CaseQuery{}).total == 3);
  CHECK_THROWS_AS(f.engine.get_case(Actor{Role::supplier, "S2"}, mine.id), Error);
}
