// Warranty and the ERP feed through the engine: imports, case lines filled from the registry,
// verdicts stored with the line, eligibility, replacements and service history.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <chrono>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "domain/warranty_rules.hpp"
#include "engine_fixture.hpp"

using namespace rma;
using rma_test::at;
using rma_test::EngineFixture;

namespace {

// Three sales: a phone sold on 2024-03-10 and delivered two days later (B2C, Italy), a B2B
// order of cables, and a phone with no delivery yet.
const char* const kSales =
    R"({"id":"INV-1","date":"2024-03-10","delivery_date":"2024-03-12","customer_id":"C1","channel":"b2c","jurisdiction":"IT","lines":[{"sku":"PHONE-1","quantity":1,"unit_price":49900,"vat_rate_bp":2200,"serials":["SN-100"],"dispatch_document":"DDT-7","packers":["Giulia","Marco"]}]})"
    "\n"
    R"({"id":"INV-2","date":"2026-02-20","delivery_date":"2026-02-21","customer_id":"C2","channel":"b2b","distance_sale":false,"lines":[{"sku":"CABLE-2","quantity":10,"unit_price":399,"vat_rate_bp":2200}]})"
    "\n"
    R"({"id":"INV-3","date":"2026-03-01","customer_id":"C1","channel":"b2c","lines":[{"sku":"PHONE-1","quantity":1,"unit_price":52900,"vat_rate_bp":2200,"serials":["SN-200"]}]})"
    "\n";

struct WarrantyFixture : EngineFixture {
  explicit WarrantyFixture(const std::string& path = ":memory:") : EngineFixture(path) {
    ImportReport r = engine.import_run(op, ImportKind::sales_documents, ImportFormat::jsonl, kSales);
    REQUIRE(r.committed);
    REQUIRE(r.errors.empty());
    REQUIRE(r.records_written == 3);
  }
  Case open_from_serial(const std::string& serial) {
    CaseDraft d;
    d.kind = CaseKind::repair;
    LineDraft l;
    l.serial = serial;
    l.reason_code = "defective";
    d.lines = {l};
    return engine.create_case(op, d);
  }
};

}  // namespace

TEST_CASE("importing the same file twice changes nothing; sold units are found three ways") {
  WarrantyFixture f;
  const auto events = f.event_count();
  ImportReport again = f.engine.import_run(f.op, ImportKind::sales_documents, ImportFormat::jsonl, kSales);
  CHECK(again.committed);
  CHECK(again.records_written == 0);
  CHECK(again.records_unchanged == 3);
  CHECK(f.event_count() == events);  // not even an import.completed event

  auto by_serial = f.engine.sold_units_by_serial(f.op, "SN-100");
  REQUIRE(by_serial.size() == 1);
  CHECK(by_serial[0].document == "INV-1");
  CHECK(by_serial[0].packers == std::vector<std::string>{"Giulia", "Marco"});
  CHECK(f.engine.sold_units_by_customer(f.op, "C1", "PHONE-1").size() == 2);
  auto cables = f.engine.sold_units_by_document(f.op, "INV-2");
  REQUIRE(cables.size() == 1);
  CHECK(cables[0].quantity == 10);
  CHECK(f.engine.get_sales_document(f.op, "INV-1").lines.at(0).unit_price == 49900);
  CHECK(f.engine.sold_units_by_serial(f.customer, "SN-100").size() == 1);     // its own unit
  CHECK(f.engine.sold_units_by_document(f.customer, "INV-2").empty());        // not its own
}

