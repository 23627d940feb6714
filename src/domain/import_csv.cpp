// domain/import_csv.cpp — CSV (RFC 4180) with a header row: one record per row for parties and
// products, one row per document line for documents (grouped by document id).
//
// This file reads the header and gathers rows into records; splitting the text into cells is
// import_csv_tokenizer.*, reading a row's cells and the records they make import_csv_rows.*.
#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/import_csv_rows.hpp"
#include "domain/import_csv_tokenizer.hpp"
#include "domain/import_records.hpp"

namespace rma::domain::import_detail {
namespace {

// Where a validation error of a CSV record is reported: JSON paths become column names, and a
// document line's error goes to the row that line came from. "lines[2].serials[1]" is reported
// as column "serials" on the third line's row, "(item 2)" appended to the reason.
ImportRowError csv_place(const Error& e, std::int64_t record_line, const std::vector<std::int64_t>* line_rows) {
  ImportRowError out = row_error(record_line, e);
  std::string& field = out.field;
  if (line_rows != nullptr && field.compare(0, 6, "lines[") == 0) {
    const std::size_t close = field.find("].");
    if (close != std::string::npos) {
      const std::size_t index = std::stoul(field.substr(6, close - 6));
      if (index < line_rows->size()) out.line = (*line_rows)[index];
      field.erase(0, close + 2);
    }
  } else if (line_rows != nullptr && field == "discount") {
    field = "document_discount";  // the document's column; "discount" is the line's
  }
  if (field.compare(0, 13, "addresses[0].") == 0) field = "address_" + field.substr(13);
  const std::size_t open = field.find('[');
  if (open != std::string::npos && field.back() == ']') {
    const std::size_t item = std::stoul(field.substr(open + 1, field.size() - open - 2));
    field.erase(open);
    out.reason += " (item " + std::to_string(item + 1) + ")";
  }
  return out;
}

// ---- The import --------------------------------------------------------------------------------

class CsvImport {
 public:
  CsvImport(ImportKind kind, std::string_view content, const Limits& limits, ProgressTicker& ticker,
            ParsedImport& out)
      : kind_(kind), table_(columns_of(kind)), tokenizer_(content), ticker_(ticker), out_(out), limits_(limits),
        sink_(kind, limits, out), expected_rows_(static_cast<std::size_t>(ticker.total())) {
    position_.fill(-1);
  }

  void run() {
    if (!read_header()) return;
    switch (kind_) {
      case ImportKind::customers: return read_parties(read_customer);
      case ImportKind::products: return read_parties(read_product);
      case ImportKind::suppliers: return read_parties(read_supplier);
      case ImportKind::sales_documents: return read_documents<SalesRows>();
      case ImportKind::purchase_documents: return read_documents<PurchaseRows>();
    }
  }

 private:
  // False (with errors on line 1) if the header cannot be used: then nothing is imported.
  bool read_header() {
    if (!tokenizer_.next(cells_)) return false;  // an empty input has nothing to import
    const std::int64_t line = tokenizer_.record_line();
    if (tokenizer_.problem()) {
      sink_.error(line, Status::invalid_argument, "", "header: " + tokenizer_.problem()->reason);
      return false;
    }
    bool usable = true;
    for (std::size_t i = 0; i < cells_.size(); ++i) {
      const std::string name = cells_[i].str();
      int column = -1;
      for (std::size_t c = 0; c < table_.count; ++c) {
        if (name == table_.columns[c].name) column = static_cast<int>(c);
      }
      if (column < 0) {
        std::string expected;
        for (std::size_t c = 0; c < table_.count; ++c) expected += (c == 0 ? "" : ", ") + std::string(table_.columns[c].name);
        sink_.error(line, Status::unknown_value, printable(name),
                    "unknown column " + quote_value(name) + " (expected: " + expected + ")");
        usable = false;
      } else if (position_[static_cast<std::size_t>(column)] >= 0) {
        sink_.error(line, Status::duplicate, name, "the column appears twice in the header");
        usable = false;
      } else {
        position_[static_cast<std::size_t>(column)] = static_cast<int>(i);
      }
    }
    for (std::size_t c = 0; c < table_.count; ++c) {
      if (table_.columns[c].required && position_[c] < 0) {
        sink_.error(line, Status::missing_field, table_.columns[c].name, "a required column is missing from the header");
        usable = false;
      }
    }
    header_size_ = cells_.size();
    return usable;
  }

  enum class Next { row, broken_row, end };

