// The workflow configuration document: names, reading, writing, every validation rule with its
// status and JSON path, every limit on both sides, and the shipped defaults (and their drawing in
// docs/workflows.md).
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "rma/error.hpp"
#include "rma/workflow.hpp"

using nlohmann::json;
using rma::Error;
using rma::Status;
using rma::WorkflowConfig;

namespace {

struct Failure {
  Status status = Status::ok;
  std::string field;
  std::string what;
};

Failure failure(const std::string& text, const std::vector<std::string>& host_guards = {}) {
  try {
    rma::workflow_config_from_json(text, host_guards);
  } catch (const Error& e) {
    return Failure{e.status(), e.field(), e.what()};
  }
  return Failure{};
}

Failure failure(const json& document, const std::vector<std::string>& host_guards = {}) {
  return failure(document.dump(), host_guards);
}

Failure invalid(const WorkflowConfig& config) {
  try {
    rma::validate_workflow_config(config);
  } catch (const Error& e) {
    return Failure{e.status(), e.field(), e.what()};
  }
  return Failure{};
}

bool mentions(const Failure& f, const std::string& text) { return f.what.find(text) != std::string::npos; }

const rma::WorkflowState* find_state(const rma::Workflow& w, const std::string& name) {
  for (const rma::WorkflowState& s : w.states)
    if (s.name == name) return &s;
  return nullptr;
}

const rma::WorkflowTransition* find_transition(const rma::Workflow& w, const std::string& name) {
  for (const rma::WorkflowTransition& t : w.transitions)
    if (t.name == name) return &t;
  return nullptr;
}

template <class T>
bool contains(const std::vector<T>& list, const T& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// One workflow for every case: a -go-> b (final).
json minimal() {
  return json::parse(R"({"workflows": [{"id": "any", "initial": "a",
    "states": [{"name": "a", "category": "new"}, {"name": "b", "category": "closed", "final": true}],
    "transitions": [{"name": "go", "from": ["a"], "to": "b", "roles": ["operator"]}]}]})");
}

json with_guard(const json& guard) {
  json c = minimal();
  c["workflows"][0]["transitions"][0]["guards"] = json::array({guard});
  return c;
}

json with_effect(const json& effect) {
  json c = minimal();
  c["workflows"][0]["transitions"][0]["effects"] = json::array({effect});
  return c;
}

const std::string kGuard = "workflows[0].transitions[0].guards[0]";
const std::string kEffect = "workflows[0].transitions[0].effects[0]";

json state(const std::string& name, const std::string& category = "open", bool final = false) {
  return {{"name", name}, {"category", category}, {"final", final}};
}

json transition(const std::string& name, const std::vector<std::string>& from, const std::string& to) {
  return {{"name", name}, {"from", from}, {"to", to}};
}

// The shipped definitions with an automatic action of the documented kind added.
json with_automatic_action(const json& action) {
  json c = json::parse(rma::workflow_config_to_json(rma::default_workflow_config()));
  c["automatic_actions"] = json::array({action});
  return c;
}

// ---- Field-by-field equality, so a member that is not written or not read shows up ----

bool same(const rma::WorkflowRule& a, const rma::WorkflowRule& b) { return a.name == b.name && a.params == b.params; }
bool same(const rma::WorkflowState& a, const rma::WorkflowState& b);
bool same(const rma::WorkflowTransition& a, const rma::WorkflowTransition& b);
bool same(const rma::Workflow& a, const rma::Workflow& b);
bool same(const rma::AssignmentRule& a, const rma::AssignmentRule& b);
bool same(const rma::AutomaticAction& a, const rma::AutomaticAction& b);

template <class T>
bool same(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!same(a[i], b[i])) return false;
  return true;
}

bool same(const rma::CaseMatch& a, const rma::CaseMatch& b) {
  return a.kinds == b.kinds && a.channels == b.channels && a.categories == b.categories &&
         a.customer_tiers == b.customer_tiers;
}

bool same(const rma::WorkflowState& a, const rma::WorkflowState& b) {
  return a.name == b.name && a.label == b.label && a.category == b.category && a.final == b.final && a.sla == b.sla &&
         a.locks_decision == b.locks_decision;
}

bool same(const rma::WorkflowTransition& a, const rma::WorkflowTransition& b) {
  return a.name == b.name && a.label == b.label && a.from == b.from && a.to == b.to && a.roles == b.roles &&
         same(a.guards, b.guards) && same(a.effects, b.effects);
}

bool same(const rma::Workflow& a, const rma::Workflow& b) {
  return a.id == b.id && a.version == b.version && a.name == b.name && same(a.applies_to, b.applies_to) &&
         a.initial == b.initial && same(a.states, b.states) && same(a.transitions, b.transitions);
}

bool same(const rma::AssignmentRule& a, const rma::AssignmentRule& b) {
  return same(a.when, b.when) && a.assignee == b.assignee && a.team == b.team;
}

bool same(const rma::AutomaticAction& a, const rma::AutomaticAction& b) {
  return a.name == b.name && same(a.when, b.when) && a.states == b.states && a.transition == b.transition &&
         same(a.guards, b.guards);
}

bool same(const WorkflowConfig& a, const WorkflowConfig& b) {
  return same(a.workflows, b.workflows) && same(a.assignment, b.assignment) &&
         same(a.automatic_actions, b.automatic_actions);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const auto first = line.find_first_not_of(' ');
    lines.push_back(first == std::string::npos ? std::string() : line.substr(first));
  }
  return lines;
}

}  // namespace

// ---- Names --------------------------------------------------------------------------------------

TEST_CASE("workflow state categories and SLA effects have stable names") {
  const std::pair<rma::StateCategory, const char*> categories[] = {
      {rma::StateCategory::new_, "new"},
      {rma::StateCategory::open, "open"},
      {rma::StateCategory::waiting_customer, "waiting_customer"},
      {rma::StateCategory::waiting_supplier, "waiting_supplier"},
      {rma::StateCategory::resolved, "resolved"},
      {rma::StateCategory::closed, "closed"}};
  for (const auto& [value, name] : categories) {
    const char* const name_ = name;  // clang < 16 cannot capture a structured binding
    CAPTURE(name_);
    CHECK(std::string(rma::state_category_name(value)) == name);
    CHECK(rma::state_category_from_name(name) == value);
  }
  CHECK_FALSE(rma::state_category_from_name("New").has_value());
  CHECK_FALSE(rma::state_category_from_name("new_").has_value());
  CHECK(std::string(rma::state_category_name(static_cast<rma::StateCategory>(6))) == "unknown");

  const std::pair<rma::SlaEffect, const char*> effects[] = {
      {rma::SlaEffect::run, "run"}, {rma::SlaEffect::pause, "pause"}, {rma::SlaEffect::stop, "stop"}};
  for (const auto& [value, name] : effects) {
    const char* const name_ = name;  // clang < 16 cannot capture a structured binding
    CAPTURE(name_);
    CHECK(std::string(rma::sla_effect_name(value)) == name);
    CHECK(rma::sla_effect_from_name(name) == value);
  }
  CHECK_FALSE(rma::sla_effect_from_name("running").has_value());
  CHECK(std::string(rma::sla_effect_name(static_cast<rma::SlaEffect>(3))) == "unknown");
}

