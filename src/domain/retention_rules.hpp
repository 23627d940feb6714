// domain/retention_rules.hpp — when a closed case's personal data may be erased: the retention
// rule of its country and kind, counted from the day it ended (docs/privacy.md, "Retention").
//
// Pure: the engine passes the case's facts and today's date in the configured time zone.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rma/case.hpp"
#include "rma/party.hpp"
#include "rma/privacy.hpp"

namespace rma::domain {

// The periods a configuration may set: at least a month, at most a century.
inline constexpr std::int32_t kMinRetentionMonths = 1;
inline constexpr std::int32_t kMaxRetentionMonths = 1200;

// The rule for a case of `kind` in `country`: the one naming both, else the country's, else the
// kind's, else the default.
const RetentionRule& retention_rule(const PrivacyConfig& config, std::string_view country, CaseKind kind);

// The first day personal data of a case that ended on `ended_on` may be erased: the day after
// the last day of `months` months from it, counted as warranty periods are (Reg. 1182/71 art.
// 3(2)(c): 2026-01-31 + 1 month ends on 2026-02-28, erasable from 2026-03-01).
Date erasable_from(Date ended_on, std::int32_t months);

// The country a case's retention is counted in: the jurisdiction of the first sale its lines
// came from (`sale_jurisdictions`, one per line, "" for a line with no known sale), else the
// country of the customer's billing address, else of its first address; "" when none is known.
std::string retention_country(const std::vector<std::string>& sale_jurisdictions, const Customer* customer);

// The day the case ended: the day it entered a closed state (`closed_on`), else, for a case an
// admin deleted while open, the day it was deleted; nullopt while it is open.
std::optional<Date> case_ended_on(std::optional<Date> closed_on, std::optional<Date> deleted_on);

// Checks a configuration built in C++ as privacy_config_from_json checks a document; the error
// names the member's JSON path.
void validate_privacy_config(const PrivacyConfig& config);

}  // namespace rma::domain
