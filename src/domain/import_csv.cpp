// domain/import_csv.cpp — CSV (RFC 4180) with a header row: one record per row for parties and
// products, one row per document line for documents (grouped by document id).
//
// Cells stay views into the input until a record field needs its own string, so splitting a
// row allocates nothing.
#include <algorithm>
#include <array>
#include <cstring>
#include <deque>
#include <iterator>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/import_records.hpp"

namespace rma::domain::import_detail {
namespace {

constexpr std::int64_t kInt32Min = std::numeric_limits<std::int32_t>::min();
constexpr std::int64_t kInt32Max = std::numeric_limits<std::int32_t>::max();
constexpr std::int64_t kInt64Min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();

// ---- Splitting records -------------------------------------------------------------------------

struct Cell {
  std::string_view text;  // a quoted cell: what is between the quotes, doubled quotes still doubled
  bool escaped = false;   // holds doubled quotes, so `text` is not the value itself

  std::string str() const {
    if (!escaped) return std::string(text);
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
      out += text[i];
      if (text[i] == '"') ++i;  // the second quote of a pair
    }
    return out;
  }
};

// A quoting rule a record broke; `fatal` when the rest of the input cannot be read (an
// unterminated quote swallows everything after it).
struct QuoteProblem {
  std::size_t cell = 0;
  std::string reason;
  bool fatal = false;
};

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view input) : in_(input) {
    for (unsigned char c : {',', '\n', '\r', '"'}) special_[c] = true;
  }

  // Reads the next record that is not a blank line into `cells`; false at the end of the input.
  bool next(std::vector<Cell>& cells) {
    cells.clear();
    problem_.reset();
    const std::size_t n = in_.size();
    while (pos_ < n && (in_[pos_] == '\n' || line_break_at(pos_))) {
      pos_ += in_[pos_] == '\n' ? 1 : 2;
      ++line_;
    }
    if (pos_ >= n) return false;
    record_line_ = line_;
    for (;;) {
      Cell cell;
      if (pos_ < n && in_[pos_] == '"') {
        if (!read_quoted(cells.size(), cell)) {
          cells.push_back(cell);
          return true;
        }
      } else {
        read_unquoted(cells.size(), cell);
      }
      cells.push_back(cell);
      if (pos_ >= n) return true;
      if (in_[pos_] == ',') {
        ++pos_;
        continue;
      }
      pos_ += in_[pos_] == '\n' ? 1 : 2;  // "\n" or "\r\n": read_* stop at nothing else
      ++line_;
      return true;
    }
  }

  std::int64_t record_line() const { return record_line_; }
  const std::optional<QuoteProblem>& problem() const { return problem_; }

 private:
  bool line_break_at(std::size_t p) const { return in_[p] == '\r' && p + 1 < in_.size() && in_[p + 1] == '\n'; }
  bool separator_at(std::size_t p) const { return in_[p] == ',' || in_[p] == '\n' || line_break_at(p); }

  void note(std::size_t cell, const char* reason, bool fatal = false) {
    if (!problem_) problem_ = QuoteProblem{cell, reason, fatal};
  }

  // Stops at ',', "\n", "\r\n" or the end; a lone '\r' is data (and fails the text checks later).
  void read_unquoted(std::size_t index, Cell& cell) {
    const std::size_t start = pos_;
    const std::size_t n = in_.size();
    for (; pos_ < n; ++pos_) {
      const unsigned char c = static_cast<unsigned char>(in_[pos_]);
      if (!special_[c]) continue;
      if (c == ',' || c == '\n' || line_break_at(pos_)) break;
      if (c == '"') note(index, "a quote inside an unquoted field: quote the whole field and double the quote");
    }
    cell.text = in_.substr(start, pos_ - start);
  }

  // False if the quote is never closed (the rest of the input became this cell).
  bool read_quoted(std::size_t index, Cell& cell) {
    const std::size_t n = in_.size();
    const std::size_t start = ++pos_;
    for (;;) {
      const void* quote = std::memchr(in_.data() + pos_, '"', n - pos_);
      if (quote == nullptr) {
        cell.text = in_.substr(start);
        pos_ = n;
        note(index, "a quoted field is never closed: the input ends inside it", /*fatal=*/true);
        return false;
      }
      const std::size_t q = static_cast<std::size_t>(static_cast<const char*>(quote) - in_.data());
      if (q + 1 < n && in_[q + 1] == '"') {
        cell.escaped = true;
        pos_ = q + 2;
        continue;
      }
      cell.text = in_.substr(start, q - start);
      pos_ = q + 1;
      break;
    }
    for (char c : cell.text) line_ += c == '\n';
    if (pos_ < n && !separator_at(pos_)) {
      note(index, "text after the closing quote: quote the whole field and double the quotes inside it");
      Cell rest;
      read_unquoted(index, rest);
    }
    return true;
  }

  std::string_view in_;
  std::size_t pos_ = 0;
  std::int64_t line_ = 1;
  std::int64_t record_line_ = 0;
  std::optional<QuoteProblem> problem_;
  std::array<bool, 256> special_{};
};

