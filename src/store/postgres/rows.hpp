// store/postgres/rows.hpp — PostgreSQL result rows as librma values, in the column orders the
// SQLite backend reads too (store/sqlite/rows.hpp): both keep the same text encodings
// (store/column_text.hpp), so only the driver's accessors differ.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rma/error.hpp"
#include "rma/sales.hpp"
#include "rma/time.hpp"
#include "store/column_codec.hpp"
#include "store/postgres/connection.hpp"
#include "store/store.hpp"

namespace rma::store::pg {

Timestamp time_at(const Result& r, int row, int col);
// A time of the BIGINT columns of schema 12 (microseconds since 1970; store/sqlite/schema.cpp).
Timestamp micros_at(const Result& r, int row, int col);
std::optional<Timestamp> optional_time_at(const Result& r, int row, int col);
std::optional<bool> optional_bool_at(const Result& r, int row, int col);
void add_optional_time(Params& p, const std::optional<Timestamp>& t);
void add_optional_bool(Params& p, const std::optional<bool>& v);
// An array parameter's value in PostgreSQL's text form: {"a","b"}, each element quoted, with a
// backslash before each quote or backslash in it (quoted bigint[] elements are accepted too).
std::string array_text(const std::vector<std::string>& items);

// A large JSON text column (store/column_codec) in a bytea column: what encode_column makes (a
// zstd frame, or the plain text below its threshold) goes in as bytes; reading decodes either.
void add_json_column(Params& p, std::string_view text);
std::string json_column_at(const Result& r, int row, int col, ColumnName where);

// An enum stored by name; a name this version does not know is a storage error, never a guess.
template <class E>
E enum_at(const Result& r, int row, int col, std::optional<E> (*from_name)(std::string_view) noexcept) {
  const std::string name = r.text(row, col);
  auto v = from_name(name);
  if (!v) throw Error(Status::storage, "", "unknown value '" + name + "' in the database");
  return *v;
}

CaseRow case_row(const Result& r, int row);
SalesDocument sales_document_row(const Result& r, int row);
SalesLine sales_line_row(const Result& r, int row, int first);
PurchaseDocument purchase_document_row(const Result& r, int row);
PurchaseLine purchase_line_row(const Result& r, int row, int first);

}  // namespace rma::store::pg
