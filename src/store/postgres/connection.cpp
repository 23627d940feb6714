#include "store/postgres/connection.hpp"
#include "store/postgres/libpq_api.hpp"

#include <cstdio>

namespace rma::store::pg {

Params& Params::add(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", v);
  values_.emplace_back(std::string(text));
  return *this;
}

std::int64_t Result::int64(int row, int col) const {
  const char* v = pq().getvalue(r_.get(), row, col);
  return std::strtoll(v, nullptr, 10);
}

std::string Result::bytes(int row, int col) const {
  std::size_t length = 0;
  unsigned char* raw =
      pq().unescapeBytea(reinterpret_cast<const unsigned char*>(pq().getvalue(r_.get(), row, col)), &length);
  if (!raw) throw PgFailure("out of memory reading a bytea column", "53200", false);
  std::string out(reinterpret_cast<const char*>(raw), length);
  pq().freemem(raw);
  return out;
}

std::int64_t Result::affected() const {
  const char* n = pq().cmdTuples(r_.get());
  return n && *n ? std::strtoll(n, nullptr, 10) : 0;
}

std::string numbered_parameters(const std::string& sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  bool quoted = false;
  for (char ch : sql) {
    if (ch == '\'') quoted = !quoted;
    if (ch == '?' && !quoted) {
      out += '$';
      out += std::to_string(++n);
    } else {
      out += ch;
    }
  }
  return out;
}

Connection::Connection(std::string conninfo, std::function<void(Connection&)> setup)
    : conninfo_(std::move(conninfo)), setup_(std::move(setup)), conn_(nullptr, pq().finish) {
  ensure_open();
  reconnected_ = false;
}

void Connection::ensure_open() {
  if (conn_ && pq().status(conn_.get()) == CONNECTION_OK) return;
  const bool again = opened_;
  conn_.reset(pq().connectdb(conninfo_.c_str()));
  prepared_.clear();
  pending_.clear();
  if (!conn_ || pq().status(conn_.get()) != CONNECTION_OK) {
    std::string message = conn_ ? pq().errorMessage(conn_.get()) : "out of memory";
    while (!message.empty() && message.back() == '\n') message.pop_back();
    conn_.reset();
    throw PgFailure("cannot connect: " + message, "08001", true);
  }
  opened_ = true;
  reconnected_ = again;
  if (setup_) setup_(*this);
}

bool Connection::in_transaction() const {
  return conn_ && pq().transactionStatus(conn_.get()) != PQTRANS_IDLE &&
         pq().transactionStatus(conn_.get()) != PQTRANS_UNKNOWN;
}

void Connection::fail(PGresult* r, const std::string& what) { throw failure(r, what); }

PgFailure Connection::failure(PGresult* r, const std::string& what) {
  std::string sqlstate;
  std::string message;
  if (r) {
    if (const char* s = pq().resultErrorField(r, PG_DIAG_SQLSTATE)) sqlstate = s;
    message = pq().resultErrorMessage(r);
    pq().clear(r);
  }
  if (message.empty()) message = pq().errorMessage(conn_.get());
  while (!message.empty() && message.back() == '\n') message.pop_back();
  const bool lost = pq().status(conn_.get()) != CONNECTION_OK || sqlstate.rfind("08", 0) == 0 ||
                    sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03";
  return PgFailure(what + ": " + message, lost && sqlstate.empty() ? "08006" : sqlstate, lost);
}

namespace {

// A Params as libpq's arrays. Lengths and formats matter only when some value is binary (libpq
// reads text to its NUL).
struct Bound {
  explicit Bound(const Params& params) {
    const auto& values = params.values();
    pointers.reserve(values.size());
    for (const auto& v : values) pointers.push_back(v ? v->c_str() : nullptr);
    if (!params.binary().empty()) {
      formats = params.binary();
      formats.resize(values.size(), 0);
      lengths.reserve(values.size());
      for (const auto& v : values) lengths.push_back(v ? static_cast<int>(v->size()) : 0);
    }
  }
  int count() const { return static_cast<int>(pointers.size()); }
  const char* const* values() const { return pointers.empty() ? nullptr : pointers.data(); }
  const int* length_array() const { return lengths.empty() ? nullptr : lengths.data(); }
  const int* format_array() const { return formats.empty() ? nullptr : formats.data(); }