  // The next data row. A row that does not split cleanly into as many cells as the header has
  // is reported here and comes back as broken_row.
  Next next_row() {
    if (stopped_ || !tokenizer_.next(cells_)) return Next::end;
    const std::int64_t line = tokenizer_.record_line();
    if (const auto& problem = tokenizer_.problem()) {
      const std::size_t at = problem->cell;
      sink_.error(line, Status::invalid_argument, at < header_size_ ? name_of_position(at) : std::string(),
                  problem->reason);
      stopped_ = problem->fatal;
      broken_cell_ = at;
      return Next::broken_row;
    }
    if (cells_.size() != header_size_) {
      sink_.error(line, Status::invalid_argument, "",
                  "the row has " + std::to_string(cells_.size()) + " fields, the header " +
                      std::to_string(header_size_));
      broken_cell_ = cells_.size();
      return Next::broken_row;
    }
    return Next::row;
  }

  std::string name_of_position(std::size_t at) const {
    for (std::size_t c = 0; c < table_.count; ++c) {
      if (position_[c] == static_cast<int>(at)) return table_.columns[c].name;
    }
    return std::string();
  }

  template <class Read>
  void read_parties(Read read) {
    for (Next next; (next = next_row()) != Next::end; ticker_.row_done()) {
      if (next == Next::broken_row) continue;
      const std::int64_t line = tokenizer_.record_line();
      try {
        sink_.keep(line, read(Row(table_, position_, cells_)), /*check_key=*/true,
                   [line](const Error& e) { return csv_place(e, line, nullptr); });
      } catch (const Error& e) {
        sink_.error(line, e);
      }
    }
  }

  template <class Rows>
  struct OpenDocument {
    typename Rows::Document document;
    std::int64_t first_line = 0;
    std::vector<std::int64_t> line_rows;  // the row of each line, to report a line's error there
    std::int32_t rows = 0;
    bool failed = false;
    // The document columns of the first row, as written: later rows that repeat them exactly
    // need no parsing.
    std::array<Cell, Rows::header_columns.size()> header;
  };

  // Rows with the same id form one document, wherever they are in the file. The map's keys view
  // the ids in the input (which outlives the parse) or, for an id that had to be unescaped, a copy
  // in `unescaped_ids`, which never moves a string once added. A document that failed is released
  // at once and only its id is remembered (its slot is null), so that its later rows join it
  // rather than start a document of their own: a file of bad rows costs its ids, not its rows.
  template <class Rows>
  void read_documents() {
    std::vector<std::unique_ptr<OpenDocument<Rows>>> documents;
    std::unordered_map<std::string_view, std::size_t> by_id;
    std::deque<std::string> unescaped_ids;
    by_id.reserve(expected_rows_);
    // Rows of one document are usually adjacent: the previous row's document needs no look-up.
    std::string_view previous_id;
    std::size_t previous = 0;
    // The slot of document `id` (is_new when this row opens it).
    const auto open = [&](std::string_view id, bool is_view_of_input, std::int64_t line) -> std::pair<std::size_t, bool> {
      if (!previous_id.empty() && previous_id == id) return {previous, false};
      auto it = by_id.find(id);
      const bool is_new = it == by_id.end();
      if (is_new) {
        const std::string_view key = is_view_of_input ? id : std::string_view(unescaped_ids.emplace_back(id));
        it = by_id.emplace(key, documents.size()).first;
        auto doc = std::make_unique<OpenDocument<Rows>>();
        doc->document.id = std::string(id);
        doc->first_line = line;
        documents.push_back(std::move(doc));
      }
      previous_id = it->first;
      previous = it->second;
      return {previous, is_new};
    };
    for (Next next; (next = next_row()) != Next::end; ticker_.row_done()) {
      const std::int64_t line = tokenizer_.record_line();
      const std::size_t id_at = static_cast<std::size_t>(position_[Rows::id]);
      if (next == Next::broken_row) {
        // The row's line is lost, so its document must not be imported without it. The id cell
        // is trusted only if the split went wrong after it.
        if (id_at < broken_cell_ && !cells_[id_at].text.empty()) {
          const Cell& id = cells_[id_at];
          const std::string unescaped = id.str();
          documents[open(id.escaped ? std::string_view(unescaped) : id.text, !id.escaped, line).first].reset();
        }
        continue;
      }
      const Row row(table_, position_, cells_);
      const Cell* id_cell = row.cell(Rows::id);
      if (id_cell == nullptr) {
        sink_.error(line, Status::missing_field, row.name(Rows::id), "is required and must not be empty");
        continue;
      }
      std::string unescaped;
      const std::string_view id = id_cell->escaped ? std::string_view(unescaped = id_cell->str()) : id_cell->text;
      const auto [slot, is_new] = open(id, !id_cell->escaped, line);
      std::unique_ptr<OpenDocument<Rows>>& doc = documents[slot];
      if (!doc) {
        // Its document failed: the row is still read, so each bad row is reported.
        OpenDocument<Rows> scratch;
        add_line<Rows>(row, line, scratch);
        continue;
      }
      if (is_new) {
        start_document<Rows>(row, line, *doc);
      } else {
        check_same_header<Rows>(row, line, *doc);
      }
      add_line<Rows>(row, line, *doc);
      if (doc->failed) doc.reset();
    }
    const auto open_documents = std::count_if(documents.begin(), documents.end(),
                                              [](const std::unique_ptr<OpenDocument<Rows>>& d) { return d != nullptr; });
    out_.records.reserve(out_.records.size() + static_cast<std::size_t>(open_documents));
    for (std::unique_ptr<OpenDocument<Rows>>& doc : documents) {
      if (!doc) continue;
      const std::vector<std::int64_t>& rows = doc->line_rows;
      const std::int64_t first = doc->first_line;
      if (sink_.keep(first, std::move(doc->document), /*check_key=*/false,
                     [&rows, first](const Error& e) { return csv_place(e, first, &rows); })) {
        out_.records.back().line_rows = std::move(doc->line_rows);
      }
      doc.reset();
    }
  }

