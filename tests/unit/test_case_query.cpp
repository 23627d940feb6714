// Grid queries: every filter, every order with its tie-break on id, keyset pages through the
// cursor (stable while cases change, refused when forged or made by another query), totals
// counted up to the cap, and what claimants may filter and sort on.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "engine_fixture.hpp"
#include "sla_policies.hpp"
#include "rma/rma.hpp"
#include "store/case_cursor.hpp"

using namespace rma;
using rma_test::at;
using rma_test::EngineFixture;
using rma_test::reason_of;
using rma_test::status_of;

namespace {

std::vector<std::int64_t> ids_of(const CasePage& page) {
  std::vector<std::int64_t> ids;
  for (const CaseSummary& s : page.items) ids.push_back(s.id);
  return ids;
}

std::vector<std::int64_t> ids_of(const std::vector<Case>& cases) {
  std::vector<std::int64_t> ids;
  for (const Case& c : cases) ids.push_back(c.id);
  return ids;
}

// The ids a query matches, every page at once.
std::vector<std::int64_t> matching(Engine& engine, const Actor& by, CaseQuery q) {
  q.limit = 1000;
  return ids_of(engine.query_cases(by, q));
}

// Every page of `q`, `limit` cases at a time, following next_cursor.
std::vector<std::int64_t> walk(Engine& engine, const Actor& by, CaseQuery q, std::int32_t limit) {
  std::vector<std::int64_t> ids;
  q.limit = limit;
  for (int pages = 0; pages < 100; ++pages) {
    const CasePage page = engine.query_cases(by, q);
    for (std::int64_t id : ids_of(page)) ids.push_back(id);
    CHECK(page.items.size() <= static_cast<std::size_t>(limit));
    if (page.next_cursor.empty()) return ids;
    CHECK(page.items.size() == static_cast<std::size_t>(limit));
    q.cursor = page.next_cursor;
  }
  FAIL("a walk that never ends");
  return ids;
}

// Twelve cases over two days, spread over every column a grid filters on.
struct Grid : EngineFixture {
  std::vector<Case> cases;

  Grid() : Grid(rma::Options()) {}
  explicit Grid(const rma::Options& options) : EngineFixture(":memory:", options) {
    add_suppliers();
    for (int i = 0; i < 12; ++i) {
      now = at("2026-03-10T09:00:00Z");
      now.micros += static_cast<std::int64_t>(i) * 3600 * 1000000;
      CaseDraft d = two_line_draft(i % 3 == 0 ? "C2" : "C1");
      d.lines[0].serial = "SN-" + std::to_string(i);
      d.lines[0].lot = i < 6 ? "LOT-A" : "LOT-B";
      d.lines[0].sales_document = {"INV-" + std::to_string(i % 4), 1};
      d.lines[1].reason_code = i % 2 ? "wrong_order" : "damaged";
      if (i == 7) d.lines[1].sku = "CHARGER-3";
      d.custom_fields = i % 2 ? R"({"colour": "red", "size": 3})" : R"({"colour": "blue", "size": 3.0, "gift": true})";
      if (i == 4) {
        d.kind = CaseKind::complaint;
        d.category = ComplaintCategory::quality;
      }
      if (i == 5) {
        d.channel = Channel::supplier;
        d.supplier_id = "S1";
      }
      d.team = i < 8 ? "returns" : "escalations";
      cases.push_back(engine.create_case(op, d));
    }
    // The second day: changes.
    now = at("2026-03-11T09:00:00Z");
    CasePatch p;
    p.priority = Priority::urgent;
    p.assignee = "marco";
    p.root_cause = "firmware";
    p.resolution = Resolution::refund;
    cases[2] = engine.update_case(op, cases[2].id, p);
    now = at("2026-03-11T10:00:00Z");
    cases[3] = engine.transition_case(op, cases[3].id, "cancel");
    now = at("2026-03-11T11:00:00Z");
    cases[6] = engine.transition_case(op, cases[6].id, "cancel");
    CasePatch low;
    low.priority = Priority::low;
    now = at("2026-03-11T12:00:00Z");
    cases[8] = engine.update_case(op, cases[8].id, low);
  }

