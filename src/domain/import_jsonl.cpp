// domain/import_jsonl.cpp — JSON Lines: one object per line, keys named like the C++ members.
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/import_records.hpp"
#include "json/parse.hpp"
#include "json/reader.hpp"
#include "json/utf8.hpp"

namespace rma::domain::import_detail {
namespace {

using json = nlohmann::json;

constexpr const char* kCustomerKeys[] = {"id", "name", "tax_id", "addresses", "email", "phones", "tier", "language"};
constexpr const char* kSupplierKeys[] = {"id", "name", "tax_id", "addresses", "email", "phones"};
constexpr const char* kAddressKeys[] = {"kind", "line1", "line2", "city", "postal_code", "region", "country"};
constexpr const char* kProductKeys[] = {"sku", "name", "brand", "category", "supplier_id", "serialized"};
constexpr const char* kSalesKeys[] = {"id",           "date",     "delivery_date", "customer_id", "channel",
                                      "distance_sale", "currency", "jurisdiction",  "discount", "lines"};
constexpr const char* kSalesLineKeys[] = {"line_no", "sku",     "quantity",          "unit_price", "vat_rate_bp",
                                          "discount", "serials", "lot", "dispatch_document", "packers"};
constexpr const char* kPurchaseKeys[] = {"id", "date", "supplier_id", "currency", "lines"};
constexpr const char* kPurchaseLineKeys[] = {"line_no", "sku", "quantity", "unit_cost", "serials"};
constexpr const char* kChannelNames = "b2b, b2c, retail_chain, supplier";

constexpr std::int64_t kInt32Min = std::numeric_limits<std::int32_t>::min();
constexpr std::int64_t kInt32Max = std::numeric_limits<std::int32_t>::max();
constexpr std::int64_t kInt64Min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();

const char* type_name(const json& value) {
  switch (value.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "integer";
    case json::value_t::number_float: return "number";
    case json::value_t::string: return "string";
    case json::value_t::array: return "array";
    case json::value_t::object: return "object";
    default: return "binary";
  }
}

[[noreturn]] void wrong_type(const std::string& path, const char* expected, const json& got) {
  throw Error(Status::wrong_type, path, std::string("expected ") + expected + ", got " + type_name(got));
}

std::string element_path(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

// The members of one JSON object, read by name; a member that is null counts as absent.
class Fields {
 public:
  // Throws unless `value` is an object whose keys are all in `known`: a misspelt key is an
  // error, not a silently missing value.
  template <std::size_t N>
  Fields(const json& value, std::string path, const char* const (&known)[N]) : path_(std::move(path)) {
    if (!value.is_object()) wrong_type(path_, "object", value);
    object_ = &value;
    for (auto it = value.begin(); it != value.end(); ++it) {
      bool is_known = false;
      for (const char* key : known) is_known = is_known || it.key() == key;
      if (is_known) continue;
      std::string expected;
      for (const char* key : known) expected += (expected.empty() ? "" : ", ") + std::string(key);
      throw Error(Status::unknown_value, path_of(it.key()), "unknown field (expected one of: " + expected + ")");
    }
  }

  std::string path_of(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

  const json* find(const char* key) const {
    auto it = object_->find(key);
    return it == object_->end() || it->is_null() ? nullptr : &*it;
  }

  std::string text(const char* key) const {
    const json* value = find(key);
    if (value == nullptr) return std::string();
    if (!value->is_string()) wrong_type(path_of(key), "string", *value);
    return value->get<std::string>();
  }

  std::vector<std::string> texts(const char* key) const {
    std::vector<std::string> out;
    const json* list = array(key);
    if (list == nullptr) return out;
    out.reserve(list->size());
    for (std::size_t i = 0; i < list->size(); ++i) {
      const json& item = (*list)[i];
      if (!item.is_string()) wrong_type(element_path(path_of(key), i), "string", item);
      out.push_back(item.get<std::string>());
    }
    return out;
  }

  const json* array(const char* key) const {
    const json* value = find(key);
    if (value != nullptr && !value->is_array()) wrong_type(path_of(key), "array", *value);
    return value;
  }

  std::optional<std::int64_t> optional_integer(const char* key, std::int64_t min, std::int64_t max) const {
    const json* value = find(key);
    if (value == nullptr) return std::nullopt;
    if (codec::is_integer_beyond_64_bits(*value)) {
      throw Error(Status::out_of_range, path_of(key),
                  value->dump() + " is outside " + std::to_string(min) + ".." + std::to_string(max));
    }
    if (!value->is_number_integer()) wrong_type(path_of(key), "integer", *value);
    if (value->is_number_unsigned() && value->get<std::uint64_t>() > static_cast<std::uint64_t>(kInt64Max)) {
      throw Error(Status::out_of_range, path_of(key), std::to_string(value->get<std::uint64_t>()) + " is too large");
    }
    const std::int64_t number = value->get<std::int64_t>();
    if (number < min || number > max) {
      throw Error(Status::out_of_range, path_of(key),
                  std::to_string(number) + " is outside " + std::to_string(min) + ".." + std::to_string(max));
    }
    return number;
  }

  std::int64_t integer(const char* key, std::int64_t min, std::int64_t max) const {
    auto number = optional_integer(key, min, max);
    if (!number) throw Error(Status::missing_field, path_of(key), "is required");
    return *number;
  }

  bool boolean(const char* key, bool fallback) const {
    const json* value = find(key);
    if (value == nullptr) return fallback;
    if (!value->is_boolean()) wrong_type(path_of(key), "boolean", *value);
    return value->get<bool>();
  }

  std::optional<Date> optional_date(const char* key) const {
    const json* value = find(key);
    if (value == nullptr) return std::nullopt;
    if (!value->is_string()) wrong_type(path_of(key), "string", *value);
    try {
      return Date::from_iso(value->get_ref<const std::string&>());
    } catch (const Error& e) {
      throw Error(e.status(), path_of(key), error_message(e));
    }
  }

  Date date(const char* key) const {
    auto value = optional_date(key);
    if (!value) throw Error(Status::missing_field, path_of(key), "is required");
    return *value;
  }

  Channel channel(const char* key) const {
    const json* value = find(key);
    if (value == nullptr) throw Error(Status::missing_field, path_of(key), "is required");
    if (!value->is_string()) wrong_type(path_of(key), "string", *value);
    auto channel = channel_from_name(value->get_ref<const std::string&>());
    if (!channel) {
      throw Error(Status::unknown_value, path_of(key),
                  "unknown value " + quote_value(value->get_ref<const std::string&>()) + " (expected one of: " +
                      kChannelNames + ")");
    }
    return *channel;
  }

 private:
  const json* object_ = nullptr;
  std::string path_;
};

std::vector<Address> read_addresses(const Fields& f) {
  std::vector<Address> out;
  const json* list = f.array("addresses");
  if (list == nullptr) return out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    Fields a((*list)[i], element_path("addresses", i), kAddressKeys);
    out.push_back(Address{a.text("kind"), a.text("line1"), a.text("line2"), a.text("city"), a.text("postal_code"),
                          a.text("region"), a.text("country")});
  }
  return out;
}

Customer read_customer(const json& value) {
  Fields f(value, "", kCustomerKeys);
  Customer c;
  c.id = f.text("id");
  c.name = f.text("name");
  c.tax_id = f.text("tax_id");
  c.addresses = read_addresses(f);
  c.email = f.text("email");
  c.phones = f.texts("phones");
  c.tier = f.text("tier");
  c.language = f.text("language");
  return c;
}

Supplier read_supplier(const json& value) {
  Fields f(value, "", kSupplierKeys);
  Supplier s;
  s.id = f.text("id");
  s.name = f.text("name");
  s.tax_id = f.text("tax_id");
  s.addresses = read_addresses(f);
  s.email = f.text("email");
  s.phones = f.texts("phones");
  return s;
}

Product read_product(const json& value) {
  Fields f(value, "", kProductKeys);
  Product p;
  p.sku = f.text("sku");
  p.name = f.text("name");
  p.brand = f.text("brand");
  p.category = f.text("category");
  p.supplier_id = f.text("supplier_id");
  p.serialized = f.boolean("serialized", false);
  return p;
}

std::int32_t line_number(const Fields& f, std::size_t index) {
  auto line_no = f.optional_integer("line_no", kInt32Min, kInt32Max);
  return static_cast<std::int32_t>(line_no ? *line_no : static_cast<std::int64_t>(index) + 1);
}

SalesDocument read_sales_document(const json& value) {
  Fields f(value, "", kSalesKeys);
  SalesDocument d;
  d.id = f.text("id");
  d.date = f.date("date");
  d.delivery_date = f.optional_date("delivery_date");
  d.customer_id = f.text("customer_id");
  d.channel = f.channel("channel");
  d.distance_sale = f.boolean("distance_sale", true);
  if (f.find("currency") != nullptr) d.currency = f.text("currency");
  d.jurisdiction = f.text("jurisdiction");
  d.discount = f.optional_integer("discount", kInt64Min, kInt64Max).value_or(0);
  if (const json* lines = f.array("lines")) {
    d.lines.reserve(lines->size());
    for (std::size_t i = 0; i < lines->size(); ++i) {
      Fields l((*lines)[i], element_path("lines", i), kSalesLineKeys);
      SalesLine line;
      line.line_no = line_number(l, i);
      line.sku = l.text("sku");
      line.quantity = l.integer("quantity", kInt64Min, kInt64Max);
      line.unit_price = l.integer("unit_price", kInt64Min, kInt64Max);
      line.vat_rate_bp = static_cast<std::int32_t>(l.integer("vat_rate_bp", kInt32Min, kInt32Max));
      line.discount = l.optional_integer("discount", kInt64Min, kInt64Max).value_or(0);
      line.serials = l.texts("serials");
      line.lot = l.text("lot");
      line.dispatch_document = l.text("dispatch_document");
      line.packers = l.texts("packers");
      d.lines.push_back(std::move(line));
    }
  }
  return d;
}

PurchaseDocument read_purchase_document(const json& value) {
  Fields f(value, "", kPurchaseKeys);
  PurchaseDocument d;
  d.id = f.text("id");
  d.date = f.date("date");
  d.supplier_id = f.text("supplier_id");
  if (f.find("currency") != nullptr) d.currency = f.text("currency");
  if (const json* lines = f.array("lines")) {
    d.lines.reserve(lines->size());
    for (std::size_t i = 0; i < lines->size(); ++i) {
      Fields l((*lines)[i], element_path("lines", i), kPurchaseLineKeys);
      PurchaseLine line;
      line.line_no = line_number(l, i);
      line.sku = l.text("sku");
      line.quantity = l.integer("quantity", kInt64Min, kInt64Max);
      line.unit_cost = l.integer("unit_cost", kInt64Min, kInt64Max);
      line.serials = l.texts("serials");
      d.lines.push_back(std::move(line));
    }
  }
  return d;
}

ImportRecord read_record(ImportKind kind, const json& value) {
  switch (kind) {
    case ImportKind::customers: return read_customer(value);
    case ImportKind::products: return read_product(value);
    case ImportKind::suppliers: return read_supplier(value);
    case ImportKind::sales_documents: return read_sales_document(value);
    case ImportKind::purchase_documents: return read_purchase_document(value);
  }
  throw Error(Status::invalid_argument, "kind", "unknown import kind " + std::to_string(static_cast<int>(kind)));
}

// The marker an invalid UTF-8 byte is replaced with so the line still parses and the string that
// held it can be found: a control character, which no valid text field may contain anyway.
constexpr char kMarker = '\x01';

// The path of the first key or string value that contains the marker, or "" if none does.
std::string path_of_marker(const json& value, const std::string& path) {
  if (value.is_string()) {
    return value.get_ref<const std::string&>().find(kMarker) == std::string::npos ? std::string() : path;
  }
  if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      std::string found = path_of_marker(value[i], element_path(path, i));
      if (!found.empty()) return found;
    }
  } else if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      const std::string member = path.empty() ? it.key() : path + "." + it.key();
      if (it.key().find(kMarker) != std::string::npos) return member;
      std::string found = path_of_marker(it.value(), member);
      if (!found.empty()) return found;
    }
  }
  return std::string();
}

