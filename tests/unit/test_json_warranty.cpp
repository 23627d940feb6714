// The import, sold-unit and warranty ops of JsonApi (docs/json.md) over an in-memory engine: the
// documented shapes, the new Case line members, progress through call_import, the import size
// limit, and a table of bad requests with their status and field.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine_fixture.hpp"
#include "rma/rma.hpp"

using namespace rma;
using nlohmann::json;

TEST_SUITE_BEGIN("json");

namespace {

// A phone sold to C1 on 2024-03-10 and delivered two days later, ten cables sold to C2.
const char* const kSalesJsonl =
    R"({"id":"INV-1","date":"2024-03-10","delivery_date":"2024-03-12","customer_id":"C1","channel":"b2c","jurisdiction":"IT","lines":[{"sku":"PHONE-1","quantity":1,"unit_price":49900,"vat_rate_bp":2200,"serials":["SN-100"],"dispatch_document":"DDT-7","packers":["Giulia","Marco"]}]})"
    "\n"
    R"({"id":"INV-2","date":"2026-02-20","delivery_date":"2026-02-21","customer_id":"C2","channel":"b2b","distance_sale":false,"lines":[{"sku":"CABLE-2","quantity":10,"unit_price":399,"vat_rate_bp":2200}]})"
    "\n";

// The same kind of feed as CSV: a header, one row per document line, '|' between list items.
const char* const kSalesCsv =
    "id,date,delivery_date,customer_id,channel,currency,line_no,sku,quantity,unit_price,vat_rate_bp,serials,"
    "dispatch_document,packers\n"
    "INV-3,2026-03-01,2026-03-03,C1,b2c,EUR,1,PHONE-1,2,52900,2200,SN-200|SN-201,DDT-9,Giulia|Ola\n"
    "INV-3,2026-03-01,2026-03-03,C1,b2c,EUR,2,CABLE-2,1,399,2200,,DDT-9,Ola\n";

const char* const kPurchasesJsonl =
    R"({"id":"PO-1","date":"2024-02-01","supplier_id":"S1","lines":[{"line_no":1,"sku":"PHONE-1","quantity":1,"unit_cost":30000,"serials":["SN-100"]}]})"
    "\n";

Timestamp at(const char* iso) { return Timestamp::from_iso(iso); }

struct Api {
  Timestamp now = at("2026-03-10T09:00:00Z");
  Engine engine;
  JsonApi api{engine};

  explicit Api(const Options& options = rma_test::test_options()) : engine(Engine::open(":memory:", options)) {
    engine.set_clock([this] { return now; });
    call("operator.upsert", {{"id", "root"}, {"name", "Root"}, {"role", "admin"}}, "system:setup");
    call("customer.upsert", {{"id", "C1"}, {"name", "Rossi"}});
    call("customer.upsert", {{"id", "C2"}, {"name", "Kowalski"}});
    call("supplier.upsert", {{"id", "S1"}, {"name", "Parts GmbH"}});
    call("product.upsert", {{"sku", "PHONE-1"}, {"name", "Phone"}, {"serialized", true}, {"supplier_id", "S1"}});
    call("product.upsert", {{"sku", "CABLE-2"}, {"name", "Cable"}});
  }

  json call(const char* op, const json& request, const char* actor = "operator:anna") {
    return json::parse(api.call(actor, op, request.dump()));
  }
  json import(const char* kind, const char* format, const std::string& content, bool skip_bad_rows = false) {
    return call("import.run",
                {{"kind", kind}, {"format", format}, {"content", content}, {"skip_bad_rows", skip_bad_rows}});
  }
  Error fail(const char* op, const std::string& request, const char* actor = "operator:anna") {
    try {
      api.call(actor, op, request);
    } catch (const Error& e) {
      return e;
    }
    return Error(Status::ok, "", "no error");
  }
  std::int64_t last_event_seq() { return engine.stats().last_event_seq; }
};

// An Api with the sales feed imported.
struct SalesApi : Api {
  SalesApi() {
    const json report = import("sales_documents", "jsonl", kSalesJsonl);
    REQUIRE(report["committed"] == true);
    REQUIRE(report["records_written"] == 2);
  }
};

}  // namespace

