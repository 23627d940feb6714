"""Bad input, table-driven: each case gets its exception class, stable code and field, and the
database is unchanged afterwards."""

import datetime as dt
import sqlite3

import pytest

import rma
from conftest import STAFF, make_draft, seed, sqlite_only, stored_state

S = rma.Status
V = rma.ValidationError
NOTE_LIMIT = 64 * 1024  # Limits::max_note_bytes default
SHA = "ab" * 32


def _line(**fields):
    line = {"sku": "SKU-1", "quantity": 1}
    line.update(fields)
    return line


def _without(key):
    draft = make_draft()
    del draft[key]
    return draft


# (id, command(engine, case), exception class, code, field)
BAD_INPUT = [
    ("malformed json", lambda e, c: e.call(STAFF, "case.create", "{\"kind\": "), V, S.MALFORMED_JSON, ""),
    ("request not an object", lambda e, c: e.call(STAFF, "case.get", "[1, 2]"), V, S.WRONG_TYPE, ""),
    ("missing customer", lambda e, c: e.create_case(STAFF, _without("customer_id")), V, S.MISSING_FIELD,
     "customer_id"),
    ("missing lines", lambda e, c: e.create_case(STAFF, _without("lines")), V, S.MISSING_FIELD, "lines"),
    ("empty lines", lambda e, c: e.create_case(STAFF, make_draft(lines=[])), V, S.MISSING_FIELD, "lines"),
    ("missing sku", lambda e, c: e.create_case(STAFF, make_draft(lines=[{"quantity": 1}])), V, S.MISSING_FIELD,
     "lines[0].sku"),
    ("quantity as text", lambda e, c: e.create_case(STAFF, make_draft(lines=[_line(quantity="three")])), V,
     S.WRONG_TYPE, "lines[0].quantity"),
    ("lines as text", lambda e, c: e.create_case(STAFF, make_draft(lines="SKU-1")), V, S.WRONG_TYPE, "lines"),
    ("case_id as text", lambda e, c: e.add_note(STAFF, str(c["id"]), "hi"), V, S.WRONG_TYPE, "case_id"),
    ("version as text", lambda e, c: e.add_note(STAFF, c["id"], "hi", version="1"), V, S.WRONG_TYPE, "version"),
    ("changes not a dict", lambda e, c: e.update_case(STAFF, c["id"], ["priority"]), V, S.WRONG_TYPE, "changes"),
    ("unknown kind", lambda e, c: e.create_case(STAFF, make_draft(kind="refund")), V, S.UNKNOWN_VALUE, "kind"),
    ("unknown channel", lambda e, c: e.create_case(STAFF, make_draft(channel="fax")), V, S.UNKNOWN_VALUE,
     "channel"),
    ("unknown note channel", lambda e, c: e.add_note(STAFF, c["id"], "hi", channel="public"), V,
     S.UNKNOWN_VALUE, "channel"),
    ("unknown priority", lambda e, c: e.update_case(STAFF, c["id"], {"priority": "asap"}), V, S.UNKNOWN_VALUE,
     "changes.priority"),
    ("unknown draft field", lambda e, c: e.create_case(STAFF, make_draft(colour="red")), V, S.UNKNOWN_VALUE,
     "colour"),
    ("unknown role", lambda e, c: e.get_case("wizard:merlin", c["id"]), V, S.UNKNOWN_VALUE, "actor"),
    ("zero quantity", lambda e, c: e.create_case(STAFF, make_draft(lines=[_line(quantity=0)])), V,
     S.OUT_OF_RANGE, "lines[0].quantity"),
    ("negative quantity", lambda e, c: e.create_case(STAFF, make_draft(lines=[_line(quantity=-2)])), V,
     S.OUT_OF_RANGE, "lines[0].quantity"),
    ("negative split", lambda e, c: e.split_case(STAFF, c["id"], [{"line_no": 1, "quantity": -1}]), V,
     S.OUT_OF_RANGE, "lines[0].quantity"),
    ("accepted over received", lambda e, c: e.update_case(STAFF, c["id"], {"lines": [
        {"line_no": 1, "qty_received": 1, "qty_accepted": 2}]}), V, S.OUT_OF_RANGE, "changes.lines[0].qty_accepted"),
    ("note one byte over", lambda e, c: e.add_note(STAFF, c["id"], "x" * (NOTE_LIMIT + 1)), V, S.TOO_LARGE,
     "body"),
    ("20 MB note", lambda e, c: e.add_note(STAFF, c["id"], "x" * (20 * 1024 * 1024)), V, S.TOO_LARGE, ""),
    ("lone surrogate", lambda e, c: e.add_note(STAFF, c["id"], "bad \udc80 text"), V, S.INVALID_UTF8, "body"),
    ("surrogateescape-decoded bytes",
     lambda e, c: e.add_note(STAFF, c["id"], b"caf\xe9".decode("utf-8", "surrogateescape")), V, S.INVALID_UTF8,
     "body"),
    ("invalid UTF-8 bytes value", lambda e, c: e.add_note(STAFF, c["id"], b"caf\xe9"), V, S.INVALID_UTF8, "body"),
    ("invalid UTF-8 in a nested field",
     lambda e, c: e.create_case(STAFF, make_draft(lines=[_line(serial="SN-\udcff")])), V, S.INVALID_UTF8,
     "lines[0].serial"),
    ("invalid UTF-8 in raw JSON",
     lambda e, c: e.call(STAFF, "case.add_note", b'{"case_id": %d, "channel": "internal", "body": "caf\xe9"}'
                         % c["id"]), V, S.INVALID_UTF8, "body"),
    ("naive datetime", lambda e, c: e.add_action(STAFF, c["id"], "Inspect", due_at=dt.datetime(2026, 12, 1, 9)),
     V, S.INVALID_ARGUMENT, "due_at"),
    ("datetime for a date",
     lambda e, c: e.update_case(STAFF, c["id"], {"expected_completion": dt.datetime.now(dt.timezone.utc)}), V,
     S.WRONG_TYPE, "changes.expected_completion"),
    ("NaN", lambda e, c: e.create_case(STAFF, make_draft(custom_fields={"score": float("nan")})), V,
     S.OUT_OF_RANGE, "custom_fields.score"),
    ("not JSON at all", lambda e, c: e.create_case(STAFF, make_draft(custom_fields={"tags": {"a", "b"}})), V,
     S.WRONG_TYPE, "custom_fields.tags"),
    ("actor not text", lambda e, c: e.get_case(42, c["id"]), V, S.WRONG_TYPE, "actor"),
    ("bad sha256", lambda e, c: e.add_attachment(STAFF, c["id"], "a.jpg", "image/jpeg", 1, "XYZ", "u"), V,
     S.INVALID_ARGUMENT, "sha256"),
    ("file name with a path", lambda e, c: e.add_attachment(STAFF, c["id"], "../a.jpg", "image/jpeg", 1, SHA, "u"),
     V, S.INVALID_ARGUMENT, "file_name"),
    ("unknown case", lambda e, c: e.add_note(STAFF, 999999, "hi"), rma.NotFound, S.NOT_FOUND, "case_id"),
    ("unknown customer", lambda e, c: e.create_case(STAFF, make_draft(customer_id="C404")), rma.NotFound,
     S.NOT_FOUND, "customer_id"),
    ("invalid typed number", lambda e, c: e.parse_number(STAFF, "RMA-2026-000001-?"), rma.NotFound, S.NOT_FOUND,
     "number"),
    ("stale version", lambda e, c: e.add_note(STAFF, c["id"], "hi", version=c["version"] - 1 or 7),
     rma.ConflictError, S.CONFLICT, "version"),
    ("supplier opens a case", lambda e, c: e.create_case("supplier:S1", make_draft()), rma.PermissionDenied,
     S.PERMISSION_DENIED, "actor"),
    ("customer opens for another", lambda e, c: e.create_case("customer:C2", make_draft()),
     rma.PermissionDenied, S.PERMISSION_DENIED, "customer_id"),
    ("batch with a failing command", lambda e, c: e.batch(STAFF, [
        ("case.add_note", {"case_id": c["id"], "channel": "internal", "body": "kept?"}),
        ("case.add_note", {"case_id": c["id"], "channel": "internal", "body": ""})]), V, S.MISSING_FIELD,
     "commands[1].request.body"),
]


