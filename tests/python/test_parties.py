"""Customers, suppliers, operators and products: upsert, get and their errors."""

import pytest

import rma
from conftest import ADMIN, CUSTOMER, STAFF


def test_customer_round_trip(engine):
    stored = engine.upsert_customer(STAFF, {
        "id": "C9", "name": "Rossi SpA", "tax_id": "IT01234567890", "email": "rma@rossi.example",
        "phones": ["+39 06 555"], "tier": "silver", "language": "it",
        "addresses": [{"kind": "shipping", "line1": "Via Roma 1", "city": "Roma", "postal_code": "00100",
                       "country": "IT"}]})
    assert stored["name"] == "Rossi SpA"
    fetched = engine.get_customer(STAFF, "C9")
    # Staff also read the customer's fraud signals (computed, none raised for a new customer).
    assert fetched.pop("fraud_signals")["raised"] == []
    assert fetched == stored
    assert fetched["addresses"][0]["city"] == "Roma"


def test_customer_upsert_replaces(engine):
    engine.upsert_customer(STAFF, {"id": "C1", "name": "Acme S.r.l."})
    assert engine.get_customer(STAFF, "C1")["name"] == "Acme S.r.l."


def test_supplier_round_trip(engine):
    engine.upsert_supplier(STAFF, {"id": "S2", "name": "Widgets GmbH", "email": "rma@widgets.example"})
    assert engine.get_supplier(STAFF, "S2")["email"] == "rma@widgets.example"


def test_operator_round_trip_needs_an_admin(engine):
    stored = engine.upsert_operator(ADMIN, {"id": "marta", "name": "Marta", "role": "operator", "team": "returns"})
    assert stored["role"] == "operator"
    assert engine.get_operator(STAFF, "marta")["team"] == "returns"
    with pytest.raises(rma.PermissionDenied) as info:
        engine.upsert_operator(STAFF, {"id": "eve", "name": "Eve", "role": "admin"})
    assert info.value.code == 5
    assert info.value.field == "actor"


def test_registered_operator_must_claim_its_role(engine):
    engine.upsert_operator(ADMIN, {"id": "marta", "name": "Marta", "role": "operator"})
    with pytest.raises(rma.PermissionDenied) as info:
        engine.get_customer("admin:marta", "C1")
    assert info.value.field == "actor"


def test_product_round_trip(engine):
    engine.upsert_product(STAFF, {"sku": "SKU-9", "name": "Toaster", "category": "kitchen", "supplier_id": "S1"})
    product = engine.get_product(STAFF, "SKU-9")
    assert product["category"] == "kitchen"
    assert product["serialized"] is False


@pytest.mark.parametrize("getter, key", [
    ("get_customer", "nobody"), ("get_supplier", "nobody"), ("get_operator", "nobody"), ("get_product", "NOPE"),
])
def test_unknown_party_is_not_found(engine, getter, key):
    with pytest.raises(rma.NotFound) as info:
        getattr(engine, getter)(STAFF, key)
    assert info.value.code == rma.Status.NOT_FOUND
    assert info.value.status == "not_found"
    assert isinstance(info.value, LookupError)


def test_customer_may_not_change_the_catalogue(engine):
    before = engine.stats()["last_event_seq"]
    with pytest.raises(rma.PermissionDenied):
        engine.upsert_product(CUSTOMER, {"sku": "SKU-X", "name": "Free stuff"})
    assert engine.stats()["last_event_seq"] == before


def test_missing_name_is_a_validation_error(engine):
    with pytest.raises(rma.ValidationError) as info:
        engine.upsert_customer(STAFF, {"id": "C3"})
    assert info.value.code == rma.Status.MISSING_FIELD
    assert info.value.field == "name"


def test_party_argument_must_be_a_dict(engine):
    with pytest.raises(rma.ValidationError) as info:
        engine.upsert_customer(STAFF, [("id", "C3")])
    assert info.value.code == rma.Status.WRONG_TYPE
    assert info.value.field == "customer"
