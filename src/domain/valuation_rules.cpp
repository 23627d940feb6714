// The valuation rules document (docs/valuation.md): reading and writing it, and the names of the
// valuation enums.
//
// Reading uses the JSON API's strict reader, so a rules document gets the same errors as any
// request: unknown keys are refused, every error names its JSON path. Amounts are "5.00 EUR" text.
#include <array>
#include <string>

#include "domain/valuation_rules.hpp"
#include "json/enums.hpp"
#include "json/parse.hpp"
#include "json/reader.hpp"
#include "rma/error.hpp"
#include "rma/valuation.hpp"

namespace rma {

namespace {

using nlohmann::json;

constexpr std::array<const char*, 3> kMethodNames = {"none", "linear", "stepped"};
constexpr std::array<const char*, 3> kGradeNames = {"resell_new", "refurbish", "scrap"};
constexpr std::array<const char*, 5> kRoundingNames = {"half_even", "half_up", "half_down", "down", "up"};

// Enum names are their positions in a names array.
template <class E, std::size_t N>
const char* name_in(const std::array<const char*, N>& names, E v) noexcept {
  const auto i = static_cast<std::size_t>(v);
  return i < N ? names[i] : "unknown";
}

template <class E, std::size_t N>
std::optional<E> value_in(const std::array<const char*, N>& names, std::string_view name) noexcept {
  for (std::size_t i = 0; i < N; ++i)
    if (name == names[i]) return static_cast<E>(i);
  return std::nullopt;
}

std::optional<Rounding> rounding_from_name(std::string_view name) noexcept {
  for (Rounding r : {Rounding::half_even, Rounding::half_up, Rounding::half_down, Rounding::down, Rounding::up})
    if (name == rounding_name(r)) return r;
  return std::nullopt;
}

std::optional<Money> optional_money(codec::ObjectReader& r, const char* key) {
  const json* value = r.find(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) codec::throw_wrong_type(r.path_of(key), "string", *value);
  return parse_money(value->get_ref<const std::string&>(), r.path_of(key));
}

Money money(codec::ObjectReader& r, const char* key) {
  r.need(key);
  return *optional_money(r, key);
}

std::vector<std::string> texts(codec::ObjectReader& r, const char* key) {
  return r.optional_texts(key, domain::kMaxValuationItems, domain::kMaxValuationText).value_or(std::vector<std::string>{});
}

// The members of a Charge sit in the object of the rule that owns it.
Charge read_charge(codec::ObjectReader& r) {
  Charge c;
  c.percent_bp = r.optional_integer("percent_bp", 0, domain::kFullPercentBp);
  c.fixed = optional_money(r, "fixed");
  if (auto per_unit = r.optional_boolean("per_unit")) c.per_unit = *per_unit;
  return c;
}

template <class Read>
auto read_list(codec::ObjectReader& r, const char* key, Read read) {
  std::vector<decltype(read(std::declval<codec::ObjectReader&>()))> out;
  if (const json* list = r.optional_array(key, domain::kMaxValuationItems)) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      codec::ObjectReader item((*list)[i], codec::element_path(r.path_of(key), i));
      out.push_back(read(item));
      item.finish();
    }
  }
  return out;
}

RestockingFeeRule read_fee(codec::ObjectReader& r) {
  RestockingFeeRule f;
  f.reasons = texts(r, "reasons");
  f.conditions = texts(r, "conditions");
  f.categories = texts(r, "categories");
  f.charge = read_charge(r);
  f.minimum = optional_money(r, "minimum");
  f.maximum = optional_money(r, "maximum");
  return f;
}

DepreciationRule read_depreciation(codec::ObjectReader& r) {
  DepreciationRule d;
  d.categories = texts(r, "categories");
  d.method = r.enumeration("method", depreciation_method_from_name, kMethodNames);
  d.monthly_rate_bp = r.optional_integer("monthly_rate_bp", 0, domain::kFullPercentBp).value_or(0);
  d.steps = read_list(r, "steps", [](codec::ObjectReader& s) {
    DepreciationStep step;
    step.from_month = static_cast<std::int32_t>(s.integer("from_month", 0, domain::kMaxAgeMonths));
    step.percent_bp = s.integer("percent_bp", 0, domain::kFullPercentBp);
    return step;
  });
  d.floor_percent_bp = r.optional_integer("floor_percent_bp", 0, domain::kFullPercentBp).value_or(0);
  return d;
}

json money_or_null(const std::optional<Money>& m) { return m ? json(format_money(*m)) : json(nullptr); }

void write_charge(const Charge& c, json& out) {
  if (c.percent_bp) out["percent_bp"] = *c.percent_bp;
  if (c.fixed) {
    out["fixed"] = format_money(*c.fixed);
    out["per_unit"] = c.per_unit;
  }
}

}  // namespace

const char* depreciation_method_name(DepreciationMethod v) noexcept { return name_in(kMethodNames, v); }

std::optional<DepreciationMethod> depreciation_method_from_name(std::string_view name) noexcept {
  return value_in<DepreciationMethod>(kMethodNames, name);
}

const char* grade_name(Grade v) noexcept { return name_in(kGradeNames, v); }

