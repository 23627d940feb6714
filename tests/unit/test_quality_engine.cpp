// quality.scan and quality.acknowledge through the engine: an alert is recorded once (event
// quality.alert), stands until acknowledged, comes back with its record, is raised again only by a
// window that starts after the acknowledgment; a dry run records nothing; staff only.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "engine_fixture.hpp"
#include "rma/error.hpp"

using namespace rma;
using rma_test::at;
using rma_test::EngineFixture;
using rma_test::field_of;
using rma_test::status_of;

namespace {

const char* const kLeaks = "reason_share/sku/CABLE-2/leaks/history";

// `count` returns of one cable each; with `first_serial` > 0, serialed SN<first_serial>, +1, ...
void returns(EngineFixture& f, const char* when, const char* reason, int count, int first_serial = 0) {
  f.now = at(when);
  for (int i = 0; i < count; ++i) {
    CaseDraft d;
    d.kind = CaseKind::return_;
    d.channel = Channel::b2c;
    d.customer_id = "C1";
    LineDraft l;
    l.sku = "CABLE-2";
    l.quantity = 1;
    l.reason_code = reason;
    if (first_serial > 0) l.serial = "SN" + std::to_string(first_serial + i);
    d.lines = {l};
    f.engine.create_case(f.op, d);
  }
}

const QualityAlert* find(const QualityScanResult& r, const std::string& id) {
  const auto it = std::find_if(r.alerts.begin(), r.alerts.end(), [&](const QualityAlert& a) { return a.id == id; });
  return it == r.alerts.end() ? nullptr : &*it;
}

// The types of the events delivered to the host since the test subscribed.
struct Delivered {
  std::vector<std::string> types;
  std::size_t count(const char* type) const { return static_cast<std::size_t>(std::count(types.begin(), types.end(), type)); }
};

QualityScanRequest phones() {
  QualityScanRequest r;
  r.subjects = {QualitySubject::sku};
  return r;
}

}  // namespace

TEST_CASE("quality engine: an alert is raised once, acknowledged, and raised again by a later window") {
  EngineFixture f;
  Delivered delivered;
  f.engine.subscribe([&delivered](const Event& e) { delivered.types.push_back(e.type); });
  // History: 20 returns, 5 of them leaking; the window: 12 of 20 leak.
  returns(f, "2026-01-05T10:00:00Z", "defective", 15);
  returns(f, "2026-01-05T10:00:00Z", "leaks", 5);
  returns(f, "2026-03-01T10:00:00Z", "leaks", 12);
  returns(f, "2026-03-01T10:00:00Z", "defective", 8);
  f.now = at("2026-03-10T09:00:00Z");

  QualityScanRequest dry = phones();
  dry.record = false;
  const QualityScanResult preview = f.engine.quality_scan(f.op, dry);
  REQUIRE(find(preview, kLeaks) != nullptr);
  CHECK_FALSE(find(preview, kLeaks)->raised_now);
  CHECK_FALSE(find(preview, kLeaks)->raised_at.has_value());
  CHECK(preview.raised == 0);
  CHECK(delivered.count("quality.alert") == 0);

  const QualityScanResult first = f.engine.quality_scan(f.op, phones());
  const QualityAlert* leaks = find(first, kLeaks);
  REQUIRE(leaks != nullptr);
  CHECK(leaks->raised_now);
  CHECK(leaks->raised_at == f.now);
  CHECK(leaks->observed == 12);
  CHECK(leaks->exposure == 20);
  CHECK(leaks->case_count == 20);
  CHECK(first.raised == static_cast<std::int64_t>(first.alerts.size()));
  CHECK(delivered.count("quality.alert") == first.alerts.size());

  // Scanned again: the same alert, standing, not recorded again.
  f.now = at("2026-03-10T10:00:00Z");
  const QualityScanResult second = f.engine.quality_scan(f.op, phones());
  REQUIRE(find(second, kLeaks) != nullptr);
  CHECK_FALSE(find(second, kLeaks)->raised_now);
  CHECK(find(second, kLeaks)->raised_at == at("2026-03-10T09:00:00Z"));
  CHECK(second.raised == 0);
  CHECK(delivered.count("quality.alert") == first.alerts.size());

  const QualityAcknowledgment ack = f.engine.quality_acknowledge(f.op, kLeaks, "seal supplier contacted");
  CHECK(ack.recorded);
  CHECK(ack.acknowledged_by == "operator:anna");
  CHECK(ack.acknowledged_at == f.now);
  CHECK_FALSE(f.engine.quality_acknowledge(f.op, kLeaks).recorded);
  CHECK(delivered.count("quality.acknowledged") == 1);
  const QualityScanResult third = f.engine.quality_scan(f.op, phones());
  REQUIRE(find(third, kLeaks) != nullptr);
  CHECK(find(third, kLeaks)->acknowledged_at == ack.acknowledged_at);
  CHECK(find(third, kLeaks)->acknowledgment_note == "seal supplier contacted");
  CHECK(third.raised == 0);

  // Every phone leaks in a window that starts after the acknowledgment: raised again.
  returns(f, "2026-05-01T10:00:00Z", "leaks", 20);
  f.now = at("2026-05-05T09:00:00Z");
  const QualityScanResult later = f.engine.quality_scan(f.op, phones());
  REQUIRE(find(later, kLeaks) != nullptr);
  CHECK(find(later, kLeaks)->raised_now);
  CHECK_FALSE(find(later, kLeaks)->acknowledged_at.has_value());
}

