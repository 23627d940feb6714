"""Writes tests/data/events/v1.db: a small database holding every audit event type as the librma
of the first event schema (before src/events/ existed) wrote it, for the test that opens it with
the current code (tests/unit/test_events_old_database.cpp). Kept for the record; run it only with
that old build:

    PYTHONPATH=build/bindings/python python3 tests/data/events/make_v1_database.py OUT.db
"""

import datetime as dt
import sqlite3
import sys

import rma

STAFF = "operator:anna"
ADMIN = "admin:root"
CUSTOMER = "customer:C1"
UTC = dt.timezone.utc


class Clock:
    def __init__(self):
        self.now = dt.datetime(2026, 3, 9, 9, 0, tzinfo=UTC)  # a Monday

    def __call__(self):
        self.now += dt.timedelta(seconds=20)
        return self.now


SALES = (
    '{"id": "INV-100", "date": "2026-02-18", "delivery_date": "2026-02-20", "customer_id": "C1", '
    '"channel": "b2c", "jurisdiction": "IT", "lines": [{"line_no": 1, "sku": "SKU-S", "quantity": 3, '
    '"unit_price": 39900, "vat_rate_bp": 2200, "serials": ["SN-1", "SN-2", "SN-9"], "dispatch_document": "DDT-1", '
    '"packers": ["marco", "lucia"]}, {"line_no": 2, "sku": "SKU-1", "quantity": 3, "unit_price": 2500, '
    '"vat_rate_bp": 2200}]}\n')
PURCHASES = "id,date,supplier_id,currency,line_no,sku,quantity,unit_cost,serials\n" \
            "PO-9,2026-01-10,S1,EUR,1,SKU-S,2,20000,SN-1|SN-2\n"


