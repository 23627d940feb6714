#include "engine/privacy_module.hpp"

#include <algorithm>

#include "domain/calendar_date.hpp"
#include "domain/personal_data.hpp"
#include "domain/retention_rules.hpp"
#include "domain/workflow_rules.hpp"
#include "engine/answer_views.hpp"
#include "engine/engine_impl.hpp"
#include "events/customer_events.hpp"

namespace rma {
namespace {

// Keys remembered at most; past it the maps start again empty (what is not known is read).
constexpr std::size_t kMaxRemembered = 4096;

void check_subject(const DataSubject& s) {
  if (s.case_id != 0 && !s.customer_id.empty()) {
    throw Error(Status::invalid_argument, "customer_id", "name a case_id or a customer_id, not both");
  }
  if (s.case_id == 0 && s.customer_id.empty()) {
    throw Error(Status::missing_field, "case_id", "a case_id or a customer_id is required");
  }
  if (s.case_id < 0) throw Error(Status::out_of_range, "case_id", "must be positive, got " + std::to_string(s.case_id));
}

std::string case_name(const Case& c) { return "case " + std::to_string(c.id) + " (" + c.number + ")"; }

std::string rule_words(const RetentionVerdict& v) {
  const RetentionRule& r = v.rule;
  std::string scope = r.country.empty() && !r.kind ? "the default retention"
                                                   : "the retention of " + (r.country.empty() ? "any country" : r.country) +
                                                         " for " + (r.kind ? case_kind_name(*r.kind) : "any") + " cases";
  std::string words = scope + " (" + std::to_string(r.months) + " months";
  if (!r.basis.empty()) words += ": " + r.basis;
  return words + ")";
}

// A history as `by` may read it: whole for staff, else the events its view shows, each in it.
std::vector<Event> shown_to(const Actor& by, std::vector<Event> history) {
  if (by.is_staff()) return history;
  std::vector<Event> out;
  for (const Event& e : history) {
    if (std::optional<Event> shown = event_seen_by(by, e)) out.push_back(std::move(*shown));
  }
  return out;
}

}  // namespace

const PrivacyConfig& PrivacyModule::config() { return document.get(*e_.store); }

void PrivacyModule::configure(const Actor& by, const PrivacyConfig& config) {
  e_.require_admin(by, "change the privacy configuration");
  // What JSON cannot say (a default naming a country) is refused before the round trip drops it.
  domain::validate_privacy_config(config);
  // Round-trip through JSON: the one validation every front door shares.
  const std::string text = privacy_config_to_json(config);
  PrivacyConfig checked = privacy_config_from_json(text);
  const std::string before = privacy_config_to_json(this->config());
  e_.configure_document(by, document, text, std::move(checked), events::privacy_configured(before, text));
}

// --- keys ---------------------------------------------------------------------------------------

void PrivacyModule::remember_case_key(std::int64_t case_id, const std::string& key) {
  if (cases_.size() >= kMaxRemembered) cases_.clear();
  cases_[case_id] = State{key, std::nullopt};
}

void PrivacyModule::remember_customer_key(const std::string& customer_id, const std::string& key) {
  if (customers_.size() >= kMaxRemembered) customers_.clear();
  customers_[customer_id].key = key;  // an erased customer's erased_at stays what was read
}

void PrivacyModule::forget_cases(const std::vector<std::int64_t>& case_ids) {
  for (std::int64_t id : case_ids) cases_.erase(id);
}

PrivacyModule::State& PrivacyModule::case_state(std::int64_t case_id) {
  auto it = cases_.find(case_id);
  if (it != cases_.end()) return it->second;
  if (cases_.size() >= kMaxRemembered) cases_.clear();
  return cases_[case_id] = e_.store->case_privacy(case_id).value_or(State{});
}

const std::string& PrivacyModule::case_key(std::int64_t case_id) {
  State& state = case_state(case_id);
  if (state.key.empty()) {
    // A case stored before keys existed, or one erased that gets personal data again.
    state.key = events::new_subject_key();
    e_.store->put_case_key(case_id, state.key);
  }
  return state.key;
}

const std::string& PrivacyModule::customer_key(const std::string& customer_id) {
  auto it = customers_.find(customer_id);
  if (it == customers_.end() || it->second.key.empty()) {
    throw Error(Status::internal, "customer_id", "no key was stored with customer '" + customer_id + "'");
  }
  return it->second.key;
}

std::optional<std::string> PrivacyModule::sealed_text(events::Payload& payload, std::int64_t case_id) {
  if (!events::carries_personal_data(payload.type)) return std::nullopt;
  std::function<const std::string&()> key;
  if (case_id != 0) {
    key = [&]() -> const std::string& { return case_key(case_id); };
  } else if (payload.type == events::EventType::customer_upserted) {
    key = [&]() -> const std::string& { return customer_key(payload.data.at("after").at("id").get<std::string>()); };
  } else {
    return std::nullopt;
  }
  if (!events::seal_personal_values(payload.type, payload.data, key, config().kept_custom_fields)) return std::nullopt;
  return payload.data.dump();
}

PrivacyModule::State& PrivacyModule::customer_state(const std::string& customer_id) {
  auto it = customers_.find(customer_id);
  if (it != customers_.end() && !it->second.key.empty()) return it->second;
  if (customers_.size() >= kMaxRemembered) customers_.clear();
  return customers_[customer_id] = e_.store->customer_privacy(customer_id).value_or(State{});
}

std::vector<Event> PrivacyModule::readable(std::vector<Event> events) {
  const domain::KeptFields* kept = nullptr;
  for (Event& e : events) {
    const std::optional<events::EventType> type = events::event_type_from_name(e.type);
    if (!type || !events::carries_personal_data(*type)) continue;
    if (!kept) kept = &config().kept_custom_fields;
    const State* state = nullptr;
    if (e.case_id != 0) {
      state = &case_state(e.case_id);
    } else if (*type == events::EventType::customer_upserted) {
      const std::string customer_id = events::upserted_customer_id(e.data);
      if (customer_id.empty()) continue;
      state = &customer_state(customer_id);
    } else {
      continue;
    }
    events::open_personal_values(e, events::SubjectKey{state->key, state->erased_at.has_value()}, *kept);
  }
  return events;
}

// --- erasure -------------------------------------------------------------------------------------

PrivacyModule::Check PrivacyModule::check(const store::Store::AnyCase& any, const Customer* customer, Date today) {
  const Case& c = any.c;
  const domain::TimeZone& zone = e_.warranty.document.get(*e_.store).zone;
  bool closed = false;
  if (std::shared_ptr<const domain::CompiledWorkflow> wf =
          c.workflow.empty() ? nullptr : e_.workflow.compiled(c.workflow, c.workflow_version)) {
    const WorkflowState* state = wf->state(c.status);
    closed = state && state->category == StateCategory::closed;
  } else {
    const std::vector<std::string> statuses = e_.workflow.closed_statuses();
    closed = std::find(statuses.begin(), statuses.end(), c.status) != statuses.end();
  }
  const std::optional<Date> ended =
      domain::case_ended_on(closed ? std::optional<Date>(zone.local_date(c.status_since)) : std::nullopt,
                            any.deleted_at ? std::optional<Date>(zone.local_date(*any.deleted_at)) : std::nullopt);
  Check out;
  RetentionVerdict& v = out.verdict;
  v.case_id = c.id;
  v.number = c.number;
  v.country = domain::retention_country(e_.warranty.sale_jurisdictions(c), customer);
  v.rule = domain::retention_rule(config(), v.country, c.kind);
  if (!ended) {
    out.reason = "case_open";
    out.message = case_name(c) + " is open (" + c.status + "): its retention period starts when it closes";
    return out;
  }
  v.ended_on = *ended;
  v.erasable_from = domain::erasable_from(*ended, v.rule.months);
  if (domain::date_less(today, v.erasable_from)) {
    out.reason = "retention_period";
    out.message = case_name(c) + " may be erased from " + v.erasable_from.to_iso() + ": " + rule_words(v) +
                  " runs from " + v.ended_on.to_iso() + ", the day it " + (closed ? "closed" : "was deleted") +
                  (v.country.empty() ? "; the case's country is unknown" : "; the case's country: " + v.country);
  }
  return out;
}

void PrivacyModule::erase_case(const store::Store::AnyCase& any, const RetentionVerdict& v, const Actor& by,
                               const std::string& customer_id) {
  const Case erased = domain::erased_case(any.c, config().kept_custom_fields);
  std::vector<OutboxMessage> messages = e_.store->case_messages(erased.id);
  for (OutboxMessage& m : messages) m.payload = domain::erased_outbox_payload(m.payload);
  const Timestamp at = e_.now();
  e_.store->erase_case(erased, messages, at);
  cases_[erased.id] = State{std::string(), at};
  if (any.deleted_at) {
    e_.tx_touched.push_back(erased.id);
    e_.cache.erase(erased.id);
  } else {
    e_.cache_now(erased);
  }
  e_.emit(&erased, by, events::case_erased(v, customer_id));
}

ErasureReport PrivacyModule::erase(const Actor& by, const DataSubject& subject) {
  e_.require_admin(by, "erase personal data");
  check_subject(subject);
  const Date today = e_.warranty.today();
  ErasureReport report;
  report.subject = subject;
  report.erased_at = e_.now();
  if (subject.case_id != 0) {
    const std::optional<store::Store::AnyCase> any = e_.store->load_any_case(subject.case_id);
    if (!any) throw Error(Status::not_found, "case_id", "no case with id " + std::to_string(subject.case_id));
    const State& state = case_state(subject.case_id);
    if (state.erased_at && state.key.empty()) {
      throw Error(Status::conflict, "case_id",
                  case_name(any->c) + " was erased already, at " + state.erased_at->to_iso(), "already_erased");
    }
    const std::optional<Customer> customer = e_.store->find_customer(any->c.customer_id);
    Check c = check(*any, customer ? &*customer : nullptr, today);
    if (!c.reason.empty()) throw Error(Status::permission_denied, "case_id", c.message, c.reason);
    report.cases.push_back(c.verdict);
    erase_case(*any, c.verdict, by, std::string());
    return report;
  }

  const std::optional<Customer> customer = e_.store->find_customer(subject.customer_id);
  if (!customer) throw Error(Status::not_found, "customer_id", "no customer '" + subject.customer_id + "'");
  // Every case not erased yet must be past its retention; a refusal names the case erasable last
  // (an open one first: it has no date yet).
  std::vector<std::pair<store::Store::AnyCase, RetentionVerdict>> pending;
  std::optional<Check> refused;
  for (std::int64_t id : e_.store->customer_case_ids(subject.customer_id)) {
    const State& state = case_state(id);
    if (state.erased_at && state.key.empty()) continue;
    std::optional<store::Store::AnyCase> any = e_.store->load_any_case(id);
    if (!any) continue;
    Check c = check(*any, &*customer, today);
    if (c.reason.empty()) {
      pending.emplace_back(std::move(*any), std::move(c.verdict));
    } else if (!refused || (refused->reason != "case_open" &&
                            (c.reason == "case_open" ||
                             domain::date_less(refused->verdict.erasable_from, c.verdict.erasable_from)))) {
      refused = std::move(c);
    }
  }
  if (refused) {
    throw Error(Status::permission_denied, "customer_id",
                "customer '" + subject.customer_id + "' cannot be erased yet: " + refused->message, refused->reason);
  }
  const std::optional<State> customer_state = e_.store->customer_privacy(subject.customer_id);
  if (pending.empty() && customer_state && customer_state->erased_at && customer_state->key.empty()) {
    throw Error(Status::conflict, "customer_id",
                "customer '" + subject.customer_id + "' was erased already, at " + customer_state->erased_at->to_iso(),
                "already_erased");
  }
  std::vector<std::int64_t> erased_ids;
  for (const auto& [any, v] : pending) {
    erase_case(any, v, by, subject.customer_id);
    report.cases.push_back(v);
    erased_ids.push_back(v.case_id);
  }
  e_.store->erase_customer(domain::erased_customer(*customer), e_.now());
  customers_[subject.customer_id] = State{std::string(), e_.now()};
  e_.emit(nullptr, by, events::customer_erased(subject.customer_id, erased_ids));
  report.customer = true;
  return report;
}

// --- export --------------------------------------------------------------------------------------

ExportedCase PrivacyModule::exported_case(const Actor& by, const store::Store::AnyCase& any) {
  ExportedCase x;
  x.case_ = by.is_staff() ? any.c : claimant_view(any.c);
  x.history = shown_to(by, readable(e_.store->case_events(any.c.id)));
  x.deleted_at = any.deleted_at;
  x.erased_at = case_state(any.c.id).erased_at;
  return x;
}

PersonalDataExport PrivacyModule::export_data(const Actor& by, const DataSubject& subject) {
  e_.authenticate(by);
  check_subject(subject);
  if (by.role == Role::supplier) {
    throw Error(Status::permission_denied, "actor", "a supplier may not export personal data", "role_not_allowed");
  }
  PersonalDataExport out;
  out.subject = subject;
  out.exported_at = e_.now();
  if (subject.case_id != 0) {
    // A claimant's own live case only; another's answers as one that does not exist.
    if (!by.is_staff()) e_.load_for(by, subject.case_id, std::nullopt);
    const std::optional<store::Store::AnyCase> any = e_.store->load_any_case(subject.case_id);
    if (!any) throw Error(Status::not_found, "case_id", "no case with id " + std::to_string(subject.case_id));
    out.cases.push_back(exported_case(by, *any));
    return out;
  }
  if (!by.is_staff() && by.id != subject.customer_id) {
    throw Error(Status::permission_denied, "customer_id", "may export only its own data", "not_own_record");
  }
  const std::optional<Customer> customer = e_.store->find_customer(subject.customer_id);
  if (!customer) throw Error(Status::not_found, "customer_id", "no customer '" + subject.customer_id + "'");
  out.customer = seen_by(by, *customer);
  if (const std::optional<State> state = e_.store->customer_privacy(subject.customer_id)) {
    out.customer_erased_at = state->erased_at;
  }
  // The record's own history, read by the customer's key (never a walk over every event about no
  // case); a customer reads each upsert in its view of the record.
  out.customer_history = shown_to(by, readable(e_.store->customer_events(subject.customer_id)));
  for (std::int64_t id : e_.store->customer_case_ids(subject.customer_id)) {
    const std::optional<store::Store::AnyCase> any = e_.store->load_any_case(id);
    // Deleted cases are hidden from the claimant as from every other answer; staff see them.
    if (!any || (any->deleted_at && !by.is_staff())) continue;
    out.cases.push_back(exported_case(by, *any));
  }
  return out;
}

}  // namespace rma
