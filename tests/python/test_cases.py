"""The case lifecycle through the Python API: every command's happy path."""

import datetime as dt

import pytest

import rma
from conftest import CUSTOMER, STAFF, T0, make_draft

UTC = dt.timezone.utc
SHA = "ab" * 32


def test_create_case_returns_the_stored_case(engine, case):
    assert case["id"] > 0
    assert case["version"] == 1
    assert case["status"] == "requested"
    assert case["workflow"] == "consumer_return"
    assert case["kind"] == "return"
    assert case["channel"] == "b2b"
    assert case["customer_id"] == "C1"
    assert case["split_from"] is None
    assert [line["line_no"] for line in case["lines"]] == [1, 2]
    assert case["lines"][0]["qty_requested"] == 3
    assert case["lines"][0]["sales_document"] == {"document": "INV-2026-7", "line": 2}
    assert case["lines"][1]["serial"] == "SN-100"
    assert case["number"].startswith("RMA-2026-000001-")


def test_case_times_are_aware_utc_datetimes(case):
    assert case["created_at"] == T0
    assert case["created_at"].tzinfo is not None
    assert case["created_at"].utcoffset() == dt.timedelta(0)
    assert case["updated_at"] == T0


def test_complaint_with_expected_completion_and_custom_fields(engine):
    created = engine.create_case(STAFF, make_draft(
        kind="complaint", category="transport", priority="high", assignee="anna", team="returns",
        expected_completion=dt.date(2026, 12, 3), custom_fields={"erp_ref": "X-1", "checked_at": "never"}))
    assert created["category"] == "transport"
    assert created["priority"] == "high"
    assert created["expected_completion"] == dt.date(2026, 12, 3)
    # The host's own document comes back untouched, even a key that ends in "_at".
    assert created["custom_fields"] == {"erp_ref": "X-1", "checked_at": "never"}


def test_purchased_elsewhere_case(engine):
    created = engine.create_case(STAFF, make_draft(purchased_elsewhere=True,
                                                   lines=[{"sku": "SKU-1", "quantity": 1}]))
    assert created["purchased_elsewhere"] is True


def test_get_case_by_id_and_by_typed_number(engine, case):
    assert engine.get_case(STAFF, case["id"]) == case
    typed = " " + case["number"].lower().replace("-", " ") + " "
    assert engine.get_case(STAFF, number=typed)["id"] == case["id"]


def test_get_case_needs_exactly_one_key(engine, case):
    with pytest.raises(rma.ValidationError) as info:
        engine.get_case(STAFF)
    assert info.value.code == rma.Status.MISSING_FIELD
    with pytest.raises(rma.ValidationError) as info:
        engine.get_case(STAFF, case["id"], number=case["number"])
    assert info.value.code == rma.Status.INVALID_ARGUMENT


def test_mistyped_number_is_not_found(engine, case):
    number = case["number"]
    wrong = number[:-1] + ("0" if number[-1] != "0" else "1")
    with pytest.raises(rma.NotFound):
        engine.get_case(STAFF, number=wrong)


def test_update_case_changes_fields_and_bumps_the_version(engine, case, clock):
    clock.advance(hours=2)
    updated = engine.update_case(STAFF, case["id"], {
        "priority": "urgent", "assignee": "anna", "resolution": "replace",
        "root_cause": "transport damage", "expected_completion": dt.date(2026, 12, 1),
        "custom_fields": {"erp_ref": "X-2"},
        "lines": [{"line_no": 1, "qty_authorized": 2, "qty_received": 2, "qty_accepted": 1, "condition": "dented"}],
    }, version=1)
    assert updated["version"] == 2
    assert updated["priority"] == "urgent"
    assert updated["status"] == "requested"  # the workflow moves it, never a patch
    assert updated["resolution"] == "replace"
    assert updated["expected_completion"] == dt.date(2026, 12, 1)
    assert updated["custom_fields"] == {"erp_ref": "X-2"}
    assert updated["lines"][0]["qty_accepted"] == 1
    assert updated["updated_at"] == T0 + dt.timedelta(hours=2)
    assert updated["created_at"] == T0