  std::vector<std::int64_t> where(const std::function<bool(int)>& which) const {
    std::vector<std::int64_t> ids;
    for (int i = 0; i < static_cast<int>(cases.size()); ++i) {
      if (which(i)) ids.push_back(cases[static_cast<std::size_t>(i)].id);
    }
    return ids;
  }
};

}  // namespace

TEST_CASE("case.query: each filter alone matches exactly its cases") {
  Grid g;
  auto only = [&](std::function<void(CaseQuery&)> set) {
    CaseQuery q;
    set(q);
    return matching(g.engine, g.op, q);
  };
  CHECK(only([](CaseQuery& q) { q.category = ComplaintCategory::quality; }) == g.where([](int i) { return i == 4; }));
  CHECK(only([](CaseQuery& q) { q.priority = Priority::urgent; }) == g.where([](int i) { return i == 2; }));
  CHECK(only([](CaseQuery& q) { q.priority = Priority::low; }) == g.where([](int i) { return i == 8; }));
  CHECK(only([](CaseQuery& q) { q.team = "escalations"; }) == g.where([](int i) { return i >= 8; }));
  CHECK(only([](CaseQuery& q) { q.supplier_id = "S1"; }) == g.where([](int i) { return i == 5; }));
  CHECK(only([](CaseQuery& q) { q.supplier_id = ""; }) == g.where([](int i) { return i != 5; }));
  CHECK(only([](CaseQuery& q) { q.sku = "CABLE-2"; }) == g.where([](int i) { return i != 7; }));
  CHECK(only([](CaseQuery& q) { q.sku = "CHARGER-3"; }) == g.where([](int i) { return i == 7; }));
  CHECK(only([](CaseQuery& q) { q.sku = "PHONE-1"; }).size() == 12);
  CHECK(only([](CaseQuery& q) { q.lot = "LOT-B"; }) == g.where([](int i) { return i >= 6; }));
  CHECK(only([](CaseQuery& q) { q.sales_document = "INV-1"; }) == g.where([](int i) { return i % 4 == 1; }));
  CHECK(only([](CaseQuery& q) { q.reason_code = "damaged"; }) == g.where([](int i) { return i % 2 == 0; }));
  CHECK(only([](CaseQuery& q) { q.reason_code = "defective"; }).size() == 12);  // the phone line's
  CHECK(only([](CaseQuery& q) { q.root_cause = "firmware"; }) == g.where([](int i) { return i == 2; }));
  CHECK(only([](CaseQuery& q) { q.resolution = Resolution::refund; }) == g.where([](int i) { return i == 2; }));
  CHECK(only([](CaseQuery& q) { q.resolution = Resolution::none; }) == g.where([](int i) { return i != 2; }));
  CHECK(only([](CaseQuery& q) { q.serial = "SN-11"; }) == g.where([](int i) { return i == 11; }));
  CHECK(only([](CaseQuery& q) { q.custom_fields["colour"] = "\"red\""; }) == g.where([](int i) { return i % 2; }));
  // 3 and 3.0 are the same number; a string "3" is not.
  CHECK(only([](CaseQuery& q) { q.custom_fields["size"] = "3"; }).size() == 12);
  CHECK(only([](CaseQuery& q) { q.custom_fields["size"] = "\"3\""; }).empty());
  CHECK(only([](CaseQuery& q) { q.custom_fields["gift"] = "true"; }) == g.where([](int i) { return i % 2 == 0; }));
  CHECK(only([](CaseQuery& q) { q.custom_fields["gift"] = "false"; }).empty());
  CHECK(only([](CaseQuery& q) { q.custom_fields["gift"] = "1"; }).empty());
  CHECK(only([](CaseQuery& q) {
          q.custom_fields["colour"] = "\"blue\"";
          q.custom_fields["size"] = "3.0";
        }) == g.where([](int i) { return i % 2 == 0; }));
  // Closed: the cancelled ones (category closed), by when they were closed.
  CHECK(only([](CaseQuery& q) { q.closed_from = at("2026-03-01T00:00:00Z"); }) ==
        g.where([](int i) { return i == 3 || i == 6; }));
  // Values are bound, never pasted into the SQL.
  CHECK(only([](CaseQuery& q) { q.status = "requested' OR '1'='1"; }).empty());
}

