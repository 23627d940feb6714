// _rma.cpp — the pybind11 extension behind `import rma`: a thin adapter over rma::Engine and
// rma::JsonApi. It adds no rules; the pure-Python package (rma/) turns its JSON text into dicts,
// datetimes and the exception hierarchy.
//
// GIL discipline, which keeps the adapter free of deadlocks:
//   * every engine call runs with the GIL released, so a Python thread never waits for the
//     engine's lock while holding the GIL;
//   * Python objects reached from engine threads (subscribers, the clock) are touched only after
//     taking the GIL, and are kept in a PyCallable whose destructor takes the GIL too, because
//     the engine copies and destroys its std::function handlers on whatever thread it likes.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "api/op_table.hpp"
#include "api/value_api.hpp"
#include "domain/host_validator.hpp"
#include "rma/rma.hpp"
#include "src/py_answers.hpp"
#include "src/py_calendar.hpp"
#include "src/py_json.hpp"
#include "src/py_time.hpp"

namespace py = pybind11;

namespace {

// rma._rma.RmaError(code, field, message, reason). Created once per process and kept for its whole life,
// so no Python object is destroyed by a C++ static destructor after the interpreter is gone.
PyObject* rma_error_type = nullptr;

// Engine messages may quote input bytes that are not valid UTF-8; never fail while reporting.
py::object text_to_python(const std::string& text) {
  PyObject* decoded = PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "replace");
  if (decoded == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(decoded);
}

// rma::Error::what() is "field: message"; Python gets the two parts separately.
std::string message_without_field(const rma::Error& error) {
  std::string what = error.what();
  const std::string& field = error.field();
  if (!field.empty() && what.compare(0, field.size() + 2, field + ": ") == 0) return what.substr(field.size() + 2);
  return what;
}

// rma._errors.error_for(code, field, message, reason), once the package has registered it: errors
// raised here are then the package's own classes (rma.NotFound, ...) with no translation in Python.
PyObject* error_factory = nullptr;

void raise_rma_error(const rma::Error& error) {
  py::tuple args = py::make_tuple(static_cast<int>(error.status()), text_to_python(error.field()),
                                  text_to_python(message_without_field(error)), text_to_python(error.reason()));
  if (error_factory != nullptr) {
    PyObject* exception = PyObject_Call(error_factory, args.ptr(), nullptr);
    if (exception == nullptr) return;  // the factory's own error is raised instead
    PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exception)), exception);
    Py_DECREF(exception);
    return;
  }
  PyErr_SetObject(rma_error_type, args.ptr());
}

// The UTF-8 text of an exact str, or nullopt (a subclass, bytes, a lone surrogate: left to the
// package's checks on the JSON path).
std::optional<std::string_view> exact_text(py::handle value) {
  if (!PyUnicode_CheckExact(value.ptr())) return std::nullopt;
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(value.ptr(), &size);
  if (data == nullptr) {
    PyErr_Clear();
    return std::nullopt;
  }
  return std::string_view(data, static_cast<std::size_t>(size));
}

// An exact int from 1 up, as a case id; nullopt otherwise (the JSON path names what is wrong).
std::optional<std::int64_t> exact_id(py::handle value) {
  if (!PyLong_CheckExact(value.ptr())) return std::nullopt;
  int overflow = 0;
  const long long id = PyLong_AsLongLongAndOverflow(value.ptr(), &overflow);
  if (overflow != 0 || id < 1) return std::nullopt;
  return static_cast<std::int64_t>(id);
}

// A Python callable shared with engine threads through std::function copies.
class PyCallable {
 public:
  explicit PyCallable(py::object fn) : fn_(std::move(fn)) {}
  PyCallable(const PyCallable&) = delete;
  PyCallable& operator=(const PyCallable&) = delete;

  ~PyCallable() {
    // During interpreter shutdown the GIL can no longer be taken; leaking one reference is
    // harmless then, touching the refcount without the GIL is not.
    if (!Py_IsInitialized()) {
      fn_.release();
      return;
    }
    py::gil_scoped_acquire gil;
    fn_ = py::object();
  }

