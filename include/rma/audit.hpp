// rma/audit.hpp — the tamper-evident history: every event hash-chained to the one before it,
// signed checkpoints, and the verification that walks the chain (docs/audit.md).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "rma/time.hpp"

namespace rma {

// A signed statement that the event at `seq` had `hash`, made at `at` by the holder of the
// Ed25519 key `public_key`. Hashes and keys are lower-case hex.
struct AuditCheckpoint {
  std::int64_t seq = 0;
  std::string hash;
  Timestamp at;
  std::string public_key;
};

// The first place where the stored history is not what was chained and signed.
//   problem  "changed"      the event's content is not what its hash covers (the chain goes on
//                           from its stored hash)
//            "missing"      events are missing before it (its seq is not one more than the
//                           previous one's), or the event a checkpoint names is gone
//            "out_of_order" it does not link to the event before it, nor the next to it: moved,
//                           inserted, or changed with its hash computed again; or it has no hash
//            "checkpoint_signature"  a checkpoint's signature does not match its content
//            "checkpoint_key"        a checkpoint signed by a key the auditor does not trust
//            "checkpoint_hash"       a checkpoint names a hash the event at its seq no longer has:
//                                    the events since the previous good checkpoint were rewritten
//            "truncated"    a checkpoint names an event after the end of the chain
// seq, case_id, case_number and type are those of the event concerned (for a checkpoint, the
// event at its seq, when there is one; case_number is empty for a case no longer stored).
struct AuditBreak {
  std::int64_t seq = 0;
  std::int64_t case_id = 0;
  std::string case_number;
  std::string type;
  std::string problem;
  std::string message;
};

struct AuditReport {
  bool ok = true;
  std::int64_t from_seq = 0;  // the range walked
  std::int64_t to_seq = 0;
  std::int64_t events_checked = 0;
  std::int64_t broken_links = 0;          // events whose link to the one before does not hold
  std::int64_t checkpoints_checked = 0;
  std::optional<AuditCheckpoint> last_checkpoint;  // the last one that verified
  // Events after the last checkpoint that verified: someone who can write the database can
  // rewrite them undetected (docs/audit.md, "What it does not protect against").
  std::int64_t unsigned_events = 0;
  std::string public_key;  // the key this engine signs checkpoints with ("" when none yet)
  std::optional<AuditBreak> first_break;
};

// Called every `progress_every` events and once at the end: events checked so far and the events
// of the range. Return false to cancel (Status::invalid_argument, field "progress").
using AuditProgress = std::function<bool(std::int64_t events_done, std::int64_t events_total)>;

struct AuditVerifyOptions {
  // Public keys (hex) the auditor trusts, kept apart from the database. When given, a checkpoint
  // signed by any other key fails (a replaced stored key and re-signed checkpoints are found);
  // when empty, each checkpoint is checked against the key it names.
  std::vector<std::string> trusted_keys;
  std::int64_t from_seq = 1;
  std::optional<std::int64_t> to_seq;  // none: to the last event
  std::int64_t progress_every = 100000;  // 1 to 100,000,000
  AuditProgress progress;
};

// One page of the chain as stored, for an auditor's own check (docs/audit.md, "Verifying an
// exported copy"): each event with exactly the values its hash covers — case_number as stored
// ('' for an event of a case), the time in microseconds, the data as the JSON text hashed — and
// the checkpoints among those events. Hashes, keys and signatures are lower-case hex.
struct AuditExportEvent {
  std::int64_t seq = 0;
  std::int64_t case_id = 0;
  std::string case_number;
  std::int64_t at_micros = 0;
  std::string actor;
  std::string type;
  std::string data;
  std::string hash;  // "" when the row has none
};

struct AuditExportCheckpoint {
  std::int64_t seq = 0;
  std::string hash;
  std::int64_t at_micros = 0;
  std::string public_key;
  std::string signature;
};

struct AuditExportPage {
  std::vector<AuditExportEvent> events;            // seq order, from the page's first seq
  std::vector<AuditExportCheckpoint> checkpoints;  // those whose seq the page covers
  std::optional<std::int64_t> next_seq;            // where the next page starts; none: the last
};

}  // namespace rma
