#include "store/sqlite/schema.hpp"

#include <SQLiteCpp/Transaction.h>

#include <string>
#include <utility>
#include <vector>

#include "events/chain.hpp"
#include "events/customer_events.hpp"
#include "rma/error.hpp"
#include "store/column_codec.hpp"

namespace rma::store {
namespace {

// Version 1: the case foundation. Times are ISO 8601 UTC text with six fraction digits, so they
// sort as text and read well in the sqlite3 shell; JSON columns hold JSON text.
const char* const kMigration1 = R"sql(
CREATE TABLE customers (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, tax_id TEXT NOT NULL, email TEXT NOT NULL,
  tier TEXT NOT NULL, language TEXT NOT NULL,
  phones TEXT NOT NULL,      -- JSON array of strings
  addresses TEXT NOT NULL,   -- JSON array of address objects
  updated_at TEXT NOT NULL);
CREATE TABLE suppliers (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, tax_id TEXT NOT NULL, email TEXT NOT NULL,
  phones TEXT NOT NULL, addresses TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE operators (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL, role TEXT NOT NULL,
  team TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE products (
  sku TEXT PRIMARY KEY, name TEXT NOT NULL, brand TEXT NOT NULL, category TEXT NOT NULL,
  supplier_id TEXT NOT NULL, serialized INTEGER NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE number_sequences (year INTEGER PRIMARY KEY, last INTEGER NOT NULL);
CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL, category TEXT NOT NULL, channel TEXT NOT NULL,
  customer_id TEXT NOT NULL REFERENCES customers(id),
  supplier_id TEXT NOT NULL,
  purchased_elsewhere INTEGER NOT NULL,
  priority TEXT NOT NULL, assignee TEXT NOT NULL, team TEXT NOT NULL, status TEXT NOT NULL,
  expected_completion TEXT,
  resolution TEXT NOT NULL, root_cause TEXT NOT NULL,
  custom_fields TEXT NOT NULL,   -- JSON object
  split_from INTEGER REFERENCES cases(id),
  idempotency_key TEXT UNIQUE,
  request_fingerprint TEXT,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
  version INTEGER NOT NULL);
CREATE TABLE case_lines (
  case_id INTEGER NOT NULL REFERENCES cases(id),
  line_no INTEGER NOT NULL,
  sku TEXT NOT NULL, serial TEXT NOT NULL, lot TEXT NOT NULL,
  sales_document TEXT NOT NULL, sales_document_line INTEGER NOT NULL,
  reason_code TEXT NOT NULL, defect_description TEXT NOT NULL, condition TEXT NOT NULL,
  qty_requested INTEGER NOT NULL, qty_authorized INTEGER NOT NULL,
  qty_received INTEGER NOT NULL, qty_accepted INTEGER NOT NULL,
  replacement_serial TEXT NOT NULL,
  PRIMARY KEY (case_id, line_no)) WITHOUT ROWID;
CREATE TABLE notes (
  id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL REFERENCES cases(id),
  channel TEXT NOT NULL, author TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE INDEX notes_by_case ON notes(case_id);
CREATE TABLE attachments (
  id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL REFERENCES cases(id),
  file_name TEXT NOT NULL, media_type TEXT NOT NULL, size_bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL, uri TEXT NOT NULL, visibility TEXT NOT NULL,
  added_by TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE INDEX attachments_by_case ON attachments(case_id);
CREATE TABLE actions (
  id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL REFERENCES cases(id),
  title TEXT NOT NULL, assignee TEXT NOT NULL, due_at TEXT, done_at TEXT,
  done_by TEXT NOT NULL, created_by TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE INDEX actions_by_case ON actions(case_id);
-- The audit log and the case history; other processes follow it by seq.
CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id INTEGER NOT NULL,      -- 0 for events about no case
  case_number TEXT NOT NULL,
  at TEXT NOT NULL, actor TEXT NOT NULL, type TEXT NOT NULL,
  data TEXT NOT NULL);           -- JSON object
CREATE INDEX events_by_case ON events(case_id, seq);
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id INTEGER NOT NULL, topic TEXT NOT NULL,
  payload TEXT NOT NULL,         -- JSON object
  created_at TEXT NOT NULL, acknowledged_at TEXT);
CREATE INDEX outbox_pending ON outbox(seq) WHERE acknowledged_at IS NULL;
)sql";

// Version 2: the ERP feed and warranty. Sales and purchase documents with their lines (serials
// are kept in one column, separated by '|'), extended warranty contracts, replacement units,
// settings (JSON configuration documents), and the sale facts, inspection findings and latest
// checks on case lines.
const char* const kMigration2 = R"sql(
CREATE TABLE sales_documents (
  id TEXT PRIMARY KEY, date TEXT NOT NULL, delivery_date TEXT,
  customer_id TEXT NOT NULL, channel TEXT NOT NULL, distance_sale INTEGER NOT NULL,
  currency TEXT NOT NULL, jurisdiction TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX sales_documents_by_customer ON sales_documents(customer_id);
CREATE TABLE sales_lines (
  document_id TEXT NOT NULL REFERENCES sales_documents(id) ON DELETE CASCADE,
  line_no INTEGER NOT NULL, sku TEXT NOT NULL, quantity INTEGER NOT NULL,
  unit_price INTEGER NOT NULL,   -- minor units of the document currency, net of VAT
  vat_rate_bp INTEGER NOT NULL,  -- basis points: 2200 = 22.00 %
  serials TEXT NOT NULL,         -- serial numbers separated by '|'
  lot TEXT NOT NULL, dispatch_document TEXT NOT NULL,
  packers TEXT NOT NULL,         -- names separated by '|'
  PRIMARY KEY (document_id, line_no)) WITHOUT ROWID;
CREATE TABLE purchase_documents (
  id TEXT PRIMARY KEY, date TEXT NOT NULL, supplier_id TEXT NOT NULL, currency TEXT NOT NULL,
  updated_at TEXT NOT NULL);
CREATE TABLE purchase_lines (
  document_id TEXT NOT NULL REFERENCES purchase_documents(id) ON DELETE CASCADE,
  line_no INTEGER NOT NULL, sku TEXT NOT NULL, quantity INTEGER NOT NULL,
  unit_cost INTEGER NOT NULL, serials TEXT NOT NULL,
  PRIMARY KEY (document_id, line_no)) WITHOUT ROWID;
CREATE TABLE extended_warranties (
  serial TEXT NOT NULL, contract TEXT NOT NULL, start TEXT NOT NULL, end TEXT NOT NULL,
  coverage TEXT NOT NULL, PRIMARY KEY (serial, contract)) WITHOUT ROWID;
CREATE TABLE unit_replacements (
  serial TEXT PRIMARY KEY,            -- the replacement unit
  replaced_serial TEXT NOT NULL,      -- the unit it replaces
  replaced_on TEXT NOT NULL, case_id INTEGER NOT NULL REFERENCES cases(id));
CREATE TABLE unit_registrations (serial TEXT PRIMARY KEY, registered_on TEXT NOT NULL);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL);
ALTER TABLE case_lines ADD COLUMN purchase_date TEXT;
ALTER TABLE case_lines ADD COLUMN unit_price INTEGER NOT NULL DEFAULT 0;
ALTER TABLE case_lines ADD COLUMN currency TEXT NOT NULL DEFAULT '';
ALTER TABLE case_lines ADD COLUMN vat_rate_bp INTEGER NOT NULL DEFAULT 0;
ALTER TABLE case_lines ADD COLUMN dispatch_document TEXT NOT NULL DEFAULT '';
ALTER TABLE case_lines ADD COLUMN packers TEXT NOT NULL DEFAULT '';
ALTER TABLE case_lines ADD COLUMN void_conditions TEXT NOT NULL DEFAULT '';  -- separated by '|'
ALTER TABLE case_lines ADD COLUMN unused INTEGER;                -- NULL: not inspected
ALTER TABLE case_lines ADD COLUMN original_packaging INTEGER;
ALTER TABLE case_lines ADD COLUMN accessories_complete INTEGER;
ALTER TABLE case_lines ADD COLUMN warranty TEXT NOT NULL DEFAULT '';     -- JSON verdict
ALTER TABLE case_lines ADD COLUMN eligibility TEXT NOT NULL DEFAULT '';  -- JSON result
-- Units already returned against a sales line (the double-return check).
CREATE INDEX case_lines_by_sales_line ON case_lines(sales_document, sales_document_line)
  WHERE sales_document <> '';
)sql";

// Version 3: workflows. Cases remember the workflow version they started with, when they
// entered their status and whether their decision is locked; an admin's delete keeps the row
// (and its history) but hides it. Stored workflow versions never change; repair operations.
const char* const kMigration3 = R"sql(
ALTER TABLE cases ADD COLUMN workflow TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN workflow_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN status_since TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN decision_locked INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN deleted_at TEXT;
CREATE TABLE workflows (
  id TEXT NOT NULL, version INTEGER NOT NULL,
  definition TEXT NOT NULL,      -- JSON object: one workflow of docs/workflows.md
  created_at TEXT NOT NULL,
  PRIMARY KEY (id, version)) WITHOUT ROWID;
CREATE TABLE repair_operations (
  id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL REFERENCES cases(id),
  line_no INTEGER NOT NULL, code TEXT NOT NULL, description TEXT NOT NULL,
  labour_class TEXT NOT NULL, minutes INTEGER NOT NULL,
  parts TEXT NOT NULL,           -- JSON array of {sku, quantity, unit_cost, currency}
  paid INTEGER NOT NULL, status TEXT NOT NULL,
  created_by TEXT NOT NULL, created_at TEXT NOT NULL, updated_by TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX repair_operations_by_case ON repair_operations(case_id);
)sql";

// Version 4: valuation and SLA. Each case keeps its latest valuation (JSON, docs/valuation.md);
// each SLA crossing (a clock's warning or breach) is recorded once, however many engines tick.
const char* const kMigration4 = R"sql(
ALTER TABLE cases ADD COLUMN valuation TEXT NOT NULL DEFAULT '';
CREATE TABLE sla_crossings (
  case_id INTEGER NOT NULL, clock TEXT NOT NULL,
  started_at TEXT NOT NULL, target_seconds INTEGER NOT NULL,
  kind TEXT NOT NULL,            -- "warning" or "breached"
  at TEXT NOT NULL,              -- the instant the clock crossed
  PRIMARY KEY (case_id, clock, started_at, target_seconds, kind)) WITHOUT ROWID;
)sql";

// Version 5: discounts on sales documents and lines (net minor units), which the valuation
// shares over the units returned.
const char* const kMigration5 = R"sql(
ALTER TABLE sales_documents ADD COLUMN discount INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sales_lines ADD COLUMN discount INTEGER NOT NULL DEFAULT 0;
)sql";

// Version 6: safe to face customers. Lines carry flags for staff (a unit sold to another
// customer); refused requests are counted per actor in a security log instead of being written
// into the history of the case they probed.
const char* const kMigration6 = R"sql(
ALTER TABLE case_lines ADD COLUMN flags TEXT NOT NULL DEFAULT '';  -- separated by '|'
CREATE TABLE security_log (
  actor TEXT NOT NULL, reason TEXT NOT NULL,
  count INTEGER NOT NULL, first_at TEXT NOT NULL, last_at TEXT NOT NULL,
  last_case_id INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (actor, reason)) WITHOUT ROWID;
)sql";

