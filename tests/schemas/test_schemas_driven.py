"""What the pytest suite of tests/python does not exercise, driven here so that the recorder
(schema_recorder.py) validates it too — a stored workflow version, the SLA configuration in
force, a unit replaced, a batch's full answers — and requests that both the engine and the
schemas must refuse."""
import datetime as dt

import pytest

import rma
import schemas

STAFF = "operator:anna"
T0 = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.timezone.utc)


@pytest.fixture
def engine(tmp_path):
    with rma.Engine(str(tmp_path / "rma.db")) as e:
        e.set_clock(lambda: T0)
        e.upsert_operator("system:setup", {"id": "root", "name": "Root", "role": "admin"})
        e.upsert_customer(STAFF, {"id": "C1", "name": "Acme Srl"})
        e.upsert_product(STAFF, {"sku": "SKU-S", "name": "Phone", "serialized": True})
        e.upsert_product(STAFF, {"sku": "SKU-1", "name": "Kettle"})
        yield e


@pytest.fixture(scope="module")
def loaded():
    return schemas.Schemas()


def test_reads_of_the_configuration_in_force(engine):
    workflows = engine.call("admin:root", "workflow.config", {})
    first = workflows["workflows"][0]
    one = engine.call(STAFF, "workflow.get", {"id": first["id"], "version": first["version"]})
    assert one["id"] == first["id"]
    assert "policies" in engine.call(STAFF, "sla.config", {})
    assert engine.call(STAFF, "valuation.rules", {})["rounding"]


def test_a_replacement_serial_records_the_unit_replaced(engine):
    case = engine.call(STAFF, "case.create", {"customer_id": "C1", "kind": "repair",
                                              "lines": [{"sku": "SKU-S", "serial": "SN-1"}]})
    engine.call(STAFF, "case.update", {"case_id": case["id"], "changes": {
        "lines": [{"line_no": 1, "replacement_serial": "SN-9"}]}})
    types = [e["type"] for e in engine.call(STAFF, "case.history", {"case_id": case["id"]})["events"]]
    assert "unit.replaced" in types


def test_a_batch_with_full_answers(engine):
    answer = engine.call(STAFF, "batch", {"answers": "full", "commands": [
        {"op": "case.create", "request": {"customer_id": "C1", "lines": [{"sku": "SKU-1", "quantity": 2}]}},
        {"op": "customer.upsert", "request": {"id": "C2", "name": "Bianchi"}}]})
    assert [r.get("id") for r in answer["results"]] == [1, "C2"]


# Requests librma refuses, each with the status it refuses it with: the schema of the op refuses
# it too. (A refusal that needs stored data, such as an unknown case, is the engine's alone.)
BAD = [
    ("case.create", {"customer_id": "C1", "lines": [{"sku": "SKU-1", "quantity": 0}]}, "out_of_range"),
    ("case.create", {"customer_id": "C1", "lines": [{"sku": "SKU-1", "quantiy": 2}]}, "unknown_value"),
    ("case.create", {"customer_id": "C1", "kind": "retrun", "lines": [{"sku": "SKU-1"}]}, "unknown_value"),
    ("case.create", {"customer_id": "C1"}, "missing_field"),
    ("case.create", {"customer_id": "C1", "lines": [{"sku": "SKU-1", "quantity": "2"}]}, "wrong_type"),
    ("case.get", {"case_id": 0}, "out_of_range"),
    ("case.add_note", {"case_id": 1, "channel": "external"}, "missing_field"),
    ("case.add_note", {"case_id": 1, "channel": "public", "body": "x"}, "unknown_value"),
    ("case.query", {"limit": 1001}, "out_of_range"),
    ("case.query", {"sort": "colour"}, "unknown_value"),
    ("outbox.fetch", {"limit": 0}, "out_of_range"),
    ("warranty.check", {"serial": "SN-1", "on": "tomorrow"}, "invalid_argument"),
    ("sla.configure", {"policies": [], "calendar": {}}, "unknown_value"),
    ("sla.configure", {"calendars": {}}, "missing_field"),
    ("workflow.configure", {}, "missing_field"),
    ("privacy.configure", {"default_retention": {"months": 12}, "kept": []}, "unknown_value"),
    ("engine.stats", {"verbose": True}, "unknown_value"),
]


@pytest.mark.parametrize("op,request_,status", BAD, ids=[f"{op}:{status}" for op, _, status in BAD])
def test_a_bad_request_is_refused_by_the_engine_and_the_schema(engine, loaded, op, request_, status):
    with pytest.raises(rma.Error) as refused:
        engine.call("admin:root", op, request_)
    assert refused.value.status == status
    assert loaded.errors(schemas.Schemas.op_uri(op, "request"), request_), \
        f"the schema of {op} accepts a request librma refuses with {status}"


def test_the_good_requests_beside_them_pass_both(engine, loaded):
    good = [("case.create", {"customer_id": "C1", "lines": [{"sku": "SKU-1", "quantity": 2, "claimed_amount": None}]}),
            ("case.query", {"limit": 1000, "sort": "number", "cursor": None}),
            ("outbox.fetch", {"limit": 1})]
    for op, request in good:
        assert loaded.errors(schemas.Schemas.op_uri(op, "request"), request) == []
        engine.call("admin:root", op, request)


def test_a_report_exported(engine, tmp_path):
    engine.call(STAFF, "case.create", {"customer_id": "C1", "lines": [{"sku": "SKU-1", "quantity": 2}]})
    path = tmp_path / "returns.csv"
    answer = engine.export_report(STAFF, str(path), "csv", ["cases", "units_requested"], ["sku"])
    assert answer["rows"] == 1 and path.exists()
