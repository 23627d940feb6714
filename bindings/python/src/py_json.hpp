// py_json.hpp — a JSON answer of librma as Python values, built in C++ from the JSON value
// instead of from its text. The result equals rma._convert.decode of the answer's text: the same
// dicts, lists, numbers and strings, with instants as aware UTC datetimes and dates as dates under
// the same keys (_convert's rules, mirrored here; anything unusual is handed to _convert itself).
// Call with the GIL held.
#pragma once

#include <pybind11/pybind11.h>

#include <nlohmann/json.hpp>

namespace rma_python {

namespace py = pybind11;

py::object json_to_python(const nlohmann::json& value);

// A str of `text`; invalid UTF-8 is replaced, as librma's JSON writer replaces it.
py::object text_object(const std::string& text);

}  // namespace rma_python