// Version 7: a decided value. A line may carry the amount its claimant claims (money text such as
// "549.00 EUR", '' for none), which the claimed value reads from the moment a case is opened.
const char* const kMigration7 = R"sql(
ALTER TABLE case_lines ADD COLUMN claimed_amount TEXT NOT NULL DEFAULT '';
)sql";

// Version 8: case look-ups and grid queries are answered by the store (store/sqlite/case_query):
// an index per column a list screen filters on, each ending in created_at (the default order)
// and, implicitly, the id (the tie-break); line-level filters find their cases through indexes
// on case_lines. Partial indexes leave out the empty values nobody filters by. case_counts keeps
// the number of live cases per value of the low-cardinality columns, in the same transaction as
// every write (triggers), so a total over one such value is read, not counted. Cases from before
// workflows get the status_since that loading them already assumed.
const char* const kMigration8 = R"sql(
UPDATE cases SET status_since = created_at WHERE status_since = '';
CREATE INDEX cases_by_created ON cases(created_at);
CREATE INDEX cases_by_updated ON cases(updated_at);
CREATE INDEX cases_by_status ON cases(status, created_at);
CREATE INDEX cases_by_customer ON cases(customer_id, created_at);
CREATE INDEX cases_by_supplier ON cases(supplier_id, created_at) WHERE supplier_id <> '';
CREATE INDEX cases_by_assignee ON cases(assignee, created_at) WHERE assignee <> '';
CREATE INDEX cases_by_team ON cases(team, created_at) WHERE team <> '';
CREATE INDEX cases_by_root_cause ON cases(root_cause) WHERE root_cause <> '';
CREATE INDEX case_lines_by_serial ON case_lines(serial) WHERE serial <> '';
CREATE INDEX case_lines_by_replacement ON case_lines(replacement_serial) WHERE replacement_serial <> '';
CREATE INDEX case_lines_by_sku ON case_lines(sku);
CREATE INDEX case_lines_by_lot ON case_lines(lot) WHERE lot <> '';
CREATE INDEX case_lines_by_reason ON case_lines(reason_code) WHERE reason_code <> '';
CREATE TABLE case_counts (
  dim TEXT NOT NULL,             -- 'all', or the column counted: status, kind, channel, ...
  value TEXT NOT NULL,           -- '' for 'all'
  n INTEGER NOT NULL,            -- live (not deleted) cases with that value
  PRIMARY KEY (dim, value)) WITHOUT ROWID;
