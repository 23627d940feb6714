// Fraud signals through the engine and the JSON API (rma/fraud.hpp): staff see them on the
// customer and on the lines of its undecided cases; the customer and the supplier never do; a
// deleted case counts no more. The unit suite runs again on PostgreSQL (unit_postgres), so both
// stores give these answers.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine_fixture.hpp"
#include "rma/error.hpp"
#include "store/open.hpp"

using namespace rma;
using nlohmann::json;
using rma_test::EngineFixture;
using rma_test::TempDb;
using rma_test::at;
using rma_test::status_of;

namespace {

const char* const kSales =
    R"({"id":"INV-1","date":"2025-06-01","customer_id":"C1","channel":"b2c","lines":[)"
    R"({"sku":"PHONE-1","quantity":2,"unit_price":49900,"vat_rate_bp":2200,"serials":["SN-1","SN-2"]},)"
    R"({"sku":"CABLE-2","quantity":4,"unit_price":399,"vat_rate_bp":2200}]})"
    "\n"
    R"({"id":"INV-9","date":"2026-01-10","customer_id":"C2","channel":"b2c","lines":[)"
    R"({"sku":"PHONE-1","quantity":1,"unit_price":49900,"vat_rate_bp":2200,"serials":["SN-9"]}]})"
    "\n";

const char* const kFraud =
    R"({"fraud":{"returns_over_purchases":{"threshold":0.5,"min_count":5},)"
    R"("units_of_other_buyers":{"threshold":0,"min_count":1},)"
    R"("repeat_serial_returns":{"threshold":2,"min_count":1},)"
    R"("returns_after_heavy_use":{"threshold":180,"min_count":1}}})";

const std::vector<std::string> kAll = {kReturnsOverPurchases, kUnitsOfOtherBuyers, kRepeatSerialReturns,
                                       kReturnsAfterHeavyUse};

struct FraudFixture : EngineFixture {
  explicit FraudFixture(const std::string& path = ":memory:") : EngineFixture(path) {
    add_suppliers();
    REQUIRE(engine.import_run(op, ImportKind::sales_documents, ImportFormat::jsonl, kSales).rows_rejected == 0);
    engine.configure_warranty(admin, warranty_config_from_json(kFraud));
  }
  std::int64_t open(const char* serial, const char* reason) {
    CaseDraft d;
    d.kind = CaseKind::repair;
    d.channel = Channel::b2c;
    d.customer_id = "C1";
    d.supplier_id = "S1";
    LineDraft l;
    l.sku = "PHONE-1";
    l.serial = serial;
    l.reason_code = reason;
    d.lines = {l};
    return engine.create_case(op, d).id;
  }
  // A second case on a serial is refused while the first claims it (docs/warranty.md,
  // "Quantities bounded by the sale"): the repeat comes after a rejection.
  std::int64_t open_rejected(const char* serial, const char* reason) {
    const std::int64_t id = open(serial, reason);
    CasePatch reject;
    reject.resolution = Resolution::reject;
    engine.update_case(op, id, reject, std::nullopt);
    return id;
  }
};

// Staff's JSON view of a customer's signals, as `engine` answers it now.
json signals_of(Engine& engine, const char* customer_id = "C1") {
  JsonApi api{engine};
  const std::string request = json{{"id", customer_id}}.dump();
  return json::parse(api.call("operator:anna", "customer.get", request)).at("fraud_signals");
}

// The signals an engine that remembers nothing computes from the same store.
json fresh_signals(const std::string& path, const char* customer_id = "C1") {
  Engine fresh = Engine::open(path);
  return signals_of(fresh, customer_id);
}

}  // namespace

TEST_CASE("fraud engine: staff see every signal on the customer and on its undecided lines") {
  FraudFixture f;
  f.open_rejected("SN-1", "changed_mind");  // 282 days after its sale, claiming no defect: heavy use
  f.open("SN-1", "defective");     // the same serial again
  const std::int64_t third = f.open("SN-9", "defective");  // C2's phone
  const Customer c = f.engine.get_customer(f.op, "C1");
  REQUIRE(c.fraud_signals.has_value());
  CHECK(c.fraud_signals->raised == kAll);  // 3 units over 6 bought is 0.5
  CHECK(c.fraud_signals->units_bought == 6);
  CHECK(c.fraud_signals->units_returned == 3);
  CHECK(c.fraud_signals->signals[2].serials == std::vector<std::string>{"SN-1"});
  CHECK(f.engine.get_case(f.op, third).lines[0].fraud_signals == kAll);
  CHECK(f.engine.get_customer(f.op, "C2").fraud_signals->raised.empty());
}

