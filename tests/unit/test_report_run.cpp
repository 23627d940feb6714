// Reports as a pure function of the fact columns (domain/report_run.hpp), on columns kept by the
// index (index/report_index.hpp): grouping, line dimensions, line filters, money per currency,
// durations, SLA and reopen figures, the return rate, ordering and the group limit.
#include <doctest/doctest.h>

#include <functional>
#include <tuple>

#include "domain/report_run.hpp"
#include "index/report_index.hpp"
#include "rma/error.hpp"

using namespace rma;
using domain::CaseFact;
using domain::CaseFactLine;

namespace {

CaseFactLine line(const char* sku, std::int64_t requested, const char* reason = "defective", const char* lot = "",
                  const char* document = "", std::int32_t sales_line = 0) {
  CaseFactLine l;
  l.sku = sku;
  l.lot = lot;
  l.reason_code = reason;
  l.sales_document = document;
  l.sales_line = sales_line;
  l.qty_requested = requested;
  l.qty_received = requested;
  return l;
}

CaseFact fact(std::int64_t id, const char* customer, const char* status, std::vector<CaseFactLine> lines,
              const char* created = "2026-03-02T10:00:00Z") {
  CaseFact c;
  c.id = id;
  c.customer_id = customer;
  c.status = status;
  c.created_at = Timestamp::from_iso(created);
  c.updated_at = c.created_at;
  c.status_since = c.created_at;
  c.lines = std::move(lines);
  return c;
}

ReportRequest request(std::vector<ReportDimension> dims, std::vector<const char*> measures) {
  ReportRequest r;
  r.dimensions = std::move(dims);
  for (const char* m : measures) r.measures.push_back(ReportMeasure::parse(m, "measures"));
  return r;
}

struct Facts {
  index::ReportIndex index;
  // A table built of these cases.
  void build(const std::vector<CaseFact>& cases) {
    index.begin_build();
    for (const CaseFact& c : cases) index.put_case(c);
    index.finish_build();
  }
  domain::ReportInputs inputs() {
    domain::ReportInputs in;
    in.facts = &index.facts();
    in.closed_status.assign(index.facts().statuses.size(), 0);
    if (auto closed = index.facts().statuses.find("closed")) in.closed_status[*closed] = 1;
    return in;
  }
  Report run(const ReportRequest& r) { return domain::run_report(r, inputs()); }
};

// The row whose first cell is `key`.
const std::vector<ReportCell>& row_of(const Report& r, const std::string& key) {
  for (const auto& row : r.rows) {
    if (const auto* s = std::get_if<std::string>(&row[0]); s && *s == key) return row;
  }
  FAIL("no row " << key);
  return r.rows.front();
}

std::int64_t integer(const ReportCell& cell) { return std::get<std::int64_t>(cell); }

// The status, field and reason `run` fails with.
std::tuple<Status, std::string, std::string> failure(const std::function<void()>& run) {
  try {
    run();
  } catch (const Error& e) {
    return {e.status(), e.field(), e.reason()};
  }
  return {Status::ok, std::string(), std::string()};
}

}  // namespace

TEST_CASE("reports: cases by status, with totals; a retired or deleted case counts no more") {
  Facts f;
  f.build({fact(1, "C1", "requested", {line("A", 1)}),
           fact(2, "C1", "closed", {line("A", 2)}),
           fact(3, "C2", "requested", {line("B", 3)}),
           fact(4, "C2", "requested", {line("B", 1)})});
  // Case 3 changed (its new row replaces the old one); case 4 was deleted.
  f.index.put_case(fact(3, "C2", "closed", {line("B", 3)}));
  f.index.remove_case(4);
  const Report r = f.run(request({ReportDimension::status}, {"cases", "units_requested"}));
  REQUIRE(r.rows.size() == 2);
  CHECK(r.groups == 2);
  // Ordered by the dimension's text.
  CHECK(std::get<std::string>(r.rows[0][0]) == "closed");
  CHECK(integer(r.rows[0][1]) == 2);
  CHECK(integer(r.rows[0][2]) == 5);
  CHECK(integer(row_of(r, "requested")[1]) == 1);
  CHECK(std::holds_alternative<std::monostate>(r.totals[0]));
  CHECK(integer(r.totals[1]) == 3);
  CHECK(integer(r.totals[2]) == 6);
  CHECK(r.columns[0].dimension);
  CHECK(r.columns[1].name == "cases");
}

