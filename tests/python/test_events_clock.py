"""Subscribers, the injected clock and datetime conversion."""

import datetime as dt
import sys

import pytest

import rma
from conftest import FakeClock, STAFF, T0, make_draft, stored_state

UTC = dt.timezone.utc


def test_subscriber_sees_committed_events(engine):
    seen = []

    def on_event(event):
        # After commit: the change is readable from inside the callback.
        stored = engine.get_case(STAFF, event["case_id"])
        seen.append((event["type"], event["seq"], stored["version"]))

    token = engine.subscribe(on_event)
    case = engine.create_case(STAFF, make_draft())
    engine.add_note(STAFF, case["id"], "hello")
    assert [(kind, version) for kind, _seq, version in seen] == [("case.created", 1), ("note.added", 2)]
    assert seen[1][1] == engine.stats()["last_event_seq"]

    engine.unsubscribe(token)
    engine.add_note(STAFF, case["id"], "after unsubscribe")
    assert len(seen) == 2


def test_event_dict_has_python_types(engine):
    events = []
    engine.subscribe(events.append)
    case = engine.create_case(STAFF, make_draft())
    (event,) = events
    assert set(event) >= {"seq", "case_id", "case_number", "at", "actor", "type", "data"}
    assert event["at"] == T0
    assert event["case_number"] == case["number"]
    assert event["actor"] == STAFF
    assert event["data"]["case"]["created_at"] == T0


def test_raising_subscriber_loses_no_data(engine, monkeypatch):
    reported = []
    monkeypatch.setattr(sys, "unraisablehook", reported.append)
    calls = []

    def broken(event):
        calls.append(event["type"])
        raise RuntimeError("subscriber bug")

    engine.subscribe(broken)
    later = []
    engine.subscribe(later.append)
    case = engine.create_case(STAFF, make_draft())

    assert calls == ["case.created"]
    assert [event["type"] for event in later] == ["case.created"]  # other subscribers still run
    assert engine.get_case(STAFF, case["id"])["number"] == case["number"]
    assert engine.stats()["cases"] == 1
    assert len(reported) == 1
    assert isinstance(reported[0].exc_value, RuntimeError)
    assert "broken" in repr(reported[0].object)


def test_subscriber_may_write_to_the_engine(engine):
    def auto_ack(event):
        if event["type"] == "case.created":
            engine.add_note(STAFF, event["case_id"], "auto: received", channel="external")

    engine.subscribe(auto_ack)
    case = engine.create_case(STAFF, make_draft())
    assert [note["body"] for note in engine.get_case(STAFF, case["id"])["notes"]] == ["auto: received"]


def test_subscribe_needs_a_callable(engine):
    with pytest.raises(TypeError):
        engine.subscribe("not callable")


def test_unsubscribe_unknown_token_is_not_found(engine):
    with pytest.raises(rma.NotFound):
        engine.unsubscribe(12345)


def test_injected_clock_stamps_every_time(engine, clock):
    case = engine.create_case(STAFF, make_draft())
    assert clock.calls > 0
    clock.advance(days=400)
    updated = engine.add_note(STAFF, case["id"], "a year later")
    assert updated["notes"][0]["created_at"] == T0 + dt.timedelta(days=400)
    # A new year restarts the number sequence.
    next_year = engine.create_case(STAFF, make_draft())
    assert next_year["number"].startswith("RMA-2027-000001-")


def test_clock_with_microseconds_and_another_zone(engine, clock):
    clock.now = dt.datetime(2026, 3, 29, 3, 15, 7, 123456, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    case = engine.create_case(STAFF, make_draft())
    assert case["created_at"] == dt.datetime(2026, 3, 29, 1, 15, 7, 123456, tzinfo=UTC)
    assert case["created_at"].tzinfo == UTC


def test_set_clock_replaces_and_restores(engine):
    engine.set_clock(lambda: dt.datetime(2030, 1, 1, tzinfo=UTC))
    assert engine.create_case(STAFF, make_draft())["created_at"].year == 2030
    engine.set_clock(None)
    now = dt.datetime.now(UTC)
    created = engine.create_case(STAFF, make_draft())["created_at"]
    assert abs(created - now) < dt.timedelta(minutes=5)


@pytest.mark.parametrize("bad_clock, code", [
    (lambda: dt.datetime(2026, 1, 1), rma.Status.INVALID_ARGUMENT),  # naive
    (lambda: "2026-01-01T00:00:00Z", rma.Status.INVALID_ARGUMENT),  # not a datetime
    (lambda: 1 / 0, rma.Status.INVALID_ARGUMENT),
])
def test_failing_clock_fails_the_command_and_writes_nothing(engine, bad_clock, code):
    before = stored_state(engine)
    engine.set_clock(bad_clock)
    with pytest.raises(rma.ValidationError) as info:
        engine.create_case(STAFF, make_draft())
    assert info.value.code == code
    assert info.value.field == "clock"
    engine.set_clock(FakeClock())
    assert stored_state(engine) == before


def test_set_clock_needs_a_callable(engine):
    with pytest.raises(TypeError):
        engine.set_clock(12)


def test_aware_input_datetimes_are_converted_to_utc(engine, case):
    rome = dt.timezone(dt.timedelta(hours=1))
    due = dt.datetime(2026, 12, 24, 18, 0, 0, 250000, tzinfo=rome)
    action = engine.add_action(STAFF, case["id"], "Ship replacement", due_at=due)["actions"][0]
    assert action["due_at"] == due
    assert action["due_at"].tzinfo == UTC
    assert action["due_at"].hour == 17


def test_dates_round_trip(engine):
    created = engine.create_case(STAFF, make_draft(expected_completion=dt.date(2027, 2, 28)))
    assert type(created["expected_completion"]) is dt.date
    assert created["expected_completion"] == dt.date(2027, 2, 28)
