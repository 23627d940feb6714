// py_answers.cpp — warranty verdicts and valuations as dicts, members in the order of the JSON
// answer's text (sorted by name), so even a dict's iteration order matches.
#include "py_answers.hpp"

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "py_json.hpp"
#include "py_time.hpp"
#include "domain/money_text.hpp"
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

// An ASCII text as a str, written straight into it.
py::object ascii_object(std::string_view text) {
  PyObject* object = PyUnicode_New(static_cast<Py_ssize_t>(text.size()), 127);
  if (object == nullptr) throw py::error_already_set();
  std::memcpy(PyUnicode_1BYTE_DATA(object), text.data(), text.size());
  return py::reinterpret_steal<py::object>(object);
}

// The amounts of one answer as "12.34 EUR" texts: each distinct amount becomes one str, shared
// by the members that show it (a line's base repeats in most of its entries, zero totals in
// several members).
class Amounts {
 public:
  explicit Amounts(std::size_t at_most) {
    std::size_t size = 16;
    while (size * 3 < at_most * 4) size *= 2;  // three quarters full at most
    slots_.resize(size);
  }
  py::object text(const rma::Money& amount) {
    if (amount.currency.size() != 3) return made(amount);  // not a known code: refused there
    const std::uint32_t code = packed(amount.currency);
    const std::size_t mask = slots_.size() - 1;
    const std::uint64_t hash = static_cast<std::uint64_t>(amount.minor) * 0x9E3779B97F4A7C15ULL;
    std::size_t i = static_cast<std::size_t>(hash >> 40) & mask;
    for (std::size_t probes = 0; probes < slots_.size(); ++probes, i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (!slot.text) {
        slot = Slot{amount.minor, code, made(amount)};
        return slot.text;
      }
      if (slot.minor == amount.minor && slot.code == code) return slot.text;
    }
    return made(amount);  // more amounts than the answer was sized for
  }

 private:
  struct Slot {
    std::int64_t minor = 0;
    std::uint32_t code = 0;
    py::object text;
  };
  static std::uint32_t packed(const std::string& code) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(code[0])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(code[1])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(code[2])) << 16;
  }
  static py::object made(const rma::Money& amount) {
    rma::domain::MoneyTextBuffer buffer;
    return ascii_object(rma::domain::money_text(buffer, amount));  // digits and a known code
  }
  std::vector<Slot> slots_;
};

// Codes, labels and currency codes repeat from answer to answer: each distinct text becomes one
// str, kept for the process's whole life (up to a bound, past which new ones are made each time).
// Found by a hash of eight bytes at a time in an open table compared with the str's own bytes:
// std::hash and a map of std::string cost about as much as making the str again.
class KeptTexts {
 public:
  py::object get(const std::string& text) {
    if (slots_.empty()) slots_.resize(kSlots);
    const std::uint64_t hash = hash_of(text);
    for (std::size_t i = hash & (kSlots - 1);; i = (i + 1) & (kSlots - 1)) {  // never full: kMost
      Slot& slot = slots_[i];
      if (slot.text == nullptr) {
        py::object made = text_object(text);
        // Invalid UTF-8 was replaced: its str never matches the bytes, so it is not kept.
        if (kept_ < kMost && same(made.ptr(), text)) {
          slot = Slot{hash, py::object(made).release().ptr()};
          ++kept_;
        }
        return made;
      }
      if (slot.hash == hash && same(slot.text, text)) return py::reinterpret_borrow<py::object>(slot.text);
    }
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    PyObject* text = nullptr;
  };
  // Small enough to stay in the processor's cache; half full at most, so probes stay short.
  static constexpr std::size_t kSlots = 1024;
  static constexpr std::size_t kMost = kSlots / 2;

  static std::uint64_t hash_of(std::string_view text) {
    std::uint64_t h = text.size() * 0x9E3779B97F4A7C15ULL;
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
      std::uint64_t word;
      std::memcpy(&word, text.data() + i, 8);
      h = (h ^ word) * 0x9E3779B97F4A7C15ULL;
      h ^= h >> 29;
    }
    // The last bytes: eight read at once (overlapping the loop's) when there are that many; a
    // copy of fewer into the word would stall its read.
    std::uint64_t tail = 0;
    if (text.size() >= 8) {
      std::memcpy(&tail, text.data() + text.size() - 8, 8);
    } else {
      for (std::size_t j = 0; j < text.size(); ++j) tail |= std::uint64_t{static_cast<unsigned char>(text[j])} << (8 * j);
    }
    h = (h ^ tail) * 0xFF51AFD7ED558CCDULL;
    return h ^ (h >> 32);
  }
  static bool same(PyObject* made, std::string_view text) {
    if (PyUnicode_IS_COMPACT_ASCII(made)) {  // codes and most labels: the str's own bytes
      return static_cast<std::size_t>(PyUnicode_GET_LENGTH(made)) == text.size() &&
             std::memcmp(PyUnicode_DATA(made), text.data(), text.size()) == 0;
    }
    Py_ssize_t size = 0;
    const char* bytes = PyUnicode_AsUTF8AndSize(made, &size);
    if (bytes == nullptr) {
      PyErr_Clear();
      return false;
    }
    return std::string_view(bytes, static_cast<std::size_t>(size)) == text;
  }

  std::vector<Slot> slots_;
  std::size_t kept_ = 0;
};

py::object repeated_text(const std::string& text) {
  static KeptTexts kept;
  return kept.get(text);
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

py::object breakdown_line(const rma::BreakdownLine& line, Amounts& amounts) {
  return Dict(6)
      .set(k_amount, amounts.text(line.amount))
      .set(k_base, amounts.text(line.base))
      .set(k_code, repeated_text(line.code))
      .set(k_label, repeated_text(line.label))
      .set(k_line_no, py::int_(line.line_no))
      .set(k_rate_bp, line.rate_bp ? py::object(py::int_(*line.rate_bp)) : py::object(py::none()))
      .done();
}

py::object totals(const rma::ValuationTotals& t, Amounts& amounts) {
  return Dict(10)
      .set(k_claimed_value, amounts.text(t.claimed_value))
      .set(k_currency, repeated_text(t.currency))
      .set(k_exchange_difference, amounts.text(t.exchange_difference))
      .set(k_net_cost, amounts.text(t.net_cost))
      .set(k_recovery_value, amounts.text(t.recovery_value))
      .set(k_refund, amounts.text(t.refund))
      .set(k_refund_net, amounts.text(t.refund_net))
      .set(k_repair_cost, amounts.text(t.repair_cost))
      .set(k_repair_quote, amounts.text(t.repair_quote))
      .set(k_supplier_recovery, amounts.text(t.supplier_recovery))
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
  Amounts amounts(2 * valuation.breakdown.size() + 9 * valuation.totals.size());
  const auto entry = [&amounts](const rma::BreakdownLine& line) { return breakdown_line(line, amounts); };
  const auto total = [&amounts](const rma::ValuationTotals& t) { return totals(t, amounts); };
  return Dict(2)
      .set(k_breakdown, list_of(valuation.breakdown, entry))
      .set(k_totals, list_of(valuation.totals, total))
      .done();
}

}  // namespace rma_python
