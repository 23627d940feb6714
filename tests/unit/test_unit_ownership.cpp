// Units belong to their buyer: a case line on a serial or sales line sold to another customer
// gets none of that sale's facts, is flagged unit_sold_to_other_customer for staff and goes to
// manual review; errors tell a claimant nothing of what someone else bought.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "api/codec.hpp"
#include "domain/eligibility_rules.hpp"
#include "engine_fixture.hpp"

using namespace rma;
using rma_test::at;
using rma_test::EngineFixture;

namespace {

// C1 bought phone SN-100 (invoice INV-1, delivery note DDT-7, packed by Giulia); C2 bought ten
// cables on INV-2.
const char* const kSales =
    R"({"id":"INV-1","date":"2026-02-10","delivery_date":"2026-02-12","customer_id":"C1","channel":"b2c","lines":[{"sku":"PHONE-1","quantity":1,"unit_price":49900,"vat_rate_bp":2200,"discount":900,"serials":["SN-100"],"dispatch_document":"DDT-7","packers":["Giulia"]}]})"
    "\n"
    R"({"id":"INV-2","date":"2026-02-20","delivery_date":"2026-02-21","customer_id":"C2","channel":"b2b","distance_sale":false,"lines":[{"sku":"CABLE-2","quantity":10,"unit_price":399,"vat_rate_bp":2200}]})"
    "\n";

struct OwnershipFixture : EngineFixture {
  Actor c2{Role::customer, "C2"};
  OwnershipFixture() {
    ImportReport r = engine.import_run(op, ImportKind::sales_documents, ImportFormat::jsonl, kSales);
    REQUIRE(r.committed);
  }
  static CaseDraft draft(const std::string& customer, LineDraft line) {
    CaseDraft d;
    d.customer_id = customer;
    line.reason_code = "defective";
    d.lines = {line};
    return d;
  }
  static LineDraft phone(const std::string& serial) {
    LineDraft l;
    l.sku = "PHONE-1";
    l.serial = serial;
    return l;
  }
};

// Nothing of the other customer's sale is on the line, whatever the JSON shows of it.
void check_line_has_no_sale_facts(const CaseLine& l) {
  CHECK(l.sales_document.document.empty());
  CHECK(l.sales_document.line == 0);
  CHECK_FALSE(l.purchase_date.has_value());
  CHECK(l.unit_price == 0);
  CHECK(l.currency.empty());
  CHECK(l.vat_rate_bp == 0);
  CHECK(l.dispatch_document.empty());
  CHECK(l.packers.empty());
  const std::string text = api::to_json_value(l).dump();
  for (const char* fact : {"INV-1", "DDT-7", "Giulia", "49900", "2026-02-10"}) {
    CHECK_MESSAGE(text.find(fact) == std::string::npos, fact << " in " << text);
  }
}

// The answer's first line, and the same line as staff read it: no sale facts in either; the
// flag is on the line for staff (a customer's view does not list flags).
void check_no_sale_facts(Engine& engine, const Case& answer) {
  check_line_has_no_sale_facts(answer.lines.at(0));
  const Case stored = engine.get_case(Actor{Role::operator_, "anna"}, answer.id);
  check_line_has_no_sale_facts(stored.lines.at(0));
  CHECK(stored.lines.at(0).flags == std::vector<std::string>{domain::kUnitSoldToOtherCustomer});
}

void check_eligibility_json(const std::string& eligibility_json) {
  REQUIRE_FALSE(eligibility_json.empty());
  const auto e = nlohmann::json::parse(eligibility_json);
  CHECK(e["outcome"] == "manual_review");
  REQUIRE(e["results"].size() == 1);
  CHECK(e["results"][0]["validator"] == "sold_to_claimant");
  CHECK(e["results"][0]["reason"]["code"] == "unit_sold_to_other_customer");
}

// manual_review on the line; staff see which validator asked for it and why, the claimant only
// the outcome (the reason is a fraud signal).
void check_manual_review(Engine& engine, const Case& answer) {
  CHECK(nlohmann::json::parse(answer.lines.at(0).eligibility).at("outcome") == "manual_review");
  check_eligibility_json(engine.get_case(Actor{Role::operator_, "anna"}, answer.id).lines.at(0).eligibility);
}

}  // namespace

