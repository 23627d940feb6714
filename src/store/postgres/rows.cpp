#include "store/postgres/rows.hpp"

#include "store/column_text.hpp"

namespace rma::store::pg {

Timestamp time_at(const Result& r, int row, int col) { return Timestamp::from_iso(r.text(row, col)); }

Timestamp micros_at(const Result& r, int row, int col) { return Timestamp{r.int64(row, col)}; }

std::optional<Timestamp> optional_time_at(const Result& r, int row, int col) {
  if (r.null(row, col)) return std::nullopt;
  return time_at(r, row, col);
}

std::optional<bool> optional_bool_at(const Result& r, int row, int col) {
  if (r.null(row, col)) return std::nullopt;
  return r.boolean(row, col);
}

void add_optional_time(Params& p, const std::optional<Timestamp>& t) {
  if (t) p.add(time_text(*t)); else p.null();
}

void add_optional_bool(Params& p, const std::optional<bool>& v) {
  if (v) p.add(*v); else p.null();
}

std::string array_text(const std::vector<std::string>& items) {
  std::string out = "{";
  for (const std::string& item : items) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (char ch : item) {
      if (ch == '"' || ch == '\\') out += '\\';
      out += ch;
    }
    out += '"';
  }
  out += '}';
  return out;
}

void add_json_column(Params& p, std::string_view text) { p.bytes(encode_column(text)); }

std::string json_column_at(const Result& r, int row, int col, ColumnName where) {
  return decode_column(r.bytes(row, col), where);
}

CaseRow case_row(const Result& r, int row) {
  CaseRow c;
  c.id = r.int64(row, 0);
  c.number = r.text(row, 1);
  c.kind = enum_at<CaseKind>(r, row, 2, case_kind_from_name);
  c.category = enum_at<ComplaintCategory>(r, row, 3, complaint_category_from_name);
  c.channel = enum_at<Channel>(r, row, 4, channel_from_name);
  c.customer_id = r.text(row, 5);
  c.supplier_id = r.text(row, 6);
  c.status = r.text(row, 7);
  c.priority = enum_at<Priority>(r, row, 8, priority_from_name);
  c.assignee = r.text(row, 9);
  c.team = r.text(row, 10);
  c.created_at = micros_at(r, row, 11);
  c.updated_at = micros_at(r, row, 12);
  c.version = r.int64(row, 13);
  return c;
}

SalesDocument sales_document_row(const Result& r, int row) {
  SalesDocument d;
  d.id = r.text(row, 0);
  d.date = Date::from_iso(r.text(row, 1));
  if (!r.null(row, 2)) d.delivery_date = Date::from_iso(r.text(row, 2));
  d.customer_id = r.text(row, 3);
  d.channel = enum_at<Channel>(r, row, 4, channel_from_name);
  d.distance_sale = r.boolean(row, 5);
  d.currency = r.text(row, 6);
  d.jurisdiction = r.text(row, 7);
  d.discount = r.int64(row, 8);
  return d;
}

SalesLine sales_line_row(const Result& r, int row, int first) {
  SalesLine x;
  x.line_no = r.int32(row, first + 0);
  x.sku = r.text(row, first + 1);
  x.quantity = r.int64(row, first + 2);
  x.unit_price = r.int64(row, first + 3);
  x.vat_rate_bp = r.int32(row, first + 4);
  x.serials = split_list(r.text(row, first + 5));
  x.lot = r.text(row, first + 6);
  x.dispatch_document = r.text(row, first + 7);
  x.packers = split_list(r.text(row, first + 8));
  x.discount = r.int64(row, first + 9);
  return x;
}

PurchaseDocument purchase_document_row(const Result& r, int row) {
  PurchaseDocument d;
  d.id = r.text(row, 0);
  d.date = Date::from_iso(r.text(row, 1));
  d.supplier_id = r.text(row, 2);
  d.currency = r.text(row, 3);
  return d;
}

PurchaseLine purchase_line_row(const Result& r, int row, int first) {
  PurchaseLine x;
  x.line_no = r.int32(row, first + 0);
  x.sku = r.text(row, first + 1);
  x.quantity = r.int64(row, first + 2);
  x.unit_cost = r.int64(row, first + 3);
  x.serials = split_list(r.text(row, first + 4));
  return x;
}

}  // namespace rma::store::pg
