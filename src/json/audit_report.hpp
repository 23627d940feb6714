// json/audit_report.hpp — the audit chain's verification report and checkpoints as JSON
// documents (docs/json.md, "audit.verify", "audit.checkpoint", "audit.export").
#pragma once

#include <nlohmann/json.hpp>

#include "rma/audit.hpp"

namespace rma::codec {

nlohmann::json to_json_value(const AuditCheckpoint& checkpoint);
nlohmann::json to_json_value(const AuditReport& report);
nlohmann::json to_json_value(const AuditExportPage& page);

}  // namespace rma::codec
