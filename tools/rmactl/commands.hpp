// commands.hpp — each command group adds its subcommands to the application. A subcommand's
// callback only stores what to run in `action`; main runs it after parsing, inside the one place
// that turns failures into exit codes.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

#include "session.hpp"

namespace rmactl {

using Action = std::function<int()>;

void add_import_command(CLI::App& app, Session& session, Action& action);   // import_command.cpp
void add_sla_commands(CLI::App& app, Session& session, Action& action);     // tick, due
void add_case_commands(CLI::App& app, Session& session, Action& action);    // case show|find
void add_report_command(CLI::App& app, Session& session, Action& action);   // report
void add_outbox_commands(CLI::App& app, Session& session, Action& action);  // outbox fetch|ack|drain
void add_verify_command(CLI::App& app, Session& session, Action& action);   // verify
void add_backup_command(CLI::App& app, Session& session, Action& action);   // backup
void add_migrate_command(CLI::App& app, Session& session, Action& action);  // migrate
void add_config_commands(CLI::App& app, Session& session, Action& action);  // config get|set

}  // namespace rmactl
