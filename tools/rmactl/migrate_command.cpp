// migrate_command.cpp — `migrate --to LOCATION`: the SQLite database copied into an empty
// PostgreSQL schema and verified there, table by table (op store.copy, docs/postgresql.md).
#include <iostream>
#include <memory>
#include <string>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "progress_bar.hpp"
#include "rma/json_api.hpp"

namespace rmactl {
namespace {

int run_migrate(Session& session, const std::string& to) {
  ProgressBar bar(session.globals(), "migrate");
  rma::JsonApi api(session.engine());
  const nlohmann::json request = {{"to", to}};
  const nlohmann::json report = nlohmann::json::parse(api.call_store_copy(
      session.globals().actor, request.dump(),
      [&bar](const std::string& table, std::int64_t done, std::int64_t total) {
        bar.update(total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 1.0,
                   table + " " + std::to_string(done) + "/" + std::to_string(total));
        return true;
      }));
  bar.finish();
  if (session.globals().json) {
    print_json(std::cout, report);
    return kOk;
  }
  Table table{{"table", "rows", "hash"}, {}};
  for (const auto& t : report.at("tables"))
    table.rows.push_back(cells_of(t, {"table", "rows", "hash"}));
  print_table(std::cout, table);
  std::cout << report.at("rows") << " rows copied and verified (schema version " << report.at("schema_version") << ")\n";
  return kOk;
}

}  // namespace

void add_migrate_command(CLI::App& app, Session& session, Action& action) {
  auto to = std::make_shared<std::string>();
  CLI::App* migrate = app.add_subcommand(
      "migrate", "copy the SQLite database (history included) into an empty PostgreSQL schema and verify it there");
  migrate->add_option("--to", *to, "PostgreSQL location: postgresql://... or libpq key=value")->required();
  migrate->callback([&session, &action, to] { action = [&session, to] { return run_migrate(session, *to); }; });
}

}  // namespace rmactl