CREATE TRIGGER cases_counted_insert AFTER INSERT ON cases WHEN NEW.deleted_at IS NULL BEGIN
  INSERT INTO case_counts (dim, value, n) VALUES
    ('all', '', 1), ('status', NEW.status, 1), ('kind', NEW.kind, 1), ('channel', NEW.channel, 1),
    ('category', NEW.category, 1), ('priority', NEW.priority, 1), ('resolution', NEW.resolution, 1),
    ('team', NEW.team, 1), ('assignee', NEW.assignee, 1)
  ON CONFLICT (dim, value) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER cases_counted_update AFTER UPDATE ON cases
WHEN OLD.deleted_at IS NOT NEW.deleted_at OR OLD.status IS NOT NEW.status OR OLD.kind IS NOT NEW.kind
  OR OLD.channel IS NOT NEW.channel OR OLD.category IS NOT NEW.category OR OLD.priority IS NOT NEW.priority
  OR OLD.resolution IS NOT NEW.resolution OR OLD.team IS NOT NEW.team OR OLD.assignee IS NOT NEW.assignee
BEGIN
  INSERT INTO case_counts (dim, value, n)
  SELECT column1, column2, SUM(column3) FROM (VALUES
    ('all', '', -(OLD.deleted_at IS NULL)), ('status', OLD.status, -(OLD.deleted_at IS NULL)),
    ('kind', OLD.kind, -(OLD.deleted_at IS NULL)), ('channel', OLD.channel, -(OLD.deleted_at IS NULL)),
    ('category', OLD.category, -(OLD.deleted_at IS NULL)), ('priority', OLD.priority, -(OLD.deleted_at IS NULL)),
    ('resolution', OLD.resolution, -(OLD.deleted_at IS NULL)), ('team', OLD.team, -(OLD.deleted_at IS NULL)),
    ('assignee', OLD.assignee, -(OLD.deleted_at IS NULL)),
    ('all', '', NEW.deleted_at IS NULL), ('status', NEW.status, NEW.deleted_at IS NULL),
    ('kind', NEW.kind, NEW.deleted_at IS NULL), ('channel', NEW.channel, NEW.deleted_at IS NULL),
    ('category', NEW.category, NEW.deleted_at IS NULL), ('priority', NEW.priority, NEW.deleted_at IS NULL),
    ('resolution', NEW.resolution, NEW.deleted_at IS NULL), ('team', NEW.team, NEW.deleted_at IS NULL),
    ('assignee', NEW.assignee, NEW.deleted_at IS NULL))
  WHERE true GROUP BY column1, column2 HAVING SUM(column3) <> 0
  ON CONFLICT (dim, value) DO UPDATE SET n = n + excluded.n;
