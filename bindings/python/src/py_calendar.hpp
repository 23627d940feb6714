// py_calendar.hpp — rma.Calendar: a business calendar prepared once (a stored calendar taken
// from an engine, or a calendar document) for business-time arithmetic without a round trip
// through the engine: add, between and next_open run in C++ on the caller's thread.
#pragma once

#include <pybind11/pybind11.h>

namespace rma_python {

namespace py = pybind11;

void bind_calendar(py::module_& m);

}  // namespace rma_python
