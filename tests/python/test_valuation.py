"""Valuation from Python: the rules, a case's stored valuation and its history, the ERP messages of
a decision, thresholds in workflow guards, and what a customer sees."""

import pytest

import rma
from conftest import ADMIN, CUSTOMER, STAFF

RULES = {
    "restocking_fees": [{"reasons": ["changed_mind"], "percent_bp": 1000}],
    "deductions": [{"code": "missing_accessories", "percent_bp": 1000}],
    "labour_classes": [{"name": "standard", "hourly_rate": "60.00 EUR"}],
}


def kettles_case(engine):
    """Three kettles of INV-100 (25.00 EUR net each, 22 % VAT) returned after a change of mind."""
    return engine.create_case(STAFF, {
        "kind": "return", "channel": "b2c", "customer_id": "C1",
        "lines": [{"quantity": 3, "reason_code": "changed_mind",
                   "sales_document": {"document": "INV-100", "line": 2}}]})


def receive(engine, case):
    lines = [{"line_no": line["line_no"], "qty_received": line["qty_requested"], "condition": "as_new"}
             for line in case["lines"]]
    return engine.update_case(STAFF, case["id"], {"lines": lines})


def totals(case):
    return case["valuation"]["totals"][0]


@pytest.fixture
def valued(sold):
    sold.configure_valuation(ADMIN, RULES)
    return sold


def test_rules_default_stored_and_refused(sold):
    assert sold.valuation_rules(STAFF)["supplier_recovery_bp"] == 10000
    with pytest.raises(rma.PermissionDenied):
        sold.configure_valuation(STAFF, RULES)
    with pytest.raises(rma.ValidationError) as bad:
        sold.configure_valuation(ADMIN, {"restocking_fees": [{"percnt_bp": 1000}]})
    assert bad.value.field == "restocking_fees[0].percnt_bp"
    assert sold.valuation_rules(STAFF)["restocking_fees"] == []  # nothing stored
    stored = sold.configure_valuation(ADMIN, RULES)
    assert stored["labour_classes"] == [{"name": "standard", "hourly_rate": "60.00 EUR"}]
    assert sold.valuation_rules(STAFF) == stored


def test_the_case_carries_its_valuation_and_each_change_is_recorded(valued):
    case = kettles_case(valued)
    assert totals(case)["refund"] == "0.00 EUR"  # nothing received yet
    case = receive(valued, case)
    # 75.00 EUR net less a 10 % fee: 67.50 net; 91.50 gross less the fee's 9.15.
    assert totals(case)["refund_net"] == "67.50 EUR"
    assert totals(case)["refund"] == "82.35 EUR"
    assert valued.case_valuation(STAFF, case["id"]) == case["valuation"]
    codes = [e["code"] for e in case["valuation"]["breakdown"]]
    assert codes[:4] == ["goods_net", "goods_vat", "goods_gross", "restocking_fee"]
    events = [e for e in valued.history(STAFF, case["id"]) if e["type"] == "case.valued"]
    assert len(events) == 2
    assert events[-1]["data"]["changes"]["valuation"]["after"] == case["valuation"]
    assert events[-1]["data"]["version"] == case["version"]
    # A note changes nothing the valuation reads.
    valued.add_note(STAFF, case["id"], "called the customer")
    assert len([e for e in valued.history(STAFF, case["id"]) if e["type"] == "case.valued"]) == 2
    assert valued.replay_case(STAFF, case["id"])["valuation"] == case["valuation"]


def test_a_refund_decision_sends_a_credit_note_request_that_adds_up(valued):
    case = receive(valued, kettles_case(valued))
    for name in ("authorize", "receive", "inspect"):
        case = valued.transition_case(STAFF, case["id"], name)
    valued.update_case(STAFF, case["id"], {"resolution": "refund"})
    valued.transition_case(STAFF, case["id"], "refund")
    messages = [m for m in valued.outbox_fetch(ADMIN) if m["case_id"] == case["id"]]
    assert [m["topic"] for m in messages] == ["credit_note_request"]
    payload = messages[0]["payload"]
    line = payload["lines"][0]
    assert (line["net"], line["vat"], line["gross"]) == (6750, 1485, 8235)
    assert payload["totals"] == [{"currency": "EUR", "net": 6750, "vat": 1485, "gross": 8235}]


