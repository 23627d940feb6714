// sqlite_file.cpp — integrity check and online backup with SQLite's C API.
#include "sqlite_file.hpp"

#include <sqlite3.h>
#include <sys/stat.h>

#include <cstdio>
#include <memory>

#include "rma/error.hpp"
#include "store/sqlite/schema.hpp"

namespace rmactl {
namespace {

struct CloseDatabase {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Database = std::unique_ptr<sqlite3, CloseDatabase>;

bool exists(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0;
}

Database open(const std::string& path, int flags, const std::string& field) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Database db(raw);
  if (rc != SQLITE_OK)
    throw rma::Error(rma::Status::storage, field,
                     "cannot open \"" + path + "\": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  sqlite3_busy_timeout(db.get(), 5000);
  return db;
}

// Every row of a one-column statement, as text.
std::vector<std::string> column(sqlite3* db, const char* sql, const std::string& field) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK)
    throw rma::Error(rma::Status::storage, field, sqlite3_errmsg(db));
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw, sqlite3_finalize);
  std::vector<std::string> rows;
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(stmt.get(), 0);
    rows.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
  }
  if (rc != SQLITE_DONE) throw rma::Error(rma::Status::storage, field, sqlite3_errmsg(db));
  return rows;
}

}  // namespace

IntegrityReport check_sqlite_file(const std::string& path, bool full, const std::string& field) {
  if (!exists(path)) throw rma::Error(rma::Status::not_found, field, "no database at \"" + path + "\"");
  Database db = open(path, SQLITE_OPEN_READONLY, field);
  IntegrityReport report;
  report.check = full ? "integrity_check" : "quick_check";
  report.supported_schema_version = rma::store::kSchemaVersion;
  // A file that is not a database fails here ("file is not a database"): a storage error.
  report.schema_version = std::stoi(column(db.get(), "PRAGMA user_version", field).at(0));
  for (std::string& row : column(db.get(), full ? "PRAGMA integrity_check" : "PRAGMA quick_check", field))
    if (row != "ok") report.problems.push_back(std::move(row));
  return report;
}

BackupReport backup_sqlite_file(const std::string& from, const std::string& to, const BackupProgress& progress) {
  if (!exists(from)) throw rma::Error(rma::Status::not_found, "--db", "no database at \"" + from + "\"");
  if (exists(to)) throw rma::Error(rma::Status::duplicate, "file", "\"" + to + "\" exists already");
  Database source = open(from, SQLITE_OPEN_READONLY, "--db");
  const std::string temporary = to + ".part";
  std::remove(temporary.c_str());
  BackupReport report;
  {
    Database target = open(temporary, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, "file");
    sqlite3_backup* backup = sqlite3_backup_init(target.get(), "main", source.get(), "main");
    if (!backup) {
      const std::string message = sqlite3_errmsg(target.get());
      target.reset();
      std::remove(temporary.c_str());
      throw rma::Error(rma::Status::storage, "file", message);
    }
    int rc = SQLITE_OK;
    // 256 pages a step: the source's readers and writers get the lock between steps.
    while ((rc = sqlite3_backup_step(backup, 256)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      if (progress) {
        const std::int64_t total = sqlite3_backup_pagecount(backup);
        progress(total - sqlite3_backup_remaining(backup), total);
      }
      if (rc != SQLITE_OK) sqlite3_sleep(50);
    }
    report.pages = sqlite3_backup_pagecount(backup);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
      const std::string message = sqlite3_errstr(rc);
      target.reset();
      std::remove(temporary.c_str());
      throw rma::Error(rma::Status::storage, "file", "backup failed: " + message);
    }
    const std::vector<std::string> check = column(target.get(), "PRAGMA quick_check", "file");
    report.bytes = report.pages * std::stoll(column(target.get(), "PRAGMA page_size", "file").at(0));
    if (check.size() != 1 || check[0] != "ok") {
      target.reset();
      std::remove(temporary.c_str());
      throw rma::Error(rma::Status::storage, "file", "the copy failed its quick_check: " + check.at(0));
    }
  }
  if (std::rename(temporary.c_str(), to.c_str()) != 0) {
    std::remove(temporary.c_str());
    throw rma::Error(rma::Status::storage, "file", "cannot rename the copy to \"" + to + "\"");
  }
  return report;
}

}  // namespace rmactl