END;
INSERT INTO case_counts (dim, value, n)
  SELECT 'all', '', count(*) FROM cases WHERE deleted_at IS NULL
  UNION ALL SELECT 'status', status, count(*) FROM cases WHERE deleted_at IS NULL GROUP BY status
  UNION ALL SELECT 'kind', kind, count(*) FROM cases WHERE deleted_at IS NULL GROUP BY kind
  UNION ALL SELECT 'channel', channel, count(*) FROM cases WHERE deleted_at IS NULL GROUP BY channel
  UNION ALL SELECT 'category', category, count(*) FROM cases WHERE deleted_at IS NULL GROUP BY category
  UNION ALL SELECT 'priority', priority, count(*) FROM cases WHERE deleted_at IS NULL GROUP BY priority
  UNION ALL SELECT 'resolution', resolution, count(*) FROM cases WHERE deleted_at IS NULL GROUP BY resolution
  UNION ALL SELECT 'team', team, count(*) FROM cases WHERE deleted_at IS NULL GROUP BY team
  UNION ALL SELECT 'assignee', assignee, count(*) FROM cases WHERE deleted_at IS NULL GROUP BY assignee;
)sql";

// Version 9: the unit registry loads per key (store/sqlite/unit_lookups). Sales and purchase lines
// keep their serials '|'-joined, which no index can search, so every serial also gets a row of
// its own, keyed by serial, written with its document; existing documents' serials are split
// into them here (the same split as column_text's split_list, empty items left out).
const char* const kMigration9 = R"sql(
CREATE TABLE sold_serials (
  serial TEXT NOT NULL, document_id TEXT NOT NULL, line_no INTEGER NOT NULL,
  PRIMARY KEY (serial, document_id)) WITHOUT ROWID;
CREATE INDEX sold_serials_by_document ON sold_serials(document_id);
CREATE TABLE purchased_serials (
  serial TEXT NOT NULL, document_id TEXT NOT NULL, line_no INTEGER NOT NULL,
  PRIMARY KEY (serial, document_id)) WITHOUT ROWID;
CREATE INDEX purchased_serials_by_document ON purchased_serials(document_id);
WITH RECURSIVE split(document_id, line_no, serial, rest) AS (
  SELECT document_id, line_no, '', serials || '|' FROM sales_lines WHERE serials <> ''
  UNION ALL
  SELECT document_id, line_no, substr(rest, 1, instr(rest, '|') - 1), substr(rest, instr(rest, '|') + 1)
  FROM split WHERE rest <> '')
INSERT OR IGNORE INTO sold_serials (serial, document_id, line_no)
  SELECT serial, document_id, line_no FROM split WHERE serial <> '';
WITH RECURSIVE split(document_id, line_no, serial, rest) AS (
  SELECT document_id, line_no, '', serials || '|' FROM purchase_lines WHERE serials <> ''
  UNION ALL
  SELECT document_id, line_no, substr(rest, 1, instr(rest, '|') - 1), substr(rest, instr(rest, '|') + 1)
  FROM split WHERE rest <> '')
