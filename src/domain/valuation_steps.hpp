// domain/valuation_steps.hpp — the parts of rma::value(): one case line's goods and refund
// (valuation_line.cpp), repair operations and shipping (valuation_repair.cpp), and the small
// helpers they share (valuation.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rma/valuation.hpp"

namespace rma::domain {

// What one valuation appends to; every step reads the same rules and input.
struct ValuationRun {
  const ValuationRules& rules;
  const ValuationInput& input;
  std::vector<BreakdownLine>& out;

  void emit(std::int32_t line_no, const char* code, std::string label, Money base, std::optional<std::int64_t> rate_bp,
            Money amount) const {
    out.push_back(BreakdownLine{line_no, code, std::move(label), std::move(base), rate_bp, std::move(amount)});
  }
};

// "15.00 %" for 1500 basis points.
std::string percent_text(std::int64_t basis_points);

// A charge on `base` (the goods value of `quantity` units). A fixed amount must be in the base's
// currency: otherwise Status::invalid_argument at `rule_field`.fixed.
Money charge_amount(const Charge& charge, const Money& base, std::int64_t quantity, Rounding rounding,
                    const std::string& rule_field);

// "lines[2]", "operations[0]".
std::string indexed(const char* list, std::size_t index);

// Labour and parts of the operations on case line `line_no` (0: the case), appended to the run;
// returns their cost and the part of it the customer pays, in the case currency.
struct RepairSums {
  Money cost;
  Money paid;
  bool any = false;
};
RepairSums value_operations(const ValuationRun& run, std::int32_t line_no);

// Everything about case line `index`: goods, discounts, fees, depreciation, deductions, refund,
// exchange, claimed value, its repair operations, supplier recovery and recovery value. Returns
// the line's repair operations.
RepairSums value_line(const ValuationRun& run, std::size_t index);

// The case-level lines: operations on the whole case, shipping, repair cost (with `on_lines`, the
// operations on the lines) and the repair quote.
void value_case(const ValuationRun& run, const RepairSums& on_lines);

}  // namespace rma::domain