TEST_CASE("workflow built-in guard and effect names") {
  CHECK(rma::builtin_guard_names() ==
        std::vector<std::string>{"required_fields", "warranty_checked", "all_lines_inspected", "all_lines_received",
                                 "all_actions_done", "all_repairs_done", "resolution_chosen", "attachment_present",
                                 "value_below", "value_above"});
  CHECK(rma::builtin_effect_names() == std::vector<std::string>{"assign", "set_field", "set_expected_completion",
                                                                "sla_start", "sla_pause", "sla_stop", "notify",
                                                                "outbox"});
}

// ---- Defaults -----------------------------------------------------------------------------------

TEST_CASE("the default workflows load, validate and cover every case") {
  const WorkflowConfig& c = rma::default_workflow_config();
  CHECK(&c == &rma::default_workflow_config());  // parsed once
  CHECK_NOTHROW(rma::validate_workflow_config(c));
  REQUIRE(c.workflows.size() == 4);
  CHECK(c.workflows[0].id == "consumer_return");
  CHECK(c.workflows[1].id == "warranty_repair");
  CHECK(c.workflows[2].id == "complaint");
  CHECK(c.workflows[3].id == "customization");
  for (const rma::Workflow& w : c.workflows) {
    CAPTURE(w.id);
    CHECK(w.version == 0);
    CHECK_FALSE(w.name.empty());
    for (const rma::WorkflowState& s : w.states) CHECK_FALSE(s.label.empty());
    for (const rma::WorkflowTransition& t : w.transitions) {
      CHECK_FALSE(t.label.empty());
      CHECK_FALSE(t.roles.empty());
    }
  }

  const rma::Workflow& returns = c.workflows[0];
  CHECK(returns.initial == "requested");
  CHECK(returns.states.size() == 9);
  CHECK(returns.transitions.size() == 9);
  const rma::WorkflowState* authorized = find_state(returns, "authorized");
  REQUIRE(authorized != nullptr);
  CHECK(authorized->category == rma::StateCategory::waiting_customer);
  CHECK(authorized->sla == rma::SlaEffect::pause);
  const rma::WorkflowState* refunded = find_state(returns, "refunded");
  REQUIRE(refunded != nullptr);
  CHECK(refunded->locks_decision);
  CHECK(refunded->sla == rma::SlaEffect::stop);
  CHECK_FALSE(refunded->final);
  const rma::WorkflowState* closed = find_state(returns, "closed");
  REQUIRE(closed != nullptr);
  CHECK(closed->final);
  const rma::WorkflowTransition* authorize = find_transition(returns, "authorize");
  REQUIRE(authorize != nullptr);
  REQUIRE(authorize->effects.size() == 2);
  CHECK(authorize->effects[1].name == "sla_start");
  CHECK(authorize->effects[1].params == R"({"clock":"resolution"})");
  const rma::WorkflowTransition* cancel = find_transition(returns, "cancel");
  REQUIRE(cancel != nullptr);
  CHECK(cancel->roles == std::vector<rma::Role>{rma::Role::customer, rma::Role::operator_});
  const rma::WorkflowTransition* refund = find_transition(returns, "refund");
  REQUIRE(refund != nullptr);
  REQUIRE(refund->guards.size() == 1);
  CHECK(refund->guards[0].params == R"({"allowed":["refund","credit_note","goodwill"]})");

  const rma::WorkflowTransition* back = find_transition(c.workflows[1], "back_from_supplier");
  REQUIRE(back != nullptr);
  CHECK(back->to == "repaired");
  CHECK(back->roles == std::vector<rma::Role>{rma::Role::operator_, rma::Role::supplier});

  // Each kind has its workflow, on every channel and for every complaint category.
  const std::pair<rma::CaseKind, const char*> kinds[] = {{rma::CaseKind::return_, "consumer_return"},
                                                         {rma::CaseKind::repair, "warranty_repair"},
                                                         {rma::CaseKind::complaint, "complaint"},
                                                         {rma::CaseKind::customization, "customization"}};
  for (const auto& [kind, id] : kinds) {
    const auto& id_ = id;  // clang < 16 cannot capture a structured binding
    CAPTURE(id_);
    const rma::Workflow* w = nullptr;
    for (const rma::Workflow& candidate : c.workflows)
      if (contains(candidate.applies_to.kinds, kind) && w == nullptr) w = &candidate;
    REQUIRE(w != nullptr);
    CHECK(w->id == id);
    CHECK(w->applies_to.kinds.size() == 1);
    CHECK(w->applies_to.channels.empty());
    CHECK(w->applies_to.categories.empty());
  }

  // The first matching rule wins; each rule names a team for its kind (and complaint category).
  const std::vector<std::tuple<rma::CaseKind, rma::ComplaintCategory, std::string>> teams = {
      {rma::CaseKind::complaint, rma::ComplaintCategory::transport, "logistics"},
      {rma::CaseKind::complaint, rma::ComplaintCategory::quality, "quality"},
      {rma::CaseKind::complaint, rma::ComplaintCategory::quantity, "warehouse"},
      {rma::CaseKind::repair, rma::ComplaintCategory::none, "service"},
      {rma::CaseKind::return_, rma::ComplaintCategory::none, "returns"},
      {rma::CaseKind::customization, rma::ComplaintCategory::none, "sales"}};
  REQUIRE(c.assignment.size() == teams.size());
  for (std::size_t i = 0; i < teams.size(); ++i) {
    const auto& [kind, category, team] = teams[i];
    const auto& team_ = team;  // clang < 16 cannot capture a structured binding
    CAPTURE(team_);
    CHECK(c.assignment[i].when.kinds == std::vector<rma::CaseKind>{kind});
    CHECK(c.assignment[i].when.categories ==
          (category == rma::ComplaintCategory::none ? std::vector<rma::ComplaintCategory>{}
                                                     : std::vector<rma::ComplaintCategory>{category}));
    CHECK(c.assignment[i].when.channels.empty());
    CHECK(c.assignment[i].team == team);
    CHECK(c.assignment[i].assignee.empty());
  }
  CHECK(c.automatic_actions.empty());
}

TEST_CASE("docs/workflows.md draws every default workflow as it is") {
  const std::string doc = read_file(std::string(RMA_TEST_DATA_DIR) + "/../../docs/workflows.md");
  REQUIRE_FALSE(doc.empty());
  for (const rma::Workflow& w : rma::default_workflow_config().workflows) {
    CAPTURE(w.id);
    const std::string marker = "%% workflow " + w.id + "\n";
    const auto start = doc.find(marker);
    REQUIRE(start != std::string::npos);
    const auto end = doc.find("```", start);
    REQUIRE(end != std::string::npos);
    const std::vector<std::string> lines = lines_of(doc.substr(start, end - start));
    const auto has = [&](const std::string& line) {
      return std::find(lines.begin(), lines.end(), line) != lines.end();
    };
    std::size_t arrows = 1;
    CHECK(has("[*] --> " + w.initial));
    for (const rma::WorkflowState& s : w.states) {
      CHECK(has(s.name + " : " + s.label));
      if (s.final) {
        CHECK(has(s.name + " --> [*]"));
        ++arrows;
      }
    }
    for (const rma::WorkflowTransition& t : w.transitions) {
      for (const std::string& from : t.from) CHECK(has(from + " --> " + t.to + " : " + t.name));
      arrows += t.from.size();
    }
    std::size_t drawn = 0;
    for (const std::string& line : lines) drawn += line.find(" --> ") != std::string::npos ? 1 : 0;
    CHECK(drawn == arrows);  // nothing drawn that the defaults do not hold
  }
}

