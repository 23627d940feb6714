// events/chain_verifier.hpp — checks a stored hash chain and its checkpoints, fed row by row in
// seq order, so that a walk over any number of events holds one event at a time
// (docs/audit.md, "Verifying").
//
// Each link is checked on its own: event i holds when its seq is one more than the previous
// event's and its stored hash is chain_hash(stored hash of event i-1, its content). By induction
// every stored hash is then the one computed from the first event, and a checkpoint whose hash
// equals the stored hash at its seq vouches for every event up to it. When a link fails, the next
// event tells why: if it links to the failing event's stored hash, the chain went on from it, so
// the failing event's content changed; if not, the event was moved, inserted or rewritten.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "events/chain.hpp"
#include "events/checkpoint.hpp"
#include "rma/audit.hpp"

namespace rma::events {

// One stored event as verification reads it: views into the store's buffers, valid while the
// visit that is handed the row runs. `data` is the decoded JSON text; `hash` the stored column's
// bytes ("" for NULL).
struct ChainRow {
  std::int64_t seq = 0;
  std::int64_t case_id = 0;
  std::int64_t at_micros = 0;
  std::string_view case_number;
  std::string_view actor;
  std::string_view type;
  std::string_view data;
  std::string_view hash;
};

// One stored checkpoint with what the store holds at its seq.
struct CheckpointRow {
  std::int64_t seq = 0;
  std::string hash;        // the columns' bytes as stored
  std::int64_t at_micros = 0;
  std::string public_key;
  std::string signature;
  bool event_exists = false;  // an event with this seq is stored
  std::string event_hash;     // its stored hash
  std::int64_t event_case_id = 0;
  std::string event_type;
};

// The checkpoint a row holds; none when its hash, key or signature has the wrong size.
std::optional<Checkpoint> checkpoint_from_row(const CheckpointRow& row);

class ChainVerifier {
 public:
  // `trusted`: the keys an auditor trusts (empty: each checkpoint's own key); events from_seq to
  // to_seq are checked. A checkpoint after to_seq whose event is stored was written after the
  // range was taken (another process's commit) and is left to the next verification.
  ChainVerifier(std::vector<PublicKey> trusted, std::int64_t from_seq, std::int64_t to_seq);

  // The stored hash of the event before from_seq (none when from_seq is 1, or when it is gone:
  // the first event checked then has events missing before it).
  void anchor(const std::optional<ChainHash>& previous);
  void event(const ChainRow& row);
  // The same with the row's hash computed elsewhere (another thread: engine/verify_pipeline.hpp):
  // `computed` must be chain_hash(previous_hash(), the row's content); row.data is not read.
  void event(const ChainRow& row, const ChainHash& computed);
  // What the next event's hash is chained to: the stored hash of the event before it (the one
  // computed for it when it has none).
  const ChainHash& previous_hash() const { return prev_hash_; }
  // After the last event; `last_stored_seq`: the store's last event, for telling a truncated
  // chain from a checkpoint inside the range.
  void end_of_events(std::int64_t last_stored_seq);
  void checkpoint(const CheckpointRow& row);

  // The report (its public_key and the break's case_number are the caller's to fill).
  AuditReport report() const;
  std::int64_t events_checked() const { return events_checked_; }

 private:
  void link_broken(AuditBreak b);
  void checkpoint_broken(const CheckpointRow& row, const char* problem, std::string message);
  bool trusted(const PublicKey& key) const;

  std::vector<PublicKey> trusted_;
  std::int64_t from_seq_;
  std::int64_t to_seq_;
  std::int64_t prev_seq_;
  ChainHash prev_hash_ = kFirstPrevious;
  bool prev_known_ = true;
  std::optional<AuditBreak> pending_;  // a failed link whose cause the next event tells
  std::int64_t events_checked_ = 0;
  std::int64_t last_stored_seq_ = 0;
  std::int64_t broken_links_ = 0;
  std::int64_t checkpoints_checked_ = 0;
  std::int64_t broken_checkpoints_ = 0;
  std::optional<AuditBreak> first_link_break_;
  std::optional<AuditBreak> first_checkpoint_break_;
  std::optional<AuditCheckpoint> last_good_;
};

}  // namespace rma::events
