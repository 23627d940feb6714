"""The ERP outbox, RMA number parsing and batches."""

import datetime as dt

import pytest

import rma
from conftest import CUSTOMER, STAFF, T0, make_draft, stored_state


def test_outbox_post_fetch_ack(engine, case):
    first = engine.outbox_post(STAFF, case["id"], "credit_note.request",
                                {"amount_minor": 12900, "currency": "EUR", "requested_at": "host text"})
    second = engine.outbox_post(STAFF, case["id"], "replacement.order", {"sku": "SKU-1", "quantity": 1})
    assert second["seq"] > first["seq"]
    assert first["topic"] == "credit_note.request"
    assert first["created_at"] == T0
    # The host's payload is returned as it was posted: no conversion inside it.
    assert first["payload"] == {"amount_minor": 12900, "currency": "EUR", "requested_at": "host text"}

    pending = engine.outbox_fetch(STAFF)
    assert [message["seq"] for message in pending] == [first["seq"], second["seq"]]
    assert engine.outbox_fetch(STAFF, limit=1) == pending[:1]

    assert engine.outbox_ack(STAFF, [first["seq"]]) == 1
    assert [message["seq"] for message in engine.outbox_fetch(STAFF)] == [second["seq"]]
    assert engine.outbox_ack(STAFF, (s for s in [first["seq"], second["seq"]])) == 1
    assert engine.outbox_fetch(STAFF) == []


def test_outbox_errors(engine, case):
    with pytest.raises(rma.NotFound):
        engine.outbox_post(STAFF, 999999, "credit_note.request", {})
    with pytest.raises(rma.ValidationError) as info:
        engine.outbox_post(STAFF, case["id"], "credit_note.request", "not a dict")
    assert info.value.field == "payload"
    with pytest.raises(rma.ValidationError) as info:
        engine.outbox_ack(STAFF, 7)
    assert info.value.code == rma.Status.WRONG_TYPE
    assert info.value.field == "seqs"
    with pytest.raises(rma.ValidationError):
        engine.outbox_fetch(STAFF, limit=0)
    with pytest.raises(rma.PermissionDenied):
        engine.outbox_fetch(CUSTOMER)


def test_parse_number_forgives_case_and_spaces(engine, case):
    parsed = engine.parse_number(STAFF, case["number"].lower().replace("-", " "))
    assert parsed == {"canonical": case["number"], "year": 2026, "sequence": 1}


def test_parse_number_rejects_a_swapped_pair(engine, case):
    number = case["number"]  # RMA-2026-000001-K: swap the neighbours "01" -> "10"
    swapped = number.replace("000001", "000010")
    with pytest.raises(rma.NotFound) as info:
        engine.parse_number(STAFF, swapped)
    assert info.value.field == "number"


def test_batch_commits_every_command(engine, case):
    before = engine.stats()["last_event_seq"]
    results = engine.batch(STAFF, [
        ("case.create", make_draft(customer_id="C2")),
        ("case.add_note", {"case_id": case["id"], "channel": "external", "body": "batched"}),
        ("case.add_action", {"case_id": case["id"], "title": "Inspect", "assignee": "anna",
                             "due_at": T0 + dt.timedelta(days=2)}),
    ], full=True)
    assert len(results) == 3
    assert results[0]["customer_id"] == "C2"
    assert results[1]["notes"][-1]["body"] == "batched"
    assert results[2]["actions"][0]["due_at"] == T0 + dt.timedelta(days=2)
    assert engine.stats()["last_event_seq"] == before + 3
    assert engine.stats()["cases"] == 2


def test_batch_is_all_or_nothing(engine, case):
    before = stored_state(engine)
    with pytest.raises(rma.ValidationError):
        engine.batch(STAFF, [
            ("case.create", make_draft(customer_id="C2")),
            ("case.create", make_draft(lines=[{"sku": "SKU-1", "quantity": 0}])),
        ])
    assert stored_state(engine) == before
    assert engine.query_cases(STAFF, customer_id="C2")["total"] == 0


def test_batch_subscribers_see_events_after_the_commit(engine, case):
    seen = []
    engine.subscribe(lambda event: seen.append((event["type"], engine.stats()["last_event_seq"])))
    engine.batch(STAFF, [("case.add_note", {"case_id": case["id"], "channel": "internal", "body": n})
                         for n in ("one", "two")])
    last = engine.stats()["last_event_seq"]
    assert seen == [("note.added", last), ("note.added", last)]


def test_batch_rejects_read_commands_and_bad_shapes(engine, case):
    with pytest.raises(rma.ValidationError):
        engine.batch(STAFF, [("case.get", {"case_id": case["id"]})])
    with pytest.raises(rma.ValidationError) as info:
        engine.batch(STAFF, [("case.create",)])
    assert info.value.field == "commands[0]"
    with pytest.raises(rma.ValidationError) as info:
        engine.batch(STAFF, {"op": "case.create"})
    assert info.value.field == "commands"
