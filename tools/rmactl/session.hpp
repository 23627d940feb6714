// session.hpp — what every rmactl command shares: the global options, the engine (opened on
// first use, so `--help` and usage errors never touch the database) and the JSON op dispatcher.
// rmactl is an adapter: every rule it applies is the engine's, reached through these calls.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "rma/actor.hpp"
#include "rma/engine.hpp"

namespace rmactl {

struct Globals {
  std::string db;                         // --db / RMA_DB: an SQLite file or a PostgreSQL location
  std::string actor = "system:rmactl";    // --actor: who the history names
  bool json = false;                      // --json: one JSON document on stdout
  bool quiet = false;                     // --quiet: no progress bar
};

// A command line that is wrong in a way CLI11 cannot see (exit code kUsage).
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// True when `location` names a PostgreSQL server rather than an SQLite file.
bool is_server_location(const std::string& location);

class Session {
 public:
  explicit Session(const Globals& globals) : globals_(globals) {}

  const Globals& globals() const { return globals_; }
  // The engine on --db. An SQLite file that does not exist is not_found (naming --db) unless
  // `may_create`: only commands that bring data in start a new database.
  rma::Engine& engine(bool may_create = false);
  rma::Actor actor() const;
  // Runs a JSON op as --actor; throws rma::Error as the engine does.
  nlohmann::json call(std::string_view op, const nlohmann::json& request, bool may_create = false);

 private:
  const Globals& globals_;
  std::optional<rma::Engine> engine_;
};

}  // namespace rmactl
