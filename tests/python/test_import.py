"""The ERP feed through Python: import_run and import_file, reports, progress and cancelling."""

import datetime as dt

import pytest

import rma
from conftest import ADMIN, CUSTOMER, PURCHASES_CSV, SALES_JSONL, STAFF, stored_state

S = rma.Status

# One good document and one whose only line sells zero units (line 2 of the input).
ONE_BAD_ROW = """\
{"id": "INV-200", "date": "2026-11-20", "customer_id": "C1", "channel": "b2b", "lines": [{"sku": "SKU-1", \
"quantity": 5, "unit_price": 800, "vat_rate_bp": 2200}]}
{"id": "INV-201", "date": "2026-11-20", "customer_id": "C1", "channel": "b2b", "lines": [{"sku": "SKU-1", \
"quantity": 0, "unit_price": 800, "vat_rate_bp": 2200}]}
"""

CUSTOMERS_CSV = "id,name,email\nC7,Verdi Snc,info@verdi.example\nC8,Neri Spa,\n"


def test_import_returns_the_report(engine):
    report = engine.import_run(STAFF, "sales_documents", "jsonl", SALES_JSONL)
    assert report == {"rows_read": 2, "records_written": 2, "records_unchanged": 0, "rows_rejected": 0,
                      "committed": True, "errors": [], "errors_truncated": False, "error_counts": []}


def test_importing_the_same_content_again_changes_nothing(engine):
    engine.import_run(STAFF, "sales_documents", "jsonl", SALES_JSONL)
    document = engine.get_sales_document(STAFF, "INV-100")
    cases, seq = stored_state(engine)
    report = engine.import_run(STAFF, "sales_documents", "jsonl", SALES_JSONL.encode("utf-8"))
    assert report["records_written"] == 0
    assert report["records_unchanged"] == 2
    assert engine.get_sales_document(STAFF, "INV-100") == document
    assert stored_state(engine) == (cases, seq)  # not even an audit event


def test_imported_documents_have_dates(sold):
    document = sold.get_sales_document(STAFF, "INV-100")
    assert document["date"] == dt.date(2026, 11, 18)
    assert document["delivery_date"] == dt.date(2026, 11, 20)
    assert document["channel"] == "b2c"
    assert document["lines"][0]["serials"] == ["SN-1", "SN-2"]
    assert document["lines"][0]["packers"] == ["marco", "lucia"]
    assert document["lines"][1]["unit_price"] == 2500
    purchase = sold.get_purchase_document(STAFF, "PO-9")
    assert purchase["date"] == dt.date(2026, 9, 1)
    assert purchase["supplier_id"] == "S1"
    assert purchase["lines"][0]["serials"] == ["SN-1", "SN-2"]


def test_csv_customers(engine):
    report = engine.import_run(STAFF, "customers", "csv", CUSTOMERS_CSV)
    assert report["records_written"] == 2
    assert engine.get_customer(STAFF, "C7")["email"] == "info@verdi.example"


def test_one_bad_row_rejects_the_batch(engine):
    before = stored_state(engine)
    report = engine.import_run(STAFF, "sales_documents", "jsonl", ONE_BAD_ROW)
    assert report["committed"] is False
    assert report["rows_read"] == 2
    assert report["rows_rejected"] == 1
    assert report["records_written"] == 0
    [error] = report["errors"]
    assert error["line"] == 2
    assert error["field"] == "lines[0].quantity"
    assert error["reason"]
    assert stored_state(engine) == before
    with pytest.raises(rma.NotFound):
        engine.get_sales_document(STAFF, "INV-200")


def test_skip_bad_rows_writes_the_good_ones(engine):
    report = engine.import_run(STAFF, "sales_documents", "jsonl", ONE_BAD_ROW, skip_bad_rows=True)
    assert report["committed"] is True
    assert report["records_written"] == 1
    assert report["rows_rejected"] == 1
    assert [e["line"] for e in report["errors"]] == [2]
    assert engine.get_sales_document(STAFF, "INV-200")["lines"][0]["quantity"] == 5


def test_progress_sees_every_row_and_the_end(engine):
    calls = []
    engine.import_run(STAFF, "sales_documents", "jsonl", SALES_JSONL, progress=lambda *a: calls.append(a),
                       progress_every=1)
    # Row 1 of 2, then the end (2 of 2) once; a callback returning None goes on.
    assert calls == [(1, 2), (2, 2)]


def test_progress_every_larger_than_the_input_reports_only_the_end(engine):
    calls = []
    engine.import_run(STAFF, "sales_documents", "jsonl", SALES_JSONL, progress=lambda *a: calls.append(a) or True)
    assert calls == [(2, 2)]


