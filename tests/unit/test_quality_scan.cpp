// quality.scan as a pure function of the report columns (domain/quality_scan.hpp): a SKU whose
// return rate and whose share of one reason rose is found against its history and its category,
// a steady one is not, the evidence names the cases, reasons and lots, and deleted cases and
// days outside the spans do not count.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "domain/quality_scan.hpp"
#include "index/report_index.hpp"

using namespace rma;
using domain::CaseFact;
using domain::CaseFactLine;

namespace {

const Timestamp kNow = Timestamp::from_iso("2026-06-30T12:00:00Z");  // window 06-01..06-30

struct World {
  index::ReportIndex index;
  std::vector<CaseFact> cases;
  std::vector<domain::SoldFact> sold;
  std::int64_t next_id = 1;

  void returns(const char* sku, const char* lot, const char* reason, int count, const char* day) {
    for (int i = 0; i < count; ++i) {
      CaseFact c;
      c.id = next_id++;
      c.customer_id = "C" + std::to_string(c.id % 7);
      c.status = "requested";
      c.created_at = Timestamp::from_iso(std::string(day) + "T09:00:00Z");
      c.updated_at = c.status_since = c.created_at;
      CaseFactLine l;
      l.sku = sku;
      l.lot = lot;
      l.reason_code = reason;
      l.qty_requested = 1;
      c.lines.push_back(l);
      cases.push_back(c);
    }
  }
  void sells(const char* sku, const char* lot, std::int64_t units, const char* day) {
    domain::SoldFact s;
    s.document = "D" + std::to_string(sold.size());
    s.line_no = 1;
    s.date = Date::from_iso(day);
    s.customer_id = "C1";
    s.sku = sku;
    s.lot = lot;
    s.quantity = units;
    sold.push_back(s);
  }
  const domain::ReportFacts& build() {
    index.begin_build();
    for (const CaseFact& c : cases) index.put_case(c);
    index.finish_build();
    index.put_products({{"KET-1", "kitchen", "Acme", "S1"}, {"TOA-2", "kitchen", "Acme", "S1"},
                        {"MIX-3", "kitchen", "Brio", "S2"}});
    index.start_sold();
    for (const domain::SoldFact& s : sold) index.put_sold(s);
    index.finish_sold();
    return index.facts();
  }
};

// History: every SKU sells 1,000 units and has 20 back (2 %), a quarter of them "leaks".
// Window: KET-1 sells 200 and has 20 back (10 %), 12 of them "leaks" in lot L7; the others stay at 2 %.
World rising_kettle() {
  World w;
  for (const char* sku : {"KET-1", "TOA-2", "MIX-3"}) {
    w.sells(sku, "L1", 1000, "2026-02-10");
    w.returns(sku, "L1", "defective", 15, "2026-03-10");
    w.returns(sku, "L1", "leaks", 5, "2026-04-10");
  }
  w.sells("KET-1", "L7", 200, "2026-06-02");
  w.returns("KET-1", "L7", "leaks", 12, "2026-06-20");
  w.returns("KET-1", "L7", "defective", 8, "2026-06-21");
  for (const char* sku : {"TOA-2", "MIX-3"}) {
    w.sells(sku, "L2", 1000, "2026-06-02");
    w.returns(sku, "L2", "defective", 15, "2026-06-20");
    w.returns(sku, "L2", "leaks", 5, "2026-06-20");
  }
  return w;
}

const QualityAlert* find(const QualityScanResult& r, const std::string& id) {
  const auto it = std::find_if(r.alerts.begin(), r.alerts.end(), [&](const QualityAlert& a) { return a.id == id; });
  return it == r.alerts.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("quality scan: a SKU whose return rate rose, against its history and its category") {
  World w = rising_kettle();
  const QualityScanResult r = domain::scan_quality(w.build(), QualityScanRequest(), kNow);
  CHECK(r.window_from == Date::from_iso("2026-06-01"));
  CHECK(r.window_to == Date::from_iso("2026-06-30"));
  CHECK(r.history_from == Date::from_iso("2025-12-03"));
  CHECK(r.history_to == Date::from_iso("2026-05-31"));
  CHECK(r.tested > 10);

  const QualityAlert* own = find(r, "return_rate/sku/KET-1/history");
  REQUIRE(own != nullptr);
  CHECK(own->observed == 20);
  CHECK(own->exposure == 200);
  CHECK(own->baseline_observed == 20);
  CHECK(own->baseline_exposure == 1000);
  CHECK(own->rate == doctest::Approx(0.1));
  CHECK(own->expected_rate == doctest::Approx(0.0205));
  CHECK(own->expected == doctest::Approx(4.1));
  CHECK(own->p_value < 1e-6);
  CHECK(own->q_value >= own->p_value);
  CHECK(own->category == "kitchen");
  CHECK(own->case_count == 20);
  CHECK(own->cases.size() == 20);
  REQUIRE(own->top_reasons.size() == 2);
  CHECK(own->top_reasons[0].value == "leaks");
  CHECK(own->top_reasons[0].count == 12);
  REQUIRE(own->lots.size() == 1);
  CHECK(own->lots[0].value == "L7");
  CHECK(own->lots[0].count == 20);

  // Against the kitchen without the kettle: 40 of 2,000 units.
  const QualityAlert* peers = find(r, "return_rate/sku/KET-1/category");
  REQUIRE(peers != nullptr);
  CHECK(peers->baseline_observed == 40);
  CHECK(peers->baseline_exposure == 2000);
  CHECK(find(r, "return_rate/lot/KET-1/L7/category") != nullptr);
  // The share of "leaks" rose from 5 of 20 lines to 12 of 20.
  const QualityAlert* share = find(r, "reason_share/sku/KET-1/leaks/history");
  REQUIRE(share != nullptr);
  CHECK(share->observed == 12);
  CHECK(share->exposure == 20);
  CHECK(share->expected_rate == doctest::Approx(5.5 / 21));

  // The steady ones raise nothing; the supplier of the kettle (S1) does, against every other.
  for (const QualityAlert& a : r.alerts) {
    CAPTURE(a.id);
    CHECK(a.sku != "TOA-2");
    CHECK(a.sku != "MIX-3");
    CHECK(a.q_value <= 0.05);
  }
  CHECK(find(r, "return_rate/supplier/S1/history") != nullptr);
  CHECK(find(r, "return_rate/supplier/S2/history") == nullptr);
  // Ordered by q-value.
  for (std::size_t i = 1; i < r.alerts.size(); ++i) CHECK(r.alerts[i - 1].q_value <= r.alerts[i].q_value);
}

TEST_CASE("quality scan: minimum counts, subjects, deleted cases and the spans' ends") {
  SUBCASE("one return short of min_returns is not tested") {
    World w = rising_kettle();
    QualityScanRequest r;
    r.subjects = {QualitySubject::sku};
    r.min_returns = 21;
    CHECK(find(domain::scan_quality(w.build(), r, kNow), "return_rate/sku/KET-1/history") == nullptr);
    World again = rising_kettle();
    r.min_returns = 20;
    CHECK(find(domain::scan_quality(again.build(), r, kNow), "return_rate/sku/KET-1/history") != nullptr);
  }
  SUBCASE("only the subjects asked for") {
    World w = rising_kettle();
    QualityScanRequest r;
    r.subjects = {QualitySubject::lot};
    for (const QualityAlert& a : domain::scan_quality(w.build(), r, kNow).alerts) CHECK(a.subject == QualitySubject::lot);
  }
  SUBCASE("a deleted case is not counted") {
    World w = rising_kettle();
    w.build();
    for (std::int64_t id = 1; id <= 200; ++id) w.index.remove_case(id);
    CHECK(domain::scan_quality(w.index.facts(), QualityScanRequest(), kNow).tested == 0);
  }
  SUBCASE("a return the day after now is outside the window") {
    World w = rising_kettle();
    const domain::ReportFacts& f = w.build();
    QualityScanRequest r;
    r.subjects = {QualitySubject::sku};
    // Now on 06-19: the kettle's window returns (06-20, 06-21) are still ahead.
    CHECK(find(domain::scan_quality(f, r, Timestamp::from_iso("2026-06-19T23:59:59Z")),
               "return_rate/sku/KET-1/history") == nullptr);
    CHECK(find(domain::scan_quality(f, r, Timestamp::from_iso("2026-06-21T00:00:00Z")),
               "return_rate/sku/KET-1/history") != nullptr);
  }
}
