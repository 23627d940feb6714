// Reports in the engine: built on the first report, following every change (this engine's and
// another process's), never counting a deleted case or another customer's, handling and
// first-response times from the history in calendar and business time, SLA breaches recorded by
// tick, filters only the store answers, and the CSV and XLSX exports.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "engine_fixture.hpp"

using namespace rma;
using rma_test::at;
using rma_test::EngineFixture;
using rma_test::status_of;

namespace {

// Monday 2026-03-09 09:00 UTC: the default office calendar (Mon–Fri 09:00–17:00 UTC) opens.
const char* const kMonday9 = "2026-03-09T09:00:00Z";

ReportRequest request(std::vector<ReportDimension> dims, std::vector<const char*> measures) {
  ReportRequest r;
  r.dimensions = std::move(dims);
  for (const char* m : measures) r.measures.push_back(ReportMeasure::parse(m, "measures"));
  return r;
}

CaseDraft draft(const char* customer, const char* sku, std::int64_t quantity, const char* reason = "defective") {
  CaseDraft d;
  d.kind = CaseKind::return_;
  d.channel = Channel::b2c;
  d.customer_id = customer;
  LineDraft l;
  l.sku = sku;
  l.quantity = quantity;
  l.reason_code = reason;
  d.lines = {l};
  return d;
}

std::int64_t cell(const Report& r, const std::string& key, std::size_t column) {
  for (const auto& row : r.rows) {
    if (const auto* s = std::get_if<std::string>(&row[0]); s && *s == key) return std::get<std::int64_t>(row[column]);
  }
  return 0;
}

std::int64_t total(const Report& r, std::size_t column) { return std::get<std::int64_t>(r.totals[column]); }

// Rejects the request and closes the case: decided when rejected, closed when closed.
void reject_and_close(EngineFixture& f, std::int64_t id, const char* rejected_at, const char* closed_at) {
  f.now = at(rejected_at);
  CasePatch p;
  p.resolution = Resolution::reject;
  f.engine.update_case(f.op, id, p);
  f.engine.transition_case(f.op, id, "reject_request");
  f.now = at(closed_at);
  f.engine.transition_case(f.op, id, "close");
}

std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

TEST_CASE("reports engine: counts by status follow every change; deleted and other customers' cases stay out") {
  EngineFixture f;
  f.now = at(kMonday9);
  const Case a = f.engine.create_case(f.op, draft("C1", "MUG-3", 1));
  const Case b = f.engine.create_case(f.op, draft("C1", "CABLE-2", 3));
  const Case c = f.engine.create_case(f.op, draft("C2", "CABLE-2", 2));
  const ReportRequest by_status = request({ReportDimension::status}, {"cases", "units_requested"});
  Report r = f.engine.run_report(f.op, by_status);
  CHECK(cell(r, "requested", 1) == 3);
  CHECK(cell(r, "requested", 2) == 6);
  // Changes after the first report are followed.
  f.engine.transition_case(f.op, b.id, "cancel");
  f.engine.delete_case(f.admin, c.id, "entered twice");
  r = f.engine.run_report(f.op, by_status);
  CHECK(cell(r, "requested", 1) == 1);
  CHECK(cell(r, "cancelled", 1) == 1);
  CHECK(total(r, 1) == 2);
  // A customer's own report: its cases only.
  r = f.engine.run_report(Actor{Role::customer, "C2"}, by_status);
  CHECK(total(r, 1) == 0);
  r = f.engine.run_report(f.customer, by_status);
  CHECK(total(r, 1) == 2);
  // Every other report is staff only; a customer may not reach past its own.
  CHECK(status_of([&] { f.engine.run_report(f.customer, request({ReportDimension::team}, {"cases"})); }) ==
        Status::permission_denied);
  CHECK(status_of([&] { f.engine.run_report(Actor{Role::supplier, "S1"}, by_status); }) ==
        Status::permission_denied);
  (void)a;
}

TEST_CASE("reports engine: times to first response, decision and closing, in calendar and business time") {
  EngineFixture f;
  f.now = at(kMonday9);
  const Case a = f.engine.create_case(f.op, draft("C1", "MUG-3", 1));
  // A claimant's message is no response; the operator's external note at 10:00 is.
  f.now = at("2026-03-09T09:30:00Z");
  f.engine.add_note(f.customer, a.id, NoteDraft{Visibility::external, "where is my refund?"});
  f.now = at("2026-03-09T10:00:00Z");
  f.engine.add_note(f.op, a.id, NoteDraft{Visibility::internal, "checking"});
  f.engine.add_note(f.op, a.id, NoteDraft{Visibility::external, "we are on it"});
  // Rejected (the decision) at 13:00, closed on Tuesday at 10:00.
  reject_and_close(f, a.id, "2026-03-09T13:00:00Z", "2026-03-10T10:00:00Z");
  const Report r = f.engine.run_report(
      f.op, request({}, {"first_response_time.mean", "first_response_time.mean.business",
                         "handling_time.decision.median", "handling_time.decision.median.business",
                         "handling_time.closing.mean", "handling_time.closing.mean.business", "reopen_rate"}));
  REQUIRE(r.rows.size() == 1);
  const auto& row = r.rows[0];
  CHECK(std::get<std::int64_t>(row[0]) == 3600);
  CHECK(std::get<std::int64_t>(row[1]) == 3600);
  CHECK(std::get<std::int64_t>(row[2]) == 4 * 3600);
  CHECK(std::get<std::int64_t>(row[3]) == 4 * 3600);
  CHECK(std::get<std::int64_t>(row[4]) == 25 * 3600);
  // Monday 09:00–17:00 and Tuesday 09:00–10:00 of the office calendar.
  CHECK(std::get<std::int64_t>(row[5]) == 9 * 3600);
  CHECK(std::get<double>(row[6]) == doctest::Approx(0.0));
  // An admin reopens it: a reopened case, no longer closed; the decision stays when it was.
  f.now = at("2026-03-11T09:00:00Z");
  f.engine.reopen_case(f.admin, a.id, "received", "the customer sent proof");
  const Report again = f.engine.run_report(
      f.op, request({}, {"reopened", "reopen_rate", "handling_time.closing.mean", "handling_time.decision.median"}));
  CHECK(std::get<std::int64_t>(again.rows[0][0]) == 1);
  CHECK(std::get<double>(again.rows[0][1]) == doctest::Approx(100.0));
  CHECK(std::holds_alternative<std::monostate>(again.rows[0][2]));
  CHECK(std::get<std::int64_t>(again.rows[0][3]) == 4 * 3600);
}

TEST_CASE("reports engine: SLA breaches recorded by tick count per clock; store-only filters narrow the cases") {
  EngineFixture f;
  f.now = at(kMonday9);
  const Case a = f.engine.create_case(f.op, draft("C1", "MUG-3", 1));
  const Case b = f.engine.create_case(f.op, draft("C1", "CABLE-2", 1));
  const ReportRequest breaches = request({}, {"sla_breached", "sla_breached.first_response", "sla_breached.resolution"});
  Report r = f.engine.run_report(f.op, breaches);
  CHECK(std::get<std::int64_t>(r.rows[0][0]) == 0);
  // Eight business hours later the first responses breach (the default policy).
  f.engine.add_note(f.op, b.id, NoteDraft{Visibility::external, "answered"});
  f.now = at("2026-03-10T10:00:00Z");
  f.engine.tick(f.op, std::nullopt);
  r = f.engine.run_report(f.op, breaches);
  CHECK(std::get<std::int64_t>(r.rows[0][0]) == 1);
  CHECK(std::get<std::int64_t>(r.rows[0][1]) == 1);
  CHECK(std::get<std::int64_t>(r.rows[0][2]) == 0);
  ReportRequest breached = request({}, {"cases"});
  breached.filters.sla_breached = true;
  CHECK(total(f.engine.run_report(f.op, breached), 0) == 1);
  // number_prefix is answered by the store.
  ReportRequest by_number = request({}, {"cases"});
  by_number.filters.number_prefix = a.number;
  CHECK(total(f.engine.run_report(f.op, by_number), 0) == 1);
  by_number.filters.number_prefix = "NO-SUCH-";
  CHECK(f.engine.run_report(f.op, by_number).rows.empty());
}

TEST_CASE("reports engine: another engine's writes on the same database are followed") {
  rma_test::TempDb db;
  EngineFixture f(db.path);
  Engine other = Engine::open(db.path);
  other.set_clock([&f] { return f.now; });
  f.now = at(kMonday9);
  f.engine.create_case(f.op, draft("C1", "MUG-3", 1));
  const ReportRequest by_sku = request({ReportDimension::sku}, {"cases", "units_requested"});
  CHECK(total(f.engine.run_report(f.op, by_sku), 1) == 1);
  const Case made = other.create_case(f.op, draft("C2", "CABLE-2", 4));
  Report r = f.engine.run_report(f.op, by_sku);
  CHECK(cell(r, "CABLE-2", 2) == 4);
  other.transition_case(f.op, made.id, "cancel");
  r = f.engine.run_report(f.op, request({ReportDimension::status}, {"cases"}));
  CHECK(cell(r, "cancelled", 1) == 1);
}

TEST_CASE("reports engine: a period needs a zone, the request's or the engine's; bad input writes nothing") {
  rma::Options options = rma_test::test_options();
  options.time_zone = "Europe/Berlin";
  EngineFixture f(":memory:", options);
  // 22:30 UTC on 31 March is 1 April in Berlin.
  f.now = at("2026-03-31T22:30:00Z");
  f.engine.create_case(f.op, draft("C1", "MUG-3", 1));
  ReportRequest r = request({ReportDimension::period}, {"cases"});
  r.period = ReportPeriod::quarter;
  Report out = f.engine.run_report(f.op, r);
  CHECK(std::get<Date>(out.rows[0][0]) == Date::from_iso("2026-04-01"));
  CHECK(out.time_zone == "Europe/Berlin");
  r.time_zone = "UTC";
  out = f.engine.run_report(f.op, r);
  CHECK(std::get<Date>(out.rows[0][0]) == Date::from_iso("2026-01-01"));
  r.time_zone = "Mars/Olympus";
  CHECK(status_of([&] { f.engine.run_report(f.op, r); }) == Status::unknown_value);
  // An engine without a zone refuses periods without one.
  EngineFixture plain;
  const std::int64_t events = plain.event_count();
  try {
    plain.engine.run_report(plain.op, request({ReportDimension::period}, {"cases"}));
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.status() == Status::invalid_argument);
    CHECK(e.field() == "time_zone");
  }
  CHECK(plain.event_count() == events);
  rma::Options bad;
  bad.time_zone = "CET-1CEST,M3.5.0";
  CHECK(status_of([&] { Engine::open(":memory:", bad); }) == Status::invalid_argument);
}