TEST_CASE("case.query: ranges include their _from instant and exclude their _to instant") {
  Grid g;
  // cases[1] was created at exactly 10:00, cases[3] at exactly 12:00.
  CaseQuery created;
  created.created_from = at("2026-03-10T10:00:00Z");
  created.created_to = at("2026-03-10T12:00:00Z");
  CHECK(matching(g.engine, g.op, created) == g.where([](int i) { return i == 1 || i == 2; }));
  created.created_from = at("2026-03-10T10:00:00.000001Z");
  created.created_to = at("2026-03-10T12:00:00.000001Z");
  CHECK(matching(g.engine, g.op, created) == g.where([](int i) { return i == 2 || i == 3; }));

  // cases[2] was updated at exactly 2026-03-11 09:00, cases[8] at 12:00.
  CaseQuery updated;
  updated.updated_from = at("2026-03-11T09:00:00Z");
  updated.updated_to = at("2026-03-11T12:00:00Z");
  CHECK(matching(g.engine, g.op, updated) == g.where([](int i) { return i == 2 || i == 3 || i == 6; }));
  updated.updated_from = at("2026-03-11T09:00:00.000001Z");
  updated.updated_to = at("2026-03-11T12:00:00.000001Z");
  CHECK(matching(g.engine, g.op, updated) == g.where([](int i) { return i == 3 || i == 6 || i == 8; }));

  // cases[3] was closed at exactly 10:00, cases[6] at 11:00.
  CaseQuery closed;
  closed.closed_from = at("2026-03-11T10:00:00Z");
  closed.closed_to = at("2026-03-11T11:00:00Z");
  CHECK(matching(g.engine, g.op, closed) == g.where([](int i) { return i == 3; }));
  closed.closed_from = at("2026-03-11T10:00:00.000001Z");
  closed.closed_to = at("2026-03-11T11:00:00.000001Z");
  CHECK(matching(g.engine, g.op, closed) == g.where([](int i) { return i == 6; }));
}

TEST_CASE("case.query: sla_breached follows the breaches sla.tick recorded") {
  EngineFixture f;
  f.engine.configure_sla(f.admin, rma_test::urgent_first());
  f.now = at("2026-03-09T09:00:00Z");
  const Case late = f.engine.create_case(f.op, EngineFixture::two_line_draft());
  const Case calm = f.engine.create_case(f.op, EngineFixture::two_line_draft());
  CasePatch urgent;
  urgent.priority = Priority::urgent;
  f.engine.update_case(f.op, late.id, urgent);
  CaseQuery breached;
  breached.sla_breached = true;
  CaseQuery not_breached;
  not_breached.sla_breached = false;
  CHECK(matching(f.engine, f.op, breached).empty());
  f.engine.tick(f.op, at("2026-03-09T17:00:00Z"));  // the urgent case's 8 hours are over
  CHECK(matching(f.engine, f.op, breached) == std::vector<std::int64_t>{late.id});
  CHECK(matching(f.engine, f.op, not_breached) == std::vector<std::int64_t>{calm.id});
}