TEST_CASE("import.run: JSONL and CSV, the report, and a second run that changes nothing") {
  Api a;
  const json first = a.import("sales_documents", "jsonl", kSalesJsonl);
  CHECK(first == json{{"rows_read", 2},
                      {"records_written", 2},
                      {"records_unchanged", 0},
                      {"rows_rejected", 0},
                      {"committed", true},
                      {"errors", json::array()},
                      {"errors_truncated", false},
                      {"error_counts", json::array()}});
  const json again = a.import("sales_documents", "jsonl", kSalesJsonl);
  CHECK(again["records_written"] == 0);
  CHECK(again["records_unchanged"] == 2);

  const json csv = a.import("sales_documents", "csv", kSalesCsv);
  CHECK(csv["committed"] == true);
  CHECK(csv["rows_read"] == 2);        // two rows ...
  CHECK(csv["records_written"] == 1);  // ... of one document
  CHECK(a.call("sales_document.get", {{"id", "INV-3"}})["lines"].size() == 2);

  const json customers = a.import("customers", "csv", "id,name\nC3,Nowak\n");
  CHECK(customers["records_written"] == 1);
  CHECK(a.call("customer.get", {{"id", "C3"}})["name"] == "Nowak");
  const json products = a.import("products", "jsonl", R"({"sku":"TAB-1","name":"Tablet","serialized":true})");
  CHECK(products["records_written"] == 1);
  const json suppliers = a.import("suppliers", "jsonl", R"({"id":"S2","name":"Screens S.A."})");
  CHECK(suppliers["records_written"] == 1);
  const json purchases = a.import("purchase_documents", "jsonl", kPurchasesJsonl);
  CHECK(purchases["records_written"] == 1);
}

TEST_CASE("import.run: a bad row rejects the batch unless skip_bad_rows; each error names line and field") {
  Api a;
  const std::string content = std::string(kSalesJsonl) +
                              R"({"id":"INV-9","date":"2026-02-30","customer_id":"C1","channel":"b2c",)"
                              R"("lines":[{"sku":"CABLE-2","quantity":1,"unit_price":1,"vat_rate_bp":0}]})" "\n";
  const std::int64_t before = a.last_event_seq();
  const json atomic = a.import("sales_documents", "jsonl", content);
  CHECK(atomic["committed"] == false);
  CHECK(atomic["rows_read"] == 3);
  CHECK(atomic["rows_rejected"] == 1);
  REQUIRE(atomic["errors"].size() == 1);
  CHECK(atomic["errors"][0]["line"] == 3);
  CHECK(atomic["errors"][0]["field"] == "date");
  CHECK(atomic["errors"][0]["reason"].get<std::string>().find("2026-02-30") != std::string::npos);
  CHECK(a.last_event_seq() == before);
  CHECK(a.call("sold_units.by_serial", {{"serial", "SN-100"}})["units"].empty());

  const json skipped = a.import("sales_documents", "jsonl", content, /*skip_bad_rows=*/true);
  CHECK(skipped["committed"] == true);
  CHECK(skipped["records_written"] == 2);
  CHECK(skipped["rows_rejected"] == 1);
  CHECK(a.call("sold_units.by_serial", {{"serial", "SN-100"}})["units"].size() == 1);
}

TEST_CASE("call_import: progress every n rows and once at the end; false cancels and writes nothing") {
  Api a;
  std::string content;
  for (int i = 1; i <= 5; ++i) content += R"({"id":"X)" + std::to_string(i) + R"(","name":"N"})" "\n";
  const std::string request =
      json{{"kind", "customers"}, {"format", "jsonl"}, {"content", content}, {"progress_every", 2}}.dump();

  std::vector<std::pair<std::int64_t, std::int64_t>> calls;
  const json report = json::parse(a.api.call_import("operator:anna", request, [&](std::int64_t done, std::int64_t total) {
    calls.emplace_back(done, total);
    return true;
  }));
  CHECK(report["records_written"] == 5);
  const std::vector<std::pair<std::int64_t, std::int64_t>> expected = {{2, 5}, {4, 5}, {5, 5}};
  CHECK(calls == expected);

  // An empty callback is allowed: call() passes one.
  CHECK(json::parse(a.api.call_import("operator:anna", request, ImportProgress()))["records_unchanged"] == 5);

  const std::string others =
      json{{"kind", "customers"}, {"format", "jsonl"}, {"content", R"({"id":"Y1","name":"N"})"}}.dump();
  const std::int64_t before = a.last_event_seq();
  try {
    a.api.call_import("operator:anna", others, [](std::int64_t, std::int64_t) { return false; });
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.status() == Status::invalid_argument);
    CHECK(e.field() == "progress");
  }
  CHECK(a.last_event_seq() == before);
  CHECK(a.fail("customer.get", R"({"id":"Y1"})").status() == Status::not_found);

  // call_import reads only import requests.
  try {
    a.api.call_import("operator:anna", R"({"kind":"customers","format":"jsonl"})", ImportProgress());
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.status() == Status::missing_field);
    CHECK(e.field() == "content");
  }
}

