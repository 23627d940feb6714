// sqlite_file.hpp — what rmactl does to an SQLite database as a file, below the engine: an
// integrity check and an online backup. Both only read the source; neither opens an engine, so
// neither migrates the schema of the file it looks at.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace rmactl {

struct IntegrityReport {
  std::string check;                  // "quick_check" or "integrity_check"
  std::vector<std::string> problems;  // SQLite's messages; empty when the file is sound
  int schema_version = 0;             // PRAGMA user_version: librma's schema version of the file
  int supported_schema_version = 0;   // the version this rmactl's librma writes
};

// Runs PRAGMA quick_check, or integrity_check when `full`, on the file read-only. A file that
// does not exist is not_found, one that is not an SQLite database storage (field `field`).
IntegrityReport check_sqlite_file(const std::string& path, bool full, const std::string& field);

// Called after each step with the pages copied so far and the total.
using BackupProgress = std::function<void(std::int64_t pages_done, std::int64_t pages_total)>;

struct BackupReport {
  std::int64_t pages = 0;
  std::int64_t bytes = 0;
};

// Copies a live database with SQLite's online backup API into `to` (which must not exist),
// through a temporary file renamed into place once the copy passed quick_check. Other processes
// may keep writing: a step that sees their commit starts again from a consistent snapshot.
BackupReport backup_sqlite_file(const std::string& from, const std::string& to, const BackupProgress& progress);

}  // namespace rmactl
