// rma::value(): checks the case-level input, values each line, then the case, then sums the
// breakdown into totals per currency and the net cost.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "domain/money_text.hpp"
#include "domain/valuation_rules.hpp"
#include "domain/valuation_steps.hpp"
#include "json/reader.hpp"
#include "rma/error.hpp"
#include "rma/valuation.hpp"

namespace rma {

namespace domain {

std::string percent_text(std::int64_t basis_points) {
  std::string text;
  append_percent(text, basis_points);
  return text;
}

std::string indexed(const char* list, std::size_t index) { return std::string(list) + "[" + std::to_string(index) + "]"; }

void rethrow_at(const Error& error, const std::string& field) {
  throw Error(error.status(), field, codec::error_message(error));
}

void throw_mixed(const std::string& field, const Money& amount, const std::string& currency) {
  throw Error(Status::invalid_argument, field,
              "cannot combine " + format_money(amount) + " with an amount in " + currency);
}

const std::string& entry_code(Entry kind) noexcept {
  static const std::string kCodes[] = {
      "document_discount", "goods_net",     "goods_vat",         "goods_gross",    "restocking_fee",
      "depreciation",      "deduction",     "refund",            "exchange_difference", "claimed_value",
      "repair_labour",     "repair_parts",  "supplier_recovery", "recovery_value", "shipping_in",
      "shipping_out",      "repair_cost",   "repair_quote",      "net_cost"};
  static_assert(sizeof kCodes / sizeof kCodes[0] == static_cast<std::size_t>(Entry::net_cost) + 1);
  return kCodes[static_cast<std::size_t>(kind)];
}

}  // namespace domain

namespace {

struct Sums {
  ValuationTotals totals;
  Money costs;  // labour, parts and shipping
};

// Entries come in runs of one currency: the last one used is tried first.
Sums& sums_of(std::vector<Sums>& all, const std::string& currency, std::size_t& last) {
  if (last < all.size() && all[last].totals.currency == currency) return all[last];
  const auto it = std::lower_bound(all.begin(), all.end(), currency,
                                   [](const Sums& s, const std::string& c) { return s.totals.currency < c; });
  last = static_cast<std::size_t>(it - all.begin());
  if (it != all.end() && it->totals.currency == currency) return *it;
  const Money zero{0, currency};
  return *all.insert(it, Sums{ValuationTotals{currency, zero, zero, zero, zero, zero, zero, zero, zero, zero}, zero});
}

// The most entries value() can emit: per line its goods (4), fee, depreciation, deductions,
// refund, exchange, claimed value and the two recoveries; per operation its labour and parts;
// for the case shipping both ways, repair cost and quote, and a net cost per currency.
std::size_t most_entries(const ValuationInput& input) {
  std::size_t entries = 4 + 1;
  for (const ValuationLineInput& l : input.lines) entries += 11 + l.deductions.size() + (l.currency.empty() ? 0 : 1);
  for (const RepairOperationInput& op : input.operations) entries += 1 + op.parts.size();
  return entries;
}

// `sum` += `amount`, both of the Sums' currency (an entry's base and amount share one).
void add_to(Money& sum, const Money& amount) {
  sum.minor = domain::add_minor(sum.minor, amount.minor, sum.currency, "totals");
}

void accumulate(Sums& s, domain::Entry kind, const BreakdownLine& line) {
  using domain::Entry;
  ValuationTotals& t = s.totals;
  switch (kind) {
    case Entry::refund:
      add_to(t.refund, line.amount);
      add_to(t.refund_net, line.base);
      break;
    case Entry::exchange_difference: add_to(t.exchange_difference, line.amount); break;
    case Entry::repair_cost: add_to(t.repair_cost, line.amount); break;
    case Entry::repair_quote: add_to(t.repair_quote, line.base); break;
    case Entry::supplier_recovery: add_to(t.supplier_recovery, line.amount); break;
    case Entry::recovery_value: add_to(t.recovery_value, line.amount); break;
    case Entry::claimed_value: add_to(t.claimed_value, line.amount); break;
    case Entry::repair_labour:
    case Entry::repair_parts:
    case Entry::shipping_in:
    case Entry::shipping_out: add_to(s.costs, line.amount); break;
    default: break;  // the goods and what is taken off them are inside the refund
  }
}

// Up to this many lines, comparing each with those before it is cheaper than sorting.
constexpr std::size_t kLinesComparedPairwise = 16;

// The first line whose number an earlier line has, with the first such earlier line.
void check_line_numbers(const std::vector<ValuationLineInput>& lines) {
  const auto duplicate = [&](std::size_t i, std::size_t j) {
    throw Error(Status::duplicate, domain::indexed("lines", i) + ".line_no",
                "line " + std::to_string(lines[i].line_no) + " is already given at " + domain::indexed("lines", j));
  };
  if (lines.size() <= kLinesComparedPairwise) {
    for (std::size_t i = 0; i < lines.size(); ++i)
      for (std::size_t j = 0; j < i; ++j)
        if (lines[j].line_no == lines[i].line_no) duplicate(i, j);
    return;
  }
  // Sorted by number then position, a repeated number's first two positions are adjacent: the
  // second is a line with an earlier twin, the first that twin.
  std::vector<std::pair<std::int32_t, std::size_t>> sorted;
  sorted.reserve(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) sorted.emplace_back(lines[i].line_no, i);
  std::sort(sorted.begin(), sorted.end());
  std::size_t first = lines.size();
  std::size_t twin = 0;
  for (std::size_t k = 1; k < sorted.size(); ++k) {
    const bool second_of_its_number =
        sorted[k].first == sorted[k - 1].first && (k == 1 || sorted[k - 2].first != sorted[k].first);
    if (second_of_its_number && sorted[k].second < first) {
      first = sorted[k].second;
      twin = sorted[k - 1].second;
    }
  }
  if (first < lines.size()) duplicate(first, twin);
}

void check_case(const ValuationInput& input) {
  require_currency(input.currency, "currency");
  if (input.repair_vat_rate_bp < 0 || input.repair_vat_rate_bp > domain::kFullPercentBp)
    throw Error(Status::out_of_range, "repair_vat_rate_bp", std::to_string(input.repair_vat_rate_bp) + " is not 0..10000");
  check_line_numbers(input.lines);
  for (std::size_t k = 0; k < input.operations.size(); ++k) {
    const std::int32_t line_no = input.operations[k].line_no;
    const bool known = line_no == 0 || std::any_of(input.lines.begin(), input.lines.end(),
                                                   [&](const ValuationLineInput& l) { return l.line_no == line_no; });
    if (!known)
      throw Error(Status::invalid_argument, domain::indexed("operations", k) + ".line_no",
                  "no line " + std::to_string(line_no) + " in the case (0 is the whole case)");
  }
  for (std::size_t d = 0; d < input.document_discounts.size(); ++d) {
    const DocumentDiscount& doc = input.document_discounts[d];
    const std::string path = domain::indexed("document_discounts", d);
    if (doc.discount < 0) throw Error(Status::out_of_range, path + ".discount", std::to_string(doc.discount) + " is negative");
    for (std::size_t j = 0; j < d; ++j)
      if (input.document_discounts[j].document == doc.document)
        throw Error(Status::duplicate, path + ".document",
                    "document " + doc.document + " is already given at " + domain::indexed("document_discounts", j));
  }
}

}  // namespace

std::int32_t age_in_months(Date from, Date on) {
  const std::int32_t months = (on.year - from.year) * 12 + (on.month - from.month) - (on.day < from.day ? 1 : 0);
  return std::max(months, 0);
}

std::vector<Money> document_discount_shares(const Money& discount, const std::vector<std::int64_t>& line_nets,
                                            const std::string& field) {
  if (discount.minor == 0) return std::vector<Money>(line_nets.size(), discount);
  return allocate(discount, line_nets, field);
}

Valuation value(const ValuationRules& rules, const ValuationInput& input) {
  check_case(input);
  Valuation result;
  result.breakdown.reserve(most_entries(input));
  std::vector<domain::Entry> kinds;
  kinds.reserve(result.breakdown.capacity());
  const domain::ValuationRun run{rules, input, result.breakdown, kinds};
  domain::RepairSums on_lines{Money{0, input.currency}, Money{0, input.currency}, false};
  for (std::size_t i = 0; i < input.lines.size(); ++i) {
    domain::RepairSums repairs;
    try {
      repairs = domain::value_line(run, i);
    } catch (const Error& e) {
      if (e.field().empty() || e.field()[0] != '.') throw;
      domain::rethrow_at(e, domain::indexed("lines", i) + e.field());
    }
    if (!repairs.any) continue;  // nothing to add
    on_lines.any = true;
    on_lines.cost = add(on_lines.cost, repairs.cost, "operations");
    on_lines.paid = add(on_lines.paid, repairs.paid, "operations");
  }
  domain::value_case(run, on_lines);

  std::vector<Sums> sums;
  std::size_t last = 0;
  sums_of(sums, input.currency, last);
  for (std::size_t k = 0; k < result.breakdown.size(); ++k) {
    const BreakdownLine& line = result.breakdown[k];
    accumulate(sums_of(sums, line.amount.currency, last), kinds[k], line);
  }
  for (Sums& s : sums) {
    ValuationTotals& t = s.totals;
    const Money spent = add(t.refund_net, s.costs, "totals");
    Money gained = add(t.repair_quote, t.supplier_recovery, "totals");
    gained = add(gained, t.recovery_value, "totals");
    t.net_cost = subtract(spent, gained, "totals");
    run.emit(0, domain::Entry::net_cost, "Net cost: refunds, repairs and shipping less quotes and recoveries", spent, std::nullopt,
             t.net_cost);
    result.totals.push_back(t);
  }
  return result;
}

}  // namespace rma
