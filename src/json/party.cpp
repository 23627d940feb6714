// json/party.cpp — customers, suppliers and operators, both ways.
#include "json/party.hpp"

#include "json/enums.hpp"
#include "json/parse.hpp"
#include "json/reader.hpp"
#include "rma/actor.hpp"

namespace rma::codec {

namespace {

nlohmann::json addresses_value(const std::vector<Address>& addresses) {
  nlohmann::json out = nlohmann::json::array();
  for (const Address& a : addresses) out.push_back(to_json_value(a));
  return out;
}

std::vector<Address> read_addresses(ObjectReader& r, const Limits& limits) {
  std::vector<Address> out;
  const nlohmann::json* items = r.optional_array("addresses", kNoLimit);
  if (items == nullptr) return out;
  const std::string path = r.path_of("addresses");
  for (std::size_t i = 0; i < items->size(); ++i) {
    ObjectReader a((*items)[i], element_path(path, i));
    Address address;
    a.read_text("kind", limits.max_text_bytes, address.kind);
    a.read_text("line1", limits.max_text_bytes, address.line1);
    a.read_text("line2", limits.max_text_bytes, address.line2);
    a.read_text("city", limits.max_text_bytes, address.city);
    a.read_text("postal_code", limits.max_text_bytes, address.postal_code);
    a.read_text("region", limits.max_text_bytes, address.region);
    a.read_text("country", limits.max_text_bytes, address.country);
    a.finish();
    out.push_back(std::move(address));
  }
  return out;
}

std::vector<std::string> read_phones(ObjectReader& r, const Limits& limits) {
  std::vector<std::string> out;
  const nlohmann::json* items = r.optional_array("phones", kNoLimit);
  if (items == nullptr) return out;
  const std::string path = r.path_of("phones");
  for (std::size_t i = 0; i < items->size(); ++i) {
    const nlohmann::json& phone = (*items)[i];
    if (!phone.is_string()) throw_wrong_type(element_path(path, i), "string", phone);
    const auto& text = phone.get_ref<const std::string&>();
    if (static_cast<std::int64_t>(text.size()) > limits.max_text_bytes) {
      throw Error(Status::too_large, element_path(path, i),
                  "is " + std::to_string(text.size()) + " bytes, more than the limit of " +
                      std::to_string(limits.max_text_bytes));
    }
    out.push_back(text);
  }
  return out;
}

}  // namespace

nlohmann::json to_json_value(const Address& a) {
  return {{"kind", a.kind},         {"line1", a.line1},   {"line2", a.line2},    {"city", a.city},
          {"postal_code", a.postal_code}, {"region", a.region}, {"country", a.country}};
}

nlohmann::json to_json_value(const FraudSignals& f) {
  nlohmann::json signals = nlohmann::json::array();
  for (const FraudSignal& s : f.signals) {
    signals.push_back({{"code", s.code},
                       {"raised", s.raised},
                       {"value", s.value},
                       {"threshold", s.threshold},
                       {"count", s.count},
                       {"min_count", s.min_count},
                       {"cases", s.cases},
                       {"serials", s.serials}});
  }
  return {{"raised", f.raised},
          {"signals", std::move(signals)},
          {"lines", f.lines},
          {"units_returned", f.units_returned},
          {"units_bought", f.units_bought}};
}

nlohmann::json to_json_value(const Customer& c) {
  nlohmann::json out = {{"id", c.id},
          {"name", c.name},
          {"tax_id", c.tax_id},
          {"addresses", addresses_value(c.addresses)},
          {"email", c.email},
          {"phones", c.phones},
          {"tier", c.tier},
          {"language", c.language}};
  if (c.fraud_signals) out["fraud_signals"] = to_json_value(*c.fraud_signals);
  return out;
}

nlohmann::json to_json_value(const Supplier& s) {
  return {{"id", s.id},
          {"name", s.name},
          {"tax_id", s.tax_id},
          {"addresses", addresses_value(s.addresses)},
          {"email", s.email},
          {"phones", s.phones}};
}

nlohmann::json to_json_value(const Operator& op) {
  return {{"id", op.id}, {"name", op.name}, {"email", op.email}, {"role", role_name(op.role)}, {"team", op.team}};
}

std::string customer_to_json(const Customer& customer) { return dump_json(to_json_value(customer)); }
std::string supplier_to_json(const Supplier& supplier) { return dump_json(to_json_value(supplier)); }
std::string operator_to_json(const Operator& op) { return dump_json(to_json_value(op)); }

Customer customer_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  Customer c;
  c.id = r.text("id", limits.max_text_bytes);
  r.read_text("name", limits.max_text_bytes, c.name);
  r.read_text("tax_id", limits.max_text_bytes, c.tax_id);
  c.addresses = read_addresses(r, limits);
  r.read_text("email", limits.max_text_bytes, c.email);
  c.phones = read_phones(r, limits);
  r.read_text("tier", limits.max_text_bytes, c.tier);
  r.read_text("language", limits.max_text_bytes, c.language);
  // Computed by customer.get for staff: a customer read back and upserted again carries it.
  r.find("fraud_signals");
  r.finish();
  return c;
}

Supplier supplier_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  Supplier s;
  s.id = r.text("id", limits.max_text_bytes);
  r.read_text("name", limits.max_text_bytes, s.name);
  r.read_text("tax_id", limits.max_text_bytes, s.tax_id);
  s.addresses = read_addresses(r, limits);
  r.read_text("email", limits.max_text_bytes, s.email);
  s.phones = read_phones(r, limits);
  r.finish();
  return s;
}

Operator operator_from_json(const nlohmann::json& value, const Limits& limits) {
  ObjectReader r(value, std::string());
  Operator op;
  op.id = r.text("id", limits.max_text_bytes);
  r.read_text("name", limits.max_text_bytes, op.name);
  r.read_text("email", limits.max_text_bytes, op.email);
  op.role = r.optional_enumeration("role", role_from_name, kRoleNames).value_or(op.role);
  r.read_text("team", limits.max_text_bytes, op.team);
  r.finish();
  return op;
}

}  // namespace rma::codec
