#include "engine/sla_history.hpp"

#include <nlohmann/json.hpp>

#include "events/payloads.hpp"
#include "events/schema.hpp"
#include "rma/actor.hpp"

namespace rma {

bool reads_sla_facts(std::optional<events::EventType> type) {
  using events::EventType;
  return type == EventType::case_created || type == EventType::case_transitioned ||
         type == EventType::case_reopened || type == EventType::note_added;
}

bool has_sla_facts(std::optional<events::EventType> type) {
  return reads_sla_facts(type) || type == events::EventType::case_updated;
}

SlaEventFacts sla_event_facts(events::EventType type, const nlohmann::json& data, const std::string& where) {
  using events::EventType;
  SlaEventFacts f;
  if (type == EventType::case_updated) {
    const auto changes = data.find("changes");
    f.changes_unknown = changes == data.end() || !changes->is_object();
    f.changed_priority = !f.changes_unknown && changes->contains("priority");
    f.changed_custom_fields = !f.changes_unknown && changes->contains("custom_fields");
    return f;
  }
  if (type == EventType::case_created) {
    f.enters_state = true;
    f.state = events::created_status_from(data, where);
  } else if (type == EventType::case_transitioned) {
    events::Transitioned t = events::case_transitioned_from(data, where);
    f.enters_state = true;
    f.state = std::move(t.to);
    f.controls = std::move(t.sla);
  } else if (type == EventType::case_reopened) {
    f.enters_state = true;
    f.state = events::reopened_status_from(data, where);
  } else if (type == EventType::note_added) {
    const Note note = events::note_added_from(data, where);
    f.external_note = note.channel == Visibility::external;
    // Only an external note's author matters: an internal note's need not even parse as an actor
    // (a C++ host may act under any non-empty id).
    if (!f.external_note) return f;
    const Role author = Actor::parse(note.author.empty() ? "system:unknown" : note.author).role;
    f.by_claimant = author == Role::customer || author == Role::supplier;
  }
  return f;
}

void fold_sla_facts(SlaHistory& h, std::int64_t seq, Timestamp at, const SlaEventFacts* facts,
                    const domain::CompiledWorkflow* wf) {
  h.last_seq = seq;
  if (facts == nullptr) return;
  if (facts->enters_state) {
    const WorkflowState* s = wf ? wf->state(facts->state) : nullptr;
    h.timeline.push_back(SlaStateChange{at, facts->state, s ? s->sla : SlaEffect::run});
    for (const events::SlaControl& control : facts->controls) {
      if (auto action = sla_clock_action_from_name(control.action)) {
        h.controls.push_back(SlaClockControl{at, control.clock, *action});
      }
    }
  } else if (facts->external_note) {
    (facts->by_claimant ? h.claimant_messages : h.staff_replies).push_back(at);
  }
}

void fold_sla_event(SlaHistory& h, const Event& e, const domain::CompiledWorkflow* wf) {
  const std::optional<events::EventType> type = events::event_type_from_name(e.type);
  if (!reads_sla_facts(type)) {
    fold_sla_facts(h, e.seq, e.at, nullptr, wf);
    return;
  }
  const std::string where = "events[" + std::to_string(e.seq) + "].data";
  const SlaEventFacts facts = sla_event_facts(*type, nlohmann::json::parse(e.data), where);
  fold_sla_facts(h, e.seq, e.at, &facts, wf);
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
  for (auto& [case_id, history] : staged_) put(case_id, std::move(history));
  staged_.clear();
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
