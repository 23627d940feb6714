"""librma for Python: product returns, repairs and complaints (RMA) in an embedded engine.

    import rma
    with rma.Engine("returns.db") as engine:
        engine.upsert_customer("operator:anna", {"id": "C1", "name": "Acme"})
        case = engine.create_case("operator:anna", {
            "kind": "return", "channel": "b2b", "customer_id": "C1",
            "lines": [{"sku": "SKU-1", "quantity": 2}]})
        print(case["number"])

Errors are :class:`rma.Error` or one of its subclasses; times are aware UTC ``datetime`` values.
Requests and the hot answers are typed (``rma.CaseDraft``, ``rma.WarrantyVerdict``, ...), so
``mypy --strict`` catches a misspelled key. See docs/python.md.
"""

from ._documents import (Address, BreakdownEntry, CaseChanges, CaseDraft, CaseLineChanges, CaseLineDraft, Customer,
                         LegalPeriod, OutboxMessage, Product, Reason, SalesDocumentRef, Supplier, Valuation,
                         ValuationTotals, WarrantyEvidence, WarrantyVerdict)
from ._engine import Engine
from ._rma import Calendar
from ._errors import (ConflictError, Error, NotFound, PermissionDenied, Status, TransitionError,
                      ValidationError, status_name)
from ._rma import version as _core_version

__version__: str = _core_version()


def version() -> str:
    """The librma version the module was built from, e.g. ``"0.1.0"``."""
    return __version__


__all__ = [
    "Address",
    "BreakdownEntry",
    "Calendar",
    "CaseChanges",
    "CaseDraft",
    "CaseLineChanges",
    "CaseLineDraft",
    "Customer",
    "LegalPeriod",
    "OutboxMessage",
    "Product",
    "Reason",
    "SalesDocumentRef",
    "Supplier",
    "Valuation",
    "ValuationTotals",
    "WarrantyEvidence",
    "WarrantyVerdict",
    "ConflictError",
    "Engine",
    "Error",
    "NotFound",
    "PermissionDenied",
    "Status",
    "TransitionError",
    "ValidationError",
    "status_name",
    "version",
    "__version__",
]
