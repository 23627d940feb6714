// Workflow commands: configuring workflows, moving cases between states, the answers a host
// needs for its buttons, an admin's reopen and delete, and the automatic actions.
#include <algorithm>

#include "domain/case_rules.hpp"
#include "domain/decision_lock.hpp"
#include "domain/refund_decision.hpp"
#include "domain/repair_costs.hpp"
#include "domain/valuation_messages.hpp"
#include "engine/engine_impl.hpp"
#include "json/case.hpp"

namespace rma {
namespace {

using nlohmann::json;

const char* const kWorkflowsKey = "workflows";

bool is_decided_category(StateCategory c) { return c == StateCategory::resolved || c == StateCategory::closed; }

// A workflow's definition without its version, to tell whether a configuration changed it.
std::string definition_of(Workflow w) {
  w.version = 0;
  return workflow_to_json(w);
}

// Every guard name a stored configuration uses: it was validated when stored, so host guards
// this engine has not registered (yet) are accepted when reading it back.
std::vector<std::string> guard_names_in(const std::string& text) {
  std::vector<std::string> names;
  const json doc = json::parse(text);
  auto collect = [&](const json& guards) {
    for (const json& g : guards) names.push_back(g.value("guard", ""));
  };
  for (const json& w : doc.value("workflows", json::array())) {
    for (const json& t : w.value("transitions", json::array())) collect(t.value("guards", json::array()));
  }
  for (const json& a : doc.value("automatic_actions", json::array())) collect(a.value("guards", json::array()));
  return names;
}

json guard_results_json(const std::vector<GuardResult>& results) {
  json out = json::array();
  for (const GuardResult& g : results) {
    json item = {{"guard", g.guard}, {"passed", g.passed}};
    if (!g.passed) item["message"] = g.message;
    out.push_back(std::move(item));
  }
  return out;
}

json denials_json(const std::vector<Denial>& denials) {
  json out = json::array();
  for (const Denial& d : denials) out.push_back({{"kind", d.kind}, {"code", d.code}, {"message", d.message}});
  return out;
}

// Whether one of the transition's effects sets the case's resolution.
bool sets_resolution(const domain::CompiledTransition& t) {
  return std::any_of(t.effects.begin(), t.effects.end(), [](const domain::CompiledRule& e) {
    return e.name == "set_field" && e.params.value("field", std::string()) == "resolution";
  });
}

bool role_allowed(const WorkflowTransition& t, Role role) {
  if (role == Role::admin || role == Role::system) return true;
  return std::find(t.roles.begin(), t.roles.end(), role) != t.roles.end();
}

}  // namespace

// --- configuration ---------------------------------------------------------------------------

std::vector<std::string> Engine::Impl::host_guard_names() const {
  std::vector<std::string> names;
  for (const auto& entry : host_guards) names.push_back(entry.first);
  return names;
}

const WorkflowConfig& Engine::Impl::workflow_config() {
  if (!workflows_stale) return workflows;
  if (auto text = store->get_setting(kWorkflowsKey)) {
    workflows = workflow_config_from_json(*text, guard_names_in(*text));
    workflows_stored = true;
  } else {
    workflows = default_workflow_config();
    for (Workflow& w : workflows.workflows) w.version = 1;
    workflows_stored = false;
  }
  workflows_stale = false;
  return workflows;
}

std::shared_ptr<const domain::CompiledWorkflow> Engine::Impl::compiled_workflow(const std::string& id,
                                                                                 std::int32_t version) {
  auto key = std::make_pair(id, version);
  auto it = compiled.find(key);
  if (it != compiled.end()) return it->second;
  std::optional<Workflow> definition;
  for (const Workflow& w : workflow_config().workflows) {
    if (w.id == id && w.version == version) definition = w;
  }
  if (!definition) {
    auto text = store->find_workflow(id, version);
    if (!text) {
      throw Error(Status::not_found, "workflow",
                  "workflow '" + id + "' version " + std::to_string(version) + " is not stored");
    }
    definition = workflow_from_json(*text, guard_names_in(json{{"workflows", {json::parse(*text)}}}.dump()));
    definition->version = version;
  }
  auto made = std::make_shared<const domain::CompiledWorkflow>(std::move(*definition));
  compiled.emplace(key, made);
  return made;
}

// Stores the configuration and every workflow version it names that is not stored yet.
void Engine::Impl::store_workflows(const WorkflowConfig& config) {
  for (const Workflow& w : config.workflows) {
    if (!store->find_workflow(w.id, w.version)) store->put_workflow(w.id, w.version, workflow_to_json(w), now());
  }
  store->put_setting(kWorkflowsKey, workflow_config_to_json(config), now());
  tx_workflows_touched = true;
  workflows = config;
  workflows_stored = true;
}

void Engine::Impl::configure_workflows(const Actor& by, const WorkflowConfig& config) {
  authenticate(by);
  if (by.role != Role::admin && by.role != Role::system) {
    throw Error(Status::permission_denied, "actor", "only an admin may configure workflows", "admin_only");
  }
  validate_workflow_config(config, host_guard_names());
  const WorkflowConfig& current = workflow_config();
  WorkflowConfig next = config;
  std::vector<std::pair<std::string, std::int32_t>> versions;
  for (Workflow& w : next.workflows) {
    // A workflow keeps its version while its definition is unchanged; any change makes the
    // next version, so running cases keep the definition they started with.
    auto old = std::find_if(current.workflows.begin(), current.workflows.end(),
                            [&](const Workflow& o) { return o.id == w.id; });
    if (old != current.workflows.end()) {
      if (definition_of(w) == definition_of(*old)) {
        w.version = old->version;
        versions.emplace_back(w.id, w.version);
        continue;
      }
    }
    std::int32_t version = old != current.workflows.end() ? old->version + 1 : 1;
    while (store->find_workflow(w.id, version)) ++version;  // an id removed once and added again
    w.version = version;
    versions.emplace_back(w.id, w.version);
  }
  store_workflows(next);
  emit(nullptr, by, events::workflows_configured(versions));
}

std::shared_ptr<const domain::CompiledWorkflow> Engine::Impl::workflow_of(Case& c) {
  if (c.workflow.empty()) {
    // A case opened before workflows existed takes today's workflow for its kind; a status that
    // workflow does not know counts as its initial state.
    const Workflow* w = domain::select_workflow(workflow_config(), c);
    if (!w) throw Error(Status::not_found, "workflow", "no workflow applies to this case");
    if (!workflows_stored) store_workflows(workflows);
    c.workflow = w->id;
    c.workflow_version = w->version;
    auto wf = compiled_workflow(c.workflow, c.workflow_version);
    if (!wf->state(c.status)) c.status = wf->definition().initial;
    return wf;
  }
  return compiled_workflow(c.workflow, c.workflow_version);
}

void Engine::Impl::start_workflow(Case& c, const std::string& customer_tier) {
  const WorkflowConfig& config = workflow_config();
  const Workflow* w = domain::select_workflow(config, c);
  if (!w) {
    throw Error(Status::invalid_argument, "kind",
                std::string("no workflow applies to ") + case_kind_name(c.kind) + " cases on channel " +
                    channel_name(c.channel));
  }
  // The first case fixes the default definitions as version 1 of each workflow.
  if (!workflows_stored) store_workflows(config);
  c.workflow = w->id;
  c.workflow_version = w->version;
  c.status = w->initial;
  const WorkflowState* initial = compiled_workflow(w->id, w->version)->state(w->initial);
  c.decision_locked = initial && initial->locks_decision;
  if (const AssignmentRule* rule = domain::select_assignment(config, c, customer_tier)) {
    if (c.assignee.empty()) c.assignee = rule->assignee;
    if (c.team.empty()) c.team = rule->team;
  }
}

// --- transitions -----------------------------------------------------------------------------

GuardResult Engine::Impl::run_guard(const domain::CompiledRule& guard, const Case& c, const std::string& transition,
                                    const Actor& by) {
  if (domain::is_builtin_guard(guard.name)) return domain::evaluate_builtin_guard(guard, c);
  auto host = std::find_if(host_guards.begin(), host_guards.end(), [&](const auto& g) { return g.first == guard.name; });
  if (host == host_guards.end()) {
    return GuardResult{guard.name, false, "the host guard '" + guard.name + "' is not registered in this engine"};
  }
  const std::string params = guard.params.dump();
  try {
    GuardOutcome outcome = host->second(GuardInput{c, transition, by, params});
    return GuardResult{guard.name, outcome.passed, outcome.passed ? std::string() : outcome.message};
  } catch (const Error& e) {
    return GuardResult{guard.name, false, e.what()};
  } catch (const std::exception& e) {
    return GuardResult{guard.name, false, std::string("the guard failed: ") + e.what()};
  }
}

Engine::Impl::Evaluation Engine::Impl::evaluate(const Case& c, const domain::CompiledWorkflow& wf,
                                                const domain::CompiledTransition& t, const Actor& by,
                                                const std::vector<domain::CompiledRule>& extra_guards) {
  Evaluation ev;
  const WorkflowTransition& def = *t.definition;
  const WorkflowState* target = wf.state(def.to);
  if (!role_allowed(def, by.role)) {
    ev.denials.push_back({"permission", "role_not_allowed",
                          std::string("a ") + role_name(by.role) + " may not run '" + def.name + "'"});
  }
  // A decided case may only be closed by others than an admin: any other move (back to work, or
  // to another decided state) or an effect setting the resolution would change the decision.
  if (c.decision_locked && by.role != Role::admin && target &&
      (target->category != StateCategory::closed || sets_resolution(t))) {
    ev.denials.push_back({"permission", "decision_locked",
                          "the case is decided: only an admin may take it to '" + def.to + "'"});
  }
  if (std::find(def.from.begin(), def.from.end(), c.status) == def.from.end()) {
    ev.denials.push_back({"state", "not_in_state", "'" + def.name + "' does not start from '" + c.status + "'"});
  }
  auto check = [&](const domain::CompiledRule& g) {
    GuardResult r = run_guard(g, c, def.name, by);
    if (!r.passed) ev.denials.push_back({"guard", r.guard, r.message});
    ev.guards.push_back(std::move(r));
  };
  for (const domain::CompiledRule& g : t.guards) check(g);
  for (const domain::CompiledRule& g : extra_guards) check(g);
  // A decision that credits the claimant needs something to credit (refund_decision.hpp).
  if (target && target->locks_decision) {
    const Resolution r = domain::resolution_after(t, c);
    if (domain::credits_claimant(r)) {
      Case decided = c;
      decided.resolution = r;
      if (auto why = domain::nothing_to_refund(decided, decision_valuation(c, r))) {
        ev.denials.push_back({"guard", domain::kNothingToRefund, *why});
      }
    }
  }
  for (const Denial& d : ev.denials) {
    if (d.kind == "permission") {
      ev.status = Status::permission_denied;
      break;
    }
    ev.status = Status::transition_denied;
  }
  return ev;
}

void Engine::Impl::perform_transition(Case& c, const domain::CompiledWorkflow& wf,
                                      const domain::CompiledTransition& t, const Actor& by, const Evaluation& ev) {
  const WorkflowTransition& def = *t.definition;
  const WorkflowState& target = *wf.state(def.to);
  const std::string from = c.status;
  const bool was_locked = c.decision_locked;
  json changes = json::object();
  auto set = [&](const char* field, json before, json after) {
    if (before != after) changes[field] = {{"before", std::move(before)}, {"after", std::move(after)}};
  };
  const Timestamp at = now();
  set("status", c.status, def.to);
  set("status_since", c.status_since.to_iso(), at.to_iso());
  // The lock is sticky: moving on to closed keeps it; only an admin's move back opens it.
  const bool locked = is_decided_category(target.category) ? (c.decision_locked || target.locks_decision)
                                                           : target.locks_decision;
  set("decision_locked", c.decision_locked, locked);
  c.status = def.to;
  c.status_since = at;
  c.decision_locked = locked;

  json effects = json::array();
  json sla = json::array();
  std::vector<const domain::CompiledRule*> notices;
  std::vector<const domain::CompiledRule*> messages;
  for (const domain::CompiledRule& e : t.effects) {
    json item = e.params;
    item["effect"] = e.name;
    effects.push_back(std::move(item));
    if (e.name == "sla_start" || e.name == "sla_pause" || e.name == "sla_stop") {
      sla.push_back({{"clock", e.params.at("clock")}, {"action", e.name.substr(4)}});
    } else if (e.name == "notify") {
      notices.push_back(&e);
    } else if (e.name == "outbox") {
      messages.push_back(&e);
    } else {
      // Business days are the days the case's SLA calendar opens.
      const BusinessCalendar* calendar = nullptr;
      if (e.name == "set_expected_completion" && e.params.value("business_days", true)) {
        const SlaConfig& config = sla_config();
        const std::string& name = select_policy(config, sla_facts(c)).calendar;
        for (const SlaCalendar& cal : config.calendars) {
          if (cal.name == name) calendar = &cal.calendar;
        }
      }
      domain::apply_case_effect(e, c, today(), options.limits, changes, calendar);
    }
  }
  // The decision is valued now: on the way into a locking state, or when it sets another
  // resolution; otherwise a decided case keeps its valuation.
  save(c, false, !was_locked || changes.contains("resolution"));
  emit_change(c, by,
              events::case_transitioned({def.name, from, def.to, c.workflow, c.workflow_version,
                                         guard_results_json(ev.guards), std::move(effects), std::move(sla),
                                         std::move(changes)}));
  for (const domain::CompiledRule* n : notices) {
    const json to = n->params.value("to", json::array({"customer"}));
    emit(&c, by,
         events::notification_requested(n->params.at("template"), domain::notification_recipients(to, c), def.name,
                                        c.status));
  }
  std::vector<std::string> queued;
  const json valuation = c.valuation.empty() ? json(nullptr) : json::parse(c.valuation);
  for (const domain::CompiledRule* m : messages) {
    const std::string topic = m->params.at("topic").get<std::string>();
    // A valuation message with nothing in it (a credit of 0.00, an empty debit note) is never sent.
    if (domain::is_valuation_topic(topic) && !domain::carries_value(topic, c, valuation)) continue;
    OutboxMessage msg;
    msg.case_id = c.id;
    msg.topic = topic;
    msg.payload = outbox_message_payload(msg.topic, c).dump();
    msg.created_at = now();
    store->append_message(msg);
    emit(&c, by, events::outbox_posted(msg.seq, msg.topic));
    queued.push_back(msg.topic);
  }
  // A decision sends the ERP what its resolution and valuation call for (docs/valuation.md).
  if (target.locks_decision && !was_locked) queue_decision_messages(c, by, queued);
}

Case Engine::Impl::transition_case(const Actor& by, std::int64_t id, const std::string& name,
                                   ExpectedVersion expected) {
  Case c = load_for(by, id, expected);
  auto wf = workflow_of(c);
  const domain::CompiledTransition* t = wf->transition(name);
  if (!t) {
    throw Error(Status::unknown_value, "transition",
                "workflow '" + c.workflow + "' has no transition '" + name + "'");
  }
  Evaluation ev = evaluate(c, *wf, *t, by);
  if (ev.status != Status::ok) {
    const Denial& first = ev.denials.front();
    note_denial(c.id, c.number, by,
                events::transition_refused(ev.status == Status::permission_denied, name, c.status, first.code,
                                           denials_json(ev.denials), guard_results_json(ev.guards)));
    throw Error(ev.status, "transition", "'" + name + "' refused: " + first.message, first.code);
  }
  perform_transition(c, *wf, *t, by, ev);
  run_automatic_actions(c);
  return c;
}

std::vector<TransitionOption> Engine::Impl::available_transitions(const Actor& by, std::int64_t id) {
  Case c = load_for(by, id, std::nullopt);
  auto wf = workflow_of(c);
  std::vector<TransitionOption> out;
  for (const domain::CompiledTransition& t : wf->transitions()) {
    const WorkflowTransition& def = *t.definition;
    if (std::find(def.from.begin(), def.from.end(), c.status) == def.from.end()) continue;
    Evaluation ev = evaluate(c, *wf, t, by);
    out.push_back(TransitionOption{def.name, def.label, def.to, ev.denials.empty(), std::move(ev.denials)});
  }
  return out;
}

void Engine::Impl::run_automatic_actions(Case& c) {
  const WorkflowConfig& config = workflow_config();
  if (config.automatic_actions.empty() || automatic_depth > 0) return;
  // A chain of automatic transitions stops after a bound, so two actions that undo each other
  // cannot loop forever.
  automatic_depth = 1;
  struct Reset {
    int& depth;
    ~Reset() { depth = 0; }
  } reset{automatic_depth};
  std::string tier;
  if (auto customer = store->find_customer(c.customer_id)) tier = customer->tier;
  for (int step = 0; step < 16; ++step) {
    bool moved = false;
    auto wf = workflow_of(c);
    for (const AutomaticAction& action : config.automatic_actions) {
      if (!domain::case_matches(action.when, c, tier)) continue;
      if (!action.states.empty() &&
          std::find(action.states.begin(), action.states.end(), c.status) == action.states.end()) {
        continue;
      }
      const domain::CompiledTransition* t = wf->transition(action.transition);
      if (!t) continue;
      std::vector<domain::CompiledRule> extra;
      for (const WorkflowRule& g : action.guards) extra.push_back({g.name, json::parse(g.params)});
      const Actor system{Role::system, "auto:" + action.name};
      Evaluation ev = evaluate(c, *wf, *t, system, extra);
      if (ev.status != Status::ok) continue;
      perform_transition(c, *wf, *t, system, ev);
      moved = true;
      break;
    }
    if (!moved) return;
  }
}

// --- admin: reopen and delete ----------------------------------------------------------------

Case Engine::Impl::reopen_case(const Actor& by, std::int64_t id, const std::string& state, const std::string& reason,
                               ExpectedVersion expected) {
  Case c = load_for(by, id, expected);
  if (by.role != Role::admin) {
    deny(c, by, Status::permission_denied, "actor", "admin_only", "only an admin may reopen a case");
  }
  domain::check_text("reason", reason, options.limits.max_text_bytes);
  auto wf = workflow_of(c);
  const WorkflowState* target = wf->state(state);
  if (!target) throw Error(Status::unknown_value, "state", "workflow '" + c.workflow + "' has no state '" + state + "'");
  if (target->final || target->locks_decision) {
    throw Error(Status::invalid_argument, "state",
                "'" + state + "' is final or decided: a reopened case goes back to a state before the decision");
  }
  const WorkflowState* current = wf->state(c.status);
  if (!c.decision_locked && !(current && current->final)) {
    throw Error(Status::conflict, "case_id", "the case is not decided or closed ('" + c.status + "'): nothing to reopen");
  }
  const Timestamp at = now();
  json changes = {{"status", {{"before", c.status}, {"after", state}}},
                  {"status_since", {{"before", c.status_since.to_iso()}, {"after", at.to_iso()}}}};
  if (c.decision_locked) changes["decision_locked"] = {{"before", true}, {"after", false}};
  c.status = state;
  c.status_since = at;
  c.decision_locked = false;
  save(c, false);
  emit_change(c, by, events::case_reopened(reason, std::move(changes)));
  return c;
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
  index.erase(c.id);
  cache.erase(c.id);
}

// --- repair operations -----------------------------------------------------------------------

Case Engine::Impl::add_repair(const Actor& by, std::int64_t id, const RepairOperationDraft& draft,
                              ExpectedVersion expected) {
  require_staff(by, "plan repairs", id);
  Case c = load_for(by, id, expected);
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
    with = valuation_input(c);
  } catch (const Error&) {
    // the case cannot be valued with or without the operation: nothing of the repair's to refuse
  }
  if (with && !with->currency.empty()) {
    domain::check_repair_costs(valuation_rules(), *with, with->operations.size() - 1);
  }
  store->insert_repair(c.id, c.repairs.back());
  save(c, false);
  emit_change(c, by, events::repair_added(c.repairs.back()));
  run_automatic_actions(c);
  return c;
}

