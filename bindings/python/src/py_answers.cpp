// py_answers.cpp — warranty verdicts and valuations as dicts, members in the order of the JSON
// answer's text (sorted by name), so even a dict's iteration order matches.
#include "py_answers.hpp"

#include <string>
#include <unordered_map>

#include "py_json.hpp"
#include "py_time.hpp"
#include "rma/money.hpp"

namespace rma_python {

namespace {

// A member name, interned once and kept for the process's whole life.
class Key {
 public:
  explicit Key(const char* name) : name_(name) {}
  PyObject* get() {
    if (object_ == nullptr) object_ = PyUnicode_InternFromString(name_);
    if (object_ == nullptr) throw py::error_already_set();
    return object_;
  }

 private:
  const char* name_;
  PyObject* object_ = nullptr;
};

// A dict filled member by member, sized for them up front (a plain new dict holds five before it
// grows).
class Dict {
 public:
  explicit Dict(Py_ssize_t members) : dict_(py::reinterpret_steal<py::object>(_PyDict_NewPresized(members))) {
    if (!dict_) throw py::error_already_set();
  }
  Dict& set(Key& key, const py::object& value) {
    if (PyDict_SetItem(dict_.ptr(), key.get(), value.ptr()) != 0) throw py::error_already_set();
    return *this;
  }
  py::object done() { return std::move(dict_); }

 private:
  py::object dict_;
};

py::object money(const rma::Money& amount) { return text_object(rma::format_money(amount)); }

// Codes, labels and currency codes repeat from answer to answer: each distinct text becomes one
// str, kept for the process's whole life (up to a bound, past which new ones are made each time).
py::object repeated_text(const std::string& text) {
  static std::unordered_map<std::string, PyObject*> kept;
  const auto it = kept.find(text);
  if (it != kept.end()) return py::reinterpret_borrow<py::object>(it->second);
  py::object made = text_object(text);
  if (kept.size() < 4096) kept.emplace(text, py::object(made).release().ptr());
  return made;
}

template <class Item, class Convert>
py::object list_of(const std::vector<Item>& items, Convert convert) {
  py::list list(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    PyList_SET_ITEM(list.ptr(), static_cast<Py_ssize_t>(i), convert(items[i]).release().ptr());
  }
  return std::move(list);
}

Key k_code("code"), k_message("message"), k_end("end"), k_nominal_end("nominal_end"), k_period("period"),
    k_rule("rule"), k_start("start"), k_text("text");
Key k_coverage("coverage"), k_covered("covered"), k_days_remaining("days_remaining"), k_evidence("evidence"),
    k_expires("expires"), k_presumption_until("presumption_until"), k_reasons("reasons"),
    k_supplier_recoverable("supplier_recoverable"), k_supplier_until("supplier_until");
Key k_delivery_date("delivery_date"), k_document("document"), k_extended_expires("extended_expires"),
    k_legal_expires("legal_expires"), k_manufacturer_expires("manufacturer_expires"), k_periods("periods"),
    k_policy("policy"), k_policy_match("policy_match"), k_purchase_document("purchase_document"),
    k_replaced_serial("replaced_serial"), k_sale_date("sale_date"), k_start_date("start_date"), k_today("today");

py::object reason(const rma::Reason& r) {
  return Dict(2).set(k_code, repeated_text(r.code)).set(k_message, repeated_text(r.message)).done();
}

py::object period(const rma::LegalPeriod& p) {
  return Dict(6)
      .set(k_end, date_object(p.end))
      .set(k_nominal_end, date_object(p.nominal_end))
      .set(k_period, repeated_text(p.period))
      .set(k_rule, repeated_text(p.rule))
      .set(k_start, date_object(p.start))
      .set(k_text, repeated_text(p.text))
      .done();
}

Key k_amount("amount"), k_base("base"), k_label("label"), k_line_no("line_no"), k_rate_bp("rate_bp");
Key k_claimed_value("claimed_value"), k_currency("currency"), k_exchange_difference("exchange_difference"),
    k_net_cost("net_cost"), k_recovery_value("recovery_value"), k_refund("refund"), k_refund_net("refund_net"),
    k_repair_cost("repair_cost"), k_repair_quote("repair_quote"), k_supplier_recovery("supplier_recovery");
Key k_breakdown("breakdown"), k_totals("totals");

py::object breakdown_line(const rma::BreakdownLine& line) {
  return Dict(6)
      .set(k_amount, money(line.amount))
      .set(k_base, money(line.base))
      .set(k_code, repeated_text(line.code))
      .set(k_label, repeated_text(line.label))
      .set(k_line_no, py::int_(line.line_no))
      .set(k_rate_bp, line.rate_bp ? py::object(py::int_(*line.rate_bp)) : py::object(py::none()))
      .done();
}

py::object totals(const rma::ValuationTotals& t) {
  return Dict(10)
      .set(k_claimed_value, money(t.claimed_value))
      .set(k_currency, repeated_text(t.currency))
      .set(k_exchange_difference, money(t.exchange_difference))
      .set(k_net_cost, money(t.net_cost))
      .set(k_recovery_value, money(t.recovery_value))
      .set(k_refund, money(t.refund))
      .set(k_refund_net, money(t.refund_net))
      .set(k_repair_cost, money(t.repair_cost))
      .set(k_repair_quote, money(t.repair_quote))
      .set(k_supplier_recovery, money(t.supplier_recovery))
      .done();
}

}  // namespace

py::object verdict_to_python(const rma::WarrantyVerdict& v) {
  py::object evidence = Dict(13)
                            .set(k_delivery_date, optional_date_object(v.delivery_date))
                            .set(k_document, text_object(v.document))
                            .set(k_extended_expires, optional_date_object(v.extended_expires))
                            .set(k_legal_expires, optional_date_object(v.legal_expires))
                            .set(k_manufacturer_expires, optional_date_object(v.manufacturer_expires))
                            .set(k_periods, list_of(v.periods, period))
                            .set(k_policy, repeated_text(v.policy))
                            .set(k_policy_match, repeated_text(v.policy_match))
                            .set(k_purchase_document, text_object(v.purchase_document))
                            .set(k_replaced_serial, text_object(v.replaced_serial))
                            .set(k_sale_date, optional_date_object(v.sale_date))
                            .set(k_start_date, optional_date_object(v.start_date))
                            .set(k_today, date_object(v.today))
                            .done();
  return Dict(9)
      .set(k_coverage, repeated_text(rma::coverage_kind_name(v.coverage)))
      .set(k_covered, py::bool_(v.covered))
      .set(k_days_remaining, py::int_(v.days_remaining))
      .set(k_evidence, evidence)
      .set(k_expires, optional_date_object(v.expires))
      .set(k_presumption_until, optional_date_object(v.presumption_until))
      .set(k_reasons, list_of(v.reasons, reason))
      .set(k_supplier_recoverable, py::bool_(v.supplier_recoverable))
      .set(k_supplier_until, optional_date_object(v.supplier_until))
      .done();
}

py::object valuation_to_python(const rma::Valuation& valuation) {
  return Dict(2)
      .set(k_breakdown, list_of(valuation.breakdown, breakdown_line))
      .set(k_totals, list_of(valuation.totals, totals))
      .done();
}

}  // namespace rma_python