TEST_CASE("fraud engine: the customer and the supplier never see a signal, through C++ or JSON") {
  FraudFixture f;
  f.open_rejected("SN-1", "changed_mind");
  const std::int64_t id = f.open("SN-1", "defective");
  CHECK_FALSE(f.engine.get_customer(f.customer, "C1").fraud_signals.has_value());
  CHECK(f.engine.get_case(f.customer, id).lines[0].fraud_signals.empty());
  const Actor supplier{Role::supplier, "S1"};
  CHECK(f.engine.get_case(supplier, id).lines[0].fraud_signals.empty());

  JsonApi api{f.engine};
  const json staff = json::parse(api.call("operator:anna", "customer.get", R"({"id":"C1"})"));
  CHECK(staff.contains("fraud_signals"));
  const json own = json::parse(api.call("customer:C1", "customer.get", R"({"id":"C1"})"));
  CHECK_FALSE(own.contains("fraud_signals"));
  const std::string request = R"({"case_id":)" + std::to_string(id) + "}";
  CHECK(json::parse(api.call("operator:anna", "case.get", request))["lines"][0].contains("fraud_signals"));
  for (const char* actor : {"customer:C1", "supplier:S1"}) {
    CAPTURE(actor);
    const std::string text = api.call(actor, "case.get", request);
    CHECK(text.find("fraud_signals") == std::string::npos);
    CHECK(text.find(kRepeatSerialReturns) == std::string::npos);
  }
  // What staff read back may be upserted again as it is.
  CHECK_NOTHROW(api.call("operator:anna", "customer.upsert", staff.dump()));
}

TEST_CASE("fraud engine: a deleted case counts no more; disabled, none is raised") {
  FraudFixture f;
  f.open_rejected("SN-2", "defective");
  const std::int64_t second = f.open_rejected("SN-2", "defective");
  CHECK(f.engine.get_customer(f.op, "C1").fraud_signals->signals[2].raised);
  f.engine.delete_case(f.admin, second, "opened twice by mistake");
  CHECK_FALSE(f.engine.get_customer(f.op, "C1").fraud_signals->signals[2].raised);

  WarrantyConfig off = f.engine.warranty_config(f.admin);
  off.fraud.enabled = false;
  f.engine.configure_warranty(f.admin, off);
  f.open("SN-2", "defective");
  CHECK(f.engine.get_customer(f.op, "C1").fraud_signals->raised.empty());
  CHECK(f.engine.get_customer(f.op, "C1").fraud_signals->signals[2].count == 1);
}

// The signals are remembered per customer between reads (engine/fraud_memo.hpp); each test
// below changes one thing they are computed from after a warm read, and checks the next read
// against an engine that remembers nothing, reading the same store.

TEST_CASE("fraud memo: a warm read answers as a cold one; a case write of the customer is seen at once") {
  TempDb db;
  FraudFixture f(db.path);
  const std::int64_t first = f.open_rejected("SN-1", "changed_mind");
  const json cold = signals_of(f.engine);
  CHECK(signals_of(f.engine) == cold);
  CHECK(cold == fresh_signals(db.path));
  CHECK(f.engine.get_case(f.op, first).lines[0].fraud_signals == cold["raised"].get<std::vector<std::string>>());

  const std::int64_t second = f.open("SN-1", "defective");  // a new case: the serial repeats
  const json repeated = signals_of(f.engine);
  CHECK(repeated != cold);
  CHECK(repeated["signals"][2]["raised"] == true);
  CHECK(repeated == fresh_signals(db.path));
  CHECK(f.engine.get_case(f.op, second).lines[0].fraud_signals ==
        repeated["raised"].get<std::vector<std::string>>());

  CasePatch reason;  // the line now claims no defect, 282 days after its sale: heavy use
  LinePatch line;
  line.line_no = 1;
  line.reason_code = "changed_mind";
  reason.lines = {line};
  f.engine.update_case(f.op, second, reason, std::nullopt);
  const json updated = signals_of(f.engine);
  CHECK(updated["signals"][3]["count"] == repeated["signals"][3]["count"].get<int>() + 1);
  CHECK(updated == fresh_signals(db.path));

  f.engine.delete_case(f.admin, second, "opened twice by mistake");
  CHECK(signals_of(f.engine) == cold);
  CHECK(signals_of(f.engine) == fresh_signals(db.path));
}

