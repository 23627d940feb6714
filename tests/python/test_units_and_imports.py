"""Units and quantities belong to their buyer, and import reports stay bounded: through Python.

A customer's line on another customer's serial gets no sale facts, the flag
``unit_sold_to_other_customer`` and eligibility ``manual_review``; no line asks more units of a
sales line than were sold minus earlier claims; an import report lists at most
``limits.max_import_errors`` errors and counts all of them."""

import pytest

import rma
from conftest import CUSTOMER, STAFF, FakeClock, seed, stored_state

S = rma.Status

# The `sold` fixture: C1 bought phones SN-1 and SN-2 (INV-100, line 1) and three kettles (line 2).


def phone_line(serial, **extra):
    line = {"sku": "SKU-S", "serial": serial, "quantity": 1, "reason_code": "defective"}
    line.update(extra)
    return line


def test_a_customer_on_another_customers_serial_gets_no_sale_facts(sold):
    case = sold.create_case("customer:C2", {"kind": "return", "channel": "b2c", "customer_id": "C2",
                                            "lines": [phone_line("SN-1")]})
    staff_view = sold.get_case(STAFF, case["id"])
    line = staff_view["lines"][0]
    assert line["flags"] == ["unit_sold_to_other_customer"]
    assert line["eligibility"]["outcome"] == "manual_review"
    assert [r["reason"]["code"] for r in line["eligibility"]["results"]] == ["unit_sold_to_other_customer"]
    assert line["serial"] == "SN-1"
    assert line["sales_document"] is None
    assert line.get("purchase_date") is None
    assert line["unit_price"] == 0
    assert line["currency"] == ""
    assert line["vat_rate_bp"] == 0
    assert line["dispatch_document"] == ""
    assert line["packers"] == []
    assert "INV-100" not in repr(staff_view)
    assert "DDT-1" not in repr(staff_view)

    # A re-check keeps the flag and manual_review and reads nothing of the sale.
    checked = sold.check_case_line(STAFF, case["id"], 1)
    assert checked["lines"][0]["flags"] == ["unit_sold_to_other_customer"]
    assert checked["lines"][0]["eligibility"]["outcome"] == "manual_review"
    assert "INV-100" not in repr(checked)


def test_a_mismatched_sku_tells_a_customer_only_that_it_does_not_match(sold):
    draft = {"kind": "return", "channel": "b2c", "customer_id": "C1",
             "lines": [phone_line("SN-1", sku="SKU-1")]}
    with pytest.raises(rma.ValidationError) as customer:
        sold.create_case(CUSTOMER, draft)
    assert customer.value.field == "lines[0].sku"
    assert "SKU-S" not in customer.value.message
    assert "does not match" in customer.value.message
    with pytest.raises(rma.ValidationError) as staff:
        sold.create_case(STAFF, draft)
    assert "SKU-S" in staff.value.message


def kettles(quantity):
    return {"kind": "return", "channel": "b2c", "customer_id": "C1",
            "lines": [{"sku": "SKU-1", "quantity": quantity, "reason_code": "changed_mind",
                       "sales_document": {"document": "INV-100", "line": 2}}]}


def test_quantities_are_bounded_by_what_was_sold(sold):
    first = sold.create_case(STAFF, kettles(2))
    before = stored_state(sold)
    with pytest.raises(rma.ValidationError) as over:
        sold.create_case(STAFF, kettles(2))  # 2 + 2 > 3 sold
    assert over.value.code == S.OUT_OF_RANGE
    assert over.value.field == "lines[0].quantity"
    assert stored_state(sold) == before
    rest = sold.create_case(STAFF, kettles(1))  # 2 + 1 = 3: exactly the rest
    assert rest["lines"][0]["qty_requested"] == 1
    assert first["id"] != rest["id"]

    # A serial is one unit: a second claim on SN-2 is refused.
    sold.create_case(STAFF, {"kind": "return", "channel": "b2c", "customer_id": "C1", "lines": [phone_line("SN-2")]})
    with pytest.raises(rma.ValidationError) as twice:
        sold.create_case(STAFF, {"kind": "return", "channel": "b2c", "customer_id": "C1",
                                 "lines": [phone_line("SN-2")]})
    assert twice.value.field == "lines[0].quantity"


def bad_rows(n):
    return "".join(
        '{"id": "D%d", "date": "2026-11-20", "customer_id": "C1", "channel": "b2c", '
        '"lines": [{"sku": "SKU-1", "quantity": "1", "unit_price": 1, "vat_rate_bp": 0}]}\n' % i
        for i in range(n))


@pytest.mark.parametrize("rows, truncated", [(3, False), (4, True)])
def test_an_import_report_lists_at_most_max_import_errors(rows, truncated, location):
    with rma.Engine(location, options={"limits": {"max_import_errors": 3}}, clock=FakeClock()) as engine:
        seed(engine)
        report = engine.import_run(STAFF, "sales_documents", "jsonl", bad_rows(rows))
    assert report["committed"] is False
    assert report["rows_rejected"] == rows
    assert len(report["errors"]) == 3 if truncated else rows
    assert report["errors_truncated"] is truncated
    assert [e["line"] for e in report["errors"]] == [1, 2, 3]
    assert report["errors"][0]["code"] == "wrong_type"
    assert report["error_counts"] == [{"field": "lines[].quantity", "reason": "wrong_type", "count": rows}]


def test_unknown_currency_and_repeated_keys_are_refused(engine):
    known = ('{"id": "D1", "date": "2026-11-20", "customer_id": "C1", "channel": "b2c", "currency": "USD", '
             '"lines": [{"sku": "SKU-1", "quantity": 1, "unit_price": 1, "vat_rate_bp": 0}]}\n')
    report = engine.import_run(STAFF, "sales_documents", "jsonl", known)
    assert report["committed"] is True
    unknown = known.replace("USD", "ZZZ").replace("D1", "D2")
    twice = known.replace('"channel": "b2c"', '"channel": "b2c", "channel": "b2b"').replace("D1", "D3")
    report = engine.import_run(STAFF, "sales_documents", "jsonl", unknown + twice)
    assert [(e["line"], e["field"], e["code"]) for e in report["errors"]] == [
        (1, "currency", "unknown_value"), (2, "channel", "malformed_json")]
    assert "duplicate key" in report["errors"][1]["reason"]
