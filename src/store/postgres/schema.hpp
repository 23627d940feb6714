// store/postgres/schema.hpp — the PostgreSQL schema and its migrations, at the same version
// number as SQLite's (store/sqlite/schema.hpp, kSchemaVersion): the same tables, columns and
// indexes, the case counters kept by plpgsql triggers. A later SQLite step gets its PostgreSQL
// twin in the same commit (a static_assert in schema.cpp fails the build until it does).
#pragma once

#include <string>

#include "store/postgres/connection.hpp"

namespace rma::store::pg {

// The advisory lock keys of librma: (kLockClass, hashtext(schema)) serializes writers, and
// (kMigrationLockClass, hashtext(schema)) migrations. One pair per schema, so several librma
// databases can share a PostgreSQL database in schemas of their own.
constexpr int kLockClass = 0x524D41;            // "RMA"
constexpr int kMigrationLockClass = 0x524D42;

// Creates the first schema of the connection's search_path if it does not exist and brings it to
// kSchemaVersion under the migration lock, so two servers starting together do not race; each
// step in its own transaction. A schema written by a newer librma is refused (Status::storage).
void migrate(Connection& db);

}  // namespace rma::store::pg
