#include "domain/retention_rules.hpp"

#include "domain/calendar_date.hpp"

namespace rma::domain {

const RetentionRule& retention_rule(const PrivacyConfig& config, std::string_view country, CaseKind kind) {
  const RetentionRule* by_country = nullptr;
  const RetentionRule* by_kind = nullptr;
  for (const RetentionRule& r : config.retention) {
    const bool country_matches = !r.country.empty() && r.country == country;
    const bool kind_matches = r.kind && *r.kind == kind;
    if (country_matches && kind_matches) return r;
    if (country_matches && !r.kind && !by_country) by_country = &r;
    if (kind_matches && r.country.empty() && !by_kind) by_kind = &r;
  }
  if (by_country) return *by_country;
  if (by_kind) return *by_kind;
  return config.default_retention;
}

Date erasable_from(Date ended_on, std::int32_t months) { return add_days(add_months(ended_on, months), 1); }

std::string retention_country(const std::vector<std::string>& sale_jurisdictions, const Customer* customer) {
  for (const std::string& j : sale_jurisdictions) {
    if (!j.empty()) return j;
  }
  if (!customer) return std::string();
  for (const Address& a : customer->addresses) {
    if (a.kind == "billing" && !a.country.empty()) return a.country;
  }
  for (const Address& a : customer->addresses) {
    if (!a.country.empty()) return a.country;
  }
  return std::string();
}

std::optional<Date> case_ended_on(std::optional<Date> closed_on, std::optional<Date> deleted_on) {
  return closed_on ? closed_on : deleted_on;
}

}  // namespace rma::domain
