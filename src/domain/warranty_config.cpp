// The warranty configuration document (docs/warranty.md): reading, writing, validation, defaults,
// and the names of the warranty enums.
//
// Reading uses the JSON API's strict reader, so a configuration gets the same errors as any
// request: unknown keys are refused (with a "did you mean"), every error names its JSON path.
#include <algorithm>
#include <string>

#include "domain/case_rules.hpp"
#include "domain/fraud_signals.hpp"
#include "domain/time_zone.hpp"
#include "domain/warranty_rules.hpp"
#include "json/enums.hpp"
#include "json/parse.hpp"
#include "json/reader.hpp"
#include "rma/error.hpp"
#include "rma/warranty.hpp"

namespace rma {

namespace {

using nlohmann::json;

constexpr std::int64_t kMaxMonths = 600;   // 50 years
constexpr std::int64_t kMaxDays = 3650;    // 10 years
constexpr std::int64_t kMaxItems = 10000;  // entries of any list in the document
constexpr std::int64_t kMaxText = 4 * 1024;

constexpr std::array<const char*, 3> kStartNames = {"sale", "delivery", "registration"};
constexpr std::array<const char*, 3> kReplacementNames = {"inherit", "minimum_days", "greater_of"};

std::string at(const std::string& list, std::size_t index) { return list + "[" + std::to_string(index) + "]"; }

void check_range(const std::string& field, std::int64_t value, std::int64_t max) {
  if (value < 0) throw Error(Status::out_of_range, field, std::to_string(value) + " is less than the minimum 0");
  if (value > max)
    throw Error(Status::out_of_range, field, std::to_string(value) + " is more than the maximum " + std::to_string(max));
}

template <class E, std::size_t N>
void check_enum(const std::string& field, E value, const std::array<const char*, N>& /*names*/) {
  const auto v = static_cast<std::size_t>(value);
  if (v >= N) throw Error(Status::unknown_value, field, "unknown value " + std::to_string(static_cast<int>(value)));
}

[[noreturn]] void duplicate(const std::string& field, const std::string& what, const std::string& first) {
  throw Error(Status::duplicate, field, what + " is already given at " + first);
}

bool same_match(const PolicyMatch& a, const PolicyMatch& b) {
  return a.sku == b.sku && a.category == b.category && a.brand == b.brand && a.supplier_id == b.supplier_id;
}

void validate_policy(const WarrantyPolicy& p, const std::string& base) {
  domain::check_text(base + ".name", p.name, kMaxText, /*required=*/true);
  domain::check_text(base + ".match.sku", p.match.sku, kMaxText);
  domain::check_text(base + ".match.category", p.match.category, kMaxText);
  domain::check_text(base + ".match.brand", p.match.brand, kMaxText);
  domain::check_text(base + ".match.supplier_id", p.match.supplier_id, kMaxText);
  check_range(base + ".manufacturer_months", p.manufacturer_months, kMaxMonths);
  check_enum(base + ".start", p.start, kStartNames);
  check_enum(base + ".replacement", p.replacement, kReplacementNames);
  check_range(base + ".replacement_minimum_days", p.replacement_minimum_days, kMaxDays);
  for (std::size_t i = 0; i < p.void_conditions.size(); ++i) {
    const std::string field = at(base + ".void_conditions", i);
    const std::string& name = p.void_conditions[i];
    if (!domain::is_void_condition(name))
      codec::throw_unknown_value(field, name, domain::kVoidConditions.data(), domain::kVoidConditions.size());
    for (std::size_t j = 0; j < i; ++j)
      if (p.void_conditions[j] == name) duplicate(field, "\"" + name + "\"", at(base + ".void_conditions", j));
  }
}

void validate_returns(const ReturnRules& r) {
  check_range("returns.withdrawal_days", r.withdrawal_days, kMaxDays);
  for (std::size_t i = 0; i < r.categories.size(); ++i) {
    const std::string base = at("returns.categories", i);
    const ReturnRules::CategoryOverride& o = r.categories[i];
    domain::check_text(base + ".category", o.category, kMaxText, /*required=*/true);
    if (o.withdrawal_days) check_range(base + ".withdrawal_days", *o.withdrawal_days, kMaxDays);
    for (std::size_t j = 0; j < i; ++j)
      if (r.categories[j].category == o.category)
        duplicate(base + ".category", "category \"" + o.category + "\"", at("returns.categories", j));
  }
  for (std::size_t i = 0; i < r.reasons_by_channel.size(); ++i) {
    const auto& [channel, reasons] = r.reasons_by_channel[i];
    const std::string name = channel_name(channel);
    const std::string base = "returns.reasons_by_channel." + name;
    if (!channel_from_name(name))
      throw Error(Status::unknown_value, "returns.reasons_by_channel",
                  "unknown channel " + std::to_string(static_cast<int>(channel)));
    for (std::size_t j = 0; j < i; ++j)
      if (r.reasons_by_channel[j].first == channel)
        throw Error(Status::duplicate, base, "the reasons of channel " + name + " are given twice");
    for (std::size_t k = 0; k < reasons.size(); ++k) {
      domain::check_text(at(base, k), reasons[k], kMaxText, /*required=*/true);
      for (std::size_t j = 0; j < k; ++j)
        if (reasons[j] == reasons[k]) duplicate(at(base, k), "reason \"" + reasons[k] + "\"", at(base, j));
    }
  }
}

// ---- Reading -------------------------------------------------------------------------------

std::string text_value(const json& value, const std::string& path) {
  if (!value.is_string()) codec::throw_wrong_type(path, "string", value);
  return value.get<std::string>();
}

std::vector<std::string> text_list(const json& list, const std::string& path) {
  std::vector<std::string> out;
  out.reserve(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) out.push_back(text_value(list[i], at(path, i)));
  return out;
}

std::int32_t months(codec::ObjectReader& r, const char* key, std::int32_t fallback) {
  return static_cast<std::int32_t>(r.optional_integer(key, 0, kMaxMonths).value_or(fallback));
}

WarrantyPolicy read_policy(const json& value, const std::string& path) {
  codec::ObjectReader r(value, path);
  WarrantyPolicy p;
  p.name = r.text("name", kMaxText);
  if (const json* m = r.find("match")) {
    codec::ObjectReader mr(*m, r.path_of("match"));
    mr.read_text("sku", kMaxText, p.match.sku);
    mr.read_text("category", kMaxText, p.match.category);
    mr.read_text("brand", kMaxText, p.match.brand);
    mr.read_text("supplier_id", kMaxText, p.match.supplier_id);
    mr.finish();
  }
  p.manufacturer_months = static_cast<std::int32_t>(r.integer("manufacturer_months", 0, kMaxMonths));
  p.start = r.optional_enumeration("start", domain::warranty_start_from_name, kStartNames).value_or(p.start);
  if (auto b = r.optional_boolean("proof_of_purchase_required")) p.proof_of_purchase_required = *b;
  p.replacement =
      r.optional_enumeration("replacement", domain::replacement_rule_from_name, kReplacementNames).value_or(p.replacement);
  p.replacement_minimum_days = static_cast<std::int32_t>(
      r.optional_integer("replacement_minimum_days", 0, kMaxDays).value_or(p.replacement_minimum_days));
  if (const json* list = r.optional_array("void_conditions", kMaxItems)) {
    p.void_conditions = text_list(*list, r.path_of("void_conditions"));
  } else {
    p.void_conditions.assign(domain::kVoidConditions.begin(), domain::kVoidConditions.end());
  }
  r.finish();
  return p;
}

LegalGuarantee read_legal(const json& value, const std::string& path) {
  codec::ObjectReader r(value, path);
  LegalGuarantee g;
  r.read_text("jurisdiction", kMaxText, g.jurisdiction);
  g.b2c_months = months(r, "b2c_months", g.b2c_months);
  g.b2b_months = months(r, "b2b_months", g.b2b_months);
  g.start = r.optional_enumeration("start", domain::warranty_start_from_name, kStartNames).value_or(g.start);
  r.finish();
  return g;
}

SupplierTerms read_supplier(const json& value, const std::string& path) {
  codec::ObjectReader r(value, path);
  SupplierTerms t;
  r.read_text("supplier_id", kMaxText, t.supplier_id);
  t.months = months(r, "months", t.months);
  r.finish();
  return t;
}

ReturnRules read_returns(const json& value, const std::string& path) {
  codec::ObjectReader r(value, path);
  ReturnRules rules;
  rules.withdrawal_days =
      static_cast<std::int32_t>(r.optional_integer("withdrawal_days", 0, kMaxDays).value_or(rules.withdrawal_days));
  if (const json* list = r.optional_array("categories", kMaxItems)) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      codec::ObjectReader cr((*list)[i], at(r.path_of("categories"), i));
      ReturnRules::CategoryOverride o;
      o.category = cr.text("category", kMaxText);
      if (auto days = cr.optional_integer("withdrawal_days", 0, kMaxDays)) o.withdrawal_days = static_cast<std::int32_t>(*days);
      if (auto returnable = cr.optional_boolean("returnable")) o.returnable = *returnable;
      cr.finish();
      rules.categories.push_back(std::move(o));
    }
  }
  if (const json* by_channel = r.find("reasons_by_channel")) {
    const std::string base = r.path_of("reasons_by_channel");
    if (!by_channel->is_object()) codec::throw_wrong_type(base, "object", *by_channel);
    for (const auto& item : by_channel->items()) {
      const std::string field = codec::join_path(base, item.key());
      const auto channel = channel_from_name(item.key());
      if (!channel) codec::throw_unknown_value(field, item.key(), codec::kChannelNames.data(), codec::kChannelNames.size());
      if (!item.value().is_array()) codec::throw_wrong_type(field, "array", item.value());
      rules.reasons_by_channel.emplace_back(*channel, text_list(item.value(), field));
    }
  }
  if (const json* list = r.find("defect_reasons")) {
    const std::string field = r.path_of("defect_reasons");
    if (!list->is_array()) codec::throw_wrong_type(field, "array", *list);
    rules.defect_reasons = text_list(*list, field);
  }
  if (auto b = r.optional_boolean("require_unused")) rules.require_unused = *b;
  if (auto b = r.optional_boolean("require_original_packaging")) rules.require_original_packaging = *b;
  if (auto b = r.optional_boolean("require_accessories")) rules.require_accessories = *b;
  r.finish();
  return rules;
}

