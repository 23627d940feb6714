"""Personal data you can erase, from Python: a retention configuration, a customer's return with
personal data in its defect description, custom fields, notes and attachment, what the history
stores (sealed) and shows (opened), erasure refused the last day of the retention period and done
the day after, every answer after it, and the customer's export (its cases and its record's history). Run with the package on
PYTHONPATH:

    PYTHONPATH=build/python /usr/bin/python3 examples/python/privacy.py
"""

import datetime as dt
import os
import tempfile

import rma

ADMIN = "admin:root"
OPERATOR = "operator:anna"
CUSTOMER = "customer:C-77"
SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

CONFIG = {
    "default_retention": {"years": 10, "basis": "commercial and tax records"},
    "retention": [
        {"country": "IT", "kind": "return", "months": 26, "basis": "warranty claims on consumer goods (IT)"},
        {"country": "DE", "years": 10, "basis": "HGB/AO record keeping"},
    ],
    "kept_custom_fields": ["contract", "erp_order"],
}


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.timezone.utc)

    def __call__(self) -> dt.datetime:
        return self.now


def main() -> None:
    clock = Clock()
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "returns.db")
        with rma.Engine(path, clock=clock) as engine:
            engine.upsert_operator("system:setup", {"id": "root", "name": "Root", "role": "admin"})
            stored = engine.configure_privacy(ADMIN, CONFIG)
            print(f"1. Retention: {len(stored['retention'])} rules, default {stored['default_retention']['months']} months")

            engine.upsert_customer(OPERATOR, {
                "id": "C-77", "name": "Giulia Neri", "email": "giulia.neri@example.it", "phones": ["+39 345 0000001"],
                "addresses": [{"kind": "billing", "line1": "Via Po 3", "city": "Torino", "country": "IT"}]})
            case = engine.create_case(OPERATOR, {
                "kind": "return", "channel": "b2c", "customer_id": "C-77",
                "custom_fields": {"contact": "Giulia, evenings", "erp_order": "SO-4411"},
                "lines": [{"sku": "KETTLE-1", "defect_description": "Giulia Neri: the lid broke on day one"}]})
            engine.add_note(OPERATOR, case["id"], "Giulia asks for a call after 18:00", channel="external")
            engine.add_attachment(OPERATOR, case["id"], "giulia-neri-lid.jpg", "image/jpeg", 48213, SHA256,
                                  "s3://returns/giulia-neri-lid.jpg", visibility="external")
            engine.transition_case(OPERATOR, case["id"], "cancel")
            print(f"2. Case {case['number']} opened and closed on {clock.now.date()}")

            history = engine.history(OPERATOR, case["id"])
            note = next(e for e in history if e["type"] == "note.added")
            print(f"3. case.history shows the note: {note['data']['note']['body']!r}")

            # The events table holds it as "sealed:…", under the case's key (docs/privacy.md).

        with rma.Engine(path, clock=clock) as engine:
            clock.now = dt.datetime(2028, 5, 10, 21, 59, 59, tzinfo=dt.timezone.utc)  # 23:59:59 in Rome
            try:
                engine.erase_personal_data(ADMIN, case_id=case["id"])
            except rma.PermissionDenied as refused:
                print(f"4. On {clock.now.date()} (the last day kept): {refused.reason}: {refused}")

            clock.now += dt.timedelta(seconds=1)  # midnight in Rome
            report = engine.erase_personal_data(ADMIN, case_id=case["id"])
            verdict = report["cases"][0]
            print(f"5. Erased under {verdict['rule']['basis']!r}: ended {verdict['ended_on']},"
                  f" erasable from {verdict['erasable_from']}")

            got = engine.get_case(OPERATOR, case["id"])
            print(f"6. case.get: defect {got['lines'][0]['defect_description']!r}, custom fields {got['custom_fields']},"
                  f" note {got['notes'][0]['body']!r}, file {got['attachments'][0]['file_name']!r}")
            print(f"   case.replay equals case.get: {engine.replay_case(OPERATOR, case['id']) == got}")
            print(f"   still counted: {engine.query_cases(OPERATOR, status='cancelled')['total']} cancelled case")

            exported = engine.export_personal_data(CUSTOMER, customer_id="C-77")
            print(f"7. The customer's own export: {exported['customer']['name']!r},"
                  f" {len(exported['cases'])} case erased at {exported['cases'][0]['erased_at']},"
                  f" {len(exported['customer_history'])} upsert of its record"
                  f" (name {exported['customer_history'][0]['data']['after']['name']!r})")

            report = engine.erase_personal_data(ADMIN, customer_id="C-77")
            print(f"8. The customer's record erased too: {engine.get_customer(OPERATOR, 'C-77')['name']!r}"
                  f" (address country kept: {engine.get_customer(OPERATOR, 'C-77')['addresses'][0]['country']})")
            upsert = engine.export_personal_data(OPERATOR, customer_id="C-77")["customer_history"][0]
            print(f"   its history in the export: name {upsert['data']['after']['name']!r}, by {upsert['actor']}")
    print("privacy example done")


if __name__ == "__main__":
    main()
