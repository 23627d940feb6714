// engine/case_command.hpp — the frame of a command that changes one case.
//
// Every such command is the same walk: authorize the actor, load the case (checking the version
// the caller expects), apply the command's own rule, save the case (version + 1, valuation
// recomputed), record the change as an event, then run the configured automatic actions.
// A command hands the frame only what differs: who may run it (CaseCommand), and its rule, which
// changes the case and says what changed (CaseChange: the event that records it, made by its
// encoder in events/payloads.hpp).
// Commit, index and subscribers stay in the write frame of engine.cpp around it.
//
//   return run_case_command(by, id, expected, kAddAction, [&](Case& c) -> std::optional<CaseChange> {
//     ... change c ...
//     return CaseChange{events::action_added(a)};
//   });
#pragma once

#include <functional>
#include <optional>
#include <utility>

#include "engine/engine_impl.hpp"
#include "events/payloads.hpp"

namespace rma {

// Who may run a case command. Claimants reach every case command only on their own cases
// (load_for); beyond that:
enum class CaseAccess {
  related,       // anyone with a claim on the case
  staff,         // staff only: refused before the case is read (require_staff)
  admin,         // an admin only: refused once the case is read, in its history (deny)
  not_customer,  // staff and the case's supplier: a customer is refused in the case's history
};

struct CaseCommand {
  CaseAccess access = CaseAccess::related;
  const char* what = "";  // the refusal's words: "<role> may not <what>", "only an admin may <what>"
  bool automatic_actions = true;  // whether the configured automatic actions follow
};

// What a command's rule changed: the event that records it (the frame adds the case's new
// version).
struct CaseChange {
  explicit CaseChange(events::Payload recorded, bool lines = false)
      : event(std::move(recorded)), lines_changed(lines) {}

  events::Payload event;
  bool lines_changed = false;  // the case's lines are written again (Store::update_case)
  // Runs after the change is recorded and before the automatic actions: events that follow
  // from the change (a replaced unit) come after the case's own.
  std::function<void(Case&)> then;
};

template <class Rule>
Case Engine::Impl::run_case_command(const Actor& by, std::int64_t id, ExpectedVersion expected,
                                    const CaseCommand& command, Rule&& rule) {
  if (command.access == CaseAccess::staff) require_staff(by, command.what, id);
  Case c = load_for(by, id, expected);
  if (command.access == CaseAccess::admin && by.role != Role::admin) {
    deny(c, by, Status::permission_denied, "actor", "admin_only", std::string("only an admin may ") + command.what);
  }
  if (command.access == CaseAccess::not_customer && by.role == Role::customer) {
    deny(c, by, Status::permission_denied, "actor", "role_not_allowed", std::string("a customer may not ") + command.what);
  }
  std::optional<CaseChange> change = rule(c);
  if (!change) return c;  // nothing to record: the version stays
  save(c, change->lines_changed);
  emit_change(c, by, std::move(change->event));
  if (change->then) change->then(c);
  if (command.automatic_actions) workflow.run_automatic_actions(c);
  return c;
}

}  // namespace rma
