// rma/repair.hpp — repair operations: the labour and parts of a repair, and where each stands.
//
// An operation names a catalogue code with its time norm in minutes and its labour class (what
// the valuation prices per hour), the parts it consumes, and its status. A case's repair is done
// when none of its operations is planned or in progress.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rma/time.hpp"

namespace rma {

enum class RepairStatus { planned, in_progress, done, cancelled };
const char* repair_status_name(RepairStatus v) noexcept;  // "planned", "in_progress", ...
std::optional<RepairStatus> repair_status_from_name(std::string_view name) noexcept;

struct PartUse {
  std::string sku;
  std::int64_t quantity = 1;   // ≥ 1
  std::int64_t unit_cost = 0;  // minor units of `currency`, ≥ 0
  std::string currency;        // ISO 4217; empty when the cost is unknown (unit_cost 0)
};

struct RepairOperation {
  std::int64_t id = 0;
  std::int32_t line_no = 0;  // the case line repaired; 0 for the case as a whole
  std::string code;          // the host's catalogue code, e.g. "REPLACE_SCREEN"
  std::string description;
  std::string labour_class;  // e.g. "technician"; priced by the valuation rules
  std::int32_t minutes = 0;  // time norm
  std::vector<PartUse> parts;
  bool paid = false;         // charged to the customer (out of warranty): the valuation quotes it
  RepairStatus status = RepairStatus::planned;
  std::string created_by;  // actor text
  Timestamp created_at;
  std::string updated_by;
  Timestamp updated_at;
};

struct RepairOperationDraft {
  std::int32_t line_no = 0;
  std::string code;
  std::string description;
  std::string labour_class;
  std::int32_t minutes = 0;
  std::vector<PartUse> parts;
  bool paid = false;
};

}  // namespace rma
