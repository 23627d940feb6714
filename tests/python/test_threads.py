"""One engine shared by several Python threads."""

import sqlite3
import threading
import time

import rma
from conftest import STAFF, make_draft, sqlite_only

THREADS = 4
CASES_PER_THREAD = 25


def test_threads_create_cases_on_one_engine(engine):
    events = []
    lock = threading.Lock()

    def on_event(event):
        with lock:
            events.append(event["seq"])

    engine.subscribe(on_event)
    created = [[] for _ in range(THREADS)]
    errors = []

    def work(index):
        try:
            for _ in range(CASES_PER_THREAD):
                case = engine.create_case(STAFF, make_draft())
                engine.add_note(STAFF, case["id"], f"thread {index}", version=case["version"])
                created[index].append(case["number"])
        except Exception as exc:  # reported below; a thread's exception would be lost otherwise
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(index,)) for index in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    numbers = [number for numbers in created for number in numbers]
    assert len(numbers) == len(set(numbers)) == THREADS * CASES_PER_THREAD
    assert engine.stats()["cases"] == THREADS * CASES_PER_THREAD
    assert engine.query_cases(STAFF, limit=1)["total"] == THREADS * CASES_PER_THREAD
    assert len(events) == 2 * THREADS * CASES_PER_THREAD
    assert len(set(events)) == len(events)


def test_close_while_other_threads_work_never_crashes():
    engine = rma.Engine()
    engine.upsert_customer(STAFF, {"id": "C1", "name": "Acme"})
    started = threading.Barrier(3)
    outcomes = []

    def work():
        started.wait()
        try:
            for _ in range(50):
                engine.create_case(STAFF, make_draft(lines=[{"sku": "SKU-1", "quantity": 1}]))
            outcomes.append("finished")
        except rma.Error as exc:
            outcomes.append(exc.field)

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    started.wait()
    engine.close()
    for thread in threads:
        thread.join()
    assert len(outcomes) == 2
    assert set(outcomes) <= {"finished", "engine"}


@sqlite_only("holds SQLite's write lock from a second sqlite3 connection")
def test_a_blocked_command_does_not_hold_the_gil(tmp_path):
    # Another connection holds the write lock, so a command waits inside librma (SQLite's busy
    # handler). If that wait held the GIL, this thread could not wake up to release the lock and the
    # command would fail with a storage error when the busy timeout ran out.
    path = tmp_path / "locked.db"
    engine = rma.Engine(path, options={"busy_timeout_ms": 3000})
    engine.upsert_customer(STAFF, {"id": "C1", "name": "Acme"})
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    outcome = []

    def work():
        try:
            outcome.append(engine.create_case(STAFF, make_draft(lines=[{"sku": "SKU-1", "quantity": 1}])))
        except rma.Error as exc:
            outcome.append(exc)

    worker = threading.Thread(target=work)
    started = time.monotonic()
    worker.start()
    time.sleep(0.3)  # the worker is now waiting for the lock inside the engine
    woke_after = time.monotonic() - started
    blocker.execute("ROLLBACK")
    blocker.close()
    worker.join()
    engine.close()
    assert woke_after < 2.0
    assert len(outcome) == 1 and isinstance(outcome[0], dict), outcome
