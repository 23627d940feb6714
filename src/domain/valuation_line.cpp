// One case line's valuation: the goods value of the units returned, and what is refunded for them.
//
// Partial returns: the units of a sales line are valued as a slice of the line's total, from the
// units refunded before to those refunded now. The total up to k of n units is total × k / n,
// rounded once; a slice is the difference of two such totals. The slices of any sequence of
// partial returns therefore add up to the line's total exactly, never to more.
//
// Error fields about the line's own members are relative to it (".unit_price"): value() puts the
// line's path in front.
#include <algorithm>
#include <string>
#include <string_view>

#include "domain/money_text.hpp"
#include "domain/valuation_rules.hpp"
#include "domain/valuation_steps.hpp"
#include "rma/error.hpp"

namespace rma::domain {

namespace {

// Minor units of the line's currency.
struct Goods {
  std::int64_t list = 0;      // unit price × units returned
  std::int64_t discount = 0;  // their share of the line and document discounts
  std::int64_t net = 0;       // list − discount
  std::int64_t gross = 0;
  std::int64_t line_net = 0;  // the whole sales line, after discounts: what was paid for it, net
  bool sales_line = false;
};

// The line's share of its document's discount, 0 if none is given for its document.
std::int64_t document_share(const ValuationRun& run, const ValuationLineInput& l, const std::string& currency) {
  if (l.sales_document.document.empty()) return 0;
  const auto& discounts = run.input.document_discounts;
  for (std::size_t d = 0; d < discounts.size(); ++d) {
    const DocumentDiscount& doc = discounts[d];
    if (doc.document != l.sales_document.document || doc.discount == 0) continue;
    std::vector<std::int64_t> nets;
    nets.reserve(doc.lines.size());
    std::size_t mine = doc.lines.size();
    for (std::size_t k = 0; k < doc.lines.size(); ++k) {
      nets.push_back(doc.lines[k].net);
      if (doc.lines[k].line_no == l.sales_document.line) mine = k;
    }
    if (mine == doc.lines.size())
      throw Error(Status::invalid_argument, ".sales_document.line",
                  "line " + std::to_string(l.sales_document.line) + " is not among the lines of " +
                      indexed("document_discounts", d) + " (document " + doc.document + ")");
    return document_discount_shares(Money{doc.discount, currency}, nets, indexed("document_discounts", d))[mine].minor;
  }
  return 0;
}

// The goods value of `quantity` units of the line: the units returned, or those claimed.
Goods goods_of(const ValuationRun& run, const ValuationLineInput& l, const std::string& currency, std::int64_t quantity) {
  const Rounding rounding = run.rules.rounding;
  Goods g;
  g.sales_line = l.qty_sold_on_sales_line > 0;
  const std::int64_t units = g.sales_line ? l.qty_sold_on_sales_line : quantity;
  // The slice ends at the line's end (check_line holds the returned units within it; more units
  // claimed than are left take the last slices).
  const std::int64_t before =
      g.sales_line ? std::max<std::int64_t>(0, std::min(l.qty_already_refunded_on_sales_line, units - quantity)) : 0;
  const std::int64_t after = before + quantity;
  const std::int64_t line_list = multiply_minor(l.unit_price, units, 1, rounding, currency, ".unit_price");
  const std::int64_t line_discount =
      add_minor(l.line_discount, document_share(run, l, currency), currency, ".line_discount");
  if (line_discount > line_list)
    throw Error(Status::out_of_range, ".line_discount",
                "discount " + format_money(Money{line_discount, currency}) + " is more than the line total " +
                    format_money(Money{line_list, currency}));
  g.line_net = subtract_minor(line_list, line_discount, currency, ".unit_price");
  const std::int64_t line_vat = subtract_minor(
      gross_from_net_minor(g.line_net, l.vat_rate_bp, rounding, currency, ".unit_price"), g.line_net, currency, "");
  const auto up_to = [&](std::int64_t total, std::int64_t k) -> std::int64_t {
    return units == 0 ? 0 : multiply_minor(total, k, units, rounding, currency, ".unit_price");
  };
  // The discount and the VAT are each sliced by units, so the slices of a line add up to its
  // totals exactly and no slice's VAT is negative (slicing net and gross apart could give one).
  g.list = multiply_minor(l.unit_price, quantity, 1, rounding, currency, ".unit_price");
  g.discount = subtract_minor(up_to(line_discount, after), up_to(line_discount, before), currency, ".unit_price");
  g.net = subtract_minor(g.list, g.discount, currency, ".unit_price");
  g.gross = add_minor(g.net, subtract_minor(up_to(line_vat, after), up_to(line_vat, before), currency, ""), currency,
                      ".unit_price");
  return g;
}

// "<prefix>2 × 19.90 EUR, net" for the price's text "19.90 EUR".
std::string units_label(std::string_view prefix, std::int64_t units, std::string_view price) {
  ShortText label;
  label << prefix;
  label.number(units) << " × " << price << ", net";
  return label.str();
}

bool listed(const std::vector<std::string>& list, const std::string& value) {
  return list.empty() || std::find(list.begin(), list.end(), value) != list.end();
}

// Whether we keep the returned goods: a return or complaint not rejected nor repaired, or any
// unit replaced. Only kept goods are worth something to us or to our supplier; a rejected or
// repaired unit goes back to the customer.
bool keeps_goods(const ValuationInput& input) {
  if (input.resolution == Resolution::replace) return true;
  if (input.kind != CaseKind::return_ && input.kind != CaseKind::complaint) return false;
  return input.resolution != Resolution::reject && input.resolution != Resolution::repair;
}

bool refunds(const ValuationInput& input, const ValuationLineInput& l) {
  if (input.kind != CaseKind::return_ && input.kind != CaseKind::complaint) return false;
  switch (input.resolution) {
    case Resolution::none:
    case Resolution::refund:
    case Resolution::credit_note:
    case Resolution::goodwill: return true;
    case Resolution::replace: return l.exchange_unit_price.has_value();  // the credit towards the exchange
    case Resolution::repair:
    case Resolution::reject: return false;
  }
  return false;
}

std::int64_t restocking_fee(const ValuationRun& run, const ValuationLineInput& l, const std::string& currency,
                            const Goods& g) {
  const auto& rules = run.rules.restocking_fees;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const RestockingFeeRule& f = rules[i];
    if (!listed(f.reasons, l.reason_code) || !listed(f.conditions, l.condition) || !listed(f.categories, l.category))
      continue;
    const auto field = [i] { return indexed("restocking_fees", i); };
    std::int64_t fee = charge_amount(f.charge, g.net, currency, l.qty_returned, run.rules.rounding, field);
    ShortText label;
    label << "Restocking fee";
    if (f.charge.percent_bp) (label << ' ').percent(*f.charge.percent_bp);
    if (f.minimum && f.minimum->currency != currency) throw_mixed(field() + ".minimum", *f.minimum, currency);
    if (f.maximum && f.maximum->currency != currency) throw_mixed(field() + ".maximum", *f.maximum, currency);
    // Nothing returned yet, nothing to charge: the minimum is for units that come back.
    if (f.minimum && fee < f.minimum->minor && l.qty_returned > 0) {
      fee = f.minimum->minor;
      label << ", raised to the minimum";
    } else if (f.maximum && fee > f.maximum->minor) {
      fee = f.maximum->minor;
      label << ", lowered to the maximum";
    }
    run.emit(l.line_no, Entry::restocking_fee, label.str(), currency, g.net, f.charge.percent_bp, fee);
    return fee;
  }
  return 0;
}

std::int64_t depreciation(const ValuationRun& run, const ValuationLineInput& l, const std::string& currency,
                          const Goods& g) {
  const auto& rules = run.rules.depreciation;
  const auto rule = std::find_if(rules.begin(), rules.end(),
                                 [&](const DepreciationRule& d) { return listed(d.categories, l.category); });
  if (rule == rules.end() || rule->method == DepreciationMethod::none) return 0;
  std::int64_t percent = 0;
  ShortText label;
  label << "Depreciation, ";
  label.number(l.age_months) << " months";
  if (rule->method == DepreciationMethod::linear) {
    percent = std::min<std::int64_t>(rule->monthly_rate_bp * l.age_months, kFullPercentBp);
    (label << " at ").percent(rule->monthly_rate_bp) << " a month";
  } else {
    const DepreciationStep* reached = nullptr;
    for (const DepreciationStep& step : rule->steps) {
      if (step.from_month > l.age_months) break;
      reached = &step;
    }
    if (reached) {
      percent = reached->percent_bp;
      (label << ": step from month ").number(reached->from_month);
    }
  }
  const Rounding rounding = run.rules.rounding;
  std::int64_t amount = percent_of_minor(g.net, percent, rounding, currency, "");
  // The floor is a value that must remain, rounded like any other amount: the most that can go.
  const std::int64_t most =
      subtract_minor(g.net, percent_of_minor(g.net, rule->floor_percent_bp, rounding, currency, ""), currency, "");
  if (amount > most) {
    amount = most;
    percent = kFullPercentBp - rule->floor_percent_bp;
    (label << ", held at the floor of ").percent(rule->floor_percent_bp) << " of the value";
  }
  run.emit(l.line_no, Entry::depreciation, label.str(), currency, g.net, percent, amount);
  return amount;
}

std::int64_t deductions(const ValuationRun& run, const ValuationLineInput& l, const std::string& currency,
                        const Goods& g) {
  std::int64_t total = 0;
  const auto& rules = run.rules.deductions;
  for (std::size_t j = 0; j < l.deductions.size(); ++j) {
    const std::string& code = l.deductions[j];
    for (std::size_t k = 0; k < j; ++k)
      if (l.deductions[k] == code)
        throw Error(Status::duplicate, indexed(".deductions", j), "deduction \"" + code + "\" is given twice on the line");
    const auto rule =
        std::find_if(rules.begin(), rules.end(), [&](const DeductionRule& d) { return d.code == code; });
    if (rule == rules.end())
      throw Error(Status::unknown_value, indexed(".deductions", j), "no deduction rule has the code \"" + code + "\"");
    const std::int64_t amount = charge_amount(rule->charge, g.net, currency, l.qty_returned, run.rules.rounding, [&] {
      return indexed("deductions", static_cast<std::size_t>(rule - rules.begin()));
    });
    ShortText label;
    ShortText entry;
    label << "Deduction: " << code;
    entry << "deduction:" << code;
    run.emit(l.line_no, Entry::deduction, label.str(), currency, g.net, rule->charge.percent_bp, amount, entry.str());
    total = add_minor(total, amount, currency, ".deductions");
  }
  return total;
}

// The refund of the line (net), after fees, depreciation and deductions, never below zero and
// never more than what remains unrefunded of its sales line.
std::int64_t refund(const ValuationRun& run, const ValuationLineInput& l, const std::string& currency, const Goods& g) {
  std::int64_t taken = restocking_fee(run, l, currency, g);
  taken = add_minor(taken, depreciation(run, l, currency, g), currency, ".deductions");
  taken = add_minor(taken, deductions(run, l, currency, g), currency, ".deductions");
  std::int64_t net = subtract_minor(g.net, taken, currency, ".deductions");
  std::string label = "Refund";
  if (net < 0) {
    label += ": " + format_money(Money{taken, currency}) + " taken off exceeds the goods value, held at zero";
    net = 0;
  }
  if (g.sales_line) {
    const std::int64_t remaining = std::max<std::int64_t>(0, g.line_net - l.amount_already_refunded);
    if (net > remaining) {
      net = remaining;
      label += ": held at the " + format_money(Money{remaining, currency}) + " not yet refunded on the sales line";
    }
  }
  // VAT follows the goods: a refund of all of them is their gross exactly, otherwise the gross
  // of what is taken off comes off the goods' gross.
  std::int64_t gross = g.gross;
  if (net == 0) {
    gross = 0;
  } else if (net != g.net) {
    const std::int64_t off = subtract_minor(g.net, net, currency, "");
    gross = subtract_minor(g.gross, gross_from_net_minor(off, l.vat_rate_bp, run.rules.rounding, currency, ""), currency,
                           ".deductions");
    gross = std::max(gross, net);
  }
  run.emit(l.line_no, Entry::refund, std::move(label), currency, net, l.vat_rate_bp, gross);
  return net;
}

void check_line(const ValuationLineInput& l) {
  const auto non_negative = [&](const char* member, std::int64_t value) {
    if (value < 0) throw Error(Status::out_of_range, std::string(".") + member, std::to_string(value) + " is negative");
  };
  if (l.line_no < 1) throw Error(Status::out_of_range, ".line_no", std::to_string(l.line_no) + " is not >= 1");
  non_negative("unit_price", l.unit_price);
  non_negative("vat_rate_bp", l.vat_rate_bp);
  if (l.vat_rate_bp > kFullPercentBp)
    throw Error(Status::out_of_range, ".vat_rate_bp", std::to_string(l.vat_rate_bp) + " is more than 10000");
  non_negative("qty_sold_on_sales_line", l.qty_sold_on_sales_line);
  non_negative("qty_returned", l.qty_returned);
  non_negative("qty_requested", l.qty_requested);
  non_negative("qty_already_refunded_on_sales_line", l.qty_already_refunded_on_sales_line);
  non_negative("amount_already_refunded", l.amount_already_refunded);
  non_negative("line_discount", l.line_discount);
  non_negative("age_months", l.age_months);
  if (l.exchange_unit_price) non_negative("exchange_unit_price", *l.exchange_unit_price);
  if (l.claimed_amount) non_negative("claimed_amount", *l.claimed_amount);
  if (l.qty_sold_on_sales_line > 0 &&
      l.qty_returned > l.qty_sold_on_sales_line - std::min(l.qty_already_refunded_on_sales_line, l.qty_sold_on_sales_line))
    throw Error(Status::out_of_range, ".qty_returned",
                std::to_string(l.qty_returned) + " returned after " + std::to_string(l.qty_already_refunded_on_sales_line) +
                    " already refunded is more than the " + std::to_string(l.qty_sold_on_sales_line) +
                    " sold on the sales line");
}

}  // namespace

