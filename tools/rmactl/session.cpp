// session.cpp — opening the engine for a command and calling its ops.
#include "session.hpp"

#include <sys/stat.h>

#include "rma/error.hpp"
#include "rma/json_api.hpp"

namespace rmactl {

bool is_server_location(const std::string& location) {
  // Engine::open's two PostgreSQL forms: a URI, or libpq key=value pairs (docs/postgresql.md).
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0 ||
         (location.find('=') != std::string::npos && location.find('/') != 0);
}

rma::Engine& Session::engine(bool may_create) {
  if (engine_) return *engine_;
  if (globals_.db.empty()) throw UsageError("--db: no database given (or set RMA_DB)");
  if (!may_create && !is_server_location(globals_.db)) {
    struct stat info {};
    if (::stat(globals_.db.c_str(), &info) != 0)
      throw rma::Error(rma::Status::not_found, "--db", "no database at \"" + globals_.db + "\"");
  }
  engine_.emplace(rma::Engine::open(globals_.db));
  return *engine_;
}

rma::Actor Session::actor() const {
  try {
    return rma::Actor::parse(globals_.actor);
  } catch (const rma::Error& e) {
    throw rma::Error(e.status(), "--actor", e.what());
  }
}

nlohmann::json Session::call(std::string_view op, const nlohmann::json& request, bool may_create) {
  rma::JsonApi api(engine(may_create));
  return nlohmann::json::parse(api.call(globals_.actor, op, request.dump()));
}

}  // namespace rmactl