TEST_CASE("reports: a line dimension puts each line in its group and the case once in each") {
  Facts f;
  f.build({fact(1, "C1", "new", {line("A", 1), line("B", 2), line("A", 4)}),
           fact(2, "C1", "new", {line("B", 5)})});
  const Report r = f.run(request({ReportDimension::sku}, {"cases", "lines", "units_requested"}));
  REQUIRE(r.rows.size() == 2);
  CHECK(integer(row_of(r, "A")[1]) == 1);  // case 1 once, though two of its lines are A
  CHECK(integer(row_of(r, "A")[2]) == 2);
  CHECK(integer(row_of(r, "A")[3]) == 5);
  CHECK(integer(row_of(r, "B")[1]) == 2);
  CHECK(integer(row_of(r, "B")[3]) == 7);
  CHECK(integer(r.totals[1]) == 2);  // each case once in the totals
  CHECK(integer(r.totals[2]) == 4);
}

TEST_CASE("reports: line filters choose the lines that count and the cases that have one") {
  Facts f;
  f.build({fact(1, "C1", "new", {line("A", 1, "defective"), line("B", 2, "wrong_order")}),
           fact(2, "C1", "new", {line("B", 5, "wrong_order")})});
  ReportRequest r = request({}, {"cases", "units_requested"});
  r.filters.reason_code = "defective";
  Report out = f.run(r);
  REQUIRE(out.rows.size() == 1);
  CHECK(integer(out.rows[0][0]) == 1);
  CHECK(integer(out.rows[0][1]) == 1);  // only the defective line's unit
  r.filters.reason_code = "no_such_reason";
  out = f.run(r);
  CHECK(out.rows.empty());
  CHECK(integer(out.totals[0]) == 0);
  // A case filter and a customer's scope.
  r.filters = CaseQuery();
  r.filters.customer_id = "C2";
  CHECK(f.run(r).rows.empty());
  domain::ReportInputs in = f.inputs();
  in.customer_scope = "C1";
  r.filters = CaseQuery();
  CHECK(integer(domain::run_report(r, in).totals[0]) == 2);
  in.customer_scope = "C9";
  CHECK(domain::run_report(r, in).rows.empty());
}

TEST_CASE("reports: money sums per currency, one column each, never converted") {
  Facts f;
  f.build({fact(1, "C1", "new", {line("A", 1)}),
           fact(2, "C2", "new", {line("A", 1)}),
           fact(3, "C2", "new", {line("A", 1)})});
  f.index.start_money();
  f.index.put_money(1, {domain::MoneyFact{"EUR", 1050, 1200, 300, 0}});
  f.index.put_money(2, {domain::MoneyFact{"PLN", 9900, 0, 0, 500}, domain::MoneyFact{"EUR", 5, 0, 0, 0}});
  const Report r = f.run(request({ReportDimension::customer}, {"claimed", "recovered"}));
  REQUIRE(r.columns.size() == 5);
  CHECK(r.columns[1].name == "claimed.EUR");
  CHECK(r.columns[1].type == ReportColumnType::money);
  CHECK(r.columns[1].currency == "EUR");
  CHECK(r.columns[2].name == "claimed.PLN");
  CHECK(r.columns[4].name == "recovered.PLN");
  CHECK(integer(row_of(r, "C1")[1]) == 1050);
  CHECK(integer(row_of(r, "C1")[2]) == 0);
  CHECK(integer(row_of(r, "C2")[1]) == 5);
  CHECK(integer(row_of(r, "C2")[2]) == 9900);
  CHECK(integer(row_of(r, "C2")[4]) == 500);
  CHECK(integer(r.totals[1]) == 1055);
}

