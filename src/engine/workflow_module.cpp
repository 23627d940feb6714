#include "engine/workflow_module.hpp"

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
#include "domain/refund_decision.hpp"
#include "domain/valuation_messages.hpp"
#include "engine/engine_impl.hpp"

namespace rma {
namespace {

using nlohmann::json;

bool is_decided_category(StateCategory c) { return c == StateCategory::resolved || c == StateCategory::closed; }

// A workflow's definition without its version, to tell whether a configuration changed it.
std::string definition_of(Workflow w) {
  w.version = 0;
  return workflow_to_json(w);
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

std::vector<std::string> WorkflowModule::host_guard_names() const {
  std::vector<std::string> names;
  for (const auto& entry : host_guards) names.push_back(entry.first);
  return names;
}

const WorkflowConfig& WorkflowModule::config() { return document.get(*e_.store); }

std::vector<std::string> WorkflowModule::closed_statuses() {
  std::set<std::string> closed;
  for (const Workflow& w : config().workflows) {
    for (const WorkflowState& state : w.states) {
      if (state.category == StateCategory::closed) closed.insert(state.name);
    }
  }
  return std::vector<std::string>(closed.begin(), closed.end());
}

std::shared_ptr<const domain::CompiledWorkflow> WorkflowModule::compiled(const std::string& id,
                                                                                 std::int32_t version) {
  auto key = std::make_pair(id, version);
  auto it = compiled_.find(key);
  if (it != compiled_.end()) return it->second;
  std::optional<Workflow> definition;
  for (const Workflow& w : config().workflows) {
    if (w.id == id && w.version == version) definition = w;
  }
  if (!definition) {
    auto text = e_.store->find_workflow(id, version);
    if (!text) {
      throw Error(Status::not_found, "workflow",
                  "workflow '" + id + "' version " + std::to_string(version) + " is not stored");
    }
    definition = workflow_from_json(*text, guard_names_in(json{{"workflows", {json::parse(*text)}}}.dump()));
    definition->version = version;
  }
  auto made = std::make_shared<const domain::CompiledWorkflow>(std::move(*definition));
  compiled_.emplace(key, made);
  return made;
}

// Stores every workflow version the configuration names that is not stored yet.
void WorkflowModule::store_versions(const WorkflowConfig& config) {
  for (const Workflow& w : config.workflows) {
    if (!e_.store->find_workflow(w.id, w.version)) e_.store->put_workflow(w.id, w.version, workflow_to_json(w), e_.now());
  }
}

// The first case fixes the default definitions as version 1 of each workflow.
void WorkflowModule::store_defaults() {
  const WorkflowConfig& current = this->config();
  if (document.stored()) return;
  store_versions(current);
  document.store_current(*e_.store, workflow_config_to_json(current), e_.now());
}

void WorkflowModule::configure(const Actor& by, const WorkflowConfig& config) {
  e_.require_admin(by, "configure workflows");
  validate_workflow_config(config, host_guard_names());
  const WorkflowConfig& current = this->config();
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
    while (e_.store->find_workflow(w.id, version)) ++version;  // an id removed once and added again
    w.version = version;
    versions.emplace_back(w.id, w.version);
  }
  store_versions(next);
  const std::string text = workflow_config_to_json(next);
  e_.configure_document(by, document, text, std::move(next), events::workflows_configured(versions));
}

std::shared_ptr<const domain::CompiledWorkflow> WorkflowModule::of(Case& c) {
  if (c.workflow.empty()) {
    // A case opened before workflows existed takes today's workflow for its kind; a status that
    // workflow does not know counts as its initial state.
    const Workflow* w = domain::select_workflow(config(), c);
    if (!w) throw Error(Status::not_found, "workflow", "no workflow applies to this case");
    store_defaults();
    c.workflow = w->id;
    c.workflow_version = w->version;
    auto wf = compiled(c.workflow, c.workflow_version);
    if (!wf->state(c.status)) c.status = wf->definition().initial;
    return wf;
  }
  return compiled(c.workflow, c.workflow_version);
}

void WorkflowModule::start(Case& c, const std::string& customer_tier) {
  const WorkflowConfig& config = this->config();
  const Workflow* w = domain::select_workflow(config, c);
  if (!w) {
    throw Error(Status::invalid_argument, "kind",
                std::string("no workflow applies to ") + case_kind_name(c.kind) + " cases on channel " +
                    channel_name(c.channel));
  }
  store_defaults();
  c.workflow = w->id;
  c.workflow_version = w->version;
  c.status = w->initial;
  const WorkflowState* initial = compiled(w->id, w->version)->state(w->initial);
  c.decision_locked = initial && initial->locks_decision;
  if (const AssignmentRule* rule = domain::select_assignment(config, c, customer_tier)) {
    if (c.assignee.empty()) c.assignee = rule->assignee;
    if (c.team.empty()) c.team = rule->team;
  }
}

// --- transitions -----------------------------------------------------------------------------

GuardResult WorkflowModule::run_guard(const domain::CompiledRule& guard, const Case& c, const std::string& transition,
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

WorkflowModule::Evaluation WorkflowModule::evaluate(const Case& c, const domain::CompiledWorkflow& wf,
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
      if (auto why = domain::nothing_to_refund(decided, e_.valuation.decision_valuation(c, r))) {
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

void WorkflowModule::perform(Case& c, const domain::CompiledWorkflow& wf,
                                      const domain::CompiledTransition& t, const Actor& by, const Evaluation& ev) {
  const WorkflowTransition& def = *t.definition;
  const WorkflowState& target = *wf.state(def.to);
  const std::string from = c.status;
  const bool was_locked = c.decision_locked;
  json changes = json::object();
  auto set = [&](const char* field, json before, json after) {
    if (before != after) changes[field] = {{"before", std::move(before)}, {"after", std::move(after)}};
  };
  const Timestamp at = e_.now();
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
        const SlaConfig& config = e_.sla.config();
        const std::string& name = select_policy(config, e_.sla.facts(c)).calendar;
        for (const SlaCalendar& cal : config.calendars) {
          if (cal.name == name) calendar = &cal.calendar;
        }
      }
      domain::apply_case_effect(e, c, e_.warranty.today(), e_.options.limits, changes, calendar);
    }
  }
  // The decision is valued now: on the way into a locking state, or when it sets another
  // resolution; otherwise a decided case keeps its valuation.
  e_.save(c, false, !was_locked || changes.contains("resolution"));
  e_.emit_change(c, by,
                 events::case_transitioned({def.name, from, def.to, c.workflow, c.workflow_version,
                                            guard_results_json(ev.guards), std::move(effects), std::move(sla),
                                            std::move(changes)}));
  for (const domain::CompiledRule* n : notices) {
    const json to = n->params.value("to", json::array({"customer"}));
    e_.emit(&c, by,
            events::notification_requested(n->params.at("template"), domain::notification_recipients(to, c),
                                           def.name, c.status));
  }
  std::vector<std::string> queued;
  const json valuation = c.valuation.empty() ? json(nullptr) : json::parse(c.valuation);
  for (const domain::CompiledRule* m : messages) {
    const std::string topic = m->params.at("topic").get<std::string>();
    // A valuation message with nothing in it (a credit of 0.00, an empty debit note) is never sent.
    if (domain::is_valuation_topic(topic) && !domain::carries_value(topic, c, valuation)) continue;
    e_.outbox.queue(c, by, topic, e_.valuation.outbox_payload(topic, c).dump());
    queued.push_back(topic);
  }
  // A decision sends the ERP what its resolution and valuation call for (docs/valuation.md).
  if (target.locks_decision && !was_locked) e_.valuation.queue_decision_messages(c, by, queued);
}

Case WorkflowModule::transition(const Actor& by, std::int64_t id, const std::string& name,
                                   ExpectedVersion expected) {
  Case c = e_.load_for(by, id, expected);
  auto wf = of(c);
  const domain::CompiledTransition* t = wf->transition(name);
  if (!t) {
    throw Error(Status::unknown_value, "transition",
                "workflow '" + c.workflow + "' has no transition '" + name + "'");
  }
  Evaluation ev = evaluate(c, *wf, *t, by);
  if (ev.status != Status::ok) {
    const Denial& first = ev.denials.front();
    e_.note_denial(c.id, c.number, by,
                   events::transition_refused(ev.status == Status::permission_denied, name, c.status, first.code,
                                              denials_json(ev.denials), guard_results_json(ev.guards)));
    throw Error(ev.status, "transition", "'" + name + "' refused: " + first.message, first.code);
  }
  perform(c, *wf, *t, by, ev);
  run_automatic_actions(c);
  return c;
}

std::vector<TransitionOption> WorkflowModule::available_transitions(const Actor& by, std::int64_t id,
                                                                   const std::string& lang) {
  Case c = e_.load_for(by, id, std::nullopt);
  auto wf = of(c);
  std::vector<TransitionOption> out;
  for (const domain::CompiledTransition& t : wf->transitions()) {
    const WorkflowTransition& def = *t.definition;
    if (std::find(def.from.begin(), def.from.end(), c.status) == def.from.end()) continue;
    Evaluation ev = evaluate(c, *wf, t, by);
    std::string label = lang.empty() ? def.label : transition_label(e_.languages.catalogs(), wf->definition(), def, lang);
    out.push_back(TransitionOption{def.name, std::move(label), def.to, ev.denials.empty(), std::move(ev.denials)});
  }
  return out;
}

std::string WorkflowModule::status_label(const Case& c, const std::string& lang) {
  Case copy = c;
  auto wf = of(copy);
  const WorkflowState* state = wf->state(c.status);
  return state ? rma::state_label(e_.languages.catalogs(), wf->definition(), *state, lang) : c.status;
}

void WorkflowModule::run_automatic_actions(Case& c) {
  const WorkflowConfig& config = this->config();
  if (config.automatic_actions.empty() || automatic_depth_ > 0) return;
  // A chain of automatic transitions stops after a bound, so two actions that undo each other
  // cannot loop forever.
  automatic_depth_ = 1;
  struct Reset {
    int& depth;
    ~Reset() { depth = 0; }
  } reset{automatic_depth_};
  std::string tier;
  if (auto customer = e_.store->find_customer(c.customer_id)) tier = customer->tier;
  for (int step = 0; step < 16; ++step) {
    bool moved = false;
    auto wf = of(c);
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
      perform(c, *wf, *t, system, ev);
      moved = true;
      break;
    }
    if (!moved) return;
  }
}

}  // namespace rma
