// store/sqlite/read_snapshot.hpp — several reads in one snapshot: a query page and its total, or
// the passes reports build their columns from, agree even while another process writes. Inside
// the engine's write transaction there is one already, and nothing more is begun.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

namespace rma::store {

class ReadSnapshot {
 public:
  explicit ReadSnapshot(SQLite::Database& db) : db_(db), own_(sqlite3_get_autocommit(db.getHandle()) != 0) {
    if (own_) db_.exec("BEGIN");
  }
  ~ReadSnapshot() {
    if (!own_) return;
    try {
      db_.exec("COMMIT");
    } catch (...) {
      // A read-only transaction has nothing to lose; SQLite ends it with the connection at worst.
    }
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  SQLite::Database& db_;
  bool own_;
};

}  // namespace rma::store
