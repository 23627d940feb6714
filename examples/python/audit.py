"""The history you can prove, from Python: a host-held signing key, a case's life, the chain
verified against the public key kept apart, an exported copy checked without librma by
tools/audit/verify_export.py, and what verification says once someone edits an event in the
database behind librma's back. Run with the package on PYTHONPATH:

    PYTHONPATH=build/python /usr/bin/python3 examples/python/audit.py
"""

import json
import os
import pathlib
import sqlite3
import subprocess
import sys
import tempfile

import rma

ADMIN = "admin:root"
OPERATOR = "operator:anna"
# The host keeps the 32-byte seed outside the database (here, for the example, in the code).
SIGNING_SEED = "5eed" * 16
VERIFY_EXPORT = pathlib.Path(__file__).resolve().parents[2] / "tools" / "audit" / "verify_export.py"

with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "returns.db")
    options = {"audit": {"signing_seed": SIGNING_SEED, "checkpoint_every": 5}}
    with rma.Engine(path, options=options) as engine:
        engine.upsert_operator("system:setup", {"id": "root", "name": "Root", "role": "admin"})
        engine.upsert_customer(OPERATOR, {"id": "C-1", "name": "Ada Bianchi"})
        case = engine.create_case(OPERATOR, {"customer_id": "C-1", "lines": [{"sku": "TV-55", "reason_code": "DOA"}]})
        engine.add_note(OPERATOR, case["id"], "panel cracked on arrival")
        engine.update_case(OPERATOR, case["id"], {"priority": "high"})
        engine.add_note(OPERATOR, case["id"], "replacement sent")

        # The auditor's copy of the public key, taken once and kept apart from the database.
        public_key = engine.audit_public_key(ADMIN)
        print("public key:", public_key)

        report = engine.verify_audit(OPERATOR, trusted_keys=[public_key])
        print(f"verified: ok={report['ok']}, {report['events_checked']} events, last checkpoint at seq "
              f"{report['last_checkpoint']['seq']}, {report['unsigned_events']} unsigned after it")
        engine.audit_checkpoint(ADMIN)

        # An exported copy, checked with the Python standard library alone.
        export = os.path.join(folder, "audit.jsonl")
        with open(export, "w", encoding="utf-8") as out:
            from_seq = 1
            while from_seq is not None:
                page = engine.export_audit(OPERATOR, from_seq=from_seq, limit=1000)
                out.write(json.dumps(page) + "\n")
                from_seq = page["next_seq"]
        check = subprocess.run([sys.executable, str(VERIFY_EXPORT), export, "--public-key", public_key],
                               capture_output=True, text=True, check=False)
        print("verify_export.py:", check.stdout.strip())
        assert check.returncode == 0

        # Someone with write access to the file changes who wrote a note.
        note_seq = engine.history(ADMIN, case["id"])[1]["seq"]
        with sqlite3.connect(path) as raw:
            raw.execute("UPDATE events SET actor = 'operator:mallory' WHERE seq = ?", (note_seq,))
        report = engine.verify_audit(OPERATOR, trusted_keys=[public_key])
        broken = report["first_break"]
        print(f"after the edit: ok={report['ok']}; seq {broken['seq']} of {broken['case_number']} "
              f"({broken['type']}): {broken['problem']}")
        assert not report["ok"] and broken["seq"] == note_seq

print("audit example done")
