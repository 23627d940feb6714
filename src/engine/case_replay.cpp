// Replaying a case's history: the events layer rebuilds the case from its events alone
// (events/replay.hpp); the engine checks who may ask and that the case may be read.
#include "engine/engine_impl.hpp"
#include "events/replay.hpp"

namespace rma {

Case Engine::Impl::replay_case(const Actor& by, std::int64_t id) {
  require_staff(by, "replay histories", id);
  load_for(by, id, std::nullopt);  // exists and may be read
  // Replayed from the history as people read it: personal values opened, or "[erased]" as the
  // erased case's rows hold them.
  std::optional<Case> replayed = events::replay_case(privacy.readable(store->case_events(id)));
  if (!replayed) throw Error(Status::not_found, "case_id", "case " + std::to_string(id) + " has no history");
  return std::move(*replayed);
}

}  // namespace rma
