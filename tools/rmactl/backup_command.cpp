// backup_command.cpp — `backup FILE`: a consistent copy of a live SQLite database with SQLite's
// online backup API, checked before it takes its name.
#include <iostream>
#include <memory>
#include <string>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "progress_bar.hpp"
#include "sqlite_file.hpp"

namespace rmactl {
namespace {

int run_backup(Session& session, const std::string& file) {
  const Globals& globals = session.globals();
  if (globals.db.empty()) throw UsageError("--db: no database given (or set RMA_DB)");
  if (is_server_location(globals.db)) throw UsageError("--db: backup copies SQLite files; use pg_dump for PostgreSQL");
  ProgressBar bar(globals, "backup");
  const BackupReport report = backup_sqlite_file(globals.db, file, [&bar](std::int64_t done, std::int64_t total) {
    bar.update(total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 1.0,
               std::to_string(done) + "/" + std::to_string(total) + " pages");
  });
  bar.finish();
  if (globals.json) print_json(std::cout, {{"file", file}, {"pages", report.pages}, {"bytes", report.bytes}});
  else std::cout << "backup written to " << file << " (" << report.bytes << " bytes, checked)\n";
  return kOk;
}

}  // namespace

void add_backup_command(CLI::App& app, Session& session, Action& action) {
  auto file = std::make_shared<std::string>();
  CLI::App* backup = app.add_subcommand("backup", "copy the live SQLite database to FILE (online backup; FILE must not exist)");
  backup->add_option("file", *file, "where to write the copy")->required();
  backup->callback([&session, &action, file] { action = [&session, file] { return run_backup(session, *file); }; });
}

}  // namespace rmactl
