// domain/eligibility_rules.hpp — whether a case line may be returned: the built-in validators,
// each answering pass, manual_review or fail with a reason (docs/warranty.md). Pure: the engine
// looks the facts up and appends the host's own validators.
#pragma once

#include <cstdint>
#include <string>

#include "domain/legal_period.hpp"
#include "rma/case.hpp"
#include "rma/product.hpp"
#include "rma/sales.hpp"
#include "rma/warranty.hpp"

namespace rma::domain {

// The flag (CaseLine::flags) of a line that names a unit or a sales line sold to another
// customer than the case's, and the reason code of its eligibility: the first fraud signal.
inline constexpr const char* kUnitSoldToOtherCustomer = "unit_sold_to_other_customer";

// Whether `sold` went to a customer other than `customer_id`. A sale whose buyer is not recorded
// belongs to nobody in particular and is no one else's.
bool sold_to_other_customer(const SoldUnit& sold, const std::string& customer_id) noexcept;

// Whether the line carries `flag` (CaseLine::flags).
bool has_flag(const CaseLine& line, const std::string& flag) noexcept;

// Pointers are borrowed for the call; `c` and `line` must not be null.
struct EligibilityFacts {
  const Case* c = nullptr;
  const CaseLine* line = nullptr;
  // The sale the line came from, null if unknown. For a sales line of several units, one
  // SoldUnit for the whole line (quantity = the line's quantity), so quantities compare alike.
  const SoldUnit* sold = nullptr;
  const Product* product = nullptr;  // the catalogue entry, for category rules
  Date today;                        // local date in the configured zone
  // Units of the same sales line on other cases' lines (the double-return check).
  std::int64_t already_returned = 0;
  bool proof_of_purchase = false;  // e.g. a receipt is attached
  bool proof_required = true;
  // The line names a unit or sales line sold to another customer (sold_to_other_customer, or
  // the line's flag). `sold` must then be null: another customer's sale decides nothing here.
  bool sold_to_other_customer = false;
  // The public holidays that move the withdrawal window's last day (Reg. 1182/71 art. 3(4)), asked
  // for the sale's jurisdiction; null: default_public_holidays().
  const PublicHolidays* holidays = nullptr;
};

// Whether `line` of `c`, notified on the local date `notice`, is a consumer's withdrawal from a
// distance sale in time: a return of a unit of `sold` (a B2C distance sale) for a reason that
// claims no defect, in a returnable category, within the withdrawal window (or before delivery).
// Such a case is the notice that starts the seller's refund deadline (2011/83/EU art. 13).
// `holidays` null: default_public_holidays().
bool is_withdrawal(const ReturnRules& rules, const Case& c, const CaseLine& line, const SoldUnit* sold,
                   const Product* product, Date notice, const PublicHolidays* holidays = nullptr);

// Runs, in this order: sold_to_claimant, delivered, withdrawal_window, not_already_returned,
// proof_of_purchase, condition, reason_allowed. Any fail fails the line; otherwise any
// manual_review sends it to a person; otherwise it passes. A line sold to another customer is
// decided by sold_to_claimant alone: manual_review (other_customer_eligibility).
Eligibility decide_eligibility(const ReturnRules& rules, const EligibilityFacts& facts);

// The eligibility of a line that names another customer's unit: sold_to_claimant says
// manual_review, reason unit_sold_to_other_customer. A line gets it when it is opened, before
// anyone checks it.
Eligibility other_customer_eligibility();

// The overall outcome of a list of results, by the rule above (also for host validators added
// after the built-in ones).
Outcome overall_outcome(const std::vector<ValidatorResult>& results) noexcept;

}  // namespace rma::domain