// The first ```json block after `marker` in docs/workflows.md.
std::string doc_example(const std::string& marker) {
  const std::string doc = read_file(std::string(RMA_TEST_DATA_DIR) + "/../../docs/workflows.md");
  const auto at = doc.find(marker);
  REQUIRE(at != std::string::npos);
  const auto start = doc.find("```json\n", at);
  REQUIRE(start != std::string::npos);
  const auto end = doc.find("```", start + 8);
  REQUIRE(end != std::string::npos);
  return doc.substr(start + 8, end - start - 8);
}

TEST_CASE("docs/workflows.md: the example of how to write your own workflows is valid") {
  const WorkflowConfig c = rma::workflow_config_from_json(doc_example("<!-- example: own configuration -->"));
  REQUIRE(c.workflows.size() == 2);
  CHECK(c.workflows[0].id == "quick_complaint");
  CHECK(c.workflows[1].applies_to.kinds.empty());
  const rma::WorkflowTransition* goodwill = find_transition(c.workflows[0], "accept_goodwill");
  REQUIRE(goodwill != nullptr);
  CHECK(goodwill->roles.empty());
  REQUIRE(c.automatic_actions.size() == 1);
  CHECK(c.automatic_actions[0].transition == "accept_goodwill");
  CHECK(c.assignment.size() == 3);
}

TEST_CASE("docs/workflows.md: the refused workflow gets the errors the text gives") {
  json c = json::parse(doc_example("And a workflow that would be refused"));
  Failure f = failure(c);
  CHECK(f.status == Status::invalid_argument);
  CHECK(f.field == "workflows[0].states[1]");
  CHECK(mentions(f, "state 'lost' cannot be reached from 'new'"));
  c["workflows"][0]["states"].erase(1);
  f = failure(c);
  CHECK(f.status == Status::invalid_argument);
  CHECK(f.field == "workflows");
  CHECK(mentions(f, "no workflow applies to repair cases on channel b2b"));
}

// ---- Reading and writing --------------------------------------------------------------------------

TEST_CASE("workflow config: absent members take their defaults") {
  json c = minimal();
  c["workflows"][0]["states"].push_back({{"name", "c"}, {"category", "closed"}});  // not final
  c["workflows"][0]["transitions"].push_back(transition("to_c", {"a"}, "c"));
  c["workflows"][0]["transitions"].push_back(transition("from_c", {"c"}, "b"));
  const WorkflowConfig config = rma::workflow_config_from_json(c.dump());
  const rma::Workflow& w = config.workflows.at(0);
  CHECK(w.name == "any");
  CHECK(w.version == 0);
  CHECK(w.applies_to.kinds.empty());
  CHECK(w.states[0].label == "a");
  CHECK(w.states[0].sla == rma::SlaEffect::run);
  CHECK_FALSE(w.states[0].final);
  CHECK_FALSE(w.states[0].locks_decision);
  CHECK(w.states[1].sla == rma::SlaEffect::stop);  // closed states stop the clocks unless told
  CHECK(w.states[2].sla == rma::SlaEffect::stop);
  CHECK(w.transitions[0].label == "go");
  CHECK(w.transitions[1].roles.empty());
  CHECK(w.transitions[0].guards.empty());
  CHECK(config.assignment.empty());
  CHECK(config.automatic_actions.empty());

  c["workflows"][0]["states"][1]["sla"] = "run";
  CHECK(rma::workflow_config_from_json(c.dump()).workflows[0].states[1].sla == rma::SlaEffect::run);
}

TEST_CASE("workflow config round-trips exactly") {
  const WorkflowConfig& defaults = rma::default_workflow_config();
  const std::string text = rma::workflow_config_to_json(defaults);
  CHECK(same(rma::workflow_config_from_json(text), defaults));
  CHECK(rma::workflow_config_to_json(rma::workflow_config_from_json(text)) == text);

  // Every optional member set to something other than its default.
  json c = json::parse(text);
  c["workflows"][0]["version"] = 7;
  c["workflows"][0]["applies_to"]["channels"] = {"b2c", "b2b"};
  c["workflows"][2]["applies_to"]["categories"] = {"transport", "quality", "quantity"};
  c["workflows"][0]["states"][0]["label"] = "";
  c["workflows"][0]["states"][7]["sla"] = "run";
  c["workflows"][0]["transitions"][0]["guards"] = {
      {{"guard", "required_fields"}, {"fields", {"assignee", "custom_fields.colour"}}},
      {{"guard", "stock_ok"}, {"warehouse", "north"}, {"min", 2}}};
  c["workflows"][0]["transitions"][0]["effects"].push_back(
      {{"effect", "set_field"}, {"field", "custom_fields.colour"}, {"value", nullptr}});
  c["workflows"][0]["transitions"][0]["effects"].push_back(
      {{"effect", "set_expected_completion"}, {"days", 5}, {"business_days", false}});
  c["workflows"].push_back(json::parse(R"({"id": "retail_returns", "initial": "a",
      "applies_to": {"kinds": ["return"], "channels": ["retail_chain", "supplier"]},
      "states": [{"name": "a", "category": "new"}, {"name": "b", "category": "closed", "final": true}],
      "transitions": [{"name": "go", "from": ["a"], "to": "b"}]})"));
  c["assignment"].push_back({{"when", {{"customer_tiers", {"gold"}}}}, {"assignee", "anna"}, {"team", ""}});
  c["automatic_actions"] = json::parse(R"([{"name": "auto_accept_small",
      "when": {"kinds": ["complaint"], "customer_tiers": ["gold", "silver"]}, "states": ["in_progress"],
      "transition": "accept", "guards": [{"guard": "value_below", "amount": "50.00 EUR"}]}])");
  const WorkflowConfig full = rma::workflow_config_from_json(c.dump(), {"stock_ok"});
  CHECK(full.workflows[0].version == 7);
  CHECK(full.workflows[0].states[0].label.empty());
  CHECK(full.workflows[0].transitions[0].guards[1].params == R"({"min":2,"warehouse":"north"})");
  CHECK(full.workflows[0].transitions[0].effects[2].params == R"({"field":"custom_fields.colour","value":null})");
  CHECK(full.automatic_actions[0].when.customer_tiers == std::vector<std::string>{"gold", "silver"});
  const WorkflowConfig again = rma::workflow_config_from_json(rma::workflow_config_to_json(full), {"stock_ok"});
  CHECK(same(again, full));
  CHECK_FALSE(same(again, defaults));
}

