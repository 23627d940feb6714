// The claimed value, from the moment a case is opened: the requested units at their net sale
// price, or the amount staff set on a line; kept apart from the goods accepted after receipt.
// Value guards name the measure they read, so an automatic "accept claims under 50 EUR" reads
// what is claimed, not what has arrived.
#include <doctest/doctest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <limits>
#include <nlohmann/json.hpp>

#include "api/codec.hpp"
#include "schema_undo.hpp"
#include "store/sqlite/schema.hpp"
#include "valuation_fixture.hpp"

using namespace rma;
using nlohmann::json;
using rma_test::passes;
using rma_test::status_of;
using rma_test::total;
using rma_test::ValuationFixture;
using rma_test::with_topic;

namespace {

// Televisions of 549.00 EUR net, 22 % VAT, one on each line, and cables of 10.00 EUR, three on each
// line, sold to C1 (tier gold). Each case below takes a line of its own, as a claimant may not
// ask for more units of a sales line than it bought.
const char* const kSales =
    R"({"id":"INV-40","date":"2026-03-01","customer_id":"C1","channel":"b2c","currency":"EUR","lines":[)"
    R"({"sku":"TV-55","quantity":1,"unit_price":54900,"vat_rate_bp":2200},)"
    R"({"sku":"TV-55","quantity":1,"unit_price":54900,"vat_rate_bp":2200}]})"
    "\n"
    R"({"id":"INV-41","date":"2026-03-01","customer_id":"C1","channel":"b2c","currency":"EUR","lines":[)"
    R"({"sku":"CABLE-2","quantity":3,"unit_price":1000,"vat_rate_bp":2200},)"
    R"({"sku":"CABLE-2","quantity":3,"unit_price":1000,"vat_rate_bp":2200},)"
    R"({"sku":"CABLE-2","quantity":3,"unit_price":1000,"vat_rate_bp":2200},)"
    R"({"sku":"CABLE-2","quantity":3,"unit_price":1000,"vat_rate_bp":2200},)"
    R"({"sku":"CABLE-2","quantity":3,"unit_price":1000,"vat_rate_bp":2200},)"
    R"({"sku":"CABLE-2","quantity":3,"unit_price":1000,"vat_rate_bp":2200}]})"
    "\n";

struct ClaimFixture : ValuationFixture {
  explicit ClaimFixture(const std::string& path = ":memory:") : ValuationFixture(path) {
    REQUIRE(engine.import_run(op, ImportKind::sales_documents, ImportFormat::jsonl, kSales).rows_rejected == 0);
  }

  // A transport complaint about the TV of INV-40 line `line`.
  static CaseDraft tv(std::int32_t line) { return transport({"INV-40", line}, 1, std::nullopt); }
  // A transport complaint about the three cables of INV-41 line `line`.
  static CaseDraft cables(std::int32_t line, std::optional<Money> claimed = std::nullopt) {
    return transport({"INV-41", line}, 3, claimed);
  }

  static CaseDraft transport(const SalesDocumentRef& sale, std::int64_t quantity, std::optional<Money> claimed) {
    CaseDraft d;
    d.kind = CaseKind::complaint;
    d.category = ComplaintCategory::transport;
    d.customer_id = "C1";
    LineDraft l;
    l.sales_document = sale;
    l.quantity = quantity;
    l.reason_code = "broken_in_transit";
    l.claimed_amount = claimed;
    d.lines = {l};
    return d;
  }

  // The complaint started with goodwill chosen: the automatic action decides it, or not.
  Case start(Case c, bool received) {
    if (received) c = receive(c);
    c = choose(c, Resolution::goodwill);
    return engine.transition_case(op, c.id, "start");
  }
};

}  // namespace