TEST_CASE("a bad row rejects the whole batch unless bad rows are skipped; the report names line and field") {
  EngineFixture f;
  const std::string text = std::string(kSales) +
                           R"({"id":"INV-9","date":"2026-03-01","customer_id":"nobody","channel":"b2c","lines":[{"sku":"X","quantity":1,"unit_price":1,"vat_rate_bp":0}]})" "\n";
  const auto events = f.event_count();
  ImportReport atomic = f.engine.import_run(f.op, ImportKind::sales_documents, ImportFormat::jsonl, text);
  CHECK_FALSE(atomic.committed);
  REQUIRE(atomic.errors.size() == 1);
  CHECK(atomic.errors[0].line == 4);
  CHECK(atomic.errors[0].field == "customer_id");
  CHECK(f.event_count() == events);
  CHECK(f.engine.sold_units_by_serial(f.op, "SN-100").empty());

  ImportOptions skip;
  skip.skip_bad_rows = true;
  std::vector<std::int64_t> progress;
  skip.progress_every = 2;
  skip.progress = [&](std::int64_t done, std::int64_t total) {
    progress.push_back(done);
    CHECK(total == 4);
    return true;
  };
  ImportReport partial = f.engine.import_run(f.op, ImportKind::sales_documents, ImportFormat::jsonl, text, skip);
  CHECK(partial.committed);
  CHECK(partial.records_written == 3);
  CHECK(partial.rows_rejected == 1);
  CHECK_FALSE(progress.empty());
  CHECK(progress.back() == 4);
  CHECK(f.engine.sold_units_by_serial(f.op, "SN-100").size() == 1);

  ImportOptions cancel;
  cancel.progress_every = 1;
  cancel.progress = [](std::int64_t, std::int64_t) { return false; };
  const auto before_cancel = f.event_count();
  CHECK_THROWS_AS(f.engine.import_run(f.op, ImportKind::customers, ImportFormat::jsonl,
                                       R"({"id":"C7","name":"Nowak"})" "\n", cancel),
                  Error);
  CHECK(f.event_count() == before_cancel);
  CHECK_THROWS_AS(f.engine.get_customer(f.op, "C7"), Error);
}

TEST_CASE("a case line opened from a serial gets the sale's facts; the operator types nothing else") {
  WarrantyFixture f;
  Case c = f.open_from_serial("SN-100");
  CHECK(c.customer_id == "C1");
  REQUIRE(c.lines.size() == 1);
  const CaseLine& l = c.lines[0];
  CHECK(l.sku == "PHONE-1");
  CHECK(l.sales_document.document == "INV-1");
  CHECK(l.sales_document.line == 1);
  REQUIRE(l.purchase_date.has_value());
  CHECK(*l.purchase_date == Date{2024, 3, 10});
  CHECK(l.unit_price == 49900);
  CHECK(l.currency == "EUR");
  CHECK(l.vat_rate_bp == 2200);
  CHECK(l.dispatch_document == "DDT-7");
  CHECK(l.packers.size() == 2);
  CHECK(f.engine.get_case(f.op, c.id).lines[0].unit_price == 49900);  // and it is stored

  CaseDraft wrong;
  LineDraft line;
  line.serial = "SN-100";
  line.sku = "CABLE-2";
  wrong.lines = {line};
  CHECK_THROWS_AS(f.engine.create_case(f.op, wrong), Error);  // the sale was of a phone
}

TEST_CASE("checking a case line stores verdict and eligibility with the line and in its history") {
  WarrantyFixture f;
  f.now = at("2026-03-12T10:00:00Z");  // 24 months after delivery on 2024-03-12: the last covered day
  Case c = f.open_from_serial("SN-100");
  Case checked = f.engine.check_case_line(f.op, c.id, 1, c.version);
  auto verdict = nlohmann::json::parse(checked.lines[0].warranty);
  CHECK(verdict["covered"] == true);
  CHECK(verdict["coverage"] == "legal_guarantee");
  CHECK(verdict["expires"] == "2026-03-12");
  CHECK(verdict["days_remaining"] == 0);
  CHECK(nlohmann::json::parse(checked.lines[0].eligibility).contains("outcome"));
  CHECK(f.engine.history(f.op, c.id).back().type == "line.checked");

  f.now = at("2026-03-13T10:00:00Z");  // the first uncovered day
  Case later = f.engine.check_case_line(f.op, c.id, 1);
  auto expired = nlohmann::json::parse(later.lines[0].warranty);
  CHECK(expired["covered"] == false);
  CHECK(expired["days_remaining"] == -1);

  WarrantyVerdict direct = f.engine.check_warranty(f.op, "SN-100", Date{2026, 3, 12});
  CHECK(direct.covered);
  CHECK(direct.document == "INV-1");
}

