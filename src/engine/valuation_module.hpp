// engine/valuation_module.hpp — valuation in the engine: the rules document, the stored valuation
// of each case recomputed on every change (save() and create_case call revalue), the valuation a
// decision settles on, and the ERP messages of a decided case (docs/valuation.md). What a case
// gives the valuation is domain's (domain/valuation_input.hpp), and so is the valuation itself.
//
// Bodies run inside the frames of engine.cpp, under the command lock, like every command.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/config_kinds.hpp"
#include "rma/engine.hpp"

namespace rma {

class ValuationModule {
 public:
  explicit ValuationModule(Engine::Impl& engine) : e_(engine) {}

  ConfigDocument<ValuationRules> document = valuation_document();
  const ValuationRules& rules();
  void configure(const Actor& by, const ValuationRules& rules);

  // The valuation's input for the case, from the case, the unit registry and the store.
  ValuationInput input(const Case& c);
  // Recomputes the case's valuation into c.valuation; returns the event data of the change, if
  // it changed. A case the rules cannot value (no currency, mixed currencies) has none.
  std::optional<nlohmann::json> revalue(Case& c);
  // save() found the valuation of case `c` changed at its new version: recorded (case_valued)
  // after the command's own event (record).
  void note_change(const Case& c, nlohmann::json data);
  void record(const Case& c, const Actor& by);
  void forget_change() noexcept { pending_.reset(); }
  void emit_valued(const Case& c, const Actor& by, nlohmann::json data);
  Valuation case_valuation(const Actor& by, std::int64_t id);

  // The payload of an outbox message about the case: from its valuation when it has one.
  nlohmann::json outbox_payload(const std::string& topic, const Case& c);
  // The valuation object a decision with resolution `r` settles on (null when the case cannot be
  // valued): the stored one of a decided case keeping its resolution, else `c` valued now with `r`.
  nlohmann::json decision_valuation(const Case& c, Resolution r);
  // The ERP messages a decided case's resolution and valuation call for, except `queued` topics.
  void queue_decision_messages(const Case& c, const Actor& by, const std::vector<std::string>& queued);

 private:
  Engine::Impl& e_;
  struct Change {
    std::int64_t case_id = 0;
    std::int64_t version = 0;
    nlohmann::json data;  // {"changes": {"valuation": {"before", "after"}}} (+ "error")
  };
  std::optional<Change> pending_;
};

}  // namespace rma
