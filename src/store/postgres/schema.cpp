#include "store/postgres/schema.hpp"

#include <string>

#include "events/chain.hpp"
#include "events/customer_events.hpp"
#include "rma/error.hpp"
#include "store/postgres/rows.hpp"
#include "store/sqlite/schema.hpp"

namespace rma::store::pg {
namespace {

// Version 10, all at once: no PostgreSQL store existed before it, so there is nothing older to
// migrate. The tables, columns and indexes of SQLite's steps 1 to 10 (store/sqlite/schema.cpp
// says why each exists), with PostgreSQL's types: BIGINT for integers (flags stay 0/1 so both
// backends read the same values), TEXT for times (ISO 8601 UTC with six fraction digits, as
// store/column_text writes them) and JSON, and ids assigned by the store (max + 1 under the
// writer lock, as SQLite assigns rowids). The two large JSON columns store/column_codec
// compresses (events.data, cases.valuation) are BYTEA: a zstd frame is neither UTF-8 nor free of
// NUL bytes, which a TEXT column refuses, so both forms (frame, or plain text below the
// threshold) are kept as bytes, the values SQLite keeps as BLOB or TEXT. Every text column
// collates "C" (bytewise, like SQLite), whatever the database's locale: case numbers, keyset
// cursors and times sort the same on both backends. `commits` counts commits, for
// changed_by_others.
constexpr const char* kVersion10 = R"sql(
CREATE TABLE customers (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, tax_id TEXT NOT NULL, email TEXT NOT NULL,
  tier TEXT NOT NULL, language TEXT NOT NULL, phones TEXT NOT NULL, addresses TEXT NOT NULL,
  updated_at TEXT NOT NULL);
CREATE TABLE suppliers (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, tax_id TEXT NOT NULL, email TEXT NOT NULL,
  phones TEXT NOT NULL, addresses TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE operators (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL, role TEXT NOT NULL,
  team TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE products (
  sku TEXT PRIMARY KEY, name TEXT NOT NULL, brand TEXT NOT NULL, category TEXT NOT NULL,
  supplier_id TEXT NOT NULL, serialized BIGINT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE number_sequences (year BIGINT PRIMARY KEY, last BIGINT NOT NULL);
CREATE TABLE cases (
  id BIGINT PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL, category TEXT NOT NULL, channel TEXT NOT NULL,
  customer_id TEXT NOT NULL REFERENCES customers(id),
  supplier_id TEXT NOT NULL,
  purchased_elsewhere BIGINT NOT NULL,
  priority TEXT NOT NULL, assignee TEXT NOT NULL, team TEXT NOT NULL, status TEXT NOT NULL,
  expected_completion TEXT,
  resolution TEXT NOT NULL, root_cause TEXT NOT NULL,
  custom_fields TEXT NOT NULL,
  split_from BIGINT REFERENCES cases(id),
  idempotency_key TEXT UNIQUE,
  request_fingerprint TEXT,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
  version BIGINT NOT NULL,
  workflow TEXT NOT NULL DEFAULT '', workflow_version BIGINT NOT NULL DEFAULT 0,
  status_since TEXT NOT NULL DEFAULT '', decision_locked BIGINT NOT NULL DEFAULT 0, deleted_at TEXT,
  valuation BYTEA NOT NULL DEFAULT '');
CREATE TABLE case_lines (
  case_id BIGINT NOT NULL REFERENCES cases(id),
  line_no BIGINT NOT NULL,
  sku TEXT NOT NULL, serial TEXT NOT NULL, lot TEXT NOT NULL,
  sales_document TEXT NOT NULL, sales_document_line BIGINT NOT NULL,
  reason_code TEXT NOT NULL, defect_description TEXT NOT NULL, condition TEXT NOT NULL,
  qty_requested BIGINT NOT NULL, qty_authorized BIGINT NOT NULL,
  qty_received BIGINT NOT NULL, qty_accepted BIGINT NOT NULL,
  replacement_serial TEXT NOT NULL,
  purchase_date TEXT, unit_price BIGINT NOT NULL DEFAULT 0, currency TEXT NOT NULL DEFAULT '',
  vat_rate_bp BIGINT NOT NULL DEFAULT 0, dispatch_document TEXT NOT NULL DEFAULT '',
  packers TEXT NOT NULL DEFAULT '', void_conditions TEXT NOT NULL DEFAULT '',
  unused BIGINT, original_packaging BIGINT, accessories_complete BIGINT,
  warranty TEXT NOT NULL DEFAULT '', eligibility TEXT NOT NULL DEFAULT '',
  flags TEXT NOT NULL DEFAULT '', claimed_amount TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (case_id, line_no));
CREATE INDEX case_lines_by_sales_line ON case_lines(sales_document, sales_document_line)
  WHERE sales_document <> '';
CREATE INDEX case_lines_by_serial ON case_lines(serial) WHERE serial <> '';
CREATE INDEX case_lines_by_replacement ON case_lines(replacement_serial) WHERE replacement_serial <> '';
CREATE INDEX case_lines_by_sku ON case_lines(sku);
CREATE INDEX case_lines_by_lot ON case_lines(lot) WHERE lot <> '';
CREATE TABLE notes (
  id BIGINT PRIMARY KEY, case_id BIGINT NOT NULL REFERENCES cases(id),
  channel TEXT NOT NULL, author TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE INDEX notes_by_case ON notes(case_id);
CREATE TABLE attachments (
  id BIGINT PRIMARY KEY, case_id BIGINT NOT NULL REFERENCES cases(id),
  file_name TEXT NOT NULL, media_type TEXT NOT NULL, size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL, uri TEXT NOT NULL, visibility TEXT NOT NULL,
  added_by TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE INDEX attachments_by_case ON attachments(case_id);
CREATE TABLE actions (
  id BIGINT PRIMARY KEY, case_id BIGINT NOT NULL REFERENCES cases(id),
  title TEXT NOT NULL, assignee TEXT NOT NULL, due_at TEXT, done_at TEXT,
  done_by TEXT NOT NULL, created_by TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE INDEX actions_by_case ON actions(case_id);
CREATE TABLE events (
  seq BIGINT PRIMARY KEY,
  case_id BIGINT NOT NULL, case_number TEXT NOT NULL,
  at TEXT NOT NULL, actor TEXT NOT NULL, type TEXT NOT NULL, data BYTEA NOT NULL);
CREATE INDEX events_by_case ON events(case_id, seq);
CREATE TABLE outbox (
  seq BIGINT PRIMARY KEY,
  case_id BIGINT NOT NULL, topic TEXT NOT NULL, payload TEXT NOT NULL,
  created_at TEXT NOT NULL, acknowledged_at TEXT);
CREATE INDEX outbox_pending ON outbox(seq) WHERE acknowledged_at IS NULL;
CREATE TABLE sales_documents (
  id TEXT PRIMARY KEY, date TEXT NOT NULL, delivery_date TEXT,
  customer_id TEXT NOT NULL, channel TEXT NOT NULL, distance_sale BIGINT NOT NULL,
  currency TEXT NOT NULL, jurisdiction TEXT NOT NULL, updated_at TEXT NOT NULL,
  discount BIGINT NOT NULL DEFAULT 0);
CREATE INDEX sales_documents_by_customer ON sales_documents(customer_id);
CREATE TABLE sales_lines (
  document_id TEXT NOT NULL REFERENCES sales_documents(id) ON DELETE CASCADE,
  line_no BIGINT NOT NULL, sku TEXT NOT NULL, quantity BIGINT NOT NULL,
  unit_price BIGINT NOT NULL, vat_rate_bp BIGINT NOT NULL, serials TEXT NOT NULL,
  lot TEXT NOT NULL, dispatch_document TEXT NOT NULL, packers TEXT NOT NULL,
  discount BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (document_id, line_no));
CREATE TABLE purchase_documents (
  id TEXT PRIMARY KEY, date TEXT NOT NULL, supplier_id TEXT NOT NULL, currency TEXT NOT NULL,
  updated_at TEXT NOT NULL);
CREATE TABLE purchase_lines (
  document_id TEXT NOT NULL REFERENCES purchase_documents(id) ON DELETE CASCADE,
  line_no BIGINT NOT NULL, sku TEXT NOT NULL, quantity BIGINT NOT NULL,
  unit_cost BIGINT NOT NULL, serials TEXT NOT NULL,
  PRIMARY KEY (document_id, line_no));
CREATE TABLE extended_warranties (
  serial TEXT NOT NULL, contract TEXT NOT NULL, start TEXT NOT NULL, "end" TEXT NOT NULL,
  coverage TEXT NOT NULL, PRIMARY KEY (serial, contract));
CREATE TABLE unit_replacements (
  serial TEXT PRIMARY KEY, replaced_serial TEXT NOT NULL,
  replaced_on TEXT NOT NULL, case_id BIGINT NOT NULL REFERENCES cases(id));
CREATE TABLE unit_registrations (serial TEXT PRIMARY KEY, registered_on TEXT NOT NULL);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE workflows (
  id TEXT NOT NULL, version BIGINT NOT NULL, definition TEXT NOT NULL, created_at TEXT NOT NULL,
  PRIMARY KEY (id, version));
CREATE TABLE repair_operations (
  id BIGINT PRIMARY KEY, case_id BIGINT NOT NULL REFERENCES cases(id),
  line_no BIGINT NOT NULL, code TEXT NOT NULL, description TEXT NOT NULL,
  labour_class TEXT NOT NULL, minutes BIGINT NOT NULL, parts TEXT NOT NULL,
  paid BIGINT NOT NULL, status TEXT NOT NULL,
  created_by TEXT NOT NULL, created_at TEXT NOT NULL, updated_by TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX repair_operations_by_case ON repair_operations(case_id);
CREATE TABLE sla_crossings (
  case_id BIGINT NOT NULL, clock TEXT NOT NULL, started_at TEXT NOT NULL, target_seconds BIGINT NOT NULL,
  kind TEXT NOT NULL, at TEXT NOT NULL,
  PRIMARY KEY (case_id, clock, started_at, target_seconds, kind));
CREATE TABLE security_log (
  actor TEXT NOT NULL, reason TEXT NOT NULL,
  count BIGINT NOT NULL, first_at TEXT NOT NULL, last_at TEXT NOT NULL,
  last_case_id BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (actor, reason));
CREATE TABLE sold_serials (
  serial TEXT NOT NULL, document_id TEXT NOT NULL, line_no BIGINT NOT NULL,
  PRIMARY KEY (serial, document_id));
CREATE INDEX sold_serials_by_document ON sold_serials(document_id);
CREATE TABLE purchased_serials (
  serial TEXT NOT NULL, document_id TEXT NOT NULL, line_no BIGINT NOT NULL,
  PRIMARY KEY (serial, document_id));
CREATE INDEX purchased_serials_by_document ON purchased_serials(document_id);
CREATE INDEX cases_by_created ON cases(created_at) WHERE deleted_at IS NULL;
CREATE INDEX cases_by_updated ON cases(updated_at) WHERE deleted_at IS NULL;
CREATE INDEX cases_by_status ON cases(status, created_at) WHERE deleted_at IS NULL;
CREATE INDEX cases_by_status_since ON cases(status, status_since) WHERE deleted_at IS NULL;
CREATE INDEX cases_by_customer ON cases(customer_id, created_at) WHERE deleted_at IS NULL;
CREATE INDEX cases_by_supplier ON cases(supplier_id, created_at) WHERE deleted_at IS NULL AND supplier_id <> '';
CREATE INDEX cases_by_assignee ON cases(assignee, created_at) WHERE deleted_at IS NULL AND assignee <> '';
CREATE INDEX cases_by_root_cause ON cases(root_cause) WHERE deleted_at IS NULL AND root_cause <> '';
CREATE TABLE case_counts (
  dim TEXT NOT NULL, value TEXT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (dim, value));
-- The counters of SQLite's triggers (steps 8 and 10): each counted column alone and paired with
-- the status, minus the old row's values and plus the new row's, in the writing transaction.
CREATE FUNCTION case_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $body$
DECLARE
  gone BIGINT := 0;   -- the old row was counted (a live case changed or deleted)
  came BIGINT := CASE WHEN NEW.deleted_at IS NULL THEN 1 ELSE 0 END;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    gone := CASE WHEN OLD.deleted_at IS NULL THEN -1 ELSE 0 END;
    INSERT INTO case_counts AS c (dim, value, n)
    SELECT dim, value, SUM(n)::BIGINT FROM (VALUES
      ('all', '', gone), ('status', OLD.status, gone), ('kind', OLD.kind, gone),
      ('channel', OLD.channel, gone), ('category', OLD.category, gone), ('priority', OLD.priority, gone),
      ('resolution', OLD.resolution, gone), ('team', OLD.team, gone), ('assignee', OLD.assignee, gone),
      ('status,kind', OLD.status || '|' || OLD.kind, gone),
      ('status,channel', OLD.status || '|' || OLD.channel, gone),
      ('status,category', OLD.status || '|' || OLD.category, gone),
      ('status,priority', OLD.status || '|' || OLD.priority, gone),
      ('status,resolution', OLD.status || '|' || OLD.resolution, gone),
      ('status,team', OLD.status || '|' || OLD.team, gone),
      ('status,assignee', OLD.status || '|' || OLD.assignee, gone),
      ('all', '', came), ('status', NEW.status, came), ('kind', NEW.kind, came),
      ('channel', NEW.channel, came), ('category', NEW.category, came), ('priority', NEW.priority, came),
      ('resolution', NEW.resolution, came), ('team', NEW.team, came), ('assignee', NEW.assignee, came),
      ('status,kind', NEW.status || '|' || NEW.kind, came),
      ('status,channel', NEW.status || '|' || NEW.channel, came),
      ('status,category', NEW.status || '|' || NEW.category, came),
      ('status,priority', NEW.status || '|' || NEW.priority, came),
      ('status,resolution', NEW.status || '|' || NEW.resolution, came),
      ('status,team', NEW.status || '|' || NEW.team, came),
      ('status,assignee', NEW.status || '|' || NEW.assignee, came)) AS d(dim, value, n)
    GROUP BY dim, value HAVING SUM(n) <> 0
    ON CONFLICT (dim, value) DO UPDATE SET n = c.n + excluded.n;
  ELSE
    INSERT INTO case_counts AS c (dim, value, n)
    SELECT dim, value, n FROM (VALUES
      ('all', '', came), ('status', NEW.status, came), ('kind', NEW.kind, came),
      ('channel', NEW.channel, came), ('category', NEW.category, came), ('priority', NEW.priority, came),
      ('resolution', NEW.resolution, came), ('team', NEW.team, came), ('assignee', NEW.assignee, came),
      ('status,kind', NEW.status || '|' || NEW.kind, came),
      ('status,channel', NEW.status || '|' || NEW.channel, came),
      ('status,category', NEW.status || '|' || NEW.category, came),
      ('status,priority', NEW.status || '|' || NEW.priority, came),
      ('status,resolution', NEW.status || '|' || NEW.resolution, came),
      ('status,team', NEW.status || '|' || NEW.team, came),
      ('status,assignee', NEW.status || '|' || NEW.assignee, came)) AS d(dim, value, n) WHERE n <> 0
    ON CONFLICT (dim, value) DO UPDATE SET n = c.n + excluded.n;
  END IF;
  RETURN NULL;
END
$body$;
CREATE TRIGGER cases_counted_insert AFTER INSERT ON cases FOR EACH ROW WHEN (NEW.deleted_at IS NULL)
  EXECUTE FUNCTION case_counts_follow();
CREATE TRIGGER cases_counted_update AFTER UPDATE ON cases FOR EACH ROW
  WHEN (OLD.deleted_at IS DISTINCT FROM NEW.deleted_at OR OLD.status IS DISTINCT FROM NEW.status
    OR OLD.kind IS DISTINCT FROM NEW.kind OR OLD.channel IS DISTINCT FROM NEW.channel
    OR OLD.category IS DISTINCT FROM NEW.category OR OLD.priority IS DISTINCT FROM NEW.priority
    OR OLD.resolution IS DISTINCT FROM NEW.resolution OR OLD.team IS DISTINCT FROM NEW.team
    OR OLD.assignee IS DISTINCT FROM NEW.assignee)
  EXECUTE FUNCTION case_counts_follow();
CREATE TABLE commits (id BIGINT PRIMARY KEY, n BIGINT NOT NULL);
INSERT INTO commits VALUES (1, 0);
CREATE TABLE schema_version (version BIGINT NOT NULL);
INSERT INTO schema_version VALUES (10);
)sql";

// Version 11: the due times of each case's open SLA clocks (SQLite's step 11 says why this
// shape). A schema with cases from before is marked for the engine to compute them once.
constexpr const char* kVersion11 = R"sql(
CREATE TABLE sla_due (
  case_id BIGINT NOT NULL, clock TEXT NOT NULL, due_at TEXT NOT NULL,
  PRIMARY KEY (case_id, clock));
CREATE INDEX sla_due_by_time ON sla_due(due_at, case_id);
INSERT INTO settings (key, value, updated_at)
  SELECT 'sla_due.incomplete', 'true', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') || '.000000Z'
  WHERE EXISTS (SELECT 1 FROM cases);
UPDATE schema_version SET version = 11;
)sql";

// Version 12: SQLite's step 12 (why there): the case's created_at, updated_at and status_since,
// events.at and sla_due.due_at as BIGINT microseconds since 1970; an event of a case leaves its
// number to the case row; sla_due keyed by (due_at, case_id, clock), the case row listing its
// due times. ALTER ... TYPE rebuilds the indexes on the converted columns.
#define RMA_MICROS(t) "round(extract(epoch FROM (" t ")::timestamptz) * 1000000)::bigint"
constexpr const char* kVersion12 =
    "ALTER TABLE cases ALTER COLUMN status_since DROP DEFAULT,"
    " ALTER COLUMN created_at TYPE BIGINT USING " RMA_MICROS("created_at") ","
    " ALTER COLUMN updated_at TYPE BIGINT USING " RMA_MICROS("updated_at") ","
    " ALTER COLUMN status_since TYPE BIGINT USING " RMA_MICROS("COALESCE(NULLIF(status_since, ''), created_at)") ";"
    " ALTER TABLE cases ADD COLUMN sla_due TEXT NOT NULL DEFAULT '';"
    " ALTER TABLE events ALTER COLUMN at TYPE BIGINT USING " RMA_MICROS("at") ";"
    " UPDATE events SET case_number = '' WHERE case_id <> 0 AND case_number <> '';"
    " CREATE TABLE sla_due_next (due_at BIGINT NOT NULL, case_id BIGINT NOT NULL, clock TEXT NOT NULL,"
    "   PRIMARY KEY (due_at, case_id, clock));"
    " INSERT INTO sla_due_next (due_at, case_id, clock) SELECT " RMA_MICROS("due_at") ", case_id, clock FROM sla_due;"
    " UPDATE cases c SET sla_due = k.keys FROM (SELECT case_id, string_agg(d::text, ' ' ORDER BY d) AS keys"
    "   FROM (SELECT DISTINCT case_id, due_at AS d FROM sla_due_next) x GROUP BY case_id) k WHERE c.id = k.case_id;"
    " DROP TABLE sla_due;"
    " ALTER TABLE sla_due_next RENAME TO sla_due;"
    " UPDATE schema_version SET version = 12;";
#undef RMA_MICROS

// Version 13: SQLite's step 13, a case's valuation kept once in its case.valued event.
constexpr const char* kVersion13 =
    "ALTER TABLE cases ADD COLUMN valuation_seq BIGINT; UPDATE schema_version SET version = 13;";

// Version 14: SQLite's step 14, each data subject's key and when its personal data was erased.
constexpr const char* kVersion14 =
    "ALTER TABLE cases ADD COLUMN privacy_key BYTEA, ADD COLUMN erased_at TEXT;"
    " ALTER TABLE customers ADD COLUMN privacy_key BYTEA, ADD COLUMN erased_at TEXT;"
    " UPDATE schema_version SET version = 14;";

// Version 15: SQLite's step 15, the tamper-evident history; the stored events are chained in
// the same transaction (chain_stored_events).
constexpr const char* kVersion15 =
    "ALTER TABLE events ADD COLUMN hash BYTEA;"
    " CREATE TABLE checkpoints (seq BIGINT PRIMARY KEY, hash BYTEA NOT NULL, at BIGINT NOT NULL,"
    "   public_key BYTEA NOT NULL, signature BYTEA NOT NULL);"
    " CREATE TABLE audit_keys (public_key BYTEA PRIMARY KEY, seed BYTEA NOT NULL, created_at BIGINT NOT NULL);"
    " UPDATE schema_version SET version = 15;";

// Version 16: SQLite's step 16, a customer record's history keyed by customer; the events stored
// before are listed in the same transaction (list_customer_events).
constexpr const char* kVersion16 =
    "CREATE TABLE customer_events (customer_id TEXT NOT NULL, seq BIGINT NOT NULL, PRIMARY KEY (customer_id, seq));"
    " UPDATE schema_version SET version = 16;";

// Hashes every stored event in seq order, a page at a time, under the writer lock: an engine
// already open on the schema (which does not migrate again) must not append between two pages.
void chain_stored_events(Connection& db) {
  db.run("SELECT pg_advisory_xact_lock(?, hashtext(current_schema()))", Params().add(kLockClass));
  events::ChainHash previous = events::kFirstPrevious;
  std::int64_t after = 0;
  for (;;) {
    Result r = db.run(
        "SELECT seq, case_id, at, case_number, actor, type, data FROM events WHERE seq > ? ORDER BY seq LIMIT 1000",
        Params().add(after));
    if (r.rows() == 0) return;
    for (int i = 0; i < r.rows(); ++i) {
      const std::int64_t seq = r.int64(i, 0);
      const std::string case_number = r.text(i, 3);
      const std::string actor = r.text(i, 4);
      const std::string type = r.text(i, 5);
      const std::string data = json_column_at(r, i, 6, {"events", "data"});
      previous = events::chain_hash(
          previous, events::ChainedContent{seq, r.int64(i, 1), r.int64(i, 2), case_number, actor, type, data});
      db.send("UPDATE events SET hash = ? WHERE seq = ?",
              Params().bytes(std::string(events::bytes_of(previous))).add(seq));
    }
    after = r.int64(r.rows() - 1, 0);
  }
}

// Lists the customer.upserted events stored before version 16, a page at a time.
void list_customer_events(Connection& db) {
  std::int64_t after = 0;
  for (;;) {
    Result r = db.run(
        "SELECT seq, data FROM events WHERE case_id = 0 AND seq > ? AND type = 'customer.upserted'"
        " ORDER BY seq LIMIT 1000",
        Params().add(after));
    if (r.rows() == 0) return;
    for (int i = 0; i < r.rows(); ++i) {
      const std::string customer_id = events::upserted_customer_id(json_column_at(r, i, 1, {"events", "data"}));
      if (customer_id.empty()) continue;  // a row some other program wrote: nothing to key it by
      db.send("INSERT INTO customer_events (customer_id, seq) VALUES (?, ?) ON CONFLICT DO NOTHING",
              Params().add(customer_id).add(r.int64(i, 0)));
    }
    after = r.int64(r.rows() - 1, 0);
  }
}

struct Step {
  int version;  // the version the step brings a schema to
  const char* sql;
  void (*rows)(Connection&);  // what it does besides its SQL, in the same transaction
};

// Later steps follow SQLite's, one twin per step, each ending with the new schema_version.
constexpr Step kSteps[] = {{10, kVersion10, nullptr},
                           {11, kVersion11, nullptr},
                           {12, kVersion12, nullptr},
                           {13, kVersion13, nullptr},
                           {14, kVersion14, nullptr},
                           {15, kVersion15, chain_stored_events},
                           {16, kVersion16, list_customer_events}};

constexpr int last_version() { return kSteps[sizeof(kSteps) / sizeof(kSteps[0]) - 1].version; }
static_assert(last_version() == kSchemaVersion,
              "every SQLite schema step needs its PostgreSQL twin in store/postgres/schema.cpp");

// Every column type TEXT (upper case, in the steps above) as TEXT COLLATE "C".
std::string bytewise_text(const std::string& sql) {
  std::string out;
  std::size_t at = 0;
  for (std::size_t found; (found = sql.find(" TEXT", at)) != std::string::npos; at = found + 5) {
    out.append(sql, at, found + 5 - at);
    const char next = found + 5 < sql.size() ? sql[found + 5] : ' ';
    if (next == ' ' || next == ',' || next == ')' || next == '\n') out += " COLLATE \"C\"";
  }
  out.append(sql, at, std::string::npos);
  return out;
}

int stored_version(Connection& db) {
  Result r = db.run("SELECT to_regclass('schema_version') IS NOT NULL");
  if (r.text(0, 0) != "t") return 0;
  return db.run("SELECT version FROM schema_version").int32(0, 0);
}

}  // namespace

void migrate(Connection& db) {
  // The first schema of the search path, created if missing (a host gives each librma database a
  // schema of its own with options=-csearch_path=NAME).
  Result path = db.run("SELECT current_schema()");
  if (path.null(0, 0)) {
    Result first = db.run("SELECT btrim(split_part(current_setting('search_path'), ',', 1))");
    std::string name = first.text(0, 0);
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
    if (name.empty() || name == "$user") throw Error(Status::storage, "path", "the search_path names no schema");
    db.exec("CREATE SCHEMA IF NOT EXISTS " + db.escape_identifier(name));
  }
  db.run("SELECT pg_advisory_lock(?, hashtext(current_schema()))", Params().add(kMigrationLockClass));
  try {
    int version = stored_version(db);
    if (version > kSchemaVersion) {
      throw Error(Status::storage, "",
                  "database schema version " + std::to_string(version) + " is newer than this librma supports (" +
                      std::to_string(kSchemaVersion) + ")");
    }
    for (const Step& step : kSteps) {
      if (step.version <= version) continue;
      db.exec("BEGIN");
      try {
        db.exec(bytewise_text(step.sql));
        if (step.rows) step.rows(db);
        db.exec("COMMIT");
      } catch (...) {
        db.discard();  // a step's queued writes (chain_stored_events) go with it
        db.exec("ROLLBACK");
        throw;
      }
      version = step.version;
    }
  } catch (...) {
    try {
      db.run("SELECT pg_advisory_unlock(?, hashtext(current_schema()))", Params().add(kMigrationLockClass));
    } catch (...) {
      // The lock ends with the session anyway.
    }
    throw;
  }
  db.run("SELECT pg_advisory_unlock(?, hashtext(current_schema()))", Params().add(kMigrationLockClass));
}

}  // namespace rma::store::pg