TEST_CASE("the same units cannot be returned twice against one sales line") {
  WarrantyFixture f;
  f.now = at("2026-02-25T10:00:00Z");
  auto return_cables = [&](std::int64_t quantity) {
    CaseDraft d;
    d.channel = Channel::b2b;
    LineDraft l;
    l.sales_document = {"INV-2", 1};
    l.quantity = quantity;
    l.reason_code = "wrong_order";
    d.lines = {l};
    return f.engine.create_case(f.op, d);
  };
  Case first = return_cables(6);
  CHECK(first.customer_id == "C2");
  auto outcome_of = [&](const Case& c, const char* validator) {
    for (const ValidatorResult& r : f.engine.check_eligibility(f.op, c.id, 1).results) {
      if (r.validator == validator) return r.outcome;
    }
    FAIL("validator missing");
    return Outcome::fail;
  };
  CHECK(outcome_of(first, "not_already_returned") == Outcome::pass);
  Case exactly_rest = return_cables(4);  // 6 + 4 = 10 sold: at the boundary
  CHECK(outcome_of(exactly_rest, "not_already_returned") == Outcome::pass);
  // 11 > 10: the quantity bound refuses the case (test_returnable_units.cpp)...
  CHECK(rma_test::status_of([&] { return_cables(1); }) == Status::out_of_range);
  // ...so eligibility fails a line only when the counts changed after it was opened: an earlier
  // rejected case that takes its units back.
  CasePatch reject;
  reject.resolution = Resolution::reject;
  f.engine.update_case(f.op, first.id, reject);
  Case again = return_cables(6);
  CHECK(outcome_of(again, "not_already_returned") == Outcome::pass);
  CasePatch refund;
  refund.resolution = Resolution::refund;
  f.engine.update_case(f.op, first.id, refund);
  CHECK(outcome_of(first, "not_already_returned") == Outcome::pass);  // the earlier case owns its units
  CHECK(outcome_of(again, "not_already_returned") == Outcome::fail);  // 6 + 4 + 6 > 10
  CHECK(f.engine.check_eligibility(f.op, again.id, 1).outcome == Outcome::fail);
}

TEST_CASE("host validators run after the built-in ones") {
  WarrantyFixture f;
  f.engine.add_eligibility_validator("blacklist", [](const EligibilityInput& in) {
    ValidatorResult r;
    r.outcome = in.c->customer_id == "C1" ? Outcome::manual_review : Outcome::pass;
    r.reason = Reason{"customer_watchlist", "the customer is on the watch list"};
    return r;
  });
  f.engine.add_eligibility_validator("broken", [](const EligibilityInput&) -> ValidatorResult {
    throw std::runtime_error("host bug");
  });
  Case c = f.open_from_serial("SN-100");
  Eligibility e = f.engine.check_eligibility(f.op, c.id, 1);
  REQUIRE(e.results.size() >= 2);
  CHECK(e.results[e.results.size() - 2].validator == "blacklist");
  CHECK(e.results.back().validator == "broken");
  CHECK(e.results.back().outcome == Outcome::manual_review);
  CHECK(e.outcome != Outcome::pass);
}

TEST_CASE("a unit replaced twice inherits the original's coverage; service history tells the story") {
  WarrantyFixture f;
  f.now = at("2025-06-01T10:00:00Z");
  Case c = f.open_from_serial("SN-100");
  CasePatch p;
  LinePatch lp;
  lp.line_no = 1;
  lp.replacement_serial = "SN-101";
  p.lines = {lp};
  f.engine.update_case(f.op, c.id, p);

  f.now = at("2025-09-01T10:00:00Z");
  Case second = f.open_from_serial("SN-101");
  lp.replacement_serial = "SN-102";
  p.lines = {lp};
  f.engine.update_case(f.op, second.id, p);

  WarrantyVerdict original = f.engine.check_warranty(f.op, "SN-100", Date{2025, 10, 1});
  WarrantyVerdict twice = f.engine.check_warranty(f.op, "SN-102", Date{2025, 10, 1});
  CHECK(twice.replaced_serial == "SN-101");
  REQUIRE(twice.expires.has_value());
  CHECK(*twice.expires == *domain::inheritable_expiry(original));  // default policy: inherit

  auto history = f.engine.unit_history(f.op, "SN-101");
  std::vector<std::string> types;
  for (const ServiceRecord& r : history) types.push_back(r.type);
  CHECK(std::find(types.begin(), types.end(), "replaces") != types.end());
  CHECK(std::find(types.begin(), types.end(), "replaced_by") != types.end());
  CHECK(std::find(types.begin(), types.end(), "case.opened") != types.end());
}