def _case_after_some_history(engine):
    created = engine.create_case(STAFF, make_draft())
    return engine.add_note(STAFF, created["id"], "second version")


@pytest.mark.parametrize("name, command, error, code, field", BAD_INPUT, ids=[row[0] for row in BAD_INPUT])
def test_bad_input_is_refused_and_changes_nothing(engine, name, command, error, code, field):
    case = _case_after_some_history(engine)
    state_before = stored_state(engine)
    with pytest.raises(error) as info:
        command(engine, case)
    raised = info.value
    assert isinstance(raised, rma.Error)
    assert raised.code == code, raised
    assert raised.status == rma.status_name(code)
    assert raised.field == field, raised
    assert raised.message
    assert str(raised) == (f"{field}: {raised.message}" if field else raised.message)
    assert not raised.message.startswith(f"{field}:")  # the field is not repeated in the message
    assert stored_state(engine) == state_before
    assert engine.get_case(STAFF, case["id"]) == case


def test_exact_note_limit_is_accepted(engine):
    case = engine.create_case(STAFF, make_draft())
    body = "x" * NOTE_LIMIT
    assert engine.add_note(STAFF, case["id"], body)["notes"][0]["body"] == body


@sqlite_only("compares dumps of the SQLite file itself")
def test_bad_input_leaves_the_file_unchanged(tmp_path):
    path = tmp_path / "bad.db"
    with rma.Engine(path) as engine:
        seed(engine)
        case = _case_after_some_history(engine)
        with sqlite3.connect(path) as reader:
            dump_before = list(reader.iterdump())
        for name, command, error, _code, _field in BAD_INPUT:
            with pytest.raises(error):
                command(engine, case)
        with sqlite3.connect(path) as reader:
            assert list(reader.iterdump()) == dump_before


