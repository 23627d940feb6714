// domain/import_records.cpp — the rules every imported record obeys, whatever its format.
#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "domain/case_rules.hpp"
#include "domain/import_records.hpp"
#include "domain/party_rules.hpp"
#include "json/utf8.hpp"
#include "rma/money.hpp"

namespace rma::domain {
namespace {

constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();

std::string at_line(std::size_t index, const char* field) {
  return "lines[" + std::to_string(index) + "]." + field;
}

std::string at_item(const std::string& list, std::size_t index) { return list + "[" + std::to_string(index) + "]"; }

// A Date built in C++ may hold anything; its text form read back applies the calendar's rules.
void check_date(const char* field, const Date& date) {
  try {
    (void)Date::from_iso(date.to_iso());
  } catch (const Error& e) {
    throw Error(e.status(), field, import_detail::error_message(e));
  }
}

bool before(const Date& a, const Date& b) {
  return std::tie(a.year, a.month, a.day) < std::tie(b.year, b.month, b.day);
}

bool all_upper_ascii(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// The shape of a code first, then whether librma knows it: a made-up code ("ZZZ") has no minor
// digits, and every amount of the document would be read at the wrong scale.
void check_currency(const std::string& currency) {
  if (currency.size() != 3 || !all_upper_ascii(currency)) {
    throw Error(Status::invalid_argument, "currency",
                import_detail::quote_value(currency) + " is not an ISO 4217 code (three upper-case letters, e.g. EUR)");
  }
  require_currency(currency, "currency");
}

void check_jurisdiction(const std::string& jurisdiction) {
  if (!jurisdiction.empty() && (jurisdiction.size() != 2 || !all_upper_ascii(jurisdiction))) {
    throw Error(Status::invalid_argument, "jurisdiction",
                import_detail::quote_value(jurisdiction) +
                    " is not an ISO 3166-1 country code (two upper-case letters, e.g. IT) or empty");
  }
}

// check_text's rules, answered without building the field's path (most values pass, and a
// path per value of a million lines costs more than the checks).
bool text_passes(const std::string& value, std::int64_t max_bytes, bool required) {
  if ((required && value.empty()) || static_cast<std::int64_t>(value.size()) > max_bytes) return false;
  unsigned char high = 0;
  for (unsigned char ch : value) {
    if (ch < 0x20 || ch == 0x7f) return false;
    high |= ch;
  }
  return high < 0x80 || rma::detail::first_invalid_utf8(value) == std::string::npos;
}

// check_text with the path built (by `path()`) only when the value fails.
template <class Path>
void check_text_at(const Path& path, const std::string& value, std::int64_t max_bytes, bool required = false) {
  if (!text_passes(value, max_bytes, required)) check_text(path(), value, max_bytes, required);
}

template <class Path>
void check_range(const Path& path, std::int64_t value, std::int64_t min, std::int64_t max) {
  if (value < min || value > max) {
    throw Error(Status::out_of_range, path(),
                std::to_string(value) + " is outside " + std::to_string(min) + ".." + std::to_string(max));
  }
}

// The checks sales and purchase lines share: numbering, SKU, quantity and serials.
template <class Line>
void check_common_line(const Line& line, std::size_t i, std::int64_t max_text) {
  if (line.line_no < 1) {
    throw Error(Status::out_of_range, at_line(i, "line_no"), std::to_string(line.line_no) + " is below 1");
  }
  check_text_at([&] { return at_line(i, "sku"); }, line.sku, max_text, /*required=*/true);
  if (line.quantity < 1) {
    throw Error(Status::out_of_range, at_line(i, "quantity"), std::to_string(line.quantity) + " is below 1");
  }
  if (!line.serials.empty() && static_cast<std::int64_t>(line.serials.size()) != line.quantity) {
    throw Error(Status::invalid_argument, at_line(i, "serials"),
                std::to_string(line.serials.size()) + " serials for quantity " + std::to_string(line.quantity) +
                    ": a serialized line lists one serial per unit");
  }
  for (std::size_t j = 0; j < line.serials.size(); ++j) {
    check_text_at([&] { return at_item(at_line(i, "serials"), j); }, line.serials[j], max_text, /*required=*/true);
  }
}

[[noreturn]] void repeated_line_no(std::size_t index, std::int32_t line_no) {
  throw Error(Status::duplicate, at_line(index, "line_no"),
              "line_no " + std::to_string(line_no) + " is used twice in this document");
}

[[noreturn]] void repeated_serial(std::string_view serial, std::size_t line, std::size_t item) {
  throw Error(Status::duplicate, at_item(at_line(line, "serials"), item),
              "serial " + import_detail::quote_value(serial) + " is listed twice in this document");
}

// Below this many values, comparing every pair beats sorting (and allocates nothing).
constexpr std::size_t kPairwiseLimit = 16;

// Line numbers and serials are unique within a document; the later occurrence is the error.
template <class Line>
void check_unique_across_lines(const std::vector<Line>& lines) {
  if (lines.size() <= kPairwiseLimit) {
    for (std::size_t k = 1; k < lines.size(); ++k) {
      for (std::size_t i = 0; i < k; ++i) {
        if (lines[i].line_no == lines[k].line_no) repeated_line_no(k, lines[k].line_no);
      }
    }
  } else {
    std::vector<std::pair<std::int32_t, std::size_t>> numbers;
    numbers.reserve(lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) numbers.emplace_back(lines[i].line_no, i);
    std::sort(numbers.begin(), numbers.end());
    for (std::size_t k = 1; k < numbers.size(); ++k) {
      if (numbers[k].first == numbers[k - 1].first) repeated_line_no(numbers[k].second, numbers[k].first);
    }
  }
  std::size_t serial_count = 0;
  for (const Line& line : lines) serial_count += line.serials.size();
  if (serial_count < 2) return;
  // (serial, line index, position), in document order.
  using Serial = std::tuple<std::string_view, std::size_t, std::size_t>;
  if (serial_count <= kPairwiseLimit) {
    std::array<Serial, kPairwiseLimit> few;
    std::size_t n = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      for (std::size_t j = 0; j < lines[i].serials.size(); ++j) {
        const std::string_view serial = lines[i].serials[j];
        for (std::size_t k = 0; k < n; ++k) {
          if (std::get<0>(few[k]) == serial) repeated_serial(serial, i, j);
        }
        few[n++] = Serial(serial, i, j);
      }
    }
    return;
  }
  std::vector<Serial> serials;
  serials.reserve(serial_count);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    for (std::size_t j = 0; j < lines[i].serials.size(); ++j) serials.emplace_back(lines[i].serials[j], i, j);
  }
  // Sorting keeps equal serials in document order, so the second of a pair is the later one.
  std::sort(serials.begin(), serials.end());
  for (std::size_t k = 1; k < serials.size(); ++k) {
    if (std::get<0>(serials[k]) == std::get<0>(serials[k - 1])) {
      repeated_serial(std::get<0>(serials[k]), std::get<1>(serials[k]), std::get<2>(serials[k]));
    }
  }
}

}  // namespace

