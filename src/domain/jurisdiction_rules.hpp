// domain/jurisdiction_rules.hpp — the consumer-law periods of each country librma knows, in one
// table (jurisdiction_rules.cpp): the right of withdrawal, the legal guarantee, the presumption of
// non-conformity and whether a period ending on a weekend or public holiday rolls on. Each row
// cites where its numbers come from; docs/warranty.md lists them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace rma::domain {

struct JurisdictionRules {
  const char* country;  // ISO 3166-1 alpha-2; "" for the EU directives' defaults
  // Days to withdraw from a distance sale, from delivery (Directive 2011/83/EU art. 9); 0: the
  // country gives no such right. The seller's refund deadline has the same length in the EU
  // (art. 13(1)).
  std::int32_t withdrawal_days;
  // The seller's liability for a lack of conformity of goods sold to a consumer, from delivery
  // (Directive (EU) 2019/771 art. 10); 0: no statutory period librma can count.
  std::int32_t guarantee_months;
  // A lack of conformity that shows within this many months of delivery is presumed to have
  // existed at delivery (2019/771 art. 11); 0: no such presumption.
  std::int32_t presumption_months;
  // Whether a period whose last day is a Saturday, Sunday or public holiday ends at the end of
  // the following working day (Regulation 1182/71 art. 3(4) and the national equivalents).
  bool weekends_roll;
  const char* source;  // the acts the numbers come from
};

// The row of `country`, or null when librma has none.
const JurisdictionRules* find_jurisdiction_rules(std::string_view country) noexcept;

// The row of `country`, or the directives' defaults (country "") for an unknown or empty one.
const JurisdictionRules& jurisdiction_rules(std::string_view country) noexcept;

// Every row, the defaults first, then by country code (for docs and tests).
struct JurisdictionTable {
  const JurisdictionRules* rows;
  std::size_t size;
};
JurisdictionTable jurisdiction_table() noexcept;

}  // namespace rma::domain
