// domain/report_rules.hpp — what a report may ask: how many dimensions and measures, which go
// together (the return rate has its own), its filters (case.query's rules, the same for every
// front door), its row limit, and what a customer may ask of its own report.
#pragma once

#include <cstddef>
#include <cstdint>

#include "rma/actor.hpp"
#include "rma/options.hpp"
#include "rma/report.hpp"

namespace rma::domain {

constexpr std::size_t kMaxReportDimensions = 3;
constexpr std::size_t kMaxReportMeasures = 16;

// Throws the first rule `request` breaks for `by`, naming the field:
//   out_of_range "dimensions" (more than three), "measures" (more than 16), "limit" (negative or
//   over limits.max_report_groups);
//   invalid_argument "measures" (none), "dimensions[i]" / "measures[i]" (asked twice; a
//   dimension or measure the subject has not: return-rate measures only in the return_rate
//   subject, its dimensions only sku, product_category, brand, supplier, lot and period);
//   permission_denied "actor" for a supplier (reason role_not_allowed), and for a customer
//   "dimensions[i]" / "measures[i]" beyond its allow-list (domain/views.hpp) or any subject but
//   cases; the filters' own rules (check_case_query), e.g. permission_denied "customer_id".
void check_report_request(const ReportRequest& request, const Actor& by, const Limits& limits);

// Whether the request cuts case creation times into periods, which needs a time zone.
bool needs_time_zone(const ReportRequest& request);

}  // namespace rma::domain
