"""Reports from Python: report.run as dicts, the return rate, the customer's own report, bad input,
and the CSV and XLSX exports (read back with the standard library)."""

import csv
import zipfile

import pytest

import rma
from conftest import CUSTOMER, STAFF, make_draft, stored_state


def cable(customer="C1", quantity=1, reason="defective", **line):
    return {"kind": "return", "channel": "b2c", "customer_id": customer,
            "lines": [{"sku": "CABLE-2", "quantity": quantity, "reason_code": reason, **line}]}


def test_cases_by_customer_as_rows_of_dicts(engine):
    engine.create_case(STAFF, cable("C1", 2))
    engine.create_case(STAFF, cable("C1", 3))
    engine.create_case(STAFF, cable("C2", 1))
    report = engine.run_report(STAFF, ["cases", "units_requested"], ["customer"])
    assert [c["name"] for c in report["columns"]] == ["customer", "cases", "units_requested"]
    assert report["rows"] == [{"customer": "C1", "cases": 2, "units_requested": 5},
                              {"customer": "C2", "cases": 1, "units_requested": 1}]
    assert report["totals"] == {"customer": None, "cases": 3, "units_requested": 6}
    assert report["groups"] == 2
    # Ordered by a measure, the first row kept; filters as case.query takes them.
    top = engine.run_report(STAFF, ["units_requested"], ["customer"], sort="units_requested", descending=True,
                            limit=1)
    assert top["rows"] == [{"customer": "C1", "units_requested": 5}]
    only_c2 = engine.run_report(STAFF, ["cases"], filters={"customer_id": "C2"})
    assert only_c2["totals"]["cases"] == 1


def test_periods_are_cut_in_the_zone_given(engine, clock):
    engine.create_case(STAFF, cable())  # 2026-11-25 09:30 UTC
    report = engine.run_report(STAFF, ["cases"], ["period"], period="week", time_zone="Europe/Rome")
    assert report["rows"] == [{"period": "2026-W48", "cases": 1}]
    assert report["time_zone"] == "Europe/Rome"
    with pytest.raises(rma.ValidationError) as error:
        engine.run_report(STAFF, ["cases"], ["period"])  # this engine has no zone
    assert error.value.field == "time_zone"


def test_the_return_rate_is_returned_over_sold(sold):
    # INV-100 line 2 sold three kettles; two come back.
    sold.create_case(STAFF, make_draft(channel="b2c", lines=[
        {"sku": "SKU-1", "quantity": 2, "reason_code": "DOA", "sales_document": {"document": "INV-100", "line": 2}}]))
    report = sold.run_report(STAFF, ["sold_units", "returned_units", "return_rate"], ["sku"],
                             subject="return_rate")
    rows = {row["sku"]: row for row in report["rows"]}
    assert rows["SKU-1"] == {"sku": "SKU-1", "sold_units": 3, "returned_units": 2, "return_rate": 66.67}
    assert rows["SKU-S"]["sold_units"] == 3
    assert rows["SKU-S"]["return_rate"] == 0


def test_a_customer_sees_its_own_cases_only(engine):
    engine.create_case(STAFF, cable("C1"))
    engine.create_case(STAFF, cable("C2"))
    mine = engine.run_report(CUSTOMER, ["cases"], ["status"])
    assert mine["totals"]["cases"] == 1
    with pytest.raises(rma.PermissionDenied) as error:
        engine.run_report(CUSTOMER, ["cases"], ["customer"])
    assert error.value.field == "dimensions[0]"
    with pytest.raises(rma.PermissionDenied):
        engine.run_report("supplier:S1", ["cases"], ["status"])


@pytest.mark.parametrize("measures, dimensions, field, error", [
    (["cases"], ["colour"], "dimensions[0]", rma.ValidationError),
    (["cases.median"], [], "measures[0]", rma.ValidationError),
    (["cases"], ["sku", "lot", "team", "status"], "dimensions", rma.ValidationError),
    (["cases"], ["sku", "sku"], "dimensions[1]", rma.ValidationError),
    ([], [], "measures", rma.ValidationError),
    (["return_rate"], ["sku"], "measures[0]", rma.ValidationError),
])
def test_bad_requests_name_the_field_and_write_nothing(engine, measures, dimensions, field, error):
    before = stored_state(engine)
    with pytest.raises(error) as raised:
        engine.run_report(STAFF, measures, dimensions)
    assert raised.value.field == field
    assert stored_state(engine) == before


def test_csv_export_guards_formulas_and_reads_back(engine, tmp_path):
    engine.create_case(STAFF, cable("C1", 2, "=cmd|' /C calc'!A0"))
    engine.create_case(STAFF, cable("C2", 1, "+sum"))
    engine.create_case(STAFF, cable("C2", 1, "damaged, \"badly\""))
    path = tmp_path / "by_reason.csv"
    calls = []
    result = engine.export_report(STAFF, path, "csv", ["cases", "units_requested"], ["reason_code"],
                                  progress=lambda done, total: calls.append((done, total)), progress_every=1)
    assert result == {"path": str(path), "format": "csv", "rows": 3, "bytes": path.stat().st_size}
    assert calls == [(1, 3), (2, 3), (3, 3)]
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["reason_code", "cases", "units_requested"]
    assert rows[1:] == [["'+sum", "1", "1"], ["'=cmd|' /C calc'!A0", "1", "2"], ['damaged, "badly"', "1", "1"]]


def test_xlsx_export_is_a_typed_sheet_with_a_chart(engine, tmp_path):
    for i in range(6):
        engine.create_case(STAFF, cable("C1" if i % 2 else "C2", i + 1, "@risky" if i == 0 else "defective"))
    path = tmp_path / "report.xlsx"
    result = engine.export_report(STAFF, path, "xlsx", ["units_requested", "cases"], ["reason_code"],
                                  sheet="Returns", title="Units by reason")
    assert result["rows"] == 2
    with zipfile.ZipFile(path) as book:
        names = set(book.namelist())
        assert {"xl/worksheets/sheet1.xml", "xl/charts/chart1.xml", "xl/drawings/drawing1.xml"} <= names
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
        workbook = book.read("xl/workbook.xml").decode()
        strings = book.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in names else sheet
        chart = book.read("xl/charts/chart1.xml").decode()
    assert 'name="Returns"' in workbook
    assert "<pane " in sheet and 'state="frozen"' in sheet      # the header stays in view
    assert "<autoFilter " in sheet
    assert "<f>" not in sheet                                   # no cell is a formula
    assert "&apos;@risky" in strings or "'@risky" in strings     # written as guarded text
    assert "Units by reason" in chart and "<c:barChart>" in chart
    # Numbers are numbers: the units column holds values, not strings.
    assert '<c r="B2" s=' in sheet and '<v>' in sheet


def test_a_cancelled_export_leaves_no_file(engine, tmp_path):
    engine.create_case(STAFF, cable("C1"))
    engine.create_case(STAFF, cable("C2"))
    path = tmp_path / "cancelled.xlsx"
    with pytest.raises(rma.ValidationError) as error:
        engine.export_report(STAFF, path, "xlsx", ["cases"], ["customer"], progress=lambda done, total: False,
                             progress_every=1)
    assert error.value.field == "progress"
    assert not path.exists()

    class Stop(Exception):
        pass

    def stop(done, total):
        raise Stop()

    with pytest.raises(Stop):
        engine.export_report(STAFF, path, "csv", ["cases"], ["customer"], progress=stop, progress_every=1)
    assert not path.exists()
    with pytest.raises(rma.ValidationError) as error:
        engine.export_report(STAFF, path, "pdf", ["cases"])
    assert error.value.field == "format"
