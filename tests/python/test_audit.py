"""The tamper-evident history from Python: Engine.verify_audit, audit_checkpoint, audit_public_key
(docs/audit.md)."""

import datetime as dt
import json
import pathlib
import sqlite3
import subprocess
import sys

import pytest

import rma
from conftest import ADMIN, CUSTOMER, STAFF, make_draft, new_location, seed, sqlite_only


def test_an_untouched_history_verifies_against_the_kept_key(engine, case):
    key = engine.audit_public_key(STAFF)
    assert len(key) == 64 and engine.audit_public_key(ADMIN) == key
    checkpoint = engine.audit_checkpoint(ADMIN)
    assert checkpoint["public_key"] == key
    assert checkpoint["seq"] == engine.stats()["last_event_seq"]
    assert isinstance(checkpoint["at"], dt.datetime)
    report = engine.verify_audit(STAFF, trusted_keys=[key])
    assert report["ok"] is True and report["first_break"] is None
    assert report["events_checked"] == engine.stats()["last_event_seq"]
    assert report["last_checkpoint"] == checkpoint
    assert report["unsigned_events"] == 0 and report["public_key"] == key


def test_progress_is_reported_and_may_cancel(engine, case):
    seen = []
    report = engine.verify_audit(STAFF, progress=lambda done, total: seen.append((done, total)), progress_every=1)
    total = report["events_checked"]
    assert seen[-1] == (total, total) and len(seen) == total + 1
    with pytest.raises(rma.ValidationError) as cancelled:
        engine.verify_audit(STAFF, progress=lambda done, total: False)
    assert cancelled.value.field == "progress"

    class Stop(Exception):
        pass

    def broken(done, total):
        raise Stop()

    with pytest.raises(Stop):
        engine.verify_audit(STAFF, progress=broken)


def test_only_staff_verify_and_only_admins_sign(engine, case):
    with pytest.raises(rma.PermissionDenied):
        engine.verify_audit(CUSTOMER)
    with pytest.raises(rma.PermissionDenied):
        engine.audit_checkpoint(STAFF)
    with pytest.raises(rma.ValidationError) as bad_key:
        engine.verify_audit(STAFF, trusted_keys=["not hex"])
    assert bad_key.value.field == "trusted_keys[0]"
    with pytest.raises(TypeError):
        engine.verify_audit(STAFF, trusted_keys="ab" * 32)


def test_a_range_is_verified_on_its_own(engine, case):
    last = engine.stats()["last_event_seq"]
    report = engine.verify_audit(STAFF, from_seq=2, to_seq=last - 1)
    assert report["ok"] and report["events_checked"] == last - 2
    assert (report["from_seq"], report["to_seq"]) == (2, last - 1)


@sqlite_only("edits the SQLite file behind librma's back")
def test_an_edited_event_is_named_with_its_case(tmp_path, clock):
    path = str(tmp_path / "audit.db")
    with rma.Engine(path, clock=clock) as engine:
        seed(engine)
        created = engine.create_case(STAFF, make_draft())
        engine.add_note(STAFF, created["id"], "unit inspected")
        note_seq = engine.history(ADMIN, created["id"])[-1]["seq"]
        engine.add_note(STAFF, created["id"], "customer called")
        with sqlite3.connect(path) as raw:
            raw.execute("UPDATE events SET actor = 'operator:mallory' WHERE seq = ?", (note_seq,))
        report = engine.verify_audit(STAFF)
    assert report["ok"] is False
    assert report["broken_links"] == 1
    broken = report["first_break"]
    assert (broken["seq"], broken["case_number"], broken["type"], broken["problem"]) == (
        note_seq, created["number"], "note.added", "changed")


def test_the_hosts_seed_signs_and_a_malformed_one_is_refused_without_echo(tmp_path, clock):
    seed_hex = "2a" * 32
    with rma.Engine(new_location(tmp_path), options={"audit": {"signing_seed": seed_hex, "checkpoint_every": 2}},
                    clock=clock) as engine:
        seed(engine)
        key = engine.audit_public_key(STAFF)
        report = engine.verify_audit(STAFF, trusted_keys=[key])
        assert report["ok"] and report["checkpoints_checked"] >= 2
    with rma.Engine(new_location(tmp_path, "again.db"), options={"audit": {"signing_seed": seed_hex}}) as again:
        assert again.audit_public_key(STAFF) == key  # the key follows from the seed alone
    secret = "ab" * 31 + "zz"
    with pytest.raises(rma.ValidationError) as refused:
        rma.Engine(new_location(tmp_path, "bad.db"), options={"audit": {"signing_seed": secret}})
    assert refused.value.field == "audit.signing_seed"
    assert secret not in str(refused.value)


VERIFY_EXPORT = pathlib.Path(__file__).resolve().parents[2] / "tools" / "audit" / "verify_export.py"


def export_to(engine, path, limit=1000):
    """Writes every page of audit.export to `path`, one JSON object per line (docs/audit.md)."""
    pages, from_seq = 0, 1
    with open(path, "w", encoding="utf-8") as out:
        while from_seq is not None:
            page = engine.export_audit(STAFF, from_seq=from_seq, limit=limit)
            out.write(json.dumps(page) + "\n")
            from_seq = page["next_seq"]
            pages += 1
    return pages


def run_verify_export(path, *keys):
    args = [sys.executable, str(VERIFY_EXPORT), str(path)]
    for key in keys:
        args += ["--public-key", key]
    return subprocess.run(args, capture_output=True, text=True, timeout=120)


def test_an_export_verifies_without_librma_and_names_an_edited_event(tmp_path, clock):
    with rma.Engine(new_location(tmp_path), options={"audit": {"checkpoint_every": 4}}, clock=clock) as engine:
        seed(engine)
        created = engine.create_case(STAFF, make_draft())
        engine.add_note(STAFF, created["id"], "zażółć gęślą jaźń, \"quoted\"")
        engine.create_case(STAFF, make_draft(customer_id="C2"))
        key = engine.audit_public_key(STAFF)
        last = engine.stats()["last_event_seq"]
        first = engine.export_audit(STAFF, limit=3)
        assert [e["seq"] for e in first["events"]] == [1, 2, 3] and first["next_seq"] == 4
        assert isinstance(first["events"][0]["data"], str) and first["events"][0]["at_micros"] > 0
        export = tmp_path / "audit.jsonl"
        assert export_to(engine, export, limit=3) == (last + 2) // 3
    # The chain and the signatures (pure-Python Ed25519) check out against the kept key...
    done = run_verify_export(export, key)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith(f"ok: {last} events")
    # ... and not against another key, nor once an event of the copy is changed.
    assert run_verify_export(export, "00" * 32).returncode == 1
    lines = export.read_text(encoding="utf-8").splitlines()
    page = json.loads(lines[1])
    page["events"][1]["actor"] = "operator:mallory"
    edited_seq = page["events"][1]["seq"]
    lines[1] = json.dumps(page)
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    broken = run_verify_export(export, key)
    assert broken.returncode == 1
    assert broken.stdout.startswith(f"seq {edited_seq} ") and broken.stdout.rstrip().endswith("changed")
