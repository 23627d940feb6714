// The quantity bound of a sales line (docs/warranty.md, "Quantities bounded by the sale").
#include "domain/returnable_units.hpp"

#include <algorithm>
#include <utility>

#include "rma/error.hpp"

namespace rma::domain {

std::int64_t claimed_units(const CaseLine& line) noexcept {
  return std::max({line.qty_requested, line.qty_authorized, line.qty_received, line.qty_accepted});
}

std::int64_t returnable_units(const SoldUnits& s) noexcept {
  // claimed_before is a sum of stored quantities; past the units sold nothing is left.
  return s.claimed_before >= s.sold ? 0 : s.sold - s.claimed_before;
}

void check_returnable(const std::string& field, std::int64_t units, const SoldUnits& s) {
  const std::int64_t left = returnable_units(s);
  if (units <= left) return;
  throw Error(Status::out_of_range, field,
              std::to_string(units) + " units, more than the " + std::to_string(left) + " still returnable of " +
                  s.what + " (" + std::to_string(s.sold) + " sold, " + std::to_string(s.claimed_before) +
                  " on other case lines)");
}

void check_line_returnable(const CaseLine& line, const QuantityFields& fields, const SoldUnits& s) {
  const std::pair<const std::string&, std::int64_t> figures[] = {
      {fields.requested, line.qty_requested},
      {fields.authorized, line.qty_authorized},
      {fields.received, line.qty_received},
      {fields.accepted, line.qty_accepted},
  };
  for (const auto& [field, units] : figures) {
    if (!field.empty()) check_returnable(field, units, s);
  }
}

}  // namespace rma::domain
