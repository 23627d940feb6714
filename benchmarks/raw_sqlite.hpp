// benchmarks/raw_sqlite.hpp — the baseline's side: SQLite through its C API, with the pragmas
// librma sets, prepared statements and nothing else.
#pragma once

#include <sqlite3.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace bench {

class RawDb {
 public:
  explicit RawDb(const std::string& path) {
    check(sqlite3_open(path.c_str(), &db_));
    for (const char* pragma : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", "PRAGMA foreign_keys = ON",
                               "PRAGMA cache_size = -32768"}) {  // as librma sets them
      check(sqlite3_exec(db_, pragma, nullptr, nullptr, nullptr));
    }
    begin_ = prepare("BEGIN IMMEDIATE");
    commit_ = prepare("COMMIT");
  }
  ~RawDb() {
    for (sqlite3_stmt* s : statements_) sqlite3_finalize(s);
    sqlite3_close(db_);
  }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  sqlite3* db() const { return db_; }
  void check(int rc) const {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) throw std::runtime_error(sqlite3_errmsg(db_));
  }
  // Finalized with the database.
  sqlite3_stmt* prepare(const char* sql) {
    sqlite3_stmt* s = nullptr;
    check(sqlite3_prepare_v2(db_, sql, -1, &s, nullptr));
    statements_.push_back(s);
    return s;
  }
  // Runs a statement to its end (a RETURNING row is stepped past) and resets it.
  void step(sqlite3_stmt* s) const {
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) rc = sqlite3_step(s);
    check(rc);
    sqlite3_reset(s);
  }
  static void text(sqlite3_stmt* s, int i, const std::string& v) {
    sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void begin() const { step(begin_); }
  void commit() const { step(commit_); }

 private:
  sqlite3* db_ = nullptr;
  std::vector<sqlite3_stmt*> statements_;
  sqlite3_stmt* begin_ = nullptr;
  sqlite3_stmt* commit_ = nullptr;
};

}  // namespace bench