// ---- Columns -----------------------------------------------------------------------------------

struct Column {
  const char* name;
  bool required;  // the header must have it (its values are required too)
};

// Column indexes of each kind, in the order of their tables below.
namespace customer_col {
enum : int { id, name, tax_id, email, phones, tier, language, address };
}
namespace supplier_col {
enum : int { id, name, tax_id, email, phones, address };
}
namespace product_col {
enum : int { sku, name, brand, category, supplier_id, serialized };
}
namespace sales_col {
enum : int { id, date, delivery_date, customer_id, channel, distance_sale, currency, jurisdiction,
             line_no, sku, quantity, unit_price, vat_rate_bp, serials, lot, dispatch_document, packers,
             document_discount, discount };
}
namespace purchase_col {
enum : int { id, date, supplier_id, currency, line_no, sku, quantity, unit_cost, serials };
}

// The address columns follow `address` in this order, matching Address's members.
constexpr const char* kAddressParts[] = {"kind", "line1", "line2", "city", "postal_code", "region", "country"};

constexpr Column kCustomerColumns[] = {
    {"id", true},           {"name", true},          {"tax_id", false},        {"email", false},
    {"phones", false},      {"tier", false},         {"language", false},      {"address_kind", false},
    {"address_line1", false}, {"address_line2", false}, {"address_city", false}, {"address_postal_code", false},
    {"address_region", false}, {"address_country", false}};
constexpr Column kSupplierColumns[] = {
    {"id", true},           {"name", true},          {"tax_id", false},        {"email", false},
    {"phones", false},      {"address_kind", false}, {"address_line1", false}, {"address_line2", false},
    {"address_city", false}, {"address_postal_code", false}, {"address_region", false}, {"address_country", false}};
constexpr Column kProductColumns[] = {{"sku", true},      {"name", true},         {"brand", false},
                                      {"category", false}, {"supplier_id", false}, {"serialized", false}};
constexpr Column kSalesColumns[] = {
    {"id", true},       {"date", true},       {"delivery_date", false}, {"customer_id", true},
    {"channel", true},  {"distance_sale", false}, {"currency", false}, {"jurisdiction", false},
    {"line_no", false}, {"sku", true},        {"quantity", true},       {"unit_price", true},
    {"vat_rate_bp", true}, {"serials", false}, {"lot", false},         {"dispatch_document", false},
    {"packers", false}, {"document_discount", false}, {"discount", false}};
constexpr Column kPurchaseColumns[] = {{"id", true},       {"date", true},     {"supplier_id", true},
                                       {"currency", false}, {"line_no", false}, {"sku", true},
                                       {"quantity", true},  {"unit_cost", true}, {"serials", false}};

constexpr std::size_t kMaxColumns = 19;

struct ColumnTable {
  const Column* columns;
  std::size_t count;
};

