#include "store/sqlite/chain.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <memory>

#include "rma/error.hpp"
#include "store/column_codec.hpp"
#include "store/sqlite/rows.hpp"

namespace rma::store {
namespace {

std::string blob_of(const SQLite::Column& c) {
  const auto* bytes = static_cast<const char*>(c.getBlob());
  return std::string(bytes ? bytes : "", static_cast<std::size_t>(c.getBytes()));
}

void bind_bytes(SQLite::Statement& s, int index, const unsigned char* bytes, std::size_t size) {
  s.bind(index, bytes, static_cast<int>(size));
}

// Column `i` of the current row, valid until the statement steps again.
std::string_view column_view(sqlite3_stmt* s, int i) {
  const void* bytes = sqlite3_column_blob(s, i);
  if (bytes == nullptr) return std::string_view();
  return std::string_view(static_cast<const char*>(bytes), static_cast<std::size_t>(sqlite3_column_bytes(s, i)));
}

struct Finalize {
  void operator()(sqlite3_stmt* s) const noexcept { sqlite3_finalize(s); }
};
struct Close {
  void operator()(sqlite3* db) const noexcept { sqlite3_close(db); }
};

}  // namespace

void SqliteChain::load_head() {
  auto s = statements_.get(
      "SELECT (SELECT seq FROM sqlite_sequence WHERE name = 'events'), (SELECT seq FROM events ORDER BY seq DESC"
      " LIMIT 1), (SELECT hash FROM events ORDER BY seq DESC LIMIT 1), (SELECT MAX(seq) FROM checkpoints)");
  s->executeStep();
  const std::int64_t last = s->getColumn(1).getInt64();  // NULL reads as 0
  head_.set(last, events::hash_from_bytes(blob_of(s->getColumn(2))), s->getColumn(3).getInt64());
  last_seq_ = std::max(s->getColumn(0).getInt64(), last);
}

void SqliteChain::append(Event& e) {
  if (!settings_.chained) {
    auto s = statements_.get("INSERT INTO events (case_id, case_number, at, actor, type, data) VALUES (?,?,?,?,?,?)");
    s->bind(1, e.case_id); s->bind(2, std::string(stored_case_number(e))); s->bind(3, e.at.micros);
    s->bind(4, e.actor); s->bind(5, e.type); bind_json_column(*s, 6, e.data);
    s->exec();
    e.seq = db_.getLastInsertRowid();
    return;
  }
  if (!head_.known()) load_head();
  // The seq AUTOINCREMENT gives the row (one past the larger of sqlite_sequence and the last
  // event), hashed before the INSERT; the row's rowid must come out the same.
  e.seq = last_seq_ + 1;
  const events::ChainHash hash = head_.append(e);
  auto s = statements_.get(
      "INSERT INTO events (case_id, case_number, at, actor, type, data, hash) VALUES (?,?,?,?,?,?,?)");
  s->bind(1, e.case_id); s->bind(2, std::string(stored_case_number(e))); s->bind(3, e.at.micros);
  s->bind(4, e.actor); s->bind(5, e.type); bind_json_column(*s, 6, e.data);
  s->bindNoCopy(7, hash.data(), static_cast<int>(hash.size()));
  s->exec();
  if (db_.getLastInsertRowid() != e.seq) {
    head_.forget();
    throw Error(Status::storage, "", "events.seq: the event was stored at seq " +
                                         std::to_string(db_.getLastInsertRowid()) + ", not the " +
                                         std::to_string(e.seq) + " its hash covers");
  }
  last_seq_ = e.seq;
}

std::optional<std::string> SqliteChain::stored_seed() {
  auto s = statements_.get("SELECT seed FROM audit_keys ORDER BY created_at DESC, public_key LIMIT 1");
  if (!s->executeStep()) return std::nullopt;
  return blob_of(s->getColumn(0));
}

void SqliteChain::store_seed(const events::PublicKey& key, const events::Seed& seed, Timestamp now) {
  auto s = statements_.get("INSERT INTO audit_keys (public_key, seed, created_at) VALUES (?,?,?)");
  bind_bytes(*s, 1, key.data(), key.size());
  bind_bytes(*s, 2, seed.data(), seed.size());
  s->bind(3, now.micros);
  s->exec();
}

void SqliteChain::insert_checkpoint(const events::Checkpoint& c) {
  auto s = statements_.get(
      "INSERT INTO checkpoints (seq, hash, at, public_key, signature) VALUES (?,?,?,?,?) ON CONFLICT(seq) DO NOTHING");
  s->bind(1, c.seq);
  bind_bytes(*s, 2, c.hash.data(), c.hash.size());
  s->bind(3, c.at_micros);
  bind_bytes(*s, 4, c.public_key.data(), c.public_key.size());
  bind_bytes(*s, 5, c.signature.data(), c.signature.size());
  s->exec();
}

void SqliteChain::read(std::int64_t from, std::int64_t to, EventData data_as,
                       const std::function<void(const events::ChainRow&)>& visit) {
  // A connection of its own, without SQLite's per-call locking (the store's connection is
  // serialized and locks its mutex in every sqlite3_column_* call, a tenth of the walk), and the
  // C API directly: SQLiteCpp's columns share the statement's ownership, which costs more per
  // value than the hash of a short event. An in-memory database has no file to open again: it is
  // read on the store's connection.
  sqlite3* reader = db_.getHandle();
  std::unique_ptr<sqlite3, Close> own;
  const char* file = sqlite3_db_filename(db_.getHandle(), "main");
  if (file != nullptr && *file != '\0') {
    sqlite3* opened = nullptr;
    const int rc = sqlite3_open_v2(file, &opened, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
    own.reset(opened);
    if (rc == SQLITE_OK) reader = opened;
  }
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(reader,
                              "SELECT seq, case_id, at, case_number, actor, type, data, hash FROM events"
                              " WHERE seq >= ? AND seq <= ? ORDER BY seq",
                              -1, &raw, nullptr);
  if (rc != SQLITE_OK) throw SQLite::Exception(reader, rc);
  const std::unique_ptr<sqlite3_stmt, Finalize> s(raw);
  sqlite3_bind_int64(raw, 1, from);
  sqlite3_bind_int64(raw, 2, to);
  events::ChainRow row;
  std::string data;  // decoded, its memory reused from row to row
  while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
    row.seq = sqlite3_column_int64(raw, 0);
    row.case_id = sqlite3_column_int64(raw, 1);
    row.at_micros = sqlite3_column_int64(raw, 2);
    row.case_number = column_view(raw, 3);
    row.actor = column_view(raw, 4);
    row.type = column_view(raw, 5);
    const std::string_view stored = column_view(raw, 6);
    if (data_as == EventData::decoded && is_compressed(stored)) {
      decode_column_into(stored, {"events", "data"}, data);
      row.data = data;
    } else {
      row.data = stored;
    }
    row.hash = column_view(raw, 7);
    visit(row);
  }
  if (rc != SQLITE_DONE) throw SQLite::Exception(reader, rc);
}

std::optional<std::string> SqliteChain::event_hash(std::int64_t seq) {
  auto s = statements_.get("SELECT hash FROM events WHERE seq = ?");
  s->bind(1, seq);
  if (!s->executeStep()) return std::nullopt;
  return blob_of(s->getColumn(0));
}

void SqliteChain::read_checkpoints(std::int64_t from, std::int64_t to,
                                   const std::function<void(const events::CheckpointRow&)>& visit) {
  SQLite::Statement s(db_,
                      "SELECT c.seq, c.hash, c.at, c.public_key, c.signature, e.seq IS NOT NULL, e.hash, e.case_id,"
                      " e.type FROM checkpoints c LEFT JOIN events e ON e.seq = c.seq WHERE c.seq >= ? AND c.seq <= ?"
                      " ORDER BY c.seq");
  s.bind(1, from);
  s.bind(2, to);
  events::CheckpointRow row;
  while (s.executeStep()) {
    row.seq = s.getColumn(0).getInt64();
    row.hash = blob_of(s.getColumn(1));
    row.at_micros = s.getColumn(2).getInt64();
    row.public_key = blob_of(s.getColumn(3));
    row.signature = blob_of(s.getColumn(4));
    row.event_exists = s.getColumn(5).getInt() != 0;
    row.event_hash = blob_of(s.getColumn(6));
    row.event_case_id = s.getColumn(7).getInt64();
    row.event_type = s.getColumn(8).getString();
    visit(row);
  }
}

}  // namespace rma::store
