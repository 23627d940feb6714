"""Shared fixtures for the rma pytest suite: an in-memory engine on a fake clock, seeded with two
customers, a supplier and two products, and a helper that builds a valid case draft."""

import datetime as dt

import pytest

import rma

STAFF = "operator:anna"
ADMIN = "admin:root"
CUSTOMER = "customer:C1"
T0 = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.timezone.utc)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: dt.datetime = T0) -> None:
        self.now = start
        self.calls = 0

    def __call__(self) -> dt.datetime:
        self.calls += 1
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


def make_draft(**overrides):
    draft = {
        "kind": "return",
        "channel": "b2b",
        "customer_id": "C1",
        "lines": [
            {"sku": "SKU-1", "quantity": 3, "reason_code": "DOA",
             "sales_document": {"document": "INV-2026-7", "line": 2}},
            {"sku": "SKU-S", "serial": "SN-100", "quantity": 1},
        ],
    }
    draft.update(overrides)
    return draft


def stored_state(engine: rma.Engine):
    """What a failed command must leave unchanged: the case count and the newest event. (The
    index's memory estimate is left out: it follows string capacities, not data.)"""
    stats = engine.stats()
    return stats["cases"], stats["last_event_seq"]


def seed(engine: rma.Engine) -> None:
    engine.upsert_customer(STAFF, {"id": "C1", "name": "Acme Srl", "tier": "gold",
                                   "addresses": [{"kind": "billing", "city": "Milano", "country": "IT"}],
                                   "phones": ["+39 02 1234"]})
    engine.upsert_customer(STAFF, {"id": "C2", "name": "Bianchi"})
    engine.upsert_supplier(STAFF, {"id": "S1", "name": "Parts Ltd"})
    engine.upsert_product(STAFF, {"sku": "SKU-1", "name": "Kettle", "brand": "Hot"})
    engine.upsert_product(STAFF, {"sku": "SKU-S", "name": "Phone", "serialized": True})


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def engine(clock):
    with rma.Engine(clock=clock) as opened:
        seed(opened)
        yield opened


@pytest.fixture
def case(engine):
    return engine.create_case(STAFF, make_draft())
