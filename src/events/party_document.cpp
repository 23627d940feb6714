#include "events/party_document.hpp"

namespace rma::events {
namespace {

using json = nlohmann::json;

json addresses_document(const std::vector<Address>& addresses) {
  json out = json::array();
  for (const Address& a : addresses) {
    out.push_back({{"kind", a.kind},
                   {"line1", a.line1},
                   {"line2", a.line2},
                   {"city", a.city},
                   {"postal_code", a.postal_code},
                   {"region", a.region},
                   {"country", a.country}});
  }
  return out;
}

}  // namespace

json customer_document(const Customer& c) {
  return {{"id", c.id},
          {"name", c.name},
          {"tax_id", c.tax_id},
          {"addresses", addresses_document(c.addresses)},
          {"email", c.email},
          {"phones", c.phones},
          {"tier", c.tier},
          {"language", c.language}};
}

json supplier_document(const Supplier& s) {
  return {{"id", s.id},
          {"name", s.name},
          {"tax_id", s.tax_id},
          {"addresses", addresses_document(s.addresses)},
          {"email", s.email},
          {"phones", s.phones}};
}

json operator_document(const Operator& op) {
  return {{"id", op.id}, {"name", op.name}, {"email", op.email}, {"role", role_name(op.role)}, {"team", op.team}};
}

json product_document(const Product& p) {
  return {{"sku", p.sku},
          {"name", p.name},
          {"brand", p.brand},
          {"category", p.category},
          {"supplier_id", p.supplier_id},
          {"serialized", p.serialized}};
}

json extended_warranty_document(const ExtendedWarranty& w) {
  return {{"serial", w.serial},
          {"contract", w.contract},
          {"start", w.start.to_iso()},
          {"end", w.end.to_iso()},
          {"coverage", w.coverage}};
}

}  // namespace rma::events