def main(path):
    clock = Clock()
    with rma.Engine(path, clock=clock) as e:
        # customer.upserted, supplier.upserted, operator.upserted, product.upserted
        e.upsert_operator("system:setup", {"id": "root", "name": "Root", "role": "admin"})
        e.upsert_customer(STAFF, {"id": "C1", "name": "Acme Srl", "tier": "gold",
                                  "addresses": [{"kind": "billing", "city": "Milano", "country": "IT"}]})
        e.upsert_customer(STAFF, {"id": "C1", "name": "Acme S.r.l.", "tier": "gold"})  # with a before
        e.upsert_customer(STAFF, {"id": "C2", "name": "Bianchi"})
        e.upsert_supplier(STAFF, {"id": "S1", "name": "Parts Ltd"})
        e.upsert_product(STAFF, {"sku": "SKU-1", "name": "Kettle", "brand": "Hot"})
        e.upsert_product(STAFF, {"sku": "SKU-S", "name": "Phone", "serialized": True})
        # import.completed
        e.import_data(STAFF, "sales_documents", "jsonl", SALES)
        e.import_data(STAFF, "purchase_documents", "csv", PURCHASES)
        # warranty.configured, extended_warranty.added, unit.registered
        e.configure_warranty(ADMIN, {"policies": [
            {"name": "phones", "match": {"sku": "SKU-S"}, "manufacturer_months": 36},
            {"name": "default", "manufacturer_months": 24}]})
        e.add_extended_warranty(STAFF, "SN-2", "EXT-5", dt.date(2029, 2, 18), dt.date(2031, 2, 17))
        e.register_unit(CUSTOMER, "SN-1", dt.date(2026, 2, 22))
        # valuation.configured, sla.configured, workflows.configured
        e.configure_valuation(ADMIN, {
            "restocking_fees": [{"reasons": ["changed_mind"], "percent_bp": 1000}],
            "deductions": [{"code": "missing_accessories", "percent_bp": 1000}],
            "labour_classes": [{"name": "standard", "hourly_rate": "60.00 EUR"}]})
        office = {"week": {d: ["09:00-17:00"] for d in ("monday", "tuesday", "wednesday", "thursday", "friday")}}
        e.configure_sla(ADMIN, {"calendars": {"office": office}, "policies": [
            {"name": "urgent", "when": {"priorities": ["urgent"]}, "calendar": "office",
             "targets": {"resolution": {"hours": 8}}},
            {"name": "default", "calendar": "office", "targets": {"resolution": {"hours": 80}}}]})
        e.configure_workflows(ADMIN, e.workflow_config(ADMIN))

        # A return of a phone and kettles: case.created, case.valued, line.checked, note.added,
        # attachment.added, action.added, action.completed, case.updated, unit.replaced,
        # case.split, case.transitioned, notification.requested, outbox.posted, access.denied,
        # transition.denied, case.reopened.
        ret = e.create_case(STAFF, {
            "kind": "return", "channel": "b2c", "customer_id": "C1", "priority": "urgent",
            "expected_completion": "2026-03-20", "custom_fields": {"portal": "web", "score": 3},
            "lines": [{"serial": "SN-1", "quantity": 1, "reason_code": "DOA", "defect_description": "no power"},
                      {"sales_document": {"document": "INV-100", "line": 2}, "quantity": 3,
                       "reason_code": "changed_mind", "claimed_amount": "75.00 EUR"}]})
        cid = ret["id"]
        e.check_case_line(STAFF, cid, 1)
        e.add_note(STAFF, cid, "box arrived dented", channel="internal")
        e.add_note(CUSTOMER, cid, "please hurry", channel="external")
        e.add_attachment(STAFF, cid, "box.jpg", "image/jpeg", 2048, "ab" * 32, "s3://box.jpg", visibility="internal")
        action = e.add_action(STAFF, cid, "inspect", assignee="anna",
                              due_at=dt.datetime(2026, 3, 12, 12, 0, tzinfo=UTC))["actions"][0]
        e.complete_action(STAFF, cid, action["id"])
        e.update_case(STAFF, cid, {"assignee": "anna", "team": "returns", "root_cause": "transport",
                                   "expected_completion": None})
        e.split_case(STAFF, cid, [{"line_no": 2, "quantity": 1}])
        try:
            e.transition_case(CUSTOMER, cid, "authorize")
        except rma.PermissionDenied:
            pass  # access.denied
        authorized = e.transition_case(STAFF, cid, "authorize")
        try:
            e.transition_case(STAFF, cid, "receive")
        except rma.TransitionError:
            pass  # transition.denied
        lines = [{"line_no": l["line_no"], "qty_received": l["qty_requested"], "condition": "ok"}
                 for l in authorized["lines"]]
        lines[0]["replacement_serial"] = "SN-9"
        lines[0]["void_conditions"] = ["liquid"]
        lines[0]["unused"] = False
        e.update_case(STAFF, cid, {"lines": lines})
        e.transition_case(STAFF, cid, "receive")
        e.transition_case(STAFF, cid, "inspect")
        e.update_case(STAFF, cid, {"resolution": "refund"})
        e.transition_case(STAFF, cid, "refund")
        e.reopen_case(ADMIN, cid, "inspected", "photos arrived")
        msg = e.post_message(STAFF, cid, "credit_note.request", {"amount": "10.00 EUR"})
        e.acknowledge_messages(STAFF, [msg["seq"]])  # outbox.acknowledged

        # A repair: repair.added, repair.updated; then sla.warning and sla.breached on it.
        rep = e.create_case(STAFF, {"kind": "repair", "channel": "b2b", "customer_id": "C2", "priority": "urgent",
                                    "lines": [{"sku": "SKU-1", "quantity": 1, "reason_code": "broken"}]})
        with_repair = e.add_repair(STAFF, rep["id"], "REPLACE_SCREEN", minutes=45, labour_class="standard",
                                   parts=[{"sku": "SCREEN", "quantity": 1, "unit_cost": 4500, "currency": "EUR"}])
        e.set_repair_status(STAFF, rep["id"], with_repair["repairs"][0]["id"], "done")
        for day, hour in ((9, 16), (10, 9), (10, 11), (10, 13), (10, 16), (12, 16), (24, 16)):
            e.tick(STAFF, dt.datetime(2026, 3, day, hour, 0, tzinfo=UTC))

        # A complaint deleted: case.deleted.
        gone = e.create_case(STAFF, {"kind": "complaint", "category": "quality", "channel": "b2b",
                                     "customer_id": "C2", "lines": [{"sku": "SKU-1", "quantity": 2}]})
        e.delete_case(ADMIN, gone["id"], "duplicate")

        seen = set()
        for case_id in range(1, 10):
            try:
                seen.update(ev["type"] for ev in e.history(ADMIN, case_id))
            except rma.NotFound:
                pass
        print(sorted(seen))
    # Compacted for the repository (same rows, smaller pages, no WAL files beside it).
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=DELETE")
    db.execute("PRAGMA page_size=1024")
    db.execute("VACUUM")
    db.close()


if __name__ == "__main__":
    main(sys.argv[1])
