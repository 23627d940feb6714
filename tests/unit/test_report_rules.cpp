// What a report may ask (domain/report_rules.hpp) and how measures are named (rma/report.hpp):
// stable codes naming the field for every bad request, before anything runs.
#include <doctest/doctest.h>

#include "domain/report_rules.hpp"
#include "rma/error.hpp"

using namespace rma;

namespace {

const Actor kOperator{Role::operator_, "anna"};
const Actor kCustomer{Role::customer, "C1"};

ReportRequest request(std::vector<ReportDimension> dims, std::vector<const char*> measures) {
  ReportRequest r;
  r.dimensions = std::move(dims);
  for (const char* m : measures) r.measures.push_back(ReportMeasure::parse(m, "measures"));
  return r;
}

// The status and field `f` fails with.
std::pair<Status, std::string> failure(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return {e.status(), e.field()};
  }
  return {Status::ok, std::string()};
}

std::pair<Status, std::string> check(const ReportRequest& r, const Actor& by = kOperator) {
  return failure([&] { domain::check_report_request(r, by, Limits()); });
}

}  // namespace

TEST_CASE("report measures: names read back as they are written, and unknown ones name the field") {
  for (const char* name : {"cases", "lines", "units_requested", "units_authorized", "units_received",
                           "units_accepted", "claimed", "refunded", "cost", "recovered",
                           "handling_time.closing.mean", "handling_time.decision.p90.business",
                           "first_response_time.median", "first_response_time.mean.business", "sla_breached",
                           "sla_breached.resolution", "sla_compliance.state:inspection", "sla_compliance",
                           "reopened", "reopen_rate", "sold_units", "returned_units", "return_rate"}) {
    CAPTURE(name);
    CHECK(ReportMeasure::parse(name, "measures[0]").name() == name);
  }
  // The calendar basis is the default, and is not written.
  CHECK(ReportMeasure::parse("handling_time.closing.median.calendar", "m").name() == "handling_time.closing.median");
  for (const char* bad : {"", "case", "cases.mean", "handling_time", "handling_time.closing",
                          "handling_time.closed.mean", "handling_time.closing.p95", "first_response_time",
                          "first_response_time.mean.weekdays", "first_response_time.mean.business.x",
                          "sla_breached.Resolution", "sla_breached.", "reopen_rate.business"}) {
    CAPTURE(bad);
    CHECK(failure([&] { ReportMeasure::parse(bad, "measures[2]"); }) ==
          std::make_pair(Status::unknown_value, std::string("measures[2]")));
  }
}

TEST_CASE("report requests: three dimensions at most, each once, at least one measure, 16 at most") {
  using D = ReportDimension;
  CHECK(check(request({D::sku, D::status, D::period}, {"cases"})).first == Status::ok);
  CHECK(check(request({D::sku, D::status, D::period, D::team}, {"cases"})) ==
        std::make_pair(Status::out_of_range, std::string("dimensions")));
  CHECK(check(request({D::sku, D::sku}, {"cases"})) ==
        std::make_pair(Status::invalid_argument, std::string("dimensions[1]")));
  CHECK(check(request({D::sku}, {})) == std::make_pair(Status::invalid_argument, std::string("measures")));
  CHECK(check(request({}, {"cases", "lines", "cases"})) ==
        std::make_pair(Status::invalid_argument, std::string("measures[2]")));
  ReportRequest many = request({}, {});
  for (const char* m : {"cases", "lines", "units_requested", "units_authorized", "units_received", "units_accepted",
                        "claimed", "refunded", "cost", "recovered", "reopened", "reopen_rate", "sla_breached",
                        "sla_compliance", "handling_time.closing.mean", "first_response_time.mean"}) {
    many.measures.push_back(ReportMeasure::parse(m, "m"));
  }
  CHECK(check(many).first == Status::ok);
  many.measures.push_back(ReportMeasure::parse("handling_time.decision.mean", "m"));
  CHECK(check(many) == std::make_pair(Status::out_of_range, std::string("measures")));
}

TEST_CASE("report requests: the return rate has its own measures and the sold line's dimensions") {
  using D = ReportDimension;
  ReportRequest r = request({D::sku, D::period}, {"sold_units", "return_rate"});
  CHECK(check(r).first == Status::invalid_argument);  // the cases subject
  r.subject = ReportSubject::return_rate;
  CHECK(check(r).first == Status::ok);
  r.dimensions = {D::sku, D::status};
  CHECK(check(r) == std::make_pair(Status::invalid_argument, std::string("dimensions[1]")));
  r.dimensions = {D::sku};
  r.measures.push_back(ReportMeasure::parse("cases", "m"));
  CHECK(check(r) == std::make_pair(Status::invalid_argument, std::string("measures[2]")));
}

TEST_CASE("report requests: limits, filters, and who may run which report") {
  using D = ReportDimension;
  ReportRequest r = request({D::status}, {"cases"});
  r.limit = -1;
  CHECK(check(r) == std::make_pair(Status::out_of_range, std::string("limit")));
  r.limit = Limits().max_report_groups;
  CHECK(check(r).first == Status::ok);
  r.limit = Limits().max_report_groups + 1;
  CHECK(check(r) == std::make_pair(Status::out_of_range, std::string("limit")));
  r.limit = 0;
  r.filters.sla_due_within = -5;
  CHECK(check(r) == std::make_pair(Status::out_of_range, std::string("filters.sla_due_within")));
  r.filters = CaseQuery();
  // A supplier runs no report.
  CHECK(check(r, Actor{Role::supplier, "S1"}) == std::make_pair(Status::permission_denied, std::string("actor")));
  // A customer: its own cases, by what its view shows, counted.
  CHECK(check(request({D::status, D::kind, D::period}, {"cases", "lines", "units_requested"}), kCustomer).first ==
        Status::ok);
  CHECK(check(request({D::status, D::assignee}, {"cases"}), kCustomer) ==
        std::make_pair(Status::permission_denied, std::string("dimensions[1]")));
  CHECK(check(request({D::customer}, {"cases"}), kCustomer) ==
        std::make_pair(Status::permission_denied, std::string("dimensions[0]")));
  CHECK(check(request({D::status}, {"cases", "claimed"}), kCustomer) ==
        std::make_pair(Status::permission_denied, std::string("measures[1]")));
  CHECK(check(request({D::status}, {"handling_time.closing.mean"}), kCustomer) ==
        std::make_pair(Status::permission_denied, std::string("measures[0]")));
  ReportRequest other = request({D::status}, {"cases"});
  other.filters.customer_id = "C2";
  CHECK(check(other, kCustomer) == std::make_pair(Status::permission_denied, std::string("filters.customer_id")));
  other.filters = CaseQuery();
  other.filters.team = "returns";
  CHECK(check(other, kCustomer) == std::make_pair(Status::permission_denied, std::string("filters.team")));
  ReportRequest rate = request({D::sku}, {"return_rate"});
  rate.subject = ReportSubject::return_rate;
  CHECK(check(rate, kCustomer) == std::make_pair(Status::permission_denied, std::string("subject")));
}
