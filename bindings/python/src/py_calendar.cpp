// py_calendar.cpp — rma.Calendar over a PreparedCalendar. The arithmetic is pure and quick (two
// binary searches), so it runs with the GIL held: releasing it would cost more than it does.
#include "py_calendar.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

#include "json/reader.hpp"
#include "py_time.hpp"
#include "rma/calendar.hpp"
#include "rma/error.hpp"

namespace rma_python {

namespace {

// At most a century of business time, as calendar.add accepts: the answer stays before year 10000.
constexpr std::int64_t kMaxSeconds = std::int64_t{100} * 366 * 86400;
// 1900-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the instants librma reads and writes.
constexpr std::int64_t kFirstMicros = -2208988800LL * 1000000;
constexpr std::int64_t kEndMicros = 253402300800LL * 1000000;

// An aware datetime as an instant; the package's own conversion for anything but UTC, which
// refuses naive datetimes and other types with rma.ValidationError naming `field`.
rma::Timestamp instant_argument(py::handle value, const char* field) {
  if (auto instant = utc_instant_argument(value)) return *instant;
  const auto micros = py::module_::import("rma._convert").attr("instant_to_micros")(value, field).cast<std::int64_t>();
  if (micros < kFirstMicros || micros >= kEndMicros) {
    throw rma::Error(rma::Status::out_of_range, field, "must be between the years 1900 and 9999");
  }
  return rma::Timestamp{micros};
}

std::int64_t seconds_argument(py::handle value) {
  std::int64_t seconds = 0;
  if (PyLong_CheckExact(value.ptr())) {
    int overflow = 0;
    seconds = PyLong_AsLongLongAndOverflow(value.ptr(), &overflow);
    if (overflow != 0) seconds = overflow > 0 ? INT64_MAX : INT64_MIN;
  } else if (auto whole = whole_seconds_argument(value)) {
    seconds = *whole;
  } else {
    throw rma::Error(rma::Status::wrong_type, "seconds",
                     "expected an int or a timedelta of whole seconds, got " +
                         std::string(Py_TYPE(value.ptr())->tp_name));
  }
  return rma::codec::integer_value(nlohmann::json(seconds), "seconds", 0, kMaxSeconds);
}

}  // namespace

void bind_calendar(py::module_& m) {
  py::class_<PreparedCalendar>(
      m, "Calendar",
      "A business calendar (docs/calendars.md), prepared once: Engine.calendar(actor, name) takes a stored one, "
      "Calendar.from_document(text) reads a document. Immutable; safe to share between threads.")
      .def_static(
          "from_document",
          [](py::handle document) {
            // A dict is written as JSON by the package, with its usual checks.
            const std::string text = PyUnicode_Check(document.ptr())
                                         ? document.cast<std::string>()
                                         : py::module_::import("rma._convert").attr("encode")(document).cast<std::string>();
            py::gil_scoped_release nogil;  // a document may name a zoneinfo file to read
            return PreparedCalendar(rma::BusinessCalendar::from_json(text));
          },
          py::arg("document"), "The calendar of a calendar document (a dict, or its JSON text).")
      .def(
          "add",
          [](const PreparedCalendar& calendar, py::handle at, py::handle seconds) {
            const rma::Timestamp start = instant_argument(at, "at");
            return instant_object(calendar.timeline->add_business(start, seconds_argument(seconds)));
          },
          py::arg("at"), py::arg("seconds"),
          "The instant `seconds` (an int or a timedelta of whole seconds) of business time after the aware "
          "datetime `at`; `at` itself for 0.")
      .def(
          "between",
          [](const PreparedCalendar& calendar, py::handle start, py::handle end) {
            return calendar.timeline->business_seconds_between(instant_argument(start, "from"),
                                                               instant_argument(end, "to"));
          },
          py::arg("start"), py::arg("end"), "Business seconds in [start, end); negative when end is earlier.")
      .def(
          "next_open",
          [](const PreparedCalendar& calendar, py::handle at) {
            return instant_object(rma::next_open(calendar.timeline->calendar(), instant_argument(at, "at")));
          },
          py::arg("at"), "`at` when the calendar is open then, else the instant it next opens.")
      .attr("__module__") = "rma";
}

}  // namespace rma_python
