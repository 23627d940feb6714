// rmactl — the operator's command line over librma: imports, SLA ticks, cases, reports, the
// outbox, integrity checks, backups, migration and configuration (docs/cli.md, docs/rmactl.1).
#include <exception>
#include <iostream>
#include <new>
#include <string>

#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "rma/error.hpp"
#include "rma/version.hpp"
#include "session.hpp"

namespace {

int fail(const rmactl::Globals& globals, int code, const std::string& status, const std::string& field,
         const std::string& message, const std::string& reason) {
  std::cerr << "rmactl: " << message << '\n';
  if (globals.json) {
    nlohmann::json error = {{"status", status}, {"field", field}, {"message", message}, {"reason", reason}};
    rmactl::print_json(std::cout, {{"error", error}, {"exit_code", code}});
  }
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  rmactl::Globals globals;
  CLI::App app{"rmactl: operate a librma returns database from the shell and from cron.\n"
               "Exit codes: 0 ok, 1 internal error, 2 usage, 3 not found, 4 invalid input (nothing\n"
               "written), 5 conflict, 6 store or I/O error, 7 permission denied, 8 incomplete.",
               "rmactl"};
  app.require_subcommand(1);
  app.fallthrough();
  app.set_version_flag("--version", std::string("rmactl ") + rma::version_string());
  app.add_option("--db", globals.db, "SQLite file or PostgreSQL location (postgresql://... or key=value)")
      ->envname("RMA_DB");
  app.add_option("--actor", globals.actor, "who the history names, role:id")
      ->envname("RMA_ACTOR")
      ->capture_default_str();
  app.add_flag("--json", globals.json, "print one JSON document on stdout (errors too)");
  app.add_flag("-q,--quiet", globals.quiet, "no progress bar");

  rmactl::Session session(globals);
  rmactl::Action action;
  rmactl::add_import_command(app, session, action);
  rmactl::add_sla_commands(app, session, action);
  rmactl::add_case_commands(app, session, action);
  rmactl::add_report_command(app, session, action);
  rmactl::add_outbox_commands(app, session, action);
  rmactl::add_verify_command(app, session, action);
  rmactl::add_backup_command(app, session, action);
  rmactl::add_migrate_command(app, session, action);
  rmactl::add_config_commands(app, session, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return rmactl::kUsage;
  }
  try {
    return action ? action() : rmactl::kUsage;
  } catch (const rmactl::UsageError& e) {
    return fail(globals, rmactl::kUsage, "usage", "", e.what(), "");
  } catch (const rma::Error& e) {
    return fail(globals, rmactl::exit_code_for(e.status()), rma::status_name(e.status()), e.field(), e.what(),
                e.reason());
  } catch (const std::bad_alloc&) {
    return fail(globals, rmactl::kInternal, "no_memory", "", "out of memory", "");
  } catch (const std::exception& e) {
    return fail(globals, rmactl::kInternal, "internal", "", e.what(), "");
  }
}
