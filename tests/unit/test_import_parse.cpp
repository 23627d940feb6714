// Import parsing: JSON Lines and CSV into typed records, and every way a row can be wrong.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "domain/import_parse.hpp"
#include "rma/error.hpp"

using namespace rma;

namespace {

// A parse as the tests read it: its records, and its errors as the report lists them.
struct ParsedImport {
  std::int64_t rows_read = 0;
  std::vector<domain::ParsedRecord> records;
  std::vector<ImportRowError> errors;
  ImportReport report;  // errors_truncated, error_counts, rows_rejected
};

ParsedImport parse(ImportKind kind, ImportFormat format, std::string_view text, const Limits& limits = Limits()) {
  domain::ParsedImport parsed = domain::parse_import(kind, format, text, limits, {}, 0);
  ParsedImport out;
  out.rows_read = parsed.rows_read;
  out.records = std::move(parsed.records);
  parsed.errors.fill(out.report);
  out.errors = out.report.errors;
  return out;
}

ParsedImport jsonl(ImportKind kind, std::string_view text) { return parse(kind, ImportFormat::jsonl, text); }
ParsedImport csv(ImportKind kind, std::string_view text) { return parse(kind, ImportFormat::csv, text); }

std::string read_sample(const std::string& name) {
  std::ifstream in(std::string(RMA_TEST_DATA_DIR) + "/import/" + name, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += "[" + item + "]";
  return out;
}

std::string describe(const Address& a) {
  return "{" + a.kind + "|" + a.line1 + "|" + a.line2 + "|" + a.city + "|" + a.postal_code + "|" + a.region + "|" +
         a.country + "}";
}

std::string describe(const std::vector<Address>& addresses) {
  std::string out;
  for (const Address& a : addresses) out += describe(a);
  return out;
}

std::string describe(const std::optional<Date>& d) { return d ? d->to_iso() : "none"; }

// Every member of a record as text, so records from the two formats can be compared whole.
std::string describe(const domain::ImportRecord& record) {
  struct Visitor {
    std::string operator()(const Customer& c) const {
      return c.id + ";" + c.name + ";" + c.tax_id + ";" + describe(c.addresses) + ";" + c.email + ";" + join(c.phones) +
             ";" + c.tier + ";" + c.language;
    }
    std::string operator()(const Supplier& s) const {
      return s.id + ";" + s.name + ";" + s.tax_id + ";" + describe(s.addresses) + ";" + s.email + ";" + join(s.phones);
    }
    std::string operator()(const Product& p) const {
      return p.sku + ";" + p.name + ";" + p.brand + ";" + p.category + ";" + p.supplier_id + ";" +
             (p.serialized ? "serialized" : "not serialized");
    }
    std::string operator()(const SalesDocument& d) const {
      std::string out = d.id + ";" + d.date.to_iso() + ";" + describe(d.delivery_date) + ";" + d.customer_id + ";" +
                        channel_name(d.channel) + ";" + (d.distance_sale ? "distance" : "on site") + ";" + d.currency +
                        ";" + d.jurisdiction;
      for (const SalesLine& l : d.lines) {
        out += "\n  " + std::to_string(l.line_no) + ";" + l.sku + ";" + std::to_string(l.quantity) + ";" +
               std::to_string(l.unit_price) + ";" + std::to_string(l.vat_rate_bp) + ";" + join(l.serials) + ";" + l.lot +
               ";" + l.dispatch_document + ";" + join(l.packers);
      }
      return out;
    }
    std::string operator()(const PurchaseDocument& d) const {
      std::string out = d.id + ";" + d.date.to_iso() + ";" + d.supplier_id + ";" + d.currency;
      for (const PurchaseLine& l : d.lines) {
        out += "\n  " + std::to_string(l.line_no) + ";" + l.sku + ";" + std::to_string(l.quantity) + ";" +
               std::to_string(l.unit_cost) + ";" + join(l.serials);
      }
      return out;
    }
  };
  return std::visit(Visitor{}, record);
}

std::string describe_errors(const ParsedImport& p) {
  std::string out;
  for (const ImportRowError& e : p.errors) out += std::to_string(e.line) + " " + e.field + ": " + e.reason + "\n";
  return out;
}

const SalesDocument& sales(const ParsedImport& p, std::size_t i) {
  return std::get<SalesDocument>(p.records.at(i).record);
}

// A valid sales document as one JSONL line; tests replace one piece of it.
const std::string kGoodLine =
    R"({"id": "FT-1", "date": "2026-03-02", "delivery_date": "2026-03-04", "customer_id": "C-1001", )"
    R"("channel": "b2c", "lines": [{"sku": "VTX-PH12-128", "quantity": 2, "unit_price": 69900, )"
    R"("vat_rate_bp": 2200, "serials": ["SN-1", "SN-2"], "packers": ["giorgio.f"]}]})";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, from);
  return text.replace(at, from.size(), to);
}

const std::string kSalesHeader =
    "id,date,delivery_date,customer_id,channel,distance_sale,currency,jurisdiction,line_no,sku,quantity,unit_price,"
    "vat_rate_bp,serials,lot,dispatch_document,packers\n";
const std::string kGoodRow = "FT-1,2026-03-02,2026-03-04,C-1001,b2c,true,EUR,IT,1,VTX-PH12-128,2,69900,2200,SN-1|SN-2,,DDT-1,giorgio.f\n";

