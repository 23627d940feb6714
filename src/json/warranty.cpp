// json/warranty.cpp — warranty results and contracts as JSON (formats: docs/json.md, docs/warranty.md).
#include "json/warranty.hpp"

#include "json/case.hpp"
#include "json/sales.hpp"
#include "json/time.hpp"

namespace rma::codec {
namespace {

using nlohmann::json;

json reason_value(const Reason& r) { return {{"code", r.code}, {"message", r.message}}; }

json period_value(const LegalPeriod& p) {
  return {{"period", p.period},
          {"rule", p.rule},
          {"start", p.start.to_iso()},
          {"nominal_end", p.nominal_end.to_iso()},
          {"end", p.end.to_iso()},
          {"text", p.text}};
}

}  // namespace

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
  json periods = json::array();
  for (const LegalPeriod& p : v.periods) periods.push_back(period_value(p));
  return {{"covered", v.covered},
          {"coverage", coverage_kind_name(v.coverage)},
          {"expires", date_value(v.expires)},
          {"days_remaining", v.days_remaining},
          {"supplier_recoverable", v.supplier_recoverable},
          {"supplier_until", date_value(v.supplier_until)},
          {"presumption_until", date_value(v.presumption_until)},
          {"reasons", std::move(reasons)},
          {"evidence",
           {{"policy", v.policy},
            {"policy_match", v.policy_match},
            {"today", v.today.to_iso()},
            {"sale_date", date_value(v.sale_date)},
            {"delivery_date", date_value(v.delivery_date)},
            {"start_date", date_value(v.start_date)},
            {"document", v.document},
            {"purchase_document", v.purchase_document},
            {"replaced_serial", v.replaced_serial},
            {"manufacturer_expires", date_value(v.manufacturer_expires)},
            {"legal_expires", date_value(v.legal_expires)},
            {"extended_expires", date_value(v.extended_expires)},
            {"periods", std::move(periods)}}}};
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

json to_json_value(const EligibilityInput& input) {
  return {{"case", input.c ? to_json_value(*input.c) : json(nullptr)},
          {"line_no", input.line ? input.line->line_no : 0},
          {"unit", input.unit ? to_json_value(*input.unit) : json(nullptr)},
          {"today", input.today.to_iso()}};
}

}  // namespace rma::codec