TEST_CASE("claimed value: known at intake, the requested units at their net price, apart from the accepted goods") {
  ClaimFixture f;
  const Case tv = f.engine.create_case(f.op, ClaimFixture::tv(1));
  CHECK(total(tv, "claimed_value") == "549.00 EUR");
  CHECK(total(tv, "refund") == "0.00 EUR");  // nothing has arrived
  // The measures at both sides of their values.
  CHECK(passes("value_below", tv, {{"amount", "549.01 EUR"}, {"measure", "claimed_value"}}));
  CHECK_FALSE(passes("value_below", tv, {{"amount", "549.00 EUR"}, {"measure", "claimed_value"}}));
  CHECK_FALSE(passes("value_below", tv, {{"amount", "50.00 EUR"}, {"measure", "claimed_value"}}));
  CHECK(passes("value_above", tv, {{"amount", "548.99 EUR"}, {"measure", "claimed_value"}}));
  CHECK(passes("value_below", tv, {{"amount", "0.01 EUR"}, {"measure", "accepted_value"}}));
  CHECK_FALSE(passes("value_below", tv, {{"amount", "0.00 EUR"}, {"measure", "accepted_value"}}));
  const Case received = f.receive(tv);
  CHECK(total(received, "claimed_value") == "549.00 EUR");
  CHECK_FALSE(passes("value_below", received, {{"amount", "549.00 EUR"}, {"measure", "accepted_value"}}));
  CHECK(passes("value_below", received, {{"amount", "549.01 EUR"}, {"measure", "accepted_value"}}));
  // A guard's message names the measure it read.
  const GuardResult r = domain::evaluate_builtin_guard(
      domain::CompiledRule{"value_below", {{"amount", "50.00 EUR"}, {"measure", "claimed_value"}}}, tv);
  CHECK(r.message == "the case claimed_value 549.00 EUR is not below 50.00 EUR");

  // A return claims too: the phone and three cables, 400.00 + 30.00 EUR, before anything arrives.
  const Case ret = f.open_case();
  CHECK(total(ret, "claimed_value") == "430.00 EUR");
  CHECK(total(ret, "refund") == "0.00 EUR");
}

TEST_CASE("claimed value: 'accept claims under 50 EUR' leaves the 549 EUR TV alone, accepts 30 EUR and 49.99 EUR") {
  ClaimFixture f;
  f.accept_claims_below("50.00 EUR");
  struct Claim {
    CaseDraft draft;
    bool received;
    bool accepted;
  };
  const Claim claims[] = {
      {ClaimFixture::tv(1), false, false},                          // the finding: at intake it once read 0.00
      {ClaimFixture::tv(2), true, false},                           // 549.00
      {ClaimFixture::cables(1), true, true},                        // 30.00
      {ClaimFixture::cables(2, Money{4999, "EUR"}), true, true},    // 49.99 claimed (the cables and the postage)
      {ClaimFixture::cables(3, Money{5000, "EUR"}), true, false},   // 50.00 is not below 50.00
  };
  for (const Claim& claim : claims) {
    CAPTURE(claim.draft.lines[0].sales_document.document);
    CAPTURE(claim.draft.lines[0].sales_document.line);
    CAPTURE(claim.received);
    Case c = f.start(f.engine.create_case(f.op, claim.draft), claim.received);
    CHECK(c.status == (claim.accepted ? "accepted" : "in_progress"));
    const auto messages = f.messages_of(c.id);
    const OutboxMessage* credit = with_topic(messages, "credit_note_request");
    CHECK((credit != nullptr) == claim.accepted);
    if (credit) CHECK(json::parse(credit->payload)["totals"][0]["gross"] == 3660);  // the cables, refunded
  }
}

TEST_CASE("claimed value: an amount set by staff, validated in the case's currency and within 64 bits") {
  ClaimFixture f;
  // A claimant may not set it: it drives automatic actions.
  const Actor customer{Role::customer, "C1"};
  try {
    f.engine.create_case(customer, ClaimFixture::cables(1, Money{100, "EUR"}));
    FAIL("a customer set a claimed amount");
  } catch (const Error& e) {
    CHECK(e.status() == Status::permission_denied);
    CHECK(e.reason() == "role_not_allowed");
    CHECK(e.field() == "lines[0].claimed_amount");
  }
  // `line`: the sales line of the case, one for each case opened.
  auto refused = [&](const Money& m, std::int32_t line) {
    try {
      f.engine.create_case(f.op, ClaimFixture::cables(line, m));
    } catch (const Error& e) {
      CHECK(e.field() == "lines[0].claimed_amount");
      return e.status();
    }
    return Status::ok;
  };
  CHECK(refused(Money{-1, "EUR"}, 1) == Status::out_of_range);
  CHECK(refused(Money{0, "EUR"}, 1) == Status::ok);
  CHECK(refused(Money{100, "PLN"}, 2) == Status::invalid_argument);  // the cables were sold in EUR
  CHECK(refused(Money{100, "ZZZ"}, 2) == Status::unknown_value);
  const std::int64_t most = std::numeric_limits<std::int64_t>::max();
  CHECK(refused(Money{most, "EUR"}, 2) == Status::ok);
  // As JSON: the largest amount reads, one minor unit more is out of range.
  const Limits limits;
  const auto draft_with = [&](const char* amount) {
    return api::case_draft_from_json(
        json::parse(std::string(R"({"customer_id": "C1", "lines": [{"sku": "X", "claimed_amount": ")") + amount +
                    R"("}]})"),
        limits);
  };
  CHECK(draft_with("92233720368547758.07 EUR").lines[0].claimed_amount == Money{most, "EUR"});
  try {
    draft_with("92233720368547758.08 EUR");
    FAIL("an amount beyond 64 bits was read");
  } catch (const Error& e) {
    CHECK(e.status() == Status::out_of_range);
    CHECK(e.field() == "lines[0].claimed_amount");
  }
  // Two lines whose amounts cannot add up.
  CaseDraft two = ClaimFixture::cables(3, Money{most, "EUR"});
  two.lines.push_back(two.lines[0]);
  two.lines[1].sales_document = {"INV-41", 4};
  two.lines[1].claimed_amount = Money{1, "EUR"};
  CHECK(status_of([&] { f.engine.create_case(f.op, two); }) == Status::out_of_range);
  two.lines[1].claimed_amount = Money{0, "EUR"};
  const Case c = f.engine.create_case(f.op, two);
  CHECK(total(c, "claimed_value") == "92233720368547758.07 EUR");
}