TEST_CASE("workflow config: the document's shape") {
  CHECK(failure(std::string("[]")).status == Status::wrong_type);
  CHECK(failure(std::string("{")).status == Status::malformed_json);
  Failure f = failure(std::string("{}"));
  CHECK(f.status == Status::missing_field);
  CHECK(f.field == "workflows");

  json c = minimal();
  c["workflow"] = json::array();
  f = failure(c);
  CHECK(f.status == Status::unknown_value);
  CHECK(f.field == "workflow");

  c = minimal();
  c["workflows"][0]["states"][0]["categroy"] = "open";
  f = failure(c);
  CHECK(f.status == Status::unknown_value);
  CHECK(f.field == "workflows[0].states[0].categroy");

  c = minimal();
  c["workflows"][0]["states"][0]["category"] = "pending";
  f = failure(c);
  CHECK(f.status == Status::unknown_value);
  CHECK(f.field == "workflows[0].states[0].category");

  c = minimal();
  c["workflows"][0]["states"][0]["sla"] = "halt";
  CHECK(failure(c).field == "workflows[0].states[0].sla");

  c = minimal();
  c["workflows"][0]["transitions"][0].erase("from");
  f = failure(c);
  CHECK(f.status == Status::missing_field);
  CHECK(f.field == "workflows[0].transitions[0].from");

  c = minimal();
  c["workflows"][0]["transitions"][0]["guards"] = {"warranty_checked"};
  f = failure(c);
  CHECK(f.status == Status::wrong_type);
  CHECK(f.field == kGuard);

  f = failure(with_guard({{"fields", {"team"}}}));
  CHECK(f.status == Status::missing_field);
  CHECK(f.field == kGuard + ".guard");

  c = minimal();
  c["workflows"][0]["applies_to"] = {{"kinds", {"refund"}}};
  f = failure(c);
  CHECK(f.status == Status::unknown_value);
  CHECK(f.field == "workflows[0].applies_to.kinds[0]");

  c = minimal();
  c["workflows"][0]["version"] = -1;
  f = failure(c);
  CHECK(f.status == Status::out_of_range);
  CHECK(f.field == "workflows[0].version");
  c["workflows"][0]["version"] = 0;
  CHECK(failure(c).status == Status::ok);
}

// ---- Names and duplicates -----------------------------------------------------------------------

TEST_CASE("workflow config: ids and names are [a-z0-9_]{1,64}") {
  const std::string longest(64, 'a');
  const std::vector<std::pair<std::function<void(json&, const std::string&)>, std::string>> places = {
      {[](json& c, const std::string& v) { c["workflows"][0]["id"] = v; }, "workflows[0].id"},
      {[](json& c, const std::string& v) {
         c["workflows"][0]["states"][1]["name"] = v;
         c["workflows"][0]["transitions"][0]["to"] = v;
       },
       "workflows[0].states[1].name"},
      {[](json& c, const std::string& v) { c["workflows"][0]["transitions"][0]["name"] = v; },
       "workflows[0].transitions[0].name"},
  };
  for (const auto& [set, field] : places) {
    const auto& field_ = field;  // clang < 16 cannot capture a structured binding
    CAPTURE(field_);
    for (const std::string& good : {longest, std::string("z"), std::string("x_9")}) {
      json c = minimal();
      set(c, good);
      CHECK(failure(c).status == Status::ok);
    }
    for (const std::string& bad : {longest + "a", std::string(""), std::string("Refund"), std::string("a-b"),
                                   std::string("a b"), std::string("é")}) {
      json c = minimal();
      set(c, bad);
      const Failure f = failure(c);
      CHECK(f.status == Status::invalid_argument);
      CHECK(f.field == field);
      CHECK(mentions(f, "\"" + bad.substr(0, 64)));
    }
  }
}

TEST_CASE("workflow config: duplicates are refused at the second one") {
  json c = minimal();
  c["workflows"].push_back(minimal()["workflows"][0]);
  Failure f = failure(c);
  CHECK(f.status == Status::duplicate);
  CHECK(f.field == "workflows[1].id");
  CHECK(mentions(f, "workflows[0].id"));

  c = minimal();
  c["workflows"][0]["states"].push_back(state("b", "closed", true));
  f = failure(c);
  CHECK(f.status == Status::duplicate);
  CHECK(f.field == "workflows[0].states[2].name");

  c = minimal();
  c["workflows"][0]["transitions"].push_back(transition("go", {"a"}, "b"));
  f = failure(c);
  CHECK(f.status == Status::duplicate);
  CHECK(f.field == "workflows[0].transitions[1].name");

  c = minimal();
  c["workflows"][0]["states"].push_back(state("c"));
  c["workflows"][0]["transitions"].push_back(transition("to_c", {"a"}, "c"));
  c["workflows"][0]["transitions"].push_back(transition("from_c", {"c", "c"}, "b"));
  f = failure(c);
  CHECK(f.status == Status::duplicate);
  CHECK(f.field == "workflows[0].transitions[2].from[1]");

  c = minimal();
  c["workflows"][0]["transitions"][0]["roles"] = {"operator", "customer", "operator"};
  f = failure(c);
  CHECK(f.status == Status::duplicate);
  CHECK(f.field == "workflows[0].transitions[0].roles[2]");

  c = minimal();
  c["workflows"][0]["applies_to"] = {{"channels", {"b2b", "b2b"}}};
  f = failure(c);
  CHECK(f.status == Status::duplicate);
  CHECK(f.field == "workflows[0].applies_to.channels[1]");

  const json action = {{"name", "auto"}, {"transition", "accept"}};
  c = with_automatic_action(action);
  c["automatic_actions"].push_back(action);
  f = failure(c);
  CHECK(f.status == Status::duplicate);
  CHECK(f.field == "automatic_actions[1].name");
}

// ---- The graph ----------------------------------------------------------------------------------

TEST_CASE("workflow config: initial, from and to name states") {
  json c = minimal();
  c["workflows"][0]["initial"] = "start";
  Failure f = failure(c);
  CHECK(f.status == Status::unknown_value);
  CHECK(f.field == "workflows[0].initial");
  CHECK(mentions(f, "'start'"));

  c = minimal();
  c["workflows"][0]["transitions"].push_back(transition("other", {"a"}, "b"));
  c["workflows"][0]["transitions"].push_back(transition("third", {"a"}, "nowhere"));
  f = failure(c);
  CHECK(f.status == Status::unknown_value);
  CHECK(f.field == "workflows[0].transitions[2].to");
  CHECK(mentions(f, "'nowhere'"));

  c = minimal();
  c["workflows"][0]["transitions"][0]["from"] = {"a", "limbo"};
  f = failure(c);
  CHECK(f.status == Status::unknown_value);
  CHECK(f.field == "workflows[0].transitions[0].from[1]");

  c = minimal();
  c["workflows"][0]["transitions"][0]["from"] = json::array();
  f = failure(c);
  CHECK(f.status == Status::invalid_argument);
  CHECK(f.field == "workflows[0].transitions[0].from");

  c = minimal();
  c["workflows"][0]["states"] = json::array();
  f = failure(c);
  CHECK(f.status == Status::invalid_argument);
  CHECK(f.field == "workflows[0].states");
}

TEST_CASE("workflow config: every state is reachable from the initial one") {
  json c = minimal();
  c["workflows"][0]["initial"] = "requested";
  c["workflows"][0]["states"] = {state("requested", "new"), state("done", "closed", true), state("x"),
                                 state("y")};
  c["workflows"][0]["transitions"] = {transition("finish", {"requested", "x", "y"}, "done"),
                                      transition("to_y", {"x"}, "y")};
  Failure f = failure(c);
  CHECK(f.status == Status::invalid_argument);
  CHECK(f.field == "workflows[0].states[2]");
  CHECK(mentions(f, "state 'x' cannot be reached from 'requested'"));

  // Reached through another unreachable-looking state: reachability follows chains.
  c["workflows"][0]["transitions"].push_back(transition("to_x", {"requested"}, "x"));
  CHECK(failure(c).status == Status::ok);
}