// Replaces the cell of `column` in a sales CSV row.
std::string with_cell(const std::string& row, const std::string& column, const std::string& value) {
  std::vector<std::string> names;
  std::stringstream header(kSalesHeader.substr(0, kSalesHeader.size() - 1));
  for (std::string name; std::getline(header, name, ',');) names.push_back(name);
  std::vector<std::string> cells;
  std::stringstream cells_in(row.substr(0, row.size() - 1));
  for (std::string cell; std::getline(cells_in, cell, ',');) cells.push_back(cell);
  cells.resize(names.size());
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    out += (i ? "," : "") + (names[i] == column ? value : cells[i]);
  }
  REQUIRE(std::find(names.begin(), names.end(), column) != names.end());
  return out + "\n";
}

}  // namespace

TEST_CASE("import kind and format names read back") {
  for (ImportKind kind : {ImportKind::customers, ImportKind::products, ImportKind::suppliers,
                          ImportKind::sales_documents, ImportKind::purchase_documents}) {
    CHECK(import_kind_from_name(import_kind_name(kind)) == kind);
  }
  CHECK(std::string(import_kind_name(ImportKind::sales_documents)) == "sales_documents");
  CHECK(import_format_from_name("csv") == ImportFormat::csv);
  CHECK(import_format_from_name("jsonl") == ImportFormat::jsonl);
  CHECK_FALSE(import_format_from_name("JSONL"));
  CHECK_FALSE(import_kind_from_name("sales"));
}

TEST_CASE("the sample files give the same records in both formats") {
  struct Sample {
    ImportKind kind;
    const char* name;
    std::size_t records;
  };
  for (const Sample& s : {Sample{ImportKind::customers, "customers", 5}, Sample{ImportKind::suppliers, "suppliers", 3},
                          Sample{ImportKind::products, "products", 5},
                          Sample{ImportKind::sales_documents, "sales_documents", 5},
                          Sample{ImportKind::purchase_documents, "purchase_documents", 3}}) {
    CAPTURE(s.name);
    const ParsedImport from_jsonl = jsonl(s.kind, read_sample(std::string(s.name) + ".jsonl"));
    const ParsedImport from_csv = csv(s.kind, read_sample(std::string(s.name) + ".csv"));
    CHECK_MESSAGE(from_jsonl.errors.empty(), describe_errors(from_jsonl));
    CHECK_MESSAGE(from_csv.errors.empty(), describe_errors(from_csv));
    REQUIRE(from_jsonl.records.size() == s.records);
    REQUIRE(from_csv.records.size() == s.records);
    for (std::size_t i = 0; i < s.records; ++i) {
      CHECK(describe(from_jsonl.records[i].record) == describe(from_csv.records[i].record));
    }
  }
}

TEST_CASE("sample sales documents: lines, serials, defaults and line numbers") {
  const ParsedImport j = jsonl(ImportKind::sales_documents, read_sample("sales_documents.jsonl"));
  const ParsedImport c = csv(ImportKind::sales_documents, read_sample("sales_documents.csv"));
  CHECK(j.rows_read == 5);
  CHECK(c.rows_read == 8);  // one CSV row per document line
  // FT-2026-000102 is split over rows 3 and 5 of the CSV: grouped, reported at its first row.
  CHECK(c.records[1].line == 3);
  CHECK(c.records[1].line_rows == std::vector<std::int64_t>{3, 5});
  CHECK(j.records[1].line == 2);
  CHECK(j.records[1].line_rows.empty());
  const SalesDocument& d = sales(c, 1);
  CHECK(d.id == "FT-2026-000102");
  REQUIRE(d.lines.size() == 2);
  CHECK(d.lines[0].serials == std::vector<std::string>{"LQ7-55-000871", "LQ7-55-000872", "LQ7-55-000873"});
  CHECK(d.lines[0].packers == std::vector<std::string>{"sara.m", "giorgio.f"});
  CHECK(d.lines[1].lot == "L2026-03");
  CHECK_FALSE(d.distance_sale);
  const SalesDocument& first = sales(c, 0);
  CHECK(first.distance_sale);     // default
  CHECK(first.currency == "EUR");  // default
  CHECK(first.lines[1].line_no == 2);  // position within the document
  CHECK_FALSE(sales(c, 2).delivery_date);
  CHECK(sales(c, 4).lines[1].line_no == 20);
  CHECK(sales(c, 4).channel == Channel::retail_chain);
  const ParsedImport customers = csv(ImportKind::customers, read_sample("customers.csv"));
  const auto& customer = std::get<Customer>(customers.records.at(3).record);
  CHECK(customer.name == "Negozio \"Il Tecnico\" di Luca Ferri");
  CHECK(customer.addresses.empty());
}

