#include "index/report_snapshot.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <type_traits>
#include <vector>

namespace rma::index {
namespace {

// "RMA report columns", then the format's version: a file of another version is ignored (and
// written anew by the next build).
constexpr char kMagic[8] = {'R', 'M', 'A', 'R', 'E', 'P', 'T', '\0'};
constexpr std::uint32_t kFormat = 1;
constexpr std::uint64_t kEndMark = 0x454e442d5245504fULL;

// Every part of the columns, in file order: one list for writing and reading, so they cannot drift.
template <class Facts, class Visitor>
void each_part(Facts& f, Visitor& v) {
  for (auto* codes : {&f.customers, &f.suppliers, &f.statuses, &f.root_causes, &f.assignees, &f.teams, &f.skus,
                      &f.lots, &f.reasons, &f.documents, &f.categories, &f.brands, &f.currencies, &f.clocks,
                      &f.workflows}) {
    v.codes(*codes);
  }
  v.column(f.case_id);
  v.column(f.live);
  for (auto* c : {&f.customer, &f.supplier, &f.status, &f.root_cause, &f.assignee, &f.team}) v.column(*c);
  for (auto* c : {&f.kind, &f.category, &f.channel, &f.priority, &f.resolution}) v.column(*c);
  for (auto* c : {&f.created_at, &f.updated_at, &f.status_since}) v.column(*c);
  for (auto* c : {&f.first_line, &f.line_count, &f.workflow}) v.column(*c);
  v.column(f.workflow_version);
  for (auto* c : {&f.line_sku, &f.line_lot, &f.line_reason, &f.line_document}) v.column(*c);
  v.column(f.line_sales_line);
  for (auto* c : {&f.line_requested, &f.line_authorized, &f.line_received, &f.line_accepted}) v.column(*c);
  for (auto* c : {&f.sku_category, &f.sku_brand, &f.sku_supplier}) v.column(*c);
  v.flag(f.money_loaded);
  for (auto* c : {&f.money_first, &f.money_count, &f.money_currency}) v.column(*c);
  for (auto* c : {&f.money_claimed, &f.money_refunded, &f.money_cost, &f.money_recovered}) v.column(*c);
  v.flag(f.milestones_loaded);
  for (auto* c : {&f.decided_at, &f.first_response_at}) v.column(*c);
  v.column(f.reopens);
  for (auto* c : {&f.business_to_decision, &f.business_to_closing, &f.business_first_response}) v.column(*c);
  v.flag(f.breaches_loaded);
  for (auto* c : {&f.breach_row, &f.breach_clock}) v.column(*c);
  v.flag(f.sold_loaded);
  for (auto* c : {&f.sold_document, &f.sold_customer, &f.sold_sku, &f.sold_lot}) v.column(*c);
  for (auto* c : {&f.sold_line, &f.sold_day}) v.column(*c);
  v.column(f.sold_quantity);
  v.column(f.line_sold);
}

struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f) std::fclose(f);
  }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

class Writer {
 public:
  explicit Writer(std::FILE* f) : f_(f) {}
  bool ok() const { return ok_; }

  void bytes(const void* data, std::size_t n) {
    if (ok_ && n > 0 && std::fwrite(data, 1, n, f_) != n) ok_ = false;
  }
  template <class T>
  void value(T v) {
    bytes(&v, sizeof v);
  }
  void text(const std::string& s) {
    value(static_cast<std::uint32_t>(s.size()));
    bytes(s.data(), s.size());
  }
  void codes(const domain::TextCodes& codes) {
    value(static_cast<std::uint64_t>(codes.size()));
    for (std::uint32_t c = 0; c < codes.size(); ++c) text(codes.text(c));
  }
  template <class T>
  void column(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    value(static_cast<std::uint64_t>(v.size()));
    bytes(v.data(), v.size() * sizeof(T));
  }
  void flag(bool b) { value(static_cast<std::uint8_t>(b ? 1 : 0)); }

 private:
  std::FILE* f_;
  bool ok_ = true;
};

