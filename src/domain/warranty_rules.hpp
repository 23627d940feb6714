// domain/warranty_rules.hpp — the warranty verdict on one unit, decided from facts the engine
// looked up, and the validation of the warranty configuration. Pure: no I/O, no clock; "today"
// comes in as the local date in the configured zone. Rules and examples: docs/warranty.md.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/legal_period.hpp"
#include "rma/product.hpp"
#include "rma/sales.hpp"
#include "rma/warranty.hpp"

namespace rma::domain {

// What is known about one unit. Pointers are borrowed for the call and may be null.
struct UnitFacts {
  std::string serial;
  const SoldUnit* sold = nullptr;         // null: not in our sales
  const Product* product = nullptr;       // the catalogue entry, if known
  std::optional<Date> registration_date;  // the customer registered the unit
  const PurchasedUnit* purchased = nullptr;  // our purchase of it, for supplier recovery
  std::vector<ExtendedWarranty> contracts;
  std::vector<std::string> void_findings;  // recorded at inspection
  bool proof_of_purchase = false;          // e.g. the line has a receipt attached
  // Set when this unit replaced another one.
  std::string replaced_serial;
  std::optional<Date> replaced_on;
  // The replaced unit's coverage end, inheritable_expiry() of its own verdict (computed by the
  // caller, recursively, so a unit replaced twice inherits from the original sale).
  std::optional<Date> inherited_expires;
  // The public holidays that move the presumption's last day (Reg. 1182/71 art. 3(4)), asked for
  // the sale's jurisdiction; null: default_public_holidays().
  const PublicHolidays* holidays = nullptr;
};

// The verdict on `facts` at `today`. Allocates only the verdict's own strings.
WarrantyVerdict decide_warranty(const WarrantyConfig& config, const UnitFacts& facts, Date today);

// What a replacement of the unit inherits: the latest end of any of its coverages (manufacturer,
// legal guarantee, extended), whether or not they still run or were voided.
std::optional<Date> inheritable_expiry(const WarrantyVerdict& verdict);

// The policy for a product: the most specific match wins (sku > category > brand > supplier >
// default), the first in the list among equals. `product` may be null (only SKU and default
// policies can match then). Sets `matched_by` to "sku", "category", "brand", "supplier" or
// "default"; null and "" when no policy matches.
const WarrantyPolicy* match_policy(const WarrantyConfig& config, const Product* product, const std::string& sku,
                                   std::string& matched_by);

// Inspection findings that can void a warranty, as CaseLine::void_conditions names them.
inline constexpr std::array<const char*, 4> kVoidConditions = {"physical_damage", "liquid", "tampering",
                                                               "serial_missing_or_altered"};
bool is_void_condition(std::string_view name) noexcept;

const char* warranty_start_name(WarrantyStart v) noexcept;  // "sale", "delivery", "registration"
std::optional<WarrantyStart> warranty_start_from_name(std::string_view name) noexcept;
const char* replacement_rule_name(ReplacementRule v) noexcept;  // "inherit", "minimum_days", "greater_of"
std::optional<ReplacementRule> replacement_rule_from_name(std::string_view name) noexcept;

// ---- Configuration (warranty_config.cpp) ------------------------------------------------------

// Checks every rule of the configuration (ranges, names, duplicates, the time zone); errors name
// the JSON path ("policies[2].manufacturer_months").
void validate_warranty_config(const WarrantyConfig& config);

// The configuration document (docs/warranty.md) <-> WarrantyConfig. Reading validates; error
// fields are prefixed with `path` (a document nested in a request).
WarrantyConfig warranty_config_from_value(const nlohmann::json& value, const std::string& path = std::string());
nlohmann::json warranty_config_to_value(const WarrantyConfig& config);

}  // namespace rma::domain
