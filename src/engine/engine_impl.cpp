#include "engine/engine_impl.hpp"
#include "engine/answer_views.hpp"
#include "engine/case_command.hpp"

#include <algorithm>
#include <set>

#include "json/case.hpp"
#include "json/parse.hpp"
#include "json/party.hpp"
#include "json/product.hpp"
#include "json/reader.hpp"
#include "json/sales.hpp"
#include "json/warranty.hpp"
#include "domain/case_rules.hpp"
#include "domain/decision_lock.hpp"
#include "domain/eligibility_rules.hpp"
#include "engine/index_loading.hpp"
#include "rma/rma_number.hpp"

namespace rma {
namespace {

using nlohmann::json;

// FNV-1a, 64 bit: stable across runs and platforms, enough to tell two requests apart.
std::string fingerprint(const std::string& text) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char ch : text) {
    h ^= ch;
    h *= 1099511628211ull;
  }
  static const char* const kHex = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = kHex[h & 0xf];
  return out;
}

// The quantities a patch sets, by line, with their request fields: the ones the quantity bound
// checks after an update.
std::vector<domain::QuantityFields> patched_quantities(const CasePatch& patch) {
  std::vector<domain::QuantityFields> out;
  for (std::size_t i = 0; i < patch.lines.size(); ++i) {
    const LinePatch& lp = patch.lines[i];
    const std::string at = "changes.lines[" + std::to_string(i) + "].";
    domain::QuantityFields fields;
    fields.line_no = lp.line_no;
    if (lp.qty_authorized) fields.authorized = at + "qty_authorized";
    if (lp.qty_received) fields.received = at + "qty_received";
    if (lp.qty_accepted) fields.accepted = at + "qty_accepted";
    if (fields.authorized.empty() && fields.received.empty() && fields.accepted.empty()) continue;
    out.push_back(std::move(fields));
  }
  return out;
}

}  // namespace

Engine::Impl::Impl(Options opts, std::unique_ptr<store::Store> s)
    : options(std::move(opts)), clock(options.clock), store(std::move(s)) {
  options.clock = nullptr;  // the live clock is `clock`, which set_clock may replace
}

