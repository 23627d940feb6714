// Validation of the valuation rules: ranges, shapes that depend on each other (a charge is a
// percentage or a fixed amount, a stepped depreciation has ascending steps) and uniqueness.
// Paths are the JSON paths of the rules document, so C++ callers get the same errors.
#include <string>

#include "domain/case_rules.hpp"
#include "domain/repair_costs.hpp"
#include "domain/valuation_rules.hpp"
#include "rma/error.hpp"
#include "rma/valuation.hpp"

namespace rma {

namespace {

using domain::kFullPercentBp;
using domain::kMaxValuationText;

std::string at(const std::string& list, std::size_t index) { return list + "[" + std::to_string(index) + "]"; }

void check_range(const std::string& field, std::int64_t value, std::int64_t max) {
  if (value < 0) throw Error(Status::out_of_range, field, std::to_string(value) + " is less than the minimum 0");
  if (value > max)
    throw Error(Status::out_of_range, field, std::to_string(value) + " is more than the maximum " + std::to_string(max));
}

void check_amount(const std::string& field, const Money& m) {
  require_currency(m.currency, field);
  if (m.minor < 0) throw Error(Status::out_of_range, field, format_money(m) + " is negative");
}

void check_texts(const std::string& field, const std::vector<std::string>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) domain::check_text(at(field, i), values[i], kMaxValuationText, true);
}

[[noreturn]] void duplicate(const std::string& field, const std::string& what, const std::string& first) {
  throw Error(Status::duplicate, field, what + " is already given at " + first);
}

void check_charge(const std::string& base, const Charge& c) {
  if (c.percent_bp && c.fixed)
    throw Error(Status::invalid_argument, base + ".fixed", "give either percent_bp or fixed, not both");
  if (!c.percent_bp && !c.fixed) throw Error(Status::missing_field, base + ".percent_bp", "percent_bp or fixed is required");
  if (c.percent_bp) check_range(base + ".percent_bp", *c.percent_bp, kFullPercentBp);
  if (c.fixed) check_amount(base + ".fixed", *c.fixed);
  if (c.per_unit && !c.fixed) throw Error(Status::invalid_argument, base + ".per_unit", "applies to a fixed amount only");
}

void check_fee(const std::string& base, const RestockingFeeRule& f) {
  check_texts(base + ".reasons", f.reasons);
  check_texts(base + ".conditions", f.conditions);
  check_texts(base + ".categories", f.categories);
  check_charge(base, f.charge);
  if (f.minimum) check_amount(base + ".minimum", *f.minimum);
  if (f.maximum) check_amount(base + ".maximum", *f.maximum);
  if (f.minimum && f.maximum && compare(*f.minimum, *f.maximum, base + ".maximum") > 0)
    throw Error(Status::invalid_argument, base + ".maximum",
                format_money(*f.maximum) + " is less than the minimum " + format_money(*f.minimum));
}

void check_depreciation(const std::string& base, const DepreciationRule& d) {
  check_texts(base + ".categories", d.categories);
  if (!depreciation_method_from_name(depreciation_method_name(d.method)))
    throw Error(Status::unknown_value, base + ".method", "unknown value " + std::to_string(static_cast<int>(d.method)));
  check_range(base + ".monthly_rate_bp", d.monthly_rate_bp, kFullPercentBp);
  check_range(base + ".floor_percent_bp", d.floor_percent_bp, kFullPercentBp);
  const bool linear = d.method == DepreciationMethod::linear;
  const bool stepped = d.method == DepreciationMethod::stepped;
  // A member the method ignores is refused: it would read as a rule that does not apply.
  if (!linear && d.monthly_rate_bp != 0)
    throw Error(Status::invalid_argument, base + ".monthly_rate_bp", "applies to the linear method only");
  if (!stepped && !d.steps.empty())
    throw Error(Status::invalid_argument, base + ".steps", "apply to the stepped method only");
  if (stepped && d.steps.empty()) throw Error(Status::missing_field, base + ".steps", "the stepped method needs steps");
  for (std::size_t i = 0; i < d.steps.size(); ++i) {
    const std::string step = at(base + ".steps", i);
    check_range(step + ".from_month", d.steps[i].from_month, domain::kMaxAgeMonths);
    check_range(step + ".percent_bp", d.steps[i].percent_bp, kFullPercentBp);
    if (i > 0 && d.steps[i].from_month <= d.steps[i - 1].from_month)
      throw Error(Status::invalid_argument, step + ".from_month",
                  std::to_string(d.steps[i].from_month) + " does not come after the previous step's " +
                      std::to_string(d.steps[i - 1].from_month));
  }
}

}  // namespace

