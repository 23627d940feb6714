#include "engine/quality_module.hpp"

#include "domain/calendar_date.hpp"
#include "domain/case_rules.hpp"
#include "domain/quality_scan.hpp"
#include "domain/serial_ranges.hpp"
#include "engine/engine_impl.hpp"
#include "events/event_type.hpp"
#include "events/quality_payloads.hpp"

namespace rma {
namespace {

using events::EventType;

constexpr std::int64_t kMicrosPerDay = 86400LL * 1000000LL;

Timestamp start_of(Date day) { return Timestamp{domain::days_since_epoch(day) * kMicrosPerDay}; }

// Each alert's serials, from the subject's lines of its listed cases.
void add_serial_ranges(Engine::Impl& e, QualityScanResult& result) {
  // The serials are not among the report columns (a column of a million distinct texts): they
  // are read from the listed cases, at most 100 an alert.
  std::map<std::string, std::string> supplier_of;  // SKU -> its catalogue supplier
  const auto supplier = [&](const std::string& sku) -> const std::string& {
    auto it = supplier_of.find(sku);
    if (it == supplier_of.end()) {
      const std::optional<Product> p = e.store->find_product(sku);
      it = supplier_of.emplace(sku, p ? p->supplier_id : std::string()).first;
    }
    return it->second;
  };
  for (QualityAlert& a : result.alerts) {
    std::vector<std::string> serials;
    for (std::int64_t id : a.cases) {
      std::optional<Case> loaded;
      const Case* c = e.cache.find(id);
      if (c == nullptr) {
        loaded = e.store->load_case(id);
        if (!loaded) continue;
        c = &*loaded;
      }
      for (const CaseLine& line : c->lines) {
        if (line.serial.empty()) continue;
        const std::string none;
        const std::string& sku_supplier = a.subject == QualitySubject::supplier ? supplier(line.sku) : none;
        if (domain::line_of_alert(a, line, sku_supplier)) serials.push_back(line.serial);
      }
    }
    domain::SerialRanges ranges = domain::serial_ranges(std::move(serials));
    a.serial_ranges = std::move(ranges.ranges);
    a.serial_count = ranges.serials;
    a.serial_range_count = ranges.range_count;
  }
}

}  // namespace

QualityScanResult QualityModule::scan(const Actor& by, const QualityScanRequest& request) {
  e_.require_staff(by, "scan for quality alerts");
  domain::check_quality_request(request);
  const Timestamp now = request.now.value_or(e_.now());
  QualityScanResult result = domain::scan_quality(e_.reports.facts_with_sold(), request, now);
  add_serial_ranges(e_, result);
  return result;
}

std::map<std::string, QualityModule::Record> QualityModule::records() {
  std::map<std::string, Record> out;
  const std::vector<std::string> types = {events::event_type_name(EventType::quality_alert),
                                          events::event_type_name(EventType::quality_acknowledged)};
  for (const Event& e : e_.store->events_about_no_case(types)) {
    const std::string where = "events[" + std::to_string(e.seq) + "].data";
    const nlohmann::json data = nlohmann::json::parse(e.data);
    if (e.type == types[0]) {
      // Raised (again): a new record, unacknowledged.
      out[events::quality_alert_from(data, where).id] = Record{e.at, std::nullopt, std::string(), std::string()};
    } else {
      const events::QualityAcknowledgment ack = events::quality_acknowledged_from(data, where);
      const auto it = out.find(ack.id);
      if (it == out.end()) continue;
      it->second.acknowledged_at = e.at;
      it->second.acknowledged_by = e.actor;
      it->second.note = ack.note;
    }
  }
  return out;
}

void QualityModule::settle(const Actor& by, QualityScanResult& result, bool raise) {
  e_.require_staff(by, "scan for quality alerts");
  const std::map<std::string, Record> known = records();
  for (QualityAlert& a : result.alerts) {
    const auto it = known.find(a.id);
    // An alert stands until acknowledged; once acknowledged, only a window that starts after the
    // acknowledgment (new returns, not the ones staff already looked at) raises it again.
    const bool stands = it != known.end() &&
                        (!it->second.acknowledged_at || start_of(a.window_from) <= *it->second.acknowledged_at);
    if (stands) {
      a.raised_at = it->second.raised_at;
      a.acknowledged_at = it->second.acknowledged_at;
      a.acknowledged_by = it->second.acknowledged_by;
      a.acknowledgment_note = it->second.note;
      continue;
    }
    if (!raise) continue;
    e_.emit(nullptr, by, events::quality_alert(a));
    a.raised_now = true;
    a.raised_at = e_.now();
    ++result.raised;
  }
}

QualityAcknowledgment QualityModule::acknowledge(const Actor& by, const std::string& id, const std::string& note) {
  e_.require_staff(by, "acknowledge quality alerts");
  domain::check_text("id", id, 1024, true);
  domain::check_text("note", note, 4000);
  const std::map<std::string, Record> known = records();
  const auto it = known.find(id);
  if (it == known.end()) throw Error(Status::not_found, "id", "no quality alert " + id + " was raised");
  QualityAcknowledgment out;
  out.id = id;
  if (it->second.acknowledged_at) {
    // Already acknowledged since it was last raised: nothing new to record.
    out.acknowledged_at = *it->second.acknowledged_at;
    out.acknowledged_by = it->second.acknowledged_by;
    out.note = it->second.note;
    return out;
  }
  e_.emit(nullptr, by, events::quality_acknowledged(id, note));
  out.acknowledged_at = e_.now();
  out.acknowledged_by = by.to_string();
  out.note = note;
  out.recorded = true;
  return out;
}

}  // namespace rma