TEST_CASE("quality engine: an alert's evidence carries the serial ranges of its window's cases") {
  EngineFixture f;
  returns(f, "2026-01-05T10:00:00Z", "defective", 15, 500);  // history: not in the evidence
  returns(f, "2026-01-05T10:00:00Z", "leaks", 5);
  returns(f, "2026-03-01T10:00:00Z", "leaks", 12, 1000);
  returns(f, "2026-03-01T10:00:00Z", "defective", 7, 1013);  // SN1012 is missing: two ranges
  returns(f, "2026-03-01T10:00:00Z", "defective", 1);        // no serial
  f.now = at("2026-03-10T09:00:00Z");
  const QualityScanResult r = f.engine.quality_scan(f.op, phones());
  const QualityAlert* leaks = find(r, kLeaks);
  REQUIRE(leaks != nullptr);
  REQUIRE(leaks->serial_ranges.size() == 2);
  CHECK(leaks->serial_ranges[0].first == "SN1000");
  CHECK(leaks->serial_ranges[0].last == "SN1011");
  CHECK(leaks->serial_ranges[0].count == 12);
  CHECK(leaks->serial_ranges[1].first == "SN1013");
  CHECK(leaks->serial_ranges[1].last == "SN1019");
  CHECK(leaks->serial_count == 19);
  CHECK(leaks->serial_range_count == 2);
  JsonApi api{f.engine};
  const nlohmann::json answer = nlohmann::json::parse(
      api.call("operator:anna", "quality.scan", R"({"subjects":["sku"],"record":false})"));
  bool seen = false;
  for (const nlohmann::json& a : answer["alerts"]) {
    if (a["id"] != kLeaks) continue;
    seen = true;
    CHECK(a["serial_ranges"][0] == nlohmann::json({{"first", "SN1000"}, {"last", "SN1011"}, {"count", 12}}));
    CHECK(a["serial_count"] == 19);
  }
  CHECK(seen);
}

TEST_CASE("quality engine: staff only; unknown alerts and bad requests name the field") {
  EngineFixture f;
  CHECK(status_of([&] { f.engine.quality_scan(f.customer, QualityScanRequest()); }) == Status::permission_denied);
  CHECK(status_of([&] { f.engine.quality_acknowledge(f.customer, kLeaks); }) == Status::permission_denied);
  CHECK(status_of([&] { f.engine.quality_acknowledge(f.op, kLeaks); }) == Status::not_found);
  CHECK(field_of([&] { f.engine.quality_acknowledge(f.op, kLeaks); }) == "id");
  QualityScanRequest r;
  r.window_days = 0;
  CHECK(field_of([&] { f.engine.quality_scan(f.op, r); }) == "window_days");
  // Nothing to test in an empty store: no alert, nothing recorded.
  const QualityScanResult empty = f.engine.quality_scan(f.op, QualityScanRequest());
  CHECK(empty.tested == 0);
  CHECK(empty.alerts.empty());
}