TEST_CASE("import.run is limited by max_import_bytes instead of max_request_bytes, on both sides") {
  Options options = rma_test::test_options();
  options.limits.max_request_bytes = 100;
  options.limits.max_import_bytes = 300;
  Api a(options);
  const std::string request =
      json{{"kind", "customers"}, {"format", "jsonl"}, {"content", R"({"id":"C9","name":"Big enough"})"}}.dump();
  REQUIRE(request.size() < 300);
  // Trailing spaces are JSON whitespace: they make the request exactly as long as the test needs.
  const std::string at_limit = request + std::string(300 - request.size(), ' ');
  CHECK(json::parse(a.api.call("operator:anna", "import.run", at_limit))["records_written"] == 1);
  CHECK(json::parse(a.api.call_import("operator:anna", at_limit, ImportProgress()))["records_unchanged"] == 1);

  Error e = a.fail("import.run", at_limit + " ");
  CHECK(e.status() == Status::too_large);
  CHECK(e.field().empty());
  try {
    a.api.call_import("operator:anna", at_limit + " ", ImportProgress());
    FAIL("no error");
  } catch (const Error& error) {
    CHECK(error.status() == Status::too_large);
  }
  // Every other op keeps max_request_bytes.
  e = a.fail("customer.get", R"({"id":"C9"})" + std::string(101 - 11, ' '));
  CHECK(e.status() == Status::too_large);
  CHECK(json::parse(a.api.call("operator:anna", "customer.get", R"({"id":"C9"})" + std::string(100 - 11, ' ')))["id"] ==
        "C9");
}

TEST_CASE("sales and purchase documents, and sold units by serial, by customer and SKU, by document") {
  SalesApi a;
  a.import("purchase_documents", "jsonl", kPurchasesJsonl);
  const json invoice = a.call("sales_document.get", {{"id", "INV-1"}});
  CHECK(invoice["date"] == "2024-03-10");
  CHECK(invoice["delivery_date"] == "2024-03-12");
  CHECK(invoice["channel"] == "b2c");
  CHECK(invoice["lines"][0]["serials"] == json{"SN-100"});
  CHECK(invoice["lines"][0]["packers"] == json{"Giulia", "Marco"});
  const json purchase = a.call("purchase_document.get", {{"id", "PO-1"}});
  CHECK(purchase["supplier_id"] == "S1");
  CHECK(purchase["lines"][0]["unit_cost"] == 30000);

  const json by_serial = a.call("sold_units.by_serial", {{"serial", "SN-100"}});
  REQUIRE(by_serial["units"].size() == 1);
  const json& unit = by_serial["units"][0];
  CHECK(unit["document"] == "INV-1");
  CHECK(unit["line_no"] == 1);
  CHECK(unit["sale_date"] == "2024-03-10");
  CHECK(unit["unit_price"] == 49900);
  CHECK(unit["currency"] == "EUR");
  CHECK(a.call("sold_units.by_customer", {{"customer_id", "C2"}, {"sku", "CABLE-2"}})["units"][0]["quantity"] == 10);
  CHECK(a.call("sold_units.by_customer", {{"customer_id", "C1"}, {"sku", "CABLE-2"}})["units"].empty());
  CHECK(a.call("sold_units.by_document", {{"document", "INV-2"}})["units"].size() == 1);
  CHECK(a.call("sold_units.by_serial", {{"serial", "SN-999"}}) == json{{"units", json::array()}});

  // A customer sees its own units only.
  CHECK(a.call("sold_units.by_serial", {{"serial", "SN-100"}}, "customer:C1")["units"].size() == 1);
  CHECK(a.call("sold_units.by_document", {{"document", "INV-2"}}, "customer:C1")["units"].empty());

  Error e = a.fail("sales_document.get", R"({"id":"INV-404"})");
  CHECK(e.status() == Status::not_found);
  CHECK(e.field() == "id");
  e = a.fail("purchase_document.get", R"({"id":"PO-404"})");
  CHECK(e.status() == Status::not_found);
  CHECK(e.field() == "id");
}

