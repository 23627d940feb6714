"""librma from Python in one page: open a store, register a customer, open a return, work on it,
and read its history. Run with the package on PYTHONPATH:

    PYTHONPATH=build/python /usr/bin/python3 examples/python/quickstart.py
"""

import datetime as dt
import os
import tempfile

import rma

OPERATOR = "operator:anna"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, rma.Engine(os.path.join(folder, "returns.db")) as engine:
        engine.subscribe(lambda event: print(f"  event {event['seq']}: {event['type']}"))

        engine.upsert_customer(OPERATOR, {"id": "C1", "name": "Acme Srl", "email": "rma@acme.example"})
        engine.upsert_product(OPERATOR, {"sku": "KETTLE-1", "name": "Kettle 1.7 l", "brand": "Hot"})

        case = engine.create_case(OPERATOR, {
            "kind": "return",
            "channel": "b2b",
            "customer_id": "C1",
            "lines": [{"sku": "KETTLE-1", "quantity": 2, "reason_code": "DOA",
                       "sales_document": {"document": "INV-2026-0042", "line": 1}}],
            "expected_completion": dt.date.today() + dt.timedelta(days=10),
        }, idempotency_key="portal-request-77")
        print(f"opened {case['number']} (version {case['version']}) at {case['created_at']:%Y-%m-%d %H:%M} UTC")

        case = engine.add_note(OPERATOR, case["id"], "Parcel arrived, box dented.", version=case["version"])
        case = engine.add_note(OPERATOR, case["id"], "We received your return.", channel="external")
        due = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=2)
        case = engine.add_action(OPERATOR, case["id"], "Inspect both units", assignee="anna", due_at=due)
        case = engine.update_case(OPERATOR, case["id"], {
            "lines": [{"line_no": 1, "qty_authorized": 2, "qty_received": 2}],
        }, version=case["version"])
        # The workflow moves the status: authorize, then receive (its guard wants received units).
        for transition in ("authorize", "receive"):
            case = engine.transition_case(OPERATOR, case["id"], transition, version=case["version"])

        try:
            engine.add_note(OPERATOR, case["id"], "late edit", version=1)
        except rma.ConflictError as error:
            print(f"stale write refused: {error.status} on {error.field!r}")

        typed = case["number"].lower().replace("-", " ")
        found = engine.get_case(OPERATOR, number=typed)
        print(f"'{typed}' is {found['number']}, status {found['status']}")

        view = engine.customer_view("customer:C1", case["id"])
        print(f"the customer sees {len(view['notes'])} of {len(case['notes'])} notes")

        print("history:")
        for event in engine.history(OPERATOR, case["id"]):
            print(f"  {event['at']:%H:%M:%S} {event['actor']:<16} {event['type']}")
        print(f"stats: {engine.stats()}")


if __name__ == "__main__":
    main()
