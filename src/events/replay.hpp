// events/replay.hpp — a case rebuilt from its history alone.
//
// Each event that changed a case carries what changed (the whole case at creation, the added
// note, action, attachment or repair, or {"field": {"before", "after"}} changes) and the version
// it left the case at, so applying a case's events in order gives the stored case exactly; the
// engine's tests, and the test on a database written before events had their own schema
// (tests/data/events/), hold it to that. Reads only the events' schema (case_document.hpp).
#pragma once

#include <optional>
#include <vector>

#include "rma/case.hpp"
#include "rma/event.hpp"

namespace rma::events {

// The case the events (one case's history, in seq order) leave; nullopt when they hold no
// case.created. Damaged data is Error(storage) naming the event ("events[12].data...").
std::optional<Case> replay_case(const std::vector<Event>& history);

}  // namespace rma::events
