"""SLA from Python: a case's clocks, tick once, due-time queries, compliance, bad input."""

import datetime as dt

import pytest

import rma
from conftest import ADMIN, CUSTOMER, STAFF, make_draft

UTC = dt.timezone.utc
MONDAY_9 = dt.datetime(2026, 3, 9, 9, 0, tzinfo=UTC)

URGENT_FIRST = {
    "calendars": {"office": {"week": {day: ["09:00-17:00"] for day in
                                      ("monday", "tuesday", "wednesday", "thursday", "friday")}}},
    "policies": [
        {"name": "urgent", "when": {"priorities": ["urgent"]}, "calendar": "office",
         "targets": {"resolution": {"hours": 8}}},
        {"name": "default", "calendar": "office", "targets": {"resolution": {"hours": 80}}},
    ],
}


@pytest.fixture
def monday(engine, clock):
    clock.now = MONDAY_9
    return engine


def test_a_case_has_clocks_and_an_expected_completion_date(monday):
    case = monday.create_case(STAFF, make_draft())
    # The customer sees when its case should be done; staff see the clocks behind it.
    assert monday.case_sla(CUSTOMER, case["id"]) == {"expected_completion": dt.date(2026, 3, 20)}
    sla = monday.case_sla(STAFF, case["id"])
    assert sla["policy"] == "default"
    resolution = next(c for c in sla["clocks"] if c["clock"] == "resolution")
    assert resolution["started_at"] == MONDAY_9
    assert resolution["due_at"] == dt.datetime(2026, 3, 20, 17, 0, tzinfo=UTC)
    assert sla["expected_completion"] == dt.date(2026, 3, 20)


def test_tick_records_each_crossing_once_and_queries_list_due_clocks(monday, clock):
    stored = monday.configure_sla(ADMIN, URGENT_FIRST)
    assert [p["name"] for p in stored["policies"]] == ["urgent", "default"]
    case = monday.create_case(STAFF, make_draft(priority="urgent"))
    assert monday.tick(STAFF, dt.datetime(2026, 3, 9, 15, 23, 59, tzinfo=UTC)) == []
    warned = monday.tick(STAFF, dt.datetime(2026, 3, 9, 15, 24, tzinfo=UTC))
    assert [(e["case_id"], e["kind"], e["clock"]) for e in warned] == [(case["id"], "warning", "resolution")]
    assert monday.tick(STAFF, dt.datetime(2026, 3, 9, 15, 30, tzinfo=UTC)) == []
    clock.now = dt.datetime(2026, 3, 9, 16, 0, tzinfo=UTC)
    due = monday.sla_due(STAFF, seconds=3600)
    assert [d["case_number"] for d in due] == [case["number"]]
    assert monday.overdue(STAFF) == []
    clock.now = dt.datetime(2026, 3, 9, 17, 0, tzinfo=UTC)
    assert [e["kind"] for e in monday.tick(STAFF)] == ["breached"]
    assert [d["clock"] for d in monday.overdue(STAFF)] == ["resolution"]
    types = [e["type"] for e in monday.history(STAFF, case["id"])]
    assert types.count("sla.warning") == 1 and types.count("sla.breached") == 1


def test_compliance_and_bad_input(monday, clock):
    case = monday.create_case(STAFF, make_draft())
    monday.update_case(STAFF, case["id"], {"resolution": "reject"})
    clock.now = dt.datetime(2026, 3, 10, 10, 0, tzinfo=UTC)
    monday.transition_case(STAFF, case["id"], "reject_request")
    rows = monday.sla_compliance(STAFF, period="week")
    # Nine business hours without an external reply: first response (8 h) breached; resolution met.
    assert [(r["clock"], r["period"], r["met"], r["breached"]) for r in rows] == [
        ("first_response", "2026-W11", 0, 1), ("resolution", "2026-W11", 1, 0)]

    with pytest.raises(rma.PermissionDenied):
        monday.configure_sla(STAFF, URGENT_FIRST)
    with pytest.raises(rma.PermissionDenied):
        monday.tick(CUSTOMER)
    bad = {**URGENT_FIRST, "policies": [{**URGENT_FIRST["policies"][1], "calendar": "nowhere"}]}
    with pytest.raises(rma.ValidationError) as error:
        monday.configure_sla(ADMIN, bad)
    assert error.value.field.startswith("policies[0].calendar")
    with pytest.raises(rma.ValidationError) as error:
        monday.sla_due(STAFF, seconds=-1)
    assert error.value.field == "seconds"
    with pytest.raises(rma.ValidationError):
        monday.sla_compliance(STAFF, period="year")


FRIDAY_16 = dt.datetime(2026, 12, 4, 16, 0, tzinfo=UTC)
MONDAY_10 = dt.datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


def test_business_time_arithmetic_on_a_configured_calendar(engine):
    # The default "office" calendar: Monday to Friday 09:00-17:00 UTC.
    assert engine.calendar_add(CUSTOMER, "office", FRIDAY_16, 3600) == dt.datetime(2026, 12, 4, 17, 0, tzinfo=UTC)
    assert engine.calendar_add(CUSTOMER, "office", FRIDAY_16, 3601) == dt.datetime(2026, 12, 7, 9, 0, 1, tzinfo=UTC)
    assert engine.calendar_add(STAFF, "office", FRIDAY_16, dt.timedelta(hours=2)) == MONDAY_10
    assert engine.calendar_between(STAFF, "office", FRIDAY_16, MONDAY_10) == 7200
    assert engine.calendar_between(STAFF, "office", MONDAY_10, FRIDAY_16) == -7200
    saturday = dt.datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
    assert engine.calendar_next_open(STAFF, "office", saturday) == dt.datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    assert engine.calendar_next_open(STAFF, "office", MONDAY_10) == MONDAY_10


def test_business_time_arithmetic_on_a_calendar_document(engine):
    # 24/7 except 25 December: a day is 86400 business seconds unless it is Christmas.
    document = {"week": {day: ["00:00-24:00"] for day in
                         ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")},
                "holidays": [{"annual": "12-25"}]}
    eve = dt.datetime(2026, 12, 24, 12, 0, tzinfo=UTC)
    assert engine.calendar_add(STAFF, document, eve, 86400) == dt.datetime(2026, 12, 26, 12, 0, tzinfo=UTC)
    assert engine.calendar_between(STAFF, document, eve, dt.datetime(2026, 12, 26, 12, 0, tzinfo=UTC)) == 86400


def test_business_time_arithmetic_rejects_bad_input(engine):
    with pytest.raises(rma.NotFound) as unknown:
        engine.calendar_add(STAFF, "nowhere", FRIDAY_16, 60)
    assert unknown.value.field == "calendar"
    with pytest.raises(rma.ValidationError) as negative:
        engine.calendar_add(STAFF, "office", FRIDAY_16, -1)
    assert negative.value.field == "seconds"
    with pytest.raises(rma.ValidationError) as bad_hours:
        engine.calendar_next_open(STAFF, {"week": {"monday": ["18:00-09:00"]}}, FRIDAY_16)
    assert bad_hours.value.field.startswith("calendar.week.monday")
    with pytest.raises(rma.ValidationError) as fraction:
        engine.calendar_add(STAFF, "office", FRIDAY_16, dt.timedelta(milliseconds=1500))
    assert fraction.value.field == "seconds"
    with pytest.raises(rma.ValidationError) as wrong:
        engine.call(STAFF, "calendar.between", {"calendar": 7, "from": FRIDAY_16, "to": MONDAY_10})
    assert wrong.value.status == "wrong_type" and wrong.value.field == "calendar"
