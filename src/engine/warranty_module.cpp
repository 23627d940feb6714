#include "engine/warranty_module.hpp"

#include <algorithm>
#include <tuple>

#include "json/case.hpp"
#include "json/parse.hpp"
#include "json/party.hpp"
#include "json/product.hpp"
#include "json/reader.hpp"
#include "json/sales.hpp"
#include "json/warranty.hpp"
#include "domain/case_rules.hpp"
#include "domain/decision_lock.hpp"
#include "domain/eligibility_rules.hpp"
#include "domain/host_validator.hpp"
#include "domain/service_history.hpp"
#include "domain/warranty_rules.hpp"
#include "engine/case_command.hpp"
#include "engine/engine_impl.hpp"
#include "engine/index_loading.hpp"

namespace rma {
namespace {

using nlohmann::json;

constexpr int kMaxReplacementChain = 16;  // a unit replaced more often than this is a data error

// The sale at the start of a chain of replacements, if any.
const SoldUnit* original_sale(UnitCache& reg, const std::string& serial) {
  std::string current = serial;
  for (int depth = 0; depth < kMaxReplacementChain; ++depth) {
    const auto* r = reg.replacement_of(current);
    if (!r) return nullptr;
    current = r->replaced_serial;
    if (const SoldUnit* sold = reg.newest_by_serial(current)) return sold;
  }
  return nullptr;
}

}  // namespace

bool WarrantyModule::changes_units(events::EventType type) {
  using events::EventType;
  return type == EventType::import_completed || type == EventType::product_upserted ||
         type == EventType::extended_warranty_added || type == EventType::unit_registered ||
         type == EventType::unit_replaced;
}

WarrantyModule::WarrantyModule(Engine::Impl& engine) : e_(engine), cache_(units_, engine.store) {}

UnitCache& WarrantyModule::registry() {
  if (units_stale_) {
    if (e_.options.index_mode == IndexMode::eager) {
      load_unit_registry(*e_.store, units_);
    } else {
      units_.clear();
    }
    units_stale_ = false;
  }
  return cache_;
}

void WarrantyModule::load_at_open() {
  if (e_.options.index_mode == IndexMode::eager) load_unit_registry(*e_.store, units_);
}

// Between commands no pointer into the registry is in use: store_only forgets what the command
// loaded, lazy the oldest keys found absent beyond the registry's bound.
void WarrantyModule::end_command() noexcept {
  try {
    if (e_.options.index_mode == IndexMode::store_only) {
      units_.clear();
    } else {
      units_.trim();
    }
  } catch (...) {
    units_stale_ = true;  // dropped at the next look-up instead
  }
}

const WarrantyConfig& WarrantyModule::config() { return document.get(*e_.store).config; }

Date WarrantyModule::today() { return document.get(*e_.store).zone.local_date(e_.now()); }

// Lines that name a serial or a sales document line we know get the sale's facts; the draft's
// customer comes from the sale when it names none. Hosts that never feed sales documents keep
// their references as they gave them.
//
// A unit or sales line sold to another customer than the draft's is that customer's: the line
// keeps what the claimant typed except the sales document it named, gets nothing of the sale, and
// is not checked against it either (no error tells a claimant what someone else bought). Its
// sales line reference is dropped so that the claim counts against nobody's sale: the buyer's
// own later return stays within the quantity bound. The line is flagged for staff.
std::vector<bool> WarrantyModule::fill_from_registry(const Actor& by, CaseDraft& draft) {
  UnitCache& reg = registry();
  std::vector<bool> sold_to_other(draft.lines.size(), false);
  const auto other_buyer = [&](const SoldUnit& sold) {
    return !draft.customer_id.empty() && domain::sold_to_other_customer(sold, draft.customer_id);
  };
  for (std::size_t i = 0; i < draft.lines.size(); ++i) {
    LineDraft& l = draft.lines[i];
    const std::string at = "lines[" + std::to_string(i) + "]";
    const auto flag = [&] {
      sold_to_other[i] = true;
      l.sales_document = SalesDocumentRef{};
    };
    const SoldUnit* unit = nullptr;
    if (!l.sales_document.document.empty()) {
      auto on_line = reg.by_line(l.sales_document.document, l.sales_document.line);
      if (on_line.empty()) {
        // A document librma was never fed stays a plain reference; a known document must have
        // the line.
        auto in_document = reg.by_document(l.sales_document.document);
        if (in_document.empty()) continue;
        if (other_buyer(*in_document.front())) {
          flag();
          continue;
        }
        throw Error(Status::not_found, at + ".sales_document",
                    "no sales line " + l.sales_document.document + "/" + std::to_string(l.sales_document.line));
      }
      if (other_buyer(*on_line.front())) {
        flag();
        continue;
      }
      unit = on_line.front();
      if (!l.serial.empty()) {
        auto it = std::find_if(on_line.begin(), on_line.end(), [&](const SoldUnit* u) { return u->serial == l.serial; });
        if (it == on_line.end()) {
          throw Error(Status::invalid_argument, at + ".serial",
                      "'" + l.serial + "' is not on sales line " + l.sales_document.document + "/" +
                          std::to_string(l.sales_document.line));
        }
        unit = *it;
      }
    } else if (!l.serial.empty() && !draft.purchased_elsewhere) {
      unit = reg.newest_by_serial(l.serial);
      if (!unit) {
        // A replacement unit was never sold: its product and customer are its original's.
        if (const SoldUnit* origin = original_sale(reg, l.serial)) {
          if (other_buyer(*origin)) {
            flag();
            continue;
          }
          if (l.sku.empty()) l.sku = origin->sku;
          if (draft.customer_id.empty()) draft.customer_id = origin->customer_id;
        }
        continue;
      }
      if (other_buyer(*unit)) {
        flag();
        continue;
      }
    }
    if (!unit) continue;
    if (l.sku.empty()) l.sku = unit->sku;
    if (l.sku != unit->sku) {
      // Staff may read the sale; a claimant learns only that the SKU is not the one sold.
      throw Error(Status::invalid_argument, at + ".sku",
                  by.is_staff() ? "the sale was of '" + unit->sku + "', not '" + l.sku + "'"
                                : "'" + l.sku + "' does not match the SKU of the sale");
    }
    l.sales_document = SalesDocumentRef{unit->document, unit->line_no};
    if (l.lot.empty()) l.lot = unit->lot;
    if (draft.customer_id.empty()) draft.customer_id = unit->customer_id;
  }
  return sold_to_other;
}

void WarrantyModule::apply_sale_facts(Case& c) {
  UnitCache& reg = registry();
  for (CaseLine& l : c.lines) {
    if (l.sales_document.document.empty() || domain::has_flag(l, domain::kUnitSoldToOtherCustomer)) continue;
    auto on_line = reg.by_line(l.sales_document.document, l.sales_document.line);
    if (on_line.empty()) continue;
    const SoldUnit* u = on_line.front();
    l.purchase_date = u->sale_date;
    l.unit_price = u->unit_price;
    l.currency = u->currency;
    l.vat_rate_bp = u->vat_rate_bp;
    l.dispatch_document = u->dispatch_document;
    l.packers = u->packers;
  }
}

WarrantyVerdict WarrantyModule::verdict_for(const std::string& serial, Date on, const std::vector<std::string>& findings,
                                          bool proof_of_purchase, int depth) {
  UnitCache& reg = registry();
  const WarrantyConfig& config = this->config();
  // One look-up for everything known about the serial: this is the hot path of every check.
  const index::UnitRegistry::SerialFacts* known = reg.facts(serial);
  domain::UnitFacts f;
  f.serial = serial;
  f.void_findings = findings;
  f.proof_of_purchase = proof_of_purchase;
  if (known) {
    f.sold = known->newest_sale;
    f.registration_date = known->registration;
    f.purchased = known->purchased;
    if (known->contracts) f.contracts = *known->contracts;
  }
  std::string sku = f.sold ? f.sold->sku : std::string();
  const store::Store::Replacement* r = known ? known->replacement : nullptr;
  if (r && depth < kMaxReplacementChain) {
    f.replaced_serial = r->replaced_serial;
    f.replaced_on = r->on;
    WarrantyVerdict original = verdict_for(r->replaced_serial, on, {}, true, depth + 1);
    f.inherited_expires = domain::inheritable_expiry(original);
    if (sku.empty()) {
      if (const SoldUnit* origin = original_sale(reg, serial)) sku = origin->sku;
    }
  }
  if (!sku.empty()) f.product = reg.product(sku);
  return domain::decide_warranty(config, f, on);
}

const SoldUnit* WarrantyModule::sale_of(const CaseLine& line) {
  UnitCache& reg = registry();
  if (!line.sales_document.document.empty()) {
    auto on_line = reg.by_line(line.sales_document.document, line.sales_document.line);
    return on_line.empty() ? nullptr : on_line.front();
  }
  return line.serial.empty() ? nullptr : reg.newest_by_serial(line.serial);
}

bool WarrantyModule::names_other_customers_unit(const Case& c, const CaseLine& line) {
  if (domain::has_flag(line, domain::kUnitSoldToOtherCustomer)) return true;
  const SoldUnit* sold = sale_of(line);
  return sold && domain::sold_to_other_customer(*sold, c.customer_id);
}

WarrantyVerdict WarrantyModule::verdict_without_sale(const CaseLine& line, Date on, bool proof_of_purchase) {
  domain::UnitFacts f;
  f.serial = line.serial;
  f.void_findings = line.void_conditions;
  f.proof_of_purchase = proof_of_purchase;
  f.product = registry().product(line.sku);
  return domain::decide_warranty(config(), f, on);
}

Eligibility WarrantyModule::eligibility_for(const Case& c, const CaseLine& line, Date on) {
  UnitCache& reg = registry();
  const WarrantyConfig& config = this->config();
  const SoldUnit* sold = nullptr;
  SoldUnit whole_line;  // the sales line as one unit, so quantities compare line to line
  if (!line.sales_document.document.empty()) {
    auto units_on_line = reg.by_line(line.sales_document.document, line.sales_document.line);
    if (!units_on_line.empty()) {
      whole_line = *units_on_line.front();
      whole_line.quantity = 0;
      for (const SoldUnit* u : units_on_line) whole_line.quantity += u->quantity;
      sold = &whole_line;
    }
  } else if (!line.serial.empty()) {
    sold = reg.newest_by_serial(line.serial);
  }
  // Another customer's sale decides nothing about this claim and its facts stay out of it.
  const bool other = names_other_customers_unit(c, line);
  if (other) sold = nullptr;
  domain::EligibilityFacts facts;
  facts.c = &c;
  facts.line = &line;
  facts.sold = sold;
  facts.sold_to_other_customer = other;
  facts.product = reg.product(line.sku);
  facts.today = on;
  if (sold && !line.sales_document.document.empty()) {
    facts.already_returned = units_claimed_before(c, line);
  }
  facts.proof_of_purchase = sold != nullptr || !c.attachments.empty();
  facts.proof_required = true;
  Eligibility result = domain::decide_eligibility(config.returns, facts);

  EligibilityInput input{&c, &line, sold, on};
  for (const auto& [name, validator] : validators) {
    result.results.push_back(domain::run_host_validator(name, validator, input));
  }
  result.outcome = domain::overall_outcome(result.results);
  return result;
}

std::optional<std::string> WarrantyModule::withdrawal_jurisdiction(const Case& c) {
  if (c.kind != CaseKind::return_ || c.channel != Channel::b2c) return std::nullopt;  // no look-ups for the rest
  const Date notice = document.get(*e_.store).zone.local_date(c.created_at);
  for (const CaseLine& line : c.lines) {
    if (names_other_customers_unit(c, line)) continue;
    const SoldUnit* sold = sale_of(line);
    if (domain::is_withdrawal(config().returns, c, line, sold, registry().product(line.sku), notice))
      return sold->jurisdiction;
  }
  return std::nullopt;
}

std::vector<std::string> WarrantyModule::sale_jurisdictions(const Case& c) {
  std::vector<std::string> out;
  for (const CaseLine& line : c.lines) {
    const SoldUnit* sold = names_other_customers_unit(c, line) ? nullptr : sale_of(line);
    out.push_back(sold ? sold->jurisdiction : std::string());
  }
  return out;
}

void WarrantyModule::configure(const Actor& by, const WarrantyConfig& config) {
  e_.require_admin(by, "change the warranty rules");
  // Round-trip through JSON: the one validation every front door shares.
  const std::string text = warranty_config_to_json(config);
  WarrantyConfig checked = warranty_config_from_json(text);  // validates, time zone included
  domain::TimeZone zone = domain::TimeZone::parse(checked.time_zone, "time_zone");
  const std::string before = warranty_config_to_json(this->config());
  e_.configure_document(by, document, text, WarrantySettings{std::move(checked), std::move(zone)},
                        events::warranty_configured(before, text));
}

void WarrantyModule::add_extended_warranty(const Actor& by, const ExtendedWarranty& w) {
  e_.require_staff(by, "add warranty contracts");
  domain::check_text("serial", w.serial, e_.options.limits.max_text_bytes, true);
  domain::check_text("contract", w.contract, e_.options.limits.max_text_bytes, true);
  domain::check_text("coverage", w.coverage, e_.options.limits.max_text_bytes);
  if (std::tie(w.end.year, w.end.month, w.end.day) < std::tie(w.start.year, w.start.month, w.start.day)) {
    throw Error(Status::out_of_range, "end", "the contract ends (" + w.end.to_iso() + ") before it starts (" +
                                                 w.start.to_iso() + ")");
  }
  Date::from_iso(w.start.to_iso());  // real calendar dates only
  Date::from_iso(w.end.to_iso());
  e_.store->put_extended_warranty(w);
  registry().put_extended_warranty(w);
  tx_units_touched_ = true;
  e_.emit(nullptr, by, events::extended_warranty_added(w));
}

void WarrantyModule::register_unit(const Actor& by, const std::string& serial, Date on) {
  e_.authenticate(by);
  if (by.role == Role::supplier) throw Error(Status::permission_denied, "actor", "a supplier may not register units", "role_not_allowed");
  domain::check_text("serial", serial, e_.options.limits.max_text_bytes, true);
  Date::from_iso(on.to_iso());
  if (by.role == Role::customer) {
    const SoldUnit* sold = registry().newest_by_serial(serial);
    if (!sold || sold->customer_id != by.id) {
      throw Error(Status::permission_denied, "serial", "a customer may register only units sold to it", "not_own_unit");
    }
  }
  e_.store->put_registration(serial, on);
  registry().put_registration(serial, on);
  tx_units_touched_ = true;
  e_.emit(nullptr, by, events::unit_registered(serial, on));
}

namespace {
// A new verdict is written into the line (lines_changed).
const CaseCommand kCheckCaseLine{CaseAccess::staff, "check case lines"};
}  // namespace

Case WarrantyModule::check_case_line(const Actor& by, std::int64_t case_id, std::int32_t line_no,
                                   ExpectedVersion expected) {
  return e_.run_case_command(by, case_id, expected, kCheckCaseLine, [&](Case& c) -> std::optional<CaseChange> {
    auto it = std::find_if(c.lines.begin(), c.lines.end(), [&](const CaseLine& l) { return l.line_no == line_no; });
    if (it == c.lines.end()) {
      throw Error(Status::not_found, "line_no", "the case has no line " + std::to_string(line_no));
    }
    const Date on = today();
    const bool proof = !it->sales_document.document.empty() || !c.attachments.empty();
    // A unit sold to another customer keeps its flag, and its sale stays out of the verdict; a
    // line opened before that sale was imported gets the flag now.
    const bool other = names_other_customers_unit(c, *it);
    if (other && !domain::has_flag(*it, domain::kUnitSoldToOtherCustomer)) {
      it->flags.push_back(domain::kUnitSoldToOtherCustomer);
    }
    json verdict = it->serial.empty() ? json(nullptr)
                   : other            ? codec::to_json_value(verdict_without_sale(*it, on, proof))
                                      : codec::to_json_value(verdict_for(it->serial, on, it->void_conditions, proof));
    json eligibility = codec::to_json_value(eligibility_for(c, *it, on));
    const std::string warranty = verdict.is_null() ? std::string() : verdict.dump();
    // A decided case may be checked again, as long as the supplier's coverage it was valued with stays.
    if (domain::verdict_changes_value(it->warranty, warranty)) {
      e_.require_undecided(c, by, "line_no", "a new warranty verdict changing the supplier's coverage of line " +
                                              std::to_string(line_no));
    }
    it->warranty = warranty;
    it->eligibility = eligibility.dump();
    return CaseChange{events::line_checked(line_no, it->serial, verdict, eligibility), true};
  });
}

// A replacement serial set on a line records the new unit as replacing the line's unit.
void WarrantyModule::record_replacements(const Actor& by, const Case& before, const Case& after) {
  for (const CaseLine& l : after.lines) {
    if (l.replacement_serial.empty() || l.serial.empty()) continue;
    auto old = std::find_if(before.lines.begin(), before.lines.end(),
                            [&](const CaseLine& b) { return b.line_no == l.line_no; });
    if (old != before.lines.end() && old->replacement_serial == l.replacement_serial) continue;
    const Date on = today();
    e_.store->put_replacement(l.replacement_serial, l.serial, on, after.id);
    registry().put_replacement(store::Store::Replacement{l.replacement_serial, l.serial, on, after.id});
    tx_units_touched_ = true;
    e_.emit(&after, by, events::unit_replaced(l.replacement_serial, l.serial, on, l.line_no));
  }
}

std::vector<ServiceRecord> WarrantyModule::service_history(const Actor& by, const std::string& serial) {
  e_.require_staff(by, "read service histories");
  std::vector<ServiceRecord> out;
  CaseQuery q;
  q.serial = serial;
  q.limit = 1000;
  for (const CaseSummary& s : e_.store->query_cases(q, store::CaseScope(), {}, e_.now()).items) {
    out.push_back(ServiceRecord{s.created_at, s.id, s.number, domain::kServiceCaseOpened,
                                json{{"kind", case_kind_name(s.kind)}, {"status", s.status}}.dump()});
    for (const Event& e : e_.store->case_events(s.id)) {
      const std::optional<events::EventType> type = events::event_type_from_name(e.type);
      if (type != events::EventType::line_checked && type != events::EventType::unit_replaced) continue;
      json data = json::parse(e.data);
      const std::string where = "events[" + std::to_string(e.seq) + "].data";
      if (type == events::EventType::line_checked) {
        if (events::line_checked_from(data, where).serial != serial) continue;
        out.push_back(ServiceRecord{e.at, s.id, s.number, domain::kServiceWarrantyChecked, data.dump()});
        continue;
      }
      const events::UnitReplaced replaced = events::unit_replaced_from(data, where);
      if (replaced.replaced_serial == serial) {
        out.push_back(ServiceRecord{e.at, s.id, s.number, domain::kServiceReplacedBy, data.dump()});
      } else if (replaced.serial == serial) {
        out.push_back(ServiceRecord{e.at, s.id, s.number, domain::kServiceReplaces, data.dump()});
      }
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const ServiceRecord& a, const ServiceRecord& b) { return a.at < b.at; });
  return out;
}

}  // namespace rma