TEST_CASE("a customer opening a case on another customer's serial gets no sale facts; the line is flagged") {
  OwnershipFixture f;
  const Case c = f.engine.create_case(f.c2, OwnershipFixture::draft("C2", OwnershipFixture::phone("SN-100")));
  CHECK(c.customer_id == "C2");
  REQUIRE(c.lines.size() == 1);
  CHECK(c.lines[0].serial == "SN-100");  // what the claimant typed stays
  check_no_sale_facts(f.engine, c);
  check_manual_review(f.engine, c);
  CHECK(c.valuation.find("INV-1") == std::string::npos);

  // Staff read the flag from the stored case; the history holds none of the sale either.
  const Case stored = f.engine.get_case(f.op, c.id);
  check_no_sale_facts(f.engine, stored);
  check_manual_review(f.engine, stored);
  for (const Event& e : f.engine.history(f.op, c.id)) {
    CHECK_MESSAGE(e.data.find("DDT-7") == std::string::npos, e.type);
    CHECK_MESSAGE(e.data.find("INV-1") == std::string::npos, e.type);
  }

  // A customer that names no customer opens the case for itself, with the same outcome.
  CaseDraft unnamed = OwnershipFixture::draft("", OwnershipFixture::phone("SN-100"));
  const Case own = f.engine.create_case(f.c2, unnamed);
  CHECK(own.customer_id == "C2");
  check_no_sale_facts(f.engine, own);
}

TEST_CASE("another customer's sales line, or a line its document lacks, is flagged and not looked into") {
  OwnershipFixture f;
  LineDraft on_line;
  on_line.sku = "PHONE-1";
  on_line.serial = "SN-100";
  on_line.sales_document = {"INV-1", 1};
  Case c = f.engine.create_case(f.c2, OwnershipFixture::draft("C2", on_line));
  check_no_sale_facts(f.engine, c);

  // A line INV-1 does not have: for C1 it is not_found, for C2 it is someone else's document.
  LineDraft missing_line = on_line;
  missing_line.sales_document = {"INV-1", 9};
  missing_line.serial = "SN-X";
  CHECK(rma_test::status_of([&] { f.engine.create_case(f.customer, OwnershipFixture::draft("C1", missing_line)); }) ==
        Status::not_found);
  c = f.engine.create_case(f.c2, OwnershipFixture::draft("C2", missing_line));
  check_no_sale_facts(f.engine, c);

  // A serial that is not on another customer's line is no error either: the sale is not read.
  LineDraft wrong_serial = on_line;
  wrong_serial.serial = "SN-NOT-THERE";
  c = f.engine.create_case(f.c2, OwnershipFixture::draft("C2", wrong_serial));
  check_no_sale_facts(f.engine, c);

  // Staff opening a case for C2 on C1's unit get the same flag: the case's customer decides.
  c = f.engine.create_case(f.op, OwnershipFixture::draft("C2", OwnershipFixture::phone("SN-100")));
  check_no_sale_facts(f.engine, c);
  // Staff naming no customer open it for the buyer, with the sale's facts.
  c = f.engine.create_case(f.op, OwnershipFixture::draft("", OwnershipFixture::phone("SN-100")));
  CHECK(c.customer_id == "C1");
  CHECK(c.lines[0].flags.empty());
  CHECK(c.lines[0].sales_document.document == "INV-1");
  CHECK(c.lines[0].dispatch_document == "DDT-7");
  CHECK(c.lines[0].eligibility.empty());  // unchecked, as every line of one's own
}

TEST_CASE("the buyer's own claim is unaffected by another customer's flagged claim on the unit") {
  OwnershipFixture f;
  f.engine.create_case(f.c2, OwnershipFixture::draft("C2", OwnershipFixture::phone("SN-100")));
  // The flagged line names no sales line, so it takes none of C1's units.
  const Case c = f.engine.create_case(f.customer, OwnershipFixture::draft("C1", OwnershipFixture::phone("SN-100")));
  CHECK(c.lines[0].flags.empty());
  CHECK(c.lines[0].sales_document.document == "INV-1");
  CHECK(c.lines[0].unit_price == 49900);
  CHECK(f.engine.get_case(f.op, c.id).lines[0].packers == std::vector<std::string>{"Giulia"});  // staff only
}

TEST_CASE("re-checking a flagged line keeps the flag and manual_review, and reads nothing of the sale") {
  OwnershipFixture f;
  const Case c = f.engine.create_case(f.c2, OwnershipFixture::draft("C2", OwnershipFixture::phone("SN-100")));
  const Case checked = f.engine.check_case_line(f.op, c.id, 1, c.version);
  check_no_sale_facts(f.engine, checked);
  check_manual_review(f.engine, checked);
  const auto evidence = nlohmann::json::parse(checked.lines[0].warranty).at("evidence");
  CHECK(evidence["document"] == "");
  CHECK(evidence["sale_date"].is_null());
  CHECK(evidence["delivery_date"].is_null());
  CHECK(evidence["manufacturer_expires"].is_null());
  CHECK(checked.lines[0].warranty.find("INV-1") == std::string::npos);
  const Eligibility e = f.engine.check_eligibility(f.op, c.id, 1);
  CHECK(e.outcome == Outcome::manual_review);
  REQUIRE_FALSE(e.results.empty());
  CHECK(e.results[0].reason.code == "unit_sold_to_other_customer");
  // The event the check wrote holds none of the sale either.
  const Event last = f.engine.history(f.op, c.id).back();
  CHECK(last.type == "line.checked");
  CHECK(last.data.find("INV-1") == std::string::npos);
}

