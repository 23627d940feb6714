// sla_commands.cpp — `tick` (record SLA warnings and breaches; for cron) and `due` (what falls
// due soon, or is overdue), over ops sla.tick, sla.due and sla.overdue.
#include <cstdint>
#include <iostream>
#include <memory>
#include <string>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "rma/error.hpp"

namespace rmactl {
namespace {

// "90", "90s", "15m", "4h", "2d" -> seconds. The bounds are the engine's (sla.due checks them).
std::int64_t parse_duration(const std::string& text) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  const std::string unit = text.substr(digits);
  std::int64_t scale = 0;
  if (unit.empty() || unit == "s") scale = 1;
  else if (unit == "m") scale = 60;
  else if (unit == "h") scale = 3600;
  else if (unit == "d") scale = 86400;
  if (digits == 0 || digits > 12 || scale == 0)
    throw rma::Error(rma::Status::invalid_argument, "--within",
                     "\"" + text + "\" is not a duration like 90, 90s, 15m, 4h or 2d");
  return std::stoll(text.substr(0, digits)) * scale;
}

int run_tick(Session& session, const std::string& now) {
  nlohmann::json request = nlohmann::json::object();
  if (!now.empty()) request["now"] = now;
  const nlohmann::json answer = session.call("sla.tick", request);
  if (session.globals().json) {
    print_json(std::cout, answer);
    return kOk;
  }
  Table table{{"case", "clock", "kind", "at", "policy"}, {}};
  for (const auto& e : answer.at("events"))
    table.rows.push_back(cells_of(e, {"case_number", "clock", "kind", "at", "policy"}));
  if (!table.rows.empty()) print_table(std::cout, table);
  std::cout << table.rows.size() << " SLA crossing(s) recorded\n";
  return kOk;
}

struct DueOptions {
  std::string within = "24h";
  std::int64_t limit = 100;
  bool overdue = false;
};

int run_due(Session& session, const DueOptions& options) {
  nlohmann::json answer;
  if (options.overdue) {
    answer = session.call("sla.overdue", {{"limit", options.limit}});
  } else {
    answer = session.call("sla.due", {{"seconds", parse_duration(options.within)}, {"limit", options.limit}});
  }
  if (session.globals().json) {
    print_json(std::cout, answer);
    return kOk;
  }
  Table table{{"case", "clock", "due_at", "warning_at", "paused", "assignee", "team"}, {}};
  for (const auto& item : answer.at("items"))
    table.rows.push_back(cells_of(item, {"case_number", "clock", "due_at", "warning_at", "paused", "assignee", "team"}));
  print_table(std::cout, table);
  return kOk;
}

}  // namespace

void add_sla_commands(CLI::App& app, Session& session, Action& action) {
  auto now = std::make_shared<std::string>();
  CLI::App* tick = app.add_subcommand("tick", "record the SLA warnings and breaches due by now (run it from cron)");
  tick->add_option("--now", *now, "ISO 8601 instant to tick at instead of the clock (2026-11-25T09:30:00Z)");
  tick->callback([&session, &action, now] { action = [&session, now] { return run_tick(session, *now); }; });

  auto due_options = std::make_shared<DueOptions>();
  CLI::App* due = app.add_subcommand("due", "SLA clocks falling due soon, soonest first (or overdue ones)");
  due->add_option("--within", due_options->within, "how far ahead: seconds, or 15m, 4h, 2d")->capture_default_str();
  due->add_option("--limit", due_options->limit, "at most this many clocks (1..10000)")->capture_default_str();
  due->add_flag("--overdue", due_options->overdue, "clocks past due instead, longest overdue first");
  due->callback([&session, &action, due_options] {
    action = [&session, due_options] { return run_due(session, *due_options); };
  });
}

}  // namespace rmactl
