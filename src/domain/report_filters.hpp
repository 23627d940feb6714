// domain/report_filters.hpp — case.query's grid filters compiled against the fact columns: each
// text becomes the code the columns hold (a text no case has matches nothing), so that a report
// tests integers. Filters the columns do not hold are the store's (ReportInputs::row_matches).
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "domain/report_facts.hpp"
#include "rma/query.hpp"

namespace rma::domain {

class ReportFilters {
 public:
  // `closed_status`: by status code, 1 for a closed state. `breached`: per case row, 1 for a
  // recorded breach (needed when the query filters on sla_breached). `row_matches`: per case
  // row, the store's verdict, or null.
  ReportFilters(const ReportFacts& facts, const CaseQuery& query, const std::optional<std::string>& customer_scope,
                const std::vector<std::uint8_t>& closed_status, const std::vector<std::uint8_t>* breached,
                const std::vector<std::uint8_t>* row_matches);

  // True when some filter names a text no case has: nothing can match.
  bool nothing() const { return nothing_; }
  // Whether any line filter is set: then only the lines that pass count.
  bool filters_lines() const { return filters_lines_; }

  bool case_passes(std::size_t row) const;
  bool line_passes(std::size_t line) const {
    if (!filters_lines_) return true;
    return (sku_ == kAny || f_.line_sku[line] == sku_) && (lot_ == kAny || f_.line_lot[line] == lot_) &&
           (reason_ == kAny || f_.line_reason[line] == reason_) &&
           (document_ == kAny || f_.line_document[line] == document_);
  }
  bool reason_passes(std::size_t line) const { return reason_ == kAny || f_.line_reason[line] == reason_; }
  // A sold line (return rate): its SKU, lot, sales document and customer.
  bool sold_passes(std::size_t sold) const {
    return (sku_ == kAny || f_.sold_sku[sold] == sku_) && (lot_ == kAny || f_.sold_lot[sold] == lot_) &&
           (document_ == kAny || f_.sold_document[sold] == document_) &&
           (customer_ == kAny || f_.sold_customer[sold] == customer_);
  }

 private:
  static constexpr std::uint32_t kAny = std::numeric_limits<std::uint32_t>::max();
  std::uint32_t code(const TextCodes& codes, const std::optional<std::string>& value);

  const ReportFacts& f_;
  const std::vector<std::uint8_t>& closed_status_;
  const std::vector<std::uint8_t>* breached_ = nullptr;
  const std::vector<std::uint8_t>* row_matches_ = nullptr;
  bool nothing_ = false;
  bool filters_lines_ = false;
  bool any_case_filter_ = false;
  std::uint32_t customer_ = kAny, status_ = kAny, assignee_ = kAny, team_ = kAny, supplier_ = kAny,
                root_cause_ = kAny;
  int kind_ = -1, channel_ = -1, category_ = -1, priority_ = -1, resolution_ = -1;
  std::int64_t created_from_ = std::numeric_limits<std::int64_t>::min();
  std::int64_t created_to_ = std::numeric_limits<std::int64_t>::max();
  std::int64_t updated_from_ = std::numeric_limits<std::int64_t>::min();
  std::int64_t updated_to_ = std::numeric_limits<std::int64_t>::max();
  bool closed_ = false;
  std::int64_t closed_from_ = std::numeric_limits<std::int64_t>::min();
  std::int64_t closed_to_ = std::numeric_limits<std::int64_t>::max();
  int breached_value_ = -1;
  std::uint32_t sku_ = kAny, lot_ = kAny, reason_ = kAny, document_ = kAny;
};

}  // namespace rma::domain
