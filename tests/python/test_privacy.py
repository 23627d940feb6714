"""Personal data from Python (docs/privacy.md): the retention configuration, erasure at the
boundary of its period, every answer after it, and a data subject's export."""

import datetime as dt

import pytest

import rma
from conftest import ADMIN, CUSTOMER, STAFF, stored_state

CONFIG = {
    "default_retention": {"years": 10, "basis": "tax records"},
    "retention": [{"country": "IT", "kind": "return", "months": 26, "basis": "warranty claims, IT"}],
}


@pytest.fixture
def private(engine):
    engine.configure_privacy(ADMIN, CONFIG)
    return engine


def closed_case(engine):
    """A return by C1 (billing address in IT) with personal data in its lines, custom fields, notes
    and an attachment, cancelled on 2026-11-25."""
    case = engine.create_case(STAFF, {
        "kind": "return", "channel": "b2c", "customer_id": "C1",
        "custom_fields": {"contact": "Anna Verdi", "contract": "gold"},
        "lines": [{"sku": "SKU-1", "defect_description": "Anna Verdi: it leaks"}]})
    engine.add_note(STAFF, case["id"], "Anna will bring it back", channel="external")
    engine.add_attachment(STAFF, case["id"], "anna-verdi.jpg", "image/jpeg", 10,
                          "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                          "s3://returns/anna-verdi.jpg", visibility="external")
    return engine.transition_case(STAFF, case["id"], "cancel")


def test_configuration_stored_and_refused(engine):
    assert engine.privacy_config(STAFF)["default_retention"] == {"months": 120,
                                                                 "basis": "librma default: 10 years"}
    with pytest.raises(rma.PermissionDenied):
        engine.configure_privacy(STAFF, CONFIG)
    with pytest.raises(rma.ValidationError) as bad:
        engine.configure_privacy(ADMIN, {"retention": [{"country": "IT", "months": 0}]})
    assert bad.value.field == "retention[0].months"
    with pytest.raises(rma.ConflictError) as twice:  # Status.DUPLICATE
        engine.configure_privacy(ADMIN, {"retention": [{"country": "IT", "months": 12},
                                                      {"country": "IT", "months": 24}]})
    assert twice.value.field == "retention[1]"
    stored = engine.configure_privacy(ADMIN, CONFIG)
    assert stored["retention"][0]["months"] == 26
    assert stored["kept_custom_fields"] == ["contract"]
    assert engine.privacy_config(STAFF) == stored


def test_erasure_at_the_boundary_and_every_answer_after(private, clock):
    case = closed_case(private)
    clock.now = dt.datetime(2029, 1, 25, 22, 59, 59, tzinfo=dt.timezone.utc)  # 23:59:59 in Rome
    before = stored_state(private)
    with pytest.raises(rma.PermissionDenied) as early:
        private.erase_personal_data(ADMIN, case_id=case["id"])
    assert early.value.reason == "retention_period"
    assert "may be erased from 2029-01-26" in str(early.value)
    assert stored_state(private) == before

    clock.advance(seconds=1)
    report = private.erase_personal_data(ADMIN, case_id=case["id"])
    verdict = report["cases"][0]
    assert verdict["country"] == "IT"
    assert verdict["rule"]["basis"] == "warranty claims, IT"
    assert verdict["ended_on"] == dt.date(2026, 11, 25)
    assert verdict["erasable_from"] == dt.date(2029, 1, 26)

    got = private.get_case(STAFF, case["id"])
    assert got["lines"][0]["defect_description"] == "[erased]"
    assert got["custom_fields"] == {"contact": "[erased]", "contract": "gold"}
    assert got["notes"][0]["body"] == "[erased]"
    assert got["attachments"][0]["file_name"] == "[erased]"
    assert "Anna" not in str(private.history(STAFF, case["id"]))
    assert private.replay_case(STAFF, case["id"]) == got
    assert private.customer_view(CUSTOMER, case["id"])["lines"][0]["defect_description"] == "[erased]"
    assert private.query_cases(STAFF, status="cancelled")["total"] == 1

    with pytest.raises(rma.ConflictError) as again:
        private.erase_personal_data(ADMIN, case_id=case["id"])
    assert again.value.reason == "already_erased"


def test_refusals_write_nothing(private, clock):
    case = private.create_case(STAFF, {"customer_id": "C1", "lines": [{"sku": "SKU-1"}]})
    before = stored_state(private)
    with pytest.raises(rma.PermissionDenied) as open_case:
        private.erase_personal_data(ADMIN, case_id=case["id"])
    assert open_case.value.reason == "case_open"
    with pytest.raises(rma.PermissionDenied):
        private.erase_personal_data(STAFF, case_id=case["id"])
    with pytest.raises(rma.NotFound):
        private.erase_personal_data(ADMIN, customer_id="nobody")
    with pytest.raises(rma.ValidationError):
        private.erase_personal_data(ADMIN)
    with pytest.raises(rma.ValidationError):
        private.erase_personal_data(ADMIN, case_id=case["id"], customer_id="C1")
    assert stored_state(private) == before


def test_customer_erasure_and_export(private, clock):
    case = closed_case(private)
    own = private.export_personal_data(CUSTOMER, customer_id="C1")
    assert own["customer"]["name"] == "Acme Srl"
    assert own["cases"][0]["case"]["lines"][0]["defect_description"] == "Anna Verdi: it leaks"
    assert "custom_fields" not in own["cases"][0]["case"]  # hidden from the claimant
    assert isinstance(own["exported_at"], dt.datetime)
    # The record's own history: its upserts, oldest first, in the customer's view (no actor).
    assert [e["type"] for e in own["customer_history"]] == ["customer.upserted"]
    assert own["customer_history"][-1]["data"]["after"]["name"] == "Acme Srl"
    assert not own["customer_history"][-1].get("actor")
    assert "tier" not in own["customer_history"][-1]["data"]["after"]
    assert isinstance(own["customer_history"][-1]["at"], dt.datetime)
    staff = private.export_personal_data(STAFF, customer_id="C1")
    assert staff["customer_history"][-1]["actor"]
    assert staff["customer_history"][-1]["data"]["after"]["tier"] == "gold"
    assert private.export_personal_data(STAFF, case_id=case["id"])["customer_history"] == []
    with pytest.raises(rma.PermissionDenied):
        private.export_personal_data("customer:C2", customer_id="C1")

    clock.now = dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc)
    report = private.erase_personal_data(ADMIN, customer_id="C1")
    assert report["customer"] is True
    assert [c["case_id"] for c in report["cases"]] == [case["id"]]
    customer = private.get_customer(STAFF, "C1")
    assert customer["name"] == "[erased]"
    assert customer["phones"] == ["[erased]"]
    assert customer["addresses"][0]["country"] == "IT"
    assert customer["tier"] == "gold"
    exported = private.export_personal_data(STAFF, customer_id="C1")
    assert exported["customer_erased_at"] == clock.now
    assert exported["cases"][0]["erased_at"] == clock.now
    assert exported["customer_history"][0]["data"]["after"]["name"] == "[erased]"
    assert "Anna" not in str(exported)
