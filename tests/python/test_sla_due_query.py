"""The grid filter "SLA state: due within" from Python: case.query's sla_due_within (seconds), its
boundary on both sides, a paused state and sla.configure moving the stored due
times, another process's write, and the refusals (out of range, a customer's view)."""

import datetime as dt

import pytest

import rma
from conftest import ADMIN, CUSTOMER, STAFF, make_draft, new_location, seed
from test_sla import MONDAY_9, URGENT_FIRST, UTC


def due_within(engine, seconds):
    return [item["id"] for item in engine.query_cases(STAFF, sla_due_within=seconds)["items"]]


def test_due_within_includes_now_plus_n_and_excludes_one_second_more_and_overdue(engine, clock):
    clock.now = MONDAY_9
    engine.configure_sla(ADMIN, URGENT_FIRST)
    urgent = engine.create_case(STAFF, make_draft(priority="urgent"))  # due 17:00 today
    engine.create_case(STAFF, make_draft())  # due Friday 03-20
    clock.now = dt.datetime(2026, 3, 9, 16, 0, tzinfo=UTC)
    assert due_within(engine, 3600) == [urgent["id"]]
    assert due_within(engine, 3599) == []
    assert engine.query_cases(STAFF, sla_due_within=3600, customer_id="C1", status="requested")["total"] == 1
    clock.now = dt.datetime(2026, 3, 9, 17, 0, tzinfo=UTC)  # due now: overdue, not "due within"
    assert due_within(engine, 3600) == []
    assert len(engine.sla_due(STAFF, 86400 * 30)) == 1
    assert [item["case_id"] for item in engine.overdue(STAFF)] == [urgent["id"]]


def test_a_paused_state_and_a_new_configuration_move_the_stored_due_times(engine, clock):
    clock.now = MONDAY_9
    engine.configure_sla(ADMIN, URGENT_FIRST)
    case = engine.create_case(STAFF, make_draft())
    week = 86400 * 14
    assert due_within(engine, week) == [case["id"]]
    engine.transition_case(STAFF, case["id"], "authorize")  # waiting for the goods: paused
    assert due_within(engine, week) == []
    engine.update_case(STAFF, case["id"], {"lines": [{"line_no": 1, "qty_received": 3},
                                                     {"line_no": 2, "qty_received": 1}]})
    engine.transition_case(STAFF, case["id"], "receive")  # running again
    assert due_within(engine, week) == [case["id"]]
    tight = dict(URGENT_FIRST, policies=[{"name": "default", "calendar": "office",
                                          "targets": {"resolution": {"hours": 2}}}])
    engine.configure_sla(ADMIN, tight)
    assert due_within(engine, 2 * 3600) == [case["id"]]


def test_another_process_write_is_seen(tmp_path):
    path = new_location(tmp_path)
    clock = lambda: MONDAY_9  # noqa: E731
    with rma.Engine(path, clock=clock) as first, rma.Engine(path, clock=clock) as second:
        seed(first)
        first.configure_sla(ADMIN, URGENT_FIRST)
        case = first.create_case(STAFF, make_draft())
        assert due_within(second, 8 * 3600) == []
        first.update_case(STAFF, case["id"], {"priority": "urgent"})
        assert due_within(second, 8 * 3600) == [case["id"]]


def test_refusals_name_the_filter(engine):
    with pytest.raises(rma.ValidationError) as negative:
        engine.query_cases(STAFF, sla_due_within=-1)
    assert negative.value.field == "sla_due_within"
    assert negative.value.status == "out_of_range"
    with pytest.raises(rma.ValidationError) as beyond:
        engine.query_cases(STAFF, sla_due_within=10 * 365 * 86400 + 1)
    assert beyond.value.field == "sla_due_within"
    assert engine.query_cases(STAFF, sla_due_within=10 * 365 * 86400)["total"] == 0
    with pytest.raises(rma.PermissionDenied) as hidden:
        engine.query_cases(CUSTOMER, sla_due_within=3600)
    assert hidden.value.field == "sla_due_within"