// Names the field that holds the first invalid UTF-8 sequence of `line`. The repaired line is
// parsed under the depth bound (too_large like the line itself), so path_of_marker's recursion is
// bounded too.
Error invalid_utf8_error(std::string_view line, std::size_t first_bad, std::int32_t max_depth) {
  std::string repaired;
  repaired.reserve(line.size() + 16);
  std::string_view rest = line;
  std::size_t bad = first_bad;
  while (bad != std::string_view::npos) {
    repaired += rest.substr(0, bad);
    repaired += "\\u0001";
    rest.remove_prefix(bad + 1);
    bad = rma::detail::first_invalid_utf8(rest);
  }
  repaired += rest;
  std::string field;
  try {
    field = path_of_marker(codec::parse_json_within_depth(repaired, max_depth), "");
  } catch (const json::exception&) {
    // The bad bytes are outside any string: no field to name.
  }
  return Error(Status::invalid_utf8, field, "invalid UTF-8 at byte " + std::to_string(first_bad) + " of the line");
}

}  // namespace

void parse_jsonl(ImportKind kind, std::string_view content, const Limits& limits, ProgressTicker& ticker,
                 ParsedImport& out) {
  RecordSink sink(kind, limits, out);
  const auto place = [](std::int64_t line) { return [line](const Error& e) { return row_error(line, e); }; };
  std::int64_t line_number = 0;
  std::size_t pos = 0;
  while (pos < content.size()) {
    std::size_t eol = content.find('\n', pos);
    if (eol == std::string_view::npos) eol = content.size();
    std::string_view line = content.substr(pos, eol - pos);
    pos = eol + 1;
    ++line_number;
    const std::size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) continue;  // blank lines separate nothing and are skipped
    try {
      if (static_cast<std::int64_t>(line.size()) > limits.max_request_bytes) {
        throw Error(Status::too_large, "",
                    "the line has " + std::to_string(line.size()) + " bytes, over the limit of " +
                        std::to_string(limits.max_request_bytes));
      }
      const std::size_t bad = rma::detail::first_invalid_utf8(line);
      if (bad != std::string_view::npos) throw invalid_utf8_error(line, bad, limits.max_json_depth);
      // The parser of requests: a key said twice in a row is as ambiguous as in a request, and
      // nesting is bounded by limits.max_json_depth while parsing.
      const json value = codec::parse_json(line, std::string(), limits.max_json_depth);
      sink.keep(line_number, read_record(kind, value), /*check_key=*/true, place(line_number));
    } catch (const Error& e) {
      sink.error(line_number, e);
    }
    ticker.row_done();
  }
}

}  // namespace rma::domain::import_detail
