// rma/warranty.hpp — warranty verdicts and return eligibility: the rules (configured as JSON,
// docs/warranty.md) and the explainable results.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rma/case.hpp"
#include "rma/fraud.hpp"
#include "rma/sales.hpp"
#include "rma/time.hpp"

namespace rma {

enum class CoverageKind { manufacturer, legal_guarantee, extended, goodwill, none };
const char* coverage_kind_name(CoverageKind v) noexcept;
std::optional<CoverageKind> coverage_kind_from_name(std::string_view name) noexcept;

// Where a warranty period starts counting.
enum class WarrantyStart { sale, delivery, registration };

// How a replacement unit is covered.
enum class ReplacementRule {
  inherit,       // the remaining coverage of the unit it replaces
  minimum_days,  // `replacement_minimum_days` from the replacement date
  greater_of,    // whichever of the two ends later
};

// Which products a policy applies to. Empty members match anything; a policy naming a SKU is more
// specific than one naming a category, then brand, then supplier, then the default (all empty).
struct PolicyMatch {
  std::string sku;
  std::string category;
  std::string brand;
  std::string supplier_id;
};

struct WarrantyPolicy {
  std::string name;
  PolicyMatch match;
  std::int32_t manufacturer_months = 0;
  WarrantyStart start = WarrantyStart::sale;
  bool proof_of_purchase_required = true;
  ReplacementRule replacement = ReplacementRule::inherit;
  std::int32_t replacement_minimum_days = 90;
  // Inspection findings that void the warranty ("physical_damage", "liquid", "tampering",
  // "serial_missing_or_altered"); all four by default.
  std::vector<std::string> void_conditions;
};

// The seller's legal guarantee, in months, by channel; per-jurisdiction overrides.
struct LegalGuarantee {
  std::string jurisdiction;  // empty: the default
  std::int32_t b2c_months = 24;
  std::int32_t b2b_months = 12;
  WarrantyStart start = WarrantyStart::delivery;
};

// What our supplier covers, to claim a unit back from them (back-to-back).
struct SupplierTerms {
  std::string supplier_id;  // empty: the default
  std::int32_t months = 12;  // from our purchase date
};

struct ReturnRules {
  std::int32_t withdrawal_days = 14;  // B2C distance sales, from delivery
  struct CategoryOverride {
    std::string category;
    std::optional<std::int32_t> withdrawal_days;
    bool returnable = true;
  };
  std::vector<CategoryOverride> categories;
  // Reason codes accepted per channel; empty list: any reason.
  std::vector<std::pair<Channel, std::vector<std::string>>> reasons_by_channel;
  // Reasons that claim a defect: such a return is a warranty matter, so the withdrawal window
  // does not apply to it.
  std::vector<std::string> defect_reasons = {"defective", "damaged", "dead_on_arrival"};
  bool require_unused = false;
  bool require_original_packaging = false;
  bool require_accessories = false;
};

struct WarrantyConfig {
  std::string time_zone = "CET-1CEST,M3.5.0,M10.5.0/3";  // POSIX TZ rule or IANA name: "today" is local
  std::vector<WarrantyPolicy> policies;
  std::vector<LegalGuarantee> legal;      // at least the default
  std::vector<SupplierTerms> suppliers;   // at least the default
  ReturnRules returns;
  FraudRules fraud;  // the fraud signals' thresholds (rma/fraud.hpp)
};

// Parses and validates the warranty configuration document; errors name the JSON path.
WarrantyConfig warranty_config_from_json(std::string_view json);
std::string warranty_config_to_json(const WarrantyConfig& config);
// The configuration a new database starts with: manufacturer 24 months from sale, the legal
// guarantee B2C 24 / B2B 12 months from delivery, suppliers 12 months, withdrawal 14 days.
WarrantyConfig default_warranty_config();

struct Reason {
  std::string code;     // stable: "expired", "void_condition.liquid", "proof_of_purchase_missing", ...
  std::string message;  // for people, English
};

// A period the law sets, as a verdict decided it: which rule, from when, and where it ended once a
// last day on a Saturday, Sunday or public holiday moved to the next working day.
struct LegalPeriod {
  std::string period;  // "presumption"
  std::string rule;    // the acts it comes from, e.g. "Directive (EU) 2019/771 art. 11; ..."
  Date start;          // the event it counts from (not counted itself)
  Date nominal_end;    // the last day by counting
  Date end;            // the last day after Reg. 1182/71 art. 3(4)
  std::string text;    // "presumption of non-conformity: 12 months from ... ends ..."
};

// The verdict on one unit at one date, with what it was decided from.
struct WarrantyVerdict {
  bool covered = false;
  CoverageKind coverage = CoverageKind::none;
  std::optional<Date> expires;       // last covered day of the chosen coverage
  std::int32_t days_remaining = 0;   // expires - today; 0 on the last day, negative after
  bool supplier_recoverable = false;
  std::optional<Date> supplier_until;
  // B2C sales: the last day on which a lack of conformity that shows is presumed to have existed
  // at delivery (Directive (EU) 2019/771 art. 11), in the sale's jurisdiction.
  std::optional<Date> presumption_until;
  std::vector<Reason> reasons;
  // Evidence.
  std::string policy;           // the policy that matched, by name
  std::string policy_match;     // "sku", "category", "brand", "supplier" or "default"
  Date today;                   // the local date the verdict is for
  std::optional<Date> sale_date;
  std::optional<Date> delivery_date;
  std::optional<Date> start_date;  // where the chosen coverage started counting
  std::string document;            // sales document id
  std::string purchase_document;   // our purchase document, for supplier recovery
  std::string replaced_serial;     // the unit this one replaced, if it is a replacement
  std::optional<Date> manufacturer_expires;
  std::optional<Date> legal_expires;
  std::optional<Date> extended_expires;
  std::vector<LegalPeriod> periods;  // the legal periods decided, with their rules and dates
};

enum class Outcome { pass, manual_review, fail };
const char* outcome_name(Outcome v) noexcept;

struct ValidatorResult {
  std::string validator;  // "delivered", "withdrawal_window", "not_already_returned", ...
  Outcome outcome = Outcome::pass;
  Reason reason;
};

// Return eligibility of one case line: any fail rejects; otherwise any manual_review sends it to
// a person.
struct Eligibility {
  Outcome outcome = Outcome::pass;
  std::vector<ValidatorResult> results;
};

// What a host validator sees.
struct EligibilityInput {
  const Case* c = nullptr;
  const CaseLine* line = nullptr;
  const SoldUnit* unit = nullptr;  // null when the line is not found among sold units
  Date today;
};
using EligibilityValidator = std::function<ValidatorResult(const EligibilityInput&)>;

// A serial's service history: every case it appeared in, its verdicts and replacements.
struct ServiceRecord {
  Timestamp at;
  std::int64_t case_id = 0;
  std::string case_number;
  std::string type;  // "case.opened", "warranty.checked", "replaced_by", "replaces"
  std::string detail;  // JSON object
};

}  // namespace rma
