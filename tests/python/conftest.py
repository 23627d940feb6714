"""Shared fixtures for the rma pytest suite: an engine on a fake clock, seeded with two
customers, a supplier and two products, and a helper that builds a valid case draft; and the same
engine after an import of a small ERP feed (sales and purchase documents).

The suite runs against SQLite and, when RMA_TEST_POSTGRES holds a libpq connection string (CTest
``python_postgres``, against a throwaway cluster), against PostgreSQL: every engine of a test then
opens a schema of its own (``new_location``). Tests about SQLite itself are marked ``sqlite_only``
with their reason."""

import datetime as dt
import os
import uuid

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


POSTGRES = os.environ.get("RMA_TEST_POSTGRES", "")


def sqlite_only(reason: str):
    """Marks a test about SQLite itself (its file, its locks): it runs only in the SQLite run."""
    return pytest.mark.skipif(bool(POSTGRES), reason="SQLite only: " + reason)


def postgres_only(reason: str):
    """Marks a test that needs the server (python_postgres runs it; the SQLite run cannot)."""
    return pytest.mark.skipif(not POSTGRES, reason="PostgreSQL only: " + reason)


def new_location(tmp_path, name: str = "rma.db") -> str:
    """A fresh database: a file in tmp_path on SQLite, a new schema on PostgreSQL (the store
    creates the first schema of the search path)."""
    if POSTGRES:
        return f"{POSTGRES} options='-csearch_path=py_{uuid.uuid4().hex[:16]}'"
    return str(tmp_path / name)


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
    # admin: actors must be registered; the host registers the first admin as itself.
    engine.upsert_operator("system:setup", {"id": "root", "name": "Root", "role": "admin"})
    engine.upsert_customer(STAFF, {"id": "C1", "name": "Acme Srl", "tier": "gold",
                                   "addresses": [{"kind": "billing", "city": "Milano", "country": "IT"}],
                                   "phones": ["+39 02 1234"]})
    engine.upsert_customer(STAFF, {"id": "C2", "name": "Bianchi"})
    engine.upsert_supplier(STAFF, {"id": "S1", "name": "Parts Ltd"})
    engine.upsert_product(STAFF, {"sku": "SKU-1", "name": "Kettle", "brand": "Hot"})
    engine.upsert_product(STAFF, {"sku": "SKU-S", "name": "Phone", "serialized": True})


# Two sales documents: a B2C distance sale to C1 (two phones, three kettles) delivered five days
# before T0, so its 14-day withdrawal window is still open; and a B2B sale of one phone to C2.
SALES_JSONL = """\
{"id": "INV-100", "date": "2026-11-18", "delivery_date": "2026-11-20", "customer_id": "C1", "channel": "b2c", \
"jurisdiction": "IT", "lines": [{"line_no": 1, "sku": "SKU-S", "quantity": 2, "unit_price": 39900, \
"vat_rate_bp": 2200, "serials": ["SN-1", "SN-2"], "dispatch_document": "DDT-1", "packers": ["marco", "lucia"]}, \
{"line_no": 2, "sku": "SKU-1", "quantity": 3, "unit_price": 2500, "vat_rate_bp": 2200}]}
{"id": "INV-101", "date": "2026-06-30", "delivery_date": "2026-07-02", "customer_id": "C2", "channel": "b2b", \
"lines": [{"line_no": 1, "sku": "SKU-S", "quantity": 1, "unit_price": 35000, "vat_rate_bp": 2200, \
"serials": ["SN-3"]}]}
"""

# We bought the two phones of INV-100 from S1.
PURCHASES_CSV = """\
id,date,supplier_id,currency,line_no,sku,quantity,unit_cost,serials
PO-9,2026-09-01,S1,EUR,1,SKU-S,2,20000,SN-1|SN-2
"""


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def location(tmp_path) -> str:
    """Where a test's engine opens: in memory on SQLite, a fresh schema on PostgreSQL."""
    return new_location(tmp_path) if POSTGRES else ":memory:"


@pytest.fixture
def engine(clock, location):
    with rma.Engine(location, clock=clock) as opened:
        seed(opened)
        yield opened


@pytest.fixture
def case(engine):
    return engine.create_case(STAFF, make_draft())


@pytest.fixture
def sold(engine):
    """The seeded engine after importing SALES_JSONL and PURCHASES_CSV."""
    engine.import_run(STAFF, "sales_documents", "jsonl", SALES_JSONL)
    engine.import_run(STAFF, "purchase_documents", "csv", PURCHASES_CSV)
    return engine