TEST_CASE("workflow config: no transition leaves a final state") {
  json c = minimal();
  c["workflows"][0]["states"].push_back(state("c"));
  c["workflows"][0]["transitions"].push_back(transition("to_c", {"a"}, "c"));
  c["workflows"][0]["transitions"].push_back(transition("c_to_b", {"c"}, "b"));
  c["workflows"][0]["transitions"].push_back(transition("reopen", {"c", "b"}, "a"));
  Failure f = failure(c);
  CHECK(f.status == Status::invalid_argument);
  CHECK(f.field == "workflows[0].transitions[3].from[1]");
  CHECK(mentions(f, "'b'"));

  c["workflows"][0]["states"][1]["final"] = false;  // then it is an ordinary state
  CHECK(failure(c).status == Status::ok);
}

TEST_CASE("workflow config: a state that is not final has a way out") {
  json c = minimal();
  c["workflows"][0]["states"][1]["final"] = false;
  Failure f = failure(c);
  CHECK(f.status == Status::invalid_argument);
  CHECK(f.field == "workflows[0].states[1]");
  CHECK(mentions(f, "'b'"));

  // A transition back into the same state is no way out.
  c["workflows"][0]["transitions"].push_back(transition("comment", {"b"}, "b"));
  f = failure(c);
  CHECK(f.status == Status::invalid_argument);
  CHECK(f.field == "workflows[0].states[1]");

  c["workflows"][0]["transitions"].push_back(transition("back", {"b"}, "a"));
  CHECK(failure(c).status == Status::ok);
}

TEST_CASE("workflow config: roles, guards and effects must be known") {
  json c = minimal();
  c["workflows"][0]["transitions"][0]["roles"] = {"operator", "manager"};
  Failure f = failure(c);
  CHECK(f.status == Status::unknown_value);
  CHECK(f.field == "workflows[0].transitions[0].roles[1]");
  CHECK(mentions(f, "\"manager\""));

  f = failure(with_guard({{"guard", "credit_ok"}}));
  CHECK(f.status == Status::unknown_value);
  CHECK(f.field == kGuard + ".guard");
  CHECK(mentions(f, "\"credit_ok\""));
  // A guard the host registered is accepted, with whatever parameters it takes.
  CHECK(failure(with_guard({{"guard", "credit_ok"}, {"limit", 5}}), {"credit_ok"}).status == Status::ok);
  CHECK(failure(with_guard({{"guard", "credit_ok"}}), {"other"}).field == kGuard + ".guard");

  f = failure(with_effect({{"effect", "send_email"}}));
  CHECK(f.status == Status::unknown_value);
  CHECK(f.field == kEffect + ".effect");
  // Host guards are guards, not effects.
  CHECK(failure(with_effect({{"effect", "credit_ok"}}), {"credit_ok"}).status == Status::unknown_value);
}

// ---- Which cases a workflow takes -----------------------------------------------------------------

TEST_CASE("workflow config: every kind, channel and complaint category has a workflow") {
  json c = minimal();
  c["workflows"][0]["applies_to"] = {{"kinds", {"return", "complaint", "customization"}}};
  Failure f = failure(c);
  CHECK(f.status == Status::invalid_argument);
  CHECK(f.field == "workflows");
  CHECK(mentions(f, "no workflow applies to repair cases on channel b2b"));

  c["workflows"][0]["applies_to"] = {{"channels", {"b2b", "b2c", "retail_chain"}}};
  f = failure(c);
  CHECK(f.field == "workflows");
  CHECK(mentions(f, "no workflow applies to return cases on channel supplier"));

  c = minimal();
  c["workflows"][0]["applies_to"] = {{"kinds", {"complaint"}}, {"categories", {"quality", "transport"}}};
  json rest = minimal()["workflows"][0];
  rest["id"] = "rest";
  rest["applies_to"] = {{"kinds", {"return", "repair", "customization"}}};
  c["workflows"].push_back(rest);
  f = failure(c);
  CHECK(f.field == "workflows");
  CHECK(mentions(f, "no workflow applies to complaint cases of category quantity on channel b2b"));

  c["workflows"][0]["applies_to"]["categories"].push_back("quantity");
  CHECK(failure(c).status == Status::ok);

  f = failure(json{{"workflows", json::array()}});
  CHECK(f.field == "workflows");
  CHECK(mentions(f, "return cases on channel b2b"));
}

TEST_CASE("workflow config: a workflow must apply to some case, and not by customer tier") {
  json c = minimal();
  json never = minimal()["workflows"][0];
  never["id"] = "never";
  never["applies_to"] = {{"kinds", {"return"}}, {"categories", {"quality"}}};
  c["workflows"].push_back(never);
  Failure f = failure(c);
  CHECK(f.status == Status::invalid_argument);
  CHECK(f.field == "workflows[1].applies_to");

  c["workflows"][1]["applies_to"] = {{"kinds", {"complaint"}}, {"categories", {"none"}}};
  CHECK(failure(c).field == "workflows[1].applies_to");

  c["workflows"][1]["applies_to"] = {{"kinds", {"return"}}, {"categories", {"none"}}};
  CHECK(failure(c).status == Status::ok);

  c["workflows"][1]["applies_to"]["customer_tiers"] = {"gold"};
  f = failure(c);
  CHECK(f.status == Status::invalid_argument);
  CHECK(f.field == "workflows[1].applies_to.customer_tiers");
}

// ---- Assignment and automatic actions -------------------------------------------------------------

TEST_CASE("workflow config: assignment rules") {
  json c = minimal();
  c["assignment"] = {{{"when", {{"kinds", {"repair"}}}}, {"team", "service"}}, {{"when", json::object()}}};
  Failure f = failure(c);
  CHECK(f.status == Status::missing_field);
  CHECK(f.field == "assignment[1]");

  c["assignment"][1]["assignee"] = "anna";
  CHECK(failure(c).status == Status::ok);

  c["assignment"][1]["when"] = {{"categories", {"broken"}}};
  f = failure(c);
  CHECK(f.status == Status::unknown_value);
  CHECK(f.field == "assignment[1].when.categories[0]");

  c["assignment"][1]["when"] = {{"customer_tiers", {""}}};
  f = failure(c);
  CHECK(f.status == Status::missing_field);
  CHECK(f.field == "assignment[1].when.customer_tiers[0]");

  c["assignment"][1]["when"] = json::object();
  c["assignment"][1]["team"] = std::string(256, 't');
  CHECK(failure(c).status == Status::ok);
  c["assignment"][1]["team"] = std::string(257, 't');
  f = failure(c);
  CHECK(f.status == Status::too_large);
  CHECK(f.field == "assignment[1].team");
}

