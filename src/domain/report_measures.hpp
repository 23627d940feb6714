// domain/report_measures.hpp — one measure's sums over the groups of a report: what each case or
// line adds to its group, and the cells the group's row shows (rules: report_run.hpp).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "domain/report_facts.hpp"
#include "rma/report.hpp"

namespace rma::domain {

// The durations a median or p90 collects, in buffers that outlive one report (ReportScratch):
// a million of them in fresh memory cost a page fault per 4 KiB on every report.
struct DurationBuffers {
  std::vector<std::int64_t> values;
  std::vector<std::int64_t> ordered;
  std::vector<std::uint32_t> slots;
};

}  // namespace rma::domain

namespace rma::domain {

class MeasureSums {
 public:
  // `closed_status`: by status code; `breached`: per case row, a recorded breach of the
  // measure's clock (sla measures only, else null).
  // `buffers`: where durations are collected (median, p90), reused from an earlier report; null:
  // buffers of its own.
  MeasureSums(const ReportMeasure& measure, const ReportFacts& facts, const std::vector<std::uint8_t>& closed_status,
              std::vector<std::uint8_t> breached, DurationBuffers* buffers = nullptr);

  // Line measures add each line that counts; case measures each case once per group.
  bool per_line() const { return per_line_; }
  void add_case(std::uint32_t slot, std::size_t row);
  void add_line(std::uint32_t slot, std::size_t line);
  // Return rate: units sold (sold row) and units returned (case line) into `slot`.
  void add_sold(std::uint32_t slot, std::size_t sold_row);
  void add_returned(std::uint32_t slot, std::size_t line);

  // After every add: orders the collected durations by group.
  void finish(std::uint32_t slots);
  // The measure's columns: one, or one per currency found for money.
  std::vector<ReportColumn> columns() const;
  // Appends the cells of `slot` (as many as columns()).
  void cells(std::uint32_t slot, std::vector<ReportCell>& out);

 private:
  void ensure(std::uint32_t slot) {
    if (slot >= a_.size()) grow(slot);
  }
  void grow(std::uint32_t slot);
  bool duration(std::size_t row, std::int64_t& seconds) const;

  ReportMeasure m_;
  const ReportFacts& f_;
  const std::vector<std::uint8_t>& closed_status_;
  std::vector<std::uint8_t> breached_;
  bool per_line_ = false;
  bool collects_values_ = false;  // median and p90
  // a: the count or sum; b: the denominator or the number of durations summed.
  std::vector<std::int64_t> a_, b_;
  // Money: per slot and currency code.
  std::uint32_t currencies_ = 0;
  std::vector<std::int64_t> money_;
  std::vector<std::uint8_t> currency_used_;
  std::vector<std::uint32_t> used_;  // after finish(): the currencies found, by code text
  // Durations for median and p90: each value with its slot, then ordered by slot.
  std::unique_ptr<DurationBuffers> own_;
  DurationBuffers* d_ = nullptr;
  std::vector<std::uint32_t> slot_first_;  // after finish(): values of slot s are [first[s], first[s+1])
};

}  // namespace rma::domain