@pytest.mark.parametrize("cancel_at", [1, 2])
def test_progress_returning_false_cancels_and_writes_nothing(engine, cancel_at):
    calls = []

    def progress(done, total):
        calls.append((done, total))
        return len(calls) < cancel_at

    before = stored_state(engine)
    with pytest.raises(rma.ValidationError) as info:
        engine.import_run(STAFF, "sales_documents", "jsonl", SALES_JSONL, progress=progress, progress_every=1)
    assert info.value.code == S.INVALID_ARGUMENT
    assert info.value.field == "progress"
    assert len(calls) == cancel_at
    assert stored_state(engine) == before
    with pytest.raises(rma.NotFound):
        engine.get_sales_document(STAFF, "INV-100")


def test_progress_that_raises_cancels_and_its_exception_propagates(engine):
    class Stop(Exception):
        pass

    def progress(done, total):
        raise Stop(f"stop at {done}")

    before = stored_state(engine)
    with pytest.raises(Stop, match="stop at 1"):
        engine.import_run(STAFF, "sales_documents", "jsonl", SALES_JSONL, progress=progress, progress_every=1)
    assert stored_state(engine) == before


def test_progress_must_not_call_the_engine(engine):
    before = stored_state(engine)
    with pytest.raises(rma.Error) as info:
        engine.import_run(STAFF, "sales_documents", "jsonl", SALES_JSONL,
                           progress=lambda done, total: engine.stats())
    assert info.value.field == "engine"
    assert "must not call" in info.value.message
    assert stored_state(engine) == before
    assert engine.stats() == engine.stats()  # usable again afterwards


def test_progress_must_be_callable(engine):
    with pytest.raises(TypeError):
        engine.import_run(STAFF, "customers", "csv", CUSTOMERS_CSV, progress=5)


def test_a_path_is_not_content(engine, tmp_path):
    path = tmp_path / "sales.jsonl"
    path.write_text(SALES_JSONL)
    with pytest.raises(rma.ValidationError) as info:
        engine.import_run(STAFF, "sales_documents", "jsonl", path)
    assert info.value.code == S.WRONG_TYPE
    assert info.value.field == "content"
    assert "import_file" in info.value.message


@pytest.mark.parametrize("name, content, kind", [
    ("sales.jsonl", SALES_JSONL, "sales_documents"),
    ("PURCHASES.CSV", PURCHASES_CSV, "purchase_documents"),
])
def test_import_file_infers_the_format_from_the_suffix(engine, tmp_path, name, content, kind):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    report = engine.import_file(STAFF, kind, path)
    assert report["committed"] is True
    assert report["records_written"] >= 1
    assert engine.import_file(STAFF, kind, str(path))["records_unchanged"] == report["records_written"]


def test_import_file_with_another_suffix_needs_a_format(engine, tmp_path):
    path = tmp_path / "customers.txt"
    path.write_text(CUSTOMERS_CSV)
    with pytest.raises(rma.ValidationError) as info:
        engine.import_file(STAFF, "customers", path)
    assert info.value.code == S.UNKNOWN_VALUE
    assert info.value.field == "format"
    assert engine.import_file(STAFF, "customers", path, format="csv")["records_written"] == 2


def test_import_file_passes_progress_and_options(engine, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(ONE_BAD_ROW)
    calls = []
    report = engine.import_file(STAFF, "sales_documents", path, skip_bad_rows=True,
                                progress=lambda *a: calls.append(a), progress_every=1)
    assert report["records_written"] == 1
    assert calls[-1] == (2, 2)


def test_import_file_that_does_not_exist(engine, tmp_path):
    with pytest.raises(FileNotFoundError):
        engine.import_file(STAFF, "customers", tmp_path / "missing.csv")


@pytest.mark.parametrize("call, error, code, field", [
    (lambda e: e.import_run(STAFF, "invoices", "jsonl", ""), rma.ValidationError, S.UNKNOWN_VALUE, "kind"),
    (lambda e: e.import_run(STAFF, "customers", "xlsx", ""), rma.ValidationError, S.UNKNOWN_VALUE, "format"),
    (lambda e: e.import_run(STAFF, "customers", "csv", b"id,name\nC9,Caf\xe9\n"), rma.ValidationError,
     S.INVALID_UTF8, "content"),
    (lambda e: e.import_run(STAFF, "customers", "csv", 42), rma.ValidationError, S.WRONG_TYPE, "content"),
    (lambda e: e.import_run(CUSTOMER, "customers", "csv", CUSTOMERS_CSV), rma.PermissionDenied,
     S.PERMISSION_DENIED, "actor"),
    (lambda e: e.import_run("anna", "customers", "csv", CUSTOMERS_CSV), rma.ValidationError,
     S.INVALID_ARGUMENT, "actor"),
])
def test_import_errors(engine, call, error, code, field):
    before = stored_state(engine)
    with pytest.raises(error) as info:
        call(engine)
    assert info.value.code == code
    assert info.value.field == field
    assert stored_state(engine) == before


def test_admin_may_import_too(engine):
    assert engine.import_run(ADMIN, "customers", "csv", CUSTOMERS_CSV)["committed"] is True


def test_import_on_a_closed_engine(engine):
    engine.close()
    with pytest.raises(rma.Error) as info:
        engine.import_run(STAFF, "customers", "csv", CUSTOMERS_CSV)
    assert info.value.field == "engine"