  std::vector<const char*> pointers;
  std::vector<int> lengths;
  std::vector<int> formats;
};

bool succeeded(ExecStatusType status) { return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK; }

// Writes queued before the pipeline is synced, so that a bulk of them (an SLA rewrite of every
// case) never fills the socket buffers both ways while neither side reads.
constexpr std::size_t kMaxQueued = 128;

}  // namespace

const std::string& Connection::statement_name(const std::string& sql, bool queued) {
  auto it = prepared_.find(sql);
  if (it != prepared_.end()) return it->second;
  // Shapes are few (case queries add some); a host building many distinct ones does not grow
  // the server's memory forever.
  if (!queued && prepared_.size() >= 512 && !in_transaction()) {
    exec("DEALLOCATE ALL");
    prepared_.clear();
  }
  std::string name = "rma" + std::to_string(++next_name_);
  if (queued) {
    if (!pq().sendPrepare(conn_.get(), name.c_str(), numbered_parameters(sql).c_str(), 0, nullptr)) {
      fail(nullptr, "database error");
    }
    pending_.push_back(Pending{sql, false, {}});
  } else {
    PGresult* r = pq().prepare(conn_.get(), name.c_str(), numbered_parameters(sql).c_str(), 0, nullptr);
    if (!r || pq().resultStatus(r) != PGRES_COMMAND_OK) fail(r, "database error");
    pq().clear(r);
  }
  return prepared_.emplace(sql, std::move(name)).first->second;
}

Result Connection::run(const std::string& sql, const Params& params) {
  if (!pending_.empty()) {
    enqueue(sql, params, true);
    return std::move(sync().front());
  }
  ensure_open();
  const std::string& name = statement_name(sql, false);
  const Bound bound(params);
  PGresult* r = pq().execPrepared(conn_.get(), name.c_str(), bound.count(), bound.values(), bound.length_array(),
                                  bound.format_array(), 0);
  if (!r || !succeeded(pq().resultStatus(r))) fail(r, "database error");
  return Result(r);
}

std::vector<Result> Connection::run_all(const std::vector<std::string>& statements) {
  if (pending_.empty()) ensure_open();
  for (const std::string& sql : statements) enqueue(sql, Params(), true);
  return sync();
}

void Connection::send(const std::string& sql, const Params& params, std::function<void(const PgFailure&)> refused) {
  if (pending_.empty()) ensure_open();
  enqueue(sql, params, false, std::move(refused));
  if (pending_.size() >= kMaxQueued) sync();
}

void Connection::enqueue(const std::string& sql, const Params& params, bool keep,
                         std::function<void(const PgFailure&)> refused) {
  if (pending_.empty() && pq().pipelineStatus(conn_.get()) == PQ_PIPELINE_OFF &&
      !pq().enterPipelineMode(conn_.get())) {
    fail(nullptr, "database error");
  }
  try {
    const std::string name = statement_name(sql, true);
    const Bound bound(params);
    if (!pq().sendQueryPrepared(conn_.get(), name.c_str(), bound.count(), bound.values(), bound.length_array(),
                                bound.format_array(), 0)) {
      fail(nullptr, "database error");
    }
    pending_.push_back(Pending{std::string(), keep, std::move(refused)});
  } catch (...) {
    discard();
    throw;
  }
}

PGresult* Connection::drain(std::vector<Result>* kept, std::function<void(const PgFailure&)>* refused) {
  PGresult* failed = nullptr;
  auto note_failure = [&](PGresult* r, Pending* p) {
    if (!failed) {
      failed = r;
      if (p && refused) *refused = std::move(p->refused);
    } else {
      pq().clear(r);
    }
  };
  for (Pending& p : pending_) {
    bool answered = false;
    while (PGresult* r = pq().getResult(conn_.get())) {
      answered = true;
      const ExecStatusType status = pq().resultStatus(r);
      if (succeeded(status)) {
        if (p.keep && kept) {
          kept->emplace_back(r);
        } else {
          pq().clear(r);
        }
        continue;
      }
      // A Parse the server did not do (failed, or skipped after an earlier failure) leaves no
      // statement of that name.
      if (!p.prepared_sql.empty()) prepared_.erase(p.prepared_sql);
      if (status == PGRES_PIPELINE_ABORTED) {
        pq().clear(r);
      } else {
        note_failure(r, &p);
      }
    }
    if (!answered && pq().status(conn_.get()) != CONNECTION_OK) break;
  }
  pending_.clear();
  if (pq().status(conn_.get()) != CONNECTION_OK) return failed;
  PGresult* r = pq().getResult(conn_.get());
  if (r && pq().resultStatus(r) == PGRES_PIPELINE_SYNC) {
    pq().clear(r);
    if (pq().exitPipelineMode(conn_.get())) return failed;
  } else if (r) {
    note_failure(r, nullptr);
  }
  // The pipeline did not end as the protocol says: a connection in an unknown state is not
  // used again (the next command connects afresh).
  if (!failed) failed = pq().getResult(conn_.get());
  conn_.reset();
  return failed;
}

std::vector<Result> Connection::sync() {
  if (!pq().pipelineSync(conn_.get())) {
    pending_.clear();
    conn_.reset();
    throw PgFailure("database error: the connection failed while sending statements", "08006", true);
  }
  std::vector<Result> kept;
  std::function<void(const PgFailure&)> refused;
  PGresult* failed = drain(&kept, &refused);
  if (failed || !conn_) {
    if (!conn_) {
      if (failed) pq().clear(failed);
      throw PgFailure("database error: the connection failed while reading results", "08006", true);
    }
    const PgFailure e = failure(failed, "database error");
    if (refused) refused(e);
    throw e;
  }
  return kept;
}

void Connection::discard() noexcept {
  if (pending_.empty() || !conn_) {
    pending_.clear();
    return;
  }
  if (!pq().pipelineSync(conn_.get())) {
    pending_.clear();
    conn_.reset();
    return;
  }
  if (PGresult* failed = drain(nullptr, nullptr)) pq().clear(failed);
}

void Connection::exec(const std::string& sql) {
  if (!pending_.empty()) sync();
  ensure_open();
  PGresult* r = pq().exec(conn_.get(), sql.c_str());
  const ExecStatusType status = r ? pq().resultStatus(r) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(r, "database error");
  pq().clear(r);
}

std::vector<Result> Connection::exec_all(const std::string& sql) {
  if (!pending_.empty()) sync();
  ensure_open();
  if (!pq().sendQuery(conn_.get(), sql.c_str())) fail(nullptr, "database error");
  std::vector<Result> results;
  PGresult* failed = nullptr;
  while (PGresult* r = pq().getResult(conn_.get())) {
    const ExecStatusType status = pq().resultStatus(r);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
      results.emplace_back(r);
    } else if (!failed) {
      failed = r;  // read on to the end, so the connection is ready for the next statement
    } else {
      pq().clear(r);
    }
  }
  if (failed) fail(failed, "database error");
  return results;
}

std::string Connection::escape_identifier(const std::string& name) {
  ensure_open();
  char* e = pq().escapeIdentifier(conn_.get(), name.c_str(), name.size());
  if (!e) throw PgFailure("cannot quote identifier", "", false);
  std::string out(e);
  pq().freemem(e);
  return out;
}

}  // namespace rma::store::pg
