// store/sqlite/chain.hpp — the SQLite store's hash chain (schema version 15; store/audit_chain.hpp
// says what both backends share, docs/audit.md what it proves).
//
// seq stays SQLite's AUTOINCREMENT number: the head query reads sqlite_sequence with the last
// event, and each append takes the number after the larger of the two, inserted explicitly so
// that its hash (which covers seq) is written with the row. Events removed from the end thus
// leave a gap before the next one, which verification reports. The head is kept from one
// transaction to the next while no other connection commits (SQLite's data_version, read by the
// store's begin(), has not moved) and forgotten on rollback.
//
// Not thread-safe: the store's owner serializes calls.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include "store/audit_chain.hpp"
#include "store/sqlite/statements.hpp"

namespace rma::store {

class SqliteChain final : public AuditChain {
 public:
  SqliteChain(SQLite::Database& db, const Options& options) : AuditChain(options), db_(db), statements_(db) {}

  // `data_version`: PRAGMA data_version read inside the new transaction.
  void begin(std::int64_t data_version) {
    if (data_version != head_version_) head_.forget();
    head_version_ = data_version;
  }
  void rollback() noexcept { head_.forget(); }
  // Inserts `e` with its seq (assigned here) and its hash.
  void append(Event& e);

  void read(std::int64_t from, std::int64_t to, EventData data,
            const std::function<void(const events::ChainRow&)>& visit) override;
  std::optional<std::string> event_hash(std::int64_t seq) override;
  void read_checkpoints(std::int64_t from, std::int64_t to,
                        const std::function<void(const events::CheckpointRow&)>& visit) override;

 private:
  ChainHead& head() override { return head_; }
  void load_head() override;
  std::optional<std::string> stored_seed() override;
  void store_seed(const events::PublicKey& key, const events::Seed& seed, Timestamp now) override;
  void insert_checkpoint(const events::Checkpoint& c) override;

  SQLite::Database& db_;
  Statements statements_;
  ChainHead head_;
  std::int64_t head_version_ = -1;  // the data version the head holds for
  std::int64_t last_seq_ = 0;  // the last seq handed out: sqlite_sequence's, or the last event's
};

}  // namespace rma::store
