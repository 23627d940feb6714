"""A pytest plugin that records the JSON librma really exchanges while a suite runs — every
request and answer of the JSON API, every event delivered to a subscriber, every outbox message —
and, when the session ends, validates each one against its schema in docs/schemas/
(schemas.py). Any mismatch fails the session, listing the first ones.

It wraps the Python package at its boundary with the native module (`core_call` of rma._engine,
rma._warranty and rma._store_copy, and the subscriber adapter). Answers that come back as text are
recorded as they are; those the module builds as Python values (`call_value`) are written back as
JSON, dates and instants in librma's own text form.

usage: python3 -m pytest -p schema_recorder tests/python   (with tests/schemas on PYTHONPATH)
       SCHEMA_RECORD=file.jsonl also writes what was recorded, one record a line.
"""
import datetime as dt
import json
import os
import threading

import pytest

import schemas

_records = []
_lock = threading.Lock()


def _keep(record):
    with _lock:
        _records.append(record)


def _wrap_core_call(module, op_of):
    """Replaces module.core_call by one that records calls whose op op_of names."""
    original = module.core_call

    def core_call(fn, *args):
        op, actor, request = op_of(fn, args)
        if op is None:
            return original(fn, *args)
        try:
            answer = original(fn, *args)
        except Exception as exc:
            _keep({"kind": "call", "actor": actor, "op": op, "request": request,
                   "error": getattr(exc, "status", None) and str(getattr(exc, "status")),
                   "field": getattr(exc, "field", None)})
            raise
        if getattr(fn, "__name__", "") == "call_value":
            text = json.dumps(_plain(answer))
        else:
            text = answer if isinstance(answer, str) else None
        _keep({"kind": "call", "actor": actor, "op": op, "request": request, "answer": text})
        return answer

    module.core_call = core_call


def _plain(value):
    """An answer of call_value as the JSON values of its text: instants and dates as librma writes them."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.timezone.utc).replace(tzinfo=None).isoformat() + "Z"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _as_text(value):
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return None
    return value if isinstance(value, str) else None


# The native functions that take (actor, request, progress) instead of going through `call`.
_OWN = {"import_run": "import.run", "store_copy": "store.copy", "report_export": "report.export",
        "audit_verify": "audit.verify"}


def _op_of(fn, args):
    name = getattr(fn, "__name__", "")
    if name in ("call", "call_value") and len(args) == 3:
        return args[1], args[0], _as_text(args[2])
    if name == "open" and len(args) == 2:
        # Engine.open(path, options): the options document, recorded as a pseudo-op.
        return "options", None, _as_text(args[1])
    if name in _OWN and len(args) >= 2:
        return _OWN[name], args[0], _as_text(args[1])
    return None, None, None


def pytest_configure(config):
    import importlib
    import pkgutil

    import rma
    import rma._engine

    # Every module of the package that calls the native module through core_call.
    for info in pkgutil.iter_modules(rma.__path__):
        module = importlib.import_module("rma." + info.name)
        if hasattr(module, "core_call") and info.name != "_errors":
            _wrap_core_call(module, _op_of)

    subscriber_call = rma._engine._Subscriber.__call__

    def deliver(self, event_json):
        _keep({"kind": "event", "event": event_json})
        return subscriber_call(self, event_json)

    rma._engine._Subscriber.__call__ = deliver

    # Every engine the suite opens also delivers each event it commits, whole, to a staff
    # subscriber of ours, so events of every type are seen, not only those a test subscribed to.
    engine_init = rma._engine.Engine.__init__

    def init(self, *args, **kwargs):
        engine_init(self, *args, **kwargs)
        self.subscribe(_ignore)

    rma._engine.Engine.__init__ = init


def _ignore(event):
    pass


def pytest_sessionfinish(session, exitstatus):
    path = os.environ.get("SCHEMA_RECORD")
    if path:
        with open(path, "w") as f:
            for record in _records:
                f.write(json.dumps(record) + "\n")
    checker = schemas.Checker()
    problems = checker.check_records(_records)
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    summary = checker.summary()
    if reporter is not None:
        reporter.write_line(summary)
        for line in problems[:40]:
            reporter.write_line(line)
        if len(problems) > 40:
            reporter.write_line(f"... and {len(problems) - 40} more")
    if problems:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