  // Call only with the GIL held.
  const py::object& fn() const { return fn_; }

 private:
  py::object fn_;
};

// Reports the Python error currently being handled through sys.unraisablehook, as Python does
// for exceptions in __del__ or in callbacks it cannot propagate. Needs the GIL.
void report_unraisable(py::error_already_set& error, const py::object& context) {
  error.discard_as_unraisable(context);
}

void report_unraisable(const std::exception& error, const py::object& context) {
  PyErr_SetString(PyExc_RuntimeError, error.what());
  PyErr_WriteUnraisable(context.ptr());
}

// A validator that broke its contract: the engine sends the line to manual review
// (domain/host_validator.hpp); `why` follows "the host validator '<name>' ".
[[noreturn]] void validator_broke(const std::string& why) { throw rma::domain::HostValidatorBroke(why); }

// A validator's answer, (outcome, code, message) with the outcome's lower-case name, as a
// ValidatorResult. Needs the GIL.
rma::ValidatorResult validator_result(const std::string& name, const py::handle& answer) {
  if (!py::isinstance<py::tuple>(answer) || py::len(answer) != 3) {
    validator_broke("did not return an (outcome, code, message) tuple");
  }
  const auto parts = py::reinterpret_borrow<py::tuple>(answer);
  const std::string outcome = parts[0].cast<std::string>();
  rma::ValidatorResult result{name, rma::Outcome::pass,
                              rma::Reason{parts[1].cast<std::string>(), parts[2].cast<std::string>()}};
  if (outcome == "pass") {
    result.outcome = rma::Outcome::pass;
  } else if (outcome == "manual_review") {
    result.outcome = rma::Outcome::manual_review;
  } else if (outcome == "fail") {
    result.outcome = rma::Outcome::fail;
  } else {
    validator_broke("returned the outcome '" + outcome + "', not pass, manual_review or fail");
  }
  return result;
}

// One open store. The rma::Engine is shared with the calls running on it, so close() (or garbage
// collection) while another thread is inside a call cannot free the engine under that call: the
// last call to finish releases it. engine_ itself is only read or written with the GIL held.
// A host's progress callable (or None: an empty function) as librma calls it: with the GIL held,
// a False answer cancels.
template <class... Args>
std::function<bool(Args...)> progress_callback(py::object progress) {
  if (progress.is_none()) return {};
  if (!PyCallable_Check(progress.ptr())) throw py::type_error("progress must be a callable or None");
  auto callable = std::make_shared<PyCallable>(std::move(progress));
  return [callable](Args... args) {
    py::gil_scoped_acquire gil;
    // The rma package's wrapper keeps the host's exception and answers False; anything that
    // still escapes cancels too, so long work never goes on past a failing callback.
    try {
      return !callable->fn()(args...).is(py::bool_(false));
    } catch (py::error_already_set& error) {
      report_unraisable(error, callable->fn());
      return false;
    }
  };
}

class PyEngine {
 public:
  static PyEngine open(const std::string& path, const std::string& options_json) {
    rma::Options options;
    if (!options_json.empty()) options = rma::options_from_json(options_json);
    py::gil_scoped_release nogil;
    return PyEngine(std::make_shared<rma::Engine>(rma::Engine::open(path, options)));
  }

  std::string call(const std::string& actor, const std::string& op, const std::string& request) {
    std::shared_ptr<rma::Engine> engine = live();
    py::gil_scoped_release nogil;
    return rma::JsonApi(*engine).call(actor, op, request);
  }

  // JsonApi::call answering Python values built from the JSON answer, not from its text.
  py::object call_value(const std::string& actor, const std::string& op, const std::string& request) {
    std::shared_ptr<rma::Engine> engine = live();
    nlohmann::json answer;
    {
      py::gil_scoped_release nogil;
      rma::api::op_info(op, "op");  // an unknown op is named before a malformed actor, as call does
      answer = rma::api::call_value(*engine, rma::Actor::parse(actor), op, request);
    }
    return rma_python::json_to_python(answer);
  }