TEST_CASE("case.query: every order sorts by its column, ties broken by id, in both directions") {
  Grid g;
  std::vector<Case> all;
  for (const Case& c : g.cases) all.push_back(g.engine.get_case(g.op, c.id));
  auto text_of = [](const Case& c, CaseSort sort) -> std::string {
    switch (sort) {
      case CaseSort::created_at: return c.created_at.to_iso();
      case CaseSort::updated_at: return c.updated_at.to_iso();
      case CaseSort::number: return c.number;
      case CaseSort::priority: return std::to_string(static_cast<int>(c.priority));
      case CaseSort::status: return c.status;
      case CaseSort::kind: return case_kind_name(c.kind);
      case CaseSort::channel: return channel_name(c.channel);
      case CaseSort::category: return complaint_category_name(c.category);
      case CaseSort::customer_id: return c.customer_id;
      case CaseSort::assignee: return c.assignee;
      case CaseSort::team: return c.team;
      case CaseSort::supplier_id: return c.supplier_id;
      case CaseSort::resolution: return resolution_name(c.resolution);
      case CaseSort::root_cause: return c.root_cause;
      case CaseSort::id: return std::string();
    }
    return std::string();
  };
  for (int s = 0; s <= static_cast<int>(CaseSort::id); ++s) {
    const CaseSort sort = static_cast<CaseSort>(s);
    for (bool descending : {false, true}) {
      const std::string name = case_sort_name(sort);
      CAPTURE(name);
      CAPTURE(descending);
      std::vector<Case> expected = all;
      std::sort(expected.begin(), expected.end(), [&](const Case& a, const Case& b) {
        const std::string ka = text_of(a, sort), kb = text_of(b, sort);
        if (ka != kb) return descending ? kb < ka : ka < kb;
        return descending ? b.id < a.id : a.id < b.id;
      });
      CaseQuery q;
      q.sort = sort;
      q.descending = descending;
      CHECK(matching(g.engine, g.op, q) == ids_of(expected));
      // Keyset pages of 5 give the same order, and so do offset pages.
      CHECK(walk(g.engine, g.op, q, 5) == ids_of(expected));
      q.limit = 5;
      q.offset = 10;
      const std::vector<std::int64_t> ordered = ids_of(expected);
      const std::vector<std::int64_t> tail(ordered.begin() + 10, ordered.end());
      CHECK(ids_of(g.engine.query_cases(g.op, q)) == tail);
    }
  }
}

TEST_CASE("case.query: a cursor's pages stay stable while cases are added and change") {
  Grid g;
  CaseQuery q;
  q.sort = CaseSort::created_at;
  q.limit = 4;
  const CasePage first = g.engine.query_cases(g.op, q);
  REQUIRE(first.items.size() == 4);
  REQUIRE_FALSE(first.next_cursor.empty());
  // Meanwhile: a newer case, a case of the first page changes, one of a later page is deleted.
  g.now = at("2026-03-12T09:00:00Z");
  const Case newer = g.engine.create_case(g.op, EngineFixture::two_line_draft());
  CasePatch p;
  p.team = "moved";
  g.engine.update_case(g.op, g.cases[1].id, p);
  g.engine.delete_case(g.admin, g.cases[9].id, "entered twice");
  std::vector<std::int64_t> seen = ids_of(first);
  q.cursor = first.next_cursor;
  for (;;) {
    const CasePage page = g.engine.query_cases(g.op, q);
    for (std::int64_t id : ids_of(page)) seen.push_back(id);
    if (page.next_cursor.empty()) break;
    q.cursor = page.next_cursor;
  }
  std::vector<std::int64_t> expected = ids_of(g.cases);
  expected.erase(expected.begin() + 9);
  expected.push_back(newer.id);
  CHECK(seen == expected);  // each case once, none skipped, the deleted one gone
}

TEST_CASE("case.query: the last page has no next cursor; limit 1 and 1000 are accepted, 0 and 1001 are not") {
  Grid g;
  CaseQuery q;
  q.limit = 12;
  CHECK(g.engine.query_cases(g.op, q).next_cursor.empty());  // exactly all of them
  q.limit = 11;
  CHECK_FALSE(g.engine.query_cases(g.op, q).next_cursor.empty());
  q.limit = 1;
  CHECK(g.engine.query_cases(g.op, q).items.size() == 1);
  q.limit = 1000;
  CHECK(g.engine.query_cases(g.op, q).items.size() == 12);
  for (std::int32_t bad : {0, 1001}) {
    q.limit = bad;
    CHECK(status_of([&] { g.engine.query_cases(g.op, q); }) == Status::out_of_range);
  }
  q.limit = 10;
  q.offset = -1;
  CHECK(status_of([&] { g.engine.query_cases(g.op, q); }) == Status::out_of_range);
}

