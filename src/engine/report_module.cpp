#include "engine/report_module.hpp"

#include <algorithm>
#include <map>

#include "domain/report_milestones.hpp"
#include "domain/report_rules.hpp"
#include "engine/engine_impl.hpp"
#include "engine/sla_history.hpp"
#include "events/event_type.hpp"
#include "index/report_snapshot.hpp"

namespace rma {
namespace {

using events::EventType;

// Once more than this share of the cases changed since the last report, reading them one by one
// costs more than one pass over the table.
constexpr std::size_t kRebuildShare = 8;

// The file beside the store that keeps the columns for the next process (Store::cache_path).
const char* const kCacheName = "reports";

std::string contract_of(const std::string& custom_fields) {
  const nlohmann::json fields = nlohmann::json::parse(custom_fields, nullptr, false);
  if (!fields.is_object()) return std::string();
  const auto contract = fields.find("contract");
  return contract != fields.end() && contract->is_string() ? contract->get<std::string>() : std::string();
}

}  // namespace

void ReportModule::follow(std::int64_t case_id, std::string_view type) {
  if (!index_.built()) return;
  if (case_id != 0) {
    index_.mark_dirty(case_id);
    return;
  }
  const std::optional<EventType> t = events::event_type_from_name(type);
  if (!t) return;
  switch (*t) {
    case EventType::product_upserted: index_.products_stale = true; break;
    case EventType::import_completed:
      // Products, sales documents or customers: which one the event's data says, but a new
      // catalogue or feed is rare enough to read both again.
      index_.products_stale = true;
      index_.drop_sold();
      break;
    case EventType::sla_configured:
    case EventType::workflows_configured:
      // New calendars, policies, closed states or decision locks: every business time moves.
      index_.drop_milestones();
      break;
    default: break;
  }
}

std::vector<std::uint8_t> ReportModule::closed_status() {
  const domain::ReportFacts& f = index_.facts();
  std::vector<std::uint8_t> out(f.statuses.size(), 0);
  for (const std::string& s : e_.workflow.closed_statuses()) {
    if (const std::optional<std::uint32_t> code = f.statuses.find(s)) out[*code] = 1;
  }
  return out;
}

void ReportModule::build() {
  if (restore()) return;
  index_.begin_build();
  e_.store->for_each_case_fact([this](const domain::CaseFact& c) { index_.put_case(c); });
  index_.finish_build();
  load_products();
  save_due_ = true;
}

bool ReportModule::restore() {
  const std::string path = e_.store->cache_path(kCacheName);
  index::ReportSnapshotStamp stamp;
  if (path.empty() || !index::load_report_snapshot(index_, stamp, path)) return false;
  // The same log: the event the file was written at is still there, with its case and type.
  const std::vector<store::Store::EventRef> since = e_.store->events_after(std::max<std::int64_t>(stamp.seq - 1, 0));
  bool same = stamp.seq == 0 || (!since.empty() && since.front().seq == stamp.seq &&
                                 since.front().case_id == stamp.seq_case_id && since.front().type == stamp.seq_type);
  std::size_t later = 0;
  for (const store::Store::EventRef& e : since) later += e.seq > stamp.seq ? 1 : 0;
  // Without a later event, the live cases are as many as then.
  if (same && later == 0) same = e_.store->count_cases() == stamp.live_cases;
  if (!same || later > index_.live_cases() / kRebuildShare + 64) {
    index_.clear();
    return false;
  }
  for (const store::Store::EventRef& e : since) {
    if (e.seq > stamp.seq) follow(e.case_id, e.type);
  }
  // Refreshed below as any change is; saved again once that was a lot.
  save_due_ = later > 1024;
  return true;
}

void ReportModule::save() {
  save_due_ = false;
  const std::string path = e_.store->cache_path(kCacheName);
  if (path.empty()) return;
  index::ReportSnapshotStamp stamp;
  stamp.seq = e_.applied_seq;
  if (stamp.seq > 0) {
    const std::vector<store::Store::EventRef> at = e_.store->events_after(stamp.seq - 1);
    if (at.empty() || at.front().seq != stamp.seq) return;  // no such event: nothing to stamp it with
    stamp.seq_case_id = at.front().case_id;
    stamp.seq_type = at.front().type;
  }
  stamp.live_cases = static_cast<std::int64_t>(index_.live_cases());
  index::save_report_snapshot(index_, stamp, path);
}

void ReportModule::load_products() {
  std::vector<domain::ProductFact> products;
  for (const Product& p : e_.store->all_products()) {
    products.push_back(domain::ProductFact{p.sku, p.category, p.brand, p.supplier_id});
  }
  index_.put_products(products);
}

void ReportModule::load_money() {
  index_.start_money();
  e_.store->for_each_case_valuation(
      [this](std::int64_t id, std::string&& text) { index_.put_money(id, domain::money_facts_of(text)); });
}

void ReportModule::load_breaches() {
  index_.start_breaches();
  for (const store::Store::SlaCrossingRow& x : e_.store->sla_crossings(0)) {
    if (x.kind == "breached") index_.put_breach(x.case_id, x.clock);
  }
}

void ReportModule::load_sold() {
  index_.start_sold();
  e_.store->for_each_sold_line([this](domain::SoldFact&& s) { index_.put_sold(s); });
  index_.finish_sold();
}

const SlaCalendar* ReportModule::calendar_of(std::size_t row, const std::string& contract) {
  const SlaConfig& config = e_.sla.config();
  if (config.calendars.size() == 1) return &config.calendars.front();
  const domain::ReportFacts& f = index_.facts();
  SlaFacts facts;
  facts.priority = static_cast<Priority>(f.priority[row]);
  facts.kind = static_cast<CaseKind>(f.kind[row]);
  facts.channel = static_cast<Channel>(f.channel[row]);
  facts.contract = contract;
  if (domain::policies_read_tiers(config)) {
    const std::uint32_t customer = f.customer[row];
    if (customer >= tiers_.size()) tiers_.resize(f.customers.size());
    if (!tiers_[customer]) {
      const std::optional<Customer> c = e_.store->find_customer(f.customers.text(customer));
      tiers_[customer] = c ? c->tier : std::string();
    }
    facts.customer_tier = *tiers_[customer];
  }
  for (std::uint32_t l = f.first_line[row]; l < f.first_line[row] + f.line_count[row]; ++l) {
    const std::uint32_t sku = f.line_sku[l];
    const std::uint32_t category = sku < f.sku_category.size() ? f.sku_category[sku] : 0;
    const std::string& name = f.categories.text(category);
    if (category != 0 && std::find(facts.product_categories.begin(), facts.product_categories.end(), name) ==
                             facts.product_categories.end()) {
      facts.product_categories.push_back(name);
    }
  }
  return domain::policy_calendar(config, facts);
}

void ReportModule::initial_decision(std::size_t row, domain::CaseMilestones& m) {
  // The initial state is entered at creation (the case.created event is not read: it holds the
  // whole case).
  const domain::ReportFacts& f = index_.facts();
  const std::string& workflow = f.workflows.text(f.workflow[row]);
  if (workflow.empty()) return;
  if (auto wf = e_.workflow.compiled(workflow, f.workflow_version[row])) {
    const WorkflowState* initial = wf->state(wf->definition().initial);
    if (initial && initial->locks_decision) m.decided_at = Timestamp{f.created_at[row]};
  }
}

void ReportModule::load_milestones() {
  domain::ReportFacts const& f = index_.facts();
  std::vector<domain::CaseMilestones> rows(f.cases());
  // Compiled workflows by (workflow code, version), so each event costs a map look-up.
  std::map<std::pair<std::uint32_t, std::int32_t>, std::shared_ptr<const domain::CompiledWorkflow>> compiled;
  auto workflow_of = [&](std::size_t row) -> const domain::CompiledWorkflow* {
    const auto key = std::make_pair(f.workflow[row], f.workflow_version[row]);
    auto it = compiled.find(key);
    if (it == compiled.end()) {
      const std::string& id = f.workflows.text(key.first);
      it = compiled.emplace(key, id.empty() ? nullptr : e_.workflow.compiled(id, key.second)).first;
    }
    return it->second.get();
  };
  const std::vector<std::string> types = {events::event_type_name(EventType::case_transitioned),
                                          events::event_type_name(EventType::case_reopened)};
  e_.store->for_each_case_event(types, [&](Event&& e) {
    const std::optional<std::uint32_t> row = index_.row_of(e.case_id);
    if (!row) return;
    const std::optional<EventType> type = events::event_type_from_name(e.type);
    const SlaEventFacts facts = sla_event_facts(*type, nlohmann::json::parse(e.data),
                                                "events[" + std::to_string(e.seq) + "].data");
    const domain::CompiledWorkflow* wf = workflow_of(*row);
    const WorkflowState* state = wf ? wf->state(facts.state) : nullptr;
    if (*type == EventType::case_reopened) domain::milestone_reopened(rows[*row]);
    domain::milestone_state_entered(rows[*row], e.at, state && state->locks_decision);
  });
  e_.store->for_each_external_note([&](std::int64_t case_id, Timestamp at, std::string&& author) {
    if (const std::optional<std::uint32_t> row = index_.row_of(case_id)) {
      domain::milestone_external_note(rows[*row], at, author);
    }
  });
  std::vector<std::string> contracts;
  if (domain::policies_read_contracts(e_.sla.config())) {
    contracts.resize(f.cases());
    e_.store->for_each_case_custom_fields([&](std::int64_t id, std::string&& text) {
      if (const std::optional<std::uint32_t> row = index_.row_of(id)) contracts[*row] = contract_of(text);
    });
  }
  const std::vector<std::uint8_t> closed = closed_status();
  tiers_.clear();
  index_.start_milestones();
  for (std::size_t r = 0; r < f.cases(); ++r) {
    if (!f.live[r]) continue;
    initial_decision(r, rows[r]);
    std::optional<Timestamp> closed_at;
    if (f.status[r] < closed.size() && closed[f.status[r]]) closed_at = Timestamp{f.status_since[r]};
    domain::milestone_business_times(rows[r], calendar_of(r, contracts.empty() ? std::string() : contracts[r]),
                                     Timestamp{f.created_at[r]}, closed_at);
    index_.put_milestones(f.case_id[r], rows[r]);
  }
}

void ReportModule::refresh(const std::vector<std::int64_t>& ids) {
  const domain::ReportFacts& f = index_.facts();
  for (std::int64_t id : ids) {
    std::optional<Case> loaded;
    const Case* c = e_.cache.find(id);
    if (c == nullptr) {
      loaded = e_.store->load_case(id);
      if (loaded) c = &*loaded;
    }
    if (c == nullptr) {
      index_.remove_case(id);
      continue;
    }
    index_.put_case(domain::case_fact_of(*c));
    if (f.money_loaded) index_.put_money(id, domain::money_facts_of(c->valuation));
    if (f.breaches_loaded) {
      for (const store::Store::SlaCrossingRow& x : e_.store->sla_crossings(id)) {
        if (x.kind == "breached") index_.put_breach(id, x.clock);
      }
    }
    if (f.milestones_loaded) {
      const std::size_t row = *index_.row_of(id);
      domain::CaseMilestones m;
      std::shared_ptr<const domain::CompiledWorkflow> wf;
      if (!c->workflow.empty()) wf = e_.workflow.compiled(c->workflow, c->workflow_version);
      for (const Event& e : e_.store->case_events(id)) {
        const std::optional<EventType> type = events::event_type_from_name(e.type);
        if (type != EventType::case_transitioned && type != EventType::case_reopened) continue;
        const SlaEventFacts facts =
            sla_event_facts(*type, nlohmann::json::parse(e.data), "events[" + std::to_string(e.seq) + "].data");
        const WorkflowState* state = wf ? wf->state(facts.state) : nullptr;
        if (*type == EventType::case_reopened) domain::milestone_reopened(m);
        domain::milestone_state_entered(m, e.at, state && state->locks_decision);
      }
      for (const Note& n : c->notes) {
        if (n.channel == Visibility::external) domain::milestone_external_note(m, n.created_at, n.author);
      }
      initial_decision(row, m);
      std::optional<Timestamp> closed_at;
      const std::vector<std::uint8_t> closed = closed_status();
      if (f.status[row] < closed.size() && closed[f.status[row]]) closed_at = c->status_since;
      std::string contract;
      if (domain::policies_read_contracts(e_.sla.config())) contract = contract_of(c->custom_fields);
      domain::milestone_business_times(m, calendar_of(row, contract), c->created_at, closed_at);
      index_.put_milestones(id, m);
    }
  }
}

void ReportModule::prepare(const domain::ReportNeeds& needs) {
  if (index_.built() && index_.has_dirty()) {
    std::vector<std::int64_t> dirty = index_.take_dirty();
    if (dirty.size() > index_.live_cases() / kRebuildShare + 64) {
      index_.clear();
    } else {
      refresh(dirty);
      save_due_ = save_due_ || dirty.size() > 1024;
      if (index_.worth_rebuilding()) index_.clear();
    }
  }
  if (!index_.built()) build();
  if (index_.has_dirty()) refresh(index_.take_dirty());  // what a file read back has to catch up with
  if (index_.products_stale) load_products();
  const domain::ReportFacts& f = index_.facts();
  const bool loads = (needs.money && !f.money_loaded) || (needs.milestones && !f.milestones_loaded) ||
                     (needs.breaches && !f.breaches_loaded) || (needs.sold && !f.sold_loaded);
  if (needs.money && !f.money_loaded) load_money();
  if (needs.milestones && !f.milestones_loaded) load_milestones();
  if (needs.breaches && !f.breaches_loaded) load_breaches();
  if (needs.sold && !f.sold_loaded) load_sold();
  // A pass over a table is worth keeping for the next process.
  if (save_due_ || loads) save();
}

const domain::TimeZone* ReportModule::zone_for(const ReportRequest& request, std::optional<domain::TimeZone>& given,
                                               std::string& text) {
  if (!request.time_zone.empty()) {
    given = domain::TimeZone::parse(request.time_zone, "time_zone");
    text = request.time_zone;
    return &*given;
  }
  if (e_.options.time_zone.empty()) return nullptr;
  if (!engine_zone_) engine_zone_ = domain::TimeZone::parse(e_.options.time_zone, "options.time_zone");
  text = e_.options.time_zone;
  return &*engine_zone_;
}

const domain::ReportFacts& ReportModule::facts_with_sold() {
  domain::ReportNeeds needs;
  needs.sold = true;
  prepare(needs);
  return index_.facts();
}

Report ReportModule::run(const Actor& by, const ReportRequest& request) {
  e_.authenticate(by);
  domain::check_report_request(request, by, e_.options.limits);
  domain::ReportInputs in;
  std::optional<domain::TimeZone> given;
  in.zone = zone_for(request, given, in.zone_text);
  if (domain::needs_time_zone(request) && in.zone == nullptr) {
    throw Error(Status::invalid_argument, "time_zone",
                "a report by period needs a time zone: name one, or open the engine with options.time_zone");
  }
  const domain::ReportNeeds needs = domain::report_needs(request);
  prepare(needs);
  in.facts = &index_.facts();
  in.closed_status = closed_status();
  in.max_groups = e_.options.limits.max_report_groups;
  in.scratch = &scratch_;
  store::CaseScope scope;
  if (!by.is_staff()) {
    in.customer_scope = by.id;
    scope.customer_id = by.id;
  }
  std::vector<std::uint8_t> matches;
  if (needs.store_filters) {
    matches.assign(in.facts->cases(), 0);
    for (std::int64_t id :
         e_.store->matching_case_ids(request.filters, scope, e_.workflow.closed_statuses(), e_.now())) {
      if (const std::optional<std::uint32_t> row = index_.row_of(id)) matches[*row] = 1;
    }
    in.row_matches = &matches;
  }
  return domain::run_report(request, in);
}

}  // namespace rma
