// domain/import_csv_rows.cpp — the column tables of the CSV import, reading cells as values, and
// the records of one row (import_csv_rows.hpp).
#include <cstdint>
#include <iterator>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/import_csv_rows.hpp"

namespace rma::domain::import_detail {
namespace {

constexpr std::int64_t kInt32Min = std::numeric_limits<std::int32_t>::min();
constexpr std::int64_t kInt32Max = std::numeric_limits<std::int32_t>::max();
constexpr std::int64_t kInt64Min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();

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

template <std::size_t N>
constexpr ColumnTable table(const Column (&columns)[N]) {
  static_assert(N <= kMaxColumns, "raise kMaxColumns");
  return ColumnTable{columns, N};
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

}  // namespace

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

std::string_view Row::raw(int column) const {
  const Cell* c = cell(column);
  if (c == nullptr) return std::string_view();
  if (c->escaped) throw Error(Status::invalid_argument, name(column), quote_value(c->str()) + " contains a quote");
  return c->text;
}

std::optional<std::int64_t> Row::optional_integer(int column, std::int64_t min, std::int64_t max) const {
  const std::string_view text = raw(column);
  if (text.empty()) return std::nullopt;
  return parse_integer(text, name(column), min, max);
}

std::int64_t Row::integer(int column, std::int64_t min, std::int64_t max) const {
  auto value = optional_integer(column, min, max);
  if (!value) throw Error(Status::missing_field, name(column), "is required");
  return *value;
}

std::optional<Date> Row::optional_date(int column) const {
  const std::string_view text = raw(column);
  if (text.empty()) return std::nullopt;
  try {
    return Date::from_iso(text);
  } catch (const Error& e) {
    throw Error(e.status(), name(column), error_message(e));
  }
}

Date Row::date(int column) const {
  auto value = optional_date(column);
  if (!value) throw Error(Status::missing_field, name(column), "is required");
  return *value;
}

bool Row::boolean(int column, bool fallback) const {
  const std::string_view text = raw(column);
  if (text.empty()) return fallback;
  if (text == "1" || equals_ignoring_case(text, "true")) return true;
  if (text == "0" || equals_ignoring_case(text, "false")) return false;
  throw Error(Status::invalid_argument, name(column), quote_value(text) + " is not true, false, 1 or 0");
}

Channel Row::channel(int column) const {
  const std::string_view text = raw(column);
  if (text.empty()) throw Error(Status::missing_field, name(column), "is required");
  auto channel = channel_from_name(text);
  if (!channel) {
    throw Error(Status::unknown_value, name(column),
                "unknown value " + quote_value(text) + " (expected one of: b2b, b2c, retail_chain, supplier)");
  }
  return *channel;
}

std::vector<std::string> Row::list(int column) const {
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

void Row::read_address(int first, std::vector<Address>& out) const {
  bool any = false;
  for (int i = 0; i < static_cast<int>(std::size(kAddressParts)); ++i) any = any || cell(first + i) != nullptr;
  if (!any) return;
  out.push_back(Address{text(first), text(first + 1), text(first + 2), text(first + 3), text(first + 4),
                        text(first + 5), text(first + 6)});
}

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

void SalesRows::read_header(const Row& row, SalesDocument& d) {
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

int SalesRows::difference(const SalesDocument& a, const SalesDocument& b) {
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

void SalesRows::read_line(const Row& row, std::int32_t position, SalesDocument& d) {
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

void PurchaseRows::read_header(const Row& row, PurchaseDocument& d) {
  using namespace purchase_col;
  d.date = row.date(date);
  d.supplier_id = row.text(supplier_id);
  if (row.cell(currency) != nullptr) d.currency = row.text(currency);
}

int PurchaseRows::difference(const PurchaseDocument& a, const PurchaseDocument& b) {
  using namespace purchase_col;
  if (a.date != b.date) return date;
  if (a.supplier_id != b.supplier_id) return supplier_id;
  if (a.currency != b.currency) return currency;
  return -1;
}

void PurchaseRows::read_line(const Row& row, std::int32_t position, PurchaseDocument& d) {
  using namespace purchase_col;
  PurchaseLine l;
  l.line_no = static_cast<std::int32_t>(row.optional_integer(line_no, kInt32Min, kInt32Max).value_or(position));
  l.sku = row.text(sku);
  l.quantity = row.integer(quantity, kInt64Min, kInt64Max);
  l.unit_cost = row.integer(unit_cost, kInt64Min, kInt64Max);
  l.serials = row.list(serials);
  d.lines.push_back(std::move(l));
}

}  // namespace rma::domain::import_detail
