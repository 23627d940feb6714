"""The tamper-evident history from Python: Engine.verify_audit, audit_checkpoint, audit_public_key
(docs/audit.md)."""

import datetime as dt
import sqlite3

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