TEST_CASE("reports engine: CSV export is RFC 4180, guards formulas, reports progress and can be cancelled") {
  EngineFixture f;
  f.now = at(kMonday9);
  f.engine.create_case(f.op, draft("C1", "MUG-3", 1, "=HYPERLINK(\"x\")"));
  f.engine.create_case(f.op, draft("C1", "CABLE-2", 2, "scratched, \"badly\""));
  f.engine.create_case(f.op, draft("C2", "CABLE-2", 3, "@SUM(A1)"));
  const std::string path = "/tmp/rma-test-report-" + std::to_string(::getpid()) + ".csv";
  ReportExportOptions options;
  options.path = path;
  std::vector<std::pair<std::int64_t, std::int64_t>> calls;
  options.progress = [&](std::int64_t done, std::int64_t all) {
    calls.emplace_back(done, all);
    return true;
  };
  options.progress_every = 2;
  const ReportExportResult result =
      f.engine.export_report(f.op, request({ReportDimension::reason_code}, {"cases", "units_requested"}), options);
  CHECK(result.rows == 3);
  CHECK(result.format == ReportFormat::csv);
  const std::string text = file_text(path);
  CHECK(result.bytes == static_cast<std::int64_t>(text.size()));
  CHECK(text ==
        "reason_code,cases,units_requested\r\n"
        "\"'=HYPERLINK(\"\"x\"\")\",1,1\r\n"
        "'@SUM(A1),1,3\r\n"
        "\"scratched, \"\"badly\"\"\",1,2\r\n");
  CHECK(calls == std::vector<std::pair<std::int64_t, std::int64_t>>{{2, 3}, {3, 3}});
  // Cancelled: nothing is left behind.
  options.progress = [](std::int64_t, std::int64_t) { return false; };
  try {
    f.engine.export_report(f.op, request({ReportDimension::reason_code}, {"cases"}), options);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.status() == Status::invalid_argument);
    CHECK(e.field() == "progress");
  }
  CHECK(std::fopen(path.c_str(), "rb") == nullptr);
  // A file that cannot be written names the path; bad options are refused before anything runs.
  options.progress = nullptr;
  options.path = "/nonexistent-dir/report.csv";
  CHECK(status_of([&] { f.engine.export_report(f.op, request({}, {"cases"}), options); }) == Status::storage);
  options.path.clear();
  CHECK(status_of([&] { f.engine.export_report(f.op, request({}, {"cases"}), options); }) == Status::missing_field);
  options.path = path;
  options.progress_every = 0;
  CHECK(status_of([&] { f.engine.export_report(f.op, request({}, {"cases"}), options); }) == Status::out_of_range);
  options.progress_every = 10;
  options.format = ReportFormat::xlsx;
  options.sheet = "bad:name";
  CHECK(status_of([&] { f.engine.export_report(f.op, request({}, {"cases"}), options); }) ==
        Status::invalid_argument);
}

