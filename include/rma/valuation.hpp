// rma/valuation.hpp — what a case is worth and what it costs, line by line (docs/valuation.md).
//
// The rules are a JSON document (ValuationRules); the input is a plain description of one case
// (ValuationInput) that the engine fills from the case, its sales lines and its repair
// operations; value() turns both into an explainable breakdown and totals per currency.
// Everything here is pure and thread-safe: no I/O, no clock, the same input gives the same output.
//
// Amounts in the breakdown are magnitudes: a restocking fee of 5.00 EUR is +5.00 EUR and its code
// says that it is taken off. Money follows rma/money.hpp: integer minor units, one rounding per
// rule, overflow is Status::out_of_range, a currency mix is Status::invalid_argument naming the
// field (the rule's path or the input's).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rma/case.hpp"
#include "rma/money.hpp"
#include "rma/time.hpp"

namespace rma {

// ---- Rules --------------------------------------------------------------------------------------

// An amount computed from a base: a percentage of it, or a fixed amount (exactly one is set).
// A fixed amount is for the whole line, or for each unit when `per_unit` is set.
struct Charge {
  std::optional<std::int64_t> percent_bp;  // 0..10000 basis points of the base
  std::optional<Money> fixed;              // >= 0
  bool per_unit = false;                   // fixed × quantity; only with `fixed`
};

// A restocking fee. A rule matches a line when each non-empty list contains the line's value;
// the first matching rule applies. The fee is then held within [minimum, maximum].
struct RestockingFeeRule {
  std::vector<std::string> reasons;     // reason codes; empty: any
  std::vector<std::string> conditions;  // inspection conditions; empty: any
  std::vector<std::string> categories;  // product categories; empty: any
  Charge charge;
  std::optional<Money> minimum;
  std::optional<Money> maximum;
};

enum class DepreciationMethod { none, linear, stepped };
const char* depreciation_method_name(DepreciationMethod v) noexcept;  // "none", "linear", "stepped"
std::optional<DepreciationMethod> depreciation_method_from_name(std::string_view name) noexcept;

// From `from_month` of age on (inclusive), the unit has lost `percent_bp` of its value.
struct DepreciationStep {
  std::int32_t from_month = 0;
  std::int64_t percent_bp = 0;
};

// Loss of value by the unit's age in whole months. The first rule whose categories contain the
// line's category (or whose list is empty) applies. Whatever the method, the value left is never
// below floor_percent_bp of the goods value.
struct DepreciationRule {
  std::vector<std::string> categories;  // empty: any
  DepreciationMethod method = DepreciationMethod::none;
  std::int64_t monthly_rate_bp = 0;     // linear: age_months × this
  std::vector<DepreciationStep> steps;  // stepped: ascending from_month
  std::int64_t floor_percent_bp = 0;
};

// What an inspection finding costs: "missing_accessories", "packaging", "damage" or a host code.
struct DeductionRule {
  std::string code;
  Charge charge;
};

struct LabourClass {
  std::string name;
  Money hourly_rate;
};

// Shipping costs of one case. A rule with a channel applies to that channel; the rule without
// one applies to the others. An absent amount costs nothing.
struct ShippingRule {
  std::optional<Channel> channel;
  std::optional<Money> inbound;   // the goods coming to us
  std::optional<Money> outbound;  // a repaired unit, a replacement or a rejected unit going back
};

// What returned goods are still worth, by the grade given at inspection.
enum class Grade { resell_new, refurbish, scrap };
const char* grade_name(Grade v) noexcept;  // "resell_new", "refurbish", "scrap"
std::optional<Grade> grade_from_name(std::string_view name) noexcept;

struct RecoveryRule {
  Grade grade = Grade::resell_new;
  Charge charge;  // of the goods value
};

// The valuation configuration. The default (an empty document) has no fees, no depreciation,
// no deductions, no labour classes, free shipping, no recovery value and 100 % supplier recovery,
// so a case is valued at what was paid for it with no configuration at all.
struct ValuationRules {
  Rounding rounding = Rounding::half_even;
  std::vector<RestockingFeeRule> restocking_fees;
  std::vector<DepreciationRule> depreciation;
  std::vector<DeductionRule> deductions;  // codes unique
  std::vector<LabourClass> labour_classes;  // names unique
  std::vector<ShippingRule> shipping;     // channels unique, at most one without a channel
  std::vector<RecoveryRule> recovery;     // grades unique
  // Share of the goods value (or of the line's repair cost) expected back from our supplier
  // when the unit is within the supplier's coverage.
  std::int64_t supplier_recovery_bp = 10000;
};

// Parses and validates the valuation rules document; errors name the JSON path
// ("restocking_fees[1].maximum"). An empty object gives the default rules.
ValuationRules valuation_rules_from_json(std::string_view json);
std::string valuation_rules_to_json(const ValuationRules& rules);
// Throws the error valuation_rules_from_json would for rules built in C++.
void validate_valuation_rules(const ValuationRules& rules);

// ---- Input --------------------------------------------------------------------------------------

// The discount on a whole sales document and the net total of each of its lines (unit price ×
// quantity less the line's own discount, before the document's). The discount is shared over the
// lines in proportion to those totals with rma::allocate, so the shares of all its lines add up
// to the discount exactly. The engine fills it from the imported document (SalesDocument::discount).
struct DocumentDiscount {
  std::string document;  // the sales document id lines refer to
  std::int64_t discount = 0;  // net minor units of the document currency, >= 0
  struct Line {
    std::int32_t line_no = 0;  // the sales line
    std::int64_t net = 0;      // >= 0
  };
  std::vector<Line> lines;
};

// One case line as the valuation sees it. Prices are per unit, net of VAT, in minor units of
// `currency`; an empty currency is the case's.
struct ValuationLineInput {
  std::int32_t line_no = 0;  // the case line, >= 1
  std::string sku;
  std::string category;
  std::string reason_code;
  std::string condition;
  std::int64_t unit_price = 0;
  std::string currency;
  std::int32_t vat_rate_bp = 0;
  // The sales line: how many units it sold, how many of them earlier cases refunded and for how
  // much (net). 0 sold means no known sales line: the goods are then unit price × quantity.
  std::int64_t qty_sold_on_sales_line = 0;
  std::int64_t qty_returned = 0;  // the units this case values (received or accepted)
  // The units the claimant asked for (CaseLine::qty_requested); 0: as qty_returned. They make
  // the claimed value, known from the moment a case is opened.
  std::int64_t qty_requested = 0;
  std::int64_t qty_already_refunded_on_sales_line = 0;
  std::int64_t amount_already_refunded = 0;  // net minor units
  std::int64_t line_discount = 0;  // net discount on the whole sales line (SalesLine::discount)
  SalesDocumentRef sales_document;  // finds the line's share of a DocumentDiscount
  std::int32_t age_months = 0;      // of the unit, for depreciation (age_in_months)
  std::vector<std::string> deductions;  // inspection codes of DeductionRule
  std::optional<Grade> grade;
  bool supplier_covered = false;  // within our supplier's coverage (WarrantyVerdict)
  std::optional<std::int64_t> exchange_unit_price;  // net; set for an exchange
  // The amount claimed, net, set by staff (CaseLine::claimed_amount); unset: the requested units
  // at their net sale price for a return or complaint, nothing for other kinds.
  std::optional<std::int64_t> claimed_amount;
};

struct PartInput {
  std::string sku;
  Money unit_cost;
  std::int64_t quantity = 0;
};

// One repair operation: labour from the catalogue and the parts it consumed.
struct RepairOperationInput {
  std::int32_t line_no = 0;  // the case line repaired; 0 for the whole case
  std::string code;
  std::string labour_class;  // a LabourClass name; empty: no labour
  std::int64_t minutes = 0;  // the time norm
  std::vector<PartInput> parts;
  bool paid = false;  // charged to the customer: goes into the repair quote
};

struct ValuationInput {
  CaseKind kind = CaseKind::return_;
  Channel channel = Channel::b2c;
  ComplaintCategory category = ComplaintCategory::none;
  Resolution resolution = Resolution::none;
  std::string currency;  // of case-level amounts (repairs, shipping); required
  std::vector<ValuationLineInput> lines;
  std::vector<RepairOperationInput> operations;
  std::vector<DocumentDiscount> document_discounts;
  std::int32_t repair_vat_rate_bp = 0;  // VAT of the repair quote
  // Unset: inbound when any goods come back or the case is a repair; outbound for repairs and
  // customizations and for the resolutions replace, repair and reject.
  std::optional<bool> ship_inbound;
  std::optional<bool> ship_outbound;
};

// Whole months from `from` to `on` (0 when `on` is earlier): 2025-01-15 to 2025-03-14 is 1,
// to 2025-03-15 is 2.
std::int32_t age_in_months(Date from, Date on);

// `discount` shared over lines with these net totals, summing to it exactly (rma::allocate).
std::vector<Money> document_discount_shares(const Money& discount, const std::vector<std::int64_t>& line_nets,
                                            const std::string& field = {});

// ---- Result -------------------------------------------------------------------------------------

// One explained amount. Codes are stable: goods_net, goods_vat, goods_gross, document_discount,
// restocking_fee, depreciation, deduction:<code>, refund, exchange_difference, claimed_value,
// supplier_recovery, recovery_value, repair_labour, repair_parts, shipping_in, shipping_out,
// repair_cost, repair_quote, net_cost. A "refund" and a "repair_quote" carry the net amount as
// `base`, the VAT rate as `rate_bp` and the gross as `amount`.
struct BreakdownLine {
  std::int32_t line_no = 0;  // the case line; 0 for the case as a whole
  std::string code;
  std::string label;  // English, for people
  Money base;
  std::optional<std::int64_t> rate_bp;
  Money amount;
};

// Totals of one currency. refund is gross; the others are net. exchange_difference > 0 is owed
// by the customer. net_cost = refunds (net) + repair cost − repair quotes (net) − supplier
// recovery − recovery value; shipping counts once.
struct ValuationTotals {
  std::string currency;
  Money refund;
  Money refund_net;
  Money exchange_difference;
  Money repair_cost;
  Money repair_quote;
  Money supplier_recovery;
  Money recovery_value;
  Money net_cost;
  Money claimed_value;
};

struct Valuation {
  std::vector<BreakdownLine> breakdown;  // case lines in input order, then the case (line_no 0)
  std::vector<ValuationTotals> totals;   // by currency code
};

// Values one case. Throws rma::Error naming the input field ("lines[2].qty_returned") or the rule
// ("restocking_fees[0].fixed") at fault. Pure and thread-safe.
Valuation value(const ValuationRules& rules, const ValuationInput& input);

// {"breakdown": [{"line_no","code","label","base","rate_bp" (or null),"amount"}],
//  "totals": [{"currency","refund",...}]}; amounts as "12.34 EUR" text.
std::string valuation_to_json(const Valuation& valuation);

}  // namespace rma
