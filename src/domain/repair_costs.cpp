#include "domain/repair_costs.hpp"

#include <string>

#include "rma/error.hpp"

namespace rma::domain {
namespace {

__extension__ typedef __int128 Wide;  // products of two 64-bit amounts

static_assert(Wide{kMaxHourlyRate} * kMaxRepairMinutes / 60 <= INT64_MAX &&
                  Wide{kMaxHourlyRate + 1} * kMaxRepairMinutes / 60 > INT64_MAX,
              "kMaxHourlyRate is the largest rate whose longest labour fits");

// The part whose cost takes the sum of the operation's parts beyond 64 bits.
std::size_t part_beyond(const RepairOperationInput& op) {
  Wide sum = 0;
  for (std::size_t p = 0; p < op.parts.size(); ++p) {
    sum += Wide{op.parts[p].unit_cost.minor} * op.parts[p].quantity;
    if (sum > INT64_MAX) return p;
  }
  return op.parts.empty() ? 0 : op.parts.size() - 1;
}

}  // namespace

void check_repair_costs(const ValuationRules& rules, const ValuationInput& with, std::size_t index) {
  try {
    value(rules, with);
    return;
  } catch (const Error& e) {
    if (e.status() != Status::out_of_range) return;
    const RepairOperationInput& op = with.operations.at(index);
    const std::string own = "operations[" + std::to_string(index) + "].";
    const std::string& at = e.field();
    if (at.compare(0, own.size(), own) == 0) {
      // Its labour, a part, or its parts' sum: the field of the operation that overflowed.
      std::string field = at.substr(own.size());
      if (field == "parts") field = "parts[" + std::to_string(part_beyond(op)) + "].unit_cost";
      throw Error(Status::out_of_range, field,
                  (field == "minutes" ? "labour of " + std::to_string(op.minutes) + " minutes at the rate of '" +
                                            op.labour_class + "'"
                                      : std::string("the parts' cost (quantity × unit cost)")) +
                      " does not fit in 64 bits of minor units");
    }
    ValuationInput without = with;
    without.operations.erase(without.operations.begin() + static_cast<std::ptrdiff_t>(index));
    try {
      value(rules, without);
    } catch (const Error&) {
      return;  // the case could not be valued before it either
    }
    throw Error(Status::out_of_range, op.parts.empty() ? "minutes" : "parts",
                "with this operation the case's repair costs and totals do not fit in 64 bits of minor units (" + at +
                    ")");
  }
}

}  // namespace rma::domain
