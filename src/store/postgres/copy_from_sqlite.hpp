// store/postgres/copy_from_sqlite.hpp — moving an SQLite database to PostgreSQL (docs/postgresql.md,
// "Moving an SQLite database"): every table, history included, streamed with COPY into an empty
// schema, then read back and compared table by table (row count and content hash), all in one
// transaction on the target that commits only when every table agrees.
#pragma once

#include <SQLiteCpp/Database.h>

#include <string>

#include "rma/store_copy.hpp"

namespace rma::store {

// Reads `source` in one read transaction (a snapshot: commands other processes commit meanwhile
// are not copied) and copies it to the PostgreSQL location `target`. Errors: conflict naming "to"
// when the target schema holds rows; storage naming "to" when the target cannot be reached, refuses
// a value or does not read back what was sent; invalid_argument naming "progress" when the
// progress callback cancels. The target is unchanged after any error.
StoreCopyReport copy_from_sqlite(SQLite::Database& source, const std::string& target, const StoreCopyOptions& options);

}  // namespace rma::store