class Reader {
 public:
  Reader(std::FILE* f, std::uint64_t size) : f_(f), left_(size) {}
  bool ok() const { return ok_; }

  void bytes(void* data, std::uint64_t n) {
    if (!ok_ || n > left_ || (n > 0 && std::fread(data, 1, n, f_) != n)) {
      ok_ = false;
      return;
    }
    left_ -= n;
  }
  template <class T>
  T value() {
    T v{};
    bytes(&v, sizeof v);
    return v;
  }
  std::string text() {
    const auto n = value<std::uint32_t>();
    std::string s;
    if (!ok_ || n > left_) {
      ok_ = false;
      return s;
    }
    s.resize(n);
    bytes(s.data(), n);
    return s;
  }
  void codes(domain::TextCodes& codes) {
    const auto n = value<std::uint64_t>();
    codes = domain::TextCodes();
    for (std::uint64_t i = 0; ok_ && i < n; ++i) {
      const std::string t = text();
      // The codes are given again in their order: each text must be new, the first one empty.
      if (codes.code(t) != i) ok_ = false;
    }
  }
  template <class T>
  void column(std::vector<T>& v) {
    const auto n = value<std::uint64_t>();
    if (!ok_ || n > left_ / sizeof(T)) {
      ok_ = false;
      return;
    }
    v.resize(n);
    bytes(v.data(), n * sizeof(T));
  }
  void flag(bool& b) { b = value<std::uint8_t>() != 0; }
  std::uint64_t left() const { return left_; }

 private:
  std::FILE* f_;
  std::uint64_t left_;
  bool ok_ = true;
};

template <class... Vs>
bool same_size(std::size_t n, const Vs&... vs) {
  return ((vs.size() == n) && ...);
}

template <class T>
bool codes_within(const std::vector<T>& column, std::uint32_t size) {
  for (T c : column) {
    if (static_cast<std::uint64_t>(c) >= size) return false;
  }
  return true;
}

// What a report relies on to read the columns safely: equal lengths and codes within their texts.
bool consistent(const domain::ReportFacts& f) {
  const std::size_t n = f.case_id.size();
  const std::size_t lines = f.line_sku.size();
  if (!same_size(n, f.live, f.customer, f.supplier, f.status, f.root_cause, f.assignee, f.team, f.kind, f.category,
                 f.channel, f.priority, f.resolution, f.created_at, f.updated_at, f.status_since, f.first_line,
                 f.line_count, f.workflow, f.workflow_version)) {
    return false;
  }
  if (!same_size(lines, f.line_lot, f.line_reason, f.line_document, f.line_sales_line, f.line_requested,
                 f.line_authorized, f.line_received, f.line_accepted)) {
    return false;
  }
  for (std::size_t r = 0; r < n; ++r) {
    if (static_cast<std::uint64_t>(f.first_line[r]) + f.line_count[r] > lines) return false;
  }
  if (!codes_within(f.customer, f.customers.size()) || !codes_within(f.supplier, f.suppliers.size()) ||
      !codes_within(f.status, f.statuses.size()) || !codes_within(f.root_cause, f.root_causes.size()) ||
      !codes_within(f.assignee, f.assignees.size()) || !codes_within(f.team, f.teams.size()) ||
      !codes_within(f.workflow, f.workflows.size()) || !codes_within(f.line_sku, f.skus.size()) ||
      !codes_within(f.line_lot, f.lots.size()) || !codes_within(f.line_reason, f.reasons.size()) ||
      !codes_within(f.line_document, f.documents.size()) || !codes_within(f.kind, 4) ||
      !codes_within(f.category, 4) || !codes_within(f.channel, 4) || !codes_within(f.priority, 4) ||
      !codes_within(f.resolution, 7)) {
    return false;
  }
  if (!same_size(f.sku_category.size(), f.sku_brand, f.sku_supplier) ||
      !codes_within(f.sku_category, f.categories.size()) || !codes_within(f.sku_brand, f.brands.size()) ||
      !codes_within(f.sku_supplier, f.suppliers.size())) {
    return false;
  }
  if (f.money_loaded) {
    if (!same_size(n, f.money_first, f.money_count) ||
        !same_size(f.money_currency.size(), f.money_claimed, f.money_refunded, f.money_cost, f.money_recovered) ||
        !codes_within(f.money_currency, f.currencies.size())) {
      return false;
    }
    for (std::size_t r = 0; r < n; ++r) {
      if (static_cast<std::uint64_t>(f.money_first[r]) + f.money_count[r] > f.money_currency.size()) return false;
    }
  }
  if (f.milestones_loaded && !same_size(n, f.decided_at, f.first_response_at, f.reopens, f.business_to_decision,
                                        f.business_to_closing, f.business_first_response)) {
    return false;
  }
  if (f.breaches_loaded && (!same_size(f.breach_row.size(), f.breach_clock) || !codes_within(f.breach_row, n) ||
                            !codes_within(f.breach_clock, f.clocks.size()))) {
    return false;
  }
  if (f.sold_loaded) {
    const std::size_t sold = f.sold_quantity.size();
    if (!same_size(sold, f.sold_document, f.sold_customer, f.sold_sku, f.sold_lot, f.sold_line, f.sold_day) ||
        f.line_sold.size() != lines || !codes_within(f.sold_document, f.documents.size()) ||
        !codes_within(f.sold_customer, f.customers.size()) || !codes_within(f.sold_sku, f.skus.size()) ||
        !codes_within(f.sold_lot, f.lots.size())) {
      return false;
    }
    for (std::int32_t s : f.line_sold) {
      if (s < -1 || s >= static_cast<std::int64_t>(sold)) return false;
    }
  }
  return true;
}

}  // namespace