TEST_CASE("extended warranty and configuration changes") {
  WarrantyFixture f;
  ExtendedWarranty w{"SN-100", "EXT-1", Date{2026, 3, 13}, Date{2027, 3, 12}, "full"};
  f.engine.add_extended_warranty(f.op, w);
  WarrantyVerdict v = f.engine.check_warranty(f.op, "SN-100", Date{2026, 6, 1});
  CHECK(v.covered);
  CHECK(v.coverage == CoverageKind::extended);
  CHECK(f.engine.check_warranty(f.op, "SN-100", Date{2027, 3, 13}).covered == false);
  ExtendedWarranty backwards{"SN-100", "EXT-2", Date{2027, 1, 1}, Date{2026, 1, 1}, "full"};
  CHECK_THROWS_AS(f.engine.add_extended_warranty(f.op, backwards), Error);

  WarrantyConfig config = f.engine.warranty_config(f.op);
  CHECK_THROWS_AS(f.engine.configure_warranty(f.op, config), Error);  // operators may not
  config.returns.withdrawal_days = 30;
  f.engine.configure_warranty(f.admin, config);
  CHECK(f.engine.warranty_config(f.op).returns.withdrawal_days == 30);
  CHECK_THROWS_AS(f.engine.check_warranty(f.customer, "SN-999"), Error);
}

TEST_CASE("another process's import is visible to a running engine") {
  rma_test::TempDb db;
  EngineFixture parent(db.path);
  CHECK(parent.engine.sold_units_by_serial(parent.op, "SN-100").empty());
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int code = 0;
    try {
      Engine child = Engine::open(db.path, rma_test::test_options());
      Actor op{Role::operator_, "luca"};
      ImportReport r = child.import_run(op, ImportKind::sales_documents, ImportFormat::jsonl, kSales);
      code = r.committed ? 0 : 1;
    } catch (...) {
      code = 2;
    }
    ::_exit(code);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  // Any ordinary read catches up at once...
  CHECK(parent.engine.stats().last_event_seq > 0);
  CHECK(parent.engine.sold_units_by_serial(parent.op, "SN-100").size() == 1);
  CHECK(parent.engine.check_warranty(parent.op, "SN-100", Date{2025, 1, 1}).covered);
}

TEST_CASE("warranty checks alone see another process's import within registry_refresh_ms") {
  rma_test::TempDb db;
  Options options = rma_test::test_options();
  options.registry_refresh_ms = 50;
  EngineFixture parent(db.path, options);
  CHECK(parent.engine.sold_units_by_serial(parent.op, "SN-100").empty());  // catches up now
  {
    Engine other = Engine::open(db.path, rma_test::test_options());
    other.import_run(Actor{Role::operator_, "luca"}, ImportKind::sales_documents, ImportFormat::jsonl, kSales);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(60));
  CHECK(parent.engine.sold_units_by_serial(parent.op, "SN-100").size() == 1);
}

TEST_CASE("a serialized product's sales line must list one serial per unit; CSV errors name the row") {
  EngineFixture f;  // PHONE-1 is serialized
  const std::string csv =
      "id,date,customer_id,channel,line_no,sku,quantity,unit_price,vat_rate_bp,serials\n"
      "INV-5,2026-01-10,C1,b2c,1,CABLE-2,3,399,2200,\n"
      "INV-5,2026-01-10,C1,b2c,2,PHONE-1,2,49900,2200,SN-1\n";
  ImportReport r = f.engine.import_run(f.op, ImportKind::sales_documents, ImportFormat::csv, csv);
  CHECK_FALSE(r.committed);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].line == 3);
  CHECK(r.errors[0].field == "serials");
  const std::string fixed = csv.substr(0, csv.size() - 1) + "|SN-2\n";
  CHECK(f.engine.import_run(f.op, ImportKind::sales_documents, ImportFormat::csv, fixed).committed);
  CHECK(f.engine.sold_units_by_document(f.op, "INV-5").size() == 3);  // two phones and the cables
}

