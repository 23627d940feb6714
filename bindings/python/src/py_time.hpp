// py_time.hpp — librma's dates and instants as Python `date` and aware UTC `datetime` objects,
// converted in C++ the way the rma package converts JSON text (rma/_convert.py), so that an answer
// built here equals the one decoded from text. Call with the GIL held.
#pragma once

#include <pybind11/pybind11.h>

#include <optional>
#include <string_view>

#include "rma/time.hpp"

namespace rma_python {

namespace py = pybind11;

// Loads the datetime C API and timezone.utc; once, from the module's init.
void init_time();

py::object date_object(const rma::Date& date);
py::object optional_date_object(const std::optional<rma::Date>& date);  // None when empty
py::object instant_object(rma::Timestamp instant);

// "YYYY-MM-DD" as a date, as `date.fromisoformat` reads it; nullopt (leave it to Python) for any
// other shape. An impossible date of that shape is kept as text: nullopt too.
std::optional<py::object> date_from_text(std::string_view text);
// librma's own instant text ("YYYY-MM-DDTHH:MM:SS[.ffffff]Z") as an aware UTC datetime; nullopt
// for any other text.
std::optional<py::object> instant_from_text(std::string_view text);

// A `date` (not a datetime) as an rma::Date; nullopt for anything else.
std::optional<rma::Date> date_argument(py::handle value);
// An aware datetime in timezone.utc between the years librma accepts, as a Timestamp; nullopt
// for anything else (another zone, a naive datetime, not a datetime: the caller's slow path).
std::optional<rma::Timestamp> utc_instant_argument(py::handle value);
// A `timedelta` of whole seconds as seconds; nullopt for anything else.
std::optional<std::int64_t> whole_seconds_argument(py::handle value);

}  // namespace rma_python