TEST_CASE("reports engine: XLSX export writes a workbook with one sheet and its chart") {
  EngineFixture f;
  f.now = at(kMonday9);
  for (int i = 0; i < 25; ++i) f.engine.create_case(f.op, draft(i % 2 ? "C1" : "C2", "CABLE-2", 1 + i % 3));
  const std::string path = "/tmp/rma-test-report-" + std::to_string(::getpid()) + ".xlsx";
  ReportExportOptions options;
  options.format = ReportFormat::xlsx;
  options.path = path;
  options.sheet = "Returns";
  std::int64_t last = 0;
  options.progress = [&](std::int64_t done, std::int64_t) {
    last = done;
    return true;
  };
  const ReportExportResult result =
      f.engine.export_report(f.op, request({ReportDimension::customer}, {"units_requested", "cases"}), options);
  CHECK(result.rows == 2);
  CHECK(last == 2);
  const std::string bytes = file_text(path);
  CHECK(bytes.substr(0, 2) == "PK");  // a ZIP container
  CHECK(result.bytes == static_cast<std::int64_t>(bytes.size()));
  // The package names its chart (tests/python/test_reports.py reads the sheet's XML).
  CHECK(bytes.find("xl/charts/chart1.xml") != std::string::npos);
  CHECK(bytes.find("xl/worksheets/sheet1.xml") != std::string::npos);
  std::remove(path.c_str());
}