INSERT OR IGNORE INTO purchased_serials (serial, document_id, line_no)
  SELECT serial, document_id, line_no FROM split WHERE serial <> '';
)sql";

// Version 10: the case query indexes sized to what they serve. Each leaves out deleted cases, so a
// count over an index's own columns reads the index alone. Team and reason code hold a handful of
// values each: a page walks its order's index and checks them, and a team's total is read from
// case_counts, so their indexes cost more than they save. Closed ranges seek (status,
// status_since). case_counts also counts each status paired with each other counted column
// (dim 'status,team', value 'received|returns': a state name holds no '|'), kept by triggers of
// their own, so a list screen's usual pair of filters reads its total too.
const char* const kMigration10 = R"sql(
DROP INDEX cases_by_team;
DROP INDEX case_lines_by_reason;
DROP INDEX cases_by_created;
DROP INDEX cases_by_updated;
DROP INDEX cases_by_status;
DROP INDEX cases_by_customer;
DROP INDEX cases_by_supplier;
DROP INDEX cases_by_assignee;
DROP INDEX cases_by_root_cause;
CREATE INDEX cases_by_created ON cases(created_at) WHERE deleted_at IS NULL;
CREATE INDEX cases_by_updated ON cases(updated_at) WHERE deleted_at IS NULL;
CREATE INDEX cases_by_status ON cases(status, created_at) WHERE deleted_at IS NULL;
CREATE INDEX cases_by_status_since ON cases(status, status_since) WHERE deleted_at IS NULL;
CREATE INDEX cases_by_customer ON cases(customer_id, created_at) WHERE deleted_at IS NULL;
CREATE INDEX cases_by_supplier ON cases(supplier_id, created_at) WHERE deleted_at IS NULL AND supplier_id <> '';
CREATE INDEX cases_by_assignee ON cases(assignee, created_at) WHERE deleted_at IS NULL AND assignee <> '';
CREATE INDEX cases_by_root_cause ON cases(root_cause) WHERE deleted_at IS NULL AND root_cause <> '';
CREATE TRIGGER cases_counted_pairs_insert AFTER INSERT ON cases WHEN NEW.deleted_at IS NULL BEGIN
  INSERT INTO case_counts (dim, value, n) VALUES
    ('status,kind', NEW.status || '|' || NEW.kind, 1), ('status,channel', NEW.status || '|' || NEW.channel, 1),
    ('status,category', NEW.status || '|' || NEW.category, 1),
    ('status,priority', NEW.status || '|' || NEW.priority, 1),
    ('status,resolution', NEW.status || '|' || NEW.resolution, 1),
    ('status,team', NEW.status || '|' || NEW.team, 1), ('status,assignee', NEW.status || '|' || NEW.assignee, 1)
  ON CONFLICT (dim, value) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER cases_counted_pairs_update AFTER UPDATE ON cases
WHEN OLD.deleted_at IS NOT NEW.deleted_at OR OLD.status IS NOT NEW.status OR OLD.kind IS NOT NEW.kind
  OR OLD.channel IS NOT NEW.channel OR OLD.category IS NOT NEW.category OR OLD.priority IS NOT NEW.priority
  OR OLD.resolution IS NOT NEW.resolution OR OLD.team IS NOT NEW.team OR OLD.assignee IS NOT NEW.assignee
BEGIN
  INSERT INTO case_counts (dim, value, n)
  SELECT column1, column2, SUM(column3) FROM (VALUES
    ('status,kind', OLD.status || '|' || OLD.kind, -(OLD.deleted_at IS NULL)),
    ('status,channel', OLD.status || '|' || OLD.channel, -(OLD.deleted_at IS NULL)),
    ('status,category', OLD.status || '|' || OLD.category, -(OLD.deleted_at IS NULL)),
    ('status,priority', OLD.status || '|' || OLD.priority, -(OLD.deleted_at IS NULL)),
    ('status,resolution', OLD.status || '|' || OLD.resolution, -(OLD.deleted_at IS NULL)),
    ('status,team', OLD.status || '|' || OLD.team, -(OLD.deleted_at IS NULL)),
    ('status,assignee', OLD.status || '|' || OLD.assignee, -(OLD.deleted_at IS NULL)),
    ('status,kind', NEW.status || '|' || NEW.kind, NEW.deleted_at IS NULL),
    ('status,channel', NEW.status || '|' || NEW.channel, NEW.deleted_at IS NULL),
    ('status,category', NEW.status || '|' || NEW.category, NEW.deleted_at IS NULL),
    ('status,priority', NEW.status || '|' || NEW.priority, NEW.deleted_at IS NULL),
    ('status,resolution', NEW.status || '|' || NEW.resolution, NEW.deleted_at IS NULL),
    ('status,team', NEW.status || '|' || NEW.team, NEW.deleted_at IS NULL),
    ('status,assignee', NEW.status || '|' || NEW.assignee, NEW.deleted_at IS NULL))
  WHERE true GROUP BY column1, column2 HAVING SUM(column3) <> 0
  ON CONFLICT (dim, value) DO UPDATE SET n = n + excluded.n;
