"""The fast paths answer exactly what the JSON API answers: the same inputs through both give equal
dicts (members, values, types and order). Also rma.Calendar against calendar.add / between /
next_open, and the refusals of both."""

import datetime as dt
import json

import pytest

import rma
from rma._convert import decode
from conftest import ADMIN, CUSTOMER, STAFF, T0

SUPPLIER = "supplier:S1"
UTC = dt.timezone.utc
ROME = dt.timezone(dt.timedelta(hours=1))


def text_path(engine, actor, op, request):
    """The JSON API's answer through its text, decoded as the package always decoded it."""
    return decode(engine._core.call(actor, op, json.dumps(request, default=str)))


def same(fast, slow):
    assert fast == slow
    assert json.dumps(fast, default=repr) == json.dumps(slow, default=repr)  # order and types too


@pytest.mark.parametrize("serial", ["SN-1", "SN-2", "SN-3", "SN-404"])
@pytest.mark.parametrize("on", [None, dt.date(2026, 12, 1), dt.date(2031, 1, 1)])
def test_warranty_verdicts_equal_the_json_answer(sold, serial, on):
    sold.add_extended_warranty(ADMIN, "SN-3", "EXT-1", dt.date(2027, 1, 1), dt.date(2029, 12, 31))
    request = {"serial": serial} if on is None else {"serial": serial, "on": on.isoformat()}
    for actor in (STAFF, ADMIN, CUSTOMER, SUPPLIER):
        try:
            slow = text_path(sold, actor, "warranty.check", request)
        except rma.Error as expected:
            with pytest.raises(type(expected)) as raised:
                sold.check_warranty(actor, serial, on=on)
            assert (raised.value.code, raised.value.field, raised.value.message) == \
                (expected.code, expected.field, expected.message)
            continue
        same(sold.check_warranty(actor, serial, on=on), slow)


def test_the_staff_verdict_is_built_in_cpp(sold):
    verdict = sold._core.check_warranty(STAFF, "SN-1", dt.date(2026, 12, 1))
    assert verdict is not None and verdict["evidence"]["periods"]
    assert sold._core.check_warranty(CUSTOMER, "SN-1", None) is None  # the JSON API shapes its view
    assert sold._core.check_warranty(STAFF, "SN-1", "2026-12-01") is None  # text: the JSON API checks it


def test_arguments_the_fast_path_leaves_to_the_json_api_fail_alike(sold):
    with pytest.raises(rma.ValidationError) as raised:
        sold.check_warranty(STAFF, "SN-1", on=dt.datetime(2026, 12, 1, tzinfo=UTC))
    assert raised.value.field == "on"
    with pytest.raises(rma.ValidationError):
        sold.check_warranty(STAFF, "x" * 100_000)
    assert sold.check_warranty(STAFF, "SN-1", on="2026-12-01") == sold.check_warranty(
        STAFF, "SN-1", on=dt.date(2026, 12, 1))


def test_valuations_equal_the_json_answer(sold):
    sold.configure_valuation(ADMIN, {"restocking_fees": [{"reasons": ["changed_mind"], "percent_bp": 1000}],
                                     "deductions": [{"code": "packaging", "fixed": "3.00 EUR"}]})
    case = sold.create_case(STAFF, {
        "kind": "return", "channel": "b2c", "customer_id": "C1",
        "lines": [{"quantity": 2, "reason_code": "changed_mind",
                   "sales_document": {"document": "INV-100", "line": 2}},
                  {"quantity": 1, "serial": "SN-1", "sales_document": {"document": "INV-100", "line": 1}}]})
    sold.update_case(STAFF, case["id"], {"lines": [{"line_no": 1, "qty_received": 2, "condition": "as_new"}]})
    fast = sold.case_valuation(STAFF, case["id"])
    assert sold._core.case_valuation(STAFF, case["id"]) == fast
    same(fast, text_path(sold, STAFF, "case.valuation", {"case_id": case["id"]}))
    with pytest.raises(rma.PermissionDenied):
        sold.case_valuation(CUSTOMER, case["id"])
    with pytest.raises(rma.NotFound):
        sold.case_valuation(STAFF, 999)


