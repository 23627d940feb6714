#include "domain/report_milestones.hpp"

#include <string>

#include "domain/sla_timeline.hpp"
#include "rma/actor.hpp"
#include "rma/error.hpp"

namespace rma::domain {

void milestone_state_entered(CaseMilestones& m, Timestamp at, bool locks_decision) {
  if (locks_decision && !m.decided_at) m.decided_at = at;
}

void milestone_reopened(CaseMilestones& m) { ++m.reopens; }

void milestone_external_note(CaseMilestones& m, Timestamp at, std::string_view author) {
  // An author that does not parse as an actor (a C++ host may write any id) counts as staff,
  // as the SLA clocks take it (engine/sla_history.cpp).
  Role role = Role::system;
  try {
    role = Actor::parse(author.empty() ? std::string_view("system:unknown") : author).role;
  } catch (const Error&) {
  }
  if (role == Role::customer || role == Role::supplier) return;
  if (!m.first_response_at || at < *m.first_response_at) m.first_response_at = at;
}

void milestone_business_times(CaseMilestones& m, const SlaCalendar* calendar, Timestamp created,
                              std::optional<Timestamp> closed_at) {
  m.business_to_decision.reset();
  m.business_to_closing.reset();
  m.business_first_response.reset();
  if (calendar == nullptr) return;
  const SlaTimeline& t = *calendar->timeline;
  auto between = [&](Timestamp end) { return end < created ? std::int64_t{0} : t.business_seconds_between(created, end); };
  if (m.decided_at) m.business_to_decision = between(*m.decided_at);
  if (closed_at) m.business_to_closing = between(*closed_at);
  if (m.first_response_at) m.business_first_response = between(*m.first_response_at);
}

const SlaCalendar* policy_calendar(const SlaConfig& config, const SlaFacts& facts) {
  const SlaPolicy& policy = select_policy(config, facts);
  for (const SlaCalendar& c : config.calendars) {
    if (c.name == policy.calendar) return &c;
  }
  return config.calendars.size() == 1 ? &config.calendars.front() : nullptr;
}

bool policies_read_tiers(const SlaConfig& config) {
  for (const SlaPolicy& p : config.policies) {
    if (!p.when.customer_tiers.empty()) return true;
  }
  return false;
}

bool policies_read_contracts(const SlaConfig& config) {
  for (const SlaPolicy& p : config.policies) {
    if (!p.when.contracts.empty()) return true;
  }
  return false;
}

}  // namespace rma::domain
