// domain/report_dimensions.hpp — the dimensions of one report as dense codes and back: the group
// key of a case, of a case line or of a sold line, each dimension's cell, and the order of rows
// (texts bytewise, enums in their declared order, periods chronologically).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "domain/report_facts.hpp"
#include "domain/report_period.hpp"
#include "rma/report.hpp"

namespace rma::domain {

class ReportDimensions {
 public:
  // `zone`: the zone of case periods (cases subject with a period dimension). Periods span the
  // live case rows' creation times, or the sold lines' dates for the return rate.
  ReportDimensions(const ReportRequest& request, const ReportFacts& facts, const TimeZone* zone);

  bool has_line_dimension() const { return has_line_; }
  std::uint64_t key_space() const { return key_space_; }

  // The part of the key read from the case row, and the part read from one of its lines.
  std::uint64_t case_key(std::size_t row) const;
  // case_key of every case row, a column at a time (a tight loop per dimension).
  void case_keys(std::vector<std::uint64_t>& keys) const;
  std::uint64_t line_key(std::size_t row, std::size_t line) const;
  // The key of a sold line (return rate).
  std::uint64_t sold_key(std::size_t sold_row) const;

  std::vector<ReportColumn> columns() const;
  void cells(std::uint64_t key, std::vector<ReportCell>& out) const;
  // A number that orders groups as their rows are ordered: by the first dimension, then the
  // second, ... (texts bytewise, enums in their declared order, periods chronologically).
  std::uint64_t order_of(std::uint64_t key) const;

 private:
  struct Dim {
    ReportDimension dimension;
    bool line = false;
    std::uint64_t count = 1;
    std::uint64_t stride = 1;
    const std::vector<std::uint32_t>* rank = nullptr;  // by code: its place in the order of rows
  };
  std::uint32_t code_of_case(const Dim& d, std::size_t row) const;
  std::uint32_t code_of_line(const Dim& d, std::size_t row, std::size_t line) const;
  std::uint32_t code_of_sold(const Dim& d, std::size_t sold_row) const;
  std::uint32_t period_code(std::int64_t day) const;
  void set_period_span(std::int64_t first_day, std::int64_t last_day);
  const TextCodes* texts_of(ReportDimension d) const;

  const ReportFacts& f_;
  ReportPeriod period_;
  bool sold_ = false;
  bool has_line_ = false;
  std::vector<Dim> dims_;
  std::uint64_t key_space_ = 1;
  // Case periods: local days of creation times, and each day's period code.
  std::unique_ptr<LocalDays> days_;
  std::int64_t first_day_ = 0;
  std::vector<std::uint32_t> period_of_day_;
  std::int64_t first_ordinal_ = 0;
};

}  // namespace rma::domain
