#include "store/sqlite/sla_due.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "store/column_text.hpp"
#include "store/sqlite/rows.hpp"

namespace rma::store {

void SqliteSlaDue::put(std::int64_t case_id, const std::vector<Store::SlaDueRow>& rows) {
  // Most commands leave a case's due times as they were (a note, a new assignee, a priority the
  // policy does not look at): reading them costs a seek in pages already cached, writing them
  // again would dirty two pages (table and index) that the commit then writes to the WAL.
  {
    auto read = statements_.get("SELECT clock, due_at FROM sla_due WHERE case_id = ? ORDER BY clock");
    read->bind(1, case_id);
    std::vector<std::pair<std::string, std::string>> stored;
    while (read->executeStep()) stored.emplace_back(read->getColumn(0).getString(), read->getColumn(1).getString());
    std::vector<std::pair<std::string, std::string>> wanted;
    for (const Store::SlaDueRow& r : rows) wanted.emplace_back(r.clock, time_text(r.due_at));
    std::sort(wanted.begin(), wanted.end());
    if (stored == wanted) return;
  }
  auto remove = statements_.get("DELETE FROM sla_due WHERE case_id = ?");
  remove->bind(1, case_id);
  remove->exec();
  for (const Store::SlaDueRow& r : rows) {
    // A clock name is unique within a case (domain compute_clocks); REPLACE keeps a repeated one
    // from failing the command.
    auto add = statements_.get("INSERT OR REPLACE INTO sla_due (case_id, clock, due_at) VALUES (?,?,?)");
    add->bind(1, case_id);
    add->bind(2, r.clock);
    add->bind(3, time_text(r.due_at));
    add->exec();
  }
}

void SqliteSlaDue::clear() {
  statements_.get("DELETE FROM sla_due")->exec();
  statements_.get("DELETE FROM settings WHERE key = 'sla_due.incomplete'")->exec();
}

bool SqliteSlaDue::incomplete() {
  auto s = statements_.get("SELECT 1 FROM settings WHERE key = 'sla_due.incomplete'");
  return s->executeStep();
}

std::vector<Store::SlaDueRow> SqliteSlaDue::rows(Timestamp now, std::optional<std::int64_t> within_seconds,
                                                 std::int32_t limit) {
  // Two statements rather than an optional lower bound, so each is one range of sla_due_by_time.
  auto s = within_seconds ? statements_.get(
                       "SELECT case_id, clock, due_at FROM sla_due WHERE due_at > ? AND due_at <= ?"
                       " ORDER BY due_at, case_id, clock LIMIT ?")
                 : statements_.get(
                       "SELECT case_id, clock, due_at FROM sla_due WHERE due_at <= ?"
                       " ORDER BY due_at, case_id, clock LIMIT ?");
  int at = 1;
  s->bind(at++, time_text(now));
  if (within_seconds) s->bind(at++, time_text(seconds_after(now, *within_seconds)));
  s->bind(at, limit);
  std::vector<Store::SlaDueRow> rows;
  while (s->executeStep()) {
    rows.push_back(Store::SlaDueRow{s->getColumn(0).getInt64(), s->getColumn(1).getString(),
                                    column_time(s->getColumn(2))});
  }
  return rows;
}

}  // namespace rma::store
