// Commands of an admin on a case (reopen, delete) and repair operations.
#include <algorithm>

#include "json/case.hpp"
#include "json/parse.hpp"
#include "json/party.hpp"
#include "json/product.hpp"
#include "json/reader.hpp"
#include "json/sales.hpp"
#include "json/warranty.hpp"
#include "domain/case_rules.hpp"
#include "domain/decision_lock.hpp"
#include "domain/repair_costs.hpp"
#include "engine/case_command.hpp"
#include "engine/engine_impl.hpp"

namespace rma {

using nlohmann::json;

// --- admin: reopen and delete ----------------------------------------------------------------

namespace {
// A reopened case goes back to work by an admin's hand: no automatic action takes it on.
const CaseCommand kReopenCase{CaseAccess::admin, "reopen a case", false};
// A supplier repairing a unit sent to it reports its progress; customers never do.
const CaseCommand kSetRepairStatus{CaseAccess::not_customer, "change repairs"};
const CaseCommand kAddRepair{CaseAccess::staff, "plan repairs"};
}  // namespace

Case Engine::Impl::reopen_case(const Actor& by, std::int64_t id, const std::string& state, const std::string& reason,
                               ExpectedVersion expected) {
  return run_case_command(by, id, expected, kReopenCase, [&](Case& c) -> std::optional<CaseChange> {
    domain::check_text("reason", reason, options.limits.max_text_bytes);
    auto wf = workflow.of(c);
    const WorkflowState* target = wf->state(state);
    if (!target) {
      throw Error(Status::unknown_value, "state", "workflow '" + c.workflow + "' has no state '" + state + "'");
    }
    if (target->final || target->locks_decision) {
      throw Error(Status::invalid_argument, "state",
                  "'" + state + "' is final or decided: a reopened case goes back to a state before the decision");
    }
    const WorkflowState* current = wf->state(c.status);
    if (!c.decision_locked && !(current && current->final)) {
      throw Error(Status::conflict, "case_id",
                  "the case is not decided or closed ('" + c.status + "'): nothing to reopen");
    }
    const Timestamp at = now();
    json changes = {{"status", {{"before", c.status}, {"after", state}}},
                    {"status_since", {{"before", c.status_since.to_iso()}, {"after", at.to_iso()}}}};
    if (c.decision_locked) changes["decision_locked"] = {{"before", true}, {"after", false}};
    c.status = state;
    c.status_since = at;
    c.decision_locked = false;
    return CaseChange{events::case_reopened(reason, std::move(changes))};
  });
}

void Engine::Impl::delete_case(const Actor& by, std::int64_t id, const std::string& reason) {
  Case c = load_for(by, id, std::nullopt);
  if (by.role != Role::admin) {
    deny(c, by, Status::permission_denied, "actor", "admin_only", "only an admin may delete a case");
  }
  domain::check_text("reason", reason, options.limits.max_text_bytes);
  store->delete_case(c.id, now());
  emit(&c, by, events::case_deleted(reason, c.version));
  tx_touched.push_back(c.id);
  cache.erase(c.id);
}

// --- repair operations -----------------------------------------------------------------------

Case Engine::Impl::add_repair(const Actor& by, std::int64_t id, const RepairOperationDraft& draft,
                              ExpectedVersion expected) {
  return run_case_command(by, id, expected, kAddRepair, [&](Case& c) -> std::optional<CaseChange> {
    require_undecided(c, by, "repairs", "a new repair operation");
    domain::validate_repair(draft, c, options.limits);
    RepairOperation r;
    r.line_no = draft.line_no;
    r.code = draft.code;
    r.description = draft.description;
    r.labour_class = draft.labour_class;
    r.minutes = draft.minutes;
    r.parts = draft.parts;
    r.paid = draft.paid;
    r.created_by = r.updated_by = by.to_string();
    r.created_at = r.updated_at = now();
    c.repairs.push_back(std::move(r));
    // Costs the valuation could not add up are refused here rather than nulling the valuation.
    std::optional<ValuationInput> with;
    try {
      with = valuation.input(c);
    } catch (const Error&) {
      // the case cannot be valued with or without the operation: nothing of the repair's to refuse
    }
    if (with && !with->currency.empty()) {
      domain::check_repair_costs(valuation.rules(), *with, with->operations.size() - 1);
    }
    store->insert_repair(c.id, c.repairs.back());
    return CaseChange{events::repair_added(c.repairs.back())};
  });
}

Case Engine::Impl::set_repair_status(const Actor& by, std::int64_t id, std::int64_t repair_id, RepairStatus status,
                                     ExpectedVersion expected) {
  return run_case_command(by, id, expected, kSetRepairStatus, [&](Case& c) -> std::optional<CaseChange> {
    auto it = std::find_if(c.repairs.begin(), c.repairs.end(),
                           [&](const RepairOperation& r) { return r.id == repair_id; });
    if (it == c.repairs.end()) {
      throw Error(Status::not_found, "repair_id", "the case has no repair operation " + std::to_string(repair_id));
    }
    if (it->status == status) return std::nullopt;
    require_undecided(c, by, "status", "changing repair operation " + std::to_string(repair_id));
    if (it->status == RepairStatus::done || it->status == RepairStatus::cancelled) {
      throw Error(Status::conflict, "status",
                  std::string("repair operation ") + std::to_string(repair_id) + " is " +
                      repair_status_name(it->status) + " already");
    }
    it->status = status;
    it->updated_by = by.to_string();
    it->updated_at = now();
    store->update_repair(c.id, *it);
    return CaseChange{events::repair_updated(*it)};
  });
}

}  // namespace rma