  // warranty.check for staff (who see a verdict whole) with plain arguments: str actor and
  // serial, a date or None. None when not taken: the package asks the JSON API instead.
  py::object check_warranty(py::handle actor, py::handle serial, py::handle on) {
    const auto actor_text = exact_text(actor);
    const auto serial_text = exact_text(serial);
    std::optional<rma::Date> on_date;
    if (!on.is_none() && !(on_date = rma_python::date_argument(on))) return py::none();
    if (!actor_text || !serial_text) return py::none();
    std::shared_ptr<rma::Engine> engine = live();
    std::optional<rma::WarrantyVerdict> verdict;
    {
      py::gil_scoped_release nogil;
      const rma::Actor by = parsed_actor(*actor_text);
      if (by.is_staff() && static_cast<std::int64_t>(serial_text->size()) <= engine->options().limits.max_text_bytes) {
        verdict = engine->check_warranty(by, std::string(*serial_text), on_date);
      }
    }
    return verdict ? rma_python::verdict_to_python(*verdict) : py::none();
  }

  // case.valuation for staff (the only ones it answers) with a str actor and an int case id;
  // None when not taken, as check_warranty.
  py::object case_valuation(py::handle actor, py::handle case_id) {
    const auto actor_text = exact_text(actor);
    const auto id = exact_id(case_id);
    if (!actor_text || !id) return py::none();
    std::shared_ptr<rma::Engine> engine = live();
    std::optional<rma::Valuation> valuation;
    {
      py::gil_scoped_release nogil;
      const rma::Actor by = parsed_actor(*actor_text);
      if (by.is_staff()) valuation = engine->valuation(by, *id);
    }
    return valuation ? rma_python::valuation_to_python(*valuation) : py::none();
  }

  // The stored calendar `name` of the SLA configuration in force, prepared for arithmetic.
  rma_python::PreparedCalendar calendar(const std::string& actor, const std::string& name) {
    std::shared_ptr<rma::Engine> engine = live();
    py::gil_scoped_release nogil;
    return rma_python::PreparedCalendar(engine->business_calendar(rma::Actor::parse(actor), name));
  }

  std::int64_t subscribe(py::object fn, std::optional<std::string> actor) {
    if (!PyCallable_Check(fn.ptr())) throw py::type_error("subscribe() needs a callable");
    std::shared_ptr<rma::Engine> engine = live();
    auto callable = std::make_shared<PyCallable>(std::move(fn));
    std::optional<rma::Actor> as;
    if (actor) as = rma::Actor::parse(*actor);
    rma::EventHandler handler = [callable, as](const rma::Event& event) {
      std::string json = as ? rma::event_to_json(event, *as) : rma::event_to_json(event);
      py::gil_scoped_acquire gil;
      // The data is committed whatever the subscriber does, so its errors are reported, not raised.
      try {
        callable->fn()(text_to_python(json));
      } catch (py::error_already_set& error) {
        report_unraisable(error, callable->fn());
      } catch (const std::exception& error) {
        report_unraisable(error, callable->fn());
      }
    };
    py::gil_scoped_release nogil;
    return as ? engine->subscribe(*as, std::move(handler)) : engine->subscribe(std::move(handler));
  }

  void unsubscribe(std::int64_t subscription) {
    std::shared_ptr<rma::Engine> engine = live();
    py::gil_scoped_release nogil;
    engine->unsubscribe(subscription);
  }

  void set_clock(py::object fn) {
    std::shared_ptr<rma::Engine> engine = live();
    rma::Clock clock;
    if (!fn.is_none()) {
      if (!PyCallable_Check(fn.ptr())) throw py::type_error("set_clock() needs a callable or None");
      auto callable = std::make_shared<PyCallable>(std::move(fn));
      clock = [callable]() {
        py::gil_scoped_acquire gil;
        // Runs inside an engine command: a failing clock fails the command, which writes nothing.
        try {
          // A datetime in timezone.utc is read here (the engine reads its clock in every command);
          // any other value gets rma._convert's conversion and its refusals.
          py::object now = callable->fn()();
          if (const auto instant = rma_python::utc_instant_argument(now)) return *instant;
          return rma::Timestamp{
              py::module_::import("rma._convert").attr("instant_to_micros")(now, "clock").cast<std::int64_t>()};
        } catch (py::error_already_set& error) {
          throw rma::Error(rma::Status::invalid_argument, "clock", std::string("the clock raised ") + error.what());
        } catch (const py::cast_error&) {
          throw rma::Error(rma::Status::wrong_type, "clock",
                           "the clock must return an aware datetime");
        }
      };
    }
    py::gil_scoped_release nogil;
    engine->set_clock(std::move(clock));
  }