TEST_CASE("registry_refresh_ms: 0 and 60000 are accepted, -1 and 60001 are not, in C++ and JSON") {
  for (int ms : {0, 60000}) {
    Options o;
    o.registry_refresh_ms = ms;
    CHECK_NOTHROW(Engine::open(":memory:", o));
    CHECK(options_from_json("{\"registry_refresh_ms\": " + std::to_string(ms) + "}").registry_refresh_ms == ms);
  }
  for (int ms : {-1, 60001}) {
    Options o;
    o.registry_refresh_ms = ms;
    CHECK_THROWS_AS(Engine::open(":memory:", o), Error);
    CHECK_THROWS_AS(options_from_json("{\"registry_refresh_ms\": " + std::to_string(ms) + "}"), Error);
  }
}

namespace {

// The refund clock of a B2C return of `serial` for `reason` opened at the fixture's now, if any.
std::optional<ClockStatus> refund_clock_of(const std::string& serial, const std::string& reason,
                                           CaseKind kind = CaseKind::return_) {
  WarrantyFixture f;  // a fresh registry: one case per unit
  CaseDraft d;
  d.kind = kind;
  d.channel = Channel::b2c;
  LineDraft l;
  l.serial = serial;
  l.reason_code = reason;
  d.lines = {l};
  const Case c = f.engine.create_case(f.op, d);
  for (const ClockStatus& clock : f.engine.case_sla(f.op, c.id).clocks)
    if (clock.clock == "legal:refund") return clock;
  return std::nullopt;
}

}  // namespace

TEST_CASE("a withdrawal in time starts the seller's 14-day refund clock (2011/83/EU art. 13)") {
  // Now 2026-03-10T09:00Z; the default SLA calendar is in UTC. SN-200 (B2C distance sale, not
  // delivered yet): 14 days from 2026-03-10 end on Tuesday 03-24, due at its end.
  const std::optional<ClockStatus> refund = refund_clock_of("SN-200", "changed_mind");
  REQUIRE(refund.has_value());
  CHECK(refund->started_at == at("2026-03-10T09:00:00Z"));
  CHECK(refund->due_at == at("2026-03-25T00:00:00Z"));
  CHECK_FALSE(refund->breached);
  CHECK_FALSE(refund->stopped);
  // A defect is a warranty matter; SN-100's window closed in 2024: no refund is owed by law.
  CHECK_FALSE(refund_clock_of("SN-200", "defective").has_value());
  CHECK_FALSE(refund_clock_of("SN-100", "changed_mind").has_value());
  // A repair is no withdrawal.
  CHECK_FALSE(refund_clock_of("SN-200", "changed_mind", CaseKind::repair).has_value());
}

TEST_CASE("the engine rolls legal periods off the built-in public holidays of the consumer's country") {
  WarrantyFixture f;
  const char* const sale =
      R"({"id":"INV-DE","date":"2026-03-27","delivery_date":"2026-03-29","customer_id":"C1","channel":"b2c","jurisdiction":"DE","lines":[{"sku":"PHONE-1","quantity":1,"unit_price":49900,"vat_rate_bp":1900,"serials":["SN-DE"]}]})"
      "\n";
  REQUIRE(f.engine.import_run(f.op, ImportKind::sales_documents, ImportFormat::jsonl, sale).committed);
  // 12 months from 2026-03-29 end on Monday 2027-03-29, Easter Monday in Germany: Tuesday.
  const WarrantyVerdict v = f.engine.check_warranty(f.op, "SN-DE", Date::from_iso("2026-06-01"));
  CHECK(v.presumption_until == Date::from_iso("2027-03-30"));
  REQUIRE(v.periods.size() == 1);
  CHECK(v.periods[0].text.find("ends Monday 2027-03-29 (a public holiday), rolled to Tuesday 2027-03-30") !=
        std::string::npos);
}
