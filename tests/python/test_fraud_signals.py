"""Fraud signals from Python: staff read them on the customer and on the lines of its undecided
cases; the customer never does; the thresholds are checked with errors naming the field."""

import pytest

import rma
from conftest import ADMIN, CUSTOMER, STAFF

SALES = (
    '{"id":"INV-F1","date":"2025-06-01","customer_id":"C1","channel":"b2c","lines":['
    '{"sku":"SKU-S","quantity":1,"unit_price":49900,"vat_rate_bp":2200,"serials":["SN-F1"]}]}\n'
)


def repeat_twice(engine):
    engine.import_run(STAFF, "sales_documents", "jsonl", SALES)
    ids = []
    for _ in range(2):
        ids.append(engine.create_case(STAFF, {"kind": "repair", "channel": "b2c", "customer_id": "C1",
                                              "lines": [{"serial": "SN-F1", "reason_code": "defective"}]})["id"])
        # A serial is claimed by one live case at a time: the repeat follows a rejection.
        if len(ids) == 1:
            engine.update_case(STAFF, ids[0], {"resolution": "reject"})
    return ids


def test_staff_see_the_signals_and_the_customer_does_not(engine):
    ids = repeat_twice(engine)
    staff = engine.get_customer(STAFF, "C1")["fraud_signals"]
    assert "repeat_serial_returns" in staff["raised"]
    repeat = next(s for s in staff["signals"] if s["code"] == "repeat_serial_returns")
    assert (repeat["value"], repeat["threshold"], repeat["count"], repeat["serials"]) == (2, 2, 1, ["SN-F1"])
    assert sorted(repeat["cases"]) == sorted(ids)
    assert "repeat_serial_returns" in engine.get_case(STAFF, ids[1])["lines"][0]["fraud_signals"]

    assert "fraud_signals" not in engine.get_customer(CUSTOMER, "C1")
    assert "fraud_signals" not in engine.get_case(CUSTOMER, ids[1])["lines"][0]


def test_thresholds_are_configured_and_checked(engine):
    repeat_twice(engine)
    config = engine.warranty_config(ADMIN)
    config["fraud"]["repeat_serial_returns"] = {"threshold": 3, "min_count": 1}
    engine.configure_warranty(ADMIN, config)
    assert engine.get_customer(STAFF, "C1")["fraud_signals"]["raised"] == []

    config["fraud"]["repeat_serial_returns"] = {"threshold": 1, "min_count": 1}
    with pytest.raises(rma.Error) as refused:
        engine.configure_warranty(ADMIN, config)
    assert refused.value.field == "fraud.repeat_serial_returns.threshold"
