#include "store/valued_event.hpp"

#include <nlohmann/json.hpp>

#include "events/event_type.hpp"
#include "json/skim.hpp"
#include "rma/error.hpp"

namespace rma::store {

bool points_at_valuation(const Event& e) {
  static const std::string kValued = events::event_type_name(events::EventType::case_valued);
  return e.case_id != 0 && e.type == kValued;
}

std::string valuation_from_valued_event(const std::string& data, std::int64_t seq) {
  const std::string where = "events[" + std::to_string(seq) + "].data";
  try {
    const nlohmann::json doc = nlohmann::json::parse(data);
    const nlohmann::json& after = doc.at("changes").at("valuation").at("after");
    // The engine's valuation text is nlohmann's dump of the same document: parsing and dumping
    // it again gives the same bytes (tests/unit/test_valuation_storage.cpp holds to that).
    return after.is_null() ? std::string() : after.dump();
  } catch (const nlohmann::json::exception&) {
    throw Error(Status::storage, where, "the case points at an event that holds no valuation");
  }
}

std::string valuation_skimmed_from_valued_event(const std::string& data, std::int64_t seq) {
  const auto changes = codec::member_text(data, "changes");
  const auto valuation = changes ? codec::member_text(*changes, "valuation") : std::nullopt;
  const auto after = valuation ? codec::member_text(*valuation, "after") : std::nullopt;
  if (!after) return valuation_from_valued_event(data, seq);
  return *after == "null" ? std::string() : std::string(*after);
}

}  // namespace rma::store