Case Engine::Impl::set_repair_status(const Actor& by, std::int64_t id, std::int64_t repair_id, RepairStatus status,
                                     ExpectedVersion expected) {
  Case c = load_for(by, id, expected);
  // A supplier repairing a unit sent to it reports its progress; customers never do.
  if (by.role == Role::customer) {
    deny(c, by, Status::permission_denied, "actor", "role_not_allowed", "a customer may not change repairs");
  }
  auto it = std::find_if(c.repairs.begin(), c.repairs.end(), [&](const RepairOperation& r) { return r.id == repair_id; });
  if (it == c.repairs.end()) {
    throw Error(Status::not_found, "repair_id", "the case has no repair operation " + std::to_string(repair_id));
  }
  if (it->status == status) return c;
  require_undecided(c, by, "status", "changing repair operation " + std::to_string(repair_id));
  if (it->status == RepairStatus::done || it->status == RepairStatus::cancelled) {
    throw Error(Status::conflict, "status",
                std::string("repair operation ") + std::to_string(repair_id) + " is " + repair_status_name(it->status) +
                    " already");
  }
  it->status = status;
  it->updated_by = by.to_string();
  it->updated_at = now();
  store->update_repair(c.id, *it);
  save(c, false);
  emit_change(c, by, events::repair_updated(*it));
  run_automatic_actions(c);
  return c;
}

}  // namespace rma