TEST_CASE("reports: the group limit holds at its number and refuses one group more") {
  Facts f;
  f.index.begin_build();
  for (int i = 1; i <= 3; ++i) f.index.put_case(fact(i, ("C" + std::to_string(i)).c_str(), "new", {line("A", 1)}));
  f.index.finish_build();
  domain::ReportInputs in = f.inputs();
  const ReportRequest r = request({ReportDimension::customer}, {"cases"});
  in.max_groups = 3;
  CHECK(domain::run_report(r, in).rows.size() == 3);
  in.max_groups = 2;
  CHECK(failure([&] { domain::run_report(r, in); }) ==
        std::make_tuple(Status::too_large, std::string("dimensions"), std::string("report_too_large")));
}

TEST_CASE("reports: rows ordered by a measure, the first N kept, the totals over all") {
  Facts f;
  f.build({fact(1, "C1", "new", {line("A", 1)}),
           fact(2, "C2", "new", {line("A", 9)}),
           fact(3, "C3", "new", {line("A", 4)})});
  ReportRequest r = request({ReportDimension::customer}, {"units_requested"});
  r.sort = "units_requested";
  r.descending = true;
  r.limit = 2;
  const Report out = f.run(r);
  REQUIRE(out.rows.size() == 2);
  CHECK(out.groups == 3);
  CHECK(std::get<std::string>(out.rows[0][0]) == "C2");
  CHECK(std::get<std::string>(out.rows[1][0]) == "C3");
  CHECK(integer(out.totals[1]) == 14);
  r.sort = "customer";
  CHECK(std::get<1>(failure([&] { f.run(r); })) == "sort");
  CHECK(std::get<0>(failure([&] { f.run(r); })) == Status::unknown_value);
}

TEST_CASE("reports: handling times to closing in calendar seconds, and business times from the milestones") {
  Facts f;
  f.index.begin_build();
  const char* created = "2026-03-02T10:00:00Z";
  auto closed_after = [&](std::int64_t id, std::int64_t seconds) {
    CaseFact c = fact(id, "C1", "closed", {line("A", 1)}, created);
    c.status_since = Timestamp{c.created_at.micros + seconds * 1000000};
    return c;
  };
  for (std::int64_t i = 1; i <= 10; ++i) f.index.put_case(closed_after(i, i * 100));
  f.index.put_case(fact(11, "C1", "new", {line("A", 1)}, created));  // open: no closing time
  f.index.finish_build();
  Report r = f.run(request({}, {"handling_time.closing.mean", "handling_time.closing.median",
                                "handling_time.closing.p90"}));
  CHECK(integer(r.rows[0][0]) == 550);
  CHECK(integer(r.rows[0][1]) == 550);  // (500 + 600) / 2
  CHECK(integer(r.rows[0][2]) == 900);  // the 9th of 10
  CHECK(r.columns[0].type == ReportColumnType::seconds);
  // Business times and first responses come with the milestones.
  f.index.start_milestones();
  domain::CaseMilestones m;
  m.first_response_at = Timestamp::from_iso("2026-03-02T11:00:00Z");
  m.business_first_response = 3600;
  m.reopens = 1;
  f.index.put_milestones(1, m);
  r = f.run(request({}, {"first_response_time.mean", "first_response_time.mean.business", "reopened",
                         "reopen_rate", "handling_time.decision.median"}));
  CHECK(integer(r.rows[0][0]) == 3600);
  CHECK(integer(r.rows[0][1]) == 3600);
  CHECK(integer(r.rows[0][2]) == 1);
  CHECK(std::get<double>(r.rows[0][3]) == doctest::Approx(9.09));  // 1 of 11
  CHECK(std::holds_alternative<std::monostate>(r.rows[0][4]));    // nothing decided
}

TEST_CASE("reports: SLA breaches per clock, and compliance over the closed cases") {
  Facts f;
  f.build({fact(1, "C1", "closed", {line("A", 1)}),
           fact(2, "C1", "closed", {line("A", 1)}),
           fact(3, "C1", "new", {line("A", 1)})});
  f.index.start_breaches();
  f.index.put_breach(1, "resolution");
  f.index.put_breach(3, "first_response");
  f.index.put_breach(3, "action:17");
  const Report r = f.run(request({}, {"sla_breached", "sla_breached.resolution", "sla_breached.action",
                                      "sla_compliance", "sla_compliance.first_response"}));
  CHECK(r.columns[1].name == "sla_breached.resolution");
  CHECK(integer(r.rows[0][0]) == 2);
  CHECK(integer(r.rows[0][1]) == 1);
  CHECK(integer(r.rows[0][2]) == 1);
  CHECK(std::get<double>(r.rows[0][3]) == doctest::Approx(50.0));   // of the two closed cases, one breached
  CHECK(std::get<double>(r.rows[0][4]) == doctest::Approx(100.0));  // case 3 is not closed
  ReportRequest breached = request({}, {"cases"});
  breached.filters.sla_breached = true;
  CHECK(integer(f.run(breached).rows[0][0]) == 2);
}