TEST_CASE("reports engine: the columns are kept beside the database for the next process, which catches up") {
  if (!rma_test::test_postgres().empty()) return;  // a server has no file beside it: built each time
  rma_test::TempDb db;
  const std::string cache = db.path + "-reports";
  const ReportRequest by_status = request({ReportDimension::status}, {"cases"});
  rma::Timestamp now = at(kMonday9);
  const Actor op{Role::operator_, "anna"};
  {
    EngineFixture f(db.path);
    f.now = now;
    f.engine.create_case(f.op, draft("C1", "MUG-3", 1));
    f.engine.create_case(f.op, draft("C2", "MUG-3", 1));
    CHECK(total(f.engine.run_report(f.op, by_status), 1) == 2);
  }
  CHECK(std::ifstream(cache).good());
  std::int64_t cancelled_id = 0;
  {
    // A fresh process reads the file, and sees what was written after it.
    Engine e = Engine::open(db.path);
    e.set_clock([&] { return now; });
    CHECK(total(e.run_report(op, by_status), 1) == 2);
    const Case made = e.create_case(op, draft("C1", "CUP-4", 2));
    cancelled_id = made.id;
    Engine other = Engine::open(db.path);
    other.set_clock([&] { return now; });
    other.transition_case(op, made.id, "cancel");
    const Report r = e.run_report(op, by_status);
    CHECK(cell(r, "cancelled", 1) == 1);
    CHECK(total(r, 1) == 3);
  }
  {
    // The file is from before the last two commands: read back, then caught up from the log.
    Engine e = Engine::open(db.path);
    const Report r = e.run_report(op, by_status);
    CHECK(cell(r, "cancelled", 1) == 1);
    CHECK(cell(r, "requested", 1) == 2);
  }
  {
    // A damaged file is ignored: the columns are built again.
    std::FILE* f = std::fopen(cache.c_str(), "r+b");
    REQUIRE(f != nullptr);
    std::fseek(f, 40, SEEK_SET);
    const char junk[16] = {'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x'};
    std::fwrite(junk, 1, sizeof junk, f);
    std::fclose(f);
    Engine e = Engine::open(db.path);
    CHECK(total(e.run_report(op, by_status), 1) == 3);
  }
  {
    // Another database's file (its log differs) is not taken for this one's.
    rma_test::TempDb other_db;
    {
      EngineFixture g(other_db.path);
      g.now = now;
      g.engine.create_case(g.op, draft("C1", "MUG-3", 1));
    }
    std::ifstream in(cache, std::ios::binary);
    std::ofstream out(other_db.path + "-reports", std::ios::binary);
    out << in.rdbuf();
    out.close();
    Engine e = Engine::open(other_db.path);
    CHECK(total(e.run_report(op, by_status), 1) == 1);
  }
  (void)cancelled_id;
}
