#include "store/sqlite/rows.hpp"

#include <sqlite3.h>

#include "store/column_text.hpp"

namespace rma::store {

Timestamp column_time(const SQLite::Column& c) {
  if (c.getType() == SQLITE_INTEGER) return Timestamp{c.getInt64()};
  return Timestamp::from_iso(c.getString());
}

std::optional<Timestamp> column_optional_time(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return Timestamp::from_iso(c.getString());
}

void bind_optional_time(SQLite::Statement& s, int index, const std::optional<Timestamp>& t) {
  if (t) s.bind(index, time_text(*t)); else s.bind(index);
}

void bind_json_column(SQLite::Statement& s, int index, std::string_view text) {
  std::string stored = encode_column(text);
  if (is_compressed(stored)) {
    s.bind(index, stored.data(), static_cast<int>(stored.size()));
  } else {
    s.bind(index, stored);
  }
}

std::string json_column(const SQLite::Column& c, ColumnName where) {
  const auto* bytes = static_cast<const char*>(c.getBlob());
  return decode_column(std::string_view(bytes ? bytes : "", static_cast<std::size_t>(c.getBytes())), where);
}

std::optional<bool> column_optional_bool(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getInt() != 0;
}

void bind_optional_bool(SQLite::Statement& s, int index, const std::optional<bool>& v) {
  if (v) s.bind(index, *v ? 1 : 0); else s.bind(index);
}

CaseRow case_row(SQLite::Statement& s) {
  CaseRow r;
  r.id = s.getColumn(0).getInt64();
  r.number = s.getColumn(1).getString();
  r.kind = enum_column<CaseKind>(s.getColumn(2), case_kind_from_name);
  r.category = enum_column<ComplaintCategory>(s.getColumn(3), complaint_category_from_name);
  r.channel = enum_column<Channel>(s.getColumn(4), channel_from_name);
  r.customer_id = s.getColumn(5).getString();
  r.supplier_id = s.getColumn(6).getString();
  r.status = s.getColumn(7).getString();
  r.priority = enum_column<Priority>(s.getColumn(8), priority_from_name);
  r.assignee = s.getColumn(9).getString();
  r.team = s.getColumn(10).getString();
  r.created_at = column_time(s.getColumn(11));
  r.updated_at = column_time(s.getColumn(12));
  r.version = s.getColumn(13).getInt64();
  return r;
}

SalesDocument sales_document_row(SQLite::Statement& s) {
  SalesDocument d;
  d.id = s.getColumn(0).getString();
  d.date = Date::from_iso(s.getColumn(1).getString());
  if (!s.getColumn(2).isNull()) d.delivery_date = Date::from_iso(s.getColumn(2).getString());
  d.customer_id = s.getColumn(3).getString();
  d.channel = enum_column<Channel>(s.getColumn(4), channel_from_name);
  d.distance_sale = s.getColumn(5).getInt() != 0;
  d.currency = s.getColumn(6).getString();
  d.jurisdiction = s.getColumn(7).getString();
  d.discount = s.getColumn(8).getInt64();
  return d;
}

SalesLine sales_line_row(SQLite::Statement& s, int first) {
  SalesLine x;
  x.line_no = s.getColumn(first + 0).getInt();
  x.sku = s.getColumn(first + 1).getString();
  x.quantity = s.getColumn(first + 2).getInt64();
  x.unit_price = s.getColumn(first + 3).getInt64();
  x.vat_rate_bp = s.getColumn(first + 4).getInt();
  x.serials = split_list(s.getColumn(first + 5).getString());
  x.lot = s.getColumn(first + 6).getString();
  x.dispatch_document = s.getColumn(first + 7).getString();
  x.packers = split_list(s.getColumn(first + 8).getString());
  x.discount = s.getColumn(first + 9).getInt64();
  return x;
}

PurchaseDocument purchase_document_row(SQLite::Statement& s) {
  PurchaseDocument d;
  d.id = s.getColumn(0).getString();
  d.date = Date::from_iso(s.getColumn(1).getString());
  d.supplier_id = s.getColumn(2).getString();
  d.currency = s.getColumn(3).getString();
  return d;
}

PurchaseLine purchase_line_row(SQLite::Statement& s, int first) {
  PurchaseLine x;
  x.line_no = s.getColumn(first + 0).getInt();
  x.sku = s.getColumn(first + 1).getString();
  x.quantity = s.getColumn(first + 2).getInt64();
  x.unit_cost = s.getColumn(first + 3).getInt64();
  x.serials = split_list(s.getColumn(first + 4).getString());
  return x;
}

std::optional<Error> sqlite_failure(const std::exception& failure) noexcept {
  const auto* e = dynamic_cast<const SQLite::Exception*>(&failure);
  if (!e) return std::nullopt;
  try {
    const int code = e->getErrorCode();
    const bool busy = code == SQLITE_BUSY || code == SQLITE_LOCKED;
    return Error(Status::storage, "", std::string("database error: ") + e->what(), busy ? "busy" : "");
  } catch (...) {
    return std::nullopt;  // no memory for the message: the caller reports the failure as it is
  }
}

}  // namespace rma::store
