"""Workflows from Python: transitions, the buttons, denials in the history, host guards, repairs,
reopen, delete and replay."""

import pytest

import rma
from conftest import ADMIN, CUSTOMER, STAFF, make_draft


def history_types(engine, case_id):
    return [e["type"] for e in engine.history(STAFF, case_id)]


def test_the_default_return_workflow_runs_with_guards_and_effects(engine, case):
    buttons = {b["name"]: b for b in engine.case_transitions(STAFF, case["id"])}
    assert buttons["authorize"]["available"]
    assert not buttons["reject_request"]["available"]
    assert buttons["reject_request"]["denials"][0]["code"] == "resolution_chosen"

    authorized = engine.transition_case(STAFF, case["id"], "authorize", version=case["version"])
    assert authorized["status"] == "authorized"
    with pytest.raises(rma.TransitionError) as refused:
        engine.transition_case(STAFF, case["id"], "receive")
    assert refused.value.field == "transition"
    assert "transition.denied" in history_types(engine, case["id"])

    lines = [{"line_no": line["line_no"], "qty_received": line["qty_requested"], "condition": "ok"}
             for line in authorized["lines"]]
    engine.update_case(STAFF, case["id"], {"lines": lines})
    engine.transition_case(STAFF, case["id"], "receive")
    engine.transition_case(STAFF, case["id"], "inspect")
    engine.update_case(STAFF, case["id"], {"resolution": "refund"})
    refunded = engine.transition_case(STAFF, case["id"], "refund")
    assert refunded["decision_locked"] is True
    assert any(m["topic"] == "credit_note_request" for m in engine.outbox_fetch(ADMIN))

    with pytest.raises(rma.PermissionDenied) as locked:
        engine.update_case(STAFF, case["id"], {"resolution": "reject"})
    assert locked.value.reason == "decision_locked"
    with pytest.raises(rma.PermissionDenied) as admin_only:
        engine.reopen_case(STAFF, case["id"], "inspected", "photos arrived")
    assert admin_only.value.reason == "admin_only"
    reopened = engine.reopen_case(ADMIN, case["id"], "inspected", "photos arrived")
    assert reopened["status"] == "inspected" and reopened["decision_locked"] is False
    assert engine.replay_case(STAFF, case["id"]) == engine.get_case(STAFF, case["id"])


def test_customers_act_only_through_their_transitions_and_denials_are_recorded(engine, case):
    with pytest.raises(rma.PermissionDenied) as refused:
        engine.transition_case(CUSTOMER, case["id"], "authorize")
    assert refused.value.reason == "role_not_allowed"
    denied = [e for e in engine.history(STAFF, case["id"]) if e["type"] == "access.denied"]
    assert denied[-1]["actor"] == CUSTOMER
    assert denied[-1]["data"]["reason"] == "role_not_allowed"
    cancelled = engine.transition_case(CUSTOMER, case["id"], "cancel")
    assert cancelled["status"] == "cancelled"


def test_host_guards_decide_and_a_raising_guard_refuses(engine):
    seen = []

    def credit_ok(data):
        seen.append(data["transition"])
        if data["case"]["priority"] == "urgent":
            raise RuntimeError("ERP down")
        return data["case"]["customer_id"] == "C1", "over the credit limit"

    engine.add_workflow_guard("credit_ok", credit_ok)
    with pytest.raises(TypeError):
        engine.add_workflow_guard("x", 42)
    config = engine.workflow_config(ADMIN)
    for workflow in config["workflows"]:
        for transition in workflow["transitions"]:
            if transition["name"] == "authorize":
                transition["guards"].append({"guard": "credit_ok"})
    stored = engine.configure_workflows(ADMIN, config)
    assert {w["id"]: w["version"] for w in stored["workflows"]}["consumer_return"] == 2

    good = engine.create_case(STAFF, make_draft())
    assert engine.transition_case(STAFF, good["id"], "authorize")["status"] == "authorized"
    bad = engine.create_case(STAFF, make_draft(customer_id="C2"))
    with pytest.raises(rma.TransitionError, match="over the credit limit"):
        engine.transition_case(STAFF, bad["id"], "authorize")
    urgent = engine.create_case(STAFF, make_draft(priority="urgent"))
    with pytest.raises(rma.TransitionError, match="ERP down"):
        engine.transition_case(STAFF, urgent["id"], "authorize")
    assert seen == ["authorize"] * 3


def test_unknown_guards_and_bad_definitions_are_refused_with_a_path(engine):
    config = engine.workflow_config(ADMIN)
    config["workflows"][0]["transitions"][0]["guards"].append({"guard": "no_such_guard"})
    with pytest.raises(rma.ValidationError) as error:
        engine.configure_workflows(ADMIN, config)
    assert error.value.field.startswith("workflows[0].transitions[0].guards[")
    assert engine.workflow_config(ADMIN)["workflows"][0]["version"] == 1


def test_repairs_delete_and_replay(engine):
    case = engine.create_case(STAFF, make_draft(kind="repair"))
    assert case["status"] == "received"
    with_repair = engine.add_repair(STAFF, case["id"], "REPLACE_SCREEN", minutes=45, labour_class="technician",
                                    parts=[{"sku": "SCREEN", "quantity": 1, "unit_cost": 4500, "currency": "EUR"}])
    repair = with_repair["repairs"][0]
    assert repair["status"] == "planned" and repair["minutes"] == 45
    done = engine.set_repair_status(STAFF, case["id"], repair["id"], "done")
    assert done["repairs"][0]["status"] == "done"
    with pytest.raises(rma.ValidationError):
        engine.set_repair_status(STAFF, case["id"], repair["id"], "finished")
    assert engine.replay_case(STAFF, case["id"]) == engine.get_case(STAFF, case["id"])
    with pytest.raises(rma.PermissionDenied):
        engine.delete_case(STAFF, case["id"], "duplicate")
    engine.delete_case(ADMIN, case["id"], "duplicate")
    with pytest.raises(rma.NotFound):
        engine.get_case(ADMIN, case["id"])
