"""Hostile input through Python: a million levels of nesting are answered with librma's
too_large code on a thread with a 256 KiB stack, deeply nested Python values are refused the same
way before they reach librma, and integers past 64 bits are out of range; nothing is written."""

import threading

import pytest

import rma
from conftest import STAFF, make_draft, stored_state

S = rma.Status
LEVELS = 1_000_000
LIMIT = 64  # Limits::max_json_depth by default


def _on_small_stack(fn):
    """Runs ``fn()`` on a thread with a 256 KiB stack (what a JVM or .NET host may give its
    threads); returns the exception it raised, or None."""
    raised = []

    def run():
        try:
            fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            raised.append(exc)

    previous = threading.stack_size(256 * 1024)
    try:
        thread = threading.Thread(target=run)
        thread.start()
    finally:
        threading.stack_size(previous)
    thread.join()
    return raised[0] if raised else None


def _nested(levels):
    """``levels`` dicts, each holding the next as "a": _nested(2) is {"a": {}}."""
    value = {}
    for _ in range(levels - 1):
        value = {"a": value}
    return value


DEEP = "[" * LEVELS + "]" * LEVELS

# (actor, op, request text or bytes, field where the 65th level sits)
DEEP_REQUESTS = [
    ("customer:nobody", "number.parse", '{"number": ' + DEEP + "}", "number" + "[0]" * (LIMIT - 1)),
    ("customer:nobody", "number.parse", b"[" * LEVELS + b'"caf\xc3"' + b"]" * LEVELS, "[0]" * LIMIT),
    (STAFF, "case.create", '{"kind": "return", "custom_fields": {"a": ' + DEEP + "}}",
     "custom_fields.a" + "[0]" * (LIMIT - 2)),
    ("admin:root", "workflow.configure", '{"workflows": ' + DEEP + "}", "workflows" + "[0]" * (LIMIT - 1)),
]


@pytest.mark.parametrize("actor,op,text,field", DEEP_REQUESTS, ids=[r[1] for r in DEEP_REQUESTS])
def test_a_million_levels_are_too_large_on_a_small_stack(engine, actor, op, text, field):
    before = stored_state(engine)
    error = _on_small_stack(lambda: engine.call(actor, op, text))
    assert isinstance(error, rma.ValidationError)
    assert error.code == S.TOO_LARGE
    assert error.field == field
    assert f"more than the limit of {LIMIT}" in error.message
    assert stored_state(engine) == before


def test_nested_python_values_at_the_limit_and_past_it(engine):
    # The request is level 1, custom_fields level 2: n dicts there nest 1 + n deep.
    case = engine.create_case(STAFF, make_draft(custom_fields=_nested(LIMIT - 1)))
    assert engine.get_case(STAFF, case["id"])["custom_fields"] == _nested(LIMIT - 1)
    before = stored_state(engine)
    with pytest.raises(rma.ValidationError) as refused:
        engine.create_case(STAFF, make_draft(custom_fields=_nested(LIMIT)))
    assert refused.value.code == S.TOO_LARGE
    assert refused.value.field == "custom_fields" + ".a" * (LIMIT - 1)
    assert f"{LIMIT + 1} levels deep, more than the limit of {LIMIT}" in refused.value.message
    # Past the deepest any engine reads, the package refuses the value itself, without recursing
    # through all of it.
    with pytest.raises(rma.ValidationError) as converted:
        engine.create_case(STAFF, make_draft(custom_fields=_nested(100_000)))
    assert converted.value.code == S.TOO_LARGE
    assert converted.value.field == "custom_fields" + ".a" * (rma._convert.MAX_JSON_DEPTH - 1)
    assert stored_state(engine) == before


def test_integers_past_64_bits_are_out_of_range(engine, case):
    before = stored_state(engine)
    with pytest.raises(rma.NotFound):
        engine.call(STAFF, "case.get", {"case_id": 2**63 - 1})
    for value in (2**63, 2**64, 18446744073709551616, -(2**63) - 1, -(2**64)):
        with pytest.raises(rma.ValidationError) as info:
            engine.call(STAFF, "case.get", {"case_id": value})
        assert info.value.code == S.OUT_OF_RANGE, value
        assert info.value.field == "case_id"
    with pytest.raises(rma.ValidationError) as fraction:
        engine.call(STAFF, "case.get", {"case_id": 1.5})
    assert fraction.value.code == S.WRONG_TYPE
    with pytest.raises(rma.ValidationError) as quantity:
        engine.create_case(STAFF, make_draft(lines=[{"sku": "SKU-1", "quantity": 2**64}]))
    assert quantity.value.code == S.OUT_OF_RANGE
    assert quantity.value.field == "lines[0].quantity"
    assert stored_state(engine) == before
