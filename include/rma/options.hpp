// rma/options.hpp — how an engine is opened. JSON form in docs/json.md ("options").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "rma/label.hpp"
#include "rma/rma_number.hpp"
#include "rma/time.hpp"

namespace rma {

// The deepest Limits::max_json_depth may be set: at 256 levels every recursive walk of a
// document stays far below a 256 KiB thread stack.
constexpr std::int32_t kMaxJsonDepth = 256;

// Upper bounds on what one request may carry; over them is Status::too_large.
struct Limits {
  std::int64_t max_request_bytes = 4 * 1024 * 1024;  // one JSON request
  std::int64_t max_note_bytes = 64 * 1024;
  std::int64_t max_text_bytes = 4 * 1024;            // any other single string field
  std::int64_t max_attachment_bytes = 2LL * 1024 * 1024 * 1024;  // declared file size
  std::int32_t max_lines_per_case = 1000;
  std::int32_t max_batch_commands = 100000;
  std::int64_t max_import_bytes = 1024LL * 1024 * 1024;  // one import's input text
  // Nesting of any JSON document librma reads (requests, custom fields, payloads, configuration,
  // import rows), enforced while parsing so that nothing recursive ever sees a deeper one.
  std::int32_t max_json_depth = 64;
  // One answer; a batch asked for full documents stops at this size instead of growing with the
  // square of its commands.
  std::int64_t max_response_bytes = 16 * 1024 * 1024;
  // Commands of one batch sent by a customer or a supplier (staff: max_batch_commands).
  std::int32_t max_claimant_batch_commands = 20;
  // Errors an import report lists one by one; beyond them it keeps counts per field and reason.
  std::int32_t max_import_errors = 1000;
  // Matches case.query counts for its total when no counter answers it (docs/json.md,
  // case.query); beyond them the total is this number and total_exact is false. 1..2147483647.
  std::int64_t max_counted_total = 10000;
  // Groups one report may have (report.run, report.export; docs/reports.md): past them it is
  // too_large naming "dimensions". 1..1,000,000 (an XLSX sheet holds 1,048,576 rows).
  std::int64_t max_report_groups = 1000000;
};

// What an engine keeps in memory besides its case cache (docs/json.md "options",
// docs/architecture.md "index"). Case look-ups and case queries use the store in every mode.
//   lazy: nothing is loaded at open; the unit registry is filled per key (a serial, a customer
//     and SKU, a sales document or line, a SKU) on first need and kept afterwards; the SLA clocks
//     are built when an SLA command first needs them.
//   eager: the whole unit registry and the SLA clocks are loaded at open, for a long-lived server.
//   store_only: look-ups read the store every time; nothing is kept beyond a command (the SLA
//     clocks, built on first need, are kept as in lazy).
// In every mode an engine follows other processes' writes.
enum class IndexMode { lazy, eager, store_only };
const char* index_mode_name(IndexMode v) noexcept;  // "lazy", "eager", "store_only"
std::optional<IndexMode> index_mode_from_name(std::string_view name) noexcept;

// The tamper-evident history (rma/audit.hpp, docs/audit.md). Every event is hash-chained in
// every store; these say how its checkpoints are signed.
struct AuditOptions {
  // The Ed25519 key that signs checkpoints, as its 32-byte seed in 64 hex digits, held by the
  // host outside the database. Empty: librma generates a key once and stores it in the database
  // (its public half is exported by audit.public_key); an auditor then needs that public key,
  // kept apart, to tell re-signed checkpoints from real ones. Never echoed in errors or answers.
  std::string signing_seed;
  // A checkpoint is signed in the transaction that brings this many events (or more) past the
  // last one. 1 to 10,000,000.
  std::int64_t checkpoint_every = 1000;
};

struct Options {
  NumberFormat number_format;
  Limits limits;
  std::int32_t busy_timeout_ms = 5000;  // how long to wait for another process's write lock
  bool synchronous_full = false;        // WAL with synchronous=NORMAL unless set
  // Warranty checks and sold-unit look-ups answer from memory and look for other processes'
  // commits at most this often (this engine's own writes are always visible at once). Every
  // other read and every write catches up first, whatever this says. 0: catch up every time.
  std::int32_t registry_refresh_ms = 20;
  IndexMode index_mode = IndexMode::lazy;
  // Every staff actor (operator: and admin:) must be a registered operator with that role. An
  // admin: actor must always be registered, whatever this says.
  bool require_registered_staff = false;
  // The engine's time zone: a POSIX TZ rule ("CET-1CEST,M3.5.0,M10.5.0/3") or an IANA name
  // ("Europe/Rome"), checked at open. Reports cut periods in it unless they name another; empty:
  // none, and a report by period must then name its zone.
  std::string time_zone;
  AuditOptions audit;
  // The return address printed on labels (rma/label.hpp), checked at open.
  LabelOptions labels;
  Clock clock;                          // empty: the system clock
};

}  // namespace rma