RepairSums value_line(const ValuationRun& run, std::size_t index) {
  const ValuationInput& input = run.input;
  const ValuationLineInput& l = input.lines[index];
  check_line(l);
  const std::string& currency = l.currency.empty() ? input.currency : l.currency;
  if (!l.currency.empty()) require_currency(l.currency, ".currency");

  const Goods g = goods_of(run, l, currency, l.qty_returned);
  ShortText price;  // its text, for two labels
  price.money(Money{l.unit_price, currency});
  if (g.discount != 0)
    run.emit(l.line_no, Entry::document_discount, "Discount share", currency, g.list, std::nullopt, g.discount);
  run.emit(l.line_no, Entry::goods_net, units_label("", l.qty_returned, price.view()), currency, l.unit_price, std::nullopt, g.net);
  ShortText vat;
  (vat << "VAT ").percent(l.vat_rate_bp);
  run.emit(l.line_no, Entry::goods_vat, vat.str(), currency, g.net, l.vat_rate_bp,
           subtract_minor(g.gross, g.net, currency, ""));
  run.emit(l.line_no, Entry::goods_gross, "Goods, gross", currency, g.net, std::nullopt, g.gross);

  if (refunds(input, l)) {
    const std::int64_t credit = refund(run, l, currency, g);
    if (l.exchange_unit_price) {
      const std::int64_t exchange =
          multiply_minor(*l.exchange_unit_price, l.qty_returned, 1, run.rules.rounding, currency, ".exchange_unit_price");
      run.emit(l.line_no, Entry::exchange_difference,
               "Exchange for " + std::to_string(l.qty_returned) + " × " +
                   format_money(Money{*l.exchange_unit_price, currency}) + " against the credit",
               currency, credit, std::nullopt, subtract_minor(exchange, credit, currency, ".exchange_unit_price"));
    }
  }
  // What is claimed is known from the moment the case is opened: the amount staff set, or the
  // requested units at their net price; kept apart from the goods received and accepted.
  const bool claims_goods = input.kind == CaseKind::return_ || input.kind == CaseKind::complaint;
  if (l.claimed_amount || claims_goods) {
    const std::int64_t requested = l.qty_requested > 0 ? l.qty_requested : l.qty_returned;
    const Goods asked = requested == l.qty_returned ? g : goods_of(run, l, currency, requested);
    if (l.claimed_amount) {
      run.emit(l.line_no, Entry::claimed_value, "Claimed", currency, asked.net, std::nullopt, *l.claimed_amount);
    } else {
      run.emit(l.line_no, Entry::claimed_value, units_label("Claimed: ", requested, price.view()), currency, asked.net,
               std::nullopt, asked.net);
    }
  }

  // Most cases have no repair operations: no sums to start.
  const RepairSums repairs = input.operations.empty() ? RepairSums{} : value_operations(run, l.line_no);
  const bool goods_kept = keeps_goods(input);
  const bool rejected = input.resolution == Resolution::reject;
  if (l.supplier_covered && (repairs.any ? !rejected : goods_kept)) {
    const std::int64_t share = run.rules.supplier_recovery_bp;
    if (repairs.any) {
      // The repair is in the case currency.
      run.emit(l.line_no, Entry::supplier_recovery, "Supplier recovery of the repair", repairs.cost, share,
               percent_of(repairs.cost, share, run.rules.rounding));
    } else {
      run.emit(l.line_no, Entry::supplier_recovery, "Supplier recovery of the goods", currency, g.net, share,
               percent_of_minor(g.net, share, run.rules.rounding, currency, ""));
    }
  }
  if (l.grade && goods_kept) {
    const auto& rules = run.rules.recovery;
    const auto rule = std::find_if(rules.begin(), rules.end(), [&](const RecoveryRule& r) { return r.grade == *l.grade; });
    if (rule != rules.end()) {
      const std::int64_t value = charge_amount(rule->charge, g.net, currency, l.qty_returned, run.rules.rounding,
                                               [&] { return std::string("recovery.") + grade_name(*l.grade); });
      ShortText label;
      label << "Recovery value, graded " << grade_name(*l.grade);
      run.emit(l.line_no, Entry::recovery_value, label.str(), currency, g.net, rule->charge.percent_bp, value);
    }
  }
  return repairs;
}

}  // namespace rma::domain