TEST_CASE("JSONL: each kind of bad row is reported on its line with its field") {
  struct Case {
    const char* what;
    std::string line;
    std::string field;
    const char* reason_has;
  };
  const std::vector<Case> cases = {
      {"malformed JSON", R"({"id": "FT-1", )", "", "malformed JSON"},
      {"not an object", R"(["FT-1"])", "", "expected object"},
      {"unknown key", replaced(kGoodLine, "\"channel\"", "\"chanel\""), "chanel", "unknown field"},
      {"unknown line key", replaced(kGoodLine, "\"quantity\"", "\"qty\""), "lines[0].qty", "unknown field"},
      {"string for integer", replaced(kGoodLine, "\"quantity\": 2", "\"quantity\": \"2\""), "lines[0].quantity",
       "expected integer, got string"},
      {"fraction", replaced(kGoodLine, "\"quantity\": 2", "\"quantity\": 1.5"), "lines[0].quantity",
       "expected integer, got number"},
      {"beyond 64 bits", replaced(kGoodLine, "69900", "9223372036854775808"), "lines[0].unit_price", "too large"},
      {"missing quantity", replaced(kGoodLine, "\"quantity\": 2, ", ""), "lines[0].quantity", "required"},
      {"missing vat", replaced(kGoodLine, ", \"vat_rate_bp\": 2200", ""), "lines[0].vat_rate_bp", "required"},
      {"missing date", replaced(kGoodLine, "\"date\": \"2026-03-02\", ", ""), "date", "required"},
      {"impossible date", replaced(kGoodLine, "2026-03-02", "2026-02-30"), "date", "day 30"},
      {"malformed date", replaced(kGoodLine, "2026-03-02", "02/03/2026"), "date", "2026-11-25"},
      {"delivery before sale", replaced(kGoodLine, "2026-03-04", "2026-03-01"), "delivery_date", "before"},
      {"missing customer", replaced(kGoodLine, "\"C-1001\"", "\"\""), "customer_id", "required"},
      {"missing id", replaced(kGoodLine, "\"FT-1\"", "null"), "id", "required"},
      {"unknown channel", replaced(kGoodLine, "\"b2c\"", "\"web\""), "channel", "unknown value \"web\""},
      {"missing channel", replaced(kGoodLine, "\"channel\": \"b2c\", ", ""), "channel", "required"},
      {"distance_sale as text", replaced(kGoodLine, "\"lines\"", "\"distance_sale\": \"yes\", \"lines\""),
       "distance_sale", "expected boolean"},
      {"lower-case currency", replaced(kGoodLine, "\"lines\"", "\"currency\": \"eur\", \"lines\""), "currency",
       "ISO 4217"},
      {"unknown currency", replaced(kGoodLine, "\"lines\"", "\"currency\": \"ZZZ\", \"lines\""), "currency",
       "unknown currency \"ZZZ\""},
      {"key twice", replaced(kGoodLine, "\"channel\": \"b2c\"", "\"channel\": \"b2c\", \"channel\": \"b2b\""), "channel",
       "duplicate key \"channel\""},
      {"line key twice", replaced(kGoodLine, "\"quantity\": 2", "\"quantity\": 2, \"quantity\": 3"), "lines[0].quantity",
       "duplicate key \"quantity\""},
      {"long jurisdiction", replaced(kGoodLine, "\"lines\"", "\"jurisdiction\": \"ITA\", \"lines\""),
       "jurisdiction", "ISO 3166"},
      {"no lines", R"({"id": "FT-1", "date": "2026-03-02", "customer_id": "C-1", "channel": "b2b", "lines": []})",
       "lines", "at least one line"},
      {"lines not an array", R"({"id": "FT-1", "date": "2026-03-02", "customer_id": "C-1", "channel": "b2b", "lines": 3})",
       "lines", "expected array, got integer"},
      {"zero quantity", replaced(replaced(kGoodLine, "\"quantity\": 2", "\"quantity\": 0"), "\"SN-1\", \"SN-2\"", ""),
       "lines[0].quantity", "below 1"},
      {"negative price", replaced(kGoodLine, "69900", "-1"), "lines[0].unit_price", "outside 0.."},
      {"serial count", replaced(kGoodLine, ", \"SN-2\"", ""), "lines[0].serials", "1 serials for quantity 2"},
      {"serial repeated in a line", replaced(kGoodLine, "\"SN-2\"", "\"SN-1\""), "lines[0].serials[1]",
       "listed twice"},
      {"empty serial", replaced(kGoodLine, "\"SN-2\"", "\"\""), "lines[0].serials[1]", "required"},
      {"serial not a string", replaced(kGoodLine, "\"SN-2\"", "2"), "lines[0].serials[1]", "expected string"},
      {"empty packer", replaced(kGoodLine, "\"giorgio.f\"", "\"\""), "lines[0].packers[0]", "required"},
      {"control character", replaced(kGoodLine, "\"FT-1\"", "\"FT\\u00011\""), "id", "control character"},
      {"invalid UTF-8 in a line", replaced(kGoodLine, "\"giorgio.f\"", "\"giorgio\xC3.f\""), "lines[0].packers[0]",
       "invalid UTF-8"},
      {"invalid UTF-8 outside strings", replaced(kGoodLine, "\"id\": ", "\"id\": \xff"), "", "invalid UTF-8"},
      {"zero line_no", replaced(kGoodLine, "{\"sku\"", "{\"line_no\": 0, \"sku\""), "lines[0].line_no", "below 1"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    // A good document on line 1, a blank line, the bad one on line 3.
    const std::string text = replaced(kGoodLine, "FT-1", "FT-0") + "\n\n" + c.line + "\n";
    const ParsedImport p = jsonl(ImportKind::sales_documents, text);
    CHECK(p.rows_read == 2);
    REQUIRE(p.records.size() == 1);
    CHECK(sales(p, 0).id == "FT-0");
    REQUIRE_MESSAGE(p.errors.size() == 1, describe_errors(p));
    CHECK(p.errors[0].line == 3);
    CHECK(p.errors[0].field == c.field);
    CHECK_MESSAGE(p.errors[0].reason.find(c.reason_has) != std::string::npos, p.errors[0].reason);
  }
}

TEST_CASE("JSONL: lines that repeat a line_no or a serial of another line") {
  const std::string two_lines = replaced(
      kGoodLine, "]}]}",
      R"(]}, {"line_no": 1, "sku": "X", "quantity": 1, "unit_price": 0, "vat_rate_bp": 0, "serials": ["SN-9"]}]})");
  const std::string line_no_twice = replaced(two_lines, "{\"sku\"", "{\"line_no\": 1, \"sku\"");
  ParsedImport p = jsonl(ImportKind::sales_documents, line_no_twice);
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].field == "lines[1].line_no");
  CHECK(p.records.empty());
  // Without line_no the first line is 1 (its position) as well.
  p = jsonl(ImportKind::sales_documents, two_lines);
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].field == "lines[1].line_no");
  p = jsonl(ImportKind::sales_documents, replaced(replaced(two_lines, "\"line_no\": 1", "\"line_no\": 2"), "SN-9", "SN-2"));
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].field == "lines[1].serials[0]");
  CHECK(p.errors[0].reason.find("\"SN-2\"") != std::string::npos);
  p = jsonl(ImportKind::sales_documents, replaced(two_lines, "\"line_no\": 1", "\"line_no\": 2"));
  CHECK_MESSAGE(p.errors.empty(), describe_errors(p));
  CHECK(sales(p, 0).lines[1].line_no == 2);
}

