#include "domain/valuation_input.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <utility>

#include <nlohmann/json.hpp>

#include "domain/decision_lock.hpp"
#include "rma/error.hpp"
#include "rma/money.hpp"

namespace rma::domain {
namespace {

using nlohmann::json;

// The inspection findings the valuation deducts for, as DeductionRule codes.
constexpr const char* kMissingAccessories = "missing_accessories";
constexpr const char* kPackaging = "packaging";
constexpr const char* kDamage = "damage";

bool has_deduction(const ValuationRules& rules, const char* code) {
  return std::any_of(rules.deductions.begin(), rules.deductions.end(),
                     [&](const DeductionRule& d) { return d.code == code; });
}

// a + b, or Status::out_of_range at `field` past 64 bits (quantities and amounts from the store).
std::int64_t checked_sum(std::int64_t a, std::int64_t b, const char* field) {
  std::int64_t sum = 0;
  if (__builtin_add_overflow(a, b, &sum)) throw Error(Status::out_of_range, field, "the sum is beyond 64 bits");
  return sum;
}

bool has_labour_class(const ValuationRules& rules, const std::string& name) {
  return std::any_of(rules.labour_classes.begin(), rules.labour_classes.end(),
                     [&](const LabourClass& c) { return c.name == name; });
}

// The net amount refunded for case line `line_no` in a stored valuation, in `currency`.
std::int64_t refunded_in(const std::string& valuation, std::int32_t line_no, const std::string& currency) {
  if (valuation.empty()) return 0;
  std::int64_t total = 0;
  const json stored = json::parse(valuation);
  for (const json& e : stored.at("breakdown")) {
    if (e.at("code") != "refund" || e.at("line_no") != line_no) continue;
    const Money net = parse_money(e.at("base").get<std::string>(), "valuation");
    if (net.currency == currency) total = add(Money{total, currency}, net, "valuation").minor;
  }
  return total;
}

}  // namespace

std::string case_currency(const Case& c, const ValuationRules& rules) {
  for (const CaseLine& l : c.lines) {
    if (!l.currency.empty()) return l.currency;
  }
  for (const CaseLine& l : c.lines) {
    if (l.claimed_amount) return l.claimed_amount->currency;
  }
  for (const RepairOperation& r : c.repairs) {
    for (const PartUse& p : r.parts) {
      if (!p.currency.empty()) return p.currency;
    }
  }
  for (const LabourClass& lc : rules.labour_classes) return lc.hourly_rate.currency;
  for (const ShippingRule& s : rules.shipping) {
    if (s.inbound) return s.inbound->currency;
    if (s.outbound) return s.outbound->currency;
  }
  return std::string();
}

ValuationInput valuation_input(const Case& c, const ValuationRules& rules, Date on, ValuationSources& sources) {
  ValuationInput in;
  in.kind = c.kind;
  in.channel = c.channel;
  in.category = c.category;
  in.resolution = c.resolution;
  in.currency = case_currency(c, rules);
  in.lines.reserve(c.lines.size());
  // Units of each sales line that this case's earlier lines return (one line per serial is the
  // usual shape): they own the slices before this line's, as earlier cases do.
  std::map<std::pair<std::string, std::int32_t>, std::int64_t> sibling_units;
  for (const CaseLine& l : c.lines) {
    ValuationLineInput v;
    v.line_no = l.line_no;
    v.sku = l.sku;
    if (const Product* product = sources.product(l.sku)) v.category = product->category;
    v.reason_code = l.reason_code;
    v.condition = l.condition;
    v.unit_price = l.unit_price;
    v.currency = l.currency;
    v.vat_rate_bp = l.vat_rate_bp;
    v.qty_returned = l.valued_quantity();
    v.qty_requested = l.qty_requested;
    if (l.claimed_amount) v.claimed_amount = l.claimed_amount->minor;  // in the line's currency (case_rules)
    if (!l.sales_document.document.empty()) {
      std::int64_t sold = 0;
      for (const SoldUnit* u : sources.sold_on_line(l.sales_document.document, l.sales_document.line)) {
        sold = checked_sum(sold, u->quantity, "lines.sales_document");
        v.line_discount = u->line_discount;  // the same on every unit of the line
      }
      if (sold > 0) {
        if (const DocumentDiscount* d = sources.document_discount(l.sales_document.document)) {
          const bool given = std::any_of(in.document_discounts.begin(), in.document_discounts.end(),
                                         [&](const DocumentDiscount& x) { return x.document == d->document; });
          if (!given) in.document_discounts.push_back(*d);
        }
        // Cases opened earlier own the first slices of the sales line, so each case's slice
        // stays put whatever later cases do (a new case has no id yet: every case is earlier).
        const std::int64_t before_case = c.id == 0 ? std::numeric_limits<std::int64_t>::max() : c.id;
        std::int64_t& siblings = sibling_units[{l.sales_document.document, l.sales_document.line}];
        std::int64_t units_before = siblings;
        siblings += v.qty_returned;
        std::int64_t refunded_before = 0;
        sources.earlier_returns(
            l.sales_document.document, l.sales_document.line, before_case,
            [&](std::int64_t quantity, std::int32_t line_no, const std::string& valuation) {
              units_before += quantity;
              refunded_before = checked_sum(refunded_before, refunded_in(valuation, line_no, l.currency),
                                            "lines.sales_document");
            });
        v.qty_sold_on_sales_line = sold;
        // Over-returns are eligibility's to refuse; here the slice ends at the line's end, and
        // the amount already refunded still caps the refund.
        v.qty_already_refunded_on_sales_line = std::max<std::int64_t>(0, std::min(units_before, sold - v.qty_returned));
        v.amount_already_refunded = refunded_before;
        v.sales_document = l.sales_document;
      }
    }
    if (l.purchase_date) v.age_months = age_in_months(*l.purchase_date, on);
    if (l.accessories_complete == false && has_deduction(rules, kMissingAccessories)) {
      v.deductions.push_back(kMissingAccessories);
    }
    if (l.original_packaging == false && has_deduction(rules, kPackaging)) v.deductions.push_back(kPackaging);
    const bool damaged = std::find(l.void_conditions.begin(), l.void_conditions.end(), "physical_damage") !=
                         l.void_conditions.end();
    if (damaged && has_deduction(rules, kDamage)) v.deductions.push_back(kDamage);
    v.grade = grade_from_name(l.condition);  // a condition named after a grade grades the goods
    v.supplier_covered = domain::supplier_recoverable(l.warranty);
    in.lines.push_back(std::move(v));
  }
  for (const RepairOperation& r : c.repairs) {
    if (r.status == RepairStatus::cancelled) continue;
    RepairOperationInput op;
    const bool line_known = std::any_of(c.lines.begin(), c.lines.end(), [&](const CaseLine& l) { return l.line_no == r.line_no; });
    op.line_no = line_known ? r.line_no : 0;  // a line split off to another case: the repair is this case's
    op.code = r.code;
    // Labour of a class the rules do not price is not valued (and not refused): a repair is
    // planned before anyone configures hourly rates.
    if (has_labour_class(rules, r.labour_class)) {
      op.labour_class = r.labour_class;
      op.minutes = r.minutes;
    }
    for (const PartUse& p : r.parts) {
      op.parts.push_back(PartInput{p.sku, Money{p.unit_cost, p.currency.empty() ? in.currency : p.currency}, p.quantity});
    }
    op.paid = r.paid;
    in.operations.push_back(std::move(op));
  }
  // The repair is invoiced at the VAT rate of the goods it repairs.
  for (const CaseLine& l : c.lines) {
    if (!l.currency.empty()) {
      in.repair_vat_rate_bp = l.vat_rate_bp;
      break;
    }
  }
  return in;
}

}  // namespace rma::domain
