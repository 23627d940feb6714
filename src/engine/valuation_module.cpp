#include "engine/valuation_module.hpp"

#include <algorithm>
#include <utility>

#include "json/case.hpp"
#include "json/parse.hpp"
#include "json/party.hpp"
#include "json/product.hpp"
#include "json/reader.hpp"
#include "json/sales.hpp"
#include "json/warranty.hpp"
#include "domain/valuation_input.hpp"
#include "domain/valuation_messages.hpp"
#include "engine/engine_impl.hpp"

namespace rma {

using nlohmann::json;

// --- configuration ---------------------------------------------------------------------------

const ValuationRules& ValuationModule::rules() { return document.get(*e_.store); }

void ValuationModule::configure(const Actor& by, const ValuationRules& rules) {
  e_.require_admin(by, "change the valuation rules");
  // Round-trip through JSON: the one validation every front door shares.
  const std::string text = valuation_rules_to_json(rules);
  ValuationRules checked = valuation_rules_from_json(text);
  const std::string before = valuation_rules_to_json(this->rules());
  e_.configure_document(by, document, text, std::move(checked), events::valuation_configured(before, text));
}

// --- the input a case gives ------------------------------------------------------------------

namespace {

// The valuation's sources in the engine: the unit registry and the store.
class EngineValuationSources final : public domain::ValuationSources {
 public:
  EngineValuationSources(UnitCache& reg, store::Store& store) : reg_(reg), store_(store) {}
  const Product* product(const std::string& sku) override { return reg_.product(sku); }
  std::vector<const SoldUnit*> sold_on_line(const std::string& document, std::int32_t line) override {
    return reg_.by_line(document, line);
  }
  const DocumentDiscount* document_discount(const std::string& document) override {
    return reg_.document_discount(document);
  }
  void earlier_returns(const std::string& document, std::int32_t line, std::int64_t before_case,
                       const EarlierReturn& each) override {
    for (const store::Store::EarlierReturn& r : store_.earlier_returns(document, line, before_case)) {
      each(r.quantity, r.line_no, r.valuation);
    }
  }

 private:
  UnitCache& reg_;
  store::Store& store_;
};

}  // namespace

ValuationInput ValuationModule::input(const Case& c) {
  const ValuationRules& rules = this->rules();
  EngineValuationSources sources(e_.warranty.registry(), *e_.store);
  return domain::valuation_input(c, rules, e_.warranty.today(), sources);
}

// --- the stored valuation --------------------------------------------------------------------

std::optional<json> ValuationModule::revalue(Case& c) {
  std::string next;
  std::optional<std::pair<std::string, std::string>> error;
  try {
    ValuationInput in = input(c);
    if (!in.currency.empty()) next = valuation_to_json(value(rules(), in));
  } catch (const Error& e) {
    // A case the rules cannot value (a part in another currency, say) still takes the command;
    // it has no valuation until it can be valued again.
    error.emplace(e.field(), codec::error_message(e));
  }
  if (next == c.valuation) return std::nullopt;
  json data = events::case_valued(c.valuation, next, error).data;
  c.valuation = std::move(next);
  return data;
}

void ValuationModule::emit_valued(const Case& c, const Actor& by, json data) {
  data["version"] = c.version;
  e_.emit(&c, by, events::Payload{events::EventType::case_valued, std::move(data)});
}

void ValuationModule::note_change(const Case& c, json data) { pending_ = Change{c.id, c.version, std::move(data)}; }

void ValuationModule::record(const Case& c, const Actor& by) {
  if (!pending_ || pending_->case_id != c.id || pending_->version != c.version) return;
  json data = std::move(pending_->data);
  pending_.reset();
  emit_valued(c, by, std::move(data));
}

Valuation ValuationModule::case_valuation(const Actor& by, std::int64_t id) {
  e_.require_staff(by, "read valuations", id);
  const Case c = e_.load_for(by, id, std::nullopt);
  const ValuationInput in = input(c);
  if (in.currency.empty()) {
    throw Error(Status::invalid_argument, "currency",
                "the case has no priced line, part or rule to take a currency from, so it cannot be valued");
  }
  return value(rules(), in);
}

// --- ERP messages ----------------------------------------------------------------------------

json ValuationModule::outbox_payload(const std::string& topic, const Case& c) {
  if (c.valuation.empty()) return domain::outbox_payload(topic, c);
  const json valuation = json::parse(c.valuation);
  if (!domain::is_valuation_topic(topic)) {
    json payload = domain::outbox_payload(topic, c);
    payload["valuation"] = valuation;
    return payload;
  }
  return domain::valuation_message(topic, c, valuation, [this](const std::string& sku) {
    const Product* product = e_.warranty.registry().product(sku);
    return product ? product->supplier_id : std::string();
  });
}

json ValuationModule::decision_valuation(const Case& c, Resolution r) {
  if (c.decision_locked && r == c.resolution) return c.valuation.empty() ? json(nullptr) : json::parse(c.valuation);
  Case decided = c;
  decided.resolution = r;
  try {
    const ValuationInput in = input(decided);
    if (in.currency.empty()) return nullptr;
    return json::parse(valuation_to_json(value(rules(), in)));
  } catch (const Error&) {
    return nullptr;  // as revalue: a case the rules cannot value has no valuation
  }
}

void ValuationModule::queue_decision_messages(const Case& c, const Actor& by, const std::vector<std::string>& queued) {
  const json valuation = c.valuation.empty() ? json(nullptr) : json::parse(c.valuation);
  for (const std::string& topic : domain::decision_topics(c, valuation)) {
    if (std::find(queued.begin(), queued.end(), topic) != queued.end()) continue;  // an outbox effect sent it
    e_.outbox.queue(c, by, topic, outbox_payload(topic, c).dump());
  }
}

}  // namespace rma
