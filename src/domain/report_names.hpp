// domain/report_names.hpp — the names of the report enums, in enum order, as error messages list
// them (rma/report.hpp has the *_name and *_from_name functions over the same arrays).
#pragma once

#include <array>

namespace rma::domain {

inline constexpr std::array<const char*, 16> kReportDimensionNames = {
    "customer", "sku",     "product_category", "brand",  "supplier",   "lot",      "reason_code", "root_cause",
    "kind",     "channel", "complaint_category", "status", "resolution", "assignee", "team",        "period"};
inline constexpr std::array<const char*, 5> kReportPeriodNames = {"day", "week", "month", "quarter", "year"};
inline constexpr std::array<const char*, 2> kReportSubjectNames = {"cases", "return_rate"};
inline constexpr std::array<const char*, 2> kReportFormatNames = {"csv", "xlsx"};
inline constexpr std::array<const char*, 6> kReportColumnTypeNames = {"text",    "period",  "integer",
                                                                      "money",   "seconds", "percent"};
inline constexpr std::array<const char*, 19> kReportMeasureNames = {
    "cases",         "lines",        "units_requested", "units_authorized",    "units_received",
    "units_accepted", "claimed",     "refunded",        "cost",                "recovered",
    "handling_time", "first_response_time", "sla_breached", "sla_compliance",  "reopened",
    "reopen_rate",   "sold_units",   "returned_units",  "return_rate"};

}  // namespace rma::domain
