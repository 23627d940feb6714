// store/sqlite/rows.hpp — SQLite columns and result rows as librma values, and SQLite's failures
// as librma errors.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <exception>
#include <optional>
#include <string>
#include <string_view>

#include "rma/error.hpp"
#include "rma/sales.hpp"
#include "rma/time.hpp"
#include "store/case_query_sql.hpp"
#include "store/column_codec.hpp"
#include "store/store.hpp"

namespace rma::store {

// A time column: microseconds since 1970 (the integer columns of schema 12: the case's created_at,
// updated_at and status_since, events.at, sla_due.due_at; bound as Timestamp::micros) or ISO 8601
// text (the others, bound as time_text).
Timestamp column_time(const SQLite::Column& c);
std::optional<Timestamp> column_optional_time(const SQLite::Column& c);
void bind_optional_time(SQLite::Statement& s, int index, const std::optional<Timestamp>& t);

// A large JSON text column (store/column_codec): a zstd frame is bound as a BLOB, plain text as
// TEXT; reading takes either.
void bind_json_column(SQLite::Statement& s, int index, std::string_view text);
std::string json_column(const SQLite::Column& c, ColumnName where);

std::optional<bool> column_optional_bool(const SQLite::Column& c);
void bind_optional_bool(SQLite::Statement& s, int index, const std::optional<bool>& v);

// An enum stored by name; a name this version does not know is a storage error, never a guess.
template <class E>
E enum_column(const SQLite::Column& c, std::optional<E> (*from_name)(std::string_view) noexcept) {
  auto v = from_name(c.getString());
  if (!v) throw Error(Status::storage, "", "unknown value '" + c.getString() + "' in the database");
  return *v;
}

// Rows in the column order of RMA_CASE_ROW_SELECT and of the stores' document queries; a line's
// columns start at `first`.
CaseRow case_row(SQLite::Statement& s);
SalesDocument sales_document_row(SQLite::Statement& s);
SalesLine sales_line_row(SQLite::Statement& s, int first);
PurchaseDocument purchase_document_row(SQLite::Statement& s);
PurchaseLine purchase_line_row(SQLite::Statement& s, int first);

// SQLite's failures as librma errors; SQLITE_BUSY and SQLITE_LOCKED mean another connection held
// the database past the busy timeout, which a caller may retry. Not an SQLite failure: nullopt.
std::optional<Error> sqlite_failure(const std::exception& failure) noexcept;

}  // namespace rma::store