void validate_valuation_rules(const ValuationRules& rules) {
  if (std::string(rounding_name(rules.rounding)) == "unknown")
    throw Error(Status::unknown_value, "rounding", "unknown value " + std::to_string(static_cast<int>(rules.rounding)));
  for (std::size_t i = 0; i < rules.restocking_fees.size(); ++i)
    check_fee(at("restocking_fees", i), rules.restocking_fees[i]);
  for (std::size_t i = 0; i < rules.depreciation.size(); ++i)
    check_depreciation(at("depreciation", i), rules.depreciation[i]);
  for (std::size_t i = 0; i < rules.deductions.size(); ++i) {
    const std::string base = at("deductions", i);
    const DeductionRule& d = rules.deductions[i];
    domain::check_text(base + ".code", d.code, kMaxValuationText, true);
    check_charge(base, d.charge);
    for (std::size_t j = 0; j < i; ++j)
      if (rules.deductions[j].code == d.code) duplicate(base + ".code", "code \"" + d.code + "\"", at("deductions", j));
  }
  for (std::size_t i = 0; i < rules.labour_classes.size(); ++i) {
    const std::string base = at("labour_classes", i);
    const LabourClass& c = rules.labour_classes[i];
    domain::check_text(base + ".name", c.name, kMaxValuationText, true);
    check_amount(base + ".hourly_rate", c.hourly_rate);
    // The longest time norm a repair may give must still be priced within 64 bits.
    if (c.hourly_rate.minor > domain::kMaxHourlyRate)
      throw Error(Status::out_of_range, base + ".hourly_rate",
                  format_money(c.hourly_rate) + " is more than " + format_money(Money{domain::kMaxHourlyRate, c.hourly_rate.currency}) +
                      ", the most an hour may cost for " + std::to_string(domain::kMaxRepairMinutes) +
                      " minutes of labour to fit in 64 bits");
    for (std::size_t j = 0; j < i; ++j)
      if (rules.labour_classes[j].name == c.name)
        duplicate(base + ".name", "labour class \"" + c.name + "\"", at("labour_classes", j));
  }
  for (std::size_t i = 0; i < rules.shipping.size(); ++i) {
    const std::string base = at("shipping", i);
    const ShippingRule& s = rules.shipping[i];
    if (s.channel && !channel_from_name(channel_name(*s.channel)))
      throw Error(Status::unknown_value, base + ".channel", "unknown value " + std::to_string(static_cast<int>(*s.channel)));
    if (s.inbound) check_amount(base + ".inbound", *s.inbound);
    if (s.outbound) check_amount(base + ".outbound", *s.outbound);
    for (std::size_t j = 0; j < i; ++j)
      if (rules.shipping[j].channel == s.channel)
        duplicate(base + ".channel",
                  s.channel ? "channel " + std::string(channel_name(*s.channel)) : std::string("the default (no channel)"),
                  at("shipping", j));
  }
  for (std::size_t i = 0; i < rules.recovery.size(); ++i) {
    const RecoveryRule& g = rules.recovery[i];
    if (!grade_from_name(grade_name(g.grade)))
      throw Error(Status::unknown_value, "recovery", "unknown grade " + std::to_string(static_cast<int>(g.grade)));
    const std::string base = std::string("recovery.") + grade_name(g.grade);
    check_charge(base, g.charge);
    for (std::size_t j = 0; j < i; ++j)
      if (rules.recovery[j].grade == g.grade) throw Error(Status::duplicate, base, "the grade is given twice");
  }
  check_range("supplier_recovery_bp", rules.supplier_recovery_bp, kFullPercentBp);
}

}  // namespace rma