def test_update_case_can_clear_the_expected_completion(engine):
    created = engine.create_case(STAFF, make_draft(expected_completion=dt.date(2026, 12, 3)))
    cleared = engine.update_case(STAFF, created["id"], {"expected_completion": None})
    assert cleared["expected_completion"] is None


def test_add_note_in_both_channels(engine, case):
    engine.add_note(STAFF, case["id"], "internal: check the seal")
    updated = engine.add_note(STAFF, case["id"], "We received your parcel.", channel="external", version=2)
    assert [(n["channel"], n["body"]) for n in updated["notes"]] == [
        ("internal", "internal: check the seal"), ("external", "We received your parcel.")]
    assert updated["notes"][0]["author"] == STAFF
    assert updated["version"] == 3


def test_add_attachment(engine, case):
    updated = engine.add_attachment(STAFF, case["id"], "photo-1.jpg", "image/jpeg", 123456, SHA,
                                    "s3://bucket/photo-1.jpg", visibility="external")
    attachment = updated["attachments"][0]
    assert attachment["file_name"] == "photo-1.jpg"
    assert attachment["size_bytes"] == 123456
    assert attachment["visibility"] == "external"
    assert isinstance(attachment["created_at"], dt.datetime)


def test_add_and_complete_action(engine, case, clock):
    due = dt.datetime(2026, 11, 27, 17, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    with_action = engine.add_action(STAFF, case["id"], "Inspect the unit", assignee="anna", due_at=due)
    action = with_action["actions"][0]
    assert action["title"] == "Inspect the unit"
    assert action["due_at"] == dt.datetime(2026, 11, 27, 16, 0, tzinfo=UTC)
    assert action["done_at"] is None
    clock.advance(days=1)
    done = engine.complete_action(STAFF, case["id"], action["id"], version=with_action["version"])
    assert done["actions"][0]["done_at"] == T0 + dt.timedelta(days=1)
    assert done["actions"][0]["done_by"] == STAFF


def test_action_without_deadline(engine, case):
    action = engine.add_action(STAFF, case["id"], "Call the customer")["actions"][0]
    assert action["due_at"] is None
    assert action["assignee"] == ""


def test_completing_an_action_twice_is_a_conflict(engine, case):
    action_id = engine.add_action(STAFF, case["id"], "Inspect")["actions"][0]["id"]
    engine.complete_action(STAFF, case["id"], action_id)
    with pytest.raises(rma.ConflictError) as info:
        engine.complete_action(STAFF, case["id"], action_id)
    assert info.value.field == "action_id"


def test_unknown_action_is_not_found(engine, case):
    with pytest.raises(rma.NotFound) as info:
        engine.complete_action(STAFF, case["id"], 999)
    assert info.value.field == "action_id"


def test_split_moves_quantities_to_a_new_case(engine, case):
    original, created = engine.split_case(STAFF, case["id"], [{"line_no": 1, "quantity": 1}], version=1)
    assert created["split_from"] == original["id"] == case["id"]
    assert created["id"] != original["id"]
    assert original["lines"][0]["qty_requested"] == 2
    assert [(line["sku"], line["qty_requested"]) for line in created["lines"]] == [("SKU-1", 1)]
    assert original["version"] == 2
    assert engine.get_case(STAFF, created["id"])["split_from"] == case["id"]


def test_split_of_a_whole_line_moves_the_line(engine, case):
    original, created = engine.split_case(STAFF, case["id"], [{"line_no": 2, "quantity": 1}])
    assert [line["sku"] for line in original["lines"]] == ["SKU-1"]
    assert created["lines"][0]["serial"] == "SN-100"


def test_query_filters_sorts_and_pages(engine, clock):
    ids = []
    for index in range(5):
        clock.advance(minutes=10)
        customer = "C1" if index % 2 == 0 else "C2"
        ids.append(engine.create_case(STAFF, make_draft(customer_id=customer))["id"])
    page = engine.query_cases(STAFF, customer_id="C1")
    assert page["total"] == 3
    assert [item["id"] for item in page["items"]] == [ids[0], ids[2], ids[4]]
    assert all(isinstance(item["created_at"], dt.datetime) for item in page["items"])

    newest_first = engine.query_cases(STAFF, sort="created_at", descending=True, offset=1, limit=2)
    assert newest_first["total"] == 5
    assert [item["id"] for item in newest_first["items"]] == [ids[3], ids[2]]

    window = engine.query_cases(STAFF, created_from=T0 + dt.timedelta(minutes=20),
                                created_to=T0 + dt.timedelta(minutes=40))
    assert [item["id"] for item in window["items"]] == [ids[1], ids[2]]

    assert engine.query_cases(STAFF, serial="SN-100")["total"] == 5
    assert engine.query_cases(STAFF, serial="SN-999")["total"] == 0
    assert engine.query_cases(STAFF, kind="repair")["total"] == 0
    assert engine.query_cases(STAFF, number_prefix="RMA-2026-00000")["total"] == 5


def test_query_with_an_unknown_filter_is_a_validation_error(engine):
    with pytest.raises(rma.ValidationError) as info:
        engine.query_cases(STAFF, colour="red")
    assert info.value.code == rma.Status.UNKNOWN_VALUE
    assert info.value.field == "colour"


def test_history_lists_every_change_in_order(engine, case, clock):
    clock.advance(minutes=5)
    engine.add_note(STAFF, case["id"], "looked at it")
    engine.update_case(STAFF, case["id"], {"priority": "high"})
    events = engine.history(STAFF, case["id"])
    assert [event["type"] for event in events] == ["case.created", "note.added", "case.updated"]
    assert [event["seq"] for event in events] == sorted(event["seq"] for event in events)
    assert events[0]["at"] == T0
    assert events[1]["at"] == T0 + dt.timedelta(minutes=5)
    assert all(event["actor"] == STAFF and event["case_id"] == case["id"] for event in events)
    assert events[2]["data"]["changes"]["priority"] == {"before": "normal", "after": "high"}


def test_customer_view_hides_internal_notes(engine, case):
    engine.add_note(STAFF, case["id"], "internal: customer dropped it")
    engine.add_note(STAFF, case["id"], "Replacement on its way", channel="external")
    engine.add_attachment(STAFF, case["id"], "lab.pdf", "application/pdf", 10, SHA, "file:///lab.pdf")
    staff_view = engine.get_case(STAFF, case["id"])
    assert len(staff_view["notes"]) == 2
    view = engine.customer_view(CUSTOMER, case["id"])
    assert [note["body"] for note in view["notes"]] == ["Replacement on its way"]
    assert view["attachments"] == []
    assert "customer dropped it" not in repr(view)


def test_customer_writes_external_notes_only(engine, case):
    engine.add_note(CUSTOMER, case["id"], "When will it arrive?", channel="external")
    with pytest.raises(rma.PermissionDenied) as info:
        engine.add_note(CUSTOMER, case["id"], "sneaky", channel="internal")
    assert info.value.field == "channel"


def test_customer_may_not_read_another_customers_case(engine, case):
    # It answers as a case that does not exist.
    with pytest.raises(rma.NotFound) as info:
        engine.customer_view("customer:C2", case["id"])
    assert info.value.code == 2
    assert info.value.field == "case_id"


def test_idempotency_key_returns_the_first_case(engine):
    first = engine.create_case(STAFF, make_draft(), idempotency_key="mail-4711")
    seq = engine.stats()["last_event_seq"]
    again = engine.create_case(STAFF, make_draft(), idempotency_key="mail-4711")
    assert again["id"] == first["id"]
    assert again["number"] == first["number"]
    stats = engine.stats()
    assert (stats["cases"], stats["last_event_seq"]) == (1, seq)  # nothing written by the retry
    other = engine.create_case(STAFF, make_draft(), idempotency_key="mail-4712")
    assert other["id"] != first["id"]


def test_idempotency_key_reused_for_another_request_is_a_conflict(engine):
    engine.create_case(STAFF, make_draft(), idempotency_key="mail-4711")
    with pytest.raises(rma.ConflictError) as info:
        engine.create_case(STAFF, make_draft(priority="urgent"), idempotency_key="mail-4711")
    assert info.value.code == rma.Status.CONFLICT
    assert info.value.field == "idempotency_key"
