#include "index/case_index.hpp"

#include <algorithm>
#include <boost/multi_index/composite_key.hpp>
#include <boost/multi_index/hashed_index.hpp>
#include <boost/multi_index/member.hpp>
#include <boost/multi_index/ordered_index.hpp>
#include <boost/multi_index_container.hpp>
#include <functional>
#include <string>
#include <vector>

namespace rma::index {
namespace {

namespace bmi = boost::multi_index;
using store::CaseRow;

struct by_id {};
struct by_number {};
struct by_customer {};
struct by_status {};
struct by_assignee {};
struct by_created {};

struct CreatedKey {
  using result_type = std::int64_t;
  std::int64_t operator()(const CaseRow& r) const { return r.created_at.micros; }
};

using CaseSet = bmi::multi_index_container<
    CaseRow,
    bmi::indexed_by<
        bmi::hashed_unique<bmi::tag<by_id>, bmi::member<CaseSummary, std::int64_t, &CaseSummary::id>>,
        bmi::ordered_unique<bmi::tag<by_number>, bmi::member<CaseSummary, std::string, &CaseSummary::number>>,
        bmi::hashed_non_unique<bmi::tag<by_customer>, bmi::member<CaseSummary, std::string, &CaseSummary::customer_id>>,
        bmi::hashed_non_unique<bmi::tag<by_status>, bmi::member<CaseSummary, std::string, &CaseSummary::status>>,
        bmi::hashed_non_unique<bmi::tag<by_assignee>, bmi::member<CaseSummary, std::string, &CaseSummary::assignee>>,
        bmi::ordered_non_unique<bmi::tag<by_created>, CreatedKey>>>;

struct SerialEntry {
  std::string serial;
  std::int64_t case_id;
};
struct by_serial {};
struct by_case {};
using SerialSet = bmi::multi_index_container<
    SerialEntry,
    bmi::indexed_by<
        bmi::hashed_non_unique<bmi::tag<by_serial>, bmi::member<SerialEntry, std::string, &SerialEntry::serial>>,
        bmi::hashed_non_unique<bmi::tag<by_case>, bmi::member<SerialEntry, std::int64_t, &SerialEntry::case_id>>>>;

std::int64_t heap_bytes(const std::string& s) {
  // libstdc++ keeps up to 15 characters inside the string object itself.
  return s.size() > 15 ? static_cast<std::int64_t>(s.capacity() + 1) : 0;
}

bool matches(const CaseRow& r, const CaseQuery& q, const std::string& supplier_id) {
  if (!supplier_id.empty() && r.supplier_id != supplier_id) return false;
  if (q.customer_id && r.customer_id != *q.customer_id) return false;
  if (q.status && r.status != *q.status) return false;
  if (q.assignee && r.assignee != *q.assignee) return false;
  if (q.kind && r.kind != *q.kind) return false;
  if (q.channel && r.channel != *q.channel) return false;
  if (q.created_from && r.created_at < *q.created_from) return false;
  if (q.created_to && !(r.created_at < *q.created_to)) return false;
  if (q.number_prefix && r.number.compare(0, q.number_prefix->size(), *q.number_prefix) != 0) return false;
  if (q.serial && std::find(r.serials.begin(), r.serials.end(), *q.serial) == r.serials.end()) return false;
  return true;
}

// Sort key comparison; ties broken by id so paging is stable.
bool before(const CaseRow& a, const CaseRow& b, CaseSort sort) {
  switch (sort) {
    case CaseSort::created_at:
      if (a.created_at != b.created_at) return a.created_at < b.created_at;
      break;
    case CaseSort::updated_at:
      if (a.updated_at != b.updated_at) return a.updated_at < b.updated_at;
      break;
    case CaseSort::number:
      return a.number < b.number;
    case CaseSort::priority:
      if (a.priority != b.priority) return a.priority < b.priority;
      break;
  }
  return a.id < b.id;
}

}  // namespace

struct CaseIndex::Containers {
  CaseSet cases;
  SerialSet serials;
};

CaseIndex::CaseIndex() : c_(std::make_unique<Containers>()) {}
CaseIndex::~CaseIndex() = default;

void CaseIndex::clear() {
  c_->cases.clear();
  c_->serials.clear();
}

void CaseIndex::upsert(CaseRow row) {
  erase(row.id);
  for (const std::string& serial : row.serials) c_->serials.insert(SerialEntry{serial, row.id});
  c_->cases.insert(std::move(row));
}

void CaseIndex::erase(std::int64_t case_id) {
  auto& ids = c_->cases.get<by_id>();
  auto it = ids.find(case_id);
  if (it == ids.end()) return;
  ids.erase(it);
  c_->serials.get<by_case>().erase(case_id);
}

const CaseRow* CaseIndex::find(std::int64_t case_id) const {
  const auto& ids = c_->cases.get<by_id>();
  auto it = ids.find(case_id);
  return it == ids.end() ? nullptr : &*it;
}

const CaseRow* CaseIndex::find_by_number(const std::string& number) const {
  const auto& numbers = c_->cases.get<by_number>();
  auto it = numbers.find(number);
  return it == numbers.end() ? nullptr : &*it;
}

CasePage CaseIndex::query(const CaseQuery& q, const std::string& supplier_id) const {
  // Start from the narrowest index a filter allows, then check the remaining filters.
  std::vector<const CaseRow*> hits;
  auto take = [&](const CaseRow& r) {
    if (matches(r, q, supplier_id)) hits.push_back(&r);
  };
  if (q.serial) {
    auto range = c_->serials.get<by_serial>().equal_range(*q.serial);
    std::vector<std::int64_t> ids;
    for (auto it = range.first; it != range.second; ++it) ids.push_back(it->case_id);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    for (std::int64_t id : ids) {
      if (const CaseRow* r = find(id)) take(*r);
    }
  } else if (q.customer_id) {
    auto range = c_->cases.get<by_customer>().equal_range(*q.customer_id);
    for (auto it = range.first; it != range.second; ++it) take(*it);
  } else if (q.assignee) {
    auto range = c_->cases.get<by_assignee>().equal_range(*q.assignee);
    for (auto it = range.first; it != range.second; ++it) take(*it);
  } else if (q.status) {
    auto range = c_->cases.get<by_status>().equal_range(*q.status);
    for (auto it = range.first; it != range.second; ++it) take(*it);
  } else if (q.number_prefix) {
    const auto& numbers = c_->cases.get<by_number>();
    for (auto it = numbers.lower_bound(*q.number_prefix);
         it != numbers.end() && it->number.compare(0, q.number_prefix->size(), *q.number_prefix) == 0; ++it) {
      take(*it);
    }
  } else {
    const auto& created = c_->cases.get<by_created>();
    auto first = q.created_from ? created.lower_bound(q.created_from->micros) : created.begin();
    auto last = q.created_to ? created.lower_bound(q.created_to->micros) : created.end();
    for (auto it = first; it != last; ++it) take(*it);
  }

  CasePage page;
  page.total = static_cast<std::int64_t>(hits.size());
  auto less = [&](const CaseRow* a, const CaseRow* b) {
    return q.descending ? before(*b, *a, q.sort) : before(*a, *b, q.sort);
  };
  std::size_t offset = static_cast<std::size_t>(std::min<std::int64_t>(q.offset, page.total));
  std::size_t end = std::min(hits.size(), offset + static_cast<std::size_t>(q.limit));
  // Only the requested page needs to be in order.
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(end), hits.end(), less);
  for (std::size_t i = offset; i < end; ++i) page.items.push_back(summary_of(*hits[i]));
  return page;
}

