// JSON encoding of sales data and warranty results (formats: docs/json.md, docs/warranty.md).
#include "api/codec.hpp"

namespace rma::api {
namespace {

using nlohmann::json;

json date_or_null(const std::optional<Date>& d) { return d ? json(d->to_iso()) : json(nullptr); }

json reason_value(const Reason& r) { return {{"code", r.code}, {"message", r.message}}; }

}  // namespace

json to_json_value(const SalesDocument& d) {
  json lines = json::array();
  for (const SalesLine& l : d.lines) {
    lines.push_back({{"line_no", l.line_no}, {"sku", l.sku}, {"quantity", l.quantity}, {"unit_price", l.unit_price},
                     {"vat_rate_bp", l.vat_rate_bp}, {"discount", l.discount}, {"serials", l.serials}, {"lot", l.lot},
                     {"dispatch_document", l.dispatch_document}, {"packers", l.packers}});
  }
  return {{"id", d.id},
          {"date", d.date.to_iso()},
          {"delivery_date", date_or_null(d.delivery_date)},
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
          {"delivery_date", date_or_null(u.delivery_date)},
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

json to_json_value(const ExtendedWarranty& w) {
  return {{"serial", w.serial},
          {"contract", w.contract},
          {"start", w.start.to_iso()},
          {"end", w.end.to_iso()},
          {"coverage", w.coverage}};
}

json to_json_value(const WarrantyVerdict& v) {
  json reasons = json::array();
  for (const Reason& r : v.reasons) reasons.push_back(reason_value(r));
  return {{"covered", v.covered},
          {"coverage", coverage_kind_name(v.coverage)},
          {"expires", date_or_null(v.expires)},
          {"days_remaining", v.days_remaining},
          {"supplier_recoverable", v.supplier_recoverable},
          {"supplier_until", date_or_null(v.supplier_until)},
          {"reasons", std::move(reasons)},
          {"evidence",
           {{"policy", v.policy},
            {"policy_match", v.policy_match},
            {"today", v.today.to_iso()},
            {"sale_date", date_or_null(v.sale_date)},
            {"delivery_date", date_or_null(v.delivery_date)},
            {"start_date", date_or_null(v.start_date)},
            {"document", v.document},
            {"purchase_document", v.purchase_document},
            {"replaced_serial", v.replaced_serial},
            {"manufacturer_expires", date_or_null(v.manufacturer_expires)},
            {"legal_expires", date_or_null(v.legal_expires)},
            {"extended_expires", date_or_null(v.extended_expires)}}}};
}

json to_json_value(const Eligibility& e) {
  json results = json::array();
  for (const ValidatorResult& r : e.results) {
    results.push_back({{"validator", r.validator}, {"outcome", outcome_name(r.outcome)}, {"reason", reason_value(r.reason)}});
  }
  return {{"outcome", outcome_name(e.outcome)}, {"results", std::move(results)}};
}

json to_json_value(const ServiceRecord& r) {
  return {{"at", r.at.to_iso()},
          {"case_id", r.case_id},
          {"case_number", r.case_number},
          {"type", r.type},
          {"detail", r.detail.empty() ? json::object() : json::parse(r.detail)}};
}

json to_json_value(const ImportReport& r) {
  json errors = json::array();
  for (const ImportRowError& e : r.errors) {
    errors.push_back({{"line", e.line}, {"field", e.field}, {"reason", e.reason}, {"code", e.code}});
  }
  json counts = json::array();
  for (const ImportErrorCount& c : r.error_counts) {
    counts.push_back({{"field", c.field}, {"reason", c.reason}, {"count", c.count}});
  }
  return {{"rows_read", r.rows_read},
          {"records_written", r.records_written},
          {"records_unchanged", r.records_unchanged},
          {"rows_rejected", r.rows_rejected},
          {"committed", r.committed},
          {"errors", std::move(errors)},
          {"errors_truncated", r.errors_truncated},
          {"error_counts", std::move(counts)}};
}

json to_json_value(const EligibilityInput& input) {
  return {{"case", input.c ? to_json_value(*input.c) : json(nullptr)},
          {"line_no", input.line ? input.line->line_no : 0},
          {"unit", input.unit ? to_json_value(*input.unit) : json(nullptr)},
          {"today", input.today.to_iso()}};
}

}  // namespace rma::api
