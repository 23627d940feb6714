// store/audit_chain.hpp — what both backends share of writing the hash chain and its signed
// checkpoints (events/chain.hpp, events/checkpoint.hpp, docs/audit.md).
//
// Writers are serialized (Store::begin takes the write lock), so the chain's head — the last
// event's seq and hash — is read once and kept for the following appends, of the same
// transaction and of the next ones while no other connection commits (SQLite: data_version;
// PostgreSQL: the commit counter, with the rest of what it knows, postgres/known_rows.hpp). The
// backend forgets it when another connection committed and on rollback.
// A checkpoint is due when the events since the last one reach Options::audit.checkpoint_every;
// the backend writes it in the committing transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "events/chain.hpp"
#include "events/chain_verifier.hpp"
#include "events/checkpoint.hpp"
#include "rma/event.hpp"
#include "rma/options.hpp"

namespace rma::store {

// The case_number column as stored, and hashed: an event of a case finds its number in the case
// row (schema 12), so it keeps ''; one about no case keeps the number it was given.
inline std::string_view stored_case_number(const Event& e) {
  return e.case_id == 0 ? std::string_view(e.case_number) : std::string_view();
}

// Options::audit as a store uses it.
struct AuditSettings {
  std::optional<events::Seed> host_seed;  // the host's key; none: the stored one
  std::int64_t checkpoint_every = 1000;
  bool chained = true;  // false only through set_chain_for_benchmarks
};
AuditSettings audit_settings(const Options& options);

// The seed of Options::audit.signing_seed (64 hex digits); invalid_argument naming
// "audit.signing_seed" otherwise, without repeating the value (it is a secret).
events::Seed parse_signing_seed(const std::string& hex);

class ChainHead {
 public:
  bool known() const { return known_; }
  // The last stored event (0 and no hash for an empty log; a NULL hash chains on from zeros) and
  // the last checkpoint's seq (0: none).
  void set(std::int64_t seq, const std::optional<events::ChainHash>& hash, std::int64_t checkpoint_seq);
  void forget() { known_ = false; }

  std::int64_t seq() const { return seq_; }
  const events::ChainHash& hash() const { return hash_; }
  Timestamp last_at() const { return last_at_; }
  // e's hash, e.seq assigned by the backend; the head moves to e.
  events::ChainHash append(const Event& e);
  // Whether `every` events or more follow the last checkpoint.
  bool checkpoint_due(std::int64_t every) const { return known_ && seq_ - checkpoint_seq_ >= every; }
  void checkpointed(std::int64_t seq) { checkpoint_seq_ = seq; }

 private:
  bool known_ = false;
  std::int64_t seq_ = 0;
  events::ChainHash hash_ = events::kFirstPrevious;
  std::int64_t checkpoint_seq_ = 0;
  Timestamp last_at_;
};

// What AuditChain::read hands over as an event's data: its JSON text, or the column's bytes as
// stored — a compressed frame or the text itself (store/column_codec.hpp: decode_column_into) —
// for a reader that decodes them on another thread (engine/verify_pipeline.hpp).
enum class EventData { decoded, as_stored };

// A store's hash chain: the backend reads and writes the rows (store/sqlite/chain.hpp,
// store/postgres/chain.hpp); what both do alike — signing, the key, the checkpoint rule — is here.
// Verification and the audit commands reach it through Store::audit_chain(). Not thread-safe: the
// store's owner serializes calls.
class AuditChain {
 public:
  virtual ~AuditChain() = default;

  // Outside a transaction; memory stays bounded whatever the number of rows. Events with seq in
  // [from, to], oldest first, their data as `data` says; `visit` gets each in a buffer reused for
  // the next.
  virtual void read(std::int64_t from, std::int64_t to, EventData data,
                    const std::function<void(const events::ChainRow&)>& visit) = 0;
  // The stored hash of event `seq`: none when there is no such event, "" when it has none.
  virtual std::optional<std::string> event_hash(std::int64_t seq) = 0;
  // Checkpoints with seq in [from, to], in seq order, each with the event stored at its seq.
  virtual void read_checkpoints(std::int64_t from, std::int64_t to,
                                const std::function<void(const events::CheckpointRow&)>& visit) = 0;

  // Inside a transaction: a checkpoint of the last event, made at `at` and stored (the one stored
  // at that seq already, if any); none when the log is empty.
  std::optional<events::Checkpoint> checkpoint_now(Timestamp at);
  // The public key checkpoints are signed with: the host's seed, else the seed stored in
  // audit_keys (the newest), else — with `create`, inside a transaction — a new one stored now, so
  // a rolled back transaction leaves no key behind. None: no key yet.
  std::optional<events::PublicKey> public_key(bool create, Timestamp now);

  // The store's commit calls it before COMMIT: the checkpoint the transaction's events made due.
  void before_commit();

 protected:
  explicit AuditChain(const Options& options) : settings_(audit_settings(options)) {}

  // The backend's part. head(): the chain's head as this store knows it; load_head() reads it.
  virtual ChainHead& head() = 0;
  virtual void load_head() = 0;
  virtual std::optional<std::string> stored_seed() = 0;
  virtual void store_seed(const events::PublicKey& key, const events::Seed& seed, Timestamp now) = 0;
  // Inserts the checkpoint unless one is stored at its seq.
  virtual void insert_checkpoint(const events::Checkpoint& c) = 0;

  AuditSettings settings_;

 private:
  std::optional<events::SigningKey> signing_key(bool create, Timestamp now);
  events::Checkpoint write_checkpoint(Timestamp at);
};

// Not part of librma's API: benchmarks/audit opens engines without the chain to measure what it
// costs (chain_overhead_pct). Stores opened after a call take its value; hosts have no way to
// turn tamper evidence off.
void set_chain_for_benchmarks(bool on);

}  // namespace rma::store
