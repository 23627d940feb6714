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

using namespace rma;
using nlohmann::json;
using rma_test::EngineFixture;

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
  FraudFixture() {
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