  // Runs "import.run" (request: its JSON text) with progress(rows_done, rows_total) called, GIL
  // held, as librma reports; a False answer cancels. progress may be None.
  std::string import_run(const std::string& actor, const std::string& request, py::object progress) {
    std::shared_ptr<rma::Engine> engine = live();
    const auto on_progress = progress_callback<std::int64_t, std::int64_t>(std::move(progress));
    py::gil_scoped_release nogil;
    return rma::JsonApi(*engine).call_import(actor, request, on_progress);
  }

  // Runs "store.copy" the same way, with progress(table, rows_done, rows_total).
  std::string store_copy(const std::string& actor, const std::string& request, py::object progress) {
    std::shared_ptr<rma::Engine> engine = live();
    const auto on_progress = progress_callback<const std::string&, std::int64_t, std::int64_t>(std::move(progress));
    py::gil_scoped_release nogil;
    return rma::JsonApi(*engine).call_store_copy(actor, request, on_progress);
  }

  // Runs "report.export" the same way, with progress(rows_done, rows_total).
  std::string report_export(const std::string& actor, const std::string& request, py::object progress) {
    std::shared_ptr<rma::Engine> engine = live();
    const auto on_progress = progress_callback<std::int64_t, std::int64_t>(std::move(progress));
    py::gil_scoped_release nogil;
    return rma::JsonApi(*engine).call_report_export(actor, request, on_progress);
  }

  // Runs "audit.verify" the same way, with progress(events_done, events_total).
  std::string audit_verify(const std::string& actor, const std::string& request, py::object progress) {
    std::shared_ptr<rma::Engine> engine = live();
    const auto on_progress = progress_callback<std::int64_t, std::int64_t>(std::move(progress));
    py::gil_scoped_release nogil;
    return rma::JsonApi(*engine).call_audit_verify(actor, request, on_progress);
  }

  // Adds validator `fn(input_json) -> (outcome, code, message)`, called with the GIL held inside
  // the engine's lock.
  void add_eligibility_validator(const std::string& name, py::object fn) {
    if (!PyCallable_Check(fn.ptr())) throw py::type_error("add_eligibility_validator() needs a callable");
    std::shared_ptr<rma::Engine> engine = live();
    auto callable = std::make_shared<PyCallable>(std::move(fn));
    rma::EligibilityValidator validator = [callable, name](const rma::EligibilityInput& input) {
      const std::string json = rma::eligibility_input_to_json(input);
      py::gil_scoped_acquire gil;
      // Python errors are turned into a result here, while the GIL is held to release them.
      try {
        return validator_result(name, callable->fn()(text_to_python(json)));
      } catch (py::error_already_set& error) {
        // rma._warranty raises HostValidatorBroke(why) when the host's function broke its contract.
        if (error.matches(py::module_::import("rma._warranty").attr("HostValidatorBroke"))) {
          validator_broke(py::str(error.value()).cast<std::string>());
        }
        validator_broke(std::string("raised ") + error.what());
      } catch (const py::cast_error& error) {
        validator_broke(std::string("returned a wrong value: ") + error.what());
      }
    };
    py::gil_scoped_release nogil;
    engine->add_eligibility_validator(name, std::move(validator));
  }