END;
INSERT INTO case_counts (dim, value, n)
  SELECT 'status,' || dim, status || '|' || value, count(*) FROM (
    SELECT status, 'kind' AS dim, kind AS value FROM cases WHERE deleted_at IS NULL
    UNION ALL SELECT status, 'channel', channel FROM cases WHERE deleted_at IS NULL
    UNION ALL SELECT status, 'category', category FROM cases WHERE deleted_at IS NULL
    UNION ALL SELECT status, 'priority', priority FROM cases WHERE deleted_at IS NULL
    UNION ALL SELECT status, 'resolution', resolution FROM cases WHERE deleted_at IS NULL
    UNION ALL SELECT status, 'team', team FROM cases WHERE deleted_at IS NULL
    UNION ALL SELECT status, 'assignee', assignee FROM cases WHERE deleted_at IS NULL)
  GROUP BY dim, status, value;
)sql";

// Version 11: the due times of each case's open SLA clocks, so that case.query's sla_due_within
// and the due-time lists (sla.due, sla.overdue) are answered by an index rather than by
// computing every case's clocks. A row per clock the due lists show: a running clock, or a
// paused one that breached before it paused (its due time is that breach, in the past, so it
// is never "due within"); paused clocks otherwise, and stopped ones, have no row. Why a table
// and not a column of cases with the earliest due time: a case whose first clock is already
// overdue may still have another due within the hour, which one column cannot tell, and a
// running clock's due time holds still while time passes, so a row stays true until the case
// changes. The primary key (case_id, clock) is what a command rewrites (a few rows of one case,
// one B-tree seek); the second index (due_at, case_id) serves "due between now and now + N"
// and "overdue" as one range scan, soonest first, and holds the case id a list screen joins on.
// The rules that compute the due times are the engine's: a database that had cases before this
// step gets them computed once, on the first open after migrating, while the setting
// 'sla_due.incomplete' exists (store/sqlite/sla_due.hpp).
const char* const kMigration11 = R"sql(
CREATE TABLE sla_due (
  case_id INTEGER NOT NULL, clock TEXT NOT NULL, due_at TEXT NOT NULL,
  PRIMARY KEY (case_id, clock)) WITHOUT ROWID;
CREATE INDEX sla_due_by_time ON sla_due(due_at, case_id);
INSERT INTO settings (key, value, updated_at)
  SELECT 'sla_due.incomplete', 'true', strftime('%Y-%m-%dT%H:%M:%S', 'now') || '.000000Z'
  WHERE EXISTS (SELECT 1 FROM cases);
)sql";

// Version 12: the busiest times as integers, the stored due times in one B-tree. Each case's
// creation, last change and status entry, each event's time and each due time are microseconds
// since 1970-01-01 UTC: 8 bytes where the text took 27, in the row and again in every index that
// ends in one (five of the case query indexes). Rarer times (notes, actions, parties) stay text.
// An event of a case keeps its number in the case row only (case_number is '' there, filled on
// reading); one about no case (case_id 0) keeps it in the event. sla_due is keyed by
// (due_at, case_id, clock), the order its two lists read, so a command writes one B-tree rather
// than a table and an index; to find a case's rows again, the case row holds their due times
// (cases.sla_due, space-separated, as written by store/sqlite/sla_due.cpp), and (due_at,
// case_id) is a prefix of the key. Text columns cannot hold integers (their affinity would turn
// them back into text), so each time column is added anew and the text one dropped.
#define RMA_MICROS(t) \
  "(CAST(strftime('%s', substr(" t ", 1, 19)) AS INTEGER) * 1000000 + CAST(substr(" t ", 21, 6) AS INTEGER))"