TEST_CASE("JSONL parties and products: validation names the field") {
  ParsedImport p = jsonl(ImportKind::customers, R"({"id": "C-1", "name": "Anna", "email": "anna.example.it"})");
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].field == "email");
  p = jsonl(ImportKind::customers,
            "{\"id\": \"C-1\", \"name\": \"Anna\", \"addresses\": [{\"city\": \"Mil\xE0no\"}]}");
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].field == "addresses[0].city");
  CHECK(p.errors[0].reason.find("invalid UTF-8") != std::string::npos);
  p = jsonl(ImportKind::customers, R"({"id": "C-1", "name": "Anna", "addresses": [{"town": "Milano"}]})");
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].field == "addresses[0].town");
  p = jsonl(ImportKind::suppliers, R"({"id": "S-1", "name": "Voltix", "tier": "gold"})");
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].field == "tier");  // suppliers have no tier
  p = jsonl(ImportKind::products, R"({"sku": "A", "name": "Cavo", "serialized": "yes"})");
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].field == "serialized");
  p = jsonl(ImportKind::products, R"({"sku": "A"})");
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].field == "name");
  Limits small;
  small.max_text_bytes = 8;
  p = parse(ImportKind::products, ImportFormat::jsonl, R"({"sku": "A", "name": "Cavo HDMI 2 m"})", small);
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].field == "name");
  CHECK(p.errors[0].reason.find("over the limit") != std::string::npos);
}

TEST_CASE("JSONL: a line over max_request_bytes is too large") {
  Limits limits;
  limits.max_request_bytes = static_cast<std::int64_t>(kGoodLine.size());
  ParsedImport p = parse(ImportKind::sales_documents, ImportFormat::jsonl, kGoodLine, limits);
  CHECK(p.errors.empty());
  limits.max_request_bytes -= 1;
  p = parse(ImportKind::sales_documents, ImportFormat::jsonl, kGoodLine, limits);
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].reason.find("over the limit") != std::string::npos);
}

TEST_CASE("a repeated id is an error on the later record, naming the first line") {
  const ParsedImport p = jsonl(ImportKind::customers,
                               "{\"id\": \"C-1\", \"name\": \"Anna\"}\n"
                               "{\"id\": \"C-2\", \"name\": \"Bruno\"}\n"
                               "{\"id\": \"C-1\", \"name\": \"Anna Maria\"}\n");
  REQUIRE(p.records.size() == 2);
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].line == 3);
  CHECK(p.errors[0].field == "id");
  CHECK(p.errors[0].reason == "duplicate id \"C-1\", first on line 1");
  const ParsedImport products = csv(ImportKind::products, "sku,name\nA,Cavo\nA,Cavo 2\n");
  REQUIRE(products.errors.size() == 1);
  CHECK(products.errors[0].line == 3);
  CHECK(products.errors[0].field == "sku");
  CHECK(products.errors[0].reason.find("first on line 2") != std::string::npos);
  const ParsedImport documents = jsonl(ImportKind::sales_documents, kGoodLine + "\n" + kGoodLine);
  REQUIRE(documents.errors.size() == 1);
  CHECK(documents.errors[0].line == 2);
}