bool save_report_snapshot(const ReportIndex& index, const ReportSnapshotStamp& stamp, const std::string& path) {
  if (path.empty() || !index.built()) return false;
  const std::string temporary = path + ".writing-" + std::to_string(::getpid());
  bool ok = false;
  {
    File file(std::fopen(temporary.c_str(), "wb"));
    if (!file) return false;
    Writer w(file.get());
    w.bytes(kMagic, sizeof kMagic);
    w.value(kFormat);
    w.value(stamp.seq);
    w.value(stamp.seq_case_id);
    w.text(stamp.seq_type);
    w.value(stamp.live_cases);
    each_part(index.facts(), w);
    w.value(kEndMark);
    ok = w.ok() && std::fflush(file.get()) == 0;
    ok = std::fclose(file.release()) == 0 && ok;
  }
  if (ok) ok = std::rename(temporary.c_str(), path.c_str()) == 0;
  if (!ok) std::remove(temporary.c_str());
  return ok;
}

bool load_report_snapshot(ReportIndex& index, ReportSnapshotStamp& stamp, const std::string& path) {
  if (path.empty()) return false;
  File file(std::fopen(path.c_str(), "rb"));
  if (!file) return false;
  if (std::fseek(file.get(), 0, SEEK_END) != 0) return false;
  const long size = std::ftell(file.get());
  if (size <= 0 || std::fseek(file.get(), 0, SEEK_SET) != 0) return false;
  Reader r(file.get(), static_cast<std::uint64_t>(size));
  char magic[sizeof kMagic] = {};
  r.bytes(magic, sizeof magic);
  if (!r.ok() || std::memcmp(magic, kMagic, sizeof kMagic) != 0 || r.value<std::uint32_t>() != kFormat) return false;
  ReportSnapshotStamp read;
  read.seq = r.value<std::int64_t>();
  read.seq_case_id = r.value<std::int64_t>();
  read.seq_type = r.text();
  read.live_cases = r.value<std::int64_t>();
  domain::ReportFacts facts;
  each_part(facts, r);
  if (!r.ok() || r.value<std::uint64_t>() != kEndMark || r.left() != 0 || !consistent(facts)) return false;
  index.restore(std::move(facts));
  stamp = read;
  return true;
}

}  // namespace rma::index