void validate_sales_header(const SalesDocument& d, const Limits& limits) {
  const std::int64_t text = limits.max_text_bytes;
  check_text_at([] { return "id"; }, d.id, text, /*required=*/true);
  check_date("date", d.date);
  if (d.delivery_date) {
    check_date("delivery_date", *d.delivery_date);
    if (before(*d.delivery_date, d.date)) {
      throw Error(Status::out_of_range, "delivery_date",
                  d.delivery_date->to_iso() + " is before the document date " + d.date.to_iso());
    }
  }
  check_text_at([] { return "customer_id"; }, d.customer_id, text, /*required=*/true);
  const int channel = static_cast<int>(d.channel);
  if (channel < 0 || channel > static_cast<int>(Channel::supplier)) {
    throw Error(Status::unknown_value, "channel", "unknown value " + std::to_string(channel));
  }
  check_currency(d.currency);
  check_jurisdiction(d.jurisdiction);
}

void validate_sales_document(const SalesDocument& d, const Limits& limits) {
  const std::int64_t text = limits.max_text_bytes;
  validate_sales_header(d, limits);
  if (d.lines.empty()) throw Error(Status::missing_field, "lines", "a document needs at least one line");
  std::int64_t lines_net = 0;
  for (std::size_t i = 0; i < d.lines.size(); ++i) {
    const SalesLine& line = d.lines[i];
    check_common_line(line, i, text);
    check_range([&] { return at_line(i, "unit_price"); }, line.unit_price, 0, kInt64Max);
    check_range([&] { return at_line(i, "vat_rate_bp"); }, line.vat_rate_bp, 0, 10000);
    std::int64_t line_total = 0;
    if (__builtin_mul_overflow(line.unit_price, line.quantity, &line_total)) {
      throw Error(Status::out_of_range, at_line(i, "unit_price"),
                  std::to_string(line.unit_price) + " × " + std::to_string(line.quantity) +
                      " units does not fit in 64 bits");
    }
    check_range([&] { return at_line(i, "discount"); }, line.discount, 0, line_total);
    // The document's discount is shared over what the lines cost after their own discounts.
    if (__builtin_add_overflow(lines_net, line_total - line.discount, &lines_net)) {
      lines_net = std::numeric_limits<std::int64_t>::max();
    }
    check_text_at([&] { return at_line(i, "lot"); }, line.lot, text);
    check_text_at([&] { return at_line(i, "dispatch_document"); }, line.dispatch_document, text);
    for (std::size_t j = 0; j < line.packers.size(); ++j) {
      check_text_at([&] { return at_item(at_line(i, "packers"), j); }, line.packers[j], text, /*required=*/true);
    }
  }
  check_range([] { return "discount"; }, d.discount, 0, lines_net);
  check_unique_across_lines(d.lines);
}