TEST_CASE("boundaries: VAT, quantity and delivery date, in both formats") {
  struct Case {
    const char* what;
    const char* column;
    const char* csv_value;
    std::string json_from;
    std::string json_to;
    bool ok;
  };
  const std::vector<Case> cases = {
      {"vat 10000", "vat_rate_bp", "10000", "2200", "10000", true},
      {"vat 10001", "vat_rate_bp", "10001", "2200", "10001", false},
      {"vat 0", "vat_rate_bp", "0", "2200", "0", true},
      {"vat -1", "vat_rate_bp", "-1", "2200", "-1", false},
      {"delivery on the sale date", "delivery_date", "2026-03-02", "2026-03-04", "2026-03-02", true},
      {"delivery the day before", "delivery_date", "2026-03-01", "2026-03-04", "2026-03-01", false},
      {"price 0", "unit_price", "0", "69900", "0", true},
      {"price -1", "unit_price", "-1", "69900", "-1", false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    const ParsedImport j = jsonl(ImportKind::sales_documents, replaced(kGoodLine, c.json_from, c.json_to));
    const ParsedImport v = csv(ImportKind::sales_documents, kSalesHeader + with_cell(kGoodRow, c.column, c.csv_value));
    CHECK(j.errors.empty() == c.ok);
    CHECK(v.errors.empty() == c.ok);
    CHECK(j.records.size() == (c.ok ? 1u : 0u));
    CHECK(v.records.size() == (c.ok ? 1u : 0u));
    if (!c.ok) {
      REQUIRE(v.errors.size() == 1);
      CHECK(v.errors[0].field == c.column);
      CHECK(v.errors[0].line == 2);
      REQUIRE(j.errors.size() == 1);
      CHECK(j.errors[0].field.find(c.column) != std::string::npos);
    }
  }
  // Quantity 1 with one serial is fine; quantity 0 is not.
  const std::string one = with_cell(with_cell(kGoodRow, "quantity", "1"), "serials", "SN-1");
  CHECK(csv(ImportKind::sales_documents, kSalesHeader + one).records.size() == 1);
  const ParsedImport zero = csv(ImportKind::sales_documents, kSalesHeader + with_cell(with_cell(one, "quantity", "0"), "serials", ""));
  REQUIRE(zero.errors.size() == 1);
  CHECK(zero.errors[0].field == "quantity");
  CHECK(zero.errors[0].reason.find("below 1") != std::string::npos);
}

TEST_CASE("discounts: a line's up to its total, a document's up to its lines' net, in both formats") {
  // Two units at 699.00: the line costs 1398.00 net before its discount.
  struct Case {
    const char* what;
    const char* document_discount;
    const char* line_discount;
    const char* csv_column;   // the column named when refused, "" when accepted
    const char* json_field;
  };
  const std::vector<Case> cases = {
      {"line discount 0", "0", "0", "", ""},
      {"line discount of the whole line", "0", "139800", "", ""},
      {"line discount a cent over the line", "0", "139801", "discount", "lines[0].discount"},
      {"negative line discount", "0", "-1", "discount", "lines[0].discount"},
      {"document discount of the whole net after the line's", "139000", "800", "", ""},
      {"document discount a cent over", "139001", "800", "document_discount", "discount"},
      {"negative document discount", "-1", "0", "document_discount", "discount"},
  };
  const std::string header = kSalesHeader.substr(0, kSalesHeader.size() - 1) + ",document_discount,discount\n";
  for (const Case& c : cases) {
    CAPTURE(c.what);
    const std::string line =
        replaced(replaced(kGoodLine, "\"vat_rate_bp\": 2200", std::string("\"vat_rate_bp\": 2200, \"discount\": ") + c.line_discount),
                 "\"channel\": \"b2c\"", std::string("\"channel\": \"b2c\", \"discount\": ") + c.document_discount);
    const std::string row =
        kGoodRow.substr(0, kGoodRow.size() - 1) + "," + c.document_discount + "," + c.line_discount + "\n";
    const ParsedImport j = jsonl(ImportKind::sales_documents, line);
    const ParsedImport v = csv(ImportKind::sales_documents, header + row);
    const bool ok = std::string(c.csv_column).empty();
    REQUIRE(j.records.size() == (ok ? 1u : 0u));
    REQUIRE(v.records.size() == (ok ? 1u : 0u));
    if (ok) {
      for (const ParsedImport* p : {&j, &v}) {
        CHECK(sales(*p, 0).discount == std::stoll(c.document_discount));
        CHECK(sales(*p, 0).lines.at(0).discount == std::stoll(c.line_discount));
      }
    } else {
      REQUIRE(j.errors.size() == 1);
      CHECK(j.errors[0].field == c.json_field);
      REQUIRE(v.errors.size() == 1);
      CHECK(v.errors[0].field == c.csv_column);
      CHECK(v.errors[0].line == 2);
    }
  }
  // No discount columns at all: none.
  CHECK(sales(csv(ImportKind::sales_documents, kSalesHeader + kGoodRow), 0).discount == 0);
  // A price whose line total does not fit in 64 bits is refused before the discount is weighed.
  const ParsedImport huge =
      jsonl(ImportKind::sales_documents, replaced(kGoodLine, "\"unit_price\": 69900", "\"unit_price\": 5000000000000000000"));
  REQUIRE(huge.errors.size() == 1);
  CHECK(huge.errors[0].field == "lines[0].unit_price");
  // Rows of one document must agree on its discount.
  const std::string second = with_cell(with_cell(kGoodRow, "line_no", "2"), "serials", "SN-3|SN-4");
  const ParsedImport disagree = csv(ImportKind::sales_documents,
                                    header + kGoodRow.substr(0, kGoodRow.size() - 1) + ",100,\n" +
                                        second.substr(0, second.size() - 1) + ",200,\n");
  REQUIRE(disagree.errors.size() == 1);
  CHECK(disagree.errors[0].field == "document_discount");
  CHECK(disagree.errors[0].line == 3);
}

TEST_CASE("CSV: each kind of bad cell is reported on its row with its column") {
  struct Case {
    const char* column;
    const char* value;
    const char* reason_has;
  };
  const std::vector<Case> cases = {
      {"quantity", "1.5", "not an integer"},
      {"quantity", "+2", "not an integer"},
      {"quantity", " 2", "not an integer"},
      {"quantity", "2e0", "not an integer"},
      {"quantity", "", "required"},
      {"quantity", "-2", "below 1"},
      {"unit_price", "99999999999999999999", "outside"},
      {"line_no", "0", "below 1"},
      {"line_no", "2147483648", "outside"},
      {"vat_rate_bp", "22%", "not an integer"},
      {"date", "2026-3-2", "2026-11-25"},
      {"date", "", "required"},
      {"delivery_date", "2026-02-29", "day 29"},
      {"customer_id", "", "required"},
      {"channel", "B2C", "unknown value \"B2C\""},
      {"distance_sale", "yes", "not true, false"},
      {"currency", "EURO", "ISO 4217"},
      {"currency", "ZZZ", "unknown currency \"ZZZ\""},
      {"jurisdiction", "it", "ISO 3166"},
      {"sku", "", "required"},
      {"serials", "SN-1", "1 serials for quantity 2"},
      {"serials", "SN-1|", "item 2 of the '|'-separated list is empty"},
      {"serials", "SN-1|SN-1", "listed twice"},
      {"packers", "giorgio.f||sara.m", "item 2"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.column);
    CAPTURE(c.value);
    const std::string good = with_cell(kGoodRow, "id", "FT-0");
    const ParsedImport p = csv(ImportKind::sales_documents, kSalesHeader + good + "\n" + with_cell(kGoodRow, c.column, c.value));
    CHECK(p.rows_read == 2);
    REQUIRE(p.records.size() == 1);
    CHECK(sales(p, 0).id == "FT-0");
    REQUIRE_MESSAGE(p.errors.size() == 1, describe_errors(p));
    CHECK(p.errors[0].line == 4);  // header, good row, blank line, bad row
    CHECK(p.errors[0].field == c.column);
    CHECK_MESSAGE(p.errors[0].reason.find(c.reason_has) != std::string::npos, p.errors[0].reason);
  }
}

TEST_CASE("CSV: a line's error goes to that line's row; a document with a bad row is dropped whole") {
  const std::string second = with_cell(with_cell(with_cell(kGoodRow, "line_no", "2"), "serials", "SN-3|SN-2"), "sku", "LMN-TV55-Q7");
  ParsedImport p = csv(ImportKind::sales_documents, kSalesHeader + kGoodRow + with_cell(kGoodRow, "id", "FT-2") + second);
  REQUIRE_MESSAGE(p.errors.size() == 1, describe_errors(p));
  CHECK(p.errors[0].line == 4);
  CHECK(p.errors[0].field == "serials");
  CHECK(p.errors[0].reason.find("\"SN-2\" is listed twice") != std::string::npos);
  CHECK(p.errors[0].reason.find("(item 2)") != std::string::npos);
  REQUIRE(p.records.size() == 1);
  CHECK(sales(p, 0).id == "FT-2");

  // The bad row comes after a good one of the same document: the document still goes.
  p = csv(ImportKind::sales_documents, kSalesHeader + kGoodRow + with_cell(second, "quantity", "x"));
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].line == 3);
  CHECK(p.records.empty());

  // Same line_no on two rows.
  p = csv(ImportKind::sales_documents, kSalesHeader + kGoodRow + with_cell(second, "line_no", "1"));
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].line == 3);
  CHECK(p.errors[0].field == "line_no");
}

