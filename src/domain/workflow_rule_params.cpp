// domain/workflow_rule_params.cpp — the guards and effects a workflow may name, and the
// parameters each built-in one takes (docs/workflows.md).
//
// A rule's parameters are kept as JSON text (WorkflowRule::params), so they are parsed here and
// read with the strict reader: a configuration built in code gets the errors a document gets.
#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "domain/case_rules.hpp"
#include "domain/workflow_config_detail.hpp"
#include "json/enums.hpp"
#include "json/parse.hpp"
#include "json/reader.hpp"
#include "rma/error.hpp"
#include "rma/money.hpp"
#include "rma/workflow.hpp"

namespace rma {

using namespace domain::workflow_detail;

namespace {

using nlohmann::json;

constexpr std::array<const char*, 10> kGuardNames = {
    "required_fields", "warranty_checked", "all_lines_inspected", "all_lines_received", "all_actions_done",
    "all_repairs_done", "resolution_chosen", "attachment_present", "value_below", "value_above"};
constexpr std::array<const char*, 8> kEffectNames = {
    "assign", "set_field", "set_expected_completion", "sla_start", "sla_pause", "sla_stop", "notify", "outbox"};

constexpr char kCustomFieldPrefix[] = "custom_fields.";
// Fields a required_fields guard may name; the last entry stands for any custom field.
constexpr std::array<const char*, 13> kRequiredFieldNames = {
    "priority", "assignee", "team", "expected_completion", "resolution", "root_cause", "lines.serial",
    "lines.condition", "lines.reason_code", "lines.qty_received", "lines.qty_accepted", "lines.replacement_serial",
    "custom_fields.<key>"};
constexpr std::array<const char*, 6> kSettableFieldNames = {
    "priority", "assignee", "team", "resolution", "root_cause", "custom_fields.<key>"};
constexpr std::array<const char*, 6> kChosenResolutionNames = {
    "refund", "replace", "repair", "credit_note", "reject", "goodwill"};
constexpr std::array<const char*, 4> kRecipientNames = {"customer", "assignee", "team", "supplier"};
// What value_below / value_above compare (docs/workflows.md): the list value of the requested
// units, what is claimed from intake on, the goods accepted after receipt, or a total of the
// stored valuation.
constexpr std::array<const char*, 8> kValueMeasureNames = {
    "goods_value",       "claimed_value",  "accepted_value", "refund", "net_cost", "repair_cost",
    "supplier_recovery", "recovery_value"};
constexpr std::array<const char*, 5> kOutboxTopicNames = {
    "credit_note_request", "replacement_order", "supplier_return", "repair_invoice", "debit_note"};

template <std::size_t N>
bool is_one_of(std::string_view name, const std::array<const char*, N>& names) {
  return std::any_of(names.begin(), names.end(), [&](const char* known) { return name == known; });
}

template <std::size_t N>
[[noreturn]] void unknown(const std::string& field, std::string_view value, const std::array<const char*, N>& names) {
  codec::throw_unknown_value(field, value, names.data(), names.size());
}

bool is_custom_field(std::string_view name) {
  const std::string_view prefix = kCustomFieldPrefix;
  if (name.size() <= prefix.size() || name.substr(0, prefix.size()) != prefix) return false;
  const std::string_view key = name.substr(prefix.size());
  if (key.size() > static_cast<std::size_t>(kMaxCustomKey)) return false;
  return std::none_of(key.begin(), key.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7f;
  });
}

// ---- Guard and effect parameters ----------------------------------------------------------------

json rule_params(const WorkflowRule& rule, const std::string& path, const char* key) {
  json params = codec::parse_json(rule.params, path, codec::kDefaultJsonDepth);
  if (!params.is_object()) codec::throw_wrong_type(path, "object", params);
  // The key names the rule in the document; a parameter of that name could not be written back.
  if (params.contains(key)) {
    throw Error(Status::invalid_argument, field_of(path, key),
                std::string("the parameters repeat the key \"") + key + "\"");
  }
  return params;
}

// A non-empty list of distinct strings, each one of `names` (or a custom field if `custom`).
template <std::size_t N>
std::vector<std::string> read_choice_list(codec::ObjectReader& r, const char* key, const std::array<const char*, N>& names,
                                          bool custom, const char* empty_message) {
  const std::string path = r.path_of(key);
  std::vector<std::string> items = r.optional_texts(key, kMaxListItems, kMaxText).value_or(std::vector<std::string>{});
  if (items.empty()) throw Error(Status::invalid_argument, path, empty_message);
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!(custom && is_custom_field(items[i])) && !is_one_of(items[i], names)) unknown(at(path, i), items[i], names);
  }
  check_unique(items, path, "", "value");
  return items;
}

