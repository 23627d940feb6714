// The table of consumer-law periods per country: complete, ordered, sourced, and the choices that
// differ from the directives.
#include <doctest/doctest.h>

#include <cstring>
#include <string>

#include "domain/jurisdiction_rules.hpp"

using rma::domain::find_jurisdiction_rules;
using rma::domain::jurisdiction_rules;
using rma::domain::JurisdictionRules;

TEST_CASE("jurisdictions: the EU 27, CH, GB, NO and US, once each, in order, each with its source") {
  const auto table = rma::domain::jurisdiction_table();
  REQUIRE(table.size == 32);
  CHECK(std::string(table.rows[0].country).empty());
  for (std::size_t i = 1; i < table.size; ++i) {
    const JurisdictionRules& row = table.rows[i];
    CAPTURE(row.country);
    CHECK(std::strlen(row.country) == 2);
    CHECK(std::strcmp(table.rows[i - 1].country, row.country) < 0);
    CHECK(std::strlen(row.source) > 10);
  }
  const char* eu[] = {"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
                      "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"};
  for (const char* country : eu) {
    CAPTURE(country);
    const JurisdictionRules* row = find_jurisdiction_rules(country);
    REQUIRE(row != nullptr);
    // 2011/83/EU is full harmonisation; 2019/771 sets floors.
    CHECK(row->withdrawal_days == 14);
    CHECK(row->guarantee_months >= 24);
    CHECK(row->presumption_months >= 12);
    CHECK(row->weekends_roll);
  }
  for (const char* country : {"CH", "GB", "NO", "US"}) CHECK(find_jurisdiction_rules(country) != nullptr);
}

TEST_CASE("jurisdictions: the member states' own choices and the defaults") {
  CHECK(jurisdiction_rules("DE").presumption_months == 12);
  CHECK(jurisdiction_rules("FR").presumption_months == 24);
  CHECK(jurisdiction_rules("PT").guarantee_months == 36);
  CHECK(jurisdiction_rules("PT").presumption_months == 24);
  CHECK(jurisdiction_rules("ES").guarantee_months == 36);
  CHECK(jurisdiction_rules("GB").presumption_months == 6);
  CHECK_FALSE(jurisdiction_rules("GB").weekends_roll);
  CHECK(jurisdiction_rules("CH").withdrawal_days == 0);
  CHECK(jurisdiction_rules("US").presumption_months == 0);
  // Unknown and empty codes take the directives' defaults.
  for (const char* country : {"", "JP", "de"}) {
    CAPTURE(country);
    CHECK(find_jurisdiction_rules(country) == nullptr);
    CHECK(jurisdiction_rules(country).withdrawal_days == 14);
    CHECK(jurisdiction_rules(country).presumption_months == 12);
    CHECK(jurisdiction_rules(country).weekends_roll);
  }
}
