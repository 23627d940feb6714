"""Typed documents: the requests and hot answers of :class:`rma.Engine` as ``TypedDict`` classes,
so that a type checker (``mypy --strict``) rejects a misspelled or unknown key in a request written
as a dict literal, and knows the members of a warranty verdict, a valuation and an outbox message.
At run time they are plain dicts; librma checks every request itself (docs/json.md).
"""

import sys
from datetime import date, datetime
from typing import Any, Dict, List, Mapping, Optional, TypedDict

if sys.version_info >= (3, 11):
    from typing import NotRequired, Required
else:  # typing_extensions has them for earlier versions
    from typing_extensions import NotRequired, Required

Json = Dict[str, Any]


# -- parties and catalogue (customer.upsert, supplier.upsert, product.upsert) ------------------

class Address(TypedDict, total=False):
    kind: str
    line1: str
    line2: str
    city: str
    postal_code: str
    region: str
    country: str


class Party(TypedDict, total=False):
    """What customers and suppliers have in common."""

    id: Required[str]
    name: str
    tax_id: str
    addresses: List[Address]
    email: str
    phones: List[str]


class Customer(Party, total=False):
    tier: str
    language: str


class Supplier(Party, total=False):
    pass


class Product(TypedDict, total=False):
    sku: Required[str]
    name: str
    brand: str
    category: str
    supplier_id: str
    serialized: bool


# -- cases (case.create, case.update) ------------------------------------------------------------

class SalesDocumentRef(TypedDict):
    document: str
    line: int


class CaseLineDraft(TypedDict, total=False):
    sku: str
    serial: str
    lot: str
    sales_document: SalesDocumentRef
    reason_code: str
    defect_description: str
    condition: str
    quantity: int
    claimed_amount: str


class CaseDraft(TypedDict, total=False):
    kind: str
    category: str
    channel: str
    customer_id: str
    supplier_id: str
    purchased_elsewhere: bool
    lines: Required[List[CaseLineDraft]]
    priority: str
    assignee: str
    team: str
    expected_completion: date
    custom_fields: Mapping[str, Any]
    idempotency_key: str


class CaseLineChanges(TypedDict, total=False):
    line_no: Required[int]
    qty_authorized: int
    qty_received: int
    qty_accepted: int
    reason_code: str
    defect_description: str
    condition: str
    unused: bool
    original_packaging: bool
    accessories_complete: bool
    replacement_serial: str
    claimed_amount: Optional[str]


class CaseChanges(TypedDict, total=False):
    priority: str
    assignee: str
    team: str
    expected_completion: Optional[date]
    resolution: str
    root_cause: str
    custom_fields: Mapping[str, Any]
    lines: List[CaseLineChanges]


# -- answers -------------------------------------------------------------------------------------

class Reason(TypedDict):
    code: str
    message: str


class LegalPeriod(TypedDict):
    period: str
    rule: str
    start: date
    nominal_end: date
    end: date
    text: str


class WarrantyEvidence(TypedDict):
    policy: str
    policy_match: str
    today: date
    sale_date: Optional[date]
    delivery_date: Optional[date]
    start_date: Optional[date]
    document: str
    purchase_document: str
    replaced_serial: str
    manufacturer_expires: Optional[date]
    legal_expires: Optional[date]
    extended_expires: Optional[date]
    periods: List[LegalPeriod]


class WarrantyVerdict(TypedDict, total=False):
    """A verdict of warranty.check. Staff see every member; a customer's view leaves out the
    supplier's (supplier_recoverable, supplier_until) and part of the evidence."""

    covered: Required[bool]
    coverage: Required[str]
    expires: Optional[date]
    days_remaining: int
    supplier_recoverable: bool
    supplier_until: Optional[date]
    presumption_until: Optional[date]
    reasons: List[Reason]
    evidence: WarrantyEvidence


class BreakdownEntry(TypedDict):
    line_no: int
    code: str
    label: str
    base: str
    rate_bp: Optional[int]
    amount: str


class ValuationTotals(TypedDict):
    currency: str
    refund: str
    refund_net: str
    exchange_difference: str
    repair_cost: str
    repair_quote: str
    supplier_recovery: str
    recovery_value: str
    net_cost: str
    claimed_value: str


class Valuation(TypedDict):
    """case.valuation's answer: amounts as "12.34 EUR" text."""

    breakdown: List[BreakdownEntry]
    totals: List[ValuationTotals]


class OutboxMessage(TypedDict):
    seq: int
    case_id: int
    topic: str
    payload: Json
    created_at: datetime


__all__ = [
    "Address", "BreakdownEntry", "CaseChanges", "CaseDraft", "CaseLineChanges", "CaseLineDraft", "Customer",
    "Json", "LegalPeriod", "NotRequired", "OutboxMessage", "Party", "Product", "Reason", "SalesDocumentRef", "Supplier",
    "Valuation", "ValuationTotals", "WarrantyEvidence", "WarrantyVerdict",
]
