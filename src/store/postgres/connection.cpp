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
  const bool again = conn_ != nullptr;
  conn_.reset(pq().connectdb(conninfo_.c_str()));
  prepared_.clear();
  if (!conn_ || pq().status(conn_.get()) != CONNECTION_OK) {
    std::string message = conn_ ? pq().errorMessage(conn_.get()) : "out of memory";
    while (!message.empty() && message.back() == '\n') message.pop_back();
    conn_.reset();
    throw PgFailure("cannot connect: " + message, "08001", true);
  }
  reconnected_ = again;
  if (setup_) setup_(*this);
}

bool Connection::in_transaction() const {
  return conn_ && pq().transactionStatus(conn_.get()) != PQTRANS_IDLE &&
         pq().transactionStatus(conn_.get()) != PQTRANS_UNKNOWN;
}

void Connection::fail(PGresult* r, const std::string& what) {
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
  throw PgFailure(what + ": " + message, lost && sqlstate.empty() ? "08006" : sqlstate, lost);
}

Result Connection::run(const std::string& sql, const Params& params) {
  ensure_open();
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    // Shapes are few (case queries add some); a host building many distinct ones does not grow
    // the server's memory forever.
    if (prepared_.size() >= 512 && !in_transaction()) {
      exec("DEALLOCATE ALL");
      prepared_.clear();
    }
    std::string name = "rma" + std::to_string(++next_name_);
    PGresult* r = pq().prepare(conn_.get(), name.c_str(), numbered_parameters(sql).c_str(), 0, nullptr);
    if (!r || pq().resultStatus(r) != PGRES_COMMAND_OK) fail(r, "database error");
    pq().clear(r);
    it = prepared_.emplace(sql, std::move(name)).first;
  }
  const auto& values = params.values();
  std::vector<const char*> pointers;
  pointers.reserve(values.size());
  for (const auto& v : values) pointers.push_back(v ? v->c_str() : nullptr);
  // Lengths and formats matter only when some value is binary (libpq reads text to its NUL).
  std::vector<int> lengths;
  std::vector<int> formats;
  if (!params.binary().empty()) {
    formats = params.binary();
    formats.resize(values.size(), 0);
    lengths.reserve(values.size());
    for (const auto& v : values) lengths.push_back(v ? static_cast<int>(v->size()) : 0);
  }
  PGresult* r = pq().execPrepared(conn_.get(), it->second.c_str(), static_cast<int>(values.size()),
                               pointers.empty() ? nullptr : pointers.data(),
                               lengths.empty() ? nullptr : lengths.data(), formats.empty() ? nullptr : formats.data(), 0);
  const ExecStatusType status = r ? pq().resultStatus(r) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(r, "database error");
  return Result(r);
}

void Connection::exec(const std::string& sql) {
  ensure_open();
  PGresult* r = pq().exec(conn_.get(), sql.c_str());
  const ExecStatusType status = r ? pq().resultStatus(r) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(r, "database error");
  pq().clear(r);
}

std::vector<Result> Connection::exec_all(const std::string& sql) {
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
