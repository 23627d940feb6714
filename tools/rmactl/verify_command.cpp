// verify_command.cpp — `verify`: is the store sound? For an SQLite file, SQLite's own check of
// every page and index (quick_check, or integrity_check with --full) and the schema version;
// exit 8 when a check finds damage.
#include <iostream>
#include <memory>
#include <string>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "sqlite_file.hpp"

namespace rmactl {
namespace {

int run_verify(Session& session, bool full) {
  const Globals& globals = session.globals();
  if (globals.db.empty()) throw UsageError("--db: no database given (or set RMA_DB)");
  if (is_server_location(globals.db))
    throw UsageError("--db: verify checks SQLite files; PostgreSQL checks its own pages (amcheck)");
  const IntegrityReport store = check_sqlite_file(globals.db, full, "--db");
  const bool schema_ok = store.schema_version <= store.supported_schema_version;
  const bool ok = store.problems.empty() && schema_ok;
  if (globals.json) {
    print_json(std::cout, {{"ok", ok},
                           {"store", {{"ok", store.problems.empty()},
                                      {"check", store.check},
                                      {"problems", store.problems},
                                      {"schema_version", store.schema_version},
                                      {"supported_schema_version", store.supported_schema_version}}}});
  } else {
    std::cout << "store: " << store.check << ' ' << (store.problems.empty() ? "ok" : "FAILED") << '\n';
    for (const auto& problem : store.problems) std::cout << "  " << problem << '\n';
    std::cout << "schema version: " << store.schema_version << " (this librma writes "
              << store.supported_schema_version << (schema_ok ? ")" : "; the file is newer: upgrade librma)") << '\n';
  }
  return ok ? kOk : kIncomplete;
}

}  // namespace

void add_verify_command(CLI::App& app, Session& session, Action& action) {
  auto full = std::make_shared<bool>(false);
  CLI::App* verify = app.add_subcommand("verify", "check the store's integrity and schema version (exit 8 on damage)");
  verify->add_flag("--full", *full, "PRAGMA integrity_check (slower; also checks index contents) instead of quick_check");
  verify->callback([&session, &action, full] { action = [&session, full] { return run_verify(session, *full); }; });
}

}  // namespace rmactl
