// domain/report_milestones.hpp — what a case's history tells reports (CaseMilestones,
// report_facts.hpp), folded one event at a time in the order they happened, and the business
// times on the calendar of the case's SLA policy. Pure.
//
// - decided_at: the first time the case entered a state that locks the decision (the initial
//   state counts from creation); a later decision after an admin's reopen does not move it.
// - first_response_at: the first external note by staff (not by the customer or the supplier:
//   the SLA's first response, docs/sla.md).
// - reopens: each case.reopened.
#pragma once

#include <optional>
#include <string_view>

#include "domain/report_facts.hpp"
#include "rma/sla.hpp"

namespace rma::domain {

void milestone_state_entered(CaseMilestones& m, Timestamp at, bool locks_decision);
void milestone_reopened(CaseMilestones& m);
// `author`: the note's author as an actor id ("operator:anna", "customer:C1").
void milestone_external_note(CaseMilestones& m, Timestamp at, std::string_view author);

// The business seconds from `created` to each end the case has reached, on `calendar` (none:
// the case has no business times). `closed_at`: when it entered its closed state, if closed.
void milestone_business_times(CaseMilestones& m, const SlaCalendar* calendar, Timestamp created,
                              std::optional<Timestamp> closed_at);

// The calendar of the case's SLA policy (select_policy on `facts`), or null when the policy
// names a calendar the configuration has not.
const SlaCalendar* policy_calendar(const SlaConfig& config, const SlaFacts& facts);

// Whether some policy's conditions read customer tiers, contracts or product categories (else
// the policy follows from priority, kind and channel alone).
bool policies_read_tiers(const SlaConfig& config);
bool policies_read_contracts(const SlaConfig& config);

}  // namespace rma::domain
