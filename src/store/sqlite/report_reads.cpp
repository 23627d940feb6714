#include "store/sqlite/report_reads.hpp"

#include "store/sqlite/read_snapshot.hpp"
#include "store/sqlite/rows.hpp"
#include "store/valued_event.hpp"

namespace rma::store {
namespace {

std::string text_of(const SQLite::Column& c) {
  const char* text = c.getText();
  return std::string(text, static_cast<std::size_t>(c.getBytes()));
}

}  // namespace

void SqliteReportReads::case_facts(const std::function<void(domain::CaseFact&&)>& visit) {
  ReadSnapshot snapshot(db_);
  SQLite::Statement cases(db_,
                          "SELECT id, customer_id, supplier_id, status, root_cause, assignee, team, workflow,"
                          " workflow_version, kind, category, channel, priority, resolution, created_at, updated_at,"
                          " status_since FROM cases WHERE deleted_at IS NULL ORDER BY id");
  // The lines' primary key is (case_id, line_no): both passes run in case order and merge.
  SQLite::Statement lines(db_,
                          "SELECT case_id, sku, lot, reason_code, sales_document, sales_document_line, qty_requested,"
                          " qty_authorized, qty_received, qty_accepted FROM case_lines ORDER BY case_id, line_no");
  bool line_ready = lines.executeStep();
  while (cases.executeStep()) {
    domain::CaseFact c;
    c.id = cases.getColumn(0).getInt64();
    c.customer_id = text_of(cases.getColumn(1));
    c.supplier_id = text_of(cases.getColumn(2));
    c.status = text_of(cases.getColumn(3));
    c.root_cause = text_of(cases.getColumn(4));
    c.assignee = text_of(cases.getColumn(5));
    c.team = text_of(cases.getColumn(6));
    c.workflow = text_of(cases.getColumn(7));
    c.workflow_version = cases.getColumn(8).getInt();
    c.kind = enum_column<CaseKind>(cases.getColumn(9), case_kind_from_name);
    c.category = enum_column<ComplaintCategory>(cases.getColumn(10), complaint_category_from_name);
    c.channel = enum_column<Channel>(cases.getColumn(11), channel_from_name);
    c.priority = enum_column<Priority>(cases.getColumn(12), priority_from_name);
    c.resolution = enum_column<Resolution>(cases.getColumn(13), resolution_from_name);
    c.created_at = column_time(cases.getColumn(14));
    c.updated_at = column_time(cases.getColumn(15));
    c.status_since = column_time(cases.getColumn(16));
    while (line_ready && lines.getColumn(0).getInt64() < c.id) line_ready = lines.executeStep();
    while (line_ready && lines.getColumn(0).getInt64() == c.id) {
      domain::CaseFactLine l;
      l.sku = text_of(lines.getColumn(1));
      l.lot = text_of(lines.getColumn(2));
      l.reason_code = text_of(lines.getColumn(3));
      l.sales_document = text_of(lines.getColumn(4));
      l.sales_line = lines.getColumn(5).getInt();
      l.qty_requested = lines.getColumn(6).getInt64();
      l.qty_authorized = lines.getColumn(7).getInt64();
      l.qty_received = lines.getColumn(8).getInt64();
      l.qty_accepted = lines.getColumn(9).getInt64();
      c.lines.push_back(std::move(l));
      line_ready = lines.executeStep();
    }
    visit(std::move(c));
  }
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
      text = valuation_from_valued_event(json_column(s.getColumn(3), {"events", "data"}), seq);
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
