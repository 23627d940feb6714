// Stable names of the report enums and measures: part of the JSON API, the column names of
// every report and export, and the Python API. Never rename one.
#include <array>
#include <string>

#include "domain/name_table.hpp"
#include "domain/report_names.hpp"
#include "domain/report_period.hpp"
#include "rma/error.hpp"
#include "rma/report.hpp"

namespace rma {

using domain::lookup;
using domain::name_of;

namespace {

constexpr std::array<const char*, 3> kStatisticNames = {"mean", "median", "p90"};
constexpr std::array<const char*, 2> kBasisNames = {"calendar", "business"};
constexpr std::array<const char*, 2> kEndNames = {"decision", "closing"};

// A clock name as the SLA names clocks ([a-z0-9_:] and a few more for action ids), bounded.
bool clock_name_ok(std::string_view clock) {
  if (clock.empty() || clock.size() > 128) return false;
  for (char ch : clock) {
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == ':';
    if (!ok) return false;
  }
  return true;
}

[[noreturn]] void unknown_measure(std::string_view name, const std::string& field, const std::string& why) {
  std::string shown(name.substr(0, 80));
  throw Error(Status::unknown_value, field, "\"" + shown + "\" is not a report measure: " + why);
}

// Splits "a.b.c" at dots; a clock name may itself hold none, so it is always the rest.
std::vector<std::string_view> parts_of(std::string_view name) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = name.find('.', start);
    parts.push_back(name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts;
}

}  // namespace

const char* report_dimension_name(ReportDimension v) noexcept { return name_of(v, domain::kReportDimensionNames); }
std::optional<ReportDimension> report_dimension_from_name(std::string_view name) noexcept {
  return lookup<ReportDimension>(name, domain::kReportDimensionNames);
}
const char* report_period_name(ReportPeriod v) noexcept { return name_of(v, domain::kReportPeriodNames); }
std::optional<ReportPeriod> report_period_from_name(std::string_view name) noexcept {
  return lookup<ReportPeriod>(name, domain::kReportPeriodNames);
}
const char* report_subject_name(ReportSubject v) noexcept { return name_of(v, domain::kReportSubjectNames); }
std::optional<ReportSubject> report_subject_from_name(std::string_view name) noexcept {
  return lookup<ReportSubject>(name, domain::kReportSubjectNames);
}
const char* report_format_name(ReportFormat v) noexcept { return name_of(v, domain::kReportFormatNames); }
std::optional<ReportFormat> report_format_from_name(std::string_view name) noexcept {
  return lookup<ReportFormat>(name, domain::kReportFormatNames);
}
const char* report_column_type_name(ReportColumnType v) noexcept {
  return name_of(v, domain::kReportColumnTypeNames);
}

std::string ReportMeasure::name() const {
  std::string out = name_of(kind, domain::kReportMeasureNames);
  switch (kind) {
    case ReportMeasureKind::handling_time:
      out += std::string(".") + name_of(end, kEndNames);
      [[fallthrough]];
    case ReportMeasureKind::first_response_time:
      out += std::string(".") + name_of(statistic, kStatisticNames);
      if (basis == ReportTimeBasis::business) out += ".business";
      break;
    case ReportMeasureKind::sla_breached:
    case ReportMeasureKind::sla_compliance:
      if (!clock.empty()) out += "." + clock;
      break;
    default: break;
  }
  return out;
}

ReportMeasure ReportMeasure::parse(std::string_view name, const std::string& field) {
  const std::vector<std::string_view> parts = parts_of(name);
  const std::optional<ReportMeasureKind> kind = lookup<ReportMeasureKind>(parts[0], domain::kReportMeasureNames);
  if (!kind) unknown_measure(name, field, "see docs/reports.md for the measures");
  ReportMeasure m;
  m.kind = *kind;
  std::size_t next = 1;
  switch (m.kind) {
    case ReportMeasureKind::handling_time: {
      if (parts.size() < 3) {
        unknown_measure(name, field, "handling_time names its end and statistic: handling_time.closing.median");
      }
      const auto end = lookup<ReportHandlingEnd>(parts[1], kEndNames);
      if (!end) unknown_measure(name, field, "the end is decision or closing");
      m.end = *end;
      next = 2;
      [[fallthrough]];
    }
    case ReportMeasureKind::first_response_time: {
      if (parts.size() <= next) {
        unknown_measure(name, field, "a time names its statistic (mean, median or p90): first_response_time.median");
      }
      const auto statistic = lookup<ReportStatistic>(parts[next], kStatisticNames);
      if (!statistic) unknown_measure(name, field, "the statistic is mean, median or p90");
      m.statistic = *statistic;
      ++next;
      if (parts.size() > next) {
        const auto basis = lookup<ReportTimeBasis>(parts[next], kBasisNames);
        if (!basis) unknown_measure(name, field, "the time is calendar or business");
        m.basis = *basis;
        ++next;
      }
      if (parts.size() > next) unknown_measure(name, field, "too many parts");
      return m;
    }
    case ReportMeasureKind::sla_breached:
    case ReportMeasureKind::sla_compliance: {
      if (parts.size() == 1) return m;
      // The clock is the rest of the name ("state:inspection" holds no dot; clocks never do).
      const std::string_view clock = name.substr(parts[0].size() + 1);
      if (!clock_name_ok(clock)) unknown_measure(name, field, "a clock name is [a-z0-9_:], 1 to 128 characters");
      m.clock = std::string(clock);
      return m;
    }
    default:
      if (parts.size() > 1) unknown_measure(name, field, std::string(parts[0]) + " takes no parts");
      return m;
  }
}

std::string report_period_label(Date start, ReportPeriod period) { return domain::period_label(start, period); }

}  // namespace rma