void validate_guard_params(const std::string& name, codec::ObjectReader& r) {
  if (name == "required_fields") {
    r.need("fields");
    read_choice_list(r, "fields", kRequiredFieldNames, /*custom=*/true, "lists no field");
  } else if (name == "resolution_chosen") {
    if (r.find("allowed") != nullptr) {
      read_choice_list(r, "allowed", kChosenResolutionNames, /*custom=*/false, "allows no resolution");
    }
  } else if (name == "attachment_present") {
    if (auto prefix = r.optional_text("media_type_prefix", kMaxText)) {
      domain::check_text(r.path_of("media_type_prefix"), *prefix, kMaxTemplate);
    }
  } else if (name == "value_below" || name == "value_above") {
    std::string measure = "goods_value";
    if (auto m = r.optional_text("measure", kMaxText)) {
      if (!is_one_of(*m, kValueMeasureNames)) unknown(r.path_of("measure"), *m, kValueMeasureNames);
      measure = *m;
    }
    const std::string field = r.path_of("amount");
    const Money amount = parse_money(r.text("amount", kMaxText), field);
    // Only the net cost can be below zero (recoveries above the costs).
    if (amount.minor < 0 && measure != "net_cost") {
      throw Error(Status::out_of_range, field, format_money(amount) + " is negative");
    }
  }
  // The other built-in guards take no parameters: finish() refuses any.
}

void validate_set_field(codec::ObjectReader& r) {
  const std::string field = r.text("field", kMaxText);
  const std::string field_path = r.path_of("field");
  const std::string value_path = r.path_of("value");
  if (is_custom_field(field)) {
    // Any JSON value, null included: the effect merges {"<key>": value} into the custom fields,
    // and null removes the key.
    if (!r.present("value")) throw Error(Status::missing_field, value_path, "is required");
    return;
  }
  if (!is_one_of(field, kSettableFieldNames)) unknown(field_path, field, kSettableFieldNames);
  const json& value = r.need("value");
  if (!value.is_string()) codec::throw_wrong_type(value_path, "string", value);
  const auto& text = value.get_ref<const std::string&>();
  if (field == "priority") {
    if (!priority_from_name(text)) unknown(value_path, text, codec::kPriorityNames);
  } else if (field == "resolution") {
    if (!resolution_from_name(text)) unknown(value_path, text, codec::kResolutionNames);
  } else {
    domain::check_text(value_path, text, field == "root_cause" ? kMaxText : kMaxLabel);
  }
}

void validate_effect_params(const std::string& name, codec::ObjectReader& r) {
  if (name == "assign") {
    const std::string assignee = r.optional_text("assignee", kMaxText).value_or("");
    const std::string team = r.optional_text("team", kMaxText).value_or("");
    domain::check_text(r.path_of("assignee"), assignee, kMaxLabel);
    domain::check_text(r.path_of("team"), team, kMaxLabel);
    if (assignee.empty() && team.empty()) {
      throw Error(Status::missing_field, r.path(), "assign needs an \"assignee\" or a \"team\"");
    }
  } else if (name == "set_field") {
    validate_set_field(r);
  } else if (name == "set_expected_completion") {
    r.integer("days", 0, kMaxDays);
    r.optional_boolean("business_days");
  } else if (name == "sla_start" || name == "sla_pause" || name == "sla_stop") {
    check_name(r.path_of("clock"), r.text("clock", kMaxText));
  } else if (name == "notify") {
    domain::check_text(r.path_of("template"), r.text("template", kMaxText), kMaxTemplate, /*required=*/true);
    if (r.find("to") != nullptr) read_choice_list(r, "to", kRecipientNames, /*custom=*/false, "names no recipient");
  } else if (name == "outbox") {
    const std::string topic = r.text("topic", kMaxText);
    if (!is_one_of(topic, kOutboxTopicNames)) unknown(r.path_of("topic"), topic, kOutboxTopicNames);
  }
}

void validate_guard(const WorkflowRule& rule, const std::string& path, const std::vector<std::string>& host_guards) {
  const bool builtin = is_one_of(rule.name, kGuardNames);
  if (!builtin && std::find(host_guards.begin(), host_guards.end(), rule.name) == host_guards.end()) {
    std::vector<const char*> names(kGuardNames.begin(), kGuardNames.end());
    for (const std::string& host : host_guards) names.push_back(host.c_str());
    codec::throw_unknown_value(field_of(path, "guard"), rule.name, names.data(), names.size());
  }
  const json params = rule_params(rule, path, "guard");
  if (!builtin) return;  // a host guard's parameters are the host's to check
  codec::ObjectReader r(params, path);
  validate_guard_params(rule.name, r);
  r.finish();
}

}  // namespace

namespace domain::workflow_detail {

void validate_effect(const WorkflowRule& rule, const std::string& path) {
  if (!is_one_of(rule.name, kEffectNames)) unknown(field_of(path, "effect"), rule.name, kEffectNames);
  const json params = rule_params(rule, path, "effect");
  codec::ObjectReader r(params, path);
  validate_effect_params(rule.name, r);
  r.finish();
}

void validate_guards(const std::vector<WorkflowRule>& guards, const std::string& path,
                     const std::vector<std::string>& host_guards) {
  check_count(path, guards.size(), kMaxRules);
  for (std::size_t m = 0; m < guards.size(); ++m) validate_guard(guards[m], at(path, m), host_guards);
}

}  // namespace domain::workflow_detail

const std::vector<std::string>& builtin_guard_names() {
  static const std::vector<std::string> names(kGuardNames.begin(), kGuardNames.end());
  return names;
}

const std::vector<std::string>& builtin_effect_names() {
  static const std::vector<std::string> names(kEffectNames.begin(), kEffectNames.end());
  return names;
}

}  // namespace rma
