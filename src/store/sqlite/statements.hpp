// store/sqlite/statements.hpp — prepared statements of one connection, compiled once and reused.
//
// The key is the address of the SQL text, which is always a string literal, so a look-up costs
// no hashing of the text. Each use hands out a Ref that resets the statement when the caller is
// done with it: an active SELECT would keep the connection's read snapshot (and block WAL
// checkpoints) until the next use. Not thread-safe: the store's owner serializes calls.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <memory>
#include <unordered_map>

namespace rma::store {

class Statements {
 public:
  explicit Statements(SQLite::Database& db) : db_(db) {}

  class Ref {
   public:
    explicit Ref(SQLite::Statement& s) : s_(s) {}
    Ref(const Ref&) = delete;
    Ref& operator=(const Ref&) = delete;
    ~Ref() { s_.tryReset(); }
    SQLite::Statement* operator->() { return &s_; }
    SQLite::Statement& operator*() { return s_; }

   private:
    SQLite::Statement& s_;
  };

  // The statement for `sql` (a string literal), its bindings cleared.
  Ref get(const char* sql) {
    auto it = statements_.find(sql);
    if (it == statements_.end()) {
      it = statements_.emplace(sql, std::make_unique<SQLite::Statement>(db_, sql)).first;
    } else {
      it->second->clearBindings();
    }
    return Ref(*it->second);
  }

 private:
  SQLite::Database& db_;
  std::unordered_map<const char*, std::unique_ptr<SQLite::Statement>> statements_;
};

}  // namespace rma::store
