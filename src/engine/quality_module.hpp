// engine/quality_module.hpp — quality alerts in the engine (rma/quality.hpp, docs/reports.md):
// the scan runs the domain's tests (domain/quality_scan.hpp) over the report columns
// (engine/report_module.hpp, with the sold lines); what was raised before is read from the
// audit log itself (events quality.alert and quality.acknowledged, about no case), so every
// process and server agrees on it without an index of its own.
//
// Bodies run inside the frames of engine.cpp, under the command lock, like every command.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "rma/engine.hpp"
#include "rma/quality.hpp"

namespace rma {

class QualityModule {
 public:
  explicit QualityModule(Engine::Impl& engine) : e_(engine) {}

  // The alerts of a scan, not yet compared with the log (a read).
  QualityScanResult scan(const Actor& by, const QualityScanRequest& request);
  // Each alert's record: raised before and still standing, or new. With `raise` (a write), a new
  // one is recorded (quality.alert) and counted in result.raised.
  void settle(const Actor& by, QualityScanResult& result, bool raise);
  QualityAcknowledgment acknowledge(const Actor& by, const std::string& id, const std::string& note);

 private:
  struct Record {
    Timestamp raised_at;
    std::optional<Timestamp> acknowledged_at;
    std::string acknowledged_by, note;
  };
  std::map<std::string, Record> records();

  Engine::Impl& e_;
};

}  // namespace rma