void validate_purchase_header(const PurchaseDocument& d, const Limits& limits) {
  const std::int64_t text = limits.max_text_bytes;
  check_text_at([] { return "id"; }, d.id, text, /*required=*/true);
  check_date("date", d.date);
  check_text_at([] { return "supplier_id"; }, d.supplier_id, text, /*required=*/true);
  check_currency(d.currency);
}

void validate_purchase_document(const PurchaseDocument& d, const Limits& limits) {
  const std::int64_t text = limits.max_text_bytes;
  validate_purchase_header(d, limits);
  if (d.lines.empty()) throw Error(Status::missing_field, "lines", "a document needs at least one line");
  for (std::size_t i = 0; i < d.lines.size(); ++i) {
    check_common_line(d.lines[i], i, text);
    check_range([&] { return at_line(i, "unit_cost"); }, d.lines[i].unit_cost, 0, kInt64Max);
  }
  check_unique_across_lines(d.lines);
}

namespace import_detail {

void ProgressTicker::report() {
  if (!fn_(rows_, total_)) throw Error(Status::invalid_argument, "progress", "cancelled by the host");
}

std::string_view without_bom(std::string_view content) {
  if (content.size() >= 3 && content.compare(0, 3, "\xEF\xBB\xBF") == 0) content.remove_prefix(3);
  return content;
}

std::int64_t count_jsonl_rows(std::string_view content) {
  std::int64_t rows = 0;
  const char* p = content.data();
  const char* end = p + content.size();
  while (p < end) {
    const char* eol = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    if (eol == nullptr) eol = end;
    for (const char* c = p; c < eol; ++c) {
      if (*c != ' ' && *c != '\t' && *c != '\r') {
        ++rows;
        break;
      }
    }
    p = eol + 1;
  }
  return rows;
}

// Walks records the way the CSV tokenizer splits them (a quote opens a field only at its start;
// "\r\n" or "\n" end a record; a line with nothing on it is no record), without keeping cells.
std::int64_t count_csv_rows(std::string_view content) {
  std::int64_t records = 0;
  const char* p = content.data();
  const char* end = p + content.size();
  if (std::memchr(p, '"', content.size()) == nullptr) {
    // No quotes, so every line is a record unless it is blank.
    while (p < end) {
      const char* eol = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
      const bool last = eol == nullptr;
      if (last) eol = end;
      const std::ptrdiff_t length = eol - p;
      if (length > 1 || (length == 1 && (*p != '\r' || last))) ++records;
      p = eol + 1;
    }
    return records > 0 ? records - 1 : 0;
  }
  const auto line_break = [end](const char* at) { return *at == '\n' || (*at == '\r' && at + 1 < end && at[1] == '\n'); };
  while (p < end) {
    if (line_break(p)) {  // a blank line
      p += *p == '\n' ? 1 : 2;
      continue;
    }
    ++records;
    for (;;) {  // one cell per pass
      if (p < end && *p == '"') {
        for (++p;;) {
          const char* quote = static_cast<const char*>(std::memchr(p, '"', static_cast<std::size_t>(end - p)));
          if (quote == nullptr) return records > 0 ? records - 1 : 0;  // never closed: the rest is this cell
          p = quote + 1;
          if (p < end && *p == '"') {
            ++p;
            continue;
          }
          break;
        }
      }
      while (p < end && *p != ',' && !line_break(p)) ++p;
      if (p >= end) break;
      if (*p == ',') {
        ++p;
        continue;
      }
      p += *p == '\n' ? 1 : 2;
      break;
    }
  }
  return records > 0 ? records - 1 : 0;
}

std::string error_message(const Error& e) {
  std::string_view text = e.what();
  if (!e.field().empty() && text.size() >= e.field().size() + 2 && text.compare(0, e.field().size(), e.field()) == 0 &&
      text.compare(e.field().size(), 2, ": ") == 0) {
    text.remove_prefix(e.field().size() + 2);
  }
  return std::string(text);
}

ImportRowError row_error(std::int64_t line, const Error& e) {
  return ImportRowError{line, e.field(), error_message(e), status_name(e.status())};
}

std::string printable(std::string_view value) {
  constexpr std::size_t kMax = 64;
  std::string out;
  bool cut = false;
  if (value.size() > kMax) {
    std::size_t end = kMax;
    while (end > 0 && (static_cast<unsigned char>(value[end]) & 0xC0) == 0x80) --end;
    value = value.substr(0, end);
    cut = true;
  }
  while (!value.empty()) {
    const std::size_t bad = rma::detail::first_invalid_utf8(value);
    if (bad == std::string_view::npos) {
      out += value;
      break;
    }
    out += value.substr(0, bad);
    out += '?';
    value.remove_prefix(bad + 1);
  }
  if (cut) out += "...";
  return out;
}

std::string quote_value(std::string_view value) { return "\"" + printable(value) + "\""; }

void validate_record(const ImportRecord& record, const Limits& limits) {
  struct Visitor {
    const Limits& limits;
    void operator()(const Customer& c) const { validate_customer(c, limits); }
    void operator()(const Product& p) const { validate_product(p, limits); }
    void operator()(const Supplier& s) const { validate_supplier(s, limits); }
    void operator()(const SalesDocument& d) const { validate_sales_document(d, limits); }
    void operator()(const PurchaseDocument& d) const { validate_purchase_document(d, limits); }
  };
  std::visit(Visitor{limits}, record);
}

const std::string& record_key(const ImportRecord& record) {
  struct Visitor {
    const std::string& operator()(const Customer& c) const { return c.id; }
    const std::string& operator()(const Product& p) const { return p.sku; }
    const std::string& operator()(const Supplier& s) const { return s.id; }
    const std::string& operator()(const SalesDocument& d) const { return d.id; }
    const std::string& operator()(const PurchaseDocument& d) const { return d.id; }
  };
  return std::visit(Visitor{}, record);
}

const char* key_field(ImportKind kind) { return kind == ImportKind::products ? "sku" : "id"; }

bool RecordSink::key_is_new(std::int64_t line, const ImportRecord& record) {
  const std::string& key = record_key(record);
  if (key.empty()) return true;  // validation reports the missing key
  auto [it, inserted] = first_line_of_key_.emplace(key, line);
  if (inserted) return true;
  error(line, Status::duplicate, key_field(kind_),
        "duplicate " + std::string(key_field(kind_)) + " " + quote_value(key) + ", first on line " +
            std::to_string(it->second));
  return false;
}

}  // namespace import_detail
}  // namespace rma::domain
