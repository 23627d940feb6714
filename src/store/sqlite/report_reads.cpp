#include "store/sqlite/report_reads.hpp"

#include <sqlite3.h>

#include "rma/error.hpp"
#include "store/sqlite/read_snapshot.hpp"
#include "store/sqlite/rows.hpp"
#include "store/valued_event.hpp"

namespace rma::store {
namespace {

// A statement of the C API, finalized with its scope.
class RawStatement {
 public:
  RawStatement(SQLite::Database& db, const char* sql) {
    db.check(sqlite3_prepare_v2(db.getHandle(), sql, -1, &s_, nullptr));
  }
  ~RawStatement() { sqlite3_finalize(s_); }
  RawStatement(const RawStatement&) = delete;
  RawStatement& operator=(const RawStatement&) = delete;
  sqlite3_stmt* get() const { return s_; }

 private:
  sqlite3_stmt* s_ = nullptr;
};

std::string text_of(const SQLite::Column& c) {
  const char* text = c.getText();
  return std::string(text, static_cast<std::size_t>(c.getBytes()));
}

}  // namespace

void SqliteReportReads::case_facts(const std::function<void(const domain::CaseFact&)>& visit) {
  ReadSnapshot snapshot(db_);
  // A million rows: the C API's columns straight into one case and its lines, reused, so that a
  // row costs no allocation once the texts have grown to their lengths.
  const RawStatement cases(db_,
                           "SELECT id, customer_id, supplier_id, status, root_cause, assignee, team, workflow,"
                           " workflow_version, kind, category, channel, priority, resolution, created_at, updated_at,"
                           " status_since FROM cases WHERE deleted_at IS NULL ORDER BY id");
  // The lines' primary key is (case_id, line_no): both passes run in case order and merge.
  const RawStatement lines(db_,
                           "SELECT case_id, sku, lot, reason_code, sales_document, sales_document_line, qty_requested,"
                           " qty_authorized, qty_received, qty_accepted FROM case_lines ORDER BY case_id, line_no");
  sqlite3_stmt* c = cases.get();
  sqlite3_stmt* l = lines.get();
  auto text = [](sqlite3_stmt* s, int i, std::string& out) {
    const auto* bytes = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
    out.assign(bytes == nullptr ? "" : bytes, static_cast<std::size_t>(sqlite3_column_bytes(s, i)));
  };
  auto time = [](sqlite3_stmt* s, int i) {
    if (sqlite3_column_type(s, i) == SQLITE_INTEGER) return Timestamp{sqlite3_column_int64(s, i)};
    return Timestamp::from_iso(reinterpret_cast<const char*>(sqlite3_column_text(s, i)));
  };
  std::string name;
  auto named = [&](int i, auto from_name) {
    text(c, i, name);
    auto v = from_name(name);
    if (!v) throw Error(Status::storage, "", "unknown value '" + name + "' in the database");
    return *v;
  };
  domain::CaseFact f;
  std::size_t used = 0;  // lines of `f` in use; the vector keeps the others' storage
  int line_rc = sqlite3_step(l);
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(c)) == SQLITE_ROW) {
    f.id = sqlite3_column_int64(c, 0);
    text(c, 1, f.customer_id);
    text(c, 2, f.supplier_id);
    text(c, 3, f.status);
    text(c, 4, f.root_cause);
    text(c, 5, f.assignee);
    text(c, 6, f.team);
    text(c, 7, f.workflow);
    f.workflow_version = sqlite3_column_int(c, 8);
    f.kind = named(9, case_kind_from_name);
    f.category = named(10, complaint_category_from_name);
    f.channel = named(11, channel_from_name);
    f.priority = named(12, priority_from_name);
    f.resolution = named(13, resolution_from_name);
    f.created_at = time(c, 14);
    f.updated_at = time(c, 15);
    f.status_since = time(c, 16);
    while (line_rc == SQLITE_ROW && sqlite3_column_int64(l, 0) < f.id) line_rc = sqlite3_step(l);
    used = 0;
    while (line_rc == SQLITE_ROW && sqlite3_column_int64(l, 0) == f.id) {
      if (used == f.lines.size()) f.lines.emplace_back();
      domain::CaseFactLine& line = f.lines[used++];
      text(l, 1, line.sku);
      text(l, 2, line.lot);
      text(l, 3, line.reason_code);
      text(l, 4, line.sales_document);
      line.sales_line = sqlite3_column_int(l, 5);
      line.qty_requested = sqlite3_column_int64(l, 6);
      line.qty_authorized = sqlite3_column_int64(l, 7);
      line.qty_received = sqlite3_column_int64(l, 8);
      line.qty_accepted = sqlite3_column_int64(l, 9);
      line_rc = sqlite3_step(l);
    }
    if (line_rc != SQLITE_ROW && line_rc != SQLITE_DONE) db_.check(line_rc);
    f.lines.resize(used);  // the lines past `used` were an earlier case's
    visit(f);
  }
  if (rc != SQLITE_DONE) db_.check(rc);
}