TEST_CASE("CSV: rows of one document must agree on the document columns") {
  const std::string second = with_cell(with_cell(kGoodRow, "line_no", "2"), "serials", "SN-3|SN-4");
  struct Case {
    const char* column;
    const char* value;
    bool agrees;
  };
  for (const Case& c : {Case{"customer_id", "C-2002", false}, Case{"date", "2026-03-03", false},
                        Case{"delivery_date", "", false}, Case{"channel", "b2b", false},
                        Case{"currency", "USD", false}, Case{"jurisdiction", "", false},
                        Case{"distance_sale", "false", false}, Case{"distance_sale", "1", true},
                        Case{"distance_sale", "", true}, Case{"currency", "", true}}) {
    CAPTURE(c.column);
    CAPTURE(c.value);
    const ParsedImport p =
        csv(ImportKind::sales_documents, kSalesHeader + kGoodRow + "FT-9,2026-01-01,,C-9,b2b,,,,,X,1,1,0,,,,\n" +
                                             with_cell(second, c.column, c.value));
    CHECK(p.records.size() == (c.agrees ? 2u : 1u));
    if (c.agrees) {
      CHECK(p.errors.empty());
      CHECK(sales(p, 0).lines.size() == 2);
    } else {
      REQUIRE(p.errors.size() == 1);
      CHECK(p.errors[0].line == 4);
      CHECK(p.errors[0].field == c.column);
      CHECK(p.errors[0].reason.find("on line 2") != std::string::npos);
    }
  }
}