  // Adds workflow guard `fn(input_json) -> (passed, message)`, called with the GIL held inside the
  // engine's lock. Anything else it returns, or raises, refuses the transition with a message.
  void add_workflow_guard(const std::string& name, py::object fn) {
    if (!PyCallable_Check(fn.ptr())) throw py::type_error("add_workflow_guard() needs a callable");
    std::shared_ptr<rma::Engine> engine = live();
    auto callable = std::make_shared<PyCallable>(std::move(fn));
    rma::WorkflowGuard guard = [callable, name](const rma::GuardInput& input) {
      const std::string json = rma::guard_input_to_json(input);
      py::gil_scoped_acquire gil;
      try {
        py::object answer = callable->fn()(text_to_python(json));
        if (!py::isinstance<py::tuple>(answer) || py::len(answer) != 2) {
          return rma::GuardOutcome{false, "the host guard '" + name + "' did not return (passed, message)"};
        }
        const auto parts = py::reinterpret_borrow<py::tuple>(answer);
        return rma::GuardOutcome{parts[0].cast<bool>(), parts[1].cast<std::string>()};
      } catch (py::error_already_set& error) {
        return rma::GuardOutcome{false, "the host guard '" + name + "' raised " + error.what()};
      } catch (const py::cast_error& error) {
        return rma::GuardOutcome{false, "the host guard '" + name + "' returned a wrong value: " + error.what()};
      }
    };
    py::gil_scoped_release nogil;
    engine->add_workflow_guard(name, std::move(guard));
  }

  py::dict stats() {
    std::shared_ptr<rma::Engine> engine = live();
    rma::EngineStats stats;
    {
      py::gil_scoped_release nogil;
      stats = engine->stats();
    }
    py::dict result;
    result["cases"] = stats.cases;
    result["index_bytes"] = stats.index_bytes;
    result["last_event_seq"] = stats.last_event_seq;
    return result;
  }

  // Idempotent. The store closes once calls still running on other threads have returned.
  void close() {
    std::shared_ptr<rma::Engine> engine = std::move(engine_);
    engine_.reset();
    py::gil_scoped_release nogil;
    engine.reset();
  }

  bool closed() const { return !engine_; }

 private:
  explicit PyEngine(std::shared_ptr<rma::Engine> engine) : engine_(std::move(engine)) {}

  // Actor::parse of `text`, remembering the last one: a script names the same actor call after call.
  // Called without the GIL, so guarded by its own lock.
  rma::Actor parsed_actor(std::string_view text) {
    ActorCache& cache = *actors_;
    std::lock_guard<std::mutex> lock(cache.mutex);
    if (!cache.actor || text != cache.text) {
      cache.actor = rma::Actor::parse(text);
      cache.text = std::string(text);
    }
    return *cache.actor;
  }

  std::shared_ptr<rma::Engine> live() const {
    if (!engine_) throw rma::Error(rma::Status::invalid_argument, "engine", "the engine is closed");
    return engine_;
  }

  struct ActorCache {
    std::mutex mutex;
    std::optional<rma::Actor> actor;
    std::string text;
  };

  std::shared_ptr<rma::Engine> engine_;
  std::unique_ptr<ActorCache> actors_ = std::make_unique<ActorCache>();
};

}  // namespace