void SqliteReportReads::valuations(const std::function<void(std::int64_t, std::string&&)>& visit) {
  ReadSnapshot snapshot(db_);
  // A row points at the case.valued event holding its valuation, or holds the text itself
  // (store/valued_event.hpp).
  SQLite::Statement s(db_,
                      "SELECT c.id, c.valuation_seq, c.valuation, e.data FROM cases c"
                      " LEFT JOIN events e ON e.seq = c.valuation_seq"
                      " WHERE c.deleted_at IS NULL AND (c.valuation_seq IS NOT NULL OR c.valuation <> '')"
                      " ORDER BY c.id");
  while (s.executeStep()) {
    const std::int64_t id = s.getColumn(0).getInt64();
    std::string text;
    if (s.getColumn(1).isNull()) {
      text = json_column(s.getColumn(2), {"cases", "valuation"});
    } else {
      const std::int64_t seq = s.getColumn(1).getInt64();
      text = valuation_skimmed_from_valued_event(json_column(s.getColumn(3), {"events", "data"}), seq);
    }
    if (!text.empty()) visit(id, std::move(text));
  }
}

void SqliteReportReads::custom_fields(const std::function<void(std::int64_t, std::string&&)>& visit) {
  ReadSnapshot snapshot(db_);
  SQLite::Statement s(db_, "SELECT id, custom_fields FROM cases WHERE deleted_at IS NULL ORDER BY id");
  while (s.executeStep()) visit(s.getColumn(0).getInt64(), text_of(s.getColumn(1)));
}

void SqliteReportReads::case_events(const std::vector<std::string>& types, const std::function<void(Event&&)>& visit) {
  if (types.empty()) return;
  ReadSnapshot snapshot(db_);
  std::string sql = "SELECT seq, case_id, at, actor, type, data FROM events WHERE case_id <> 0 AND type IN (";
  for (std::size_t i = 0; i < types.size(); ++i) sql += i == 0 ? "?" : ",?";
  sql += ") ORDER BY seq";
  SQLite::Statement s(db_, sql);
  for (std::size_t i = 0; i < types.size(); ++i) s.bind(static_cast<int>(i + 1), types[i]);
  while (s.executeStep()) {
    visit(Event{s.getColumn(0).getInt64(), s.getColumn(1).getInt64(), std::string(), column_time(s.getColumn(2)),
                text_of(s.getColumn(3)), text_of(s.getColumn(4)), json_column(s.getColumn(5), {"events", "data"})});
  }
}

void SqliteReportReads::external_notes(const std::function<void(std::int64_t, Timestamp, std::string&&)>& visit) {
  ReadSnapshot snapshot(db_);
  SQLite::Statement s(db_,
                      "SELECT case_id, created_at, author FROM notes WHERE channel = 'external' ORDER BY case_id, id");
  while (s.executeStep()) visit(s.getColumn(0).getInt64(), column_time(s.getColumn(1)), text_of(s.getColumn(2)));
}

void SqliteReportReads::sold_lines(const std::function<void(domain::SoldFact&&)>& visit) {
  ReadSnapshot snapshot(db_);
  SQLite::Statement s(db_,
                      "SELECT d.id, l.line_no, d.date, d.customer_id, l.sku, l.lot, l.quantity"
                      " FROM sales_lines l JOIN sales_documents d ON d.id = l.document_id");
  while (s.executeStep()) {
    domain::SoldFact f;
    f.document = text_of(s.getColumn(0));
    f.line_no = s.getColumn(1).getInt();
    f.date = Date::from_iso(text_of(s.getColumn(2)));
    f.customer_id = text_of(s.getColumn(3));
    f.sku = text_of(s.getColumn(4));
    f.lot = text_of(s.getColumn(5));
    f.quantity = s.getColumn(6).getInt64();
    visit(std::move(f));
  }
}

}  // namespace rma::store
