// py_answers.hpp — the hot answers as Python dicts built straight from librma's C++ values, for
// staff, who see them whole. Each equals rma._convert.decode of the JSON API's answer (the same
// members, values and key order), which tests/python/test_fast_paths.py checks. Call with the GIL
// held.
#pragma once

#include <pybind11/pybind11.h>

#include "rma/valuation.hpp"
#include "rma/warranty.hpp"

namespace rma_python {

namespace py = pybind11;

py::object verdict_to_python(const rma::WarrantyVerdict& verdict);   // as warranty.check answers
py::object valuation_to_python(const rma::Valuation& valuation);     // as case.valuation answers

}  // namespace rma_python