TEST_CASE("case.query: a malformed, forged or mismatched cursor is invalid_argument naming cursor") {
  Grid g;
  CaseQuery q;
  q.limit = 3;
  q.status = "requested";
  const std::string cursor = g.engine.query_cases(g.op, q).next_cursor;
  REQUIRE_FALSE(cursor.empty());
  auto refused = [&](const Actor& by, CaseQuery with, const std::string& text) {
    with.cursor = text;
    try {
      g.engine.query_cases(by, with);
    } catch (const Error& e) {
      return e.status() == Status::invalid_argument && e.field() == "cursor";
    }
    return false;
  };
  const std::int64_t events = g.event_count();
  CHECK(refused(g.op, q, "not a cursor!"));
  CHECK(refused(g.op, q, cursor.substr(0, cursor.size() - 1) + "!"));     // not base64url
  CHECK(refused(g.op, q, cursor.substr(0, cursor.size() - 2)));           // cut short
  CHECK(refused(g.op, q, "MToxMjM0NTY3ODkwYWJjZGVmOjE6"));                // "1:1234567890abcdef:1:": forged, old format
  CHECK(refused(g.op, q, std::string(store::kMaxCursorBytes + 4, 'A')));  // too long
  CaseQuery other = q;
  other.status = "cancelled";
  CHECK(refused(g.op, other, cursor));  // another query's filters
  CaseQuery reversed = q;
  reversed.descending = true;
  CHECK(refused(g.op, reversed, cursor));  // another order
  CaseQuery wider = q;
  wider.limit = 5;
  CHECK_FALSE(refused(g.op, wider, cursor));  // another page size is the same query
  // A cursor of staff's query does not fit a customer's, even with the same filters.
  CHECK(refused(Actor{Role::customer, "C1"}, q, cursor));
  // A well-formed cursor with a key its order cannot hold.
  CaseQuery by_created;
  const std::string fp = store::case_query_fingerprint(by_created, store::CaseScope());
  CHECK(refused(g.op, by_created, store::encode_case_cursor(fp, {"yesterday", 3})));
  CHECK(refused(g.op, by_created, store::encode_case_cursor(fp, {"2026-03-10T09:00:00.000000Z", 1})));  // text
  CHECK(refused(g.op, by_created, store::encode_case_cursor(fp, {"0012", 1})));  // not as written
  const std::string nine = std::to_string(at("2026-03-10T09:00:00Z").micros);
  CHECK(refused(g.op, by_created, store::encode_case_cursor(fp, {nine, 0})));
  CHECK_FALSE(refused(g.op, by_created, store::encode_case_cursor(fp, {nine, 1})));
  CHECK_FALSE(refused(g.op, by_created, store::encode_case_cursor(fp, {"-1", 1})));  // before 1970
  // With an offset as well: the offset is refused.
  CaseQuery both = q;
  both.cursor = cursor;
  both.offset = 1;
  CHECK(status_of([&] { g.engine.query_cases(g.op, both); }) == Status::invalid_argument);
  CHECK(g.event_count() == events);  // nothing written
}

TEST_CASE("case.query: a forged cursor moves a customer's page but never past its own cases") {
  Grid g;
  const Actor c2{Role::customer, "C2"};
  CaseQuery q;
  store::CaseScope scope;
  scope.customer_id = "C2";
  // A cursor a customer built itself, with the right fingerprint, starting before every case.
  q.cursor = store::encode_case_cursor(store::case_query_fingerprint(q, scope), {"0", 1});
  const CasePage page = g.engine.query_cases(c2, q);
  CHECK(ids_of(page) == g.where([](int i) { return i % 3 == 0; }));
  for (const CaseSummary& s : page.items) CHECK(s.customer_id == "C2");
}

