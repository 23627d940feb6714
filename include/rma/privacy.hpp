// rma/privacy.hpp — personal data you can erase (docs/privacy.md): how long a closed case is kept
// (the retention periods of the privacy configuration), the erasure of a case's or a customer's
// personal data once that period ended (GDPR art. 17), and the export of a data subject's data
// (art. 15 and 20).
//
// The history stays as it was written: personal values in it are stored sealed with their data
// subject's key, and erasure destroys the key, so the values read as "[erased]" while every event
// (and any hash over it) stays byte for byte the same. The current state (customer, case, lines,
// notes, attachments, outbox payloads) is overwritten with "[erased]" in the same transaction as
// the privacy.erased event recording it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rma/case.hpp"
#include "rma/event.hpp"
#include "rma/party.hpp"
#include "rma/time.hpp"

namespace rma {

// How long a case is kept after it ended (closed, or was deleted while open) before its personal
// data may be erased. A rule applies to the cases of its country and kind; empty country or no
// kind: any. The most specific rule applies (country and kind, then country, then kind), else
// PrivacyConfig::default_retention.
struct RetentionRule {
  std::string country;           // ISO 3166-1 alpha-2, upper case; "" for any
  std::optional<CaseKind> kind;  // none: any kind
  std::int32_t months = 0;       // 1..1200, counted from the day the case ended
  std::string basis;             // why this long ("tax records: art. 2220 c.c."), recorded with each erasure
};

struct PrivacyConfig {
  // Country and kind empty: it applies where no rule does. Ten years by default, the longest of
  // the usual commercial and tax record periods in the EU; set your own.
  RetentionRule default_retention{"", std::nullopt, 120, "librma default: 10 years"};
  std::vector<RetentionRule> retention;
  // Members of a case's custom fields that are not personal data and stay readable after
  // erasure; "contract" (the SLA contract, docs/sla.md) by default. Each other member is.
  std::vector<std::string> kept_custom_fields{"contract"};
};

// The configuration while none is stored.
PrivacyConfig default_privacy_config();
// The JSON document of docs/privacy.md ("Retention"). Reading is strict: unknown members, a bad
// country code, a period out of range or two rules for the same country and kind are errors
// naming the JSON path (Status::invalid_argument, duplicate, out_of_range, unknown_value, ...).
PrivacyConfig privacy_config_from_json(std::string_view json);
std::string privacy_config_to_json(const PrivacyConfig& config);

// Whose personal data: one case, or a customer with every case of it. Exactly one is set.
struct DataSubject {
  std::int64_t case_id = 0;
  std::string customer_id;
};

// Why one case could be erased: the rule applied in its country, the day it ended and the first
// day its personal data may be erased (the day after its retention period's last day).
struct RetentionVerdict {
  std::int64_t case_id = 0;
  std::string number;
  std::string country;  // where the rule was chosen: the sale's jurisdiction, else the customer's
  RetentionRule rule;
  Date ended_on;
  Date erasable_from;
};

struct ErasureReport {
  DataSubject subject;
  Timestamp erased_at;
  std::vector<RetentionVerdict> cases;  // the cases erased (a customer's: each one not erased before)
  bool customer = false;                // the customer record was erased
};

struct ExportedCase {
  Case case_;                            // as case.get answers it (erased members read "[erased]")
  std::vector<Event> history;            // as case.history answers it, personal values readable
  std::optional<Timestamp> deleted_at;   // hidden by an admin's delete
  std::optional<Timestamp> erased_at;
};

// Everything librma holds about a data subject, as stored.
struct PersonalDataExport {
  DataSubject subject;
  Timestamp exported_at;
  std::optional<Customer> customer;  // a customer subject's record (not for a case subject)
  std::optional<Timestamp> customer_erased_at;
  // The record's customer.upserted events, oldest first, personal values readable (a customer
  // subject's only; a customer reads them in its view of the record, without who wrote them).
  std::vector<Event> customer_history;
  std::vector<ExportedCase> cases;
};

}  // namespace rma
