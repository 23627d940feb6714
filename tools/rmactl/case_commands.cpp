// case_commands.cpp — `case show` (one case by number or id, optionally with its history) and
// `case find` (a page of case.query), for an operator at a terminal or a script with --json.
#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "arguments.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "output.hpp"

namespace rmactl {
namespace {

bool all_digits(const std::string& text) {
  return !text.empty() && text.size() <= 18 && text.find_first_not_of("0123456789") == std::string::npos;
}

struct ShowOptions {
  std::string which;
  bool history = false;
};

int run_show(Session& session, const ShowOptions& options) {
  // Digits alone are an id; anything else is a number as a person typed it (case.get forgives
  // case, spaces and separators).
  nlohmann::json request;
  if (all_digits(options.which)) request["case_id"] = std::stoll(options.which);
  else request["number"] = options.which;
  nlohmann::json the_case = session.call("case.get", request);
  nlohmann::json history;
  if (options.history) history = session.call("case.history", {{"case_id", the_case.at("id")}});
  if (session.globals().json) {
    if (options.history) print_json(std::cout, {{"case", the_case}, {"history", history}});
    else print_json(std::cout, the_case);
    return kOk;
  }
  print_fields(std::cout, the_case,
               {"number", "id", "kind", "category", "channel", "customer_id", "supplier_id", "status", "status_since",
                "workflow", "priority", "assignee", "team", "resolution", "root_cause", "expected_completion",
                "decision_locked", "created_at", "updated_at", "version"});
  Table lines{{"line", "sku", "serial", "lot", "reason", "requested", "authorized", "received", "accepted"}, {}};
  for (const auto& line : the_case.value("lines", nlohmann::json::array()))
    lines.rows.push_back(cells_of(line, {"line_no", "sku", "serial", "lot", "reason_code", "qty_requested",
                                         "qty_authorized", "qty_received", "qty_accepted"}));
  std::cout << '\n';
  print_table(std::cout, lines);
  std::cout << '\n'
            << the_case.value("notes", nlohmann::json::array()).size() << " note(s), "
            << the_case.value("attachments", nlohmann::json::array()).size() << " attachment(s), "
            << the_case.value("actions", nlohmann::json::array()).size() << " action(s)\n";
  if (options.history) {
    Table events{{"seq", "at", "actor", "type"}, {}};
    const nlohmann::json& list = history.is_array() ? history : history.value("events", nlohmann::json::array());
    for (const auto& e : list)
      events.rows.push_back(cells_of(e, {"seq", "at", "actor", "type"}));
    std::cout << '\n';
    print_table(std::cout, events);
  }
  return kOk;
}

struct FindOptions {
  std::map<std::string, std::string> text_filters;  // option name -> case.query member
  std::vector<std::string> where;                   // key=value, a member of case.query as JSON or text
  std::int64_t limit = 50;
  std::string cursor;
  std::string sort;
  bool descending = false;
};

int run_find(Session& session, const FindOptions& options) {
  nlohmann::json request = nlohmann::json::object();
  for (const auto& [member, value] : options.text_filters)
    if (!value.empty()) request[member] = value;
  for (const auto& clause : options.where) {
    auto member = key_value(clause, "--where");
    request[member.first] = std::move(member.second);
  }
  request["limit"] = options.limit;
  if (!options.cursor.empty()) request["cursor"] = options.cursor;
  if (!options.sort.empty()) request["sort"] = options.sort;
  if (options.descending) request["descending"] = true;
  const nlohmann::json answer = session.call("case.query", request);
  if (session.globals().json) {
    print_json(std::cout, answer);
    return kOk;
  }
  Table table{{"number", "id", "kind", "status", "customer", "assignee", "priority", "created_at"}, {}};
  for (const auto& c : answer.value("items", nlohmann::json::array()))
    table.rows.push_back(cells_of(c, {"number", "id", "kind", "status", "customer_id", "assignee", "priority",
                                      "created_at"}));
  print_table(std::cout, table);
  const auto next = answer.value("next_cursor", nlohmann::json());
  if (next.is_string() && !next.get<std::string>().empty())
    std::cout << "more: --cursor " << next.get<std::string>() << '\n';
  return kOk;
}

}  // namespace

void add_case_commands(CLI::App& app, Session& session, Action& action) {
  CLI::App* group = app.add_subcommand("case", "look cases up");
  group->require_subcommand(1);

  auto show = std::make_shared<ShowOptions>();
  CLI::App* show_cmd = group->add_subcommand("show", "one case: its facts, lines and counts (--json: the whole document)");
  show_cmd->add_option("case", show->which, "the RMA number as typed (RMA-2026-000001-4) or the case id")->required();
  show_cmd->add_flag("--history", show->history, "add the case's history");
  show_cmd->callback([&session, &action, show] { action = [&session, show] { return run_show(session, *show); }; });

  auto find = std::make_shared<FindOptions>();
  CLI::App* find_cmd = group->add_subcommand("find", "a page of cases matching every filter given");
  for (const char* member : {"customer_id", "status", "kind", "channel", "assignee", "team", "serial", "sku",
                             "sales_document", "number_prefix", "created_from", "created_to"}) {
    std::string name = member;
    for (char& c : name)
      if (c == '_') c = '-';
    find_cmd->add_option("--" + name, find->text_filters[member], std::string("case.query member ") + member);
  }
  find_cmd->add_option("--where", find->where, "any other case.query member, key=value (value as JSON or text)");
  find_cmd->add_option("--limit", find->limit, "cases per page (1..1000)")->capture_default_str();
  find_cmd->add_option("--cursor", find->cursor, "the next page of the same query");
  find_cmd->add_option("--sort", find->sort, "created_at, updated_at, number, priority, status, ...");
  find_cmd->add_flag("--descending", find->descending, "newest (largest) first");
  find_cmd->callback([&session, &action, find] { action = [&session, find] { return run_find(session, *find); }; });
}

}  // namespace rmactl