TEST_CASE("workflow config: automatic actions run a transition some workflow has") {
  json action = json::parse(R"({"name": "auto_accept_small",
    "when": {"kinds": ["complaint"], "customer_tiers": ["gold"]}, "states": ["in_progress"],
    "transition": "accept", "guards": [{"guard": "value_below", "amount": "50.00 EUR"}]})");
  CHECK(failure(with_automatic_action(action)).status == Status::ok);

  json a = action;
  a["transition"] = "approve_all";
  Failure f = failure(with_automatic_action(a));
  CHECK(f.status == Status::unknown_value);
  CHECK(f.field == "automatic_actions[0].transition");
  CHECK(mentions(f, "'approve_all'"));

  a = action;
  a["states"] = {"in_progress", "quoted"};  // a state of customization, which has no "accept"
  f = failure(with_automatic_action(a));
  CHECK(f.status == Status::unknown_value);
  CHECK(f.field == "automatic_actions[0].states[1]");

  a["states"] = {"in_progress", "new"};  // a state of complaint, but "accept" never starts there
  f = failure(with_automatic_action(a));
  CHECK(f.status == Status::invalid_argument);
  CHECK(f.field == "automatic_actions[0].states[1]");

  a["states"] = {"in_progress", "in_progress"};
  CHECK(failure(with_automatic_action(a)).field == "automatic_actions[0].states[1]");

  a = action;
  a["states"] = json::array();
  CHECK(failure(with_automatic_action(a)).status == Status::ok);

  a = action;
  a["guards"] = {{{"guard", "value_below"}, {"amount", "50 EUR"}}};
  f = failure(with_automatic_action(a));
  CHECK(f.status == Status::invalid_argument);
  CHECK(f.field == "automatic_actions[0].guards[0].amount");

  a = action;
  a["name"] = "Auto";
  CHECK(failure(with_automatic_action(a)).field == "automatic_actions[0].name");
}

// ---- Guard parameters -----------------------------------------------------------------------------

TEST_CASE("workflow guard required_fields") {
  CHECK(failure(with_guard({{"guard", "required_fields"}, {"fields", {"assignee"}}})).status == Status::ok);
  CHECK(failure(with_guard({{"guard", "required_fields"},
                            {"fields",
                             {"priority", "assignee", "team", "expected_completion", "resolution", "root_cause",
                              "lines.serial", "lines.condition", "lines.reason_code", "lines.qty_received",
                              "lines.qty_accepted", "lines.replacement_serial", "custom_fields.colour"}}}))
            .status == Status::ok);

  Failure f = failure(with_guard({{"guard", "required_fields"}}));
  CHECK(f.status == Status::missing_field);
  CHECK(f.field == kGuard + ".fields");

  f = failure(with_guard({{"guard", "required_fields"}, {"fields", json::array()}}));
  CHECK(f.status == Status::invalid_argument);
  CHECK(f.field == kGuard + ".fields");

  f = failure(with_guard({{"guard", "required_fields"}, {"fields", {"team", "lines.sku"}}}));
  CHECK(f.status == Status::unknown_value);
  CHECK(f.field == kGuard + ".fields[1]");
  CHECK(mentions(f, "\"lines.sku\""));

  CHECK(failure(with_guard({{"guard", "required_fields"}, {"fields", {"custom_fields."}}})).field ==
        kGuard + ".fields[0]");
  CHECK(failure(with_guard({{"guard", "required_fields"}, {"fields", {"custom_fields." + std::string(128, 'k')}}}))
            .status == Status::ok);
  CHECK(failure(with_guard({{"guard", "required_fields"}, {"fields", {"custom_fields." + std::string(129, 'k')}}}))
            .field == kGuard + ".fields[0]");

  f = failure(with_guard({{"guard", "required_fields"}, {"fields", {"team"}}, {"all", true}}));
  CHECK(f.status == Status::unknown_value);
  CHECK(f.field == kGuard + ".all");
}

TEST_CASE("workflow guards without parameters refuse any") {
  for (const char* name :
       {"warranty_checked", "all_lines_inspected", "all_lines_received", "all_actions_done", "all_repairs_done"}) {
    CAPTURE(name);
    CHECK(failure(with_guard({{"guard", name}})).status == Status::ok);
    const Failure f = failure(with_guard({{"guard", name}, {"strict", true}}));
    CHECK(f.status == Status::unknown_value);
    CHECK(f.field == kGuard + ".strict");
  }
}

TEST_CASE("workflow guard resolution_chosen") {
  CHECK(failure(with_guard({{"guard", "resolution_chosen"}})).status == Status::ok);
  CHECK(failure(with_guard({{"guard", "resolution_chosen"},
                            {"allowed", {"refund", "replace", "repair", "credit_note", "reject", "goodwill"}}}))
            .status == Status::ok);
  Failure f = failure(with_guard({{"guard", "resolution_chosen"}, {"allowed", {"refund", "none"}}}));
  CHECK(f.status == Status::unknown_value);
  CHECK(f.field == kGuard + ".allowed[1]");
  f = failure(with_guard({{"guard", "resolution_chosen"}, {"allowed", json::array()}}));
  CHECK(f.status == Status::invalid_argument);
  CHECK(f.field == kGuard + ".allowed");
  f = failure(with_guard({{"guard", "resolution_chosen"}, {"allowed", {"refund", "refund"}}}));
  CHECK(f.status == Status::duplicate);
  CHECK(f.field == kGuard + ".allowed[1]");
  f = failure(with_guard({{"guard", "resolution_chosen"}, {"allowed", "refund"}}));
  CHECK(f.status == Status::wrong_type);
}

TEST_CASE("workflow guard attachment_present") {
  CHECK(failure(with_guard({{"guard", "attachment_present"}})).status == Status::ok);
  CHECK(failure(with_guard({{"guard", "attachment_present"}, {"media_type_prefix", "image/"}})).status == Status::ok);
  CHECK(failure(with_guard({{"guard", "attachment_present"}, {"media_type_prefix", std::string(128, 'i')}})).status ==
        Status::ok);
  const Failure f =
      failure(with_guard({{"guard", "attachment_present"}, {"media_type_prefix", std::string(129, 'i')}}));
  CHECK(f.status == Status::too_large);
  CHECK(f.field == kGuard + ".media_type_prefix");
}

TEST_CASE("workflow guards value_below and value_above") {
  for (const char* name : {"value_below", "value_above"}) {
    CAPTURE(name);
    CHECK(failure(with_guard({{"guard", name}, {"amount", "100.00 EUR"}})).status == Status::ok);
    CHECK(failure(with_guard({{"guard", name}, {"amount", "0.00 EUR"}})).status == Status::ok);
    CHECK(failure(with_guard({{"guard", name}, {"amount", "5000 JPY"}})).status == Status::ok);
    Failure f = failure(with_guard({{"guard", name}, {"amount", "-0.01 EUR"}}));
    CHECK(f.status == Status::out_of_range);
    CHECK(f.field == kGuard + ".amount");
    CHECK(mentions(f, "-0.01 EUR"));
    f = failure(with_guard({{"guard", name}, {"amount", "100 EUR"}}));
    CHECK(f.status == Status::invalid_argument);
    CHECK(f.field == kGuard + ".amount");
    f = failure(with_guard({{"guard", name}, {"amount", "1.00 XYZ"}}));
    CHECK(f.status == Status::unknown_value);
    CHECK(f.field == kGuard + ".amount");
    f = failure(with_guard({{"guard", name}}));
    CHECK(f.status == Status::missing_field);
    CHECK(f.field == kGuard + ".amount");
    CHECK(failure(with_guard({{"guard", name}, {"amount", 100}})).status == Status::wrong_type);
  }
}

// ---- Effect parameters ----------------------------------------------------------------------------

