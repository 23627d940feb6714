// py_json.cpp — JSON values to Python values with rma._convert's rules for dates and instants.
#include "py_json.hpp"

#include <string>
#include <string_view>
#include <unordered_set>

#include "py_time.hpp"

namespace rma_python {

namespace {

using nlohmann::json;

// The key sets of rma/_convert.py: _OPAQUE_KEYS, _DATE_KEYS and _CIVIL_DATE_KEYS.
bool is_opaque_key(std::string_view key) { return key == "custom_fields" || key == "payload"; }
bool is_date_key(std::string_view key) { return key == "expected_completion"; }
bool is_civil_date_key(std::string_view key) {
  static const std::unordered_set<std::string_view> kKeys = {
      "date", "delivery_date", "sale_date", "purchase_date", "expires", "supplier_until", "start", "end",
      "registered_on", "today", "start_date", "manufacturer_expires", "legal_expires", "extended_expires",
      "on", "presumption_until", "nominal_end", "ended_on", "erasable_from"};
  return kKeys.count(key) != 0;
}
bool is_instant_key(std::string_view key) {
  return key == "at" || (key.size() >= 3 && key.compare(key.size() - 3, 3, "_at") == 0);
}

// _convert's own function for text this file does not read itself.
py::object python_fallback(const char* function, const py::object& text) {
  return py::module_::import("rma._convert").attr(function)(text);
}

// `raw`: a host document (custom_fields, an outbox payload), returned exactly as stored.
py::object convert(const json& value, const std::string* key, bool raw);

py::object string_value(const std::string& text, const std::string* key) {
  if (key != nullptr) {
    if (is_instant_key(*key)) {
      if (auto instant = instant_from_text(text)) return *instant;
      return python_fallback("_instant_from_iso", text_object(text));
    }
    if (is_date_key(*key)) {
      if (auto date = date_from_text(text)) return *date;
      return python_fallback("_date_from_iso", text_object(text));
    }
    if (is_civil_date_key(*key)) {
      // Only "YYYY-MM-DD" text, and only when it is a real date; anything else stays text.
      if (auto date = date_from_text(text)) return *date;
    }
  }
  return text_object(text);
}

py::object convert(const json& value, const std::string* key, bool raw) {
  switch (value.type()) {
    case json::value_t::null: return py::none();
    case json::value_t::boolean: return py::bool_(value.get<bool>());
    case json::value_t::number_integer: return py::int_(value.get<std::int64_t>());
    case json::value_t::number_unsigned: return py::int_(value.get<std::uint64_t>());
    case json::value_t::number_float: return py::float_(value.get<double>());
    case json::value_t::string:
      return raw ? text_object(value.get_ref<const std::string&>())
                 : string_value(value.get_ref<const std::string&>(), key);
    case json::value_t::array: {
      py::list list(value.size());
      std::size_t i = 0;
      for (const json& item : value) {
        PyList_SET_ITEM(list.ptr(), static_cast<Py_ssize_t>(i++), convert(item, nullptr, raw).release().ptr());
      }
      return std::move(list);
    }
    case json::value_t::object: {
      py::dict dict;
      for (auto it = value.begin(); it != value.end(); ++it) {
        const std::string& name = it.key();
        py::object item = convert(it.value(), &name, raw || is_opaque_key(name));
        if (PyDict_SetItem(dict.ptr(), text_object(name).ptr(), item.ptr()) != 0) throw py::error_already_set();
      }
      return std::move(dict);
    }
    case json::value_t::binary:
    case json::value_t::discarded: break;
  }
  throw py::value_error("a JSON value librma does not write");
}

}  // namespace

py::object text_object(const std::string& text) {
  PyObject* object = PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "replace");
  if (object == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(object);
}

py::object json_to_python(const json& value) { return convert(value, nullptr, false); }

}  // namespace rma_python
