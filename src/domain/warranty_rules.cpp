// The warranty verdict (docs/warranty.md). Runs on every check, a million times a second: no
// look-up tables are built, the few policies are scanned, dates are plain integer arithmetic.
#include "domain/warranty_rules.hpp"

#include "domain/calendar_date.hpp"
#include "domain/jurisdiction_rules.hpp"

namespace rma::domain {

namespace {

// A coverage period, first and last covered day inclusive.
struct Window {
  bool known = false;
  Date start;
  Date end;

  bool covers(Date day) const { return known && date_less_equal(start, day) && date_less_equal(day, end); }
};

Window months_from(std::optional<Date> start, std::int32_t months) {
  Window w;
  if (!start || months <= 0) return w;  // zero months: no such coverage
  w.known = true;
  w.start = *start;
  w.end = add_months(*start, months);
  return w;
}

// The policy of a unit no policy matches: no manufacturer warranty, the usual conditions.
const WarrantyPolicy& no_policy() {
  static const WarrantyPolicy policy = [] {
    WarrantyPolicy p;
    p.void_conditions.assign(kVoidConditions.begin(), kVoidConditions.end());
    return p;
  }();
  return policy;
}

// The legal guarantee of a sale: the configured entry of its jurisdiction, else the configured
// default entry, else the law of its jurisdiction (jurisdiction_rules.cpp; 24/12 months from
// delivery where librma knows none). A configuration without a default entry thus counts each
// country's statutory period (3 years in Spain, Portugal and Sweden).
struct LegalTerms {
  std::int32_t b2c_months;
  std::int32_t b2b_months;
  WarrantyStart start;
};

LegalTerms legal_for(const WarrantyConfig& config, const std::string& jurisdiction) {
  const LegalGuarantee* fallback = nullptr;
  for (const LegalGuarantee& g : config.legal) {
    if (g.jurisdiction == jurisdiction && !jurisdiction.empty()) return {g.b2c_months, g.b2b_months, g.start};
    if (g.jurisdiction.empty() && !fallback) fallback = &g;
  }
  if (fallback) return {fallback->b2c_months, fallback->b2b_months, fallback->start};
  static const LegalGuarantee built_in;
  const JurisdictionRules* law = find_jurisdiction_rules(jurisdiction);
  return {law ? law->guarantee_months : built_in.b2c_months, built_in.b2b_months, built_in.start};
}

const SupplierTerms& terms_for(const WarrantyConfig& config, const std::string& supplier_id) {
  static const SupplierTerms built_in;
  const SupplierTerms* fallback = &built_in;
  for (const SupplierTerms& t : config.suppliers) {
    if (t.supplier_id == supplier_id && !supplier_id.empty()) return t;
    if (t.supplier_id.empty() && fallback == &built_in) fallback = &t;
  }
  return *fallback;
}

// Where a period counts from. Delivery falls back to the sale while undelivered; registration to
// the sale when the customer never registered. Without our sale only a registration is a date.
std::optional<Date> start_date(WarrantyStart start, const UnitFacts& f) {
  switch (start) {
    case WarrantyStart::sale: break;
    case WarrantyStart::delivery:
      if (f.sold && f.sold->delivery_date) return f.sold->delivery_date;
      break;
    case WarrantyStart::registration:
      if (f.registration_date) return f.registration_date;
      break;
  }
  if (f.sold) return f.sold->sale_date;
  return std::nullopt;
}

// A replacement unit's coverage: from the day it was swapped in to the end its policy gives it.
Window replacement_window(const WarrantyPolicy& policy, const UnitFacts& f) {
  Window w;
  if (!f.replaced_on) return w;
  std::optional<Date> end;
  const Date minimum = add_days(*f.replaced_on, policy.replacement_minimum_days);
  switch (policy.replacement) {
    case ReplacementRule::inherit: end = f.inherited_expires; break;
    case ReplacementRule::minimum_days: end = minimum; break;
    case ReplacementRule::greater_of: end = f.inherited_expires ? later_date(*f.inherited_expires, minimum) : minimum; break;
  }
  if (!end) return w;
  w.known = true;
  w.start = *f.replaced_on;
  w.end = *end;
  return w;
}

std::int32_t legal_months(const LegalTerms& g, Channel channel) {
  // Retail chains and suppliers buy as businesses.
  return channel == Channel::b2c ? g.b2c_months : g.b2b_months;
}

// The presumption of non-conformity of a consumer sale (2019/771 art. 11): from delivery, for the
// months the jurisdiction chose, its last day moved off a weekend or holiday.
void decide_presumption(const UnitFacts& f, WarrantyVerdict& v) {
  if (!f.sold || f.sold->channel != Channel::b2c || !f.sold->delivery_date) return;
  const std::string& country = f.sold->jurisdiction;
  const JurisdictionRules& law = jurisdiction_rules(country);
  if (law.presumption_months <= 0) return;
  const PeriodEnd p = legal_period_end(*f.sold->delivery_date, law.presumption_months, PeriodUnit::months, law, country,
                                       f.holidays ? *f.holidays : default_public_holidays());
  v.presumption_until = p.end;
  std::string rule = "Directive (EU) 2019/771 art. 11";
  if (*law.country) rule += std::string("; ") + law.country + ": " + law.source;
  v.periods.push_back(LegalPeriod{"presumption", std::move(rule), p.start, p.nominal_end, p.end,
                                  describe_period("presumption of non-conformity", p)});
}

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

void add_reason(WarrantyVerdict& v, std::string code, std::string message) {
  v.reasons.push_back(Reason{std::move(code), std::move(message)});
}

}  // namespace

const WarrantyPolicy* match_policy(const WarrantyConfig& config, const Product* product, const std::string& sku,
                                   std::string& matched_by) {
  static constexpr const char* level_names[] = {"default", "supplier", "brand", "category", "sku"};
  const WarrantyPolicy* best = nullptr;
  int best_level = -1;
  for (const WarrantyPolicy& p : config.policies) {
    const PolicyMatch& m = p.match;
    if (!m.sku.empty() && m.sku != sku) continue;
    if (!m.category.empty() && (!product || m.category != product->category)) continue;
    if (!m.brand.empty() && (!product || m.brand != product->brand)) continue;
    if (!m.supplier_id.empty() && (!product || m.supplier_id != product->supplier_id)) continue;
    const int level = !m.sku.empty() ? 4 : !m.category.empty() ? 3 : !m.brand.empty() ? 2 : !m.supplier_id.empty() ? 1 : 0;
    if (level > best_level) {  // strictly: the first of equals stays
      best = &p;
      best_level = level;
    }
  }
  matched_by = best ? level_names[best_level] : "";
  return best;
}

std::optional<Date> inheritable_expiry(const WarrantyVerdict& v) {
  std::optional<Date> latest;
  for (const std::optional<Date>& end : {v.manufacturer_expires, v.legal_expires, v.extended_expires}) {
    if (end && (!latest || date_less(*latest, *end))) latest = end;
  }
  return latest;
}

WarrantyVerdict decide_warranty(const WarrantyConfig& config, const UnitFacts& f, Date today) {
  WarrantyVerdict v;
  v.today = today;
  v.reasons.reserve(2);

  static const std::string no_sku;
  const std::string& sku = f.sold ? f.sold->sku : f.product ? f.product->sku : no_sku;
  const WarrantyPolicy* matched = match_policy(config, f.product, sku, v.policy_match);
  const WarrantyPolicy& policy = matched ? *matched : no_policy();
  if (matched) v.policy = matched->name;

  // Evidence.
  if (f.sold) {
    v.sale_date = f.sold->sale_date;
    v.delivery_date = f.sold->delivery_date;
    v.document = f.sold->document;
  }
  if (f.purchased) v.purchase_document = f.purchased->document;
  v.replaced_serial = f.replaced_serial;

  // The three coverages, each a window of days.
  const bool replacement = !f.replaced_serial.empty();
  const Window manufacturer = replacement ? replacement_window(policy, f)
                                          : months_from(start_date(policy.start, f), policy.manufacturer_months);
  Window legal;
  if (f.sold) {
    const LegalTerms g = legal_for(config, f.sold->jurisdiction);
    legal = months_from(start_date(g.start, f), legal_months(g, f.sold->channel));
    if (legal.known) decide_presumption(f, v);
  }
  Window extended;
  const ExtendedWarranty* contract = nullptr;
  for (const ExtendedWarranty& c : f.contracts) {
    const bool runs = date_less_equal(c.start, today) && date_less_equal(today, c.end);
    const bool best_runs = contract && extended.covers(today);
    // A running contract beats one that does not; among equals the one that ends later.
    if (!contract || (runs && !best_runs) || (runs == best_runs && date_less(contract->end, c.end))) {
      contract = &c;
      extended = Window{true, c.start, c.end};
    }
  }
  if (manufacturer.known) v.manufacturer_expires = manufacturer.end;
  if (legal.known) v.legal_expires = legal.end;
  if (extended.known) v.extended_expires = extended.end;

  // The first coverage that runs today, in a fixed order; otherwise the one that ends last.
  const Window* chosen = nullptr;
  if (manufacturer.covers(today)) {
    chosen = &manufacturer;
    v.coverage = CoverageKind::manufacturer;
  } else if (legal.covers(today)) {
    chosen = &legal;
    v.coverage = CoverageKind::legal_guarantee;
  } else if (extended.covers(today)) {
    chosen = &extended;
    v.coverage = CoverageKind::extended;
  } else {
    const Window* const all[] = {&manufacturer, &legal, &extended};
    for (const Window* w : all) {
      if (w->known && (!chosen || date_less(chosen->end, w->end))) chosen = w;
    }
  }
  if (chosen) {
    v.expires = chosen->end;
    v.start_date = chosen->start;
    v.days_remaining = days_between(today, chosen->end);
  }
  v.covered = v.coverage != CoverageKind::none;

  // What can take a running coverage away.
  bool voided = false;
  for (std::size_t i = 0; i < f.void_findings.size(); ++i) {
    const std::string& finding = f.void_findings[i];
    bool listed = false;
    for (const std::string& condition : policy.void_conditions) listed = listed || condition == finding;
    bool repeated = false;
    for (std::size_t j = 0; j < i; ++j) repeated = repeated || f.void_findings[j] == finding;
    if (!listed || repeated) continue;
    voided = true;
    add_reason(v, "void_condition." + finding,
               "the inspection found " + finding + ", which voids the warranty" +
                   (matched ? " under policy " + quoted(policy.name) : std::string()));
  }
  // Our own sale, an extended contract we sold and a replacement we shipped are documents of purchase.
  const bool proof = f.sold || f.proof_of_purchase || !f.contracts.empty() || (replacement && f.replaced_on);
  if (policy.proof_of_purchase_required && !proof) {
    add_reason(v, "proof_of_purchase_missing",
               "the unit is not in our sales and no proof of purchase is attached" +
                   (matched ? std::string(", which policy ") + quoted(policy.name) + " requires" : std::string()));
    voided = true;
  }

  if (v.covered && !voided) {
    const std::string until = v.expires->to_iso();
    switch (v.coverage) {
      case CoverageKind::manufacturer:
        add_reason(v, "covered.manufacturer",
                   (replacement ? "replacement for " + f.replaced_serial + ": " : std::string()) +
                       "covered by the manufacturer warranty until " + until +
                       (matched ? " (policy " + quoted(policy.name) + ")" : std::string()));
        break;
      case CoverageKind::legal_guarantee:
        add_reason(v, "covered.legal_guarantee", "covered by the seller's legal guarantee until " + until);
        break;
      default:
        add_reason(v, "covered.extended", "covered by extended warranty contract " + contract->contract + " until " + until);
        break;
    }
  } else if (!v.covered) {
    if (!chosen) {
      if (!f.sold) {
        add_reason(v, "not_sold_by_us", "serial " + f.serial + " is not in our sales, and no registration, contract or replacement gives it a warranty period");
      } else {
        add_reason(v, "no_coverage", "no warranty period applies to this unit" +
                                          (matched ? " under policy " + quoted(policy.name) : std::string()));
      }
    } else if (date_less(today, chosen->start)) {
      add_reason(v, "not_started", "the coverage starts on " + chosen->start.to_iso());
    } else {
      add_reason(v, "expired", "the warranty ended on " + chosen->end.to_iso());
    }
  }
  v.covered = v.covered && !voided;
  if (!v.covered) v.coverage = CoverageKind::none;

  // Back-to-back: can we claim the unit from our supplier?
  if (f.purchased) {
    const SupplierTerms& terms = terms_for(config, f.purchased->supplier_id);
    if (terms.months > 0) {
      v.supplier_until = add_months(f.purchased->purchase_date, terms.months);
      const std::string until = v.supplier_until->to_iso();
      if (!f.void_findings.empty()) {
        add_reason(v, "supplier.void_condition", "the inspection findings void the supplier's warranty");
      } else if (date_less(*v.supplier_until, today)) {
        add_reason(v, "supplier.expired", "the supplier's coverage ended on " + until);
      } else {
        v.supplier_recoverable = true;
        add_reason(v, "supplier.recoverable",
                   "claimable from supplier " + f.purchased->supplier_id + " until " + until + " (purchase " +
                       f.purchased->document + ")");
      }
    } else {
      add_reason(v, "supplier.no_coverage", "supplier " + f.purchased->supplier_id + " gives no warranty");
    }
  }
  return v;
}

}  // namespace rma::domain
