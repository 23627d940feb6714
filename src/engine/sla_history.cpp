#include "engine/sla_history.hpp"

#include <nlohmann/json.hpp>

#include "events/payloads.hpp"
#include "events/schema.hpp"
#include "rma/actor.hpp"

namespace rma {

void fold_sla_event(SlaHistory& h, const Event& e, const domain::CompiledWorkflow* wf) {
  using events::EventType;
  h.last_seq = e.seq;
  const std::optional<EventType> type = events::event_type_from_name(e.type);
  if (type != EventType::case_created && type != EventType::case_transitioned && type != EventType::case_reopened &&
      type != EventType::note_added) {
    return;
  }
  const nlohmann::json data = nlohmann::json::parse(e.data);
  const std::string where = "events[" + std::to_string(e.seq) + "].data";
  auto entered = [&](const std::string& state) {
    const WorkflowState* s = wf ? wf->state(state) : nullptr;
    h.timeline.push_back(SlaStateChange{e.at, state, s ? s->sla : SlaEffect::run});
  };
  if (type == EventType::case_created) {
    entered(events::created_status_from(data, where));
  } else if (type == EventType::case_transitioned) {
    const events::Transitioned t = events::case_transitioned_from(data, where);
    entered(t.to);
    for (const events::SlaControl& control : t.sla) {
      if (auto action = sla_clock_action_from_name(control.action)) {
        h.controls.push_back(SlaClockControl{e.at, control.clock, *action});
      }
    }
  } else if (type == EventType::case_reopened) {
    entered(events::reopened_status_from(data, where));
  } else {
    const Note note = events::note_added_from(data, where);
    if (note.channel != Visibility::external) return;
    const Role author = Actor::parse(note.author.empty() ? "system:unknown" : note.author).role;
    const bool claimant = author == Role::customer || author == Role::supplier;
    (claimant ? h.claimant_messages : h.staff_replies).push_back(e.at);
  }
}

const SlaHistory* SlaHistoryCache::find(std::int64_t case_id, const std::string& workflow,
                                        std::int32_t version) const {
  const auto it = entries_.find(case_id);
  if (it == entries_.end() || it->second.workflow != workflow || it->second.workflow_version != version) {
    return nullptr;
  }
  return &it->second;
}

void SlaHistoryCache::follow(const std::vector<Event>& committed, const CompiledOf& compiled_of) {
  for (const Event& e : committed) {
    auto it = entries_.find(e.case_id);
    if (it == entries_.end() || e.seq <= it->second.last_seq) continue;
    if (events::event_type_from_name(e.type) == events::EventType::case_deleted) {
      entries_.erase(it);
      continue;
    }
    fold_sla_event(it->second, e, compiled_of(it->second.workflow, it->second.workflow_version).get());
  }
}

void SlaHistoryCache::put(std::int64_t case_id, SlaHistory history) {
  // Bounded the simple way: an engine that touched more cases than this starts over.
  if (entries_.size() >= kCapacity && entries_.count(case_id) == 0) entries_.clear();
  entries_[case_id] = std::move(history);
}

}  // namespace rma