TEST_CASE("warranty.configure takes the config document and answers with what is stored") {
  Api a;
  const json defaults = a.call("warranty.config", json::object());
  CHECK(defaults["returns"]["withdrawal_days"] == 14);
  CHECK(defaults.contains("policies"));

  json changed = defaults;
  changed["returns"]["withdrawal_days"] = 30;
  const json stored = a.call("warranty.configure", changed, "admin:root");
  CHECK(stored == changed);
  CHECK(a.call("warranty.config", json::object()) == changed);

  // Errors keep the document's own paths.
  json bad = defaults;
  bad["returns"]["withdrawal_days"] = "thirty";
  Error e = a.fail("warranty.configure", bad.dump(), "admin:root");
  CHECK(e.status() == Status::wrong_type);
  CHECK(e.field() == "returns.withdrawal_days");
  e = a.fail("warranty.configure", R"({"polices":[]})", "admin:root");
  CHECK(e.status() == Status::unknown_value);
  CHECK(e.field() == "polices");
  e = a.fail("warranty.configure", defaults.dump(), "operator:anna");
  CHECK(e.status() == Status::permission_denied);
  CHECK(a.call("warranty.config", json::object())["returns"]["withdrawal_days"] == 30);
}

TEST_CASE("warranty.check on a date; extended contracts and registrations answer {}") {
  SalesApi a;
  const json verdict = a.call("warranty.check", {{"serial", "SN-100"}, {"on", "2025-01-01"}});
  CHECK(verdict["covered"] == true);
  CHECK(verdict["evidence"]["today"] == "2025-01-01");
  CHECK(verdict["evidence"]["document"] == "INV-1");
  CHECK(verdict["evidence"]["sale_date"] == "2024-03-10");
  const json today = a.call("warranty.check", {{"serial", "SN-100"}});
  CHECK(today["evidence"]["today"] == "2026-03-10");  // the engine's clock, in the configured zone

  const json later = a.call("warranty.check", {{"serial", "SN-100"}, {"on", "2026-06-01"}});
  CHECK(later["covered"] == false);
  CHECK(a.call("warranty.add_extended", {{"serial", "SN-100"},
                                         {"contract", "EXT-1"},
                                         {"start", "2026-03-13"},
                                         {"end", "2027-03-12"},
                                         {"coverage", "full"}}) == json::object());
  const json extended = a.call("warranty.check", {{"serial", "SN-100"}, {"on", "2026-06-01"}});
  CHECK(extended["covered"] == true);
  CHECK(extended["coverage"] == "extended");
  CHECK(extended["evidence"]["extended_expires"] == "2027-03-12");
  CHECK(a.call("warranty.check", {{"serial", "SN-100"}, {"on", "2027-03-13"}})["covered"] == false);

  CHECK(a.call("unit.register", {{"serial", "SN-100"}, {"registered_on", "2024-03-20"}}) == json::object());

  Error e = a.fail("warranty.add_extended",
                   R"({"serial":"SN-100","contract":"EXT-2","start":"2027-01-01","end":"2026-01-01"})");
  CHECK(e.status() == Status::out_of_range);
  CHECK(e.field() == "end");
}

