// SQL that takes a database back to an older schema version, for the tests that open an older
// database and check that its migrations keep what it holds. Run them newest first.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/column_codec.hpp"
#include "store/valued_event.hpp"

namespace rma_test {

// Version 16 back to version 15: the customer events' keys go (the events stay).
inline const char* const kUndoSchema16 = "DROP TABLE customer_events; PRAGMA user_version = 15;";

// Version 15 back to version 14: the audit chain's hashes, checkpoints and stored key go.
inline const char* const kUndoSchema15 =
    "DROP TABLE checkpoints; DROP TABLE audit_keys; ALTER TABLE events DROP COLUMN hash; PRAGMA user_version = 14;";

// Version 14 back to version 13: no subject keys (the events sealed with them stay as written).
inline void undo_schema14(SQLite::Database& raw) {
  raw.exec(
      "ALTER TABLE cases DROP COLUMN privacy_key; ALTER TABLE cases DROP COLUMN erased_at;"
      " ALTER TABLE customers DROP COLUMN privacy_key; ALTER TABLE customers DROP COLUMN erased_at;"
      " PRAGMA user_version = 13;");
}

// Version 13 back to version 12: valuations back in the case rows, as plain text (which reads
// as well as a frame).
inline void undo_schema13(SQLite::Database& raw) {
  SQLite::Statement pointed(raw, "SELECT c.id, e.seq, e.data FROM cases c JOIN events e ON e.seq = c.valuation_seq");
  std::vector<std::pair<std::int64_t, std::string>> rows;
  while (pointed.executeStep()) {
    const SQLite::Column data = pointed.getColumn(2);
    const std::string text = rma::store::decode_column(
        std::string_view(static_cast<const char*>(data.getBlob()), static_cast<std::size_t>(data.getBytes())),
        {"events", "data"});
    rows.emplace_back(pointed.getColumn(0).getInt64(),
                      rma::store::valuation_from_valued_event(text, pointed.getColumn(1).getInt64()));
  }
  for (const auto& [id, valuation] : rows) {
    SQLite::Statement set(raw, "UPDATE cases SET valuation = ? WHERE id = ?");
    set.bind(1, valuation);
    set.bind(2, id);
    set.exec();
  }
  raw.exec("ALTER TABLE cases DROP COLUMN valuation_seq; PRAGMA user_version = 12;");
}

// Takes a database of this build's schema back to `version` (12 or later), newest step first. A
// later schema step adds its own line here, and the tests that open older databases keep working.
inline void undo_schema_to(SQLite::Database& raw, int version) {
  if (version < 16) raw.exec(kUndoSchema16);
  if (version < 15) raw.exec(kUndoSchema15);
  if (version < 14) undo_schema14(raw);
  if (version < 13) undo_schema13(raw);
}

// Version 12 back to version 11: times as text again, event case numbers back in the events,
// sla_due keyed by case.
#define RMA_TEXT(m) "(strftime('%Y-%m-%dT%H:%M:%S', " m " / 1000000, 'unixepoch') || printf('.%06dZ', " m " % 1000000))"
inline const char* const kUndoSchema12 =
    "DROP INDEX cases_by_created; DROP INDEX cases_by_updated; DROP INDEX cases_by_status;"
    " DROP INDEX cases_by_status_since; DROP INDEX cases_by_customer; DROP INDEX cases_by_supplier;"
    " DROP INDEX cases_by_assignee;"
    " ALTER TABLE cases RENAME COLUMN created_at TO created_micros;"
    " ALTER TABLE cases RENAME COLUMN updated_at TO updated_micros;"
    " ALTER TABLE cases RENAME COLUMN status_since TO status_since_micros;"
    " ALTER TABLE cases ADD COLUMN created_at TEXT NOT NULL DEFAULT '';"
    " ALTER TABLE cases ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';"
    " ALTER TABLE cases ADD COLUMN status_since TEXT NOT NULL DEFAULT '';"
    " UPDATE cases SET created_at = " RMA_TEXT("created_micros") ", updated_at = " RMA_TEXT("updated_micros") ","
    "   status_since = " RMA_TEXT("status_since_micros") ";"
    " ALTER TABLE cases DROP COLUMN created_micros; ALTER TABLE cases DROP COLUMN updated_micros;"
    " ALTER TABLE cases DROP COLUMN status_since_micros; ALTER TABLE cases DROP COLUMN sla_due;"
    " CREATE INDEX cases_by_created ON cases(created_at) WHERE deleted_at IS NULL;"
    " CREATE INDEX cases_by_updated ON cases(updated_at) WHERE deleted_at IS NULL;"
    " CREATE INDEX cases_by_status ON cases(status, created_at) WHERE deleted_at IS NULL;"
    " CREATE INDEX cases_by_status_since ON cases(status, status_since) WHERE deleted_at IS NULL;"
    " CREATE INDEX cases_by_customer ON cases(customer_id, created_at) WHERE deleted_at IS NULL;"
    " CREATE INDEX cases_by_supplier ON cases(supplier_id, created_at) WHERE deleted_at IS NULL AND supplier_id <> '';"
    " CREATE INDEX cases_by_assignee ON cases(assignee, created_at) WHERE deleted_at IS NULL AND assignee <> '';"
    " ALTER TABLE events RENAME COLUMN at TO at_micros; ALTER TABLE events ADD COLUMN at TEXT NOT NULL DEFAULT '';"
    " UPDATE events SET at = " RMA_TEXT("at_micros") ","
    "   case_number = COALESCE((SELECT number FROM cases WHERE id = events.case_id), case_number);"
    " ALTER TABLE events DROP COLUMN at_micros;"
    " ALTER TABLE sla_due RENAME TO sla_due_after;"
    " CREATE TABLE sla_due (case_id INTEGER NOT NULL, clock TEXT NOT NULL, due_at TEXT NOT NULL,"
    "   PRIMARY KEY (case_id, clock)) WITHOUT ROWID;"
    " INSERT INTO sla_due SELECT case_id, clock, " RMA_TEXT("due_at") " FROM sla_due_after; DROP TABLE sla_due_after;"
    " CREATE INDEX sla_due_by_time ON sla_due(due_at, case_id);"
    " PRAGMA user_version = 11;";
#undef RMA_TEXT

// Version 11 back to version 10: the stored SLA due times go.
inline const char* const kUndoSchema11 =
    "DROP TABLE sla_due; DELETE FROM settings WHERE key = 'sla_due.incomplete'; PRAGMA user_version = 10;";

// Version 10 back to version 9: the case query indexes as version 8 made them, the status pair
// counters go.
inline const char* const kUndoSchema10 =
    "DROP TRIGGER cases_counted_pairs_insert; DROP TRIGGER cases_counted_pairs_update;"
    " DELETE FROM case_counts WHERE dim LIKE 'status,%';"
    " DROP INDEX cases_by_created; DROP INDEX cases_by_updated; DROP INDEX cases_by_status;"
    " DROP INDEX cases_by_status_since; DROP INDEX cases_by_customer; DROP INDEX cases_by_supplier;"
    " DROP INDEX cases_by_assignee; DROP INDEX cases_by_root_cause;"
    " CREATE INDEX cases_by_created ON cases(created_at); CREATE INDEX cases_by_updated ON cases(updated_at);"
    " CREATE INDEX cases_by_status ON cases(status, created_at);"
    " CREATE INDEX cases_by_customer ON cases(customer_id, created_at);"
    " CREATE INDEX cases_by_supplier ON cases(supplier_id, created_at) WHERE supplier_id <> '';"
    " CREATE INDEX cases_by_assignee ON cases(assignee, created_at) WHERE assignee <> '';"
    " CREATE INDEX cases_by_team ON cases(team, created_at) WHERE team <> '';"
    " CREATE INDEX cases_by_root_cause ON cases(root_cause) WHERE root_cause <> '';"
    " CREATE INDEX case_lines_by_reason ON case_lines(reason_code) WHERE reason_code <> '';"
    " PRAGMA user_version = 9;";

// Version 9 back to version 8: the tables of sold and purchased serials go.
inline const char* const kUndoSchema9 =
    "DROP TABLE sold_serials; DROP TABLE purchased_serials; PRAGMA user_version = 8;";

// Version 8 back to version 7: the case query indexes and the case counters go.
inline const char* const kUndoSchema8 =
    "DROP TRIGGER cases_counted_insert; DROP TRIGGER cases_counted_update; DROP TABLE case_counts;"
    " DROP INDEX cases_by_created; DROP INDEX cases_by_updated; DROP INDEX cases_by_status;"
    " DROP INDEX cases_by_customer; DROP INDEX cases_by_supplier; DROP INDEX cases_by_assignee;"
    " DROP INDEX cases_by_team; DROP INDEX cases_by_root_cause; DROP INDEX case_lines_by_serial;"
    " DROP INDEX case_lines_by_replacement; DROP INDEX case_lines_by_sku; DROP INDEX case_lines_by_lot;"
    " DROP INDEX case_lines_by_reason; PRAGMA user_version = 7;";

}  // namespace rma_test
