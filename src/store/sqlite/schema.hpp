// store/sqlite/schema.hpp — the SQLite schema and its migrations.
#pragma once

#include <SQLiteCpp/Database.h>

namespace rma::store {

// The schema version this build writes (PRAGMA user_version).
constexpr int kSchemaVersion = 11;

// Brings a database to kSchemaVersion, one migration per version, each in its own transaction.
// A database written by a newer librma is refused (Status::storage) rather than damaged.
void migrate(SQLite::Database& db);

}  // namespace rma::store
