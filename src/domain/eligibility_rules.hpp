// domain/eligibility_rules.hpp — whether a case line may be returned: the built-in validators,
// each answering pass, manual_review or fail with a reason (docs/warranty.md). Pure: the engine
// looks the facts up and appends the host's own validators.
#pragma once

#include <cstdint>

#include "rma/case.hpp"
#include "rma/product.hpp"
#include "rma/sales.hpp"
#include "rma/warranty.hpp"

namespace rma::domain {

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
};

// Runs, in this order: delivered, withdrawal_window, not_already_returned, proof_of_purchase,
// condition, reason_allowed. Any fail fails the line; otherwise any manual_review sends it to a
// person; otherwise it passes.
Eligibility decide_eligibility(const ReturnRules& rules, const EligibilityFacts& facts);

// The overall outcome of a list of results, by the rule above (also for host validators added
// after the built-in ones).
Outcome overall_outcome(const std::vector<ValidatorResult>& results) noexcept;

}  // namespace rma::domain