TEST_CASE("CSV quoting: RFC 4180") {
  const std::string header = "sku,name,brand\n";
  ParsedImport p = csv(ImportKind::products,
                       header + "A,\"Cavo, 2 m\",Nordkabel\n"
                                "B,\"TV 55\"\" 4K\",\"\"\n"
                                "C,\"two\nlines\",X\n"
                                "D,\"\",X\n");
  // The quoted newline is part of C's name (and fails the text checks); D's empty name is missing.
  REQUIRE(p.records.size() == 2);
  CHECK(std::get<Product>(p.records[0].record).name == "Cavo, 2 m");
  CHECK(std::get<Product>(p.records[1].record).name == "TV 55\" 4K");
  CHECK(std::get<Product>(p.records[1].record).brand.empty());
  REQUIRE(p.errors.size() == 2);
  CHECK(p.errors[0].line == 4);
  CHECK(p.errors[0].field == "name");
  CHECK(p.errors[0].reason.find("control character") != std::string::npos);
  CHECK(p.errors[1].line == 6);  // C spans lines 4 and 5
  CHECK(p.errors[1].field == "name");

  // CRLF line ends, a byte order mark, and a last row without a line end.
  p = csv(ImportKind::products, "\xEF\xBB\xBFsku,name\r\nA,\"x\r\ny\"\r\n\r\nB,Cavo\r\nC,Cavo");
  CHECK(p.rows_read == 3);
  REQUIRE(p.records.size() == 2);
  CHECK(p.records[0].line == 5);
  CHECK(p.records[1].line == 6);
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].line == 2);

  // An empty last cell after a trailing comma counts as a cell.
  p = csv(ImportKind::products, "sku,name,brand\nA,Cavo,\n");
  CHECK(p.errors.empty());
  CHECK(p.records.size() == 1);
}

TEST_CASE("CSV quoting mistakes are row errors") {
  struct Case {
    const char* row;
    const char* field;
    const char* reason_has;
  };
  for (const Case& c : {Case{"A,TV 55\" 4K,X", "name", "quote inside an unquoted field"},
                        Case{"A,\"TV\" 55,X", "name", "text after the closing quote"},
                        Case{"A,Cavo", "", "2 fields, the header 3"},
                        Case{"A,Cavo,X,Y", "", "4 fields, the header 3"}}) {
    CAPTURE(c.row);
    const ParsedImport p = csv(ImportKind::products, std::string("sku,name,brand\n") + c.row + "\nB,Cavo,X\n");
    REQUIRE(p.records.size() == 1);
    CHECK(p.records[0].line == 3);
    REQUIRE(p.errors.size() == 1);
    CHECK(p.errors[0].line == 2);
    CHECK(p.errors[0].field == c.field);
    CHECK_MESSAGE(p.errors[0].reason.find(c.reason_has) != std::string::npos, p.errors[0].reason);
  }
  // A quote never closed swallows the rest: one error, nothing after it is read.
  const ParsedImport p = csv(ImportKind::products, "sku,name\nA,Cavo\nB,\"Cavo\nC,Cavo\n");
  REQUIRE(p.records.size() == 1);
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].line == 3);
  CHECK(p.errors[0].field == "name");
  CHECK(p.errors[0].reason.find("never closed") != std::string::npos);

  // A document row that cannot be split drops its document.
  const ParsedImport d =
      csv(ImportKind::sales_documents, kSalesHeader + kGoodRow + "FT-1,2026-03-02,\"x\"y\n");
  CHECK(d.records.empty());
  REQUIRE(d.errors.size() == 1);
  CHECK(d.errors[0].line == 3);
}

TEST_CASE("CSV header: unknown, repeated or missing columns fail the whole input") {
  ParsedImport p = csv(ImportKind::products, "sku,name,colour\nA,Cavo,red\nB,Cavo,blue\n");
  CHECK(p.records.empty());
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].line == 1);
  CHECK(p.errors[0].field == "colour");
  CHECK(p.errors[0].reason.find("unknown column") != std::string::npos);
  p = csv(ImportKind::products, "sku,name,name\nA,Cavo,Cavo\n");
  CHECK(p.records.empty());
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].field == "name");
  p = csv(ImportKind::sales_documents, "id,date,customer_id,channel,sku,quantity,unit_price\nFT-1,2026-01-01,C,b2b,A,1,1\n");
  CHECK(p.records.empty());
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].field == "vat_rate_bp");
  CHECK(p.errors[0].reason.find("required column") != std::string::npos);
  // Columns in any order; only the required ones.
  p = csv(ImportKind::sales_documents,
          "vat_rate_bp,unit_price,quantity,sku,channel,customer_id,date,id\n2200,100,3,A,b2b,C,2026-01-01,FT-1\n");
  CHECK(p.errors.empty());
  REQUIRE(p.records.size() == 1);
  CHECK(sales(p, 0).lines[0].quantity == 3);
  CHECK(sales(p, 0).lines[0].line_no == 1);
  // Nothing at all imports nothing; a header alone too.
  CHECK(csv(ImportKind::products, "").errors.empty());
  CHECK(csv(ImportKind::products, "sku,name\n").records.empty());
}