TEST_CASE("a line opened before its unit's sale to another customer was imported is flagged when checked") {
  EngineFixture f;
  CaseDraft d;
  d.customer_id = "C2";
  LineDraft l;
  l.sku = "PHONE-1";
  l.serial = "SN-LATE";
  d.lines = {l};
  const Case c = f.engine.create_case(f.op, d);  // nobody sold SN-LATE yet: an unknown unit
  CHECK(c.lines[0].flags.empty());
  const char* sale =
      R"({"id":"INV-7","date":"2026-01-10","delivery_date":"2026-01-12","customer_id":"C1","channel":"b2c","lines":[{"sku":"PHONE-1","quantity":1,"unit_price":100,"vat_rate_bp":0,"serials":["SN-LATE"],"dispatch_document":"DDT-LATE"}]})"
      "\n";
  REQUIRE(f.engine.import_run(f.op, ImportKind::sales_documents, ImportFormat::jsonl, sale).committed);
  const Case checked = f.engine.check_case_line(f.op, c.id, 1);
  CHECK(checked.lines[0].flags == std::vector<std::string>{domain::kUnitSoldToOtherCustomer});
  check_manual_review(f.engine, checked);
  CHECK(checked.lines[0].warranty.find("INV-7") == std::string::npos);
  CHECK(f.engine.get_case(f.op, c.id).lines[0].flags.size() == 1);
}

TEST_CASE("a SKU that does not match the sale: staff read what was sold, a customer does not") {
  OwnershipFixture f;
  LineDraft wrong = OwnershipFixture::phone("SN-100");
  wrong.sku = "CABLE-2";
  auto message_for = [&](const Actor& by) {
    try {
      f.engine.create_case(by, OwnershipFixture::draft("C1", wrong));
    } catch (const Error& e) {
      CHECK(e.status() == Status::invalid_argument);
      CHECK(e.field() == "lines[0].sku");
      return std::string(e.what());
    }
    FAIL("created");
    return std::string();
  };
  const std::string staff = message_for(f.op);
  CHECK(staff.find("PHONE-1") != std::string::npos);
  const std::string customer = message_for(f.customer);
  CHECK(customer.find("PHONE-1") == std::string::npos);
  CHECK(customer.find("CABLE-2") != std::string::npos);  // its own input may be repeated
  CHECK(customer.find("does not match") != std::string::npos);
}

TEST_CASE("the ownership rule in eligibility: sold_to_claimant comes first and decides alone for another's unit") {
  Case c;
  c.customer_id = "C1";
  CaseLine line;
  line.qty_requested = 1;
  SoldUnit sold;
  sold.customer_id = "C1";
  sold.document = "INV-1";
  sold.line_no = 1;
  sold.quantity = 1;
  sold.delivery_date = Date{2026, 1, 1};
  domain::EligibilityFacts facts;
  facts.c = &c;
  facts.line = &line;
  facts.sold = &sold;
  facts.today = Date{2026, 1, 5};
  Eligibility own = domain::decide_eligibility(ReturnRules(), facts);
  REQUIRE(own.results.size() == 7);
  CHECK(own.results[0].validator == "sold_to_claimant");
  CHECK(own.results[0].outcome == Outcome::pass);
  CHECK(own.results[0].reason.code == "sold_to_claimant");

  CHECK(domain::sold_to_other_customer(sold, "C2"));
  CHECK_FALSE(domain::sold_to_other_customer(sold, "C1"));
  sold.customer_id.clear();  // a sale with no recorded buyer is nobody else's
  CHECK_FALSE(domain::sold_to_other_customer(sold, "C2"));

  facts.sold = nullptr;
  facts.sold_to_other_customer = true;
  Eligibility other = domain::decide_eligibility(ReturnRules(), facts);
  CHECK(other.outcome == Outcome::manual_review);
  REQUIRE(other.results.size() == 1);
  CHECK(other.results[0].reason.code == "unit_sold_to_other_customer");
  CHECK(api::to_json_value(other) == api::to_json_value(domain::other_customer_eligibility()));
}
