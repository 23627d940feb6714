// py_time.cpp — dates and instants between librma and Python's datetime module.
#include "py_time.hpp"

#include <datetime.h>

#include <cstdint>
#include <string>
#include <unordered_map>

namespace rma_python {

namespace {

// timezone.utc, kept for the process's whole life (see rma_error_type in _rma.cpp).
PyObject* utc = nullptr;

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Digits [from, from + count) of `text` as a number, or -1 if one is not an ASCII digit.
int digits(std::string_view text, std::size_t from, std::size_t count) {
  int value = 0;
  for (std::size_t i = from; i < from + count; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

bool valid_date(int y, int m, int d) { return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m); }

// Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

py::object steal(PyObject* object) {
  if (object == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(object);
}

}  // namespace

void init_time() {
  PyDateTime_IMPORT;
  if (PyDateTimeAPI == nullptr) throw py::error_already_set();
  utc = PyDateTime_TimeZone_UTC;
  Py_INCREF(utc);
}

py::object date_object(const rma::Date& date) {
  if (!valid_date(date.year, date.month, date.day) || date.year > 9999) return py::str(date.to_iso());
  // Answers name the same few dates again and again (today, a warranty's end): a date object is
  // immutable, so each one is made once and shared (up to a bound).
  static std::unordered_map<std::int32_t, PyObject*> kept;
  const std::int32_t key = (date.year * 16 + date.month) * 32 + date.day;
  const auto it = kept.find(key);
  if (it != kept.end()) return py::reinterpret_borrow<py::object>(it->second);
  py::object made = steal(PyDate_FromDate(date.year, date.month, date.day));
  if (kept.size() < 65536) kept.emplace(key, py::object(made).release().ptr());
  return made;
}

py::object optional_date_object(const std::optional<rma::Date>& date) {
  return date ? date_object(*date) : py::none();
}

py::object instant_object(rma::Timestamp instant) {
  const std::int64_t micros = instant.micros;
  std::int64_t days = micros / 86400000000LL;
  std::int64_t rest = micros % 86400000000LL;
  if (rest < 0) {
    rest += 86400000000LL;
    --days;
  }
  // civil_from_days
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(yoe + era * 400 + (m <= 2));
  const std::int64_t seconds = rest / 1000000;
  return steal(PyDateTimeAPI->DateTime_FromDateAndTime(
      y, m, d, static_cast<int>(seconds / 3600), static_cast<int>(seconds / 60 % 60), static_cast<int>(seconds % 60),
      static_cast<int>(rest % 1000000), utc, PyDateTimeAPI->DateTimeType));
}

std::optional<py::object> date_from_text(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const int y = digits(text, 0, 4), m = digits(text, 5, 2), d = digits(text, 8, 2);
  if (y < 0 || m < 0 || d < 0 || !valid_date(y, m, d)) return std::nullopt;
  return steal(PyDate_FromDate(y, m, d));
}

std::optional<py::object> instant_from_text(std::string_view text) {
  // "2026-11-25T09:30:00Z" or "2026-11-25T09:30:00.123456Z"
  if ((text.size() != 20 && text.size() != 27) || text.back() != 'Z' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  const int y = digits(text, 0, 4), m = digits(text, 5, 2), d = digits(text, 8, 2);
  const int hh = digits(text, 11, 2), mm = digits(text, 14, 2), ss = digits(text, 17, 2);
  int us = 0;
  if (text.size() == 27) {
    if (text[19] != '.') return std::nullopt;
    us = digits(text, 20, 6);
  }
  if (y < 0 || m < 0 || d < 0 || hh < 0 || mm < 0 || ss < 0 || us < 0 || !valid_date(y, m, d) || hh > 23 || mm > 59 ||
      ss > 59) {
    return std::nullopt;
  }
  return steal(
      PyDateTimeAPI->DateTime_FromDateAndTime(y, m, d, hh, mm, ss, us, utc, PyDateTimeAPI->DateTimeType));
}

std::optional<rma::Date> date_argument(py::handle value) {
  if (!PyDate_CheckExact(value.ptr())) return std::nullopt;
  return rma::Date{PyDateTime_GET_YEAR(value.ptr()), PyDateTime_GET_MONTH(value.ptr()), PyDateTime_GET_DAY(value.ptr())};
}

std::optional<rma::Timestamp> utc_instant_argument(py::handle value) {
  PyObject* p = value.ptr();
  if (!PyDateTime_CheckExact(p) || PyDateTime_DATE_GET_TZINFO(p) != utc) return std::nullopt;
  const int y = PyDateTime_GET_YEAR(p);
  if (y < 1900 || y > 9999) return std::nullopt;  // librma's range; its own message says so
  const std::int64_t days = days_from_civil(y, static_cast<unsigned>(PyDateTime_GET_MONTH(p)),
                                            static_cast<unsigned>(PyDateTime_GET_DAY(p)));
  const std::int64_t seconds = days * 86400 + PyDateTime_DATE_GET_HOUR(p) * 3600 +
                               PyDateTime_DATE_GET_MINUTE(p) * 60 + PyDateTime_DATE_GET_SECOND(p);
  return rma::Timestamp{seconds * 1000000 + PyDateTime_DATE_GET_MICROSECOND(p)};
}

std::optional<std::int64_t> whole_seconds_argument(py::handle value) {
  PyObject* p = value.ptr();
  if (!PyDelta_Check(p) || PyDateTime_DELTA_GET_MICROSECONDS(p) != 0) return std::nullopt;
  return static_cast<std::int64_t>(PyDateTime_DELTA_GET_DAYS(p)) * 86400 + PyDateTime_DELTA_GET_SECONDS(p);
}

}  // namespace rma_python