std::optional<Grade> grade_from_name(std::string_view name) noexcept { return value_in<Grade>(kGradeNames, name); }

namespace domain {

ValuationRules valuation_rules_from_value(const json& value, const std::string& path) {
  ValuationRules rules;
  codec::ObjectReader r(value, path);
  rules.rounding = r.optional_enumeration("rounding", rounding_from_name, kRoundingNames).value_or(rules.rounding);
  rules.restocking_fees = read_list(r, "restocking_fees", read_fee);
  rules.depreciation = read_list(r, "depreciation", read_depreciation);
  rules.deductions = read_list(r, "deductions", [](codec::ObjectReader& d) {
    DeductionRule rule;
    rule.code = d.text("code", kMaxValuationText);
    rule.charge = read_charge(d);
    return rule;
  });
  rules.labour_classes = read_list(r, "labour_classes", [](codec::ObjectReader& l) {
    LabourClass c;
    c.name = l.text("name", kMaxValuationText);
    c.hourly_rate = money(l, "hourly_rate");
    return c;
  });
  rules.shipping = read_list(r, "shipping", [](codec::ObjectReader& s) {
    ShippingRule rule;
    rule.channel = s.optional_enumeration("channel", channel_from_name, codec::kChannelNames);
    rule.inbound = optional_money(s, "inbound");
    rule.outbound = optional_money(s, "outbound");
    return rule;
  });
  if (const json* recovery = r.find("recovery")) {
    const std::string base = r.path_of("recovery");
    if (!recovery->is_object()) codec::throw_wrong_type(base, "object", *recovery);
    for (const auto& item : recovery->items()) {
      const std::string field = codec::join_path(base, item.key());
      const auto grade = grade_from_name(item.key());
      if (!grade) codec::throw_unknown_value(field, item.key(), kGradeNames.data(), kGradeNames.size());
      codec::ObjectReader cr(item.value(), field);
      rules.recovery.push_back(RecoveryRule{*grade, read_charge(cr)});
      cr.finish();
    }
  }
  rules.supplier_recovery_bp =
      r.optional_integer("supplier_recovery_bp", 0, kFullPercentBp).value_or(rules.supplier_recovery_bp);
  r.finish();
  try {
    validate_valuation_rules(rules);
  } catch (const Error& e) {
    if (path.empty()) throw;
    codec::rethrow_with_prefix(e, path);
  }
  return rules;
}

json valuation_rules_to_value(const ValuationRules& rules) {
  json fees = json::array();
  for (const RestockingFeeRule& f : rules.restocking_fees) {
    json item = {{"reasons", f.reasons},
                 {"conditions", f.conditions},
                 {"categories", f.categories},
                 {"minimum", money_or_null(f.minimum)},
                 {"maximum", money_or_null(f.maximum)}};
    write_charge(f.charge, item);
    fees.push_back(std::move(item));
  }
  json depreciation = json::array();
  for (const DepreciationRule& d : rules.depreciation) {
    json steps = json::array();
    for (const DepreciationStep& s : d.steps) steps.push_back({{"from_month", s.from_month}, {"percent_bp", s.percent_bp}});
    depreciation.push_back({{"categories", d.categories},
                            {"method", depreciation_method_name(d.method)},
                            {"monthly_rate_bp", d.monthly_rate_bp},
                            {"steps", std::move(steps)},
                            {"floor_percent_bp", d.floor_percent_bp}});
  }
  json deductions = json::array();
  for (const DeductionRule& d : rules.deductions) {
    json item = {{"code", d.code}};
    write_charge(d.charge, item);
    deductions.push_back(std::move(item));
  }
  json labour = json::array();
  for (const LabourClass& c : rules.labour_classes)
    labour.push_back({{"name", c.name}, {"hourly_rate", format_money(c.hourly_rate)}});
  json shipping = json::array();
  for (const ShippingRule& s : rules.shipping) {
    shipping.push_back({{"channel", s.channel ? json(channel_name(*s.channel)) : json(nullptr)},
                        {"inbound", money_or_null(s.inbound)},
                        {"outbound", money_or_null(s.outbound)}});
  }
  json recovery = json::object();
  for (const RecoveryRule& g : rules.recovery) {
    json item = json::object();
    write_charge(g.charge, item);
    recovery[grade_name(g.grade)] = std::move(item);
  }
  return {{"rounding", rounding_name(rules.rounding)},
          {"restocking_fees", std::move(fees)},
          {"depreciation", std::move(depreciation)},
          {"deductions", std::move(deductions)},
          {"labour_classes", std::move(labour)},
          {"shipping", std::move(shipping)},
          {"recovery", std::move(recovery)},
          {"supplier_recovery_bp", rules.supplier_recovery_bp}};
}

}  // namespace domain

ValuationRules valuation_rules_from_json(std::string_view text) {
  return domain::valuation_rules_from_value(codec::parse_json(text, std::string(), codec::kDefaultJsonDepth));
}

std::string valuation_rules_to_json(const ValuationRules& rules) {
  return codec::dump_json(domain::valuation_rules_to_value(rules));
}

}  // namespace rma
