// The ERP messages of a decided case, built from its stored valuation (docs/valuation.md).
// Amounts are minor units with their currency, as in every outbox payload; each message's lines
// add up to its totals exactly, because both come from the same breakdown entries.
#include "domain/valuation_messages.hpp"

#include <algorithm>
#include <map>

#include "domain/refund_decision.hpp"
#include "rma/money.hpp"

namespace rma::domain {
namespace {

using nlohmann::json;

constexpr const char* kCreditNote = "credit_note_request";
constexpr const char* kReplacement = "replacement_order";
constexpr const char* kRepairInvoice = "repair_invoice";
constexpr const char* kDebitNote = "debit_note";

json header(const std::string& topic, const Case& c) {
  return {{"topic", topic},
          {"case_id", c.id},
          {"case_number", c.number},
          {"kind", case_kind_name(c.kind)},
          {"customer_id", c.customer_id},
          {"supplier_id", c.supplier_id},
          {"resolution", resolution_name(c.resolution)}};
}

const CaseLine* line_of(const Case& c, std::int64_t line_no) {
  for (const CaseLine& l : c.lines) {
    if (l.line_no == line_no) return &l;
  }
  return nullptr;
}

json line_header(const CaseLine* l, std::int64_t line_no) {
  json out = {{"line_no", line_no}};
  if (l) {
    out["sku"] = l->sku;
    out["serial"] = l->serial;
    out["sales_document"] = {{"document", l->sales_document.document}, {"line", l->sales_document.line}};
  }
  return out;
}

Money money_of(const json& entry, const char* key) { return parse_money(entry.at(key).get<std::string>(), key); }

std::vector<const json*> entries(const json& valuation, const char* code) {
  std::vector<const json*> out;
  if (!valuation.is_object()) return out;
  for (const json& e : valuation.at("breakdown")) {
    if (e.at("code") == code) out.push_back(&e);
  }
  return out;
}

bool any_total_above_zero(const json& valuation, const char* key) {
  if (!valuation.is_object()) return false;
  for (const json& t : valuation.at("totals")) {
    if (money_of(t, key).minor > 0) return true;
  }
  return false;
}

// Sums of several amounts per currency, in currency order.
struct Sums {
  std::map<std::string, std::vector<std::int64_t>> by_currency;
  void add_to(const std::string& currency, std::initializer_list<std::int64_t> amounts) {
    auto& sums = by_currency.try_emplace(currency, std::vector<std::int64_t>(amounts.size(), 0)).first->second;
    std::size_t k = 0;
    for (std::int64_t a : amounts) {
      sums[k] = add(Money{sums[k], currency}, Money{a, currency}, "totals").minor;
      ++k;
    }
  }
  json to_json(std::initializer_list<const char*> keys) const {
    json out = json::array();
    for (const auto& [currency, sums] : by_currency) {
      json item = {{"currency", currency}};
      std::size_t k = 0;
      for (const char* key : keys) item[key] = sums[k++];
      out.push_back(std::move(item));
    }
    return out;
  }
};

json credit_note(json payload, const Case& c, const json& valuation) {
  json lines = json::array();
  Sums sums;
  for (const json* e : entries(valuation, "refund")) {
    const std::int64_t line_no = e->at("line_no").get<std::int64_t>();
    const CaseLine* l = line_of(c, line_no);
    const Money net = money_of(*e, "base");
    const Money gross = money_of(*e, "amount");
    const Money vat = subtract(gross, net, "vat");
    json line = line_header(l, line_no);
    line["quantity"] = l ? l->valued_quantity() : 0;
    line["currency"] = net.currency;
    line["vat_rate_bp"] = e->at("rate_bp");
    line["net"] = net.minor;
    line["vat"] = vat.minor;
    line["gross"] = gross.minor;
    lines.push_back(std::move(line));
    sums.add_to(net.currency, {net.minor, vat.minor, gross.minor});
  }
  payload["lines"] = std::move(lines);
  payload["totals"] = sums.to_json({"net", "vat", "gross"});
  return payload;
}

json replacement(json payload, const Case& c, const json& valuation) {
  json lines = json::array();
  Sums sums;
  const auto differences = entries(valuation, "exchange_difference");
  for (const CaseLine& l : c.lines) {
    json line = line_header(&l, l.line_no);
    line["quantity"] = l.shipped_quantity();
    line["replacement_serial"] = l.replacement_serial;
    for (const json* e : differences) {
      if (e->at("line_no") != l.line_no) continue;
      const Money amount = money_of(*e, "amount");
      line["currency"] = amount.currency;
      line["exchange_difference"] = amount.minor;
      sums.add_to(amount.currency, {amount.minor});
    }
    lines.push_back(std::move(line));
  }
  payload["lines"] = std::move(lines);
  // Positive: the customer pays the difference; negative: we owe it.
  payload["exchange_difference"] = sums.to_json({"amount"});
  return payload;
}

json repair_invoice(json payload, const Case& c, const json& valuation) {
  json operations = json::array();
  for (const RepairOperation& r : c.repairs) {
    if (!r.paid || r.status == RepairStatus::cancelled) continue;
    json parts = json::array();
    for (const PartUse& p : r.parts) {
      parts.push_back({{"sku", p.sku}, {"quantity", p.quantity}, {"unit_cost", p.unit_cost}, {"currency", p.currency}});
    }
    operations.push_back({{"id", r.id},
                          {"line_no", r.line_no},
                          {"code", r.code},
                          {"description", r.description},
                          {"labour_class", r.labour_class},
                          {"minutes", r.minutes},
                          {"parts", std::move(parts)}});
  }
  json quote = json::array();
  for (const json* e : entries(valuation, "repair_quote")) {
    const Money net = money_of(*e, "base");
    const Money gross = money_of(*e, "amount");
    quote.push_back({{"currency", net.currency},
                     {"net", net.minor},
                     {"vat_rate_bp", e->at("rate_bp")},
                     {"vat", subtract(gross, net, "vat").minor},
                     {"gross", gross.minor}});
  }
  payload["operations"] = std::move(operations);
  payload["quote"] = std::move(quote);
  return payload;
}

json debit_note(json payload, const Case& c, const json& valuation, const SupplierOf& supplier_of) {
  json lines = json::array();
  Sums sums;
  std::vector<std::string> suppliers;
  for (const json* e : entries(valuation, "supplier_recovery")) {
    const std::int64_t line_no = e->at("line_no").get<std::int64_t>();
    const CaseLine* l = line_of(c, line_no);
    const Money amount = money_of(*e, "amount");
    if (amount.minor == 0) continue;
    std::string supplier = l && supplier_of ? supplier_of(l->sku) : std::string();
    if (supplier.empty()) supplier = c.supplier_id;
    if (std::find(suppliers.begin(), suppliers.end(), supplier) == suppliers.end()) suppliers.push_back(supplier);
    json line = line_header(l, line_no);
    line["supplier_id"] = supplier;
    line["currency"] = amount.currency;
    line["base"] = money_of(*e, "base").minor;
    line["rate_bp"] = e->at("rate_bp");
    line["amount"] = amount.minor;
    lines.push_back(std::move(line));
    sums.add_to(amount.currency, {amount.minor});
  }
  // The note goes to the products' supplier when they agree; each line names its own.
  if (suppliers.size() == 1 && !suppliers.front().empty()) payload["supplier_id"] = suppliers.front();
  payload["lines"] = std::move(lines);
  payload["totals"] = sums.to_json({"amount"});
  return payload;
}

}  // namespace

bool is_valuation_topic(const std::string& topic) {
  return topic == kCreditNote || topic == kReplacement || topic == kRepairInvoice || topic == kDebitNote;
}

bool carries_value(const std::string& topic, const Case& c, const json& valuation) {
  if (topic == kCreditNote) return !nothing_to_refund(c, valuation);
  if (topic == kRepairInvoice) return any_total_above_zero(valuation, "repair_quote");
  if (topic == kDebitNote) return any_total_above_zero(valuation, "supplier_recovery");
  return true;  // a replacement order names the units to ship, priced or not
}

std::vector<std::string> decision_topics(const Case& c, const json& valuation) {
  std::vector<std::string> topics;
  switch (c.resolution) {
    case Resolution::reject: return topics;  // nothing refunded, replaced or claimed back
    case Resolution::refund:
    case Resolution::credit_note:
    case Resolution::goodwill: topics.push_back(kCreditNote); break;
    case Resolution::replace: topics.push_back(kReplacement); break;
    case Resolution::repair:
    case Resolution::none: break;
  }
  topics.push_back(kRepairInvoice);
  topics.push_back(kDebitNote);
  topics.erase(std::remove_if(topics.begin(), topics.end(),
                              [&](const std::string& topic) { return !carries_value(topic, c, valuation); }),
               topics.end());
  return topics;
}

json valuation_message(const std::string& topic, const Case& c, const json& valuation, const SupplierOf& supplier_of) {
  json payload = header(topic, c);
  if (topic == kCreditNote) return credit_note(std::move(payload), c, valuation);
  if (topic == kReplacement) return replacement(std::move(payload), c, valuation);
  if (topic == kRepairInvoice) return repair_invoice(std::move(payload), c, valuation);
  return debit_note(std::move(payload), c, valuation, supplier_of);
}

}  // namespace rma::domain