TEST_CASE("claimed value: set, changed and cleared by a patch; stored, replayed and kept by a split") {
  rma_test::TempDb db;
  std::int64_t id = 0;
  {
    ClaimFixture f(db.path);
    Case c = f.engine.create_case(f.op, ClaimFixture::cables(1));
    id = c.id;
    CHECK(total(c, "claimed_value") == "30.00 EUR");
    CasePatch p;
    LinePatch lp;
    lp.line_no = 1;
    lp.claimed_amount = std::optional<Money>(Money{1250, "EUR"});
    p.lines.push_back(lp);
    c = f.engine.update_case(f.op, c.id, p);
    CHECK(c.lines[0].claimed_amount == Money{1250, "EUR"});
    CHECK(total(c, "claimed_value") == "12.50 EUR");
    lp.claimed_amount = std::optional<Money>(Money{1250, "PLN"});
    p.lines = {lp};
    CHECK(status_of([&] { f.engine.update_case(f.op, c.id, p); }) == Status::invalid_argument);
    // A split of one cable leaves the claim on the line it was made on.
    SplitRequest split;
    split.lines.push_back({1, 1});
    const SplitResult parts = f.engine.split_case(f.op, c.id, split);
    CHECK(parts.original.lines[0].claimed_amount == Money{1250, "EUR"});
    CHECK_FALSE(parts.created.lines[0].claimed_amount);
    CHECK(total(parts.created, "claimed_value") == "10.00 EUR");
    // JSON null clears it.
    JsonApi api{f.engine};
    const json cleared = json::parse(api.call(
        "operator:anna", "case.update",
        R"({"case_id": )" + std::to_string(c.id) + R"(, "changes": {"lines": [{"line_no": 1, "claimed_amount": null}]}})"));
    CHECK(cleared["lines"][0]["claimed_amount"].is_null());
    CHECK(cleared["valuation"]["totals"][0]["claimed_value"] == "20.00 EUR");
    lp.claimed_amount = std::optional<Money>(Money{990, "EUR"});
    p.lines = {lp};
    c = f.engine.update_case(f.op, c.id, p);
    CHECK(api::case_to_json(f.engine.replay_case(f.op, c.id)) == api::case_to_json(c));
  }
  ClaimFixture again(db.path);
  const Case stored = again.engine.get_case(again.op, id);
  CHECK(stored.lines[0].claimed_amount == Money{990, "EUR"});
  CHECK(api::to_json_value(stored)["lines"][0]["claimed_amount"] == "9.90 EUR");
}

TEST_CASE("claimed value: a version 6 database gains the claimed amounts when opened, its lines kept") {
  rma_test::TempDb db;
  std::int64_t id = 0;
  {
    ClaimFixture f(db.path);
    id = f.engine.create_case(f.op, ClaimFixture::tv(1)).id;
  }
  {
    SQLite::Database raw(db.path, SQLite::OPEN_READWRITE);
    rma_test::undo_schema_to(raw, 12);
    raw.exec(rma_test::kUndoSchema12);
    raw.exec(rma_test::kUndoSchema11);
    raw.exec(rma_test::kUndoSchema10);
    raw.exec(rma_test::kUndoSchema9);
    raw.exec(rma_test::kUndoSchema8);
    raw.exec("ALTER TABLE case_lines DROP COLUMN claimed_amount; PRAGMA user_version = 6;");
  }
  rma_test::EngineFixture reopened(db.path);
  const Case c = reopened.engine.get_case(reopened.op, id);
  CHECK(c.lines.at(0).qty_requested == 1);
  CHECK_FALSE(c.lines.at(0).claimed_amount);
  SQLite::Database raw(db.path, SQLite::OPEN_READONLY);
  CHECK(raw.execAndGet("PRAGMA user_version").getInt() == rma::store::kSchemaVersion);
}
