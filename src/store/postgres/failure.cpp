#include "store/postgres/failure.hpp"

#include "store/postgres/connection.hpp"
#include "store/store.hpp"

namespace rma::store::pg {

std::optional<Error> pg_failure(const std::exception& failure) noexcept {
  const auto* e = dynamic_cast<const PgFailure*>(&failure);
  if (!e) return std::nullopt;
  try {
    const std::string& state = e->sqlstate();
    if (e->connection_lost()) {
      return Error(Status::storage, "", std::string("database connection lost: ") + e->what(), "connection");
    }
    if (state == "55P03") return Error(Status::storage, "", std::string("database error: ") + e->what(), "busy");
    if (state == "40001" || state == "40P01") {
      return Error(Status::conflict, "", std::string("database error: ") + e->what(), Store::kRetryReason);
    }
    return Error(Status::storage, "", std::string("database error: ") + e->what());
  } catch (...) {
    return std::nullopt;  // no memory for the message: the caller reports the failure as it is
  }
}

}  // namespace rma::store::pg