TEST_CASE("a case opened from a serial over JSON carries the sale's facts; inspection and check_line") {
  SalesApi a;
  // No customer_id and no sku: the sold unit supplies them.
  const json created = a.call("case.create", {{"kind", "repair"}, {"lines", {{{"serial", "SN-100"}, {"reason_code", "defective"}}}}});
  const std::int64_t id = created["id"];
  CHECK(created["customer_id"] == "C1");
  const json& line = created["lines"][0];
  CHECK(line["sku"] == "PHONE-1");
  CHECK(line["sales_document"] == json{{"document", "INV-1"}, {"line", 1}});
  CHECK(line["purchase_date"] == "2024-03-10");
  CHECK(line["unit_price"] == 49900);
  CHECK(line["currency"] == "EUR");
  CHECK(line["vat_rate_bp"] == 2200);
  CHECK(line["dispatch_document"] == "DDT-7");
  CHECK(line["packers"] == json{"Giulia", "Marco"});
  CHECK(line["void_conditions"] == json::array());
  CHECK(line["unused"].is_null());
  CHECK(line["warranty"].is_null());
  CHECK(line["eligibility"].is_null());

  // Neither a customer nor a known serial: the engine names what is missing.
  Error e = a.fail("case.create", R"({"lines":[{"serial":"SN-404"}]})");
  CHECK(e.status() == Status::missing_field);
  CHECK(e.field() == "customer_id");

  const json eligibility = a.call("case.check_eligibility", {{"case_id", id}, {"line_no", 1}});
  CHECK(eligibility.contains("outcome"));
  REQUIRE_FALSE(eligibility["results"].empty());
  CHECK(eligibility["results"][0].contains("validator"));
  CHECK(eligibility["results"][0]["reason"].contains("code"));

  const json inspected = a.call(
      "case.update",
      {{"case_id", id},
       {"changes",
        {{"lines", {{{"line_no", 1}, {"void_conditions", {"liquid"}}, {"unused", false}, {"original_packaging", true}}}}}}});
  CHECK(inspected["lines"][0]["void_conditions"] == json{"liquid"});
  CHECK(inspected["lines"][0]["unused"] == false);
  CHECK(inspected["lines"][0]["original_packaging"] == true);
  CHECK(inspected["lines"][0]["accessories_complete"].is_null());

  // 2026-03-10 is still inside the manufacturer warranty (sold 2024-03-10), but the unit met liquid.
  const json checked = a.call("case.check_line", {{"case_id", id}, {"line_no", 1}, {"version", inspected["version"]}});
  CHECK(checked["version"] == inspected["version"].get<std::int64_t>() + 1);
  const json& verdict = checked["lines"][0]["warranty"];
  REQUIRE(verdict.is_object());
  CHECK(verdict["covered"] == false);
  bool liquid = false;
  for (const json& reason : verdict["reasons"]) liquid = liquid || reason["code"] == "void_condition.liquid";
  CHECK(liquid);
  CHECK(checked["lines"][0]["eligibility"]["outcome"].is_string());
  CHECK(a.call("case.get", {{"case_id", id}})["lines"][0]["warranty"] == verdict);

  e = a.fail("case.check_line", json{{"case_id", id}, {"line_no", 1}, {"version", 1}}.dump());
  CHECK(e.status() == Status::conflict);
  e = a.fail("case.check_line", json{{"case_id", id}, {"line_no", 2}}.dump());
  CHECK(e.status() == Status::not_found);
  CHECK(e.field() == "line_no");

  const json history = a.call("unit.history", {{"serial", "SN-100"}});
  std::vector<std::string> types;
  for (const json& record : history["records"]) {
    types.push_back(record["type"]);
    CHECK(record["case_id"] == id);
    CHECK(record["detail"].is_object());
  }
  CHECK(types == std::vector<std::string>{"case.opened", "warranty.checked"});
}

