"""Opening, closing and reopening engines; the module surface; no C++ types leak."""

import datetime as dt
import inspect

import pytest

import rma
from conftest import POSTGRES, STAFF, make_draft, new_location, seed, sqlite_only


def test_version_matches_the_library():
    assert rma.version() == rma.__version__
    major, minor, patch = (int(part) for part in rma.__version__.split("."))
    assert (major, minor, patch) >= (0, 1, 0)


def test_public_names_are_python_objects():
    for name in rma.__all__:
        obj = getattr(rma, name)
        module = getattr(obj, "__module__", "rma")
        assert not module.startswith("rma._rma"), name


def test_every_public_method_has_a_docstring():
    for name, member in inspect.getmembers(rma.Engine, inspect.isfunction):
        if not name.startswith("_"):
            assert member.__doc__ and member.__doc__.strip(), name


def test_context_manager_closes_the_engine():
    with rma.Engine() as engine:
        assert not engine.closed
        seed(engine)
    assert engine.closed
    with pytest.raises(rma.Error) as info:
        engine.get_customer(STAFF, "C1")
    assert type(info.value) is rma.Error
    assert info.value.field == "engine"
    assert "closed" in info.value.message


def test_context_manager_closes_when_the_block_raises():
    with pytest.raises(KeyError):
        with rma.Engine() as engine:
            raise KeyError("boom")
    assert engine.closed


def test_close_is_idempotent_and_every_command_then_fails():
    engine = rma.Engine()
    engine.close()
    engine.close()
    for call in (lambda: engine.stats(), lambda: engine.subscribe(print), lambda: engine.unsubscribe(1),
                 lambda: engine.set_clock(None), lambda: engine.call(STAFF, "engine.stats", {})):
        with pytest.raises(rma.Error):
            call()
    with pytest.raises(rma.Error):
        with engine:
            pass
    assert "closed" in repr(engine)


def test_core_level_close_raises_the_mapped_error():
    # Closing the extension object directly (as another thread's close would) is reported
    # through the same hierarchy, not as the extension's own exception type.
    engine = rma.Engine()
    engine._core.close()
    with pytest.raises(rma.Error) as info:
        engine.stats()
    assert info.value.code == rma.Status.INVALID_ARGUMENT
    assert info.value.field == "engine"


def test_file_database_is_seen_after_reopening(tmp_path):
    path = tmp_path / "returns.db" if not POSTGRES else new_location(tmp_path)
    with rma.Engine(path) as engine:  # a path-like object is accepted
        seed(engine)
        created = engine.create_case(STAFF, make_draft())
        engine.add_note(STAFF, created["id"], "first look: dented")
        seq = engine.stats()["last_event_seq"]
    with rma.Engine(str(path)) as reopened:
        again = reopened.get_case(STAFF, created["id"])
        assert again["number"] == created["number"]
        assert [note["body"] for note in again["notes"]] == ["first look: dented"]
        assert reopened.stats()["cases"] == 1
        assert reopened.stats()["last_event_seq"] == seq
        assert reopened.get_customer(STAFF, "C1")["name"] == "Acme Srl"


def test_two_engines_on_one_file_see_each_others_changes(tmp_path):
    path = new_location(tmp_path, "shared.db")
    with rma.Engine(path) as first, rma.Engine(path) as second:
        seed(first)
        created = first.create_case(STAFF, make_draft())
        assert second.get_case(STAFF, created["id"])["number"] == created["number"]
        second.add_note(STAFF, created["id"], "from the second engine")
        assert first.get_case(STAFF, created["id"])["version"] == 2


def test_options_configure_the_number_format():
    options = {"number_format": {"prefix": "RET", "with_year": False, "digits": 4, "separator": "/"}}
    with rma.Engine(options=options) as engine:
        seed(engine)
        created = engine.create_case(STAFF, make_draft())
        assert created["number"].startswith("RET/0001/")


def test_bad_options_raise_validation_error():
    with pytest.raises(rma.ValidationError) as info:
        rma.Engine(options={"number_format": {"digits": 0}})
    assert info.value.field.endswith("digits")
    with pytest.raises(rma.ValidationError) as info:
        rma.Engine(options=["not", "a", "dict"])
    assert info.value.code == rma.Status.WRONG_TYPE


@sqlite_only("a file in a folder that does not exist (postgres: its own test of an unreachable server)")
def test_unopenable_path_raises_storage_error(tmp_path):
    with pytest.raises(rma.Error) as info:
        rma.Engine(tmp_path / "no-such-dir" / "x.db")
    assert info.value.code == rma.Status.STORAGE
    assert info.value.status == "storage"


def test_stats_counts_cases_and_events(engine):
    before = engine.stats()
    assert set(before) == {"cases", "index_bytes", "last_event_seq"}
    assert before["cases"] == 0
    engine.create_case(STAFF, make_draft())
    after = engine.stats()
    assert after["cases"] == 1
    assert after["last_event_seq"] == before["last_event_seq"] + 1
    assert after["index_bytes"] > 0


def test_call_runs_the_json_api_directly(engine):
    created = engine.call(STAFF, "case.create", make_draft())
    assert isinstance(created["created_at"], dt.datetime)
    fetched = engine.call(STAFF, "case.get", '{"case_id": %d}' % created["id"])
    assert fetched["number"] == created["number"]
    assert engine.call(STAFF, "engine.stats")["cases"] == 1


@pytest.mark.parametrize("location, shown", [
    ("host=/run/pg dbname=erp password=s3cret user=rma", "host=/run/pg dbname=erp password=*** user=rma"),
    ("host=db password = 'it\\'s secret' dbname=erp", "host=db password = *** dbname=erp"),
    ("postgresql://rma:s3cret@db.example.com/erp", "postgresql://rma:***@db.example.com/erp"),
    ("postgres://db/erp?user=rma&password=s3cret&sslmode=require", "postgres://db/erp?user=rma&password=***&sslmode=require"),
])
def test_repr_hides_a_password(location, shown):
    from rma._engine import _without_password
    assert _without_password(location) == shown


def test_repr_names_the_path():
    with rma.Engine() as engine:
        assert ":memory:" in repr(engine)
        assert "open" in repr(engine)
