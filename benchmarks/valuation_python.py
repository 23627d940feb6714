"""The Python half of benchmarks/valuation: engine.case_valuation on a 10-line case through
`import rma` (the engine builds the input from the case and the sales lines, values it and
returns the breakdown as a dict).

Usage: valuation_python.py SECONDS  (prints "python_valuations_per_s N")
"""
import datetime
import json
import sys
import time

import rma

LINES = 10
RULES = {
    "restocking_fees": [{"reasons": ["changed_mind"], "percent_bp": 1500,
                         "minimum": "5.00 EUR", "maximum": "50.00 EUR"}],
    "depreciation": [{"method": "linear", "monthly_rate_bp": 200, "floor_percent_bp": 3000}],
    "deductions": [{"code": "missing_accessories", "percent_bp": 1000}, {"code": "packaging", "fixed": "3.00 EUR"}],
    "recovery": {"refurbish": {"percent_bp": 4000}},
    "shipping": [{"inbound": "6.90 EUR"}],
}


def main() -> None:
    seconds = float(sys.argv[1])
    op = "operator:bench"
    now = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.timezone.utc)
    with rma.Engine(clock=lambda: now) as engine:
        engine.upsert_customer(op, {"id": "C1", "name": "Bench"})
        sale = {"id": "INV-1", "date": "2025-11-10", "customer_id": "C1", "channel": "b2c", "currency": "EUR",
                "lines": [{"sku": "SKU-%d" % i, "quantity": 3, "unit_price": 1990 + 1000 * i, "vat_rate_bp": 2200}
                          for i in range(LINES)]}
        engine.import_run(op, "sales_documents", "jsonl", json.dumps(sale) + "\n")
        engine.configure_valuation("system:bench", RULES)
        case = engine.create_case(op, {
            "kind": "return", "channel": "b2c", "customer_id": "C1",
            "lines": [{"quantity": 2, "reason_code": "changed_mind" if i % 2 else "defective",
                       "sales_document": {"document": "INV-1", "line": i + 1}} for i in range(LINES)]})
        engine.update_case(op, case["id"], {"lines": [
            {"line_no": i + 1, "qty_received": 2, "condition": "refurbish", "accessories_complete": i % 3 != 0}
            for i in range(LINES)]})
        assert len(engine.case_valuation(op, case["id"])["breakdown"]) > 4 * LINES
        count = 0
        start = time.perf_counter()
        while True:
            for _ in range(100):
                engine.case_valuation(op, case["id"])
            count += 100
            elapsed = time.perf_counter() - start
            if elapsed >= seconds:
                break
    print("python_valuations_per_s %.0f" % (count / elapsed))


if __name__ == "__main__":
    main()
