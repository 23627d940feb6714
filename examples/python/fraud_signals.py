"""Fraud signals from Python: a customer returns the same phone twice, once long after buying it
and for no defect, and a phone the ERP sold to someone else. Staff see the signals on the customer
and on the lines of its open case; the customer's own view of the same records shows none.
Run with the package on PYTHONPATH:

    PYTHONPATH=build/python /usr/bin/python3 examples/python/fraud_signals.py
"""

import datetime as dt
import os
import tempfile

import rma

ERP = "system:erp"
STAFF = "operator:anna"
ADMIN = "admin:root"

SALES = """\
{"id": "INV-1", "date": "2025-06-01", "customer_id": "C1", "channel": "b2c", "lines": [\
{"sku": "PHONE-1", "quantity": 2, "unit_price": 49900, "vat_rate_bp": 2200, "serials": ["SN-1", "SN-2"]}, \
{"sku": "CABLE-2", "quantity": 4, "unit_price": 399, "vat_rate_bp": 2200}]}
{"id": "INV-9", "date": "2026-01-10", "customer_id": "C2", "channel": "b2c", "lines": [\
{"sku": "PHONE-1", "quantity": 1, "unit_price": 49900, "vat_rate_bp": 2200, "serials": ["SN-9"]}]}
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, rma.Engine(os.path.join(folder, "returns.db")) as engine:
        engine.set_clock(lambda: dt.datetime(2026, 3, 10, 9, tzinfo=dt.timezone.utc))
        engine.upsert_operator("system:setup", {"id": "root", "name": "Root", "role": "admin"})
        for customer in ({"id": "C1", "name": "Rossi S.r.l."}, {"id": "C2", "name": "Kowalski"}):
            engine.upsert_customer(ERP, customer)
        engine.upsert_product(ERP, {"sku": "PHONE-1", "name": "Phone", "serialized": True})
        engine.import_run(ERP, "sales_documents", "jsonl", SALES)

        # Thresholds for a small shop: one case of each kind is enough to look.
        config = engine.warranty_config(ADMIN)
        config["fraud"].update({
            "returns_over_purchases": {"threshold": 0.5, "min_count": 5},
            "units_of_other_buyers": {"threshold": 0, "min_count": 1},
            "returns_after_heavy_use": {"threshold": 180, "min_count": 1},
        })
        engine.configure_warranty(ADMIN, config)

        # SN-1 back for no defect nine months after the sale: rejected. Then SN-1 again, and SN-9,
        # a phone the ERP sold to C2 (its line is flagged unit_sold_to_other_customer).
        last = None
        for serial, reason in (("SN-1", "changed_mind"), ("SN-1", "defective"), ("SN-9", "defective")):
            last = engine.create_case(STAFF, {"kind": "repair", "channel": "b2c", "customer_id": "C1",
                                              "lines": [{"sku": "PHONE-1", "serial": serial,
                                                         "reason_code": reason}]})
            if reason == "changed_mind":
                engine.update_case(STAFF, last["id"], {"resolution": "reject"})

        signals = engine.get_customer(STAFF, "C1")["fraud_signals"]
        print(f"C1 bought {signals['units_bought']} units and asked to return {signals['units_returned']}")
        print(f"{'signal':<26}{'value':>8}{'threshold':>11}{'count':>7}{'min':>5}  raised")
        for s in signals["signals"]:
            print(f"{s['code']:<26}{s['value']:>8.2f}{s['threshold']:>11.2f}{s['count']:>7}{s['min_count']:>5}  "
                  f"{'yes' if s['raised'] else 'no'}")
        line = engine.get_case(STAFF, last["id"])["lines"][0]
        print("staff see on the open case's line:", ", ".join(line["fraud_signals"]))

        # The customer reads the same records: no signal, no flag.
        own = engine.get_customer("customer:C1", "C1")
        own_line = engine.get_case("customer:C1", last["id"])["lines"][0]
        assert "fraud_signals" not in own and "fraud_signals" not in own_line and "flags" not in own_line
        print("the customer sees:", sorted(own_line))
        print("fraud signals example done")


if __name__ == "__main__":
    main()