template <std::size_t N>
constexpr ColumnTable table(const Column (&columns)[N]) {
  static_assert(N <= kMaxColumns, "raise kMaxColumns");
  return ColumnTable{columns, N};
}

ColumnTable columns_of(ImportKind kind) {
  switch (kind) {
    case ImportKind::customers: return table(kCustomerColumns);
    case ImportKind::products: return table(kProductColumns);
    case ImportKind::suppliers: return table(kSupplierColumns);
    case ImportKind::sales_documents: return table(kSalesColumns);
    case ImportKind::purchase_documents: return table(kPurchaseColumns);
  }
  throw Error(Status::invalid_argument, "kind", "unknown import kind " + std::to_string(static_cast<int>(kind)));
}

// ---- Reading cells -----------------------------------------------------------------------------

std::int64_t parse_integer(std::string_view text, const char* column, std::int64_t min, std::int64_t max) {
  std::string_view digits = text;
  const bool negative = !digits.empty() && digits.front() == '-';
  if (negative) digits.remove_prefix(1);
  if (digits.empty() || digits.size() > 19) {
    if (!digits.empty() && digits.find_first_not_of("0123456789") == std::string_view::npos) {
      throw Error(Status::out_of_range, column, quote_value(text) + " is outside " + std::to_string(min) + ".." +
                                                    std::to_string(max));
    }
    throw Error(Status::invalid_argument, column, quote_value(text) + " is not an integer");
  }
  std::uint64_t value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') throw Error(Status::invalid_argument, column, quote_value(text) + " is not an integer");
    value = value * 10 + static_cast<std::uint64_t>(c - '0');  // 19 digits cannot overflow 64 bits
  }
  const std::uint64_t limit = negative ? static_cast<std::uint64_t>(kInt64Max) + 1 : static_cast<std::uint64_t>(kInt64Max);
  if (value > limit) {
    throw Error(Status::out_of_range, column, quote_value(text) + " is outside " + std::to_string(min) + ".." +
                                                  std::to_string(max));
  }
  const std::int64_t number = negative ? static_cast<std::int64_t>(0 - value) : static_cast<std::int64_t>(value);
  if (number < min || number > max) {
    throw Error(Status::out_of_range, column, quote_value(text) + " is outside " + std::to_string(min) + ".." +
                                                  std::to_string(max));
  }
  return number;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != b[i]) return false;
  }
  return true;
}

// One data row, its cells looked up by column index. An empty cell counts as absent.
class Row {
 public:
  Row(const ColumnTable& table, const std::array<int, kMaxColumns>& position, const std::vector<Cell>& cells)
      : table_(table), position_(position), cells_(cells) {}

  const char* name(int column) const { return table_.columns[column].name; }

  const Cell* cell(int column) const {
    const int at = position_[static_cast<std::size_t>(column)];
    if (at < 0) return nullptr;
    const Cell& c = cells_[static_cast<std::size_t>(at)];
    return c.text.empty() ? nullptr : &c;
  }

  std::string text(int column) const {
    const Cell* c = cell(column);
    return c == nullptr ? std::string() : c->str();
  }

  // Values that are not text: numbers, dates and flags never need unescaping to be read.
  std::string_view raw(int column) const {
    const Cell* c = cell(column);
    if (c == nullptr) return std::string_view();
    if (c->escaped) throw Error(Status::invalid_argument, name(column), quote_value(c->str()) + " contains a quote");
    return c->text;
  }

  std::optional<std::int64_t> optional_integer(int column, std::int64_t min, std::int64_t max) const {
    const std::string_view text = raw(column);
    if (text.empty()) return std::nullopt;
    return parse_integer(text, name(column), min, max);
  }

  std::int64_t integer(int column, std::int64_t min, std::int64_t max) const {
    auto value = optional_integer(column, min, max);
    if (!value) throw Error(Status::missing_field, name(column), "is required");
    return *value;
  }

  std::optional<Date> optional_date(int column) const {
    const std::string_view text = raw(column);
    if (text.empty()) return std::nullopt;
    try {
      return Date::from_iso(text);
    } catch (const Error& e) {
      throw Error(e.status(), name(column), error_message(e));
    }
  }