TEST_CASE("workflow effect assign") {
  CHECK(failure(with_effect({{"effect", "assign"}, {"assignee", "anna"}})).status == Status::ok);
  CHECK(failure(with_effect({{"effect", "assign"}, {"team", "service"}})).status == Status::ok);
  CHECK(failure(with_effect({{"effect", "assign"}, {"assignee", "anna"}, {"team", "service"}})).status == Status::ok);
  Failure f = failure(with_effect({{"effect", "assign"}}));
  CHECK(f.status == Status::missing_field);
  CHECK(f.field == kEffect);
  CHECK(failure(with_effect({{"effect", "assign"}, {"assignee", ""}, {"team", ""}})).field == kEffect);
  f = failure(with_effect({{"effect", "assign"}, {"team", std::string(257, 't')}}));
  CHECK(f.status == Status::too_large);
  CHECK(f.field == kEffect + ".team");
  CHECK(failure(with_effect({{"effect", "assign"}, {"team", std::string(256, 't')}})).status == Status::ok);
  CHECK(failure(with_effect({{"effect", "assign"}, {"team", "a"}, {"queue", "b"}})).field == kEffect + ".queue");
}

TEST_CASE("workflow effect set_field") {
  const auto set = [](const char* field, const json& value) {
    return with_effect({{"effect", "set_field"}, {"field", field}, {"value", value}});
  };
  CHECK(failure(set("priority", "urgent")).status == Status::ok);
  CHECK(failure(set("resolution", "refund")).status == Status::ok);
  CHECK(failure(set("assignee", "anna")).status == Status::ok);
  CHECK(failure(set("assignee", "")).status == Status::ok);  // clears it
  CHECK(failure(set("team", "service")).status == Status::ok);
  CHECK(failure(set("root_cause", "loose connector")).status == Status::ok);
  CHECK(failure(set("custom_fields.colour", "red")).status == Status::ok);
  CHECK(failure(set("custom_fields.pallets", 3)).status == Status::ok);
  CHECK(failure(set("custom_fields.extra", {{"a", {1, 2}}})).status == Status::ok);
  CHECK(failure(set("custom_fields.colour", nullptr)).status == Status::ok);  // removes the key

  Failure f = failure(set("priority", "asap"));
  CHECK(f.status == Status::unknown_value);
  CHECK(f.field == kEffect + ".value");
  CHECK(mentions(f, "\"asap\""));
  CHECK(failure(set("resolution", "refunded")).field == kEffect + ".value");
  f = failure(set("priority", 3));
  CHECK(f.status == Status::wrong_type);
  CHECK(f.field == kEffect + ".value");
  f = failure(set("status", "closed"));
  CHECK(f.status == Status::unknown_value);
  CHECK(f.field == kEffect + ".field");
  f = failure(set("team", nullptr));
  CHECK(f.status == Status::missing_field);
  CHECK(f.field == kEffect + ".value");
  f = failure(with_effect({{"effect", "set_field"}, {"field", "custom_fields.colour"}}));
  CHECK(f.status == Status::missing_field);
  CHECK(f.field == kEffect + ".value");
  CHECK(failure(set("assignee", std::string(257, 'a'))).status == Status::too_large);
  CHECK(failure(set("root_cause", std::string(4096, 'r'))).status == Status::ok);
  CHECK(failure(set("root_cause", std::string(4097, 'r'))).status == Status::too_large);
}

TEST_CASE("workflow effect set_expected_completion") {
  const auto days = [](const json& n) { return with_effect({{"effect", "set_expected_completion"}, {"days", n}}); };
  CHECK(failure(days(0)).status == Status::ok);
  CHECK(failure(days(365)).status == Status::ok);
  Failure f = failure(days(366));
  CHECK(f.status == Status::out_of_range);
  CHECK(f.field == kEffect + ".days");
  CHECK(failure(days(-1)).status == Status::out_of_range);
  CHECK(failure(days("5")).status == Status::wrong_type);
  CHECK(failure(with_effect({{"effect", "set_expected_completion"}})).status == Status::missing_field);
  CHECK(failure(with_effect({{"effect", "set_expected_completion"}, {"days", 5}, {"business_days", false}})).status ==
        Status::ok);
  f = failure(with_effect({{"effect", "set_expected_completion"}, {"days", 5}, {"business_days", "no"}}));
  CHECK(f.status == Status::wrong_type);
  CHECK(f.field == kEffect + ".business_days");
}

TEST_CASE("workflow effects sla_start, sla_pause and sla_stop") {
  for (const char* name : {"sla_start", "sla_pause", "sla_stop"}) {
    CAPTURE(name);
    CHECK(failure(with_effect({{"effect", name}, {"clock", "resolution"}})).status == Status::ok);
    CHECK(failure(with_effect({{"effect", name}, {"clock", std::string(64, 'c')}})).status == Status::ok);
    Failure f = failure(with_effect({{"effect", name}, {"clock", std::string(65, 'c')}}));
    CHECK(f.status == Status::invalid_argument);
    CHECK(f.field == kEffect + ".clock");
    CHECK(failure(with_effect({{"effect", name}, {"clock", "First response"}})).field == kEffect + ".clock");
    f = failure(with_effect({{"effect", name}}));
    CHECK(f.status == Status::missing_field);
    CHECK(f.field == kEffect + ".clock");
  }
}

TEST_CASE("workflow effect notify") {
  CHECK(failure(with_effect({{"effect", "notify"}, {"template", "return_authorized"}})).status == Status::ok);
  CHECK(failure(with_effect({{"effect", "notify"}, {"template", std::string(128, 't')}})).status == Status::ok);
  Failure f = failure(with_effect({{"effect", "notify"}, {"template", std::string(129, 't')}}));
  CHECK(f.status == Status::too_large);
  CHECK(f.field == kEffect + ".template");
  f = failure(with_effect({{"effect", "notify"}, {"template", ""}}));
  CHECK(f.status == Status::missing_field);
  CHECK(f.field == kEffect + ".template");
  CHECK(failure(with_effect({{"effect", "notify"}, {"template", "a\nb"}})).status == Status::invalid_argument);
  CHECK(failure(with_effect({{"effect", "notify"},
                             {"template", "t"},
                             {"to", {"customer", "assignee", "team", "supplier"}}}))
            .status == Status::ok);
  f = failure(with_effect({{"effect", "notify"}, {"template", "t"}, {"to", {"customer", "boss"}}}));
  CHECK(f.status == Status::unknown_value);
  CHECK(f.field == kEffect + ".to[1]");
  f = failure(with_effect({{"effect", "notify"}, {"template", "t"}, {"to", json::array()}}));
  CHECK(f.status == Status::invalid_argument);
  CHECK(f.field == kEffect + ".to");
  f = failure(with_effect({{"effect", "notify"}, {"template", "t"}, {"to", {"team", "team"}}}));
  CHECK(f.status == Status::duplicate);
  CHECK(f.field == kEffect + ".to[1]");
}

TEST_CASE("workflow effect outbox") {
  for (const char* topic :
       {"credit_note_request", "replacement_order", "supplier_return", "repair_invoice", "debit_note"}) {
    CAPTURE(topic);
    CHECK(failure(with_effect({{"effect", "outbox"}, {"topic", topic}})).status == Status::ok);
  }
  Failure f = failure(with_effect({{"effect", "outbox"}, {"topic", "invoice"}}));
  CHECK(f.status == Status::unknown_value);
  CHECK(f.field == kEffect + ".topic");
  CHECK(mentions(f, "\"invoice\""));
  CHECK(failure(with_effect({{"effect", "outbox"}})).status == Status::missing_field);
}

// ---- Limits -------------------------------------------------------------------------------------

