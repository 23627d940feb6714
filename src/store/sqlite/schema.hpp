// store/sqlite/schema.hpp — the SQLite schema and its migrations.
#pragma once

#include <SQLiteCpp/Database.h>

namespace rma::store {

// The schema version this build writes (PRAGMA user_version). PostgreSQL has the same version:
// a new step here gets its twin in store/postgres/schema.cpp in the same commit (it fails to
// compile until it does).
constexpr int kSchemaVersion = 16;

// Brings a database to kSchemaVersion, one migration per version, each in its own transaction.
// A database written by a newer librma is refused (Status::storage) rather than damaged.
void migrate(SQLite::Database& db);

}  // namespace rma::store
