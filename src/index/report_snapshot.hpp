// index/report_snapshot.hpp — the report columns saved to a file next to the store, so that a
// fresh process (a PHP request, a cron job) reads them in a fraction of the time a pass over a
// million cases takes, and then catches up with the event log from where the file was written.
//
// The file says which log position it reflects (the newest event's seq, with that event's case
// and type, so that another database's log is not taken for this one's) and how many cases were
// live then. It is written to a temporary file and renamed, so a reader sees a whole file or the
// previous one; one of another format, damaged or cut short is ignored.
#pragma once

#include <cstdint>
#include <string>

#include "index/report_index.hpp"

namespace rma::index {

struct ReportSnapshotStamp {
  std::int64_t seq = 0;  // the newest event the columns reflect (0: none)
  std::int64_t seq_case_id = 0;
  std::string seq_type;
  std::int64_t live_cases = 0;
};

// Writes the columns of `index` (built) to `path`. Returns false when the file cannot be written:
// the saved columns are a cache, never a reason for a report to fail.
bool save_report_snapshot(const ReportIndex& index, const ReportSnapshotStamp& stamp, const std::string& path);

// Reads the file into `index` and `stamp`: false, and `index` left as it was, when there is no
// usable file.
bool load_report_snapshot(ReportIndex& index, ReportSnapshotStamp& stamp, const std::string& path);

}  // namespace rma::index