  Date date(int column) const {
    auto value = optional_date(column);
    if (!value) throw Error(Status::missing_field, name(column), "is required");
    return *value;
  }

  // true/false in any letter case (spreadsheets write TRUE), or 1/0.
  bool boolean(int column, bool fallback) const {
    const std::string_view text = raw(column);
    if (text.empty()) return fallback;
    if (text == "1" || equals_ignoring_case(text, "true")) return true;
    if (text == "0" || equals_ignoring_case(text, "false")) return false;
    throw Error(Status::invalid_argument, name(column), quote_value(text) + " is not true, false, 1 or 0");
  }

  Channel channel(int column) const {
    const std::string_view text = raw(column);
    if (text.empty()) throw Error(Status::missing_field, name(column), "is required");
    auto channel = channel_from_name(text);
    if (!channel) {
      throw Error(Status::unknown_value, name(column),
                  "unknown value " + quote_value(text) + " (expected one of: b2b, b2c, retail_chain, supplier)");
    }
    return *channel;
  }

  // A '|'-separated list; an empty cell is an empty list, an empty item is an error.
  std::vector<std::string> list(int column) const {
    std::vector<std::string> items;
    const Cell* c = cell(column);
    if (c == nullptr) return items;
    std::string unescaped;
    std::string_view text = c->text;
    if (c->escaped) text = unescaped = c->str();
    std::size_t start = 0;
    for (;;) {
      const std::size_t bar = text.find('|', start);
      const std::string_view item = text.substr(start, bar == std::string_view::npos ? bar : bar - start);
      if (item.empty()) {
        throw Error(Status::invalid_argument, name(column),
                    "item " + std::to_string(items.size() + 1) + " of the '|'-separated list is empty");
      }
      items.emplace_back(item);
      if (bar == std::string_view::npos) return items;
      start = bar + 1;
    }
  }

  // Address columns `first`.. in kAddressParts order; no address if they are all empty.
  void read_address(int first, std::vector<Address>& out) const {
    bool any = false;
    for (int i = 0; i < static_cast<int>(std::size(kAddressParts)); ++i) any = any || cell(first + i) != nullptr;
    if (!any) return;
    out.push_back(Address{text(first), text(first + 1), text(first + 2), text(first + 3), text(first + 4),
                          text(first + 5), text(first + 6)});
  }

 private:
  const ColumnTable& table_;
  const std::array<int, kMaxColumns>& position_;
  const std::vector<Cell>& cells_;
};

// ---- Records of one row ------------------------------------------------------------------------

Customer read_customer(const Row& row) {
  using namespace customer_col;
  Customer c;
  c.id = row.text(id);
  c.name = row.text(name);
  c.tax_id = row.text(tax_id);
  c.email = row.text(email);
  c.phones = row.list(phones);
  c.tier = row.text(tier);
  c.language = row.text(language);
  row.read_address(address, c.addresses);
  return c;
}

Supplier read_supplier(const Row& row) {
  using namespace supplier_col;
  Supplier s;
  s.id = row.text(id);
  s.name = row.text(name);
  s.tax_id = row.text(tax_id);
  s.email = row.text(email);
  s.phones = row.list(phones);
  row.read_address(address, s.addresses);
  return s;
}

Product read_product(const Row& row) {
  using namespace product_col;
  Product p;
  p.sku = row.text(sku);
  p.name = row.text(name);
  p.brand = row.text(brand);
  p.category = row.text(category);
  p.supplier_id = row.text(supplier_id);
  p.serialized = row.boolean(serialized, false);
  return p;
}

// How each kind of document reads its rows: the document columns repeated on every row, and the
// line columns of the row's own line.
struct SalesRows {
  using Document = SalesDocument;
  static constexpr int id = sales_col::id;
  static constexpr int line_no = sales_col::line_no;
  static constexpr std::array<int, 9> header_columns = {sales_col::id,          sales_col::date,
                                                         sales_col::delivery_date, sales_col::customer_id,
                                                         sales_col::channel,     sales_col::distance_sale,
                                                         sales_col::currency,    sales_col::jurisdiction,
                                                         sales_col::document_discount};

