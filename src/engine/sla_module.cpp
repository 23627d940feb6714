#include "engine/sla_module.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "domain/sla_legal.hpp"
#include "domain/sla_rules.hpp"
#include "json/case.hpp"
#include "json/parse.hpp"
#include "json/party.hpp"
#include "json/product.hpp"
#include "json/reader.hpp"
#include "json/sales.hpp"
#include "json/warranty.hpp"
#include "engine/engine_impl.hpp"

namespace rma {
namespace {

using nlohmann::json;

Case case_ref(std::int64_t id, const std::string& number) {
  Case c;
  c.id = id;
  c.number = number;
  return c;
}

}  // namespace

SlaModule::SlaModule(Engine::Impl& engine) : e_(engine) {
  document.on_stale = [this] { clocks_.reset(); };  // every due time may move
}

Timestamp SlaModule::clock_now() { return e_.clock ? e_.clock() : system_now(); }

const SlaConfig& SlaModule::config() { return document.get(*e_.store); }

void SlaModule::configure(const Actor& by, const SlaConfig& config) {
  e_.require_admin(by, "change the SLA policies");
  validate_sla_config(config);
  const std::string text = sla_config_to_json(config);
  SlaConfig checked = sla_config_from_json(text);
  std::vector<std::string> policies;
  for (const SlaPolicy& p : checked.policies) policies.push_back(p.name);
  e_.configure_document(by, document, text, std::move(checked), events::sla_configured(policies));
  clocks_.reset();  // every due time may move: rebuilt on next use
  store_all_due();  // and the stored ones, in this transaction
}

// What the clocks need, gathered from the case and its history: states entered with their SLA
// effect, the workflow's clock controls, external notes by the claimant and by staff, actions.
SlaFacts SlaModule::facts(const Case& c) {
  SlaFacts f;
  f.priority = c.priority;
  f.kind = c.kind;
  f.channel = c.channel;
  f.created_at = c.created_at;
  f.customer_tier = e_.customer_tiers.get(c.customer_id, [this](const std::string& id) {
    const std::optional<Customer> customer = e_.store->find_customer(id);
    return customer ? customer->tier : std::string();
  });
  const json fields = json::parse(c.custom_fields);
  if (auto contract = fields.find("contract"); contract != fields.end() && contract->is_string()) {
    f.contract = contract->get<std::string>();
  }
  for (const CaseLine& l : c.lines) {
    const Product* product = e_.warranty.registry().product(l.sku);
    if (product && !product->category.empty() &&
        std::find(f.product_categories.begin(), f.product_categories.end(), product->category) ==
            f.product_categories.end()) {
      f.product_categories.push_back(product->category);
    }
  }
  std::shared_ptr<const domain::CompiledWorkflow> wf;
  if (!c.workflow.empty()) wf = e_.workflow.compiled(c.workflow, c.workflow_version);
  const std::vector<OwnEvent> own = e_.own_events(c.id);
  SlaHistory h = committed_history(c, own, wf.get());
  // The running transaction's events are in the store but not committed: they enter this copy
  // only, and the kept history once committed (follow_commit adopts this copy). Their facts were
  // taken from the payloads when they were written: nothing is parsed here.
  bool folded_own = false;
  for (const OwnEvent& own_event : own) {
    if (own_event.event->seq <= h.last_seq) continue;
    fold_sla_facts(h, own_event.event->seq, own_event.event->at, own_event.sla, wf.get());
    folded_own = true;
  }
  if (folded_own) {
    f.timeline = h.timeline;
    f.controls = h.controls;
    f.claimant_messages = h.claimant_messages;
    f.staff_replies = h.staff_replies;
    history_.stage(c.id, std::move(h));
  } else {
    f.timeline = std::move(h.timeline);
    f.controls = std::move(h.controls);
    f.claimant_messages = std::move(h.claimant_messages);
    f.staff_replies = std::move(h.staff_replies);
  }
  for (const Action& a : c.actions) {
    if (a.due_at) f.actions.push_back(SlaActionFact{a.id, a.created_at, *a.due_at, a.done_at});
  }
  // A consumer's withdrawal, notified by opening the case, gives us until the end of a day to
  // refund, counted in the zone of the calendar the case's clocks run on.
  if (std::optional<std::string> country = e_.warranty.withdrawal_jurisdiction(c)) {
    const SlaTimeline& calendar = domain::sla_calendar(config(), select_policy(config(), f).calendar);
    if (auto refund = domain::refund_deadline(c.created_at, calendar.zone(), *country, domain::default_public_holidays()))
      f.legal_deadlines.push_back(std::move(*refund));
  }
  return f;
}

SlaHistory SlaModule::committed_history(const Case& c, const std::vector<OwnEvent>& own,
                                        const domain::CompiledWorkflow* wf) {
  if (const SlaHistory* kept = history_.find(c.id, c.workflow, c.workflow_version)) return *kept;
  SlaHistory h;
  h.workflow = c.workflow;
  h.workflow_version = c.workflow_version;
  // A case this transaction created has no committed history: nothing to read.
  const bool created_now = std::any_of(own.begin(), own.end(), [](const OwnEvent& o) {
    return events::event_type_from_name(o.event->type) == events::EventType::case_created;
  });
  if (!created_now) {
    std::set<std::int64_t> running;  // the transaction's events: in the store, not committed yet
    for (const OwnEvent& o : own) running.insert(o.event->seq);
    for (const Event& e : e_.store->case_events(c.id)) {
      if (running.count(e.seq) == 0) fold_sla_event(h, e, wf);
    }
  }
  history_.put(c.id, h);
  return h;
}

void SlaModule::follow_commit(const std::vector<Event>& committed) {
  history_.follow(committed, [this](const std::string& id, std::int32_t version) {
    return id.empty() ? nullptr : e_.workflow.compiled(id, version);
  });
}

void SlaModule::forget_history(const std::set<std::int64_t>& case_ids) {
  for (std::int64_t id : case_ids) history_.erase(id);
}

// Keep in step with facts(): what it reads of the case (priority, kind, channel, customer,
// custom fields, lines, workflow, actions) and of its history (states entered, clock controls,
// external notes).
bool SlaModule::moves_clocks(const Event& e, const SlaEventFacts* sla_facts) {
  using events::EventType;
  const std::optional<EventType> type = events::event_type_from_name(e.type);
  if (!type) return true;
  SlaEventFacts parsed;
  const auto read_facts = [&]() -> const SlaEventFacts& {
    if (sla_facts == nullptr) {
      parsed = sla_event_facts(*type, json::parse(e.data), "data");
      sla_facts = &parsed;
    }
    return *sla_facts;
  };
  switch (*type) {
    case EventType::case_created:
    case EventType::case_split:
    case EventType::case_transitioned:
    case EventType::case_reopened:
    case EventType::case_deleted:
    case EventType::action_added:
    case EventType::action_completed:
      return true;
    case EventType::note_added:
      return read_facts().external_note;
    case EventType::case_updated: {
      // Of what a patch changes, clocks read the priority and the custom fields' contract, and
      // those only through the policy's conditions (lines keep their SKUs).
      const SlaEventFacts& f = read_facts();
      return f.changes_unknown || (f.changed_priority && domain::policy_depends_on_priority(config())) ||
             (f.changed_custom_fields && domain::policy_depends_on_contract(config()));
    }
    case EventType::case_valued:
    case EventType::attachment_added:
    case EventType::repair_added:
    case EventType::repair_updated:
    case EventType::line_checked:
    case EventType::unit_replaced:
    case EventType::notification_requested:
    case EventType::outbox_posted:
    case EventType::access_denied:
    case EventType::transition_denied:
    case EventType::sla_warning:
    case EventType::sla_breached:
    case EventType::customer_upserted:
    case EventType::supplier_upserted:
    case EventType::operator_upserted:
    case EventType::product_upserted:
    case EventType::import_completed:
    case EventType::sla_configured:
    case EventType::valuation_configured:
    case EventType::warranty_configured:
    case EventType::workflows_configured:
    case EventType::extended_warranty_added:
    case EventType::unit_registered:
    case EventType::outbox_acknowledged:
    case EventType::privacy_configured:
    case EventType::privacy_erased:
    case EventType::quality_alert:
    case EventType::quality_acknowledged:
    case EventType::languages_configured:
      return false;
  }
  return true;
}

// The clocks the due lists show, as index::SlaIndex orders them: running ones, and paused ones
// that breached before they paused. A stopped clock, or a paused one within its target, has no
// due time that holds still while time passes.
std::vector<store::Store::SlaDueRow> SlaModule::due_rows(const Case& c, Timestamp at) {
  std::vector<store::Store::SlaDueRow> rows;
  for (const ClockStatus& s : compute_clocks(config(), facts(c), at)) {
    if (s.stopped || (s.paused && !s.breached)) continue;
    rows.push_back(store::Store::SlaDueRow{c.id, s.clock, s.due_at});
  }
  return rows;
}

void SlaModule::store_due(const std::vector<std::int64_t>& case_ids) {
  if (case_ids.empty()) return;
  const Timestamp at = e_.now();
  for (std::int64_t id : std::set<std::int64_t>(case_ids.begin(), case_ids.end())) {
    // The case cache holds what this command wrote; a deleted case is in neither.
    std::optional<Case> loaded;
    const Case* c = find_case(id, loaded);
    e_.store->put_sla_due(id, c ? due_rows(*c, at) : std::vector<store::Store::SlaDueRow>());
  }
}

void SlaModule::store_all_due() {
  const Timestamp at = e_.now();
  e_.store->clear_sla_due();
  for (std::int64_t id : e_.store->case_ids()) {
    if (const std::optional<Case> c = e_.store->load_case(id)) e_.store->put_sla_due(id, due_rows(*c, at));
  }
}

void SlaModule::complete_stored_due() {
  if (e_.store->sla_due_incomplete()) store_all_due();
}

index::SlaIndex& SlaModule::clocks() {
  if (clocks_) return *clocks_;
  auto built = std::make_unique<index::SlaIndex>();
  const SlaConfig& config = this->config();
  const Timestamp at = clock_now();
  for (std::int64_t id : e_.store->case_ids()) {
    if (auto c = e_.store->load_case(id)) built->upsert_case(id, compute_clocks(config, facts(*c), at));
  }
  for (const store::Store::SlaCrossingRow& r : e_.store->sla_crossings(0)) {
    built->restore_reported(r.case_id, r.clock, r.started_at, r.target_seconds,
                            r.kind == "warning" ? index::SlaCrossingKind::warning : index::SlaCrossingKind::breached);
  }
  clocks_ = std::move(built);
  return *clocks_;
}

void SlaModule::refresh(const std::vector<std::int64_t>& case_ids) noexcept {
  if (!clocks_ || case_ids.empty()) return;
  try {
    const SlaConfig& config = this->config();
    const Timestamp at = clock_now();
    for (std::int64_t id : std::set<std::int64_t>(case_ids.begin(), case_ids.end())) {
      const std::optional<Case> c = e_.store->load_case(id);  // none once deleted
      if (!c) {
        clocks_->remove_case(id);
        continue;
      }
      clocks_->upsert_case(id, compute_clocks(config, facts(*c), at));
      for (const store::Store::SlaCrossingRow& r : e_.store->sla_crossings(id)) {
        clocks_->restore_reported(r.case_id, r.clock, r.started_at, r.target_seconds,
                                     r.kind == "warning" ? index::SlaCrossingKind::warning
                                                         : index::SlaCrossingKind::breached);
      }
    }
  } catch (...) {
    clocks_.reset();  // rebuilt, from the store, on next use
  }
}

CaseSla SlaModule::case_sla(const Actor& by, std::int64_t id) {
  const Case c = e_.load_for(by, id, std::nullopt);
  const SlaConfig& config = this->config();
  const SlaFacts f = facts(c);
  const Timestamp at = clock_now();
  return CaseSla{select_policy(config, f).name, compute_clocks(config, f, at), expected_completion(config, f, at)};
}

std::vector<SlaEvent> SlaModule::tick(const Actor& by, std::optional<Timestamp> at) {
  e_.require_staff(by, "tick SLA clocks");
  const Timestamp until = at ? *at : e_.now();
  // The index marks what it hands out as reported: if this transaction rolls back, rebuild it.
  document.touch();
  std::vector<SlaEvent> out;
  for (const index::SlaCrossing& x : clocks().tick(until)) {
    const std::string kind = index::sla_crossing_kind_name(x.kind);
    if (!e_.store->insert_sla_crossing(store::Store::SlaCrossingRow{x.case_id, x.clock, x.started_at,
                                                                 x.target_seconds, kind, x.at})) {
      continue;  // another engine recorded it
    }
    const std::optional<store::CaseRow> row = e_.case_row(x.case_id);
    SlaEvent e{x.case_id, row ? row->number : std::string(), x.clock, kind, x.at, x.policy, x.started_at,
               x.target_seconds};
    const Case ref = case_ref(e.case_id, e.case_number);
    e_.emit(&ref, by, events::sla_crossed(kind != "warning", e.clock, e.at, e.policy, e.started_at, e.target_seconds));
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<SlaDueItem> SlaModule::due(const Actor& by, std::optional<std::int64_t> horizon_seconds,
                                       std::int32_t limit) {
  e_.require_staff(by, "list SLA due times");
  if (limit < 1 || limit > 10000) {
    throw Error(Status::out_of_range, "limit", "must be between 1 and 10000, got " + std::to_string(limit));
  }
  if (horizon_seconds && *horizon_seconds < 0) {
    throw Error(Status::out_of_range, "seconds", "must not be negative");
  }
  const Timestamp at = clock_now();
  // A server that keeps the clocks answers from them; otherwise the store's due times say which
  // clocks to list, and only those cases' clocks are computed.
  if (!clocks_ && e_.options.index_mode != IndexMode::eager) return stored_due(horizon_seconds, limit, at);
  const index::SlaIndex& open = clocks();
  const auto found = horizon_seconds ? open.due_within(at, *horizon_seconds, static_cast<std::size_t>(limit))
                                     : open.overdue(at, static_cast<std::size_t>(limit));
  std::vector<SlaDueItem> out;
  out.reserve(found.size());
  for (const index::SlaDue& d : found) {
    out.push_back(due_item(d.case_id, d.clock, d.policy, d.due_at, d.warning_at, d.paused));
  }
  return out;
}

SlaDueItem SlaModule::due_item(std::int64_t case_id, const std::string& clock, const std::string& policy,
                               Timestamp due_at, Timestamp warning_at, bool paused) {
  SlaDueItem item{case_id, "", clock, policy, due_at, warning_at, paused, "", ""};
  if (const std::optional<store::CaseRow> row = e_.case_row(case_id)) {
    item.case_number = row->number;
    item.assignee = row->assignee;
    item.team = row->team;
  }
  return item;
}

const Case* SlaModule::find_case(std::int64_t id, std::optional<Case>& loaded) {
  if (const Case* cached = e_.cache.find(id)) return cached;
  loaded = e_.store->load_case(id);
  return loaded ? &*loaded : nullptr;
}

std::vector<SlaDueItem> SlaModule::stored_due(std::optional<std::int64_t> horizon_seconds, std::int32_t limit,
                                              Timestamp at) {
  std::vector<SlaDueItem> out;
  std::map<std::int64_t, std::vector<ClockStatus>> computed;  // a case listed twice is computed once
  for (const store::Store::SlaDueRow& r : e_.store->sla_due_rows(at, horizon_seconds, limit)) {
    auto it = computed.find(r.case_id);
    if (it == computed.end()) {
      std::optional<Case> loaded;
      const Case* c = find_case(r.case_id, loaded);
      std::vector<ClockStatus> clocks;
      if (c) clocks = compute_clocks(config(), facts(*c), at);
      it = computed.emplace(r.case_id, std::move(clocks)).first;
    }
    for (const ClockStatus& s : it->second) {
      if (s.clock == r.clock) out.push_back(due_item(r.case_id, s.clock, s.policy, s.due_at, s.warning_at, s.paused));
    }
  }
  return out;
}

std::vector<ComplianceRow> SlaModule::compliance(const Actor& by, CompliancePeriod period,
                                                 const std::string& time_zone) {
  e_.require_staff(by, "read SLA compliance");
  const SlaConfig& config = this->config();
  const Timestamp at = clock_now();
  std::vector<ClockOutcome> outcomes;
  for (std::int64_t id : e_.store->case_ids()) {
    auto c = e_.store->load_case(id);
    if (!c) continue;
    for (ClockStatus& clock_status : compute_clocks(config, facts(*c), at)) {
      if (clock_status.stopped) outcomes.push_back(ClockOutcome{c->team, std::move(clock_status)});
    }
  }
  return rma::compliance(outcomes, period, time_zone);
}

}  // namespace rma