TEST_CASE("workflow config limits: 64 workflows") {
  json c = {{"workflows", json::array()}};
  for (int i = 0; i < 64; ++i) {
    json w = minimal()["workflows"][0];
    w["id"] = "w" + std::to_string(i);
    c["workflows"].push_back(w);
  }
  CHECK(failure(c).status == Status::ok);
  json w = minimal()["workflows"][0];
  w["id"] = "w64";
  c["workflows"].push_back(w);
  Failure f = failure(c);
  CHECK(f.status == Status::too_large);
  CHECK(f.field == "workflows");

  // The same limit on a configuration built in C++.
  WorkflowConfig built = rma::workflow_config_from_json(minimal().dump());
  for (int i = 1; i < 64; ++i) {
    built.workflows.push_back(built.workflows[0]);
    built.workflows.back().id = "w" + std::to_string(i);
  }
  CHECK(invalid(built).status == Status::ok);
  built.workflows.push_back(built.workflows[0]);
  built.workflows.back().id = "w64";
  f = invalid(built);
  CHECK(f.status == Status::too_large);
  CHECK(f.field == "workflows");
}

TEST_CASE("workflow config limits: 128 states and 512 transitions per workflow") {
  const auto chain = [](int states) {
    json c = minimal();
    json& w = c["workflows"][0];
    w["initial"] = "s0";
    w["states"] = json::array();
    w["transitions"] = json::array();
    for (int i = 0; i < states; ++i) {
      const bool last = i == states - 1;
      w["states"].push_back(state("s" + std::to_string(i), last ? "closed" : "open", last));
      if (!last) w["transitions"].push_back(transition("t" + std::to_string(i), {"s" + std::to_string(i)},
                                                       "s" + std::to_string(i + 1)));
    }
    return c;
  };
  CHECK(failure(chain(128)).status == Status::ok);
  Failure f = failure(chain(129));
  CHECK(f.status == Status::too_large);
  CHECK(f.field == "workflows[0].states");

  const auto parallel = [](int transitions) {
    json c = minimal();
    c["workflows"][0]["transitions"] = json::array();
    for (int i = 0; i < transitions; ++i) {
      c["workflows"][0]["transitions"].push_back(transition("t" + std::to_string(i), {"a"}, "b"));
    }
    return c;
  };
  CHECK(failure(parallel(512)).status == Status::ok);
  f = failure(parallel(513));
  CHECK(f.status == Status::too_large);
  CHECK(f.field == "workflows[0].transitions");

  WorkflowConfig built = rma::workflow_config_from_json(parallel(512).dump());
  built.workflows[0].transitions.push_back(built.workflows[0].transitions[0]);
  built.workflows[0].transitions.back().name = "t512";
  f = invalid(built);
  CHECK(f.status == Status::too_large);
  CHECK(f.field == "workflows[0].transitions");
}

TEST_CASE("workflow config limits: 32 guards and 32 effects per transition") {
  json guards = json::array();
  json effects = json::array();
  for (int i = 0; i < 32; ++i) {
    guards.push_back({{"guard", "warranty_checked"}});
    effects.push_back({{"effect", "sla_start"}, {"clock", "c" + std::to_string(i)}});
  }
  json c = minimal();
  c["workflows"][0]["transitions"][0]["guards"] = guards;
  c["workflows"][0]["transitions"][0]["effects"] = effects;
  CHECK(failure(c).status == Status::ok);

  c["workflows"][0]["transitions"][0]["guards"].push_back({{"guard", "warranty_checked"}});
  Failure f = failure(c);
  CHECK(f.status == Status::too_large);
  CHECK(f.field == "workflows[0].transitions[0].guards");

  c["workflows"][0]["transitions"][0]["guards"] = guards;
  c["workflows"][0]["transitions"][0]["effects"].push_back({{"effect", "sla_stop"}, {"clock", "x"}});
  f = failure(c);
  CHECK(f.status == Status::too_large);
  CHECK(f.field == "workflows[0].transitions[0].effects");

  WorkflowConfig built = rma::workflow_config_from_json(minimal().dump());
  built.workflows[0].transitions[0].effects.assign(33, rma::WorkflowRule{"sla_stop", R"({"clock":"x"})"});
  f = invalid(built);
  CHECK(f.status == Status::too_large);
  CHECK(f.field == "workflows[0].transitions[0].effects");
  built.workflows[0].transitions[0].effects.resize(32);
  CHECK(invalid(built).status == Status::ok);
}

TEST_CASE("workflow config limits: labels and names of 256 bytes") {
  json c = minimal();
  c["workflows"][0]["name"] = std::string(256, 'n');
  c["workflows"][0]["states"][0]["label"] = std::string(256, 'l');
  c["workflows"][0]["transitions"][0]["label"] = std::string(256, 'l');
  CHECK(failure(c).status == Status::ok);
  for (const auto& [pointer, field] : std::vector<std::pair<std::string, std::string>>{
           {"/workflows/0/name", "workflows[0].name"},
           {"/workflows/0/states/0/label", "workflows[0].states[0].label"},
           {"/workflows/0/transitions/0/label", "workflows[0].transitions[0].label"}}) {
    const auto& field_ = field;  // clang < 16 cannot capture a structured binding
    CAPTURE(field_);
    json longer = c;
    longer[json::json_pointer(pointer)] = std::string(257, 'l');
    const Failure f = failure(longer);
    CHECK(f.status == Status::too_large);
    CHECK(f.field == field);
  }
  c["workflows"][0]["states"][0]["label"] = "Requested\tby phone";
  CHECK(failure(c).status == Status::invalid_argument);
}

// ---- Configurations built in C++ --------------------------------------------------------------------

TEST_CASE("workflow config built in C++ gets the same checks") {
  WorkflowConfig c = rma::workflow_config_from_json(minimal().dump());
  CHECK(invalid(c).status == Status::ok);

  WorkflowConfig bad = c;
  bad.workflows[0].version = -1;
  Failure f = invalid(bad);
  CHECK(f.status == Status::out_of_range);
  CHECK(f.field == "workflows[0].version");

  bad = c;
  bad.workflows[0].transitions[0].roles.push_back(static_cast<rma::Role>(9));
  f = invalid(bad);
  CHECK(f.status == Status::unknown_value);
  CHECK(f.field == "workflows[0].transitions[0].roles[1]");

  bad = c;
  bad.workflows[0].states[0].category = static_cast<rma::StateCategory>(17);
  f = invalid(bad);
  CHECK(f.status == Status::unknown_value);
  CHECK(f.field == "workflows[0].states[0].category");

  bad = c;
  bad.workflows[0].applies_to.kinds.push_back(static_cast<rma::CaseKind>(4));
  CHECK(invalid(bad).field == "workflows[0].applies_to.kinds[0]");

  bad = c;
  bad.workflows[0].transitions[0].guards.push_back({"warranty_checked", "{not json"});
  f = invalid(bad);
  CHECK(f.status == Status::malformed_json);
  CHECK(f.field.rfind("workflows[0].transitions[0].guards[0]", 0) == 0);

  bad = c;
  bad.workflows[0].transitions[0].guards.push_back({"warranty_checked", "[]"});
  f = invalid(bad);
  CHECK(f.status == Status::wrong_type);
  CHECK(f.field == "workflows[0].transitions[0].guards[0]");

  // A parameter named like the rule's key could not be written back.
  bad = c;
  bad.workflows[0].transitions[0].effects.push_back({"outbox", R"({"effect":"x","topic":"debit_note"})"});
  f = invalid(bad);
  CHECK(f.status == Status::invalid_argument);
  CHECK(f.field == "workflows[0].transitions[0].effects[0].effect");
}
