// The privacy configuration document (docs/privacy.md, "Retention"): reading, writing and
// validating it, and its default.
//
// Reading uses the JSON API's strict reader, so a document gets the same errors as any request:
// unknown members are refused, every error names its JSON path.
#include <string>

#include "domain/case_rules.hpp"
#include "domain/retention_rules.hpp"
#include "json/enums.hpp"
#include "json/parse.hpp"
#include "json/reader.hpp"
#include "rma/error.hpp"
#include "rma/privacy.hpp"

namespace rma {
namespace {

using nlohmann::json;

constexpr std::int64_t kMaxRules = 1000;
constexpr std::int64_t kMaxBasisBytes = 1000;
constexpr std::int64_t kMaxFieldNameBytes = 256;

std::string element(const std::string& list, std::size_t i) { return list + "[" + std::to_string(i) + "]"; }

bool is_country_code(const std::string& s) {
  return s.size() == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

std::string rule_scope(const RetentionRule& r) {
  const std::string country = r.country.empty() ? "any country" : r.country;
  const std::string kind = r.kind ? std::string(case_kind_name(*r.kind)) + " cases" : "any kind";
  return country + " and " + kind;
}

void check_rule(const RetentionRule& r, const std::string& path, bool is_default) {
  if (is_default) {
    if (!r.country.empty()) {
      throw Error(Status::invalid_argument, path + ".country", "the default applies to every country: leave it out");
    }
    if (r.kind) throw Error(Status::invalid_argument, path + ".kind", "the default applies to every kind: leave it out");
  } else {
    if (!r.country.empty() && !is_country_code(r.country)) {
      throw Error(Status::invalid_argument, path + ".country",
                  codec::quote_value(r.country) + " is not an ISO 3166-1 alpha-2 code (two upper-case letters)");
    }
    if (r.country.empty() && !r.kind) {
      throw Error(Status::missing_field, path,
                  "a rule names a country, a kind or both (default_retention covers the rest)");
    }
  }
  if (r.kind && static_cast<std::size_t>(*r.kind) >= codec::kCaseKindNames.size()) {
    throw Error(Status::unknown_value, path + ".kind", "unknown value " + std::to_string(static_cast<int>(*r.kind)));
  }
  if (r.months < domain::kMinRetentionMonths || r.months > domain::kMaxRetentionMonths) {
    throw Error(Status::out_of_range, path + ".months",
                std::to_string(r.months) + " months is outside " + std::to_string(domain::kMinRetentionMonths) +
                    ".." + std::to_string(domain::kMaxRetentionMonths));
  }
  domain::check_text(path + ".basis", r.basis, kMaxBasisBytes);
}

// {"months": N} or {"years": N}, exactly one.
std::int32_t read_period(codec::ObjectReader& r) {
  const std::optional<std::int64_t> months = r.optional_integer("months", domain::kMinRetentionMonths,
                                                                 domain::kMaxRetentionMonths);
  const std::optional<std::int64_t> years =
      r.optional_integer("years", 1, domain::kMaxRetentionMonths / 12);
  if (months && years) {
    throw Error(Status::invalid_argument, r.path_of("years"), "give the period in months or in years, not both");
  }
  if (!months && !years) throw Error(Status::missing_field, r.path_of("months"), "a period in months or years is required");
  return static_cast<std::int32_t>(months ? *months : *years * 12);
}

RetentionRule read_rule(const json& value, const std::string& path, bool is_default) {
  codec::ObjectReader r(value, path);
  RetentionRule rule;
  if (!is_default) {
    rule.country = r.optional_text("country", 16).value_or("");
    rule.kind = r.optional_enumeration("kind", case_kind_from_name, codec::kCaseKindNames);
  }
  rule.months = read_period(r);
  rule.basis = r.optional_text("basis", kMaxBasisBytes).value_or("");
  r.finish();
  check_rule(rule, path, is_default);
  return rule;
}

json rule_value(const RetentionRule& r, bool is_default) {
  json out = json::object();
  if (!is_default) {
    if (!r.country.empty()) out["country"] = r.country;
    if (r.kind) out["kind"] = case_kind_name(*r.kind);
  }
  out["months"] = r.months;
  out["basis"] = r.basis;
  return out;
}

}  // namespace

namespace domain {

void validate_privacy_config(const PrivacyConfig& config) {
  check_rule(config.default_retention, "default_retention", true);
  if (static_cast<std::int64_t>(config.retention.size()) > kMaxRules) {
    throw Error(Status::too_large, "retention", "more than " + std::to_string(kMaxRules) + " rules");
  }
  for (std::size_t i = 0; i < config.retention.size(); ++i) {
    const RetentionRule& r = config.retention[i];
    check_rule(r, element("retention", i), false);
    for (std::size_t j = 0; j < i; ++j) {
      const RetentionRule& earlier = config.retention[j];
      if (earlier.country == r.country && earlier.kind == r.kind) {
        throw Error(Status::duplicate, element("retention", i),
                    "a rule for " + rule_scope(r) + " is given already at " + element("retention", j));
      }
    }
  }
  if (static_cast<std::int64_t>(config.kept_custom_fields.size()) > kMaxRules) {
    throw Error(Status::too_large, "kept_custom_fields", "more than " + std::to_string(kMaxRules) + " names");
  }
  for (std::size_t i = 0; i < config.kept_custom_fields.size(); ++i) {
    const std::string& name = config.kept_custom_fields[i];
    check_text(element("kept_custom_fields", i), name, kMaxFieldNameBytes, /*required=*/true);
    for (std::size_t j = 0; j < i; ++j) {
      if (config.kept_custom_fields[j] == name) {
        throw Error(Status::duplicate, element("kept_custom_fields", i),
                    codec::quote_value(name) + " is listed already at " + element("kept_custom_fields", j));
      }
    }
  }
}

}  // namespace domain

PrivacyConfig default_privacy_config() { return PrivacyConfig(); }

PrivacyConfig privacy_config_from_json(std::string_view text) {
  const json doc = codec::parse_json(text, std::string(), codec::kDefaultJsonDepth);
  codec::ObjectReader r(doc, std::string());
  PrivacyConfig config;
  if (const json* d = r.find("default_retention")) config.default_retention = read_rule(*d, "default_retention", true);
  config.retention = codec::read_elements<RetentionRule>(
      r, "retention", kMaxRules, [](const json& v, const std::string& path) { return read_rule(v, path, false); });
  // Absent: "contract" is kept; [] keeps none.
  if (auto kept = r.optional_texts("kept_custom_fields", kMaxRules, kMaxFieldNameBytes)) {
    config.kept_custom_fields = std::move(*kept);
  }
  r.finish();
  domain::validate_privacy_config(config);
  return config;
}

std::string privacy_config_to_json(const PrivacyConfig& config) {
  json rules = json::array();
  for (const RetentionRule& r : config.retention) rules.push_back(rule_value(r, false));
  return codec::dump_json(json{{"default_retention", rule_value(config.default_retention, true)},
                               {"retention", std::move(rules)},
                               {"kept_custom_fields", config.kept_custom_fields}});
}

}  // namespace rma