json days_or_null(const std::optional<std::int32_t>& days) { return days ? json(*days) : json(nullptr); }

}  // namespace

// ---- Enum names ---------------------------------------------------------------------------------

const char* coverage_kind_name(CoverageKind v) noexcept {
  switch (v) {
    case CoverageKind::manufacturer: return "manufacturer";
    case CoverageKind::legal_guarantee: return "legal_guarantee";
    case CoverageKind::extended: return "extended";
    case CoverageKind::goodwill: return "goodwill";
    case CoverageKind::none: return "none";
  }
  return "unknown";
}

std::optional<CoverageKind> coverage_kind_from_name(std::string_view name) noexcept {
  for (CoverageKind v : {CoverageKind::manufacturer, CoverageKind::legal_guarantee, CoverageKind::extended,
                         CoverageKind::goodwill, CoverageKind::none})
    if (name == coverage_kind_name(v)) return v;
  return std::nullopt;
}

const char* outcome_name(Outcome v) noexcept {
  switch (v) {
    case Outcome::pass: return "pass";
    case Outcome::manual_review: return "manual_review";
    case Outcome::fail: return "fail";
  }
  return "unknown";
}

namespace domain {

const char* warranty_start_name(WarrantyStart v) noexcept {
  const auto i = static_cast<std::size_t>(v);
  return i < kStartNames.size() ? kStartNames[i] : "unknown";
}

std::optional<WarrantyStart> warranty_start_from_name(std::string_view name) noexcept {
  for (std::size_t i = 0; i < kStartNames.size(); ++i)
    if (name == kStartNames[i]) return static_cast<WarrantyStart>(i);
  return std::nullopt;
}

const char* replacement_rule_name(ReplacementRule v) noexcept {
  const auto i = static_cast<std::size_t>(v);
  return i < kReplacementNames.size() ? kReplacementNames[i] : "unknown";
}

std::optional<ReplacementRule> replacement_rule_from_name(std::string_view name) noexcept {
  for (std::size_t i = 0; i < kReplacementNames.size(); ++i)
    if (name == kReplacementNames[i]) return static_cast<ReplacementRule>(i);
  return std::nullopt;
}

bool is_void_condition(std::string_view name) noexcept {
  return std::any_of(kVoidConditions.begin(), kVoidConditions.end(), [&](const char* v) { return name == v; });
}

// ---- Validation ---------------------------------------------------------------------------------

void validate_warranty_config(const WarrantyConfig& c) {
  TimeZone::parse(c.time_zone, "time_zone");
  for (std::size_t i = 0; i < c.policies.size(); ++i) {
    const std::string base = at("policies", i);
    const WarrantyPolicy& p = c.policies[i];
    validate_policy(p, base);
    for (std::size_t j = 0; j < i; ++j) {
      if (c.policies[j].name == p.name) duplicate(base + ".name", "policy name \"" + p.name + "\"", at("policies", j));
      // The later of two policies with the same match could never apply.
      if (same_match(c.policies[j].match, p.match)) {
        const bool is_default = same_match(p.match, PolicyMatch{});
        duplicate(base + ".match", is_default ? std::string("a default policy (empty match)") : std::string("the same match"),
                  at("policies", j) + " (\"" + c.policies[j].name + "\")");
      }
    }
  }
  for (std::size_t i = 0; i < c.legal.size(); ++i) {
    const std::string base = at("legal", i);
    const LegalGuarantee& g = c.legal[i];
    domain::check_text(base + ".jurisdiction", g.jurisdiction, kMaxText);
    check_range(base + ".b2c_months", g.b2c_months, kMaxMonths);
    check_range(base + ".b2b_months", g.b2b_months, kMaxMonths);
    check_enum(base + ".start", g.start, kStartNames);
    for (std::size_t j = 0; j < i; ++j) {
      if (c.legal[j].jurisdiction == g.jurisdiction)
        duplicate(base + ".jurisdiction",
                  g.jurisdiction.empty() ? std::string("the default (empty jurisdiction)")
                                         : "jurisdiction \"" + g.jurisdiction + "\"",
                  at("legal", j));
    }
  }
  for (std::size_t i = 0; i < c.suppliers.size(); ++i) {
    const std::string base = at("suppliers", i);
    const SupplierTerms& t = c.suppliers[i];
    domain::check_text(base + ".supplier_id", t.supplier_id, kMaxText);
    check_range(base + ".months", t.months, kMaxMonths);
    for (std::size_t j = 0; j < i; ++j) {
      if (c.suppliers[j].supplier_id == t.supplier_id)
        duplicate(base + ".supplier_id",
                  t.supplier_id.empty() ? std::string("the default (empty supplier_id)")
                                        : "supplier \"" + t.supplier_id + "\"",
                  at("suppliers", j));
    }
  }
  validate_returns(c.returns);
  domain::validate_fraud_rules(c.fraud);
}

WarrantyConfig warranty_config_from_value(const json& value, const std::string& path) {
  WarrantyConfig c = default_warranty_config();
  codec::ObjectReader r(value, path);
  r.read_text("time_zone", kMaxText, c.time_zone);
  if (const json* list = r.optional_array("policies", kMaxItems)) {
    c.policies.clear();
    for (std::size_t i = 0; i < list->size(); ++i) c.policies.push_back(read_policy((*list)[i], at(r.path_of("policies"), i)));
  }
  if (const json* list = r.optional_array("legal", kMaxItems)) {
    c.legal.clear();
    for (std::size_t i = 0; i < list->size(); ++i) c.legal.push_back(read_legal((*list)[i], at(r.path_of("legal"), i)));
  }
  if (const json* list = r.optional_array("suppliers", kMaxItems)) {
    c.suppliers.clear();
    for (std::size_t i = 0; i < list->size(); ++i)
      c.suppliers.push_back(read_supplier((*list)[i], at(r.path_of("suppliers"), i)));
  }
  if (const json* returns = r.find("returns")) c.returns = read_returns(*returns, r.path_of("returns"));
  if (const json* fraud = r.find("fraud")) c.fraud = domain::read_fraud_rules(*fraud, r.path_of("fraud"));
  r.finish();
  try {
    validate_warranty_config(c);
  } catch (const Error& e) {
    if (path.empty()) throw;
    codec::rethrow_with_prefix(e, path);
  }
  return c;
}

json warranty_config_to_value(const WarrantyConfig& c) {
  json policies = json::array();
  for (const WarrantyPolicy& p : c.policies) {
    policies.push_back({{"name", p.name},
                        {"match",
                         {{"sku", p.match.sku},
                          {"category", p.match.category},
                          {"brand", p.match.brand},
                          {"supplier_id", p.match.supplier_id}}},
                        {"manufacturer_months", p.manufacturer_months},
                        {"start", warranty_start_name(p.start)},
                        {"proof_of_purchase_required", p.proof_of_purchase_required},
                        {"replacement", replacement_rule_name(p.replacement)},
                        {"replacement_minimum_days", p.replacement_minimum_days},
                        {"void_conditions", p.void_conditions}});
  }
  json legal = json::array();
  for (const LegalGuarantee& g : c.legal) {
    legal.push_back({{"jurisdiction", g.jurisdiction},
                     {"b2c_months", g.b2c_months},
                     {"b2b_months", g.b2b_months},
                     {"start", warranty_start_name(g.start)}});
  }
  json suppliers = json::array();
  for (const SupplierTerms& t : c.suppliers) suppliers.push_back({{"supplier_id", t.supplier_id}, {"months", t.months}});
  json categories = json::array();
  for (const ReturnRules::CategoryOverride& o : c.returns.categories) {
    categories.push_back({{"category", o.category}, {"withdrawal_days", days_or_null(o.withdrawal_days)}, {"returnable", o.returnable}});
  }
  json reasons = json::object();
  for (const auto& [channel, list] : c.returns.reasons_by_channel) reasons[channel_name(channel)] = list;
  return {{"time_zone", c.time_zone},
          {"policies", std::move(policies)},
          {"legal", std::move(legal)},
          {"suppliers", std::move(suppliers)},
          {"returns",
           {{"withdrawal_days", c.returns.withdrawal_days},
            {"categories", std::move(categories)},
            {"reasons_by_channel", std::move(reasons)},
            {"defect_reasons", c.returns.defect_reasons},
            {"require_unused", c.returns.require_unused},
            {"require_original_packaging", c.returns.require_original_packaging},
            {"require_accessories", c.returns.require_accessories}}},
          {"fraud", domain::fraud_rules_value(c.fraud)}};
}

}  // namespace domain

WarrantyConfig warranty_config_from_json(std::string_view text) {
  return domain::warranty_config_from_value(codec::parse_json(text, std::string(), codec::kDefaultJsonDepth));
}

std::string warranty_config_to_json(const WarrantyConfig& config) {
  return codec::dump_json(domain::warranty_config_to_value(config));
}

WarrantyConfig default_warranty_config() {
  WarrantyConfig c;
  WarrantyPolicy policy;
  policy.name = "default";
  policy.manufacturer_months = 24;
  policy.start = WarrantyStart::sale;
  policy.void_conditions.assign(domain::kVoidConditions.begin(), domain::kVoidConditions.end());
  c.policies.push_back(std::move(policy));
  c.legal.push_back(LegalGuarantee{});
  c.suppliers.push_back(SupplierTerms{});
  return c;
}

}  // namespace rma