TEST_CASE("case.query: totals are exact up to the cap and flagged beyond it; counters are exact at any size") {
  Options options;
  options.limits.max_counted_total = 3;
  Grid g(options);
  CaseQuery lot_b;  // LOT-B: six cases, counted
  lot_b.lot = "LOT-B";
  CaseQuery three = lot_b;  // and created from 2026-03-10 18:00: cases 9, 10, 11
  three.created_from = at("2026-03-10T18:00:00Z");
  CaseQuery four = lot_b;  // from 17:00: 8, 9, 10, 11
  four.created_from = at("2026-03-10T17:00:00Z");
  const CasePage at_cap = g.engine.query_cases(g.op, three);
  CHECK(at_cap.total == 3);
  CHECK(at_cap.total_exact);
  const CasePage past_cap = g.engine.query_cases(g.op, four);
  CHECK(past_cap.total == 3);
  CHECK_FALSE(past_cap.total_exact);
  CHECK(past_cap.items.size() == 4);  // the page itself is whole
  // One equality on a counted column is read from its counter: exact beyond the cap.
  CaseQuery requested;
  requested.status = "requested";
  const CasePage counted_up = g.engine.query_cases(g.op, requested);
  CHECK(counted_up.total == 9);  // all but the complaint (new) and the two cancelled
  CHECK(counted_up.total_exact);
  const CasePage everything = g.engine.query_cases(g.op, CaseQuery{});
  CHECK(everything.total == 12);
  CHECK(everything.total_exact);
  // The cap is an option: 1 and 2147483647 are accepted, 0 and 2147483648 are not.
  for (std::int64_t cap : {std::int64_t{1}, std::int64_t{2147483647}}) {
    Options o;
    o.limits.max_counted_total = cap;
    CHECK_NOTHROW(Engine::open(":memory:", o));
  }
  for (std::int64_t cap : {std::int64_t{0}, std::int64_t{2147483648}}) {
    Options o;
    o.limits.max_counted_total = cap;
    CHECK(status_of([&] { Engine::open(":memory:", o); }) == Status::out_of_range);
  }
}

TEST_CASE("case.query: customers and suppliers filter and sort only on what their view shows") {
  Grid g;
  const Actor customer{Role::customer, "C1"};
  const Actor supplier{Role::supplier, "S1"};
  const std::int64_t events = g.event_count();
  auto refusal = [&](const Actor& by, std::function<void(CaseQuery&)> set) {
    CaseQuery q;
    set(q);
    try {
      g.engine.query_cases(by, q);
    } catch (const Error& e) {
      return std::string(status_name(e.status())) + " " + e.field() + " " + e.reason();
    }
    return std::string("accepted");
  };
  CHECK(refusal(customer, [](CaseQuery& q) { q.assignee = "marco"; }) == "permission_denied assignee role_not_allowed");
  CHECK(refusal(customer, [](CaseQuery& q) { q.team = "returns"; }) == "permission_denied team role_not_allowed");
  CHECK(refusal(customer, [](CaseQuery& q) { q.root_cause = "x"; }) == "permission_denied root_cause role_not_allowed");
  CHECK(refusal(customer, [](CaseQuery& q) { q.custom_fields["colour"] = "\"red\""; }) ==
        "permission_denied custom_fields role_not_allowed");
  CHECK(refusal(customer, [](CaseQuery& q) { q.sla_breached = true; }) ==
        "permission_denied sla_breached role_not_allowed");
  CHECK(refusal(customer, [](CaseQuery& q) { q.supplier_id = "S1"; }) ==
        "permission_denied supplier_id role_not_allowed");
  CHECK(refusal(customer, [](CaseQuery& q) { q.sort = CaseSort::assignee; }) ==
        "permission_denied sort role_not_allowed");
  CHECK(refusal(customer, [](CaseQuery& q) { q.customer_id = "C2"; }) == "permission_denied customer_id not_own_case");
  CHECK(refusal(customer, [](CaseQuery& q) { q.customer_id = "C1"; }) == "accepted");
  CHECK(refusal(customer, [](CaseQuery& q) { q.sku = "CABLE-2"; }) == "accepted");
  CHECK(refusal(customer, [](CaseQuery& q) { q.sales_document = "INV-1"; }) == "accepted");
  CHECK(refusal(customer, [](CaseQuery& q) { q.sort = CaseSort::priority; }) == "accepted");
  CHECK(refusal(supplier, [](CaseQuery& q) { q.customer_id = "C1"; }) == "permission_denied customer_id role_not_allowed");
  CHECK(refusal(supplier, [](CaseQuery& q) { q.sales_document = "INV-1"; }) ==
        "permission_denied sales_document role_not_allowed");
  CHECK(refusal(supplier, [](CaseQuery& q) { q.sort = CaseSort::customer_id; }) ==
        "permission_denied sort role_not_allowed");
  CHECK(refusal(supplier, [](CaseQuery& q) { q.supplier_id = "S2"; }) == "permission_denied supplier_id not_own_case");
  CHECK(refusal(supplier, [](CaseQuery& q) { q.supplier_id = "S1"; }) == "accepted");
  CHECK(refusal(g.op, [](CaseQuery& q) { q.sort = CaseSort::assignee; }) == "accepted");
  CHECK(g.event_count() == events);
  // What a customer's own filters find stays within its cases.
  CaseQuery lot_a;
  lot_a.lot = "LOT-A";
  CHECK(matching(g.engine, customer, lot_a) == g.where([](int i) { return i < 6 && i % 3 != 0; }));
}

