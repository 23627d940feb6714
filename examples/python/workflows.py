"""Workflows from Python: the buttons a host draws, a refused transition and why, a host guard,
an automatic action, and an admin reopening a decided case. Run with the package on PYTHONPATH:

    PYTHONPATH=build/python /usr/bin/python3 examples/python/workflows.py
"""

import os
import tempfile

import rma

ADMIN = "admin:root"
OPERATOR = "operator:anna"
CUSTOMER = "customer:C-100"


def buttons(engine: rma.Engine, actor: str, case_id: int) -> None:
    for option in engine.case_transitions(actor, case_id):
        why = "; ".join(f"{d['code']}: {d['message']}" for d in option["denials"])
        print(f"   [{'x' if option['available'] else ' '}] {option['name']:<16} -> {option['to']:<12} {why}")


def carrier_known(data: dict) -> tuple:
    """A host guard: a transport complaint needs the carrier. It must not call the engine."""
    carrier = data["case"]["custom_fields"].get("carrier")
    return bool(carrier), "tell us which carrier delivered it"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, rma.Engine(os.path.join(folder, "returns.db")) as engine:
        # admin: actors must be registered operators; the host registers the first admin itself.
        engine.upsert_operator("system:setup", {"id": "root", "name": "Root", "role": "admin"})
        engine.upsert_customer(ADMIN, {"id": "C-100", "name": "Maria Rossi", "tier": "gold"})

        print("1. A consumer return starts in the default workflow; the operator's buttons:")
        case = engine.create_case(CUSTOMER, {"kind": "return", "channel": "b2c", "customer_id": "C-100",
                                             "lines": [{"sku": "KETTLE-1", "quantity": 1, "reason_code": "defective"}]})
        team = engine.get_case(OPERATOR, case["id"])["team"]  # staff only: the customer's answer has no team
        print(f"   {case['number']}: status {case['status']}, team {team}")
        buttons(engine, OPERATOR, case["id"])

        print("2. The customer may cancel but not authorize; the refusal is in the history:")
        try:
            engine.transition_case(CUSTOMER, case["id"], "authorize")
        except rma.PermissionDenied as refused:
            print(f"   PermissionDenied: {refused.message}")
        print(f"   last event: {engine.history(OPERATOR, case['id'])[-1]['type']}")

        print("3. Authorize, receive, inspect, refund: guards ask for what is missing first:")
        case = engine.transition_case(OPERATOR, case["id"], "authorize")
        try:
            engine.transition_case(OPERATOR, case["id"], "receive")
        except rma.TransitionError as refused:
            print(f"   TransitionError: {refused.message}")
        engine.update_case(OPERATOR, case["id"], {"lines": [{"line_no": 1, "qty_received": 1, "condition": "used"}],
                                                  "resolution": "refund"})
        for step in ("receive", "inspect", "refund"):
            case = engine.transition_case(OPERATOR, case["id"], step)
        print(f"   status {case['status']}, decision locked: {case['decision_locked']}")
        print(f"   ERP outbox: {[m['topic'] for m in engine.outbox_fetch(ADMIN)]}")

        print("4. Only an admin may reopen a decided case:")
        try:
            engine.reopen_case(OPERATOR, case["id"], "inspected", "new photos")
        except rma.PermissionDenied as refused:
            print(f"   PermissionDenied: {refused.message}")
        case = engine.reopen_case(ADMIN, case["id"], "inspected", "new photos")
        print(f"   status {case['status']}, decision locked: {case['decision_locked']}")

        print("5. A host guard and an automatic action on transport complaints of gold customers:")
        engine.add_workflow_guard("carrier_known", carrier_known)
        config = engine.workflow_config(ADMIN)
        for workflow in config["workflows"]:
            for transition in workflow["transitions"]:
                if workflow["id"] == "complaint" and transition["name"] == "start":
                    transition["guards"].append({"guard": "carrier_known"})
        config["automatic_actions"] = [{"name": "gold_transport_first", "transition": "start",
                                        "when": {"kinds": ["complaint"], "categories": ["transport"],
                                                 "customer_tiers": ["gold"]}}]
        stored = engine.configure_workflows(ADMIN, config)
        print(f"   versions: {[(w['id'], w['version']) for w in stored['workflows']]}")
        draft = {"kind": "complaint", "category": "transport", "channel": "b2b", "customer_id": "C-100",
                 "lines": [{"sku": "KETTLE-1", "quantity": 4, "reason_code": "broken_in_transit"}]}
        waiting = engine.create_case(OPERATOR, draft)
        print(f"   without a carrier: {waiting['status']} (team {waiting['team']})")
        started = engine.create_case(OPERATOR, dict(draft, custom_fields={"carrier": "DHL"}))
        moved = [e for e in engine.history(OPERATOR, started["id"]) if e["type"] == "case.transitioned"]
        print(f"   with a carrier: {started['status']}, moved by {moved[0]['actor']}")
        assert engine.replay_case(OPERATOR, started["id"]) == engine.get_case(OPERATOR, started["id"])
        print("workflow example done")


if __name__ == "__main__":
    main()
