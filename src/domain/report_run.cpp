#include "domain/report_run.hpp"

#include <algorithm>
#include <numeric>

#include "domain/report_dimensions.hpp"
#include "domain/report_filters.hpp"
#include "domain/report_groups.hpp"
#include "domain/report_measures.hpp"
#include "rma/error.hpp"

namespace rma::domain {
namespace {

using K = ReportMeasureKind;

bool sla_measure(K kind) { return kind == K::sla_breached || kind == K::sla_compliance; }

// Per case row: 1 when a breach of `clock` (empty: any clock) is recorded.
std::vector<std::uint8_t> breached_rows(const ReportFacts& f, const std::string& clock) {
  std::vector<std::uint8_t> out(f.cases(), 0);
  std::optional<std::uint32_t> code;
  if (!clock.empty()) {
    code = f.clocks.find(clock);
    if (!code) return out;
  }
  for (std::size_t i = 0; i < f.breach_row.size(); ++i) {
    if (!code || f.breach_clock[i] == *code) out[f.breach_row[i]] = 1;
  }
  return out;
}

// The groups with their measures, in rows (report_run.hpp says which rows come first).
Report table_of(const ReportRequest& request, const ReportDimensions& dims, ReportGroups& groups,
                std::vector<MeasureSums>& sums) {
  Report report;
  report.period = request.period;
  const std::uint32_t n = groups.groups();
  for (MeasureSums& s : sums) s.finish(n);
  report.columns = dims.columns();
  const std::size_t first_measure = report.columns.size();
  for (const MeasureSums& s : sums) {
    for (ReportColumn& c : s.columns()) report.columns.push_back(std::move(c));
  }
  std::vector<std::uint32_t> slots(n);
  std::iota(slots.begin(), slots.end(), 1U);
  report.groups = n;
  report.rows.reserve(n);
  for (std::uint32_t slot : slots) {
    std::vector<ReportCell> row;
    row.reserve(report.columns.size());
    dims.cells(groups.key_of(slot), row);
    for (MeasureSums& s : sums) s.cells(slot, row);
    report.rows.push_back(std::move(row));
  }
  report.totals.assign(first_measure, std::monostate());
  for (MeasureSums& s : sums) s.cells(0, report.totals);

  // Rows in the order of their dimensions, or of one column.
  std::vector<std::uint64_t> dim_order(n);
  for (std::size_t i = 0; i < n; ++i) dim_order[i] = dims.order_of(groups.key_of(slots[i]));
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  auto by_dims = [&](std::size_t a, std::size_t b) { return dim_order[a] < dim_order[b]; };
  if (request.sort.empty()) {
    std::sort(order.begin(), order.end(), by_dims);
  } else {
    std::size_t column = report.columns.size();
    for (std::size_t c = 0; c < report.columns.size(); ++c) {
      if (report.columns[c].name == request.sort) column = c;
    }
    if (column == report.columns.size() || column < first_measure) {
      throw Error(Status::unknown_value, "sort",
                  "\"" + request.sort.substr(0, 80) + "\" names no measure column of this report");
    }
    auto number = [&](std::size_t row, double& out) {
      const ReportCell& cell = report.rows[row][column];
      if (const auto* i = std::get_if<std::int64_t>(&cell)) {
        out = static_cast<double>(*i);
        return true;
      }
      if (const auto* d = std::get_if<double>(&cell)) {
        out = *d;
        return true;
      }
      return false;  // null: last either way
    };
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      double x = 0;
      double y = 0;
      const bool has_x = number(a, x);
      const bool has_y = number(b, y);
      if (has_x != has_y) return has_x;
      if (has_x && x != y) return request.descending ? x > y : x < y;
      return by_dims(a, b);
    });
  }
  std::vector<std::vector<ReportCell>> ordered;
  const std::size_t keep = request.limit > 0 ? std::min<std::size_t>(n, static_cast<std::size_t>(request.limit)) : n;
  ordered.reserve(keep);
  for (std::size_t i = 0; i < keep; ++i) ordered.push_back(std::move(report.rows[order[i]]));
  report.rows = std::move(ordered);
  return report;
}

std::vector<MeasureSums> sums_of(const ReportRequest& request, const ReportInputs& in) {
  std::vector<MeasureSums> sums;
  sums.reserve(request.measures.size());
  if (in.scratch && in.scratch->durations.size() < request.measures.size()) {
    in.scratch->durations.resize(request.measures.size());
  }
  for (std::size_t i = 0; i < request.measures.size(); ++i) {
    const ReportMeasure& m = request.measures[i];
    sums.emplace_back(m, *in.facts, in.closed_status,
                      sla_measure(m.kind) ? breached_rows(*in.facts, m.clock) : std::vector<std::uint8_t>(),
                      in.scratch ? &in.scratch->durations[i] : nullptr);
  }
  return sums;
}