PYBIND11_MODULE(_rma, m) {
  m.doc() = "Low-level binding of the librma C++ engine. Use the `rma` package instead.";

  rma_error_type = PyErr_NewExceptionWithDoc(
      "rma._rma.RmaError", "An rma::Error: args are (status code, field, message, reason).", PyExc_Exception, nullptr);
  if (rma_error_type == nullptr) throw py::error_already_set();
  m.attr("RmaError") = py::handle(rma_error_type);

  py::register_local_exception_translator([](std::exception_ptr pending) {
    try {
      if (pending) std::rethrow_exception(pending);
    } catch (const rma::Error& error) {
      raise_rma_error(error);
    }
  });

  // The deepest JSON any engine reads (rma::kMaxJsonDepth): the package refuses deeper values
  // while converting them, before its own recursion could run out.
  m.attr("MAX_JSON_DEPTH") = rma::kMaxJsonDepth;
  m.def("version", [] { return std::string(rma::version_string()); }, "The librma version, \"0.1.0\".");
  m.def("version_number", [] { return rma::version_number(); }, "The librma version as major*10000+minor*100+patch.");
  m.def(
      "status_name", [](int code) { return std::string(rma::status_name(static_cast<rma::Status>(code))); },
      py::arg("code"), "The stable lower-case name of a status code (\"not_found\"); \"unknown\" otherwise.");

  rma_python::init_time();
  m.def(
      "set_error_factory",
      [](py::object factory) {
        Py_XDECREF(error_factory);
        error_factory = factory.is_none() ? nullptr : factory.release().ptr();
      },
      py::arg("factory"),
      "factory(code, field, message, reason) -> exception: the exception raised for an rma::Error (None: RmaError).");
  rma_python::bind_calendar(m);

  py::class_<PyEngine>(m, "Engine", "One open librma store (an SQLite file or \":memory:\").")
      .def_static("open", &PyEngine::open, py::arg("path"), py::arg("options_json") = "",
                  "Opens or creates the store at `path`; `options_json` is the options JSON text or \"\".")
      .def("call", &PyEngine::call, py::arg("actor"), py::arg("op"), py::arg("request"),
           "Runs one JSON API command and returns the response JSON text. Releases the GIL.")
      .def("call_value", &PyEngine::call_value, py::arg("actor"), py::arg("op"), py::arg("request"),
           "Runs one JSON API command and returns its answer as Python values (dates and instants converted). "
           "Releases the GIL.")
      .def("check_warranty", &PyEngine::check_warranty, py::arg("actor"), py::arg("serial"), py::arg("on"),
           "warranty.check's answer as a dict for staff with str arguments and a date or None; None otherwise.")
      .def("case_valuation", &PyEngine::case_valuation, py::arg("actor"), py::arg("case_id"),
           "case.valuation's answer as a dict for staff with an int case id; None otherwise.")
      .def("calendar", &PyEngine::calendar, py::arg("actor"), py::arg("name"),
           "The stored calendar `name` as a Calendar. Releases the GIL.")
      .def("subscribe", &PyEngine::subscribe, py::arg("handler"), py::arg("actor") = py::none(),
           "Calls handler(event_json: str) after every commit; returns a subscription id. With an "
           "actor, only that actor's cases' events, in its view.")
      .def("unsubscribe", &PyEngine::unsubscribe, py::arg("subscription"))
      .def("set_clock", &PyEngine::set_clock, py::arg("clock"),
           "clock() returns an aware datetime (the time now); None restores the system clock.")
      .def("import_run", &PyEngine::import_run, py::arg("actor"), py::arg("request"), py::arg("progress"),
           "Runs \"import.run\" with progress(rows_done, rows_total) -> bool (False cancels) or None; returns the "
           "report JSON text. Releases the GIL.")
      .def("store_copy", &PyEngine::store_copy, py::arg("actor"), py::arg("request"), py::arg("progress"),
           "Runs \"store.copy\" with progress(table, rows_done, rows_total) -> bool (False cancels) or None; "
           "returns the report JSON text. Releases the GIL.")
      .def("report_export", &PyEngine::report_export, py::arg("actor"), py::arg("request"), py::arg("progress"),
           "Runs \"report.export\" with progress(rows_done, rows_total) -> bool (False cancels) or None; "
           "returns the result JSON text. Releases the GIL.")
      .def("audit_verify", &PyEngine::audit_verify, py::arg("actor"), py::arg("request"), py::arg("progress"),
           "Runs \"audit.verify\" with progress(events_done, events_total) -> bool (False cancels) or None; "
           "returns the report JSON text. Releases the GIL.")
      .def("add_eligibility_validator", &PyEngine::add_eligibility_validator, py::arg("name"), py::arg("fn"),
           "Adds fn(input_json: str) -> (outcome, code, message), run with the GIL held inside the engine's lock.")
      .def("add_workflow_guard", &PyEngine::add_workflow_guard, py::arg("name"), py::arg("fn"),
           "Adds a workflow guard fn(input_json) -> (passed, message).")
      .def("stats", &PyEngine::stats, "{'cases', 'index_bytes', 'last_event_seq'}")
      .def("close", &PyEngine::close, "Closes the engine; later calls raise RmaError. Idempotent.")
      .def_property_readonly("closed", &PyEngine::closed);
}