def test_a_value_guard_reads_a_measure_of_the_valuation(valued):
    config = valued.workflow_config(ADMIN)
    for workflow in config["workflows"]:
        for transition in workflow["transitions"]:
            if workflow["id"] == "consumer_return" and transition["name"] == "authorize":
                transition["guards"] = [{"guard": "value_below", "measure": "profit", "amount": "1.00 EUR"}]
    with pytest.raises(rma.ValidationError) as bad:
        valued.configure_workflows(ADMIN, config)
    assert bad.value.field.endswith(".guards[0].measure")
    for workflow in config["workflows"]:
        for transition in workflow["transitions"]:
            if transition.get("guards") and transition["guards"][0].get("measure") == "profit":
                transition["guards"] = [{"guard": "value_above", "measure": "refund", "amount": "82.34 EUR"}]
    valued.configure_workflows(ADMIN, config)
    case = kettles_case(valued)
    with pytest.raises(rma.TransitionError):
        valued.transition_case(STAFF, case["id"], "authorize")  # 0.00 EUR: nothing received
    receive(valued, case)
    assert valued.transition_case(STAFF, case["id"], "authorize")["status"] == "authorized"


def test_customers_see_their_refund_not_our_costs(valued):
    case = receive(valued, kettles_case(valued))
    mine = valued.customer_view(CUSTOMER, case["id"])["valuation"]
    assert mine["totals"][0]["refund"] == "82.35 EUR"
    assert "net_cost" not in mine["totals"][0]
    assert all(e["code"] != "net_cost" for e in mine["breakdown"])
    with pytest.raises(rma.PermissionDenied):
        valued.case_valuation(CUSTOMER, case["id"])


def test_sales_discounts_come_off_each_returned_unit(valued):
    """A line's own discount and its share of the document's, sliced by unit (docs/valuation.md)."""
    report = valued.import_run(STAFF, "sales_documents", "csv",
                                "id,date,delivery_date,customer_id,channel,document_discount,line_no,sku,quantity,"
                                "unit_price,vat_rate_bp,discount\n"
                                "INV-200,2026-11-18,2026-11-20,C1,b2c,1500,1,MUG,4,2500,2200,1000\n"
                                "INV-200,2026-11-18,2026-11-20,C1,b2c,1500,2,TEAPOT,1,6000,2200,\n")
    assert report["rows_rejected"] == 0
    stored = valued.get_sales_document(STAFF, "INV-200")
    assert stored["discount"] == 1500 and [l["discount"] for l in stored["lines"]] == [1000, 0]
    units = valued.sold_units_by_document(STAFF, "INV-200")
    assert sorted((u["line_no"], u["line_discount"]) for u in units) == [(1, 1000), (2, 0)]

    def one_mug_back(units):
        case = valued.create_case(STAFF, {
            "kind": "return", "channel": "b2c", "customer_id": "C1",
            "lines": [{"quantity": units, "reason_code": "defective",
                       "sales_document": {"document": "INV-200", "line": 1}}]})
        return receive(valued, case)

    first, rest = one_mug_back(1), one_mug_back(3)
    assert (totals(first)["refund_net"], totals(first)["refund"]) == ("20.25 EUR", "24.71 EUR")
    assert (totals(rest)["refund_net"], totals(rest)["refund"]) == ("60.75 EUR", "74.11 EUR")

    # A discount larger than the line is refused with its column, and nothing is stored.
    bad = valued.import_run(STAFF, "sales_documents", "csv",
                             "id,date,customer_id,channel,sku,quantity,unit_price,vat_rate_bp,discount\n"
                             "INV-201,2026-11-18,C1,b2c,MUG,1,2500,2200,2501\n", skip_bad_rows=True)
    assert bad["rows_rejected"] == 1 and bad["errors"][0]["field"] == "discount"
    with pytest.raises(rma.NotFound):
        valued.get_sales_document(STAFF, "INV-201")
