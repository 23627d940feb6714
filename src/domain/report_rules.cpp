#include "domain/report_rules.hpp"

#include <algorithm>
#include <string>

#include "domain/case_query_rules.hpp"
#include "domain/views.hpp"
#include "json/reader.hpp"
#include "rma/error.hpp"

namespace rma::domain {
namespace {

bool return_rate_measure(ReportMeasureKind kind) {
  return kind == ReportMeasureKind::sold_units || kind == ReportMeasureKind::returned_units ||
         kind == ReportMeasureKind::return_rate;
}

// The dimensions a sold line has: its product, its lot and its sale date.
bool return_rate_dimension(ReportDimension d) {
  switch (d) {
    case ReportDimension::sku:
    case ReportDimension::product_category:
    case ReportDimension::brand:
    case ReportDimension::supplier:
    case ReportDimension::lot:
    case ReportDimension::period: return true;
    default: return false;
  }
}

std::string at(const char* member, std::size_t i) { return codec::element_path(member, i); }

void check_shape(const ReportRequest& r) {
  if (r.dimensions.size() > kMaxReportDimensions) {
    throw Error(Status::out_of_range, "dimensions",
                "at most " + std::to_string(kMaxReportDimensions) + " dimensions, got " +
                    std::to_string(r.dimensions.size()));
  }
  if (r.measures.empty()) throw Error(Status::invalid_argument, "measures", "a report needs at least one measure");
  if (r.measures.size() > kMaxReportMeasures) {
    throw Error(Status::out_of_range, "measures",
                "at most " + std::to_string(kMaxReportMeasures) + " measures, got " + std::to_string(r.measures.size()));
  }
  const bool return_rate = r.subject == ReportSubject::return_rate;
  for (std::size_t i = 0; i < r.dimensions.size(); ++i) {
    if (std::find(r.dimensions.begin(), r.dimensions.begin() + static_cast<std::ptrdiff_t>(i), r.dimensions[i]) !=
        r.dimensions.begin() + static_cast<std::ptrdiff_t>(i)) {
      throw Error(Status::invalid_argument, at("dimensions", i),
                  std::string(report_dimension_name(r.dimensions[i])) + " is asked twice");
    }
    if (return_rate && !return_rate_dimension(r.dimensions[i])) {
      throw Error(Status::invalid_argument, at("dimensions", i),
                  std::string("the return rate groups sold units by sku, product_category, brand, supplier, lot and "
                              "period, not by ") + report_dimension_name(r.dimensions[i]));
    }
  }
  for (std::size_t i = 0; i < r.measures.size(); ++i) {
    const std::string name = r.measures[i].name();
    for (std::size_t j = 0; j < i; ++j) {
      if (r.measures[j].name() == name) {
        throw Error(Status::invalid_argument, at("measures", i), name + " is asked twice");
      }
    }
    if (return_rate != return_rate_measure(r.measures[i].kind)) {
      throw Error(Status::invalid_argument, at("measures", i),
                  return_rate ? name + " is not a measure of the return rate (sold_units, returned_units, return_rate)"
                              : name + " is a measure of the return rate: ask for subject \"return_rate\"");
    }
  }
}

void check_claimant(const ReportRequest& r, const Actor& by) {
  if (r.subject != ReportSubject::cases) {
    throw Error(Status::permission_denied, "subject", "a customer's own report counts its cases",
                "role_not_allowed");
  }
  for (std::size_t i = 0; i < r.dimensions.size(); ++i) {
    if (!claimant_report_dimension(r.dimensions[i])) {
      throw Error(Status::permission_denied, at("dimensions", i),
                  std::string(role_name(by.role)) + " may not group its report by " +
                      report_dimension_name(r.dimensions[i]),
                  "role_not_allowed");
    }
  }
  for (std::size_t i = 0; i < r.measures.size(); ++i) {
    if (!claimant_report_measure(r.measures[i].kind)) {
      throw Error(Status::permission_denied, at("measures", i),
                  std::string(role_name(by.role)) + " may not ask its report for " + r.measures[i].name(),
                  "role_not_allowed");
    }
  }
}

}  // namespace

void check_report_request(const ReportRequest& r, const Actor& by, const Limits& limits) {
  const Audience audience = audience_of(by);
  if (audience == Audience::supplier) {
    throw Error(Status::permission_denied, "actor", std::string(role_name(by.role)) + " may not run reports",
                "role_not_allowed");
  }
  check_shape(r);
  if (r.limit < 0 || r.limit > limits.max_report_groups) {
    throw Error(Status::out_of_range, "limit",
                "must be between 0 and " + std::to_string(limits.max_report_groups) + ", got " + std::to_string(r.limit));
  }
  // The filters as a case query: its own paging members keep their defaults here.
  CaseQuery filters = r.filters;
  filters.limit = 1;
  filters.offset = 0;
  filters.cursor.clear();
  filters.sort = CaseSort::created_at;
  try {
    check_case_query(filters, by, limits);
  } catch (const Error& e) {
    codec::rethrow_with_prefix(e, "filters");
  }
  if (audience == Audience::claimant) check_claimant(r, by);
}

bool needs_time_zone(const ReportRequest& r) {
  return r.subject == ReportSubject::cases &&
         std::find(r.dimensions.begin(), r.dimensions.end(), ReportDimension::period) != r.dimensions.end();
}

}  // namespace rma::domain
