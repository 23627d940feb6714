#include "events/chain_verifier.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

namespace rma::events {
namespace {

std::string seq_text(std::int64_t seq) { return "seq " + std::to_string(seq); }

template <std::size_t N>
bool fill(const std::string& bytes, std::array<unsigned char, N>& out) {
  if (bytes.size() != N) return false;
  std::memcpy(out.data(), bytes.data(), N);
  return true;
}

}  // namespace

std::optional<Checkpoint> checkpoint_from_row(const CheckpointRow& row) {
  Checkpoint c;
  c.seq = row.seq;
  c.at_micros = row.at_micros;
  if (!fill(row.hash, c.hash) || !fill(row.public_key, c.public_key) || !fill(row.signature, c.signature)) {
    return std::nullopt;
  }
  return c;
}

ChainVerifier::ChainVerifier(std::vector<PublicKey> trusted, std::int64_t from_seq, std::int64_t to_seq)
    : trusted_(std::move(trusted)),
      from_seq_(from_seq),
      to_seq_(to_seq),
      prev_seq_(from_seq - 1),
      prev_known_(from_seq <= 1) {}

void ChainVerifier::anchor(const std::optional<ChainHash>& previous) {
  prev_known_ = previous.has_value();
  if (previous) prev_hash_ = *previous;
}

void ChainVerifier::event(const ChainRow& row) {
  event(row, chain_hash(prev_hash_, ChainedContent{row.seq, row.case_id, row.at_micros, row.case_number, row.actor,
                                                   row.type, row.data}));
}

void ChainVerifier::event(const ChainRow& row, const ChainHash& computed) {
  ++events_checked_;
  const std::optional<ChainHash> stored = hash_from_bytes(row.hash);
  const bool follows = row.seq == prev_seq_ + 1 && prev_known_;
  const bool holds = follows && stored && *stored == computed;
  if (pending_) {
    // The event before failed; whether this one links to its stored hash says why.
    AuditBreak b = std::move(*pending_);
    pending_.reset();
    if (holds) {
      b.problem = "changed";
      b.message = "the event's content (data, actor, time, type or case) is not what its hash covers, or the "
                  "hash of the event before it was replaced";
    } else {
      b.problem = "out_of_order";
      b.message = "the event links neither to the one before it nor to the next: it was moved, inserted, or "
                  "changed with its hash computed again";
    }
    link_broken(std::move(b));
  }
  if (!holds) {
    ++broken_links_;
    AuditBreak b{row.seq, row.case_id, std::string(row.case_number), std::string(row.type), std::string(),
                 std::string()};
    if (row.seq <= prev_seq_) {
      b.problem = "out_of_order";
      b.message = "its seq does not follow " + seq_text(prev_seq_);
      link_broken(std::move(b));
    } else if (!follows) {
      // A gap in seq, or the event before the range is gone (no anchor).
      const std::int64_t first_missing = prev_known_ ? prev_seq_ + 1 : prev_seq_;
      const std::int64_t last_missing = row.seq - 1;
      b.problem = "missing";
      b.message = first_missing == last_missing
                      ? "the event at " + seq_text(first_missing) + " before it is missing"
                      : "the events at seq " + std::to_string(first_missing) + " to " + std::to_string(last_missing) +
                            " before it are missing";
      link_broken(std::move(b));
    } else if (!stored) {
      b.problem = "out_of_order";
      b.message = "it has no chain hash: librma did not write it";
      link_broken(std::move(b));
    } else {
      pending_ = std::move(b);
    }
  }
  prev_seq_ = row.seq;
  prev_hash_ = stored ? *stored : computed;
  prev_known_ = true;
}

void ChainVerifier::end_of_events(std::int64_t last_stored_seq) {
  last_stored_seq_ = last_stored_seq;
  if (!pending_) return;
  AuditBreak b = std::move(*pending_);
  pending_.reset();
  b.problem = "changed";
  b.message = "the event's content (data, actor, time, type or case) is not what its hash covers";
  link_broken(std::move(b));
}

void ChainVerifier::link_broken(AuditBreak b) {
  if (!first_link_break_) first_link_break_ = std::move(b);
}

bool ChainVerifier::trusted(const PublicKey& key) const {
  return trusted_.empty() || std::find(trusted_.begin(), trusted_.end(), key) != trusted_.end();
}

void ChainVerifier::checkpoint(const CheckpointRow& row) {
  if (row.seq > to_seq_ && row.event_exists) return;
  ++checkpoints_checked_;
  const std::optional<Checkpoint> well_formed = checkpoint_from_row(row);
  if (!well_formed) {
    checkpoint_broken(row, "checkpoint_signature", "the checkpoint's hash, key or signature has the wrong size");
    return;
  }
  const Checkpoint& c = *well_formed;
  if (!checkpoint_signature_valid(c)) {
    checkpoint_broken(row, "checkpoint_signature",
                      "the checkpoint's signature does not match its seq, hash and time under the key it names");
    return;
  }
  if (!trusted(c.public_key)) {
    checkpoint_broken(row, "checkpoint_key",
                      "the checkpoint is signed by " + to_hex(c.public_key) + ", which is not a trusted key");
    return;
  }
  if (!row.event_exists) {
    if (row.seq > last_stored_seq_) {
      checkpoint_broken(row, "truncated",
                        "the checkpoint names " + seq_text(row.seq) + " but the chain ends at " +
                            seq_text(last_stored_seq_) + ": events were removed from its end");
    } else {
      checkpoint_broken(row, "missing", "the event the checkpoint names is missing");
    }
    return;
  }
  const std::optional<ChainHash> stored = hash_from_bytes(row.event_hash);
  if (!stored || *stored != c.hash) {
    const std::string since = last_good_ ? "after " + seq_text(last_good_->seq) + " (the checkpoint before it)"
                                         : "from the first event";
    checkpoint_broken(row, "checkpoint_hash",
                      "the event at " + seq_text(row.seq) + " no longer has the hash the checkpoint signed: events " +
                          since + " up to it were rewritten");
    return;
  }
  last_good_ = AuditCheckpoint{c.seq, to_hex(c.hash), Timestamp{c.at_micros}, to_hex(c.public_key)};
}

void ChainVerifier::checkpoint_broken(const CheckpointRow& row, const char* problem, std::string message) {
  ++broken_checkpoints_;
  if (first_checkpoint_break_) return;
  first_checkpoint_break_ =
      AuditBreak{row.seq, row.event_case_id, std::string(), row.event_exists ? row.event_type : std::string(),
                 problem, std::move(message)};
}

AuditReport ChainVerifier::report() const {
  AuditReport r;
  r.from_seq = from_seq_;
  r.to_seq = to_seq_;
  r.events_checked = events_checked_;
  r.broken_links = broken_links_;
  r.checkpoints_checked = checkpoints_checked_;
  r.last_checkpoint = last_good_;
  const std::int64_t signed_up_to = last_good_ ? std::max(last_good_->seq, from_seq_ - 1) : from_seq_ - 1;
  r.unsigned_events = std::max<std::int64_t>(0, prev_seq_ - signed_up_to);
  // The earlier of the two; at the same seq the link's is the more precise.
  if (first_link_break_ && (!first_checkpoint_break_ || first_link_break_->seq <= first_checkpoint_break_->seq)) {
    r.first_break = first_link_break_;
  } else {
    r.first_break = first_checkpoint_break_;
  }
  r.ok = !r.first_break.has_value() && !pending_;
  return r;
}

}  // namespace rma::events
