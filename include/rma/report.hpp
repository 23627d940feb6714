// rma/report.hpp — statistics over cases: counts, units, money, handling times, SLA and reopen
// figures grouped by up to three dimensions, with the grid filters of case queries; the return
// rate of what was sold; and how a report leaves librma as CSV or XLSX (docs/reports.md).
//
// Reports group by ids and codes (customer id, SKU, reason code, ...), never by free text, and
// never include a deleted case or a case the asker may not see. Every report is staff only but a
// customer's own (its cases' counts by status, kind, ...), which the claimant allow-list of
// domain/views.hpp bounds.
//
// Values only; thread-safe as values are.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "rma/query.hpp"
#include "rma/time.hpp"

namespace rma {

// What a group is made of. Case dimensions read the case; line dimensions (sku, product_category,
// brand, supplier, lot, reason_code) read each of its lines, so a case whose lines differ is in
// several groups, and counted once in each. product_category, brand and supplier are the
// catalogue's for the line's SKU (supplier: the case's own supplier when the catalogue names
// none). period is the case's creation (cases) or the sale's date (return rate).
enum class ReportDimension {
  customer, sku, product_category, brand, supplier, lot, reason_code, root_cause,
  kind, channel, complaint_category, status, resolution, assignee, team, period
};
const char* report_dimension_name(ReportDimension v) noexcept;
std::optional<ReportDimension> report_dimension_from_name(std::string_view name) noexcept;

// day, ISO 8601 week (Monday to Sunday, in the year of its Thursday), month, quarter, year.
enum class ReportPeriod { day, week, month, quarter, year };
const char* report_period_name(ReportPeriod v) noexcept;
std::optional<ReportPeriod> report_period_from_name(std::string_view name) noexcept;

// cases: the figures of cases and their lines. return_rate: units returned against units sold,
// by the sold line's product, lot and sale period.
enum class ReportSubject { cases, return_rate };
const char* report_subject_name(ReportSubject v) noexcept;
std::optional<ReportSubject> report_subject_from_name(std::string_view name) noexcept;

enum class ReportMeasureKind {
  cases, lines, units_requested, units_authorized, units_received, units_accepted,
  claimed, refunded, cost, recovered,  // money of the case's valuation, one column per currency
  handling_time, first_response_time,  // seconds, with a statistic
  sla_breached, sla_compliance,        // per clock or over every clock
  reopened, reopen_rate,
  sold_units, returned_units, return_rate  // the return_rate subject
};
enum class ReportStatistic { mean, median, p90 };
enum class ReportTimeBasis { calendar, business };
enum class ReportHandlingEnd { decision, closing };

// One measure, written as a dotted name (docs/reports.md): "cases", "units_received",
// "claimed", "handling_time.closing.median", "handling_time.decision.p90.business",
// "first_response_time.mean", "sla_breached", "sla_breached.resolution",
// "sla_compliance.first_response", "reopen_rate", "return_rate".
struct ReportMeasure {
  ReportMeasureKind kind = ReportMeasureKind::cases;
  ReportStatistic statistic = ReportStatistic::mean;
  ReportTimeBasis basis = ReportTimeBasis::calendar;
  ReportHandlingEnd end = ReportHandlingEnd::closing;
  std::string clock;  // sla_*: a clock name ("resolution", "state:inspection", "action"); empty: any

  std::string name() const;
  // Status::unknown_value naming `field` for a name that is no measure.
  static ReportMeasure parse(std::string_view name, const std::string& field);
};

struct ReportRequest {
  ReportSubject subject = ReportSubject::cases;
  std::vector<ReportDimension> dimensions;  // 0..3, each once
  std::vector<ReportMeasure> measures;      // 1..16
  ReportPeriod period = ReportPeriod::month;  // the granularity of a period dimension
  // The zone of case periods: a POSIX TZ rule or an IANA name; empty: the engine's
  // (Options::time_zone). A case period with neither is invalid_argument "time_zone".
  std::string time_zone;
  // The grid filters of case.query (its sort, paging and cursor are not read). Line filters
  // (sku, lot, reason_code, sales_document) also restrict which lines count.
  CaseQuery filters;
  // Ordering of the rows: by the dimensions (empty), or by one measure column's name.
  std::string sort;
  bool descending = false;
  // At most this many rows, after ordering (0: every group). The totals count every group.
  std::int64_t limit = 0;
};

// ---- The result --------------------------------------------------------------------------

enum class ReportColumnType {
  text,     // a dimension's id or code; null for none
  period,   // a period's first day (rma::Date), labelled "2026-11-25", "2026-W48", "2026-11", "2026-Q4", "2026"
  integer,  // a count or units
  money,    // minor units of the column's currency
  seconds,  // a duration; null when no case of the group has one
  percent,  // 0..100; null when nothing to divide
};
const char* report_column_type_name(ReportColumnType v) noexcept;

struct ReportColumn {
  std::string name;      // a dimension's or a measure's name; money: "claimed.EUR"
  ReportColumnType type = ReportColumnType::integer;
  std::string currency;  // money columns
  bool dimension = false;
};

// null, text, integer (counts, units, money minor units, seconds), number (percent), date (period).
using ReportCell = std::variant<std::monostate, std::string, std::int64_t, double, Date>;

struct Report {
  std::vector<ReportColumn> columns;  // the dimensions, then the measures
  std::vector<std::vector<ReportCell>> rows;
  std::vector<ReportCell> totals;     // every group together; dimension cells null
  std::int64_t groups = 0;            // before `limit`
  ReportPeriod period = ReportPeriod::month;
  std::string time_zone;              // the zone periods were cut in ("" when no case period)
};

// The label of a period cell: "2026-W48" for the Monday 2026-11-23 of a week, "2026-Q4", ...
std::string report_period_label(Date start, ReportPeriod period);

// ---- Export ------------------------------------------------------------------------------

enum class ReportFormat { csv, xlsx };
const char* report_format_name(ReportFormat v) noexcept;
std::optional<ReportFormat> report_format_from_name(std::string_view name) noexcept;

// Called every `progress_every` rows and once at the end: rows written so far, and all rows.
// Return false to cancel: the file is removed and the export fails with invalid_argument naming
// "progress".
using ReportProgress = std::function<bool(std::int64_t rows_done, std::int64_t rows_total)>;

struct ReportExportOptions {
  ReportFormat format = ReportFormat::csv;
  std::string path;          // the file to write (replaced); required
  std::string sheet;         // XLSX: the sheet's name; empty: "Report"
  std::string title;         // XLSX: the chart's title; empty: the main measure's name
  std::int64_t progress_every = 10000;  // 1 to 10,000,000
  ReportProgress progress;
};

struct ReportExportResult {
  std::string path;
  ReportFormat format = ReportFormat::csv;
  std::int64_t rows = 0;     // data rows, the header and totals not counted
  std::int64_t bytes = 0;    // of the file written
};

}  // namespace rma