TEST_CASE("CSV parties: lists, one address, and errors named by column") {
  const std::string header = "id,name,phones,address_city,address_country\n";
  ParsedImport p = csv(ImportKind::customers, header + "C-1,Anna,+39 1|+39 2,Milano,IT\nC-2,Bruno,,,\n");
  REQUIRE(p.records.size() == 2);
  const auto& anna = std::get<Customer>(p.records[0].record);
  CHECK(anna.phones == std::vector<std::string>{"+39 1", "+39 2"});
  REQUIRE(anna.addresses.size() == 1);
  CHECK(anna.addresses[0].city == "Milano");
  CHECK(std::get<Customer>(p.records[1].record).addresses.empty());
  p = csv(ImportKind::customers, header + "C-1,Anna,+39 1|\x01,Mil\xE0no,IT\n");
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].field == "phones");
  CHECK(p.errors[0].reason.find("(item 2)") != std::string::npos);
  p = csv(ImportKind::customers, header + "C-1,Anna,,Mil\xE0no,IT\n");
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].field == "address_city");
  CHECK(p.errors[0].reason.find("invalid UTF-8") != std::string::npos);
  p = csv(ImportKind::suppliers, "id,name,tier\nS-1,Voltix,gold\n");
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].field == "tier");
  p = csv(ImportKind::products, "sku,name,serialized\nA,Cavo,si\n");
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].field == "serialized");
}

TEST_CASE("CSV purchase documents") {
  const std::string header = "id,date,supplier_id,currency,line_no,sku,quantity,unit_cost,serials\n";
  ParsedImport p = csv(ImportKind::purchase_documents,
                       header + "ACQ-1,2026-02-10,S-01,,,A,2,52000,SN-1|SN-2\nACQ-1,2026-02-10,S-01,EUR,,B,1,100,\n");
  CHECK(p.errors.empty());
  REQUIRE(p.records.size() == 1);
  const auto& d = std::get<PurchaseDocument>(p.records[0].record);
  CHECK(d.lines.size() == 2);
  CHECK(d.lines[1].line_no == 2);
  p = csv(ImportKind::purchase_documents, header + "ACQ-1,2026-02-10,S-01,,,A,1,-1,\n");
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].field == "unit_cost");
  p = csv(ImportKind::purchase_documents, header + "ACQ-1,2026-02-10,S-01,,,A,1,0,\nACQ-1,2026-02-10,S-02,,,B,1,0,\n");
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].field == "supplier_id");
  CHECK(p.errors[0].line == 3);
}

TEST_CASE("progress: every N rows and once at the end; false cancels") {
  std::string text = kSalesHeader;
  for (int i = 0; i < 25; ++i) text += with_cell(kGoodRow, "id", "FT-" + std::to_string(i));
  text += with_cell(kGoodRow, "lot", "\"lot\nwith a line break\"");  // 26 rows on 27 lines
  std::vector<std::pair<std::int64_t, std::int64_t>> calls;
  const auto record = [&](std::int64_t done, std::int64_t total) {
    calls.emplace_back(done, total);
    return true;
  };
  domain::ParsedImport p = domain::parse_import(ImportKind::sales_documents, ImportFormat::csv, text, Limits(), record, 10);
  CHECK(p.rows_read == 26);
  REQUIRE(calls.size() == 3);
  CHECK(calls[0] == std::make_pair<std::int64_t, std::int64_t>(10, 26));
  CHECK(calls[1] == std::make_pair<std::int64_t, std::int64_t>(20, 26));
  CHECK(calls[2] == std::make_pair<std::int64_t, std::int64_t>(26, 26));

  // The last row on a multiple of N is reported once.
  calls.clear();
  domain::parse_import(ImportKind::sales_documents, ImportFormat::csv, text, Limits(), record, 13);
  REQUIRE(calls.size() == 2);
  CHECK(calls[1].first == 26);

  calls.clear();
  const std::string lines = kGoodLine + "\n\n" + replaced(kGoodLine, "FT-1", "FT-2") + "\n";
  domain::parse_import(ImportKind::sales_documents, ImportFormat::jsonl, lines, Limits(), record, 1);
  REQUIRE(calls.size() == 2);
  CHECK(calls[0] == std::make_pair<std::int64_t, std::int64_t>(1, 2));
  CHECK(calls[1] == std::make_pair<std::int64_t, std::int64_t>(2, 2));

  // The total counts records the way they are split, quoting mistakes included.
  calls.clear();
  const domain::ParsedImport mistakes =
      domain::parse_import(ImportKind::products, ImportFormat::csv,
                           "sku,name\nA,TV 55\" 4K\nB,\"TV\" 55\nC,\"x\r\ny\"\r\n\r\nD,\"\"\n", Limits(), record, 0);
  CHECK(mistakes.rows_read == 4);
  REQUIRE(calls.size() == 1);
  CHECK(calls[0] == std::make_pair<std::int64_t, std::int64_t>(4, 4));

  int seen = 0;
  const auto cancel = [&](std::int64_t done, std::int64_t) {
    ++seen;
    return done < 20;
  };
  try {
    domain::parse_import(ImportKind::sales_documents, ImportFormat::csv, text, Limits(), cancel, 10);
    FAIL("expected the import to be cancelled");
  } catch (const Error& e) {
    CHECK(e.status() == Status::invalid_argument);
    CHECK(e.field() == "progress");
    CHECK(std::string(e.what()).find("cancelled by the host") != std::string::npos);
  }
  CHECK(seen == 2);
  // Cancelling at the final call cancels too.
  CHECK_THROWS_AS(domain::parse_import(ImportKind::sales_documents, ImportFormat::jsonl, lines, Limits(),
                                       [](std::int64_t, std::int64_t) { return false; }, 0),
                  Error);
}
