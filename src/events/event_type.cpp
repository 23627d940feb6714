#include "events/event_type.hpp"

#include <array>

namespace rma::events {
namespace {

// In the order of EventType; test_events_schema checks that each name maps back to its type.
constexpr std::array<const char*, kEventTypeCount> kNames = {
    "case.created",      "case.updated",       "case.split",        "case.transitioned",
    "case.reopened",     "case.deleted",       "case.valued",       "note.added",
    "attachment.added",  "action.added",       "action.completed",  "repair.added",
    "repair.updated",    "line.checked",       "unit.replaced",     "notification.requested",
    "outbox.posted",     "access.denied",      "transition.denied", "sla.warning",
    "sla.breached",      "customer.upserted",  "supplier.upserted", "operator.upserted",
    "product.upserted",  "import.completed",   "sla.configured",    "valuation.configured",
    "warranty.configured", "workflows.configured", "extended_warranty.added", "unit.registered",
    "outbox.acknowledged", "privacy.configured",   "privacy.erased",   "quality.alert",
    "quality.acknowledged", "languages.configured",
};

}  // namespace

const char* event_type_name(EventType type) noexcept { return kNames[static_cast<std::size_t>(type)]; }

std::optional<EventType> event_type_from_name(std::string_view name) noexcept {
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (name == kNames[i]) return static_cast<EventType>(i);
  }
  return std::nullopt;
}

}  // namespace rma::events
