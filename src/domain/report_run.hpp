// domain/report_run.hpp — a report as a pure function of the fact columns (report_facts.hpp) and
// what the engine knows besides them: which statuses are closed, the time zone of periods, the
// asker's scope and the cases the store matched for filters only it can answer.
//
// Rules (docs/reports.md):
// - A case counts when it is live, in the asker's scope and passes every filter. Line filters
//   (sku, lot, reason_code, sales_document) also choose its lines: a case counts when one of its
//   lines passes them, and line measures add only those lines.
// - Line dimensions put each line in its group; a case is counted once in each group one of its
//   lines is in, and once in the totals.
// - Money is summed per currency, one column per currency found, never converted.
// - Handling time to closing: creation to entering the closed state it is in (cases in a state of
//   category closed); to decision: creation to first entering a state that locks the decision;
//   first response: creation to the first external note by staff. Calendar seconds, or business
//   seconds on the calendar of the case's SLA policy.
// - sla_breached: cases with a recorded breach (sla.tick) of the clock, or of any clock;
//   sla_compliance: of the closed cases, the percentage without one.
// - reopened: cases reopened at least once; reopen_rate: their percentage of the cases.
// - Return rate: units requested on case lines that name a sold line, over the units sold, by the
//   sold line's product, lot and sale period.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/report_facts.hpp"
#include "domain/report_measures.hpp"
#include "domain/time_zone.hpp"
#include "rma/report.hpp"

namespace rma::domain {

// Buffers one report leaves to the next (the engine keeps one): a million keys and durations in
// fresh memory cost a page fault per 4 KiB on every report. They hold no result.
struct ReportScratch {
  std::vector<std::uint64_t> keys;
  std::vector<DurationBuffers> durations;  // by measure
};

struct ReportInputs {
  const ReportFacts* facts = nullptr;
  // The zone of case periods; required when needs_time_zone(request).
  const TimeZone* zone = nullptr;
  std::string zone_text;
  // By status code: 1 for a state of category closed.
  std::vector<std::uint8_t> closed_status;
  // A customer's own report: only this customer's cases.
  std::optional<std::string> customer_scope;
  // Per case row: 1 when the store matched the filters only it answers (row_matches_needed).
  const std::vector<std::uint8_t>* row_matches = nullptr;
  std::int64_t max_groups = 1000000;
  ReportScratch* scratch = nullptr;  // null: buffers of the report's own
};

// What a request needs besides the base columns.
struct ReportNeeds {
  bool money = false;
  bool milestones = false;
  bool breaches = false;
  bool sold = false;
  // Filters the columns do not hold (serial, number_prefix, custom_fields, sla_due_within): the
  // store answers which cases match them.
  bool store_filters = false;
};
ReportNeeds report_needs(const ReportRequest& request);

// The report. too_large "dimensions" past max_groups; unknown_value "sort" for a sort that names
// no column of the report.
Report run_report(const ReportRequest& request, const ReportInputs& inputs);

}  // namespace rma::domain
