// store/postgres/pg_store.hpp — the Store on a PostgreSQL server, for several application servers
// sharing one database (docs/postgresql.md).
//
// The location is a libpq connection string, URI (postgresql://…) or key/value ("host=… dbname=…"),
// handed to libpq as it is; the first schema of its search_path holds the tables. One writer at a
// time, as on SQLite: begin() takes a transaction-scoped advisory lock, so event sequence numbers
// are commit order and a follower reading "events after N" never skips one.
#pragma once

#include <memory>
#include <string>

#include "rma/options.hpp"
#include "store/store.hpp"

namespace rma::store {

// Connects and migrates. Throws Error(Status::storage, "path") when the server cannot be reached.
std::unique_ptr<Store> open_pg_store(const std::string& location, const Options& options);

}  // namespace rma::store
