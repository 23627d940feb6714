#include "store/postgres/copy_target.hpp"

#include "rma/error.hpp"
#include "store/postgres/schema.hpp"

namespace rma::store::pg {
namespace {

constexpr int kRowsPerFetch = 5000;  // what one read-back round trip holds in memory

copy::ColumnType column_type(const std::string& table, const std::string& column, const std::string& type) {
  if (type == "bigint") return copy::ColumnType::integer;
  if (type == "text") return copy::ColumnType::text;
  if (type == "bytea") return copy::ColumnType::bytes;
  throw Error(Status::internal, "to", table + "." + column + " has type " + type + ", which a copy does not know");
}

}  // namespace

CopyTarget::CopyTarget(const std::string& location) : db_(location, nullptr) {
  migrate(db_);
  db_.exec("BEGIN");
  db_.run("SELECT pg_advisory_xact_lock(?, hashtext(current_schema()))", Params().add(kLockClass));
  tables_ = read_shapes();
  refuse_unless_empty();
}

CopyTarget::~CopyTarget() {
  if (committed_) return;
  try {
    db_.exec("ROLLBACK");
  } catch (...) {
    // A lost connection rolled the transaction back already.
  }
}

std::vector<copy::TableShape> CopyTarget::read_shapes() {
  // Creation order (oid) puts every table after those its foreign keys name: each schema step
  // creates a table after what it refers to.
  Result tables = db_.run(
      "SELECT c.oid::bigint, c.relname FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace"
      " AND c.relkind = 'r' AND c.relname NOT IN ('commits', 'schema_version') ORDER BY c.oid");
  std::vector<copy::TableShape> shapes;
  for (int t = 0; t < tables.rows(); ++t) {
    copy::TableShape shape;
    shape.name = tables.text(t, 1);
    const Params oid = Params().add(tables.int64(t, 0));
    Result columns = db_.run(
        "SELECT attname, format_type(atttypid, NULL) FROM pg_attribute WHERE attrelid = ?::oid AND attnum > 0"
        " AND NOT attisdropped ORDER BY attnum",
        oid);
    for (int c = 0; c < columns.rows(); ++c) {
      shape.columns.push_back({columns.text(c, 0), column_type(shape.name, columns.text(c, 0), columns.text(c, 1))});
    }
    Result key = db_.run(
        "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)"
        " WHERE i.indrelid = ?::oid AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)",
        oid);
    for (int k = 0; k < key.rows(); ++k) shape.primary_key.push_back(key.text(k, 0));
    if (shape.primary_key.empty()) {
      throw Error(Status::internal, "to", "table " + shape.name + " has no primary key to order a copy by");
    }
    shapes.push_back(std::move(shape));
  }
  return shapes;
}

void CopyTarget::refuse_unless_empty() {
  for (const copy::TableShape& table : tables_) {
    Result any = db_.run("SELECT EXISTS (SELECT 1 FROM " + db_.escape_identifier(table.name) + ")");
    if (any.text(0, 0) == "t") {
      throw Error(Status::conflict, "to",
                  "the target schema already holds librma data (table " + table.name +
                      " has rows); a database is copied into an empty schema only");
    }
  }
}

std::string CopyTarget::quoted_columns(const copy::TableShape& table) {
  std::string out;
  for (const copy::Column& column : table.columns) {
    if (!out.empty()) out += ", ";
    out += db_.escape_identifier(column.name);
  }
  return out;
}

std::unique_ptr<CopyIn> CopyTarget::copy_into(const copy::TableShape& table) {
  const std::string name = db_.escape_identifier(table.name);
  db_.exec("ALTER TABLE " + name + " DISABLE TRIGGER USER");
  return std::make_unique<CopyIn>(db_, "COPY " + name + " (" + quoted_columns(table) + ") FROM STDIN");
}

std::int64_t CopyTarget::read_back(const copy::TableShape& table, copy::ContentHash& hash) {
  std::string order;
  for (const std::string& column : table.primary_key) {
    if (!order.empty()) order += ", ";
    order += db_.escape_identifier(column);
  }
  db_.exec("DECLARE rma_copy_check NO SCROLL CURSOR FOR SELECT " + quoted_columns(table) + " FROM " +
           db_.escape_identifier(table.name) + " ORDER BY " + order);
  const std::string fetch = "FETCH " + std::to_string(kRowsPerFetch) + " FROM rma_copy_check";
  std::int64_t rows = 0;
  for (;;) {
    // FETCH cannot be a prepared statement: it goes as a simple query.
    std::vector<Result> batch = db_.exec_all(fetch);
    const Result& r = batch.back();
    for (int row = 0; row < r.rows(); ++row) {
      for (int col = 0; col < static_cast<int>(table.columns.size()); ++col) {
        if (r.null(row, col)) {
          hash.add_null();
          continue;
        }
        switch (table.columns[static_cast<std::size_t>(col)].type) {
          case copy::ColumnType::integer: hash.add_integer(r.int64(row, col)); break;
          case copy::ColumnType::text: hash.add_text(r.text(row, col)); break;
          case copy::ColumnType::bytes: hash.add_bytes(r.bytes(row, col)); break;
        }
      }
    }
    rows += r.rows();
    if (r.rows() < kRowsPerFetch) break;
  }
  db_.exec("CLOSE rma_copy_check");
  return rows;
}

void CopyTarget::commit() {
  for (const copy::TableShape& table : tables_) {
    db_.exec("ALTER TABLE " + db_.escape_identifier(table.name) + " ENABLE TRIGGER USER");
  }
  db_.exec_all("UPDATE commits SET n = n + 1 WHERE id = 1; COMMIT");
  committed_ = true;
}

}  // namespace rma::store::pg
