"""Decided value from Python: a decision is final until an admin reopens the case, the claimed
value is known at intake (so an automatic "accept claims under 50 EUR" reads it), a decision with
nothing to refund is refused and queues nothing, and repair costs must fit in 64 bits."""

import pytest

import rma
from conftest import ADMIN, CUSTOMER, STAFF

# A mug of 9.90 EUR (refunded whole: 12.08 EUR), two televisions of 549.00 EUR and cables of
# 10.00 EUR, all at 22 % VAT, sold to C1 (tier gold). Each case takes a sales line of its own.
SALES = """\
{"id": "INV-D1", "date": "2026-11-02", "customer_id": "C1", "channel": "b2c", "currency": "EUR", "lines": [\
{"line_no": 1, "sku": "MUG", "quantity": 1, "unit_price": 990, "vat_rate_bp": 2200}, \
{"line_no": 2, "sku": "TV-55", "quantity": 1, "unit_price": 54900, "vat_rate_bp": 2200}, \
{"line_no": 3, "sku": "TV-55", "quantity": 1, "unit_price": 54900, "vat_rate_bp": 2200}, \
{"line_no": 4, "sku": "CABLE", "quantity": 3, "unit_price": 1000, "vat_rate_bp": 2200}, \
{"line_no": 5, "sku": "CABLE", "quantity": 3, "unit_price": 1000, "vat_rate_bp": 2200}, \
{"line_no": 6, "sku": "CABLE", "quantity": 3, "unit_price": 1000, "vat_rate_bp": 2200}]}
"""


@pytest.fixture
def shop(engine):
    engine.import_run(STAFF, "sales_documents", "jsonl", SALES)
    return engine


def totals(case):
    return case["valuation"]["totals"][0]


def receive(engine, case):
    lines = [{"line_no": line["line_no"], "qty_received": line["qty_requested"], "condition": "as_new"}
             for line in case["lines"]]
    return engine.update_case(STAFF, case["id"], {"lines": lines})


def topics(engine, case_id):
    return [m["topic"] for m in engine.outbox_fetch(ADMIN, 1000) if m["case_id"] == case_id]


def refunded_mug(engine):
    case = engine.create_case(STAFF, {"customer_id": "C1", "lines": [
        {"sales_document": {"document": "INV-D1", "line": 1}, "reason_code": "defective"}]})
    engine.transition_case(STAFF, case["id"], "authorize")
    receive(engine, case)
    engine.transition_case(STAFF, case["id"], "receive")
    engine.transition_case(STAFF, case["id"], "inspect")
    engine.update_case(STAFF, case["id"], {"resolution": "refund"})
    return engine.transition_case(STAFF, case["id"], "refund")


def transport(engine, line, quantity, **extra):
    item = {"sales_document": {"document": "INV-D1", "line": line}, "quantity": quantity,
            "reason_code": "broken_in_transit"}
    item.update(extra)
    return engine.create_case(STAFF, {"kind": "complaint", "category": "transport", "customer_id": "C1",
                                      "lines": [item]})


def test_a_decided_case_keeps_its_quantities_until_an_admin_reopens_it(shop):
    case = refunded_mug(shop)
    assert case["decision_locked"] is True
    assert totals(case)["refund"] == "12.08 EUR"
    assert "credit_note_request" in topics(shop, case["id"])
    for member, value in (("qty_received", 0), ("qty_accepted", 1), ("condition", "scrap"),
                          ("accessories_complete", False), ("claimed_amount", "1.00 EUR")):
        for actor in (STAFF, ADMIN):
            with pytest.raises(rma.PermissionDenied) as locked:
                shop.update_case(actor, case["id"], {"lines": [{"line_no": 1, member: value}]})
            assert locked.value.reason == "decision_locked"
            assert locked.value.field == f"changes.lines[0].{member}"
    with pytest.raises(rma.PermissionDenied) as repair:
        shop.add_repair(STAFF, case["id"], "GLUE")
    assert (repair.value.reason, repair.value.field) == ("decision_locked", "repairs")
    unchanged = shop.get_case(STAFF, case["id"])
    assert unchanged["version"] == case["version"]
    assert totals(unchanged)["refund"] == "12.08 EUR"
    # Notes and staff fields stay free.
    shop.update_case(STAFF, case["id"], {"root_cause": "glue", "lines": [{"line_no": 1, "defect_description": "x"}]})
    shop.add_note(STAFF, case["id"], "credit note sent")

    shop.reopen_case(ADMIN, case["id"], "inspected", "the customer kept the mug")
    reopened = shop.update_case(STAFF, case["id"], {"lines": [{"line_no": 1, "qty_received": 0}]})
    assert reopened["lines"][0]["qty_received"] == 0
    assert totals(reopened)["refund"] == "0.00 EUR"


