// domain/valuation_steps.hpp — the parts of rma::value(): one case line's goods and refund
// (valuation_line.cpp), repair operations and shipping (valuation_repair.cpp), and the small
// helpers they share (valuation.cpp).
//
// Error fields are built only when an error is thrown: a valuation of 50 lines would otherwise
// spend much of its time writing paths nobody reads. Errors about a case line's own members carry
// a field relative to the line (".unit_price"); value() puts "lines[i]" in front.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/money_minor.hpp"
#include "rma/error.hpp"
#include "rma/valuation.hpp"

namespace rma::domain {

// The kinds of breakdown entries, in the order of their codes (entry_code).
enum class Entry : std::uint8_t {
  document_discount,
  goods_net,
  goods_vat,
  goods_gross,
  restocking_fee,
  depreciation,
  deduction,  // "deduction:<code>"
  refund,
  exchange_difference,
  claimed_value,
  repair_labour,
  repair_parts,
  supplier_recovery,
  recovery_value,
  shipping_in,
  shipping_out,
  repair_cost,
  repair_quote,
  net_cost,
};
// A string kept for the program's life, so an entry copies its code without measuring it.
const std::string& entry_code(Entry kind) noexcept;

// What one valuation appends to; every step reads the same rules and input. `kinds` runs
// alongside `out`, so totals are summed without comparing codes.
struct ValuationRun {
  const ValuationRules& rules;
  const ValuationInput& input;
  std::vector<BreakdownLine>& out;
  std::vector<Entry>& kinds;

  // value() reserves room for every entry a valuation can emit, so `out` never moves.
  void emit(std::int32_t line_no, Entry kind, std::string label, Money base, std::optional<std::int64_t> rate_bp,
            Money amount, std::string code = std::string()) const {
    out.push_back(BreakdownLine{line_no, code.empty() ? entry_code(kind) : std::move(code), std::move(label),
                                std::move(base), rate_bp, std::move(amount)});
    kinds.push_back(kind);
  }

  // The same with both amounts in minor units of `currency`, written into the new entry (no
  // temporary entry to move).
  void emit(std::int32_t line_no, Entry kind, std::string label, const std::string& currency, std::int64_t base,
            std::optional<std::int64_t> rate_bp, std::int64_t amount, std::string code = std::string()) const {
    BreakdownLine& line = out.emplace_back();
    line.line_no = line_no;
    if (code.empty()) {
      line.code = entry_code(kind);
    } else {
      line.code = std::move(code);
    }
    line.label = std::move(label);
    line.base.minor = base;
    line.base.currency = currency;
    line.rate_bp = rate_bp;
    line.amount.minor = amount;
    line.amount.currency = currency;
    kinds.push_back(kind);
  }
};

// "15.00 %" for 1500 basis points.
std::string percent_text(std::int64_t basis_points);

// "lines[2]", "operations[0]".
std::string indexed(const char* list, std::size_t index);

// The same error at another field.
[[noreturn]] void rethrow_at(const Error& error, const std::string& field);

// Status::invalid_argument at `field`: `amount` cannot be combined with an amount in `currency`.
[[noreturn]] void throw_mixed(const std::string& field, const Money& amount, const std::string& currency);

// A charge on `base`, minor units of `currency` (the goods value of `quantity` units).
// `rule_field()` names the rule, for errors only: a fixed amount in another currency than the
// base's is Status::invalid_argument at rule_field().fixed.
template <class RuleField>
std::int64_t charge_amount(const Charge& charge, std::int64_t base, const std::string& currency, std::int64_t quantity,
                           Rounding rounding, const RuleField& rule_field) {
  // A valid percentage is at most 100 %: the result is at most the base and cannot overflow.
  if (charge.percent_bp) return percent_of_minor(base, *charge.percent_bp, rounding, currency, "");
  const Money& fixed = *charge.fixed;
  if (fixed.currency != currency) throw_mixed(rule_field() + ".fixed", fixed, currency);
  if (!charge.per_unit) return fixed.minor;
  try {
    return multiply_minor(fixed.minor, quantity, 1, rounding, currency, "");
  } catch (const Error& e) {
    rethrow_at(e, rule_field() + ".fixed");
  }
}

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
// the line's repair operations (a default RepairSums, without a currency, when the case has none).
// Errors about the line's members have fields relative to it.
RepairSums value_line(const ValuationRun& run, std::size_t index);

// The case-level lines: operations on the whole case, shipping, repair cost (with `on_lines`, the
// operations on the lines) and the repair quote.
void value_case(const ValuationRun& run, const RepairSums& on_lines);

}  // namespace rma::domain
