#include "engine/engine_impl.hpp"
#include "engine/answer_views.hpp"

#include <algorithm>
#include <set>

#include "domain/decision_lock.hpp"
#include "engine/index_loading.hpp"
#include "events/customer_events.hpp"
#include "store/case_columns.hpp"

namespace rma {

Engine::Impl::Impl(Options opts, std::unique_ptr<store::Store> s)
    : options(std::move(opts)), clock(options.clock), store(std::move(s)) {
  options.clock = nullptr;  // the live clock is `clock`, which set_clock may replace
}

void Engine::Impl::load_at_open() {
  // Load the registry and the log position in one transaction so no event falls between them.
  store->begin();
  try {
    warranty.load_at_open();
    // A long-lived server pays for the SLA clocks once, at open; other modes on first use.
    if (options.index_mode == IndexMode::eager) sla.warm();
    // A database migrated from before the store kept SLA due times gets them here, once.
    sla.complete_stored_due();
    applied_seq = store->last_event_seq();
    store->commit();
  } catch (...) {
    store->rollback();
    throw;
  }
  store->changed_by_others();  // take the current data version as the baseline
}

Timestamp Engine::Impl::now() {
  if (tx_now) return *tx_now;
  return clock ? clock() : system_now();
}

void Engine::Impl::sync_if_due() {
  const auto now_steady = std::chrono::steady_clock::now();
  if (now_steady - last_sync < std::chrono::milliseconds(options.registry_refresh_ms)) return;
  sync();
}

void Engine::Impl::sync() {
  last_sync = std::chrono::steady_clock::now();
  if (!store->changed_by_others()) return;
  // Another process committed: what it changed may be any customer's cases, sales or configuration.
  fraud_memo.clear();
  std::set<std::int64_t> touched;
  bool parties_changed = false;
  for (const store::Store::EventRef& e : store->events_after(applied_seq)) {
    applied_seq = e.seq;
    if (e.case_id == 0) {
      parties_changed = true;
    } else {
      touched.insert(e.case_id);
    }
    reports.follow(e.case_id, e.type);
    const std::optional<events::EventType> type = events::event_type_from_name(e.type);
    if (!type) continue;  // written by a newer librma: nothing this one follows
    warranty.follow(*type);
    for (ConfigDocumentState* d : documents()) d->follow(*type);
  }
  for (std::int64_t id : touched) cache.erase(id);
  sla.forget_history(touched);
  privacy.forget_cases(std::vector<std::int64_t>(touched.begin(), touched.end()));
  if (parties_changed) {
    operator_roles.clear();
    customer_tiers.clear();
    privacy.forget_customers();
  }
  sla.refresh(std::vector<std::int64_t>(touched.begin(), touched.end()));
}

void Engine::Impl::begin_command() {
  clear_tx_events();
  sla.drop_staged_history();
  tx_touched.clear();
  warranty.begin_command();
  for (ConfigDocumentState* d : documents()) d->begin_command();
  valuation.forget_change();
  pending_denial.reset();
  pending_probe.reset();
  tx_now.reset();
  store->begin();
  try {
    sync();
    tx_now = clock ? clock() : system_now();
  } catch (...) {
    abort_command();
    throw;
  }
}

std::vector<Event> Engine::Impl::commit_command() {
  // Every command that changes a case ends here, with its events: the stored SLA due times of
  // the cases whose clocks may have moved follow in the same transaction.
  std::vector<std::int64_t> clocks_moved;
  for (std::size_t i = 0; i < tx_events.size(); ++i) {
    const Event& e = tx_events[i];
    if (e.case_id != 0 && sla.moves_clocks(e, tx_sla_facts[i].get())) clocks_moved.push_back(e.case_id);
  }
  sla.store_due(clocks_moved);
  store->commit();
  tx_now.reset();
  tx_touched.clear();
  warranty.end_command();
  if (!tx_events.empty()) applied_seq = std::max(applied_seq, tx_events.back().seq);
  std::vector<Event> committed;
  committed.swap(tx_events);
  clear_tx_events();
  std::vector<std::int64_t> changed_cases;
  for (const Event& e : committed) {
    if (e.case_id != 0) changed_cases.push_back(e.case_id);
    reports.follow(e.case_id, e.type);
  }
  sla.follow_commit(committed);
  sla.refresh(changed_cases);
  forget_fraud_signals(committed);
  return committed;
}

void Engine::Impl::abort_command() noexcept {
  store->rollback();
  tx_now.reset();
  clear_tx_events();
  sla.drop_staged_history();
  // Roles and tiers read during the failed command may come from rows that were rolled back.
  operator_roles.clear();
  customer_tiers.clear();
  // Keys made or dropped during the failed command may be rolled back with it.
  privacy.forget_all();
  // Registry and configuration are reloaded rather than undone piece by piece.
  warranty.abort_command();
  fraud_memo.clear();
  for (ConfigDocumentState* d : documents()) d->abort_command();
  // The cache already shows the failed command's cases: the store still holds what they were.
  for (std::int64_t id : tx_touched) cache.erase(id);
  tx_touched.clear();
}

void Engine::Impl::deliver(const std::vector<Event>& stored) {
  if (stored.empty()) return;
  std::vector<std::shared_ptr<Subscriber>> handlers;
  bool any_claimant = false;
  {
    std::lock_guard<std::mutex> lock(subscribers_mu);
    for (const auto& entry : subscribers) {
      handlers.push_back(entry.second);
      any_claimant = any_claimant || (entry.second->as && !entry.second->as->is_staff());
    }
  }
  if (handlers.empty()) return;
  // Subscribers read the events as people do: personal values opened (or "[erased]").
  std::vector<Event> events;
  {
    std::lock_guard<std::mutex> lock(mu);
    try {
      events = privacy.readable(stored);
    } catch (...) {
      // The events are committed; subscribers miss them, as when one throws.
      return;
    }
  }
  // A customer's or supplier's subscription sees only its own cases' events, in its view; who
  // a case belongs to is read once, under the command lock, for the whole delivery.
  std::vector<std::optional<store::CaseRow>> rows(events.size());
  if (any_claimant) {
    std::lock_guard<std::mutex> lock(mu);
    try {
      for (std::size_t i = 0; i < events.size(); ++i) {
        if (events[i].case_id != 0) rows[i] = case_row(events[i].case_id);
      }
    } catch (...) {
      // The events are committed; a claimant whose case could not be read now misses them, as a
      // subscriber that throws does.
    }
  }
  for (std::size_t i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    for (const auto& subscriber : handlers) {
      try {
        if (!subscriber->as || subscriber->as->is_staff()) {
          subscriber->handler(e);
        } else if (rows[i] && related(*subscriber->as, rows[i]->customer_id, rows[i]->supplier_id)) {
          if (std::optional<Event> shown = event_seen_by(*subscriber->as, e)) {
            subscriber->handler(*shown);
          }
        }
      } catch (...) {
        // The change is committed; a failing subscriber must not undo or hide it.
      }
    }
  }
}

std::optional<store::CaseRow> Engine::Impl::case_row(std::int64_t case_id) {
  if (const Case* cached = cache.find(case_id)) return row_of(*cached);
  return store->load_case_row(case_id);
}

Case Engine::Impl::load_for(const Actor& by, std::int64_t case_id, ExpectedVersion expected) {
  authenticate(by);
  // The cache is exact (sync() drops what other processes changed), so a hit needs no read; a
  // miss reads the case by its primary key.
  std::optional<Case> loaded;
  const Case* c = cache.find(case_id);
  if (!c) {
    loaded = store->load_case(case_id);
    if (loaded) c = &*loaded;
  }
  // Another party's case answers exactly as a case that does not exist, so a probe learns
  // nothing; either is counted in the prober's security log, never in the case's history.
  if (!c || !related(by, c->customer_id, c->supplier_id)) {
    if (!by.is_staff()) note_probe(by, c ? "not_own_case" : "unknown_case", c ? case_id : 0);
    throw Error(Status::not_found, "case_id", "no case with id " + std::to_string(case_id));
  }
  if (expected && *expected != c->version) {
    throw Error(Status::conflict, "version",
                "the case is at version " + std::to_string(c->version) + ", not " + std::to_string(*expected));
  }
  if (!loaded) return *c;
  cache.put(*loaded);
  return std::move(*loaded);
}

std::vector<OwnEvent> Engine::Impl::own_events(std::int64_t case_id) const {
  std::vector<OwnEvent> out;
  if (const auto it = tx_events_by_case.find(case_id); it != tx_events_by_case.end()) {
    for (std::size_t i : it->second) out.push_back(OwnEvent{&tx_events[i], tx_sla_facts[i].get()});
  }
  return out;
}

void Engine::Impl::clear_tx_events() {
  tx_events.clear();
  tx_sla_facts.clear();
  // clear() zeroes every bucket: after a batch of thousands of cases that would be done twice per
  // later command. A map grown that large is given back instead.
  if (tx_events_by_case.bucket_count() > 64) {
    std::unordered_map<std::int64_t, std::vector<std::size_t>>().swap(tx_events_by_case);
  } else {
    tx_events_by_case.clear();
  }
}

void Engine::Impl::emit(const Case* c, const Actor& by, events::Payload payload) {
  events::stamp_version(payload.data, payload.version);
  Event e;
  e.case_id = c ? c->id : 0;
  if (c) e.case_number = c->number;
  e.at = now();
  e.actor = by.to_string();
  e.type = events::event_type_name(payload.type);
  // Taken before the event is stored, and room made in both lists first: whatever throws leaves
  // tx_events and tx_sla_facts in step with what was appended.
  std::unique_ptr<const SlaEventFacts> sla_facts;
  if (e.case_id != 0 && has_sla_facts(payload.type)) {
    sla_facts = std::make_unique<const SlaEventFacts>(sla_event_facts(payload.type, payload.data, e.type + ".data"));
  }
  // Personal values are stored sealed (engine/privacy_module.hpp), and the event is kept as it
  // was stored: deliver() opens it for the subscribers, so a command dumps each event once.
  std::optional<std::string> sealed = privacy.sealed_text(payload, e.case_id);
  e.data = sealed ? std::move(*sealed) : payload.data.dump();
  if (tx_events.size() == tx_events.capacity()) tx_events.reserve(std::max<std::size_t>(16, 2 * tx_events.size()));
  tx_sla_facts.reserve(tx_events.capacity());  // reserve(size + 1) would copy the lists on every event
  store->append_event(e);
  if (payload.type == events::EventType::customer_upserted && e.case_id == 0) {
    // The customer record's history (privacy.export) is read by the customer's id.
    store->key_customer_event(events::upserted_customer_id(payload.data), e.seq);
  }
  if (e.case_id != 0) tx_events_by_case[e.case_id].push_back(tx_events.size());
  tx_events.push_back(std::move(e));
  tx_sla_facts.push_back(std::move(sla_facts));
}

void Engine::Impl::emit_change(const Case& c, const Actor& by, events::Payload payload) {
  payload.data["version"] = c.version;
  emit(&c, by, std::move(payload));
  valuation.record(c, by);
}

void Engine::Impl::save(Case& c, bool lines_changed, bool decides) {
  const std::int64_t stored = c.version;
  c.version = stored + 1;
  c.updated_at = now();
  // Whatever the command changed may change what the case is worth: the new valuation is stored
  // with it, and emit_change records the change after the command's own event. A decided case
  // keeps the valuation it was decided with.
  bool valuation_changed = false;
  if (!domain::keeps_valuation(c, decides)) {
    if (auto valued = valuation.revalue(c)) {
      valuation.note_change(c, std::move(*valued));
      valuation_changed = true;
    }
  }
  // The cache holds the case as stored (load_for put it there, or an earlier command of the
  // batch): the row is written only where the command changed it.
  const Case* before = cache.find(c.id);
  const std::uint32_t columns =
      before && before->version == stored ? store::changed_case_columns(*before, c) : store::kAllCaseColumns;
  if (!store->update_case(c, stored, lines_changed, valuation_changed, columns)) {
    throw Error(Status::conflict, "version", "the case changed while the command ran");
  }
  cache_now(c);
}

void Engine::Impl::cache_now(const Case& c) {
  // Later commands of the same batch find the case as it is now; abort_command() forgets it if
  // the transaction rolls back.
  tx_touched.push_back(c.id);
  cache.put(c);
}

}  // namespace rma