TEST_CASE("eligibility_input_to_json: what a host validator outside C++ receives") {
  SalesApi a;
  std::vector<json> seen;
  a.engine.add_eligibility_validator("recorder", [&](const EligibilityInput& input) {
    seen.push_back(json::parse(eligibility_input_to_json(input)));
    return ValidatorResult{};
  });
  const json created = a.call("case.create", {{"lines", {{{"serial", "SN-100"}, {"reason_code", "defective"}}}}});
  a.call("case.check_eligibility", {{"case_id", created["id"]}, {"line_no", 1}});
  REQUIRE(seen.size() == 1);
  const json& input = seen[0];
  CHECK(input.size() == 4);
  CHECK(input["case"]["id"] == created["id"]);
  CHECK(input["case"]["lines"][0]["purchase_date"] == "2024-03-10");
  CHECK(input["line_no"] == 1);
  CHECK(input["unit"]["serial"] == "SN-100");
  CHECK(input["unit"]["document"] == "INV-1");
  CHECK(input["today"] == "2026-03-10");

  // A line no sold unit matches gives "unit": null.
  Case c;
  c.id = 5;
  CaseLine line;
  line.line_no = 2;
  c.lines = {line};
  const json bare = json::parse(eligibility_input_to_json(EligibilityInput{&c, &c.lines[0], nullptr, Date{2026, 2, 28}}));
  CHECK(bare["unit"].is_null());
  CHECK(bare["line_no"] == 2);
  CHECK(bare["today"] == "2026-02-28");
}

