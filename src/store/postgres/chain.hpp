// store/postgres/chain.hpp — the PostgreSQL store's hash chain (schema version 15;
// store/audit_chain.hpp says what both backends share, docs/audit.md what it proves).
//
// seq is one more than the last event's, taken under the writer lock as before. The head (the
// last event's seq and hash) is part of what the store knows while no other engine commits
// (known_rows.hpp): read with one round trip in the first transaction that appends, after which
// an event's INSERT goes out without waiting, as it did before the chain. Verification reads the
// chain a page at a time by seq.
//
// Not thread-safe: the store's owner serializes calls.
#pragma once

#include "store/audit_chain.hpp"
#include "store/postgres/connection.hpp"
#include "store/postgres/known_rows.hpp"

namespace rma::store::pg {

class PgChain final : public AuditChain {
 public:
  PgChain(Connection& db, KnownRows& known, const Options& options) : AuditChain(options), db_(db), known_(known) {}

  bool chained() const { return settings_.chained; }
  // Inserts `e` with its seq (assigned here) and its hash, without waiting.
  void append(Event& e);

  void read(std::int64_t from, std::int64_t to, EventData data,
            const std::function<void(const events::ChainRow&)>& visit) override;
  std::optional<std::string> event_hash(std::int64_t seq) override;
  void read_checkpoints(std::int64_t from, std::int64_t to,
                        const std::function<void(const events::CheckpointRow&)>& visit) override;

 private:
  ChainHead& head() override { return known_.chain; }
  void load_head() override;
  std::optional<std::string> stored_seed() override;
  void store_seed(const events::PublicKey& key, const events::Seed& seed, Timestamp now) override;
  void insert_checkpoint(const events::Checkpoint& c) override;
  // Runs `select` (its last three parameters: from, to, a page's rows) page after page in seq
  // order; `row` reads each row of a page.
  void pages(const char* select, std::int64_t from, std::int64_t to, int page_rows,
             const std::function<void(const Result&, int)>& row);

  Connection& db_;
  KnownRows& known_;
};

}  // namespace rma::store::pg