  template <class Rows>
  void start_document(const Row& row, std::int64_t line, OpenDocument<Rows>& doc) {
    for (std::size_t i = 0; i < doc.header.size(); ++i) {
      const Cell* cell = row.cell(Rows::header_columns[i]);
      if (cell != nullptr) doc.header[i] = *cell;
    }
    try {
      Rows::read_header(row, doc.document);
      Rows::validate_header(doc.document, limits_);
    } catch (const Error& e) {
      sink_.error(line, e);
      doc.failed = true;
    }
  }

  template <class Rows>
  void check_same_header(const Row& row, std::int64_t line, OpenDocument<Rows>& doc) {
    bool same_text = true;
    for (std::size_t i = 0; i < doc.header.size() && same_text; ++i) {
      const Cell* cell = row.cell(Rows::header_columns[i]);
      const Cell& first = doc.header[i];
      same_text = cell == nullptr ? first.text.empty() : cell->text == first.text && cell->escaped == first.escaped;
    }
    if (same_text) return;
    // Written differently; the values may still agree ("1" and "true", "" and "EUR").
    typename Rows::Document here;
    try {
      Rows::read_header(row, here);
    } catch (const Error& e) {
      sink_.error(line, e);
      doc.failed = true;
      return;
    }
    const int column = Rows::difference(doc.document, here);
    if (column < 0) return;
    std::size_t index = 0;
    while (Rows::header_columns[index] != column) ++index;
    const Cell* cell = row.cell(column);
    sink_.error(line, Status::invalid_argument, row.name(column),
                quote_value(cell == nullptr ? std::string() : cell->str()) + " differs from " +
                    quote_value(doc.header[index].str()) + " on line " + std::to_string(doc.first_line) +
                    ", the first row of document " + quote_value(doc.document.id));
    doc.failed = true;
  }

  template <class Rows>
  void add_line(const Row& row, std::int64_t line, OpenDocument<Rows>& doc) {
    ++doc.rows;
    try {
      Rows::read_line(row, doc.rows, doc.document);
      doc.line_rows.push_back(line);
    } catch (const Error& e) {
      sink_.error(line, e);
      doc.failed = true;
    }
  }

  ImportKind kind_;
  ColumnTable table_;
  Tokenizer tokenizer_;
  ProgressTicker& ticker_;
  ParsedImport& out_;
  const Limits& limits_;
  RecordSink sink_;
  std::size_t expected_rows_;
  std::vector<Cell> cells_;
  std::array<int, kMaxColumns> position_{};  // column index -> cell index in a row, -1 if absent
  std::size_t header_size_ = 0;
  std::size_t broken_cell_ = 0;  // of the last broken row: the first cell that may be wrong
  bool stopped_ = false;
};

}  // namespace

void parse_csv(ImportKind kind, std::string_view content, const Limits& limits, ProgressTicker& ticker,
               ParsedImport& out) {
  CsvImport(kind, content, limits, ticker, out).run();
}

}  // namespace rma::domain::import_detail