TEST_CASE("fraud memo: another customer's case leaves the signals as they were, and right") {
  TempDb db;
  FraudFixture f(db.path);
  f.open_rejected("SN-1", "changed_mind");
  const json c1 = signals_of(f.engine);
  const json c2 = signals_of(f.engine, "C2");
  CaseDraft d;
  d.kind = CaseKind::repair;
  d.channel = Channel::b2c;
  d.customer_id = "C2";
  LineDraft l;
  l.sku = "PHONE-1";
  l.serial = "SN-9";
  l.reason_code = "defective";
  d.lines = {l};
  f.engine.create_case(f.op, d);
  CHECK(signals_of(f.engine) == c1);
  CHECK(signals_of(f.engine, "C2") != c2);
  CHECK(signals_of(f.engine, "C2") == fresh_signals(db.path, "C2"));
}

TEST_CASE("fraud memo: a sales import changing the units bought is seen at once") {
  TempDb db;
  FraudFixture f(db.path);
  f.open("SN-1", "defective");
  const json before = signals_of(f.engine);
  CHECK(before["units_bought"] == 6);
  const char* more = R"({"id":"INV-2","date":"2026-02-01","customer_id":"C1","channel":"b2c","lines":[)"
                     R"({"sku":"CABLE-2","quantity":10,"unit_price":399,"vat_rate_bp":2200}]})"
                     "\n";
  REQUIRE(f.engine.import_run(f.op, ImportKind::sales_documents, ImportFormat::jsonl, more).rows_rejected == 0);
  const json after = signals_of(f.engine);
  CHECK(after["units_bought"] == 16);
  CHECK(after == fresh_signals(db.path));
}

TEST_CASE("fraud memo: a configuration change of the fraud rules or of the defect reasons is seen at once") {
  TempDb db;
  FraudFixture f(db.path);
  f.open_rejected("SN-1", "changed_mind");  // heavy use: changed_mind claims no defect
  const json before = signals_of(f.engine);
  CHECK(before["signals"][3]["raised"] == true);

  WarrantyConfig config = f.engine.warranty_config(f.admin);
  config.returns.defect_reasons.push_back("changed_mind");
  f.engine.configure_warranty(f.admin, config);
  const json reasons = signals_of(f.engine);
  CHECK(reasons["signals"][3]["raised"] == false);
  CHECK(reasons == fresh_signals(db.path));

  config.fraud.returns_after_heavy_use.min_count = 7;
  f.engine.configure_warranty(f.admin, config);
  const json rules = signals_of(f.engine);
  CHECK(rules["signals"][3]["min_count"] == 7);
  CHECK(rules == fresh_signals(db.path));
}

TEST_CASE("fraud memo: a privacy erasure of the customer's case is followed") {
  TempDb db;
  FraudFixture f(db.path);
  PrivacyConfig privacy;
  privacy.default_retention = RetentionRule{"", std::nullopt, 12, "test: one year"};
  f.engine.configure_privacy(f.admin, privacy);
  CaseDraft d = EngineFixture::one_line_draft();  // a return, which may be cancelled
  const std::int64_t id = f.engine.create_case(f.op, d).id;
  f.engine.transition_case(f.op, id, "cancel");
  const json before = signals_of(f.engine);
  f.now = at("2028-01-01T09:00:00Z");
  f.engine.erase_personal_data(f.admin, DataSubject{id, ""});
  // Erasure overwrites personal texts, none of which the signals read: the same answer, read
  // again from the store.
  CHECK(signals_of(f.engine) == before);
  CHECK(signals_of(f.engine) == fresh_signals(db.path));
}

