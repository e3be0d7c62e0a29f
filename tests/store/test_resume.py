"""Crash safety: an ingest killed with SIGKILL mid-run and run again ends with the rows of a clean run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import create_engine, func, select, text
from store_helpers import NKTKLN, dump

from sverka.ingest import ingest
from sverka.store import Store
from sverka.store import schema as t

STAGES = ["lang", "segment", "morph", "ner"]
# РИА Новости, Раньше всех, Топор Live
FILES = [NKTKLN / f"{n}_messages.json" for n in (1001101170442, 1001394050290, 1001754252633)]
TOTAL = 82 + 84 + 86


def ingest_command(db_url: str) -> list[str]:
    return [sys.executable, "-m", "sverka", "ingest", *map(str, FILES), "--db", db_url, "--stages", ",".join(STAGES),
            "--workers", "2", "--quiet"]


def count_documents(engine) -> int:
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(t.documents)).scalar_one()
    except Exception:  # the schema is not there yet
        return 0


def reset(db_url: str) -> None:
    if db_url.startswith("sqlite:///"):
        for suffix in ("", "-wal", "-shm"):
            path = db_url[len("sqlite:///"):] + suffix
            if os.path.exists(path):
                os.remove(path)
        return
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.mark.slow
def test_sigkill_then_rerun_equals_clean_run(db_url):
    engine = create_engine(db_url)
    proc = subprocess.Popen(ingest_command(db_url), start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while count_documents(engine) < 64 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)  # the whole group: the ingest and its pool workers
    proc.wait()
    killed_at = count_documents(engine)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read().decode()
    assert 0 < killed_at < TOTAL  # it really died mid-way, with whole batches written
    engine.dispose()

    store = Store(db_url)
    assert store.runs()[0]["status"] == "running"  # what a killed run looks like
    rerun = subprocess.run(ingest_command(db_url), capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert store.stats()["documents"] == store.stats()["analysed"] == TOTAL
    resumed = dump(store)
    store.close()

    reset(db_url)
    clean = ingest(FILES, db=db_url, stages=STAGES, workers=1)
    assert clean.counts == {"new": TOTAL}
    store = Store(db_url)
    assert dump(store) == resumed
    store.close()


@pytest.mark.slow
def test_two_ingests_at_once_end_like_one(db_url):
    command = [sys.executable, "-m", "sverka", "ingest", *map(str, FILES), "--db", db_url, "--no-analyze", "--quiet"]
    # Both processes find an empty database and migrate it at once.
    procs = [subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(2)]
    for proc in procs:
        assert proc.wait(timeout=600) == 0, proc.stderr.read().decode()
    store = Store(db_url)
    together = dump(store)
    store.close()
    reset(db_url)
    ingest(FILES, db=db_url, analyse=False, workers=1)
    store = Store(db_url)
    assert dump(store) == together
    store.close()
