// The built-in return eligibility validators (docs/warranty.md, "Return eligibility").
#include "domain/eligibility_rules.hpp"

#include <algorithm>

#include <string>

#include "domain/calendar_date.hpp"
#include "domain/jurisdiction_rules.hpp"

namespace rma::domain {

namespace {

ValidatorResult result(const char* validator, Outcome outcome, const char* code, std::string message) {
  return ValidatorResult{validator, outcome, Reason{code, std::move(message)}};
}

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

std::string sales_line(const SoldUnit& sold) { return sold.document + " line " + std::to_string(sold.line_no); }

// Whose unit it is comes first: a person looks at a claim on a unit someone else bought (it may
// have been resold, or the claim may be a fraud) before any other rule reads its sale.
ValidatorResult sold_to_claimant(const EligibilityFacts& f) {
  constexpr const char* name = "sold_to_claimant";
  if (f.sold_to_other_customer) {
    return result(name, Outcome::manual_review, kUnitSoldToOtherCustomer,
                  "the unit or sales line named was sold to another customer: a person checks the claim");
  }
  if (!f.sold) return result(name, Outcome::pass, "not_applicable", "no sale we know");
  return result(name, Outcome::pass, "sold_to_claimant", "sold to the case's customer on " + sales_line(*f.sold));
}

ValidatorResult delivered(const EligibilityFacts& f) {
  constexpr const char* name = "delivered";
  if (!f.sold) return result(name, Outcome::manual_review, "sale_unknown", "no sale we know: check that the unit was delivered");
  if (!f.sold->delivery_date)
    return result(name, Outcome::fail, "not_delivered", "sales document " + f.sold->document + " has no delivery date");
  const Date on = *f.sold->delivery_date;
  if (date_less(f.today, on))
    return result(name, Outcome::fail, "not_delivered", "the delivery is dated " + on.to_iso() + ", after today");
  return result(name, Outcome::pass, "delivered", "delivered on " + on.to_iso());
}

const ReturnRules::CategoryOverride* category_rule(const ReturnRules& rules, const Product* product) {
  if (!product || product->category.empty()) return nullptr;
  for (const ReturnRules::CategoryOverride& o : rules.categories)
    if (o.category == product->category) return &o;
  return nullptr;
}

// The withdrawal window of a delivered B2C distance sale: N days from delivery, where the day of
// delivery is not counted, ending on the next working day of the consumer's jurisdiction when the
// last day is a Saturday, Sunday or public holiday. The seller's window may be longer than the
// law's, never shorter: the jurisdiction's own days are the least it gets.
std::int32_t window_days(const ReturnRules& rules, const SoldUnit& sold, const ReturnRules::CategoryOverride* category) {
  const std::int32_t configured = category && category->withdrawal_days ? *category->withdrawal_days : rules.withdrawal_days;
  const JurisdictionRules* law = find_jurisdiction_rules(sold.jurisdiction);
  return law ? std::max(configured, law->withdrawal_days) : configured;
}

PeriodEnd window_of(std::int32_t days, const SoldUnit& sold, const PublicHolidays* holidays) {
  const std::string& country = sold.jurisdiction;
  return legal_period_end(*sold.delivery_date, days, PeriodUnit::days, jurisdiction_rules(country), country,
                          holidays ? *holidays : default_public_holidays());
}

ValidatorResult withdrawal_window(const ReturnRules& rules, const EligibilityFacts& f) {
  constexpr const char* name = "withdrawal_window";
  if (f.c->kind != CaseKind::return_)
    return result(name, Outcome::pass, "not_applicable", std::string("the case is a ") + case_kind_name(f.c->kind) + ", not a return");
  if (!f.sold) return result(name, Outcome::pass, "not_applicable", "no sale we know");
  const auto& defects = rules.defect_reasons;
  if (std::find(defects.begin(), defects.end(), f.line->reason_code) != defects.end()) {
    return result(name, Outcome::pass, "not_applicable",
                  "reason " + quoted(f.line->reason_code) + " claims a defect: a warranty matter, not a withdrawal");
  }
  if (f.sold->channel != Channel::b2c || !f.sold->distance_sale)
    return result(name, Outcome::pass, "not_applicable", "the sale was not a B2C distance sale");
  const ReturnRules::CategoryOverride* category = category_rule(rules, f.product);
  if (category && !category->returnable)
    return result(name, Outcome::fail, "category_not_returnable", "category " + quoted(category->category) + " is not returnable");
  const std::int32_t days = window_days(rules, *f.sold, category);
  const std::string window = std::to_string(days) + "-day window";
  if (!f.sold->delivery_date)
    return result(name, Outcome::pass, "window_not_started", "not delivered yet: the " + window + " starts at delivery");
  const PeriodEnd period = window_of(days, *f.sold, f.holidays);
  const std::string evidence = describe_period("withdrawal window", period);
  const std::string elapsed = std::to_string(days_between(period.start, f.today));
  if (date_less(period.end, f.today)) {
    return result(name, Outcome::fail, "withdrawal_window_closed",
                  "the " + window + " from delivery on " + period.start.to_iso() + " closed on " + period.end.to_iso() +
                      "; today is day " + elapsed + " (" + evidence + ")");
  }
  return result(name, Outcome::pass, "within_window",
                "day " + elapsed + " of the " + window + " from delivery on " + period.start.to_iso() + " (last day " +
                    period.end.to_iso() + "; " + evidence + ")");
}

// The quantities returned against a sales line never exceed what was sold: the double return.
ValidatorResult not_already_returned(const EligibilityFacts& f) {
  constexpr const char* name = "not_already_returned";
  if (!f.sold) return result(name, Outcome::manual_review, "sale_unknown", "no sale we know to count returns against");
  const std::int64_t requested = f.line->qty_requested;
  const std::int64_t total = f.already_returned + requested;
  const std::string numbers = std::to_string(f.already_returned) + " already returned + " + std::to_string(requested) +
                              " requested = " + std::to_string(total);
  if (total > f.sold->quantity) {
    return result(name, Outcome::fail, "already_returned",
                  numbers + ", more than the " + std::to_string(f.sold->quantity) + " sold on " + sales_line(*f.sold));
  }
  return result(name, Outcome::pass, "within_sold_quantity",
                numbers + " of " + std::to_string(f.sold->quantity) + " sold on " + sales_line(*f.sold));
}

ValidatorResult proof_of_purchase(const EligibilityFacts& f) {
  constexpr const char* name = "proof_of_purchase";
  if (!f.proof_required) return result(name, Outcome::pass, "not_required", "no proof of purchase is required");
  if (f.sold) return result(name, Outcome::pass, "sales_document", "sold on " + sales_line(*f.sold));
  if (f.proof_of_purchase) return result(name, Outcome::pass, "proof_attached", "a proof of purchase is attached");
  return result(name, Outcome::fail, "proof_of_purchase_missing", "no sale we know and no proof of purchase attached");
}

ValidatorResult condition(const ReturnRules& rules, const EligibilityFacts& f) {
  constexpr const char* name = "condition";
  struct Check {
    bool required;
    const std::optional<bool>& value;
    const char* code;   // when the answer is no
    const char* label;  // what was checked
  };
  const Check checks[] = {
      {rules.require_unused, f.line->unused, "used", "unused"},
      {rules.require_original_packaging, f.line->original_packaging, "packaging_missing", "original packaging"},
      {rules.require_accessories, f.line->accessories_complete, "accessories_missing", "accessories complete"},
  };
  const char* failed_code = nullptr;
  std::string failed;
  std::string unknown;
  bool any_required = false;
  for (const Check& c : checks) {
    if (!c.required) continue;
    any_required = true;
    if (!c.value) {
      unknown += unknown.empty() ? c.label : std::string(", ") + c.label;
    } else if (!*c.value) {
      if (!failed_code) failed_code = c.code;
      failed += failed.empty() ? c.label : std::string(", ") + c.label;
    }
  }
  if (!any_required) return result(name, Outcome::pass, "not_required", "no condition is required");
  if (failed_code) return result(name, Outcome::fail, failed_code, "the inspection says not: " + failed);
  if (!unknown.empty()) return result(name, Outcome::manual_review, "not_inspected", "not inspected yet: " + unknown);
  return result(name, Outcome::pass, "condition_ok", "the inspection found the required condition");
}

ValidatorResult reason_allowed(const ReturnRules& rules, const EligibilityFacts& f) {
  constexpr const char* name = "reason_allowed";
  const std::vector<std::string>* allowed = nullptr;
  for (const auto& [channel, reasons] : rules.reasons_by_channel)
    if (channel == f.c->channel) allowed = &reasons;
  if (!allowed || allowed->empty())
    return result(name, Outcome::pass, "any_reason", std::string("channel ") + channel_name(f.c->channel) + " accepts any reason");
  const std::string& reason = f.line->reason_code;
  std::string list;
  for (const std::string& r : *allowed) {
    if (r == reason)
      return result(name, Outcome::pass, "reason_allowed", "reason " + quoted(reason) + " is accepted on channel " + channel_name(f.c->channel));
    list += list.empty() ? r : ", " + r;
  }
  return result(name, Outcome::fail, "reason_not_allowed",
                "reason " + quoted(reason) + " is not accepted on channel " + channel_name(f.c->channel) + " (accepted: " + list + ")");
}

}  // namespace

bool sold_to_other_customer(const SoldUnit& sold, const std::string& customer_id) noexcept {
  return !sold.customer_id.empty() && sold.customer_id != customer_id;
}

bool has_flag(const CaseLine& line, const std::string& flag) noexcept {
  return std::find(line.flags.begin(), line.flags.end(), flag) != line.flags.end();
}

bool is_withdrawal(const ReturnRules& rules, const Case& c, const CaseLine& line, const SoldUnit* sold,
                   const Product* product, Date notice, const PublicHolidays* holidays) {
  if (c.kind != CaseKind::return_ || !sold || sold->channel != Channel::b2c || !sold->distance_sale) return false;
  const auto& defects = rules.defect_reasons;
  if (std::find(defects.begin(), defects.end(), line.reason_code) != defects.end()) return false;
  const ReturnRules::CategoryOverride* category = category_rule(rules, product);
  if (category && !category->returnable) return false;
  // Before delivery the window has not started: a withdrawal then is in time too.
  if (!sold->delivery_date) return true;
  return !date_less(window_of(window_days(rules, *sold, category), *sold, holidays).end, notice);
}

Eligibility other_customer_eligibility() {
  EligibilityFacts facts;
  facts.sold_to_other_customer = true;
  Eligibility e;
  e.results.push_back(sold_to_claimant(facts));
  e.outcome = overall_outcome(e.results);
  return e;
}

Outcome overall_outcome(const std::vector<ValidatorResult>& results) noexcept {
  Outcome outcome = Outcome::pass;
  for (const ValidatorResult& r : results) {
    if (r.outcome == Outcome::fail) return Outcome::fail;
    if (r.outcome == Outcome::manual_review) outcome = Outcome::manual_review;
  }
  return outcome;
}

Eligibility decide_eligibility(const ReturnRules& rules, const EligibilityFacts& facts) {
  if (facts.sold_to_other_customer) return other_customer_eligibility();
  Eligibility e;
  e.results.reserve(7);
  e.results.push_back(sold_to_claimant(facts));
  e.results.push_back(delivered(facts));
  e.results.push_back(withdrawal_window(rules, facts));
  e.results.push_back(not_already_returned(facts));
  e.results.push_back(proof_of_purchase(facts));
  e.results.push_back(condition(rules, facts));
  e.results.push_back(reason_allowed(rules, facts));
  e.outcome = overall_outcome(e.results);
  return e;
}

}  // namespace rma::domain