TEST_CASE("fraud memo: a case written by another engine on the same store is seen at the next read") {
  TempDb db;
  FraudFixture f(db.path);
  f.open_rejected("SN-1", "changed_mind");
  const json before = signals_of(f.engine);
  CHECK(signals_of(f.engine) == before);  // warm
  {
    Engine other = Engine::open(db.path);
    CaseDraft d;
    d.kind = CaseKind::repair;
    d.channel = Channel::b2c;
    d.customer_id = "C1";
    LineDraft l;
    l.sku = "PHONE-1";
    l.serial = "SN-1";
    l.reason_code = "defective";
    d.lines = {l};
    other.create_case(f.op, d);
  }
  const json after = signals_of(f.engine);
  CHECK(after["signals"][2]["raised"] == true);
  CHECK(after != before);
  CHECK(after == fresh_signals(db.path));
}

TEST_CASE("fraud memo: a command that fails and rolls back leaves the signals right") {
  TempDb db;
  FraudFixture f(db.path);
  const std::int64_t id = f.open("SN-1", "defective");
  const json before = signals_of(f.engine);
  CasePatch patch;
  patch.priority = Priority::high;
  CHECK(status_of([&] { f.engine.update_case(f.op, id, patch, ExpectedVersion{99}); }) == Status::conflict);
  CHECK(signals_of(f.engine) == before);
  CHECK(signals_of(f.engine) == fresh_signals(db.path));
}

TEST_CASE("fraud store: the light read holds what the whole cases hold of the rules' fields, newest first, up to its limit") {
  TempDb db;
  FraudFixture f(db.path);
  f.open_rejected("SN-1", "changed_mind");
  f.now = at("2026-03-11T09:00:00Z");
  f.open("SN-1", "defective");
  CaseDraft d = EngineFixture::two_line_draft();
  d.lines[1].quantity = 2;
  f.now = at("2026-03-12T09:00:00Z");
  f.engine.create_case(f.op, d);
  const std::int64_t gone = f.open("SN-2", "defective");
  f.engine.delete_case(f.admin, gone, "opened by mistake");

  const std::unique_ptr<store::Store> s = store::open(db.path, Options());
  const std::vector<std::int64_t> ids = s->latest_customer_case_ids("C1", 200);
  const std::vector<Case> light = s->latest_customer_fraud_cases("C1", 200);
  REQUIRE(light.size() == ids.size());
  REQUIRE(light.size() == 3);  // the deleted case is left out
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const Case whole = *s->load_case(ids[i]);
    CAPTURE(i);
    CHECK(light[i].id == whole.id);
    CHECK(light[i].customer_id == whole.customer_id);
    CHECK(light[i].created_at == whole.created_at);
    REQUIRE(light[i].lines.size() == whole.lines.size());
    for (std::size_t j = 0; j < whole.lines.size(); ++j) {
      CHECK(light[i].lines[j].line_no == whole.lines[j].line_no);
      CHECK(light[i].lines[j].sku == whole.lines[j].sku);
      CHECK(light[i].lines[j].serial == whole.lines[j].serial);
      CHECK(light[i].lines[j].qty_requested == whole.lines[j].qty_requested);
      CHECK(light[i].lines[j].purchase_date == whole.lines[j].purchase_date);
      CHECK(light[i].lines[j].reason_code == whole.lines[j].reason_code);
      CHECK(light[i].lines[j].flags == whole.lines[j].flags);
    }
  }
  CHECK(light[0].lines.size() == 2);
  CHECK(light[0].lines[1].qty_requested == 2);
  // The limit, at and below the count of live cases.
  CHECK(s->latest_customer_fraud_cases("C1", 3).size() == 3);
  const std::vector<Case> two = s->latest_customer_fraud_cases("C1", 2);
  REQUIRE(two.size() == 2);
  CHECK(two[0].id == ids[0]);
  CHECK(two[1].id == ids[1]);
  CHECK(s->latest_customer_fraud_cases("C9", 200).empty());
}
