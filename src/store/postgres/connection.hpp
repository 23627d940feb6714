// store/postgres/connection.hpp — one libpq connection: statements prepared once per SQL text,
// every value a parameter ($1..$n, text format, bytes for bytea in binary format), results as RAII
// values (text format), failures as PgFailure.
//
// libpq directly rather than libpqxx: it is the reference client with a stable C ABI, and the
// store needs nothing a C++ layer would add (and would have its own exceptions to translate).
//
// A connection that was lost is opened again by the next statement run outside a transaction
// (`reconnected()` then says so once, since notifications and session settings were lost with
// it); inside a transaction the loss fails the command, which the engine rolls back.
//
// Writes whose results the caller does not need go out with send(): libpq's pipeline mode queues
// them on the socket without waiting, and the next statement that needs an answer (run, run_all,
// exec, exec_all) waits for them and for itself in one round trip. On a server a command costs
// its round trips, so a command's inserts travel with its next read or its COMMIT. A queued write
// that fails fails that next statement with the write's own SQLSTATE; the server skips what was
// queued after it and the transaction is aborted, so the command rolls back as if the write had
// failed at once. discard() forgets what is queued (rollback).
//
// Not thread-safe: the store's owner serializes calls.
#pragma once

#include "store/postgres/libpq_api.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace rma::store::pg {

// A libpq failure: the server's SQLSTATE ("" when the server never answered) and whether the
// connection was lost.
class PgFailure : public std::runtime_error {
 public:
  PgFailure(const std::string& message, std::string sqlstate, bool connection_lost)
      : std::runtime_error(message), sqlstate_(std::move(sqlstate)), connection_lost_(connection_lost) {}
  const std::string& sqlstate() const noexcept { return sqlstate_; }
  bool connection_lost() const noexcept { return connection_lost_; }

 private:
  std::string sqlstate_;
  bool connection_lost_;
};

// Parameter values in order; nullopt is SQL NULL.
class Params {
 public:
  Params& add(const std::string& v) { values_.emplace_back(v); return *this; }
  Params& add(const char* v) { values_.emplace_back(std::string(v)); return *this; }
  Params& add(std::int64_t v) { values_.emplace_back(std::to_string(v)); return *this; }
  Params& add(std::int32_t v) { values_.emplace_back(std::to_string(v)); return *this; }
  Params& add(bool v) { values_.emplace_back(v ? "1" : "0"); return *this; }
  Params& add(double v);
  Params& null() { values_.emplace_back(std::nullopt); return *this; }
  Params& add(const std::optional<std::string>& v) { values_.push_back(v); return *this; }
  // Bytes for a bytea parameter, sent as they are (binary format) rather than escaped.
  Params& bytes(std::string v) {
    binary_.resize(values_.size() + 1, 0);
    binary_.back() = 1;
    values_.emplace_back(std::move(v));
    return *this;
  }
  const std::vector<std::optional<std::string>>& values() const { return values_; }
  // Per value, 1 when it is binary; shorter than values() when the last ones are text.
  const std::vector<int>& binary() const { return binary_; }

 private:
  std::vector<std::optional<std::string>> values_;
  std::vector<int> binary_;
};

class Result {
 public:
  explicit Result(PGresult* r) : r_(r, pq().clear) {}
  int rows() const { return pq().ntuples(r_.get()); }
  bool null(int row, int col) const { return pq().getisnull(r_.get(), row, col) != 0; }
  std::string text(int row, int col) const {
    return std::string(pq().getvalue(r_.get(), row, col), static_cast<std::size_t>(pq().getlength(r_.get(), row, col)));
  }
  // A bytea column's bytes (the server sends them hex-escaped in text results).
  std::string bytes(int row, int col) const;
  std::int64_t int64(int row, int col) const;
  std::int32_t int32(int row, int col) const { return static_cast<std::int32_t>(int64(row, col)); }
  bool boolean(int row, int col) const { return int64(row, col) != 0; }
  // Rows an INSERT, UPDATE or DELETE touched.
  std::int64_t affected() const;

 private:
  std::unique_ptr<PGresult, void (*)(PGresult*)> r_;
};

class Connection {
 public:
  // `setup` runs after every (re)connection, before the first statement.
  Connection(std::string conninfo, std::function<void(Connection&)> setup);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs `sql` (parameters written ?, renumbered $1..$n here, or $n already) as a prepared
  // statement of this connection, after what send() queued.
  Result run(const std::string& sql, const Params& params = Params());
  // The same for several statements without parameters, in one round trip with what is queued.
  std::vector<Result> run_all(const std::vector<std::string>& statements);
  // Queues `sql` as run() would run it, without waiting for its result (see above). Only inside
  // a transaction, which the queued writes then belong to. `refused`, when given, sees the
  // statement's own failure first and may throw an error of its own instead (a statement made to
  // fail when it finds nothing to change, so that what was queued after it never runs).
  void send(const std::string& sql, const Params& params, std::function<void(const PgFailure&)> refused = {});
  // Drops what send() queued, read or not; a failure among it is not reported (the caller rolls
  // the transaction back).
  void discard() noexcept;
  // Runs a text of several statements without parameters (schema steps, BEGIN, COMMIT).
  void exec(const std::string& sql);
  // The same in one round trip, returning each statement's result in order; when one fails, the
  // rest do not run and its failure is thrown.
  std::vector<Result> exec_all(const std::string& sql);

  bool in_transaction() const;
  // True once after the connection was opened again.
  bool reconnected() { bool r = reconnected_; reconnected_ = false; return r; }
  std::string escape_identifier(const std::string& name);
  PGconn* handle() { return conn_.get(); }

 private:
  // A statement sent in pipeline mode whose results are still to be read.
  struct Pending {
    std::string prepared_sql;  // a Parse of this text (its prepared_ entry), or "" for an Execute
    bool keep = false;         // run()/run_all() want its result
    std::function<void(const PgFailure&)> refused;
  };

  void ensure_open();
  [[noreturn]] void fail(PGresult* r, const std::string& what);
  PgFailure failure(PGresult* r, const std::string& what);
  // The name of `sql`'s prepared statement, preparing it first (in the pipeline when `queued`).
  const std::string& statement_name(const std::string& sql, bool queued);
  void enqueue(const std::string& sql, const Params& params, bool keep,
               std::function<void(const PgFailure&)> refused = {});
  // Ends the pipeline: waits for everything queued, returns the results kept, in order, or throws
  // the first failure.
  std::vector<Result> sync();
  // Reads every queued result up to the pipeline's sync point; the first failure is returned
  // (to be cleared by the caller) with its statement's `refused` in `refused`, results wanted go
  // to `kept`.
  PGresult* drain(std::vector<Result>* kept, std::function<void(const PgFailure&)>* refused);

  std::string conninfo_;
  std::function<void(Connection&)> setup_;
  std::unique_ptr<PGconn, void (*)(PGconn*)> conn_;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text -> statement name
  std::int64_t next_name_ = 0;
  bool reconnected_ = false;
  bool opened_ = false;  // a connection was open once: opening another is reconnecting
  std::vector<Pending> pending_;  // in order; non-empty only in pipeline mode
};

// `sql` with each `?` outside quotes replaced by $1, $2, … in order.
std::string numbered_parameters(const std::string& sql);

}  // namespace rma::store::pg
