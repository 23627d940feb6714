"""Engine.copy_store: an SQLite file moved to PostgreSQL, verified, or refused with nothing written."""

import pytest

import rma
from conftest import ADMIN, POSTGRES, STAFF, make_draft, new_location, postgres_only, seed


def filled_file(tmp_path, clock):
    """An SQLite file (whatever backend the suite runs on: a copy's source is one) with two cases."""
    source = rma.Engine(str(tmp_path / "source.db"), clock=clock)
    seed(source)
    first = source.create_case(STAFF, make_draft())
    source.add_note(STAFF, first["id"], "tab\there\nback\\slash")
    source.create_case(STAFF, make_draft(customer_id="C2"))
    return source, first


@postgres_only("the copy's target is a PostgreSQL schema")
def test_copy_store_moves_the_file_and_the_copy_answers_alike(tmp_path, clock):
    source, first = filled_file(tmp_path, clock)
    target = new_location(tmp_path)
    seen = []
    with source:
        before = source.get_case(ADMIN, first["id"]), source.history(ADMIN, first["id"])
        report = source.copy_store(ADMIN, target, progress=lambda table, done, total: seen.append(table),
                                   progress_every=1)
    assert report["from"] == "sqlite" and report["to"] == "postgresql"
    assert report["rows"] == sum(t["rows"] for t in report["tables"])
    assert {"cases", "events", "notes"} <= {t["table"] for t in report["tables"]}
    assert all(len(t["hash"]) == 64 for t in report["tables"])
    assert set(seen) == {t["table"] for t in report["tables"]}
    with rma.Engine(target, clock=clock) as copy:
        assert (copy.get_case(ADMIN, first["id"]), copy.history(ADMIN, first["id"])) == before
        assert copy.stats()["cases"] == 2


@postgres_only("the copy's target is a PostgreSQL schema")
def test_an_exception_in_progress_cancels_the_copy_and_is_raised(tmp_path, clock):
    source, _ = filled_file(tmp_path, clock)
    target = new_location(tmp_path)

    class Stop(Exception):
        pass

    def stop(table, done, total):
        if table == "events":
            raise Stop()

    with source:
        with pytest.raises(Stop):
            source.copy_store(ADMIN, target, progress=stop)
        with pytest.raises(rma.ValidationError) as cancelled:
            source.copy_store(ADMIN, target, progress=lambda table, done, total: False)
        assert cancelled.value.field == "progress"
    with rma.Engine(target, clock=clock) as copy:
        assert copy.stats()["cases"] == 0


def test_copy_store_needs_a_postgresql_target_and_an_admin(tmp_path, clock):
    source, _ = filled_file(tmp_path, clock)
    with source:
        with pytest.raises(rma.ValidationError) as not_a_server:
            source.copy_store(ADMIN, str(tmp_path / "other.db"))
        assert not_a_server.value.field == "to"
        with pytest.raises(rma.PermissionDenied):
            source.copy_store(STAFF, POSTGRES or "host=/nowhere dbname=rma")
        with pytest.raises(TypeError):
            source.copy_store(ADMIN, "host=/nowhere dbname=rma", progress=42)
