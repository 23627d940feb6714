"""Must NOT pass mypy --strict: "quantty" is no key of rma.CaseLineDraft (mypy_check.py runs it)."""

import rma


def open_case(engine: rma.Engine) -> None:
    engine.create_case("operator:anna", {"kind": "return", "channel": "b2c", "customer_id": "C1",
                                         "lines": [{"sku": "SKU-1", "quantty": 2}]})
