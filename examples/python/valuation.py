"""Return valuation from Python: rules with a restocking fee and deductions, a TV returned from
an ERP invoice, the valuation recomputed as the goods are received and inspected, a value guard's
measure, and the credit note request a refund decision puts in the ERP outbox. Run with the
package on PYTHONPATH:

    PYTHONPATH=build/python /usr/bin/python3 examples/python/valuation.py
"""

import os
import tempfile

import rma

ADMIN = "admin:root"
OPERATOR = "operator:anna"
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")

RULES = {
    "restocking_fees": [{"reasons": ["changed_mind"], "percent_bp": 1500,
                         "minimum": "20.00 EUR", "maximum": "60.00 EUR"}],
    "deductions": [{"code": "missing_accessories", "percent_bp": 1000},
                   {"code": "packaging", "fixed": "15.00 EUR"}],
    "recovery": {"resell_new": {"percent_bp": 9000}, "refurbish": {"percent_bp": 6000}},
}


def show(case: dict) -> None:
    for entry in case["valuation"]["breakdown"]:
        rate = f"{entry['rate_bp'] / 100:.2f} %" if entry.get("rate_bp") else ""
        print(f"   line {entry['line_no']}  {entry['code']:<20} {entry['amount']:>14}  {rate}")
    totals = case["valuation"]["totals"][0]
    print(f"   refund {totals['refund']} (net {totals['refund_net']}), net cost {totals['net_cost']}")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, rma.Engine(os.path.join(folder, "returns.db")) as engine:
        # admin: actors must be registered operators; the host registers the first admin itself.
        engine.upsert_operator("system:setup", {"id": "root", "name": "Root", "role": "admin"})
        for kind in ("customers", "suppliers", "products", "sales_documents", "purchase_documents"):
            engine.import_file(ADMIN, kind, os.path.join(DATA, f"{kind}.csv"))
        stored = engine.configure_valuation(ADMIN, RULES)
        print(f"1. Rules stored; rounding {stored['rounding']}, supplier recovery {stored['supplier_recovery_bp']} bp")

        print("2. One of three TVs on invoice FT-2026-000102 comes back; nothing is received yet:")
        case = engine.create_case(OPERATOR, {
            "kind": "return", "channel": "b2b", "customer_id": "C-2001",
            "lines": [{"serial": "LQ7-55-000871", "reason_code": "changed_mind"}]})
        show(case)

        print("3. Received opened, without its remote and its box: fee, deductions, recovery value:")
        case = engine.transition_case(OPERATOR, case["id"], "authorize")
        case = engine.update_case(OPERATOR, case["id"], {"lines": [{
            "line_no": 1, "qty_received": 1, "qty_accepted": 1, "condition": "refurbish",
            "accessories_complete": False, "original_packaging": False}]})
        show(case)
        changes = [e for e in engine.history(OPERATOR, case["id"]) if e["type"] == "case.valued"]
        print(f"   {len(changes)} case.valued events in the history so far")

        print("4. Decide a refund; the ERP outbox gets a credit note request with VAT per line:")
        case = engine.transition_case(OPERATOR, case["id"], "receive")
        case = engine.transition_case(OPERATOR, case["id"], "inspect")
        engine.update_case(OPERATOR, case["id"], {"resolution": "refund"})
        case = engine.transition_case(OPERATOR, case["id"], "refund")
        for message in engine.outbox_fetch(ADMIN):
            if message["topic"] == "credit_note_request":
                for line in message["payload"]["lines"]:  # integer minor units, as an ERP books them
                    print(f"   line {line['line_no']} {line['sku']}: net {line['net']} + VAT {line['vat']}"
                          f" = {line['gross']} {line['currency']} cents")
        print(f"   status {case['status']}, decision locked: {case['decision_locked']}")
    print("valuation example done")


if __name__ == "__main__":
    main()
