// domain/valuation_input.hpp — the input a case gives the valuation (docs/valuation.md, "The
// input a case gives"): its lines with what their sales lines sold and what earlier cases
// returned of them, the deductions its inspection findings call for, its repair operations, and
// the currency of its case-level amounts.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "rma/case.hpp"
#include "rma/product.hpp"
#include "rma/sales.hpp"
#include "rma/time.hpp"
#include "rma/valuation.hpp"

namespace rma::domain {

// What the valuation reads beyond the case: the catalogue, the units sold on a sales line, its
// document's discount, and the returns cases opened earlier made of the line. The engine answers
// from its unit registry and its store.
class ValuationSources {
 public:
  virtual ~ValuationSources() = default;
  virtual const Product* product(const std::string& sku) = 0;
  virtual std::vector<const SoldUnit*> sold_on_line(const std::string& document, std::int32_t line) = 0;
  virtual const DocumentDiscount* document_discount(const std::string& document) = 0;
  // Calls `each` with each earlier return of the sales line by a case with an id below
  // `before_case`: its units, its case line and that case's stored valuation (JSON text, empty
  // for none).
  using EarlierReturn = std::function<void(std::int64_t quantity, std::int32_t line_no, const std::string& valuation)>;
  virtual void earlier_returns(const std::string& document, std::int32_t line, std::int64_t before_case,
                               const EarlierReturn& each) = 0;
};

// The currency of the case-level amounts: its first priced line's, else its first claimed
// amount's, else its first priced part's, else the one the rules price labour or shipping in.
// Empty when none of them has one.
std::string case_currency(const Case& c, const ValuationRules& rules);

// The valuation's input for case `c` on date `today` (the age of its goods). Throws
// Status::out_of_range when a sales line's quantities or refunds add up beyond 64 bits.
ValuationInput valuation_input(const Case& c, const ValuationRules& rules, Date today, ValuationSources& sources);

}  // namespace rma::domain
