// py_calendar.hpp — rma.Calendar: a business calendar prepared once (a stored calendar taken
// from an engine, or a calendar document) for business-time arithmetic without a round trip
// through the engine: add, between and next_open run in C++ on the caller's thread.
#pragma once

#include <pybind11/pybind11.h>

#include <memory>

#include "domain/sla_timeline.hpp"
#include "rma/calendar.hpp"

namespace rma_python {

namespace py = pybind11;

// What rma.Calendar holds: the calendar's open hours as a table of UTC intervals, the one the SLA
// clocks use (domain/sla_timeline.hpp: its answers equal add_business's), built a decade at a
// time on first use.
struct PreparedCalendar {
  explicit PreparedCalendar(rma::BusinessCalendar calendar)
      : timeline(std::make_shared<const rma::SlaTimeline>(std::move(calendar))) {}
  std::shared_ptr<const rma::SlaTimeline> timeline;
};

void bind_calendar(py::module_& m);

}  // namespace rma_python