TEST_CASE("case.query: custom field filters: 16 are accepted, 17 are not; names and values are checked") {
  Grid g;
  auto status = [&](std::function<void(CaseQuery&)> set) {
    CaseQuery q;
    set(q);
    return status_of([&] { g.engine.query_cases(g.op, q); });
  };
  auto fields = [](int n) {
    return [n](CaseQuery& q) {
      for (int i = 0; i < n; ++i) q.custom_fields["f" + std::to_string(i)] = "1";
    };
  };
  CHECK(status(fields(16)) == Status::ok);
  CHECK(status(fields(17)) == Status::out_of_range);
  CHECK(status([](CaseQuery& q) { q.custom_fields[std::string(128, 'n')] = "1"; }) == Status::ok);
  CHECK(status([](CaseQuery& q) { q.custom_fields[std::string(129, 'n')] = "1"; }) == Status::invalid_argument);
  CHECK(status([](CaseQuery& q) { q.custom_fields[""] = "1"; }) == Status::invalid_argument);
  CHECK(status([](CaseQuery& q) { q.custom_fields["a\"b"] = "1"; }) == Status::invalid_argument);
  CHECK(status([](CaseQuery& q) { q.custom_fields["a\\b"] = "1"; }) == Status::invalid_argument);
  CHECK(status([](CaseQuery& q) { q.custom_fields["a b.c[0]"] = "1"; }) == Status::ok);
  CHECK(status([](CaseQuery& q) { q.custom_fields["colour"] = "{\"a\": 1}"; }) == Status::invalid_argument);
  CHECK(status([](CaseQuery& q) { q.custom_fields["colour"] = "[1]"; }) == Status::invalid_argument);
  CHECK(status([](CaseQuery& q) { q.custom_fields["colour"] = "red"; }) == Status::invalid_argument);
  CHECK(status([](CaseQuery& q) { q.custom_fields["colour"] = "null"; }) == Status::ok);
}

TEST_CASE("case.query: a common status in another order pages alike whichever index drives the page") {
  // Nine of the twelve are "requested": with pages of 2 the store walks the order's index instead
  // of the status's; with pages of 50 it sorts the status's cases. Either way the same cases.
  Grid g;
  for (CaseSort sort : {CaseSort::updated_at, CaseSort::number, CaseSort::id, CaseSort::created_at}) {
    for (bool descending : {false, true}) {
      CaseQuery q;
      q.status = "requested";
      q.sort = sort;
      q.descending = descending;
      const std::vector<std::int64_t> whole = matching(g.engine, g.op, q);
      CHECK(whole.size() == 9);
      CHECK(walk(g.engine, g.op, q, 2) == whole);
      q.assignee = "";  // every requested case but cases[2], which marco has
      const std::vector<std::int64_t> unassigned = matching(g.engine, g.op, q);
      CHECK(unassigned.size() == 8);
      CHECK(walk(g.engine, g.op, q, 2) == unassigned);
    }
  }
}