const char* const kMigration12 =
    "DROP INDEX cases_by_created; DROP INDEX cases_by_updated; DROP INDEX cases_by_status;"
    " DROP INDEX cases_by_status_since; DROP INDEX cases_by_customer; DROP INDEX cases_by_supplier;"
    " DROP INDEX cases_by_assignee;"
    " ALTER TABLE cases RENAME COLUMN created_at TO created_text;"
    " ALTER TABLE cases RENAME COLUMN updated_at TO updated_text;"
    " ALTER TABLE cases RENAME COLUMN status_since TO status_since_text;"
    " ALTER TABLE cases ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;"
    " ALTER TABLE cases ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;"
    " ALTER TABLE cases ADD COLUMN status_since INTEGER NOT NULL DEFAULT 0;"
    " ALTER TABLE cases ADD COLUMN sla_due TEXT NOT NULL DEFAULT '';"
    " UPDATE cases SET created_at = " RMA_MICROS("created_text") ", updated_at = " RMA_MICROS("updated_text") ","
    "   status_since = COALESCE(" RMA_MICROS("NULLIF(status_since_text, '')") ", " RMA_MICROS("created_text") ");"
    " ALTER TABLE cases DROP COLUMN created_text;"
    " ALTER TABLE cases DROP COLUMN updated_text;"
    " ALTER TABLE cases DROP COLUMN status_since_text;"
    " CREATE INDEX cases_by_created ON cases(created_at) WHERE deleted_at IS NULL;"
    " CREATE INDEX cases_by_updated ON cases(updated_at) WHERE deleted_at IS NULL;"
    " CREATE INDEX cases_by_status ON cases(status, created_at) WHERE deleted_at IS NULL;"
    " CREATE INDEX cases_by_status_since ON cases(status, status_since) WHERE deleted_at IS NULL;"
    " CREATE INDEX cases_by_customer ON cases(customer_id, created_at) WHERE deleted_at IS NULL;"
    " CREATE INDEX cases_by_supplier ON cases(supplier_id, created_at) WHERE deleted_at IS NULL AND supplier_id <> '';"
    " CREATE INDEX cases_by_assignee ON cases(assignee, created_at) WHERE deleted_at IS NULL AND assignee <> '';"
    " ALTER TABLE events RENAME COLUMN at TO at_text;"
    " ALTER TABLE events ADD COLUMN at INTEGER NOT NULL DEFAULT 0;"
    " UPDATE events SET at = " RMA_MICROS("at_text") ", case_number = CASE WHEN case_id = 0 THEN case_number ELSE '' END;"
    " ALTER TABLE events DROP COLUMN at_text;"
    " ALTER TABLE sla_due RENAME TO sla_due_before;"
    " DROP INDEX sla_due_by_time;"
    " CREATE TABLE sla_due (due_at INTEGER NOT NULL, case_id INTEGER NOT NULL, clock TEXT NOT NULL,"
    "   PRIMARY KEY (due_at, case_id, clock)) WITHOUT ROWID;"
    " INSERT INTO sla_due (due_at, case_id, clock) SELECT " RMA_MICROS("due_at") ", case_id, clock FROM sla_due_before;"
    " UPDATE cases SET sla_due = (SELECT group_concat(d, ' ') FROM (SELECT DISTINCT " RMA_MICROS("due_at") " AS d"
    "   FROM sla_due_before WHERE case_id = cases.id ORDER BY d))"
    "   WHERE id IN (SELECT case_id FROM sla_due_before);"
    " DROP TABLE sla_due_before;";
#undef RMA_MICROS

// Version 13: a case's valuation kept once, in the case.valued event that set it, the case row
// pointing at that event (store/valued_event.hpp says how it stays true). Rows written before
// keep their text: nothing is rewritten.
const char* const kMigration13 = "ALTER TABLE cases ADD COLUMN valuation_seq INTEGER;";

// Version 14: personal data you can erase (docs/privacy.md). Each data subject (a case, a
// customer) keeps the key its personal values in the history are sealed with
// (events/sealed_values.hpp), a random 32-byte blob written with the row; erasure sets it to NULL
// and records when in erased_at. Rows written before have no key: one is made the first time an
// event of theirs needs it. Events are never rewritten, so their older values stay plain.
const char* const kMigration14 =
    "ALTER TABLE cases ADD COLUMN privacy_key BLOB;"
    " ALTER TABLE cases ADD COLUMN erased_at TEXT;"
    " ALTER TABLE customers ADD COLUMN privacy_key BLOB;"
    " ALTER TABLE customers ADD COLUMN erased_at TEXT;";

// Version 15: the tamper-evident history (store/audit_chain.hpp, docs/audit.md). Each event's
// hash, chained to the event before it (NULL only in a row some other program wrote); the signed
// checkpoints, by the seq of the event each seals; the signing key librma generates when the host
// gives none, as its seed. The events stored before are chained in the same transaction
// (chain_stored_events below), so every event of the store is chained.
const char* const kMigration15 =
    "ALTER TABLE events ADD COLUMN hash BLOB;"
    " CREATE TABLE checkpoints (seq INTEGER PRIMARY KEY, hash BLOB NOT NULL, at INTEGER NOT NULL,"
    "   public_key BLOB NOT NULL, signature BLOB NOT NULL);"
    " CREATE TABLE audit_keys (public_key BLOB PRIMARY KEY, seed BLOB NOT NULL, created_at INTEGER NOT NULL);";

// Version 16: a customer record's history (privacy.export's customer_history). The
// customer.upserted events are about no case and their data is a compressed frame SQL cannot read,
// so each one's customer id is kept beside it, keyed for the read of one customer. Events stored
// before are listed in the same transaction (list_customer_events below).
const char* const kMigration16 =
    "CREATE TABLE customer_events (customer_id TEXT NOT NULL, seq INTEGER NOT NULL,"
    "   PRIMARY KEY (customer_id, seq)) WITHOUT ROWID;";

