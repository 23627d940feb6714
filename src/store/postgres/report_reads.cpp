#include "store/postgres/report_reads.hpp"

#include "store/postgres/read_snapshot.hpp"
#include "store/postgres/rows.hpp"
#include "store/valued_event.hpp"

namespace rma::store::pg {
namespace {

// Rows per round trip of a pass.
constexpr std::int64_t kChunk = 20000;

// Runs `sql` (its first parameter: the last key of the previous chunk) chunk by chunk, handing
// each row to `row`, which returns the row's key.
template <class Row>
void in_chunks(Connection& db, const std::string& sql, Params extra, Row row) {
  std::int64_t after = -1;
  while (true) {
    Params p;
    p.add(after);
    for (const auto& v : extra.values()) p.add(v);
    p.add(kChunk);
    const Result r = db.run(sql, p);
    for (int i = 0; i < r.rows(); ++i) after = row(r, i);
    if (r.rows() < kChunk) break;
  }
}

}  // namespace

void PgReportReads::case_facts(const std::function<void(const domain::CaseFact&)>& visit) {
  ReadSnapshot snapshot(db_);
  std::int64_t after = -1;
  while (true) {
    const Result cases = db_.run(
        "SELECT id, customer_id, supplier_id, status, root_cause, assignee, team, workflow, workflow_version, kind,"
        " category, channel, priority, resolution, created_at, updated_at, status_since FROM cases"
        " WHERE deleted_at IS NULL AND id > ? ORDER BY id LIMIT ?",
        Params().add(after).add(kChunk));
    if (cases.rows() == 0) break;
    const std::int64_t last = cases.int64(cases.rows() - 1, 0);
    // The chunk's lines, in the same case order, merged.
    const Result lines = db_.run(
        "SELECT case_id, sku, lot, reason_code, sales_document, sales_document_line, qty_requested, qty_authorized,"
        " qty_received, qty_accepted FROM case_lines WHERE case_id > ? AND case_id <= ? ORDER BY case_id, line_no",
        Params().add(after).add(last));
    int line = 0;
    for (int i = 0; i < cases.rows(); ++i) {
      domain::CaseFact c;
      c.id = cases.int64(i, 0);
      c.customer_id = cases.text(i, 1);
      c.supplier_id = cases.text(i, 2);
      c.status = cases.text(i, 3);
      c.root_cause = cases.text(i, 4);
      c.assignee = cases.text(i, 5);
      c.team = cases.text(i, 6);
      c.workflow = cases.text(i, 7);
      c.workflow_version = cases.int32(i, 8);
      c.kind = enum_at<CaseKind>(cases, i, 9, case_kind_from_name);
      c.category = enum_at<ComplaintCategory>(cases, i, 10, complaint_category_from_name);
      c.channel = enum_at<Channel>(cases, i, 11, channel_from_name);
      c.priority = enum_at<Priority>(cases, i, 12, priority_from_name);
      c.resolution = enum_at<Resolution>(cases, i, 13, resolution_from_name);
      c.created_at = micros_at(cases, i, 14);
      c.updated_at = micros_at(cases, i, 15);
      c.status_since = micros_at(cases, i, 16);
      while (line < lines.rows() && lines.int64(line, 0) < c.id) ++line;
      for (; line < lines.rows() && lines.int64(line, 0) == c.id; ++line) {
        c.lines.push_back(domain::CaseFactLine{lines.text(line, 1), lines.text(line, 2), lines.text(line, 3),
                                               lines.text(line, 4), lines.int32(line, 5), lines.int64(line, 6),
                                               lines.int64(line, 7), lines.int64(line, 8), lines.int64(line, 9)});
      }
      visit(c);
    }
    after = last;
    if (cases.rows() < kChunk) break;
  }
}

void PgReportReads::valuations(const std::function<void(std::int64_t, std::string&&)>& visit) {
  ReadSnapshot snapshot(db_);
  in_chunks(db_,
            "SELECT c.id, c.valuation_seq, c.valuation, e.data FROM cases c LEFT JOIN events e ON e.seq = c.valuation_seq"
            " WHERE c.deleted_at IS NULL AND c.id > ? AND (c.valuation_seq IS NOT NULL OR length(c.valuation) > 0)"
            " ORDER BY c.id LIMIT ?",
            Params(), [&](const Result& r, int i) {
              const std::int64_t id = r.int64(i, 0);
              std::string text = r.null(i, 1) ? json_column_at(r, i, 2, {"cases", "valuation"})
                                              : valuation_skimmed_from_valued_event(
                                                    json_column_at(r, i, 3, {"events", "data"}), r.int64(i, 1));
              if (!text.empty()) visit(id, std::move(text));
              return id;
            });
}

void PgReportReads::custom_fields(const std::function<void(std::int64_t, std::string&&)>& visit) {
  ReadSnapshot snapshot(db_);
  in_chunks(db_, "SELECT id, custom_fields FROM cases WHERE deleted_at IS NULL AND id > ? ORDER BY id LIMIT ?",
            Params(), [&](const Result& r, int i) {
              visit(r.int64(i, 0), r.text(i, 1));
              return r.int64(i, 0);
            });
}

void PgReportReads::case_events(const std::vector<std::string>& types, const std::function<void(Event&&)>& visit) {
  if (types.empty()) return;
  ReadSnapshot snapshot(db_);
  in_chunks(db_,
            "SELECT seq, case_id, at, actor, type, data FROM events WHERE seq > ? AND case_id <> 0"
            " AND type = ANY(?::text[]) ORDER BY seq LIMIT ?",
            Params().add(array_text(types)), [&](const Result& r, int i) {
              visit(Event{r.int64(i, 0), r.int64(i, 1), std::string(), micros_at(r, i, 2), r.text(i, 3), r.text(i, 4),
                          json_column_at(r, i, 5, {"events", "data"})});
              return r.int64(i, 0);
            });
}

void PgReportReads::external_notes(const std::function<void(std::int64_t, Timestamp, std::string&&)>& visit) {
  ReadSnapshot snapshot(db_);
  in_chunks(db_,
            "SELECT id, case_id, created_at, author FROM notes WHERE id > ? AND channel = 'external'"
            " ORDER BY id LIMIT ?",
            Params(), [&](const Result& r, int i) {
              visit(r.int64(i, 1), time_at(r, i, 2), r.text(i, 3));
              return r.int64(i, 0);
            });
}

void PgReportReads::sold_lines(const std::function<void(domain::SoldFact&&)>& visit) {
  ReadSnapshot snapshot(db_);
  std::string document;
  std::int64_t line_no = -1;
  while (true) {
    const Result r = db_.run(
        "SELECT d.id, l.line_no, d.date, d.customer_id, l.sku, l.lot, l.quantity"
        " FROM sales_lines l JOIN sales_documents d ON d.id = l.document_id"
        " WHERE (l.document_id, l.line_no) > (?, ?) ORDER BY l.document_id, l.line_no LIMIT ?",
        Params().add(document).add(line_no).add(kChunk));
    for (int i = 0; i < r.rows(); ++i) {
      visit(domain::SoldFact{r.text(i, 0), r.int32(i, 1), Date::from_iso(r.text(i, 2)), r.text(i, 3), r.text(i, 4),
                             r.text(i, 5), r.int64(i, 6)});
    }
    if (r.rows() < kChunk) break;
    document = r.text(r.rows() - 1, 0);
    line_no = r.int64(r.rows() - 1, 1);
  }
}

}  // namespace rma::store::pg