TEST_CASE("reports: the return rate is units returned over units sold, by the sold line's product and month") {
  Facts f;
  f.build({fact(1, "C1", "new", {line("A", 2, "defective", "", "INV-1", 1)}),
           fact(2, "C1", "new", {line("A", 1, "changed_mind", "", "INV-2", 1), line("B", 1)})});
  f.index.start_sold();
  f.index.put_sold(domain::SoldFact{"INV-1", 1, Date::from_iso("2026-01-31"), "C1", "A", "L1", 10});
  f.index.put_sold(domain::SoldFact{"INV-2", 1, Date::from_iso("2026-02-01"), "C1", "A", "L2", 30});
  f.index.put_sold(domain::SoldFact{"INV-3", 1, Date::from_iso("2026-02-03"), "C2", "B", "", 5});
  f.index.finish_sold();
  ReportRequest r = request({ReportDimension::sku, ReportDimension::period},
                            {"sold_units", "returned_units", "return_rate"});
  r.subject = ReportSubject::return_rate;
  Report out = f.run(r);
  REQUIRE(out.rows.size() == 3);
  // A sold in January: 2 of 10 came back.
  CHECK(std::get<Date>(out.rows[0][1]) == Date::from_iso("2026-01-01"));
  CHECK(integer(out.rows[0][2]) == 10);
  CHECK(integer(out.rows[0][3]) == 2);
  CHECK(std::get<double>(out.rows[0][4]) == doctest::Approx(20.0));
  // A sold in February: 1 of 30; B: 0 of 5 (its returned line names no sale).
  CHECK(integer(out.rows[1][3]) == 1);
  CHECK(std::get<double>(out.rows[1][4]) == doctest::Approx(3.33));
  CHECK(integer(out.rows[2][3]) == 0);
  CHECK(integer(out.totals[2]) == 45);
  CHECK(integer(out.totals[3]) == 3);
  // Case filters choose the returns; the sold side keeps every sale.
  r.filters.reason_code = "defective";
  out = f.run(r);
  CHECK(integer(out.totals[2]) == 45);
  CHECK(integer(out.totals[3]) == 2);
  // A lot filter chooses sold lines, and the returns of those.
  r.filters = CaseQuery();
  r.filters.lot = "L2";
  out = f.run(r);
  CHECK(integer(out.totals[2]) == 30);
  CHECK(integer(out.totals[3]) == 1);
}

TEST_CASE("reports: periods of case creation in the report's zone; without a zone, refused") {
  Facts f;
  f.index.begin_build();
  // 22:30 UTC on 31 March is 00:30 on 1 April in Berlin (summer time).
  f.index.put_case(fact(1, "C1", "new", {line("A", 1)}, "2026-03-31T22:30:00Z"));
  f.index.put_case(fact(2, "C1", "new", {line("A", 1)}, "2026-03-31T21:30:00Z"));
  f.index.finish_build();
  ReportRequest r = request({ReportDimension::period}, {"cases"});
  CHECK(std::get<1>(failure([&] { f.run(r); })) == "time_zone");
  const domain::TimeZone berlin = domain::TimeZone::parse("Europe/Berlin", "time_zone");
  domain::ReportInputs in = f.inputs();
  in.zone = &berlin;
  in.zone_text = "Europe/Berlin";
  const Report out = domain::run_report(r, in);
  REQUIRE(out.rows.size() == 2);
  CHECK(std::get<Date>(out.rows[0][0]) == Date::from_iso("2026-03-01"));
  CHECK(std::get<Date>(out.rows[1][0]) == Date::from_iso("2026-04-01"));
  CHECK(out.time_zone == "Europe/Berlin");
  CHECK(out.columns[0].type == ReportColumnType::period);
}