std::int64_t CaseIndex::size() const { return static_cast<std::int64_t>(c_->cases.size()); }

std::vector<std::int64_t> CaseIndex::ids() const {
  std::vector<std::int64_t> out;
  out.reserve(c_->cases.size());
  for (const store::CaseRow& row : c_->cases.get<by_id>()) out.push_back(row.id);
  return out;
}

std::int64_t CaseIndex::memory_bytes() const {
  // A multi_index node holds the value plus, per index, about two or three pointers; the serial
  // set likewise. Hashed indices add a bucket array of about one pointer per element.
  constexpr std::int64_t kCaseIndices = 6;
  constexpr std::int64_t kSerialIndices = 2;
  std::int64_t bytes = 0;
  for (const CaseRow& r : c_->cases) {
    bytes += static_cast<std::int64_t>(sizeof(CaseRow)) + kCaseIndices * 3 * sizeof(void*) + 4 * sizeof(void*);
    bytes += heap_bytes(r.number) + heap_bytes(r.customer_id) + heap_bytes(r.supplier_id) +
             heap_bytes(r.status) + heap_bytes(r.assignee) + heap_bytes(r.team);
    bytes += static_cast<std::int64_t>(r.serials.capacity() * sizeof(std::string));
    for (const std::string& s : r.serials) bytes += heap_bytes(s);
  }
  for (const SerialEntry& e : c_->serials) {
    bytes += static_cast<std::int64_t>(sizeof(SerialEntry)) + kSerialIndices * 3 * sizeof(void*) + heap_bytes(e.serial);
  }
  return bytes;
}

CaseSummary summary_of(const CaseRow& r) { return r; }

CaseRow row_of(const Case& c) {
  CaseRow r;
  r.id = c.id;
  r.number = c.number;
  r.kind = c.kind;
  r.category = c.category;
  r.channel = c.channel;
  r.customer_id = c.customer_id;
  r.supplier_id = c.supplier_id;
  r.status = c.status;
  r.priority = c.priority;
  r.assignee = c.assignee;
  r.team = c.team;
  r.created_at = c.created_at;
  r.updated_at = c.updated_at;
  r.version = c.version;
  for (const CaseLine& l : c.lines) {
    if (!l.serial.empty()) r.serials.push_back(l.serial);
    if (!l.replacement_serial.empty()) r.serials.push_back(l.replacement_serial);
  }
  return r;
}

}  // namespace rma::index
