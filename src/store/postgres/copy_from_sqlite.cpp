#include "store/postgres/copy_from_sqlite.hpp"

#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <set>

#include "rma/error.hpp"
#include "store/postgres/copy_target.hpp"
#include "store/sqlite/schema.hpp"

namespace rma::store {
namespace {

using copy::ColumnType;
using copy::ContentHash;
using copy::TableShape;

std::string sqlite_quoted(const std::string& name) {
  std::string out = "\"";
  for (char ch : name) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

std::set<std::string> sqlite_tables(SQLite::Database& db) {
  std::set<std::string> names;
  SQLite::Statement q(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
  while (q.executeStep()) names.insert(q.getColumn(0).getString());
  return names;
}

std::set<std::string> sqlite_columns(SQLite::Database& db, const std::string& table) {
  std::set<std::string> names;
  SQLite::Statement q(db, "SELECT name FROM pragma_table_info(?)");
  q.bind(1, table);
  while (q.executeStep()) names.insert(q.getColumn(0).getString());
  return names;
}

// Both schemas are at this librma's version, so they hold the same tables and columns; anything
// else is a database some other program changed, which a copy must not silently narrow.
void require_same_tables(SQLite::Database& db, const std::vector<TableShape>& target) {
  std::set<std::string> source = sqlite_tables(db);
  for (const TableShape& table : target) {
    if (source.erase(table.name) == 0) {
      throw Error(Status::storage, "to", "the source has no table " + table.name + " of the target schema");
    }
    std::set<std::string> columns = sqlite_columns(db, table.name);
    for (const copy::Column& column : table.columns) columns.erase(column.name);
    if (!columns.empty()) {
      throw Error(Status::storage, "to", "the source table " + table.name + " has a column the target lacks: " +
                                            *columns.begin());
    }
  }
  if (!source.empty()) {
    throw Error(Status::storage, "to", "the source has a table the target schema lacks: " + *source.begin());
  }
}

[[noreturn]] void refuse_value(const TableShape& table, const copy::Column& column, int sqlite_type) {
  static const char* const kNames[] = {"", "an integer", "a real", "a text", "a blob", "a null"};
  throw Error(Status::storage, "to",
              "the source's " + table.name + "." + column.name + " holds " +
                  (sqlite_type >= 1 && sqlite_type <= 5 ? kNames[sqlite_type] : "an unknown value") +
                  ", which the target column does not keep");
}

// One value of the source row into the COPY stream and the hash, as the target column keeps it.
void copy_value(const SQLite::Column& value, const TableShape& table, const copy::Column& column,
                pg::CopyIn& out, ContentHash& hash) {
  const int type = value.getType();
  if (type == SQLITE_NULL) {
    out.null();
    hash.add_null();
    return;
  }
  switch (column.type) {
    case ColumnType::integer:
      if (type != SQLITE_INTEGER) refuse_value(table, column, type);
      out.integer(value.getInt64());
      hash.add_integer(value.getInt64());
      return;
    case ColumnType::text: {
      if (type != SQLITE_TEXT && type != SQLITE_INTEGER) refuse_value(table, column, type);
      const std::string text = value.getString();  // an integer as its decimal digits, as PostgreSQL would
      out.text(text);
      hash.add_text(text);
      return;
    }
    case ColumnType::bytes: {
      if (type != SQLITE_BLOB && type != SQLITE_TEXT) refuse_value(table, column, type);
      const std::string_view bytes(static_cast<const char*>(value.getBlob()), static_cast<std::size_t>(value.getBytes()));
      out.bytes(bytes);
      hash.add_bytes(bytes);
      return;
    }
  }
}

std::string select_in_key_order(const TableShape& table) {
  std::string columns;
  for (const copy::Column& column : table.columns) columns += (columns.empty() ? "" : ", ") + sqlite_quoted(column.name);
  std::string order;
  for (const std::string& key : table.primary_key) order += (order.empty() ? "" : ", ") + sqlite_quoted(key);
  return "SELECT " + columns + " FROM " + sqlite_quoted(table.name) + " ORDER BY " + order;
}

class Progress {
 public:
  Progress(const StoreCopyOptions& options, const std::string& table, std::int64_t total)
      : options_(options), table_(table), total_(total) {}
  void row_done() {
    ++done_;
    if (done_ % options_.progress_every == 0) report();
  }
  void report() {
    if (options_.progress && !options_.progress(table_, done_, total_)) {
      throw Error(Status::invalid_argument, "progress", "cancelled by the host");
    }
  }

 private:
  const StoreCopyOptions& options_;
  const std::string& table_;
  std::int64_t total_;
  std::int64_t done_ = 0;
};

TableCopy copy_table(SQLite::Database& source, pg::CopyTarget& target, const TableShape& table,
                     const StoreCopyOptions& options) {
  SQLite::Statement count(source, "SELECT count(*) FROM " + sqlite_quoted(table.name));
  count.executeStep();
  Progress progress(options, table.name, count.getColumn(0).getInt64());

  ContentHash sent;
  std::int64_t rows = 0;
  {
    std::unique_ptr<pg::CopyIn> out = target.copy_into(table);
    SQLite::Statement rows_of(source, select_in_key_order(table));
    while (rows_of.executeStep()) {
      for (std::size_t c = 0; c < table.columns.size(); ++c) {
        copy_value(rows_of.getColumn(static_cast<int>(c)), table, table.columns[c], *out, sent);
      }
      out->end_row();
      ++rows;
      progress.row_done();
    }
    out->finish();
  }
  ContentHash received;
  const std::int64_t read_back = target.read_back(table, received);
  const std::string hash = sent.hex();
  if (read_back != rows) {
    throw Error(Status::storage, "to",
                "table " + table.name + ": " + std::to_string(rows) + " rows sent, " + std::to_string(read_back) +
                    " read back");
  }
  if (received.hex() != hash) {
    throw Error(Status::storage, "to", "table " + table.name + ": the content read back differs from the source");
  }
  progress.report();
  return TableCopy{table.name, rows, hash};
}

// The source's read transaction: one snapshot for every table, ended however the copy ends.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(SQLite::Database& db) : db_(db) {
    db_.exec("BEGIN");
    db_.exec("SELECT count(*) FROM sqlite_master");  // the snapshot starts at the first read
  }
  ~ReadSnapshot() {
    try {
      db_.exec("COMMIT");
    } catch (...) {
      // A read transaction has nothing to lose.
    }
  }

 private:
  SQLite::Database& db_;
};

}  // namespace

StoreCopyReport copy_from_sqlite(SQLite::Database& source, const std::string& target, const StoreCopyOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  StoreCopyReport report;
  report.from = "sqlite";
  report.to = "postgresql";
  report.schema_version = kSchemaVersion;
  try {
    pg::CopyTarget to(target);
    ReadSnapshot snapshot(source);
    require_same_tables(source, to.tables());
    for (const TableShape& table : to.tables()) {
      report.tables.push_back(copy_table(source, to, table, options));
      report.rows += report.tables.back().rows;
    }
    to.commit();
  } catch (const pg::PgFailure& e) {
    throw Error(Status::storage, "to", std::string("the copy to PostgreSQL failed: ") + e.what(),
                e.connection_lost() ? "connection" : "");
  } catch (const SQLite::Exception& e) {
    throw Error(Status::storage, "to", std::string("reading the SQLite database failed: ") + e.what());
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace rma::store
