"""Killing an ingest midway leaves no half-written budget: one transaction per document."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from yusuan.store import open_store

from store.conftest import variant

YUSUAN = [sys.executable, "-m", "yusuan"]


def _ingest(paths, db, env=None, **kwargs):
    return subprocess.Popen([*YUSUAN, "ingest", *map(str, paths), "--db", db, "--jobs", "1", "--format", "json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, **(env or {})}, **kwargs)


def _wait_for(predicate, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_a_kill_inside_a_documents_transaction_writes_nothing_of_it(tmp_path):
    db = str(tmp_path / "store.sqlite")
    docs = [variant(tmp_path, n, unit=f"单位{n}") for n in range(3)]
    journal = Path(db + "-journal")
    # Each document waits 30 s between its facts and its findings, inside its transaction.
    process = _ingest(docs, db, env={"YUSUAN_TEST_WRITE_DELAY": "30"})
    try:
        # The rollback journal exists while a write transaction is open. Held for 2 s on end it is the
        # document's (the schema's migration on open takes a fraction of that): it is half-written.
        held_since = []

        def held() -> bool:
            if not journal.exists():
                held_since.clear()
                return False
            held_since.append(time.monotonic())
            return held_since[-1] - held_since[0] > 2

        assert _wait_for(held, 60)
        with open_store(db, migrate=False) as store:  # a reader sees the schema, and nothing committed
            assert store.count() == 0
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    finally:
        if process.poll() is None:
            process.kill()
    with open_store(db) as store:  # the journal is rolled back on open
        assert store.count() == 0
        assert store.integrity() == []
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("select count(*) from facts").scalar() == 0
            assert connection.exec_driver_sql("select count(*) from originals").scalar() == 0
    # Run again: everything is stored once, whole.
    again = _ingest(docs, db)
    out, _ = again.communicate(timeout=120)
    assert again.returncode == 0
    assert [r["status"] for r in json.loads(out)] == ["stored"] * 3
    with open_store(db) as store:
        assert store.count() == 3 and store.integrity() == []


def test_a_kill_between_documents_keeps_the_stored_ones_whole(tmp_path):
    db = str(tmp_path / "store.sqlite")
    docs = [variant(tmp_path, n, unit=f"单位{n}") for n in range(12)]
    process = _ingest(docs, db, env={"YUSUAN_TEST_WRITE_DELAY": "0.3"})

    def stored() -> int:
        if not Path(db).exists():
            return 0
        try:
            with open_store(db, migrate=False) as store:
                return store.count()
        except Exception:
            return 0

    try:
        assert _wait_for(lambda: stored() >= 2, 90)
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    finally:
        if process.poll() is None:
            process.kill()
    with open_store(db) as store:
        count = store.count()
        assert 2 <= count < 12
        assert store.integrity() == []
    again = _ingest(docs, db)
    out, _ = again.communicate(timeout=180)
    statuses = [r["status"] for r in json.loads(out)]
    assert statuses.count("duplicate") == count and statuses.count("stored") == 12 - count
    with open_store(db) as store:
        assert store.count() == 12 and store.integrity() == []
