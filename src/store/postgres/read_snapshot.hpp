// store/postgres/read_snapshot.hpp — several reads in one repeatable-read snapshot: a query page
// and its total, or the passes reports build their columns from, agree even while another engine
// writes. Inside the engine's write transaction there is one already, and nothing more is begun.
#pragma once

#include "store/postgres/connection.hpp"

namespace rma::store::pg {

class ReadSnapshot {
 public:
  explicit ReadSnapshot(Connection& db) : db_(db), own_(!db.in_transaction()) {
    if (own_) db_.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  }
  ~ReadSnapshot() {
    if (!own_) return;
    try {
      db_.exec(db_.in_transaction() ? "COMMIT" : "SELECT 1");
    } catch (...) {
      // A read-only transaction has nothing to lose; the server ends it with the session at worst.
    }
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  Connection& db_;
  bool own_;
};

}  // namespace rma::store::pg