@pytest.mark.parametrize("currency, digits", [("EUR", 2), ("JPY", 0), ("BHD", 3)])
def test_ten_line_valuations_equal_the_json_answer(engine, currency, digits):
    # benchmarks/valuation_python.py's case, in currencies of 0, 2 and 3 minor digits: amounts that
    # repeat across the entries of a line and the totals (one str each in an answer), and labels.
    engine.configure_valuation(ADMIN, {
        "restocking_fees": [{"reasons": ["changed_mind"], "percent_bp": 1500}],
        "depreciation": [{"method": "linear", "monthly_rate_bp": 200, "floor_percent_bp": 3000}],
        "deductions": [{"code": "missing_accessories", "percent_bp": 1000}],
        "recovery": {"refurbish": {"percent_bp": 4000}}})
    sale = {"id": "INV-10", "date": "2025-11-10", "customer_id": "C1", "channel": "b2c", "currency": currency,
            "lines": [{"sku": "SKU-%d" % i, "quantity": 3, "unit_price": 1990 + 1000 * i, "vat_rate_bp": 2200}
                      for i in range(10)]}
    engine.import_run(STAFF, "sales_documents", "jsonl", json.dumps(sale) + "\n")
    case = engine.create_case(STAFF, {
        "kind": "return", "channel": "b2c", "customer_id": "C1",
        "lines": [{"quantity": 2, "reason_code": "changed_mind" if i % 2 else "defective",
                   "sales_document": {"document": "INV-10", "line": i + 1}} for i in range(10)]})
    engine.update_case(STAFF, case["id"], {"lines": [
        {"line_no": i + 1, "qty_received": 2, "condition": "refurbish", "accessories_complete": i % 3 != 0}
        for i in range(10)]})
    fast = engine.case_valuation(STAFF, case["id"])
    assert len(fast["breakdown"]) > 40
    assert fast["totals"][0]["refund"].endswith(" " + currency)
    assert ("." in fast["totals"][0]["refund"]) == (digits > 0)
    same(fast, text_path(engine, STAFF, "case.valuation", {"case_id": case["id"]}))
    same(engine.case_valuation(STAFF, case["id"]), fast)


def test_every_answer_built_from_values_equals_the_decoded_text(sold, clock):
    case = sold.create_case(STAFF, {"kind": "return", "channel": "b2c", "customer_id": "C1",
                                    "expected_completion": dt.date(2026, 12, 24),
                                    "custom_fields": {"portal_at": "2026-01-01T00:00:00Z", "on": "2026-01-01"},
                                    "lines": [{"sku": "SKU-S", "serial": "SN-1", "quantity": 1}]})
    sold.add_note(STAFF, case["id"], "called the customer")
    clock.advance(hours=3)
    sold.add_action(STAFF, case["id"], "inspect", due_at=T0 + dt.timedelta(days=2))
    asks = [
        (STAFF, "case.get", {"case_id": case["id"]}),
        (CUSTOMER, "case.get", {"case_id": case["id"]}),
        (STAFF, "case.query", {"customer_id": "C1", "sort": "created_at"}),
        (CUSTOMER, "case.query", {}),
        (STAFF, "case.history", {"case_id": case["id"]}),
        (STAFF, "sla.case", {"case_id": case["id"]}),
        (STAFF, "sold_units.by_serial", {"serial": "SN-1"}),
        (STAFF, "sales_document.get", {"id": "INV-100"}),
        (STAFF, "warranty.config", {}),
        (STAFF, "sla.config", {}),
        (STAFF, "calendar.add", {"calendar": "office", "at": "2026-11-27T16:30:00Z", "seconds": 7200}),
    ]
    for actor, op, request in asks:
        same(sold.call(actor, op, request), text_path(sold, actor, op, request))
    assert sold.get_case(STAFF, case["id"])["custom_fields"] == {"portal_at": "2026-01-01T00:00:00Z",
                                                                 "on": "2026-01-01"}


def test_a_stored_calendar_computes_what_calendar_add_answers(engine):
    office = engine.calendar(STAFF, "office")
    assert isinstance(office, rma.Calendar)
    starts = [T0 + dt.timedelta(hours=h, minutes=17, microseconds=250) for h in range(0, 24 * 9, 5)]
    for start in starts:
        for seconds in (0, 1, 3600, 8 * 3600, 5 * 86400):
            assert office.add(start, seconds) == engine.calendar_add(STAFF, "office", start, seconds)
        end = start + dt.timedelta(days=3, minutes=11)
        assert office.between(start, end) == engine.calendar_between(STAFF, "office", start, end)
        assert office.between(end, start) == -office.between(start, end)
        assert office.next_open(start) == engine.calendar_next_open(STAFF, "office", start)
    local = T0.astimezone(ROME)
    assert office.add(local, dt.timedelta(hours=2)) == office.add(T0, 7200)
    assert office.add(T0, 7200).tzinfo is UTC


def test_a_calendar_document_and_the_refusals(engine):
    document = {"time_zone": "Europe/Rome", "week": {"monday": ["09:00-13:00"]}}
    rome = rma.Calendar.from_document(document)
    assert rome.add(T0, 3600) == engine.calendar_add(STAFF, document, T0, 3600)
    with pytest.raises(rma.ValidationError) as naive:
        rome.add(dt.datetime(2026, 11, 25, 9, 0), 60)
    assert naive.value.field == "at"
    with pytest.raises(rma.ValidationError) as negative:
        rome.add(T0, -1)
    assert negative.value.field == "seconds" and negative.value.code == rma.Status.OUT_OF_RANGE
    with pytest.raises(rma.ValidationError):
        rome.add(T0, dt.timedelta(milliseconds=5))
    with pytest.raises(rma.ValidationError):
        rome.add("2026-11-25T09:00:00Z", 60)
    with pytest.raises(rma.ValidationError) as bad:
        rma.Calendar.from_document({"time_zone": "Europe/Rome", "week": {"mondy": []}})
    assert bad.value.field.startswith("week")
    with pytest.raises(rma.NotFound):
        engine.calendar(STAFF, "nowhere")
