#include "store/postgres/copy_in.hpp"

#include "store/postgres/libpq_api.hpp"

namespace rma::store::pg {
namespace {

constexpr std::size_t kMessageBytes = 256 * 1024;

// COPY's text format: a backslash and the characters that end a field or a row are escaped.
void append_escaped(std::string& out, std::string_view v) {
  for (char ch : v) {
    switch (ch) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += ch;
    }
  }
}

// The last result of the connection's current command; a null result follows it.
ExecStatusType drain(PGconn* conn, std::string& message) {
  ExecStatusType last = PGRES_COMMAND_OK;
  while (PGresult* r = pq().getResult(conn)) {
    const ExecStatusType status = pq().resultStatus(r);
    if (status != PGRES_COMMAND_OK && last == PGRES_COMMAND_OK) {
      last = status;
      message = pq().resultErrorMessage(r);
    }
    pq().clear(r);
  }
  return last;
}

}  // namespace

CopyIn::CopyIn(Connection& db, const std::string& copy_statement) : db_(db) {
  // A copy runs inside the caller's transaction: a connection lost before it fails here.
  PGresult* r = pq().exec(db_.handle(), copy_statement.c_str());
  const bool started = r && pq().resultStatus(r) == PGRES_COPY_IN;
  std::string message = r ? pq().resultErrorMessage(r) : pq().errorMessage(db_.handle());
  if (r) pq().clear(r);
  if (!started) {
    done_ = true;
    std::string ignored;
    drain(db_.handle(), ignored);
    throw PgFailure("cannot start the copy: " + message, "", pq().status(db_.handle()) != CONNECTION_OK);
  }
  buffer_.reserve(kMessageBytes + 4096);
}

CopyIn::~CopyIn() {
  if (done_) return;
  pq().putCopyEnd(db_.handle(), "cancelled by librma");
  std::string ignored;
  drain(db_.handle(), ignored);
}

void CopyIn::next_field() {
  if (row_open_) buffer_ += '\t';
  row_open_ = true;
}

void CopyIn::null() {
  next_field();
  buffer_ += "\\N";
}

void CopyIn::integer(std::int64_t v) {
  next_field();
  buffer_ += std::to_string(v);
}

void CopyIn::text(std::string_view v) {
  next_field();
  append_escaped(buffer_, v);
}

void CopyIn::bytes(std::string_view v) {
  // bytea's hex input form (\x…), its backslash escaped for COPY.
  static constexpr char kDigits[] = "0123456789abcdef";
  next_field();
  buffer_ += "\\\\x";
  for (unsigned char b : v) {
    buffer_ += kDigits[b >> 4];
    buffer_ += kDigits[b & 0xf];
  }
}

void CopyIn::end_row() {
  buffer_ += '\n';
  row_open_ = false;
  if (buffer_.size() >= kMessageBytes) flush();
}

void CopyIn::flush() {
  if (buffer_.empty()) return;
  if (pq().putCopyData(db_.handle(), buffer_.data(), static_cast<int>(buffer_.size())) != 1) {
    fail("cannot send rows");
  }
  buffer_.clear();
}

void CopyIn::finish() {
  flush();
  done_ = true;
  if (pq().putCopyEnd(db_.handle(), nullptr) != 1) fail("cannot end the copy");
  std::string message;
  if (drain(db_.handle(), message) != PGRES_COMMAND_OK) {
    throw PgFailure("the copy failed: " + message, "", pq().status(db_.handle()) != CONNECTION_OK);
  }
}

void CopyIn::fail(const std::string& what) {
  std::string message = pq().errorMessage(db_.handle());
  while (!message.empty() && message.back() == '\n') message.pop_back();
  throw PgFailure(what + ": " + message, "", pq().status(db_.handle()) != CONNECTION_OK);
}

}  // namespace rma::store::pg
