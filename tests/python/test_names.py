"""One name per concept: the methods named after their JSON op, the names of librma 0.x kept as
deprecated aliases, sla.due in seconds, and the batch taking every write on parties and cases."""

import datetime as dt

import pytest

import rma
from conftest import ADMIN, STAFF, SALES_JSONL

OLD_TO_NEW = {
    "import_data": "import_run",
    "service_history": "unit_history",
    "available_transitions": "case_transitions",
    "post_message": "outbox_post",
    "pending_messages": "outbox_fetch",
    "acknowledge_messages": "outbox_ack",
    "breaching_within": "sla_due",
}


@pytest.mark.parametrize("old,new", sorted(OLD_TO_NEW.items()))
def test_every_old_name_has_its_new_name(old, new):
    assert callable(getattr(rma.Engine, new))
    assert callable(getattr(rma.Engine, old))
    assert new in getattr(rma.Engine, old).__doc__


def test_old_names_warn_and_answer_like_the_new(engine, case):
    with pytest.warns(DeprecationWarning, match="use outbox_post"):
        posted = engine.post_message(STAFF, case["id"], "credit_note.request", {"amount_minor": 1})
    with pytest.warns(DeprecationWarning, match="use outbox_fetch"):
        assert engine.pending_messages(STAFF) == engine.outbox_fetch(STAFF)
    with pytest.warns(DeprecationWarning, match="use outbox_ack"):
        assert engine.acknowledge_messages(STAFF, [posted["seq"]]) == 1
    assert engine.outbox_fetch(STAFF) == []
    with pytest.warns(DeprecationWarning, match="use case_transitions"):
        assert engine.available_transitions(STAFF, case["id"]) == engine.case_transitions(STAFF, case["id"])
    with pytest.warns(DeprecationWarning, match="use unit_history"):
        assert engine.service_history(STAFF, "SN-1") == engine.unit_history(STAFF, "SN-1")
    with pytest.warns(DeprecationWarning, match="use import_run"):
        old = engine.import_data(STAFF, "sales_documents", "jsonl", SALES_JSONL)
    new = engine.import_run(STAFF, "sales_documents", "jsonl", SALES_JSONL)
    assert old["records_written"] > 0
    assert (new["rows_read"], new["records_unchanged"]) == (old["rows_read"], old["records_written"])


def test_sla_due_takes_seconds_and_the_old_name_hours(engine, case, clock):
    soon = engine.sla_due(STAFF, seconds=10 * 24 * 3600)
    assert case["id"] in [item["case_id"] for item in soon]
    assert engine.sla_due(STAFF, dt.timedelta(days=10)) == soon
    with pytest.warns(DeprecationWarning, match="use sla_due"):
        assert engine.breaching_within(STAFF, hours=10 * 24) == soon
    assert engine.sla_due(STAFF, seconds=0) == []
    max_seconds = 24 * 3650 * 3600
    assert case["id"] in [item["case_id"] for item in engine.sla_due(STAFF, seconds=max_seconds)]
    with pytest.raises(rma.ValidationError) as error:
        engine.sla_due(STAFF, seconds=max_seconds + 1)
    assert error.value.field == "seconds"
    with pytest.raises(rma.ValidationError) as error:
        engine.call(STAFF, "sla.due", {"seconds": 60, "hours": 1})
    assert error.value.field == "hours"
    with pytest.raises(rma.ValidationError) as error, pytest.warns(DeprecationWarning):
        engine.breaching_within(STAFF, hours=-1)
    assert error.value.field == "hours"


def test_batch_takes_supplier_and_operator_upserts_reopen_and_delete(engine, case):
    results = engine.batch(ADMIN, [
        ("supplier.upsert", {"id": "S-B", "name": "Batched parts"}),
        ("operator.upsert", {"id": "bea", "name": "Bea", "role": "operator"}),
        ("case.delete", {"case_id": case["id"], "reason": "duplicate"}),
    ])
    assert [r["op"] for r in results] == ["supplier.upsert", "operator.upsert", "case.delete"]
    assert engine.get_supplier(STAFF, "S-B")["name"] == "Batched parts"
    assert engine.get_operator(ADMIN, "bea")["name"] == "Bea"
    with pytest.raises(rma.NotFound):
        engine.get_case(STAFF, case["id"])
    with pytest.raises(rma.ValidationError) as error:
        engine.batch(STAFF, [("outbox.fetch", {})])
    assert error.value.field == "commands[0].op"
    assert "supplier.upsert" in str(error.value) and "case.reopen" in str(error.value)
