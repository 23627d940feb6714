"""Quality alerts from Python: quality.scan finds a reason whose share rose, records it once,
quality.acknowledge records that staff saw it; bad input and customers are refused."""

import datetime as dt

import pytest

import rma
from conftest import CUSTOMER, STAFF

LEAKS = "reason_share/sku/CABLE-2/leaks/history"


def returns(engine, clock, when, reason, count):
    clock.now = when
    for _ in range(count):
        engine.create_case(STAFF, {"kind": "return", "channel": "b2c", "customer_id": "C1",
                                   "lines": [{"sku": "CABLE-2", "quantity": 1, "reason_code": reason}]})


def test_an_alert_is_raised_once_and_acknowledged(engine, clock):
    returns(engine, clock, dt.datetime(2026, 6, 1, 10, tzinfo=dt.timezone.utc), "defective", 15)
    returns(engine, clock, dt.datetime(2026, 6, 1, 10, tzinfo=dt.timezone.utc), "leaks", 5)
    returns(engine, clock, dt.datetime(2026, 11, 20, 10, tzinfo=dt.timezone.utc), "leaks", 12)
    returns(engine, clock, dt.datetime(2026, 11, 20, 10, tzinfo=dt.timezone.utc), "defective", 8)
    clock.now = dt.datetime(2026, 11, 25, 9, tzinfo=dt.timezone.utc)

    preview = engine.quality_scan(STAFF, subjects=["sku"], record=False)
    assert preview["raised"] == 0
    first = engine.quality_scan(STAFF, subjects=["sku"])
    alert = next(a for a in first["alerts"] if a["id"] == LEAKS)
    assert alert["raised_now"] is True
    assert (alert["observed"], alert["exposure"]) == (12, 20)
    assert alert["q_value"] <= 0.05
    assert alert["top_reasons"][0] == {"value": "leaks", "count": 12}
    assert alert["case_count"] == 20
    assert str(first["window"]["from"]) == "2026-10-27"
    assert str(first["window"]["to"]) == "2026-11-25"

    again = engine.quality_scan(STAFF, subjects=["sku"])
    assert again["raised"] == 0
    assert next(a for a in again["alerts"] if a["id"] == LEAKS)["raised_now"] is False

    ack = engine.acknowledge_quality_alert(STAFF, LEAKS, note="supplier contacted")
    assert ack["recorded"] is True
    assert engine.acknowledge_quality_alert(STAFF, LEAKS)["recorded"] is False


def test_bad_input_and_customers_are_refused(engine):
    with pytest.raises(rma.ValidationError) as bad:
        engine.quality_scan(STAFF, window_days=0)
    assert bad.value.field == "window_days"
    with pytest.raises(rma.ValidationError) as unknown:
        engine.quality_scan(STAFF, subjects=["brand"])
    assert unknown.value.field == "subjects[0]"
    with pytest.raises(rma.NotFound):
        engine.acknowledge_quality_alert(STAFF, "return_rate/sku/NOPE/history")
    with pytest.raises(rma.PermissionDenied):
        engine.quality_scan(CUSTOMER)
