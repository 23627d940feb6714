// verify_command.cpp — `verify`: is the store sound? For an SQLite file, SQLite's own check of
// every page and index (quick_check, or integrity_check with --full) and the schema version, read
// from the file without opening an engine; then the audit chain (op audit.verify: every event's
// hash link and every signed checkpoint, docs/audit.md). On PostgreSQL, the audit chain only.
// Exit 8 when a check finds damage.
#include <cstdint>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "progress_bar.hpp"
#include "rma/json_api.hpp"
#include "sqlite_file.hpp"

namespace rmactl {
namespace {

struct VerifyOptions {
  bool full = false;
  bool audit = true;
  std::vector<std::string> trusted_keys;
};

nlohmann::json verify_audit(Session& session, const VerifyOptions& options) {
  nlohmann::json request = nlohmann::json::object();
  if (!options.trusted_keys.empty()) request["trusted_keys"] = options.trusted_keys;
  ProgressBar bar(session.globals(), "audit");
  rma::JsonApi api(session.engine());
  const nlohmann::json answer = nlohmann::json::parse(api.call_audit_verify(
      session.globals().actor, request.dump(), [&bar](std::int64_t done, std::int64_t total) {
        bar.update(total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 1.0,
                   std::to_string(done) + " events");
        return true;
      }));
  bar.finish();
  return answer;
}

void print_audit(const nlohmann::json& audit) {
  std::cout << "audit chain: " << (audit.at("ok").get<bool>() ? "ok" : "BROKEN") << " ("
            << audit.at("events_checked") << " events, " << audit.at("checkpoints_checked") << " checkpoints, "
            << audit.at("unsigned_events") << " events after the last good checkpoint)\n";
  const nlohmann::json& first_break = audit.at("first_break");
  if (!first_break.is_null())
    std::cout << "  first break: seq " << first_break.at("seq") << ' ' << cell_text(first_break.at("case_number")) << ' '
              << cell_text(first_break.at("type")) << ": " << cell_text(first_break.at("problem")) << " — "
              << cell_text(first_break.at("message")) << '\n';
}

int run_verify(Session& session, const VerifyOptions& options) {
  const Globals& globals = session.globals();
  if (globals.db.empty()) throw UsageError("--db: no database given (or set RMA_DB)");
  nlohmann::json result = {{"ok", true}, {"store", nullptr}, {"audit", nullptr}};
  bool audit_possible = true;
  if (!is_server_location(globals.db)) {
    const IntegrityReport store = check_sqlite_file(globals.db, options.full, "--db");
    const bool schema_ok = store.schema_version <= store.supported_schema_version;
    const bool ok = store.problems.empty() && schema_ok;
    // Opening an engine migrates an older file: verify looks, it does not write.
    audit_possible = ok && store.schema_version == store.supported_schema_version;
    result["ok"] = ok;
    result["store"] = {{"ok", store.problems.empty()},
                       {"check", store.check},
                       {"problems", store.problems},
                       {"schema_version", store.schema_version},
                       {"supported_schema_version", store.supported_schema_version}};
    if (!globals.json) {
      std::cout << "store: " << store.check << ' ' << (store.problems.empty() ? "ok" : "FAILED") << '\n';
      for (const auto& problem : store.problems) std::cout << "  " << problem << '\n';
      std::cout << "schema version: " << store.schema_version << " (this librma writes "
                << store.supported_schema_version
                << (schema_ok ? ")" : "; the file is newer: upgrade librma)") << '\n';
      if (ok && !audit_possible && options.audit)
        std::cout << "audit chain: not checked (the file's schema is older; open it once with this librma)\n";
    }
  }
  if (options.audit && audit_possible) {
    const nlohmann::json audit = verify_audit(session, options);
    result["audit"] = audit;
    if (!audit.at("ok").get<bool>()) result["ok"] = false;
    if (!globals.json) print_audit(audit);
  }
  if (globals.json) print_json(std::cout, result);
  return result.at("ok").get<bool>() ? kOk : kIncomplete;
}

}  // namespace

void add_verify_command(CLI::App& app, Session& session, Action& action) {
  auto options = std::make_shared<VerifyOptions>();
  CLI::App* verify = app.add_subcommand(
      "verify", "check the store (SQLite pages and indexes, schema version) and the audit chain (exit 8 on damage)");
  verify->add_flag("--full", options->full,
                   "PRAGMA integrity_check (slower; also checks index contents) instead of quick_check");
  verify->add_flag("!--no-audit", options->audit, "skip the audit chain");
  verify->add_option("--trusted-key", options->trusted_keys,
                     "an Ed25519 public key (64 hex digits) kept apart from the database; checkpoints must be "
                     "signed by one of them");
  verify->callback([&session, &action, options] {
    action = [&session, options] { return run_verify(session, *options); };
  });
}

}  // namespace rmactl