  static void validate_header(const SalesDocument& d, const Limits& limits) { validate_sales_header(d, limits); }

  static void read_header(const Row& row, SalesDocument& d) {
    using namespace sales_col;
    d.date = row.date(date);
    d.delivery_date = row.optional_date(delivery_date);
    d.customer_id = row.text(customer_id);
    d.channel = row.channel(channel);
    d.distance_sale = row.boolean(distance_sale, true);
    if (row.cell(currency) != nullptr) d.currency = row.text(currency);
    d.jurisdiction = row.text(jurisdiction);
    d.discount = row.optional_integer(document_discount, kInt64Min, kInt64Max).value_or(0);
  }

  // The first document column whose value differs, or -1.
  static int difference(const SalesDocument& a, const SalesDocument& b) {
    using namespace sales_col;
    if (a.date != b.date) return date;
    if (a.delivery_date != b.delivery_date) return delivery_date;
    if (a.customer_id != b.customer_id) return customer_id;
    if (a.channel != b.channel) return channel;
    if (a.distance_sale != b.distance_sale) return distance_sale;
    if (a.currency != b.currency) return currency;
    if (a.jurisdiction != b.jurisdiction) return jurisdiction;
    if (a.discount != b.discount) return document_discount;
    return -1;
  }

  static void read_line(const Row& row, std::int32_t position, SalesDocument& d) {
    using namespace sales_col;
    SalesLine l;
    l.line_no = static_cast<std::int32_t>(row.optional_integer(line_no, kInt32Min, kInt32Max).value_or(position));
    l.sku = row.text(sku);
    l.quantity = row.integer(quantity, kInt64Min, kInt64Max);
    l.unit_price = row.integer(unit_price, kInt64Min, kInt64Max);
    l.vat_rate_bp = static_cast<std::int32_t>(row.integer(vat_rate_bp, kInt32Min, kInt32Max));
    l.discount = row.optional_integer(discount, kInt64Min, kInt64Max).value_or(0);
    l.serials = row.list(serials);
    l.lot = row.text(lot);
    l.dispatch_document = row.text(dispatch_document);
    l.packers = row.list(packers);
    d.lines.push_back(std::move(l));
  }
};

struct PurchaseRows {
  using Document = PurchaseDocument;
  static constexpr int id = purchase_col::id;
  static constexpr int line_no = purchase_col::line_no;
  static constexpr std::array<int, 4> header_columns = {purchase_col::id, purchase_col::date,
                                                         purchase_col::supplier_id, purchase_col::currency};

  static void validate_header(const PurchaseDocument& d, const Limits& limits) {
    validate_purchase_header(d, limits);
  }

  static void read_header(const Row& row, PurchaseDocument& d) {
    using namespace purchase_col;
    d.date = row.date(date);
    d.supplier_id = row.text(supplier_id);
    if (row.cell(currency) != nullptr) d.currency = row.text(currency);
  }

  static int difference(const PurchaseDocument& a, const PurchaseDocument& b) {
    using namespace purchase_col;
    if (a.date != b.date) return date;
    if (a.supplier_id != b.supplier_id) return supplier_id;
    if (a.currency != b.currency) return currency;
    return -1;
  }

  static void read_line(const Row& row, std::int32_t position, PurchaseDocument& d) {
    using namespace purchase_col;
    PurchaseLine l;
    l.line_no = static_cast<std::int32_t>(row.optional_integer(line_no, kInt32Min, kInt32Max).value_or(position));
    l.sku = row.text(sku);
    l.quantity = row.integer(quantity, kInt64Min, kInt64Max);
    l.unit_cost = row.integer(unit_cost, kInt64Min, kInt64Max);
    l.serials = row.list(serials);
    d.lines.push_back(std::move(l));
  }
};

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