const char* const kMigrations[] = {kMigration1,  kMigration2,  kMigration3,  kMigration4,  kMigration5,  kMigration6,
                                   kMigration7,  kMigration8,  kMigration9,  kMigration10, kMigration11, kMigration12,
                                   kMigration13, kMigration14, kMigration15, kMigration16};

// Hashes every stored event in seq order, a page at a time (memory stays bounded on any log).
void chain_stored_events(SQLite::Database& db) {
  constexpr int kPage = 1000;
  SQLite::Statement read(db,
                         "SELECT seq, case_id, case_number, at, actor, type, data FROM events WHERE seq > ?"
                         " ORDER BY seq LIMIT ?");
  SQLite::Statement write(db, "UPDATE events SET hash = ? WHERE seq = ?");
  events::ChainHash previous = events::kFirstPrevious;
  std::int64_t after = 0;
  std::vector<std::pair<std::int64_t, events::ChainHash>> page;
  std::string data;
  for (;;) {
    page.clear();
    read.reset();
    read.bind(1, after);
    read.bind(2, kPage);
    while (read.executeStep()) {
      const SQLite::Column stored = read.getColumn(6);
      const auto* bytes = static_cast<const char*>(stored.getBlob());
      decode_column_into(std::string_view(bytes ? bytes : "", static_cast<std::size_t>(stored.getBytes())),
                         {"events", "data"}, data);
      const std::string case_number = read.getColumn(2).getString();
      const std::string actor = read.getColumn(4).getString();
      const std::string type = read.getColumn(5).getString();
      const std::int64_t seq = read.getColumn(0).getInt64();
      previous = events::chain_hash(previous, events::ChainedContent{seq, read.getColumn(1).getInt64(),
                                                                     read.getColumn(3).getInt64(), case_number,
                                                                     actor, type, data});
      page.emplace_back(seq, previous);
    }
    if (page.empty()) return;
    for (const auto& [seq, hash] : page) {
      write.reset();
      write.bind(1, hash.data(), static_cast<int>(hash.size()));
      write.bind(2, seq);
      write.exec();
    }
    after = page.back().first;
  }
}

// Lists the customer.upserted events stored before version 16, a page at a time (they are about
// no case: events_by_case finds them).
void list_customer_events(SQLite::Database& db) {
  constexpr int kPage = 1000;
  SQLite::Statement read(db,
                         "SELECT seq, data FROM events WHERE case_id = 0 AND seq > ? AND type = 'customer.upserted'"
                         " ORDER BY seq LIMIT ?");
  SQLite::Statement write(db, "INSERT OR IGNORE INTO customer_events (customer_id, seq) VALUES (?, ?)");
  std::int64_t after = 0;
  std::string data;
  for (;;) {
    std::vector<std::pair<std::int64_t, std::string>> page;
    read.reset();
    read.bind(1, after);
    read.bind(2, kPage);
    while (read.executeStep()) {
      const SQLite::Column stored = read.getColumn(1);
      const auto* bytes = static_cast<const char*>(stored.getBlob());
      decode_column_into(std::string_view(bytes ? bytes : "", static_cast<std::size_t>(stored.getBytes())),
                         {"events", "data"}, data);
      page.emplace_back(read.getColumn(0).getInt64(), events::upserted_customer_id(data));
    }
    if (page.empty()) return;
    for (const auto& [seq, customer_id] : page) {
      if (customer_id.empty()) continue;  // a row some other program wrote: nothing to key it by
      write.reset();
      write.bind(1, customer_id);
      write.bind(2, seq);
      write.exec();
    }
    after = page.back().first;
  }
}

// What a migration does besides its SQL, by the version it brings a database to.
void migrate_rows(SQLite::Database& db, int version) {
  if (version == 15) chain_stored_events(db);
  if (version == 16) list_customer_events(db);
}

int user_version(SQLite::Database& db) { return db.execAndGet("PRAGMA user_version").getInt(); }

}  // namespace

void migrate(SQLite::Database& db) {
  static_assert(sizeof(kMigrations) / sizeof(kMigrations[0]) == kSchemaVersion,
                "one migration per schema version");
  int version = user_version(db);
  if (version > kSchemaVersion) {
    throw Error(Status::storage, "",
                "database schema version " + std::to_string(version) +
                    " is newer than this librma supports (" + std::to_string(kSchemaVersion) + ")");
  }
  while (version < kSchemaVersion) {
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    // Another process may have migrated while we waited for the lock.
    version = user_version(db);
    if (version >= kSchemaVersion) break;
    db.exec(kMigrations[version]);
    migrate_rows(db, version + 1);
    db.exec("PRAGMA user_version = " + std::to_string(version + 1));
    tx.commit();
    ++version;
  }
}

}  // namespace rma::store