def test_the_claimed_value_is_known_at_intake_and_the_automatic_action_reads_it(shop):
    config = shop.workflow_config(ADMIN)
    config["automatic_actions"] = [{
        "name": "accept_small", "transition": "accept", "states": ["in_progress"],
        "when": {"kinds": ["complaint"], "customer_tiers": ["gold"]},
        "guards": [{"guard": "value_below", "measure": "claimed_value", "amount": "50.00 EUR"}]}]
    shop.configure_workflows(ADMIN, config)

    def start(case, received=True):
        if received:
            receive(shop, case)
        shop.update_case(STAFF, case["id"], {"resolution": "goodwill"})
        return shop.transition_case(STAFF, case["id"], "start")

    tv = transport(shop, 2, 1)
    assert totals(tv)["claimed_value"] == "549.00 EUR"  # before anything arrived
    assert totals(tv)["refund"] == "0.00 EUR"
    assert start(tv, received=False)["status"] == "in_progress"
    assert topics(shop, tv["id"]) == []
    assert start(transport(shop, 3, 1))["status"] == "in_progress"  # 549.00 EUR claimed

    cables = start(transport(shop, 4, 3))  # 30.00 EUR claimed
    assert cables["status"] == "accepted"
    assert topics(shop, cables["id"]) == ["credit_note_request"]
    # Staff may set the claimed amount: 49.99 EUR passes, 50.00 EUR does not.
    assert start(transport(shop, 5, 3, claimed_amount="49.99 EUR"))["status"] == "accepted"
    assert start(transport(shop, 6, 3, claimed_amount="50.00 EUR"))["status"] == "in_progress"

    with pytest.raises(rma.PermissionDenied) as claimant:
        shop.create_case(CUSTOMER, {"kind": "complaint", "category": "transport", "customer_id": "C1",
                                    "lines": [{"sku": "X", "claimed_amount": "1.00 EUR"}]})
    assert (claimant.value.reason, claimant.value.field) == ("role_not_allowed", "lines[0].claimed_amount")
    with pytest.raises(rma.ValidationError) as beyond:
        shop.create_case(STAFF, {"customer_id": "C1",
                                 "lines": [{"sku": "X", "claimed_amount": "92233720368547758.08 EUR"}]})
    assert (beyond.value.code, beyond.value.field) == (rma.Status.OUT_OF_RANGE, "lines[0].claimed_amount")


def test_a_decision_with_nothing_to_refund_is_refused_and_queues_nothing(shop):
    tv = transport(shop, 2, 1)  # nothing received
    shop.update_case(STAFF, tv["id"], {"resolution": "goodwill"})
    shop.transition_case(STAFF, tv["id"], "start")
    buttons = {b["name"]: b for b in shop.case_transitions(STAFF, tv["id"])}
    assert {"kind": "guard", "code": "nothing_to_refund"} in [
        {"kind": d["kind"], "code": d["code"]} for d in buttons["accept"]["denials"]]
    with pytest.raises(rma.TransitionError) as refused:
        shop.transition_case(STAFF, tv["id"], "accept")
    assert refused.value.reason == "nothing_to_refund"
    assert shop.get_case(STAFF, tv["id"])["status"] == "in_progress"
    assert topics(shop, tv["id"]) == []
    denied = [e for e in shop.history(STAFF, tv["id"]) if e["type"] == "transition.denied"]
    assert denied[-1]["data"]["reason"] == "nothing_to_refund"
    # Once the set arrived, there is something to refund: decided and sent.
    receive(shop, tv)
    assert shop.transition_case(STAFF, tv["id"], "accept")["status"] == "accepted"
    assert topics(shop, tv["id"]) == ["credit_note_request"]


def test_repair_costs_beyond_64_bits_are_refused_at_input(shop):
    case = shop.create_case(STAFF, {"kind": "repair", "customer_id": "C1",
                                    "lines": [{"sales_document": {"document": "INV-D1", "line": 2}}]})
    most = 2**63 - 1
    with pytest.raises(rma.ValidationError) as beyond:
        shop.add_repair(STAFF, case["id"], "PARTS", parts=[{"sku": "P", "quantity": 2, "unit_cost": most // 2 + 1,
                                                              "currency": "EUR"}])
    assert (beyond.value.code, beyond.value.field) == (rma.Status.OUT_OF_RANGE, "parts[0].unit_cost")
    fits = shop.add_repair(STAFF, case["id"], "PARTS", parts=[{"sku": "P", "quantity": 1, "unit_cost": most,
                                                               "currency": "EUR"}])
    assert totals(fits)["repair_cost"] == "92233720368547758.07 EUR"