@pytest.mark.parametrize("code, cls", [
    (1, rma.ValidationError), (2, rma.NotFound), (3, rma.ConflictError), (4, rma.TransitionError),
    (5, rma.PermissionDenied), (6, rma.ValidationError), (7, rma.ValidationError), (8, rma.ValidationError),
    (9, rma.ValidationError), (10, rma.ValidationError), (11, rma.ValidationError), (12, rma.ValidationError),
    (13, rma.ConflictError), (14, rma.Error), (15, rma.Error), (16, rma.Error), (99, rma.Error),
])
def test_every_status_code_maps_to_its_class(code, cls):
    from rma import _errors, _rma

    def fail():
        raise _rma.RmaError(code, "status", "moved from closed to new", "not_in_state")

    with pytest.raises(cls) as info:
        _errors.core_call(fail)
    raised = info.value
    assert type(raised) is cls
    assert raised.code == code
    assert raised.field == "status"
    assert raised.message == "moved from closed to new"
    assert raised.reason == "not_in_state"
    assert str(raised) == "status: moved from closed to new"
    assert raised.status == (_rma.status_name(code))
    assert raised.__cause__ is None and raised.__suppress_context__  # the extension's type stays hidden


def test_status_names_match_the_library():
    from rma import _rma
    for status in rma.Status:
        assert rma.status_name(status) == _rma.status_name(int(status)) == status.name.lower()
    assert rma.status_name(1000) == _rma.status_name(1000) == "unknown"


def test_errors_are_catchable_as_builtin_families(engine):
    with pytest.raises(LookupError):
        engine.get_case(STAFF, 424242)
    with pytest.raises(ValueError):
        engine.create_case(STAFF, make_draft(kind="refund"))


def test_errors_pickle():
    import pickle
    error = rma.NotFound(2, "case_id", "no case with id 7")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is rma.NotFound
    assert (copy.code, copy.field, copy.message) == (2, "case_id", "no case with id 7")