void Engine::Impl::load_at_open() {
  // Load the index and the log position in one transaction so no event falls between them.
  store->begin();
  try {
    load_case_index(*store, index);
    load_unit_registry(*store, warranty.loaded_registry());
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
  if (index_stale) {
    warranty.reload();
    for (ConfigDocumentState* d : documents()) d->mark_stale();
    cache.clear();
    index.clear();
    sla.reset();
    applied_seq = store->last_event_seq();
    load_case_index(*store, index);
    store->changed_by_others();
    index_stale = false;
    return;
  }
  if (!store->changed_by_others()) return;
  std::set<std::int64_t> touched;
  bool parties_changed = false;
  for (const store::Store::EventRef& e : store->events_after(applied_seq)) {
    applied_seq = e.seq;
    if (e.case_id == 0) {
      parties_changed = true;
    } else {
      touched.insert(e.case_id);
    }
    const std::optional<events::EventType> type = events::event_type_from_name(e.type);
    if (!type) continue;  // written by a newer librma: nothing this one follows
    warranty.follow(*type);
    for (ConfigDocumentState* d : documents()) d->follow(*type);
  }
  for (std::int64_t id : touched) {
    cache.erase(id);
    if (auto row = store->load_case_row(id)) {
      index.upsert(std::move(*row));
    } else {
      index.erase(id);
    }
  }
  if (parties_changed) operator_roles.clear();
  sla.refresh(std::vector<std::int64_t>(touched.begin(), touched.end()));
}

void Engine::Impl::begin_command() {
  tx_events.clear();
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
  store->commit();
  tx_now.reset();
  tx_touched.clear();
  if (!tx_events.empty()) applied_seq = std::max(applied_seq, tx_events.back().seq);
  std::vector<Event> committed;
  committed.swap(tx_events);
  std::vector<std::int64_t> changed_cases;
  for (const Event& e : committed) {
    if (e.case_id != 0) changed_cases.push_back(e.case_id);
  }
  sla.refresh(changed_cases);
  return committed;
}

void Engine::Impl::abort_command() noexcept {
  store->rollback();
  tx_now.reset();
  tx_events.clear();
  // Roles read during the failed command may come from rows that were rolled back.
  operator_roles.clear();
  // Registry and configuration are reloaded rather than undone piece by piece.
  warranty.abort_command();
  for (ConfigDocumentState* d : documents()) d->abort_command();
  // The index already shows the failed command's cases; put back what the store holds.
  try {
    for (std::int64_t id : tx_touched) {
      cache.erase(id);
      if (auto row = store->load_case_row(id)) {
        index.upsert(std::move(*row));
      } else {
        index.erase(id);
      }
    }
  } catch (...) {
    cache.clear();
    index_stale = true;  // sync() reloads everything before the next answer
  }
  tx_touched.clear();
}

void Engine::Impl::deliver(const std::vector<Event>& events) {
  if (events.empty()) return;
  std::vector<std::shared_ptr<Subscriber>> handlers;
  bool any_claimant = false;
  {
    std::lock_guard<std::mutex> lock(subscribers_mu);
    for (const auto& entry : subscribers) {
      handlers.push_back(entry.second);
      any_claimant = any_claimant || (entry.second->as && !entry.second->as->is_staff());
    }
  }
  // A customer's or supplier's subscription sees only its own cases' events, in its view; who
  // a case belongs to is read once, under the command lock, for the whole delivery.
  std::vector<std::optional<store::CaseRow>> rows(events.size());
  if (any_claimant) {
    std::lock_guard<std::mutex> lock(mu);
    for (std::size_t i = 0; i < events.size(); ++i) {
      if (const store::CaseRow* row = index.find(events[i].case_id)) rows[i] = *row;
    }
  }
  for (std::size_t i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    for (const auto& subscriber : handlers) {
      try {
        if (!subscriber->as || subscriber->as->is_staff()) {
          subscriber->handler(e);
        } else if (rows[i] && related(*subscriber->as, *rows[i])) {
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

// --- authorization -------------------------------------------------------------------------

// An admin: actor must be a registered operator with the admin role (anyone can type
// "admin:x"); with Options::require_registered_staff, so must every operator: actor.
void Engine::Impl::authenticate(const Actor& by) {
  if (by.id.empty()) throw Error(Status::invalid_argument, "actor", "the actor needs an id");
  if (by.role != Role::admin && by.role != Role::operator_) return;
  auto it = operator_roles.find(by.id);
  if (it == operator_roles.end()) {
    std::optional<Role> role;
    if (auto op = store->find_operator(by.id)) role = op->role;
    it = operator_roles.emplace(by.id, role).first;
  }
  const bool must_be_registered = by.role == Role::admin || options.require_registered_staff;
  if (!it->second && must_be_registered) {
    // Not cached as unknown for ever: the operator may be registered a moment later.
    operator_roles.erase(it);
    note_probe(by, "not_registered", 0);
    throw Error(Status::permission_denied, "actor",
                "'" + by.to_string() + "' is not a registered operator with the " + role_name(by.role) + " role",
                "not_registered");
  }
  if (it->second && *it->second != by.role) {
    note_probe(by, "role_mismatch", 0);
    throw Error(Status::permission_denied, "actor",
                "'" + by.id + "' is registered as " + role_name(*it->second) + ", not " + role_name(by.role),
                "role_mismatch");
  }
}

void Engine::Impl::require_admin(const Actor& by, const char* what) {
  authenticate(by);
  if (by.role != Role::admin && by.role != Role::system) {
    throw Error(Status::permission_denied, "actor", std::string("only an admin may ") + what, "admin_only");
  }
}

void Engine::Impl::require_staff(const Actor& by, const char* what) {
  authenticate(by);
  if (!by.is_staff()) {
    note_probe(by, "role_not_allowed", 0);
    throw Error(Status::permission_denied, "actor", std::string(role_name(by.role)) + " may not " + what,
                "role_not_allowed");
  }
}

// A command the role may never run is counted in the actor's security log, whatever case it
// names, exactly as the JSON API refuses a staff-only op before reading its request; only
// refusals of commands the role may run (a transition, an internal note, the decision lock) on
// a case it has a claim on go to that case's history.
void Engine::Impl::require_staff(const Actor& by, const char* what, std::int64_t case_id) {
  authenticate(by);
  if (by.is_staff()) return;
  const store::CaseRow* row = index.find(case_id);
  note_probe(by, "role_not_allowed", row && related(by, *row) ? case_id : 0);
  throw Error(Status::permission_denied, "actor", std::string(role_name(by.role)) + " may not " + what,
              "role_not_allowed");
}

bool Engine::Impl::related(const Actor& by, const store::CaseRow& row) const {
  if (by.is_staff()) return true;
  if (by.role == Role::customer) return row.customer_id == by.id;
  if (by.role == Role::supplier) return row.supplier_id == by.id;
  return false;
}

void Engine::Impl::note_probe(const Actor& by, const char* reason, std::int64_t case_id) {
  pending_probe = Probe{by.to_string(), reason, case_id};
}

void Engine::Impl::note_denial(std::int64_t case_id, const std::string& number, const Actor& by,
                               events::Payload payload) {
  events::stamp_version(payload.data);
  Event e;
  e.case_id = case_id;
  e.case_number = number;
  e.actor = by.to_string();
  e.type = events::event_type_name(payload.type);
  e.data = payload.data.dump();
  pending_denial = std::move(e);
}

void Engine::Impl::deny(const Case& c, const Actor& by, Status status, const std::string& field,
                        const std::string& code, const std::string& message) {
  note_denial(c.id, c.number, by, events::access_denied(code, field, message));
  throw Error(status, field, message, code);
}

std::vector<Event> Engine::Impl::record_denial() noexcept {
  if (!pending_denial && !pending_probe) return {};
  std::optional<Event> denial = std::move(pending_denial);
  std::optional<Probe> probe = std::move(pending_probe);
  pending_denial.reset();
  pending_probe.reset();
  try {
    store->begin();
    sync();  // as every write does: apply others' events first, so applied_seq stays exact
    const Timestamp at = clock ? clock() : system_now();
    std::vector<Event> written;
    if (probe) store->count_refusal(probe->actor, probe->reason, probe->case_id, at);
    if (denial) {
      denial->at = at;
      store->append_event(*denial);
      applied_seq = std::max(applied_seq, denial->seq);
      written.push_back(std::move(*denial));
    }
    store->commit();
    return written;
  } catch (...) {
    // The refusal itself is what the caller must see; failing to log it must not mask it.
    store->rollback();
    return {};
  }
}

Case Engine::Impl::load_for(const Actor& by, std::int64_t case_id, ExpectedVersion expected) {
  authenticate(by);
  const store::CaseRow* row = index.find(case_id);
  // Another party's case answers exactly as a case that does not exist, so a probe learns
  // nothing; either is counted in the prober's security log, never in the case's history.
  if (!row || !related(by, *row)) {
    if (!by.is_staff()) note_probe(by, row ? "not_own_case" : "unknown_case", row ? case_id : 0);
    throw Error(Status::not_found, "case_id", "no case with id " + std::to_string(case_id));
  }
  if (expected && *expected != row->version) {
    throw Error(Status::conflict, "version",
                "the case is at version " + std::to_string(row->version) + ", not " + std::to_string(*expected));
  }
  if (const Case* cached = cache.find(case_id)) return *cached;
  auto c = store->load_case(case_id);
  if (!c) throw Error(Status::not_found, "case_id", "no case with id " + std::to_string(case_id));
  cache.put(*c);
  return std::move(*c);
}

void Engine::Impl::emit(const Case* c, const Actor& by, events::Payload payload) {
  events::stamp_version(payload.data);
  Event e;
  e.case_id = c ? c->id : 0;
  if (c) e.case_number = c->number;
  e.at = now();
  e.actor = by.to_string();
  e.type = events::event_type_name(payload.type);
  e.data = payload.data.dump();
  store->append_event(e);
  tx_events.push_back(std::move(e));
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
  if (!domain::keeps_valuation(c, decides)) {
    if (auto valued = valuation.revalue(c)) valuation.note_change(c, std::move(*valued));
  }
  if (!store->update_case(c, stored, lines_changed)) {
    throw Error(Status::conflict, "version", "the case changed while the command ran");
  }
  index_now(c);
}

void Engine::Impl::index_now(const Case& c) {
  // Later commands of the same batch look cases up in the index, so it changes at once;
  // abort_command() restores it from the store if the transaction rolls back.
  tx_touched.push_back(c.id);
  index.upsert(index::row_of(c));
  cache.put(c);
}

// --- cases -----------------------------------------------------------------------------------

Case Engine::Impl::create_case(const Actor& by, const CaseDraft& draft, const Case* split_source,
                               std::vector<CaseLine> moved_lines) {
  authenticate(by);
  if (by.role == Role::supplier) {
    throw Error(Status::permission_denied, "actor", "a supplier may not open cases", "role_not_allowed");
  }

  // A retry returns what the first call created, whatever changed in between.
  std::string print;
  if (!draft.idempotency_key.empty()) {
    domain::check_text("idempotency_key", draft.idempotency_key, 256);
    CaseDraft keyless = draft;
    keyless.idempotency_key.clear();
    print = fingerprint(codec::case_draft_to_json(keyless));
    if (auto seen = store->find_idempotent_case(draft.idempotency_key)) {
      if (seen->fingerprint != print) {
        throw Error(Status::conflict, "idempotency_key",
                    "'" + draft.idempotency_key + "' was used for a different request");
      }
      return load_for(by, seen->case_id, std::nullopt);
    }
  }

  // The claimed amount drives automatic actions on value: staff set it, a claimant does not.
  for (std::size_t i = 0; i < draft.lines.size(); ++i) {
    if (draft.lines[i].claimed_amount && !by.is_staff()) {
      throw Error(Status::permission_denied, "lines[" + std::to_string(i) + "].claimed_amount",
                  std::string(role_name(by.role)) + " may not set a claimed amount", "role_not_allowed");
    }
  }
  CaseDraft filled = draft;
  // A customer opens cases for itself: its units are told apart from others' by that.
  if (by.role == Role::customer && filled.customer_id.empty()) filled.customer_id = by.id;
  std::vector<bool> sold_to_other;
  if (!split_source) sold_to_other = warranty.fill_from_registry(by, filled);
  if (by.role == Role::customer && filled.customer_id != by.id) {
    throw Error(Status::permission_denied, "customer_id", "a customer may open cases only for itself", "not_own_case");
  }
  domain::validate_draft(filled, options.limits);
  const std::optional<Customer> customer = store->find_customer(filled.customer_id);
  if (!customer) throw Error(Status::not_found, "customer_id", "no customer '" + filled.customer_id + "'");
  if (!filled.supplier_id.empty() && !store->find_supplier(filled.supplier_id)) {
    throw Error(Status::not_found, "supplier_id", "no supplier '" + filled.supplier_id + "'");
  }
  for (std::size_t i = 0; i < filled.lines.size(); ++i) {
    const LineDraft& l = filled.lines[i];
    const Product* product = warranty.registry().product(l.sku);
    if (product && product->serialized) {
      const std::string at = "lines[" + std::to_string(i) + "]";
      if (l.serial.empty()) throw Error(Status::missing_field, at + ".serial", "'" + l.sku + "' is serialized");
      if (l.quantity != 1) {
        throw Error(Status::out_of_range, at + ".quantity", "a serialized unit is returned one per line");
      }
    }
  }

  const Timestamp at = now();
  const std::int32_t year = utc_year(at);
  const std::string number = format_rma_number(options.number_format, year, store->next_sequence(year));
  Case c = domain::new_case(filled, number, at);
  c.status_since = at;
  if (split_source) {
    // The split-off units continue where the original case stands.
    c.split_from = split_source->id;
    c.lines = std::move(moved_lines);
    c.workflow = split_source->workflow;
    c.workflow_version = split_source->workflow_version;
    c.status = split_source->status;
    c.decision_locked = split_source->decision_locked;
  } else {
    for (std::size_t i = 0; i < sold_to_other.size(); ++i) {
      if (!sold_to_other[i]) continue;
      c.lines[i].flags.push_back(domain::kUnitSoldToOtherCustomer);
      c.lines[i].eligibility = codec::to_json_value(domain::other_customer_eligibility()).dump();
    }
    warranty.apply_sale_facts(c);
    for (std::size_t i = 0; i < c.lines.size(); ++i) {
      domain::check_claimed_amount(c, c.lines[i], "lines[" + std::to_string(i) + "].claimed_amount");
    }
    // A split moves units between cases and adds none, so only a new case is bounded here.
    std::vector<domain::QuantityFields> bounded(c.lines.size());
    for (std::size_t i = 0; i < c.lines.size(); ++i) {
      bounded[i].line_no = c.lines[i].line_no;
      bounded[i].requested = "lines[" + std::to_string(i) + "].quantity";
    }
    warranty.check_returnable_units(c, bounded);
    workflow.start(c, customer->tier);
  }
  std::optional<json> valued = valuation.revalue(c);
  store->insert_case(c, filled.idempotency_key, print);
  emit(&c, by, events::case_created(c));
  if (valued) valuation.emit_valued(c, by, std::move(*valued));
  index_now(c);
  workflow.run_automatic_actions(c);
  return c;
}

void Engine::Impl::require_undecided(const Case& c, const Actor& by, const std::string& field, const std::string& what) {
  if (!c.decision_locked) return;
  deny(c, by, Status::permission_denied, field, domain::kDecisionLocked,
       "the case is decided ('" + c.status + "'): " + what + " would change what it was decided on; an admin reopens it first");
}

// --- the commands on one case (engine/case_command.hpp) ----------------------------------------

namespace {
const CaseCommand kUpdateCase{CaseAccess::staff, "change case fields"};
const CaseCommand kAddNote{CaseAccess::related, ""};
const CaseCommand kAddAttachment{CaseAccess::related, ""};
const CaseCommand kAddAction{CaseAccess::staff, "plan actions"};
const CaseCommand kCompleteAction{CaseAccess::staff, "complete actions"};
}  // namespace

Case Engine::Impl::update_case(const Actor& by, std::int64_t id, const CasePatch& patch, ExpectedVersion expected) {
  return run_case_command(by, id, expected, kUpdateCase, [&](Case& c) -> std::optional<CaseChange> {
    if (c.decision_locked) {
      if (auto field = domain::locked_patch_member(c, patch)) require_undecided(c, by, *field, "changing " + *field);
    }
    const bool replaces = std::any_of(patch.lines.begin(), patch.lines.end(),
                                      [](const LinePatch& l) { return l.replacement_serial.has_value(); });
    std::optional<Case> before;
    if (replaces) before = c;
    json changes = domain::apply_patch(c, patch, options.limits);
    if (changes.empty()) return std::nullopt;
    warranty.check_returnable_units(c, patched_quantities(patch));
    CaseChange change{events::case_updated(std::move(changes)), !patch.lines.empty()};
    if (before) {
      change.then = [this, &by, before = std::move(*before)](Case& after) {
        warranty.record_replacements(by, before, after);
      };
    }
    return change;
  });
}

Case Engine::Impl::add_note(const Actor& by, std::int64_t id, const NoteDraft& draft, ExpectedVersion expected) {
  return run_case_command(by, id, expected, kAddNote, [&](Case& c) -> std::optional<CaseChange> {
    if (!by.is_staff() && draft.channel == Visibility::internal) {
      deny(c, by, Status::permission_denied, "channel", "internal_only_staff", "only staff may write internal notes");
    }
    domain::validate_note(draft, options.limits);
    Note n;
    n.channel = draft.channel;
    n.author = by.to_string();
    n.body = draft.body;
    n.created_at = now();
    store->insert_note(c.id, n);
    c.notes.push_back(n);
    return CaseChange{events::note_added(n)};
  });
}

Case Engine::Impl::add_attachment(const Actor& by, std::int64_t id, const AttachmentDraft& draft,
                                  ExpectedVersion expected) {
  return run_case_command(by, id, expected, kAddAttachment, [&](Case& c) -> std::optional<CaseChange> {
    if (!by.is_staff() && draft.visibility == Visibility::internal) {
      deny(c, by, Status::permission_denied, "visibility", "internal_only_staff",
           "only staff may add internal attachments");
    }
    domain::validate_attachment(draft, options.limits);
    Attachment a;
    a.file_name = draft.file_name;
    a.media_type = draft.media_type;
    a.size_bytes = draft.size_bytes;
    a.sha256 = draft.sha256;
    a.uri = draft.uri;
    a.visibility = draft.visibility;
    a.added_by = by.to_string();
    a.created_at = now();
    store->insert_attachment(c.id, a);
    c.attachments.push_back(a);
    return CaseChange{events::attachment_added(a)};
  });
}

Case Engine::Impl::add_action(const Actor& by, std::int64_t id, const ActionDraft& draft, ExpectedVersion expected) {
  return run_case_command(by, id, expected, kAddAction, [&](Case& c) -> std::optional<CaseChange> {
    domain::validate_action(draft, options.limits);
    Action a;
    a.title = draft.title;
    a.assignee = draft.assignee;
    a.due_at = draft.due_at;
    a.created_by = by.to_string();
    a.created_at = now();
    store->insert_action(c.id, a);
    c.actions.push_back(a);
    return CaseChange{events::action_added(a)};
  });
}

Case Engine::Impl::complete_action(const Actor& by, std::int64_t id, std::int64_t action_id,
                                   ExpectedVersion expected) {
  return run_case_command(by, id, expected, kCompleteAction, [&](Case& c) -> std::optional<CaseChange> {
    auto it = std::find_if(c.actions.begin(), c.actions.end(), [&](const Action& a) { return a.id == action_id; });
    if (it == c.actions.end()) {
      throw Error(Status::not_found, "action_id", "the case has no action " + std::to_string(action_id));
    }
    if (it->done_at) {
      throw Error(Status::conflict, "action_id", "action " + std::to_string(action_id) + " is done already");
    }
    it->done_at = now();
    it->done_by = by.to_string();
    store->update_action(c.id, *it);
    return CaseChange{events::action_completed(action_id, *it->done_at, it->title)};
  });
}

SplitResult Engine::Impl::split_case(const Actor& by, std::int64_t id, const SplitRequest& request,
                                     ExpectedVersion expected) {
  require_staff(by, "split cases", id);
  Case original = load_for(by, id, expected);
  require_undecided(original, by, "lines", "moving units to another case");
  const Case before = original;
  std::vector<CaseLine> moved = domain::split_lines(original, request);

  CaseDraft draft;
  draft.kind = original.kind;
  draft.category = original.category;
  draft.channel = original.channel;
  draft.customer_id = original.customer_id;
  draft.supplier_id = original.supplier_id;
  draft.purchased_elsewhere = original.purchased_elsewhere;
  draft.priority = original.priority;
  draft.assignee = original.assignee;
  draft.team = original.team;
  draft.expected_completion = original.expected_completion;
  draft.custom_fields = original.custom_fields;
  for (const CaseLine& l : moved) draft.lines.push_back(domain::line_draft_of(l));
  Case created = create_case(by, draft, &original, moved);

  save(original, true);
  emit_change(original, by, events::case_split(created, before.lines, original.lines));
  return SplitResult{std::move(original), std::move(created)};
}

// The public Engine shows it in the actor's view (answer_views.hpp).
Case Engine::Impl::visible_case(const Actor& by, std::int64_t id) { return load_for(by, id, std::nullopt); }

}  // namespace rma
