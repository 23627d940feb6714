// json/sales.cpp — sales and purchase documents and sold units as JSON (docs/json.md).
#include "json/sales.hpp"

#include "json/time.hpp"

namespace rma::codec {

using nlohmann::json;

json to_json_value(const SalesDocument& d) {
  json lines = json::array();
  for (const SalesLine& l : d.lines) {
    lines.push_back({{"line_no", l.line_no}, {"sku", l.sku}, {"quantity", l.quantity}, {"unit_price", l.unit_price},
                     {"vat_rate_bp", l.vat_rate_bp}, {"discount", l.discount}, {"serials", l.serials}, {"lot", l.lot},
                     {"dispatch_document", l.dispatch_document}, {"packers", l.packers}});
  }
  return {{"id", d.id},
          {"date", d.date.to_iso()},
          {"delivery_date", date_value(d.delivery_date)},
          {"customer_id", d.customer_id},
          {"channel", channel_name(d.channel)},
          {"distance_sale", d.distance_sale},
          {"currency", d.currency},
          {"jurisdiction", d.jurisdiction},
          {"discount", d.discount},
          {"lines", std::move(lines)}};
}

json to_json_value(const PurchaseDocument& d) {
  json lines = json::array();
  for (const PurchaseLine& l : d.lines) {
    lines.push_back({{"line_no", l.line_no}, {"sku", l.sku}, {"quantity", l.quantity}, {"unit_cost", l.unit_cost},
                     {"serials", l.serials}});
  }
  return {{"id", d.id},
          {"date", d.date.to_iso()},
          {"supplier_id", d.supplier_id},
          {"currency", d.currency},
          {"lines", std::move(lines)}};
}

json to_json_value(const SoldUnit& u) {
  return {{"serial", u.serial},
          {"sku", u.sku},
          {"customer_id", u.customer_id},
          {"document", u.document},
          {"line_no", u.line_no},
          {"quantity", u.quantity},
          {"sale_date", u.sale_date.to_iso()},
          {"delivery_date", date_value(u.delivery_date)},
          {"channel", channel_name(u.channel)},
          {"distance_sale", u.distance_sale},
          {"jurisdiction", u.jurisdiction},
          {"currency", u.currency},
          {"unit_price", u.unit_price},
          {"vat_rate_bp", u.vat_rate_bp},
          {"line_discount", u.line_discount},
          {"lot", u.lot},
          {"dispatch_document", u.dispatch_document},
          {"packers", u.packers}};
}

}  // namespace rma::codec
