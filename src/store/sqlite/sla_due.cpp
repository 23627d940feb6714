#include "store/sqlite/sla_due.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "store/column_text.hpp"
#include "store/sla_due_keys.hpp"
#include "store/sqlite/rows.hpp"

namespace rma::store {
void SqliteSlaDue::put(std::int64_t case_id, const std::vector<Store::SlaDueRow>& rows) {
  // The case row holds the due times its rows were written with (schema.cpp, version 12), and
  // (due_at, case_id) is a prefix of sla_due's key: a case's rows are a seek per due time.
  auto read = statements_.get("SELECT sla_due FROM cases WHERE id = ?");
  read->bind(1, case_id);
  if (!read->executeStep()) return;  // no such case: nothing was ever stored for it
  const std::string stored_keys = read->getColumn(0).getString();
  read->reset();
  const std::vector<std::int64_t> stored_times = sla_due_times(stored_keys);
  std::vector<std::pair<std::int64_t, std::string>> stored;
  for (std::int64_t due_at : stored_times) {
    auto s = statements_.get("SELECT clock FROM sla_due WHERE due_at = ? AND case_id = ?");
    s->bind(1, due_at);
    s->bind(2, case_id);
    while (s->executeStep()) stored.emplace_back(due_at, s->getColumn(0).getString());
  }
  std::vector<std::pair<std::int64_t, std::string>> wanted;
  for (const Store::SlaDueRow& r : rows) wanted.emplace_back(r.due_at.micros, r.clock);
  std::sort(stored.begin(), stored.end());
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  // Most commands leave the due times as they were (a note, a new assignee, a priority the policy
  // does not look at): then nothing is written.
  if (stored == wanted) return;
  for (std::int64_t due_at : stored_times) {
    auto remove = statements_.get("DELETE FROM sla_due WHERE due_at = ? AND case_id = ?");
    remove->bind(1, due_at);
    remove->bind(2, case_id);
    remove->exec();
  }
  for (const auto& [due_at, clock] : wanted) {
    auto add = statements_.get("INSERT INTO sla_due (due_at, case_id, clock) VALUES (?,?,?)");
    add->bind(1, due_at);
    add->bind(2, case_id);
    add->bind(3, clock);
    add->exec();
  }
  std::vector<std::int64_t> wanted_times;
  for (const auto& entry : wanted) wanted_times.push_back(entry.first);
  const std::string wanted_keys = sla_due_keys(std::move(wanted_times));
  if (wanted_keys != stored_keys) {
    // On the page the command already wrote: the case row changed with it.
    auto keep = statements_.get("UPDATE cases SET sla_due = ? WHERE id = ?");
    keep->bind(1, wanted_keys);
    keep->bind(2, case_id);
    keep->exec();
  }
}

void SqliteSlaDue::clear() {
  statements_.get("DELETE FROM sla_due")->exec();
  statements_.get("UPDATE cases SET sla_due = '' WHERE sla_due <> ''")->exec();
  statements_.get("DELETE FROM settings WHERE key = 'sla_due.incomplete'")->exec();
}

bool SqliteSlaDue::incomplete() {
  auto s = statements_.get("SELECT 1 FROM settings WHERE key = 'sla_due.incomplete'");
  return s->executeStep();
}

std::vector<Store::SlaDueRow> SqliteSlaDue::rows(Timestamp now, std::optional<std::int64_t> within_seconds,
                                                 std::int32_t limit) {
  // Two statements rather than an optional lower bound, so each is one range of the primary key.
  auto s = within_seconds ? statements_.get(
                       "SELECT case_id, clock, due_at FROM sla_due WHERE due_at > ? AND due_at <= ?"
                       " ORDER BY due_at, case_id, clock LIMIT ?")
                 : statements_.get(
                       "SELECT case_id, clock, due_at FROM sla_due WHERE due_at <= ?"
                       " ORDER BY due_at, case_id, clock LIMIT ?");
  int at = 1;
  s->bind(at++, now.micros);
  if (within_seconds) s->bind(at++, seconds_after(now, *within_seconds).micros);
  s->bind(at, limit);
  std::vector<Store::SlaDueRow> rows;
  while (s->executeStep()) {
    rows.push_back(Store::SlaDueRow{s->getColumn(0).getInt64(), s->getColumn(1).getString(),
                                    column_time(s->getColumn(2))});
  }
  return rows;
}

}  // namespace rma::store