// Cases and their lines into their groups (and every case once into the totals, slot 0).
void count_cases(const ReportInputs& in, const ReportFilters& filters, const ReportDimensions& dims,
                 ReportGroups& groups, std::vector<MeasureSums>& sums) {
  const ReportFacts& f = *in.facts;
  std::vector<MeasureSums*> case_sums;
  std::vector<MeasureSums*> line_sums;
  for (MeasureSums& s : sums) (s.per_line() ? line_sums : case_sums).push_back(&s);
  const bool by_line = dims.has_line_dimension();
  const bool lines_needed = by_line || !line_sums.empty() || filters.filters_lines();
  std::vector<std::uint32_t> case_slots;  // the groups the current case is in (line dimensions)
  std::vector<std::uint64_t> own_keys;
  std::vector<std::uint64_t>& keys = in.scratch ? in.scratch->keys : own_keys;
  dims.case_keys(keys);
  for (std::size_t r = 0; r < f.cases(); ++r) {
    if (!filters.case_passes(r)) continue;
    const std::uint32_t first = f.first_line[r];
    const std::uint32_t end = first + f.line_count[r];
    if (!lines_needed) {
      const std::uint32_t slot = groups.slot(keys[r]);
      for (MeasureSums* s : case_sums) {
        s->add_case(slot, r);
        s->add_case(0, r);
      }
      continue;
    }
    if (filters.filters_lines()) {
      bool any = false;
      for (std::uint32_t l = first; l < end && !any; ++l) any = filters.line_passes(l);
      if (!any) continue;
    }
    for (MeasureSums* s : case_sums) s->add_case(0, r);
    const std::uint64_t case_key = keys[r];
    if (!by_line) {
      const std::uint32_t slot = groups.slot(case_key);
      for (MeasureSums* s : case_sums) s->add_case(slot, r);
      for (std::uint32_t l = first; l < end; ++l) {
        if (!filters.line_passes(l)) continue;
        for (MeasureSums* s : line_sums) {
          s->add_line(slot, l);
          s->add_line(0, l);
        }
      }
      continue;
    }
    case_slots.clear();
    for (std::uint32_t l = first; l < end; ++l) {
      if (!filters.line_passes(l)) continue;
      const std::uint32_t slot = groups.slot(case_key + dims.line_key(r, l));
      for (MeasureSums* s : line_sums) {
        s->add_line(slot, l);
        s->add_line(0, l);
      }
      if (std::find(case_slots.begin(), case_slots.end(), slot) == case_slots.end()) {
        case_slots.push_back(slot);
        for (MeasureSums* s : case_sums) s->add_case(slot, r);
      }
    }
  }
}

// Sold lines and the case lines that return them, by the sold line's groups.
void count_return_rate(const ReportInputs& in, const ReportFilters& filters, const ReportDimensions& dims,
                       ReportGroups& groups, std::vector<MeasureSums>& sums) {
  const ReportFacts& f = *in.facts;
  std::vector<std::uint32_t> slot_of_sold(f.sold_quantity.size(), 0);
  for (std::size_t s = 0; s < f.sold_quantity.size(); ++s) {
    if (!filters.sold_passes(s)) continue;
    const std::uint32_t slot = groups.slot(dims.sold_key(s));
    slot_of_sold[s] = slot;
    for (MeasureSums& m : sums) {
      m.add_sold(slot, s);
      m.add_sold(0, s);
    }
  }
  for (std::size_t r = 0; r < f.cases(); ++r) {
    if (!filters.case_passes(r)) continue;
    const std::uint32_t first = f.first_line[r];
    for (std::uint32_t l = first; l < first + f.line_count[r]; ++l) {
      const std::int32_t sold = l < f.line_sold.size() ? f.line_sold[l] : -1;
      // The sold line's own SKU, lot and document were filtered above; the reason is the return's.
      if (sold < 0 || !filters.reason_passes(l)) continue;
      const std::uint32_t slot = slot_of_sold[static_cast<std::size_t>(sold)];
      if (slot == 0) continue;  // its sold line is filtered out
      for (MeasureSums& m : sums) {
        m.add_returned(slot, l);
        m.add_returned(0, l);
      }
    }
  }
}

}  // namespace

ReportNeeds report_needs(const ReportRequest& request) {
  ReportNeeds needs;
  for (const ReportMeasure& m : request.measures) {
    switch (m.kind) {
      case K::claimed:
      case K::refunded:
      case K::cost:
      case K::recovered: needs.money = true; break;
      case K::handling_time:
        needs.milestones = needs.milestones || m.end == ReportHandlingEnd::decision ||
                           m.basis == ReportTimeBasis::business;
        break;
      case K::first_response_time:
      case K::reopened:
      case K::reopen_rate: needs.milestones = true; break;
      case K::sla_breached:
      case K::sla_compliance: needs.breaches = true; break;
      case K::sold_units:
      case K::returned_units:
      case K::return_rate: needs.sold = true; break;
      default: break;
    }
  }
  const CaseQuery& q = request.filters;
  needs.breaches = needs.breaches || q.sla_breached.has_value();
  needs.store_filters = q.serial || q.number_prefix || !q.custom_fields.empty() || q.sla_due_within;
  return needs;
}

Report run_report(const ReportRequest& request, const ReportInputs& in) {
  const ReportFacts& f = *in.facts;
  const bool case_periods =
      request.subject == ReportSubject::cases &&
      std::find(request.dimensions.begin(), request.dimensions.end(), ReportDimension::period) !=
          request.dimensions.end();
  if (case_periods && in.zone == nullptr) {
    throw Error(Status::invalid_argument, "time_zone",
                "a report by period needs a time zone: name one, or open the engine with options.time_zone");
  }
  std::vector<std::uint8_t> breached;
  if (request.filters.sla_breached) breached = breached_rows(f, std::string());
  const ReportFilters filters(f, request.filters, in.customer_scope, in.closed_status,
                              request.filters.sla_breached ? &breached : nullptr, in.row_matches);
  const ReportDimensions dims(request, f, case_periods ? in.zone : nullptr);
  ReportGroups groups(dims.key_space(), in.max_groups);
  std::vector<MeasureSums> sums = sums_of(request, in);
  if (!filters.nothing()) {
    if (request.subject == ReportSubject::return_rate) {
      count_return_rate(in, filters, dims, groups, sums);
    } else {
      count_cases(in, filters, dims, groups, sums);
    }
  }
  Report report = table_of(request, dims, groups, sums);
  if (case_periods) report.time_zone = in.zone_text;
  return report;
}

}  // namespace rma::domain
