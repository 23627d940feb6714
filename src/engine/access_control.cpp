// Who may do what: registered staff, the claimant's own cases, and the security log that counts
// refused probes. A refusal is recorded after the command rolls back (record_denial), so the
// caller sees the refusal and history keeps it.
#include "engine/engine_impl.hpp"

#include <algorithm>

namespace rma {

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
  const std::optional<store::CaseRow> row = case_row(case_id);
  note_probe(by, "role_not_allowed", row && related(by, row->customer_id, row->supplier_id) ? case_id : 0);
  throw Error(Status::permission_denied, "actor", std::string(role_name(by.role)) + " may not " + what,
              "role_not_allowed");
}

bool Engine::Impl::related(const Actor& by, const std::string& customer_id, const std::string& supplier_id) const {
  if (by.is_staff()) return true;
  if (by.role == Role::customer) return customer_id == by.id;
  if (by.role == Role::supplier) return supplier_id == by.id;
  return false;
}

void Engine::Impl::note_probe(const Actor& by, const char* reason, std::int64_t case_id) {
  pending_probe = Probe{by.to_string(), reason, case_id};
}

void Engine::Impl::note_denial(std::int64_t case_id, const std::string& number, const Actor& by,
                               events::Payload payload) {
  events::stamp_version(payload.data, payload.version);
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


}  // namespace rma