TEST_CASE("bad requests to the import and warranty ops: status and field") {
  SalesApi a;
  const std::int64_t id = a.call("case.create", {{"lines", {{{"serial", "SN-100"}}}}})["id"];
  const std::string case_id = std::to_string(id);
  struct Row {
    const char* op;
    std::string request;
    Status status;
    std::string field;
  };
  const std::vector<Row> rows = {
      {"import.run", R"({"kind":"customers","format":"jsonl","content":""})", Status::ok, ""},
      {"import.run", R"({"kind":"clients","format":"jsonl","content":""})", Status::unknown_value, "kind"},
      {"import.run", R"({"kind":"customers","format":"xlsx","content":""})", Status::unknown_value, "format"},
      {"import.run", R"({"kind":"customers","format":"CSV","content":""})", Status::unknown_value, "format"},
      {"import.run", R"({"format":"csv","content":""})", Status::missing_field, "kind"},
      {"import.run", R"({"kind":"customers","content":""})", Status::missing_field, "format"},
      {"import.run", R"({"kind":"customers","format":"csv"})", Status::missing_field, "content"},
      {"import.run", R"({"kind":"customers","format":"csv","content":null})", Status::missing_field, "content"},
      {"import.run", R"({"kind":"customers","format":"csv","content":["id,name"]})", Status::wrong_type, "content"},
      {"import.run", R"({"kind":3,"format":"csv","content":""})", Status::wrong_type, "kind"},
      {"import.run", R"({"kind":"customers","format":"csv","content":"","skip_bad_rows":"yes"})", Status::wrong_type,
       "skip_bad_rows"},
      {"import.run", R"({"kind":"customers","format":"csv","content":"","progress_every":-1})", Status::out_of_range,
       "progress_every"},
      {"import.run", R"({"kind":"customers","format":"csv","content":"","progress_every":0})", Status::ok, ""},
      {"import.run", R"({"kind":"customers","format":"csv","content":"","progres_every":5})", Status::unknown_value,
       "progres_every"},
      {"import.run", R"({"kind":"customers","format":"jsonl","content":""})", Status::permission_denied, ""},
      {"sales_document.get", R"({})", Status::missing_field, "id"},
      {"sales_document.get", R"({"id":1})", Status::wrong_type, "id"},
      {"purchase_document.get", R"({"document":"PO-1"})", Status::missing_field, "id"},
      {"sold_units.by_serial", R"({"serial":["SN-100"]})", Status::wrong_type, "serial"},
      {"sold_units.by_customer", R"({"customer_id":"C1"})", Status::missing_field, "sku"},
      {"sold_units.by_customer", R"({"sku":"PHONE-1"})", Status::missing_field, "customer_id"},
      {"sold_units.by_document", R"({"document":"INV-1","line":1})", Status::unknown_value, "line"},
      {"warranty.config", R"({"time_zone":"UTC"})", Status::unknown_value, "time_zone"},
      {"warranty.check", R"({"serial":"SN-100","on":"2026-02-29"})", Status::out_of_range, "on"},
      {"warranty.check", R"({"serial":"SN-100","on":"2028-02-29"})", Status::ok, ""},
      {"warranty.check", R"({"serial":"SN-100","on":"01/03/2026"})", Status::invalid_argument, "on"},
      {"warranty.check", R"({"serial":"SN-100","on":"2026-03-01T00:00:00Z"})", Status::invalid_argument, "on"},
      {"warranty.check", R"({"serial":"SN-100","on":20260301})", Status::wrong_type, "on"},
      {"warranty.check", R"({"on":"2026-03-01"})", Status::missing_field, "serial"},
      {"warranty.add_extended", R"({"serial":"SN-100","contract":"E","start":"2026-13-01","end":"2027-01-01"})",
       Status::out_of_range, "start"},
      {"warranty.add_extended", R"({"serial":"SN-100","contract":"E","start":"2026-01-01","end":"next year"})",
       Status::invalid_argument, "end"},
      {"warranty.add_extended", R"({"serial":"SN-100","contract":"E","start":"2026-01-01"})", Status::missing_field,
       "end"},
      {"warranty.add_extended", R"({"serial":"SN-100","start":"2026-01-01","end":"2027-01-01"})",
       Status::missing_field, "contract"},
      {"warranty.add_extended",
       R"({"serial":"SN-100","contract":"E","start":"2026-01-01","end":"2027-01-01","coverage":5})",
       Status::wrong_type, "coverage"},
      {"warranty.add_extended", R"({"serial":"SN-100","contract":"E","start":"2026-01-01","end":"2026-01-01"})",
       Status::ok, ""},
      {"unit.register", R"({"serial":"SN-100"})", Status::missing_field, "registered_on"},
      {"unit.register", R"({"serial":"SN-100","registered_on":"2026-04-31"})", Status::out_of_range,
       "registered_on"},
      {"unit.register", R"({"serial":"SN-100","registered_on":"2026-04-30"})", Status::ok, ""},
      {"unit.register", R"({"serial":"","registered_on":"2026-04-30"})", Status::missing_field, "serial"},
      {"case.check_eligibility", R"({"case_id":)" + case_id + R"(,"line_no":0})", Status::out_of_range, "line_no"},
      {"case.check_eligibility", R"({"case_id":)" + case_id + "}", Status::missing_field, "line_no"},
      // A read takes no version.
      {"case.check_eligibility", R"({"case_id":)" + case_id + R"(,"line_no":1,"version":1})", Status::unknown_value,
       "version"},
      {"case.check_eligibility", R"({"case_id":9999,"line_no":1})", Status::not_found, "case_id"},
      {"case.check_line", R"({"case_id":"1","line_no":1})", Status::wrong_type, "case_id"},
      {"case.check_line", R"({"case_id":)" + case_id + R"(,"line_no":1,"version":0})", Status::out_of_range,
       "version"},
      {"unit.history", R"({})", Status::missing_field, "serial"},
      {"case.update",
       R"({"case_id":)" + case_id + R"(,"changes":{"lines":[{"line_no":1,"void_conditions":["liquid","water"]}]}})",
       Status::unknown_value, "changes.lines[0].void_conditions[1]"},
      {"case.update", R"({"case_id":)" + case_id + R"(,"changes":{"lines":[{"line_no":1,"unused":"no"}]}})",
       Status::wrong_type, "changes.lines[0].unused"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.op);
    CAPTURE(row.request);
    // The permission row runs as a customer: only staff import.
    const char* actor = row.status == Status::permission_denied ? "customer:C1" : "operator:anna";
    const Error e = a.fail(row.op, row.request, actor);
    CHECK(status_name(e.status()) == std::string(status_name(row.status)));
    if (row.status != Status::permission_denied) CHECK(e.field() == row.field);
  }

  // The message lists what is accepted.
  const Error e = a.fail("import.run", R"({"kind":"clients","format":"jsonl","content":""})");
  CHECK(std::string(e.what()) ==
        R"(kind: unknown value "clients" (expected one of: customers, products, suppliers, sales_documents, )"
        R"(purchase_documents))");
  const Error v = a.fail("case.update", R"({"case_id":)" + case_id +
                                            R"(,"changes":{"lines":[{"line_no":1,"void_conditions":["water"]}]}})");
  CHECK(std::string(v.what()).find("(expected one of: physical_damage, liquid, tampering, serial_missing_or_altered)") !=
        std::string::npos);
}
