"""Typed requests and answers: written as dict literals, checked by mypy --strict against the
package's TypedDicts (rma.CaseDraft, rma.WarrantyVerdict, ...), and the fast calls: a warranty
check, a case's valuation and business-time arithmetic on a stored calendar.

    mypy --strict examples/python/typed.py     (ctest python_mypy runs it)
"""

import datetime as dt

import rma

STAFF = "operator:anna"
NOW = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.timezone.utc)


def main() -> None:
    with rma.Engine(clock=lambda: NOW) as engine:
        customer: rma.Customer = {"id": "C1", "name": "Acme Srl", "tier": "gold"}
        engine.upsert_customer(STAFF, customer)
        engine.upsert_product(STAFF, {"sku": "PHONE-1", "name": "Phone", "serialized": True})
        engine.import_run(STAFF, "sales_documents", "jsonl",
                          '{"id": "INV-1", "date": "2026-10-01", "customer_id": "C1", "channel": "b2c", '
                          '"lines": [{"line_no": 1, "sku": "PHONE-1", "quantity": 1, "unit_price": 39900, '
                          '"vat_rate_bp": 2200, "serials": ["SN-1"]}]}\n')
        draft: rma.CaseDraft = {
            "kind": "return", "channel": "b2c", "customer_id": "C1",
            "lines": [{"sku": "PHONE-1", "serial": "SN-1", "quantity": 1, "reason_code": "defective",
                       "sales_document": {"document": "INV-1", "line": 1}}],
        }
        case = engine.create_case(STAFF, draft)
        engine.update_case(STAFF, case["id"], {"lines": [{"line_no": 1, "qty_received": 1, "condition": "defective"}]})

        verdict: rma.WarrantyVerdict = engine.check_warranty(STAFF, "SN-1")
        expires = verdict.get("expires")
        print("SN-1 covered:", verdict["covered"], verdict["coverage"], "until", expires)

        valuation: rma.Valuation = engine.case_valuation(STAFF, case["id"])
        for totals in valuation["totals"]:
            print("refund", totals["refund"], "net cost", totals["net_cost"])

        office: rma.Calendar = engine.calendar(STAFF, "office")
        due = office.add(NOW, dt.timedelta(hours=16))
        print("two business days from now:", due.isoformat(), office.between(NOW, due), "business seconds")


if __name__ == "__main__":
    main()
