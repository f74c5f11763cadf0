"""Atomic ingestion: SIGKILL at random moments leaves whole documents and a sound chain."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

from reliability.corpus import documents_in_store
from reliability.processes import WORKER, child_env

from events import AnyEvent, SQLiteStore
from timeline.cli import main

KILLS = 16
# Kills per store at most; then (or once it is complete) it is ingested to the end and checked.
KILLS_PER_STORE = 4


class _Workers:
    """Ingesting processes into one store path, each started early and released on demand.

    The next worker is started when the last one ends, so it imports the library while the
    test checks the store, and a release starts reading documents at once.
    """

    def __init__(self, folder: Path, db: Path, corpus: Path) -> None:
        self._folder, self._db, self._corpus = folder, db, corpus
        self._count = 0
        self._pending: tuple[subprocess.Popen[str], Path] | None = None
        self.prepare()

    def prepare(self) -> None:
        """Start the next worker, waiting to be released, unless one is waiting already."""
        if self._pending is not None:
            return
        self._count += 1
        go = self._folder / f"go{self._count}"
        argv = ["--after", str(go), "ingest", str(self._db), str(self._corpus)]
        proc = subprocess.Popen(
            [sys.executable, str(WORKER), *argv],
            env=child_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._pending = proc, go

    def release(self) -> subprocess.Popen[str]:
        """Let the waiting worker ingest; returns it."""
        self.prepare()
        assert self._pending is not None
        proc, go = self._pending
        go.touch()
        self._pending = None
        return proc

    def close(self) -> None:
        if self._pending is not None:
            self._pending[0].kill()
            self._pending[0].communicate()


def _finish(proc: subprocess.Popen[str]) -> None:
    """Let a released worker run to its end."""
    _, err = proc.communicate(timeout=60)
    assert err == ""
    assert proc.returncode == 0


def _check_whole_documents(db: Path, expected: dict[str, tuple[AnyEvent, ...]]) -> int:
    """Verify the store and that each stored document has all its events; returns how many."""
    with closing(SQLiteStore(db)) as store:
        assert store.verify() == []
        stored = len(store)
    if stored:
        assert main(["verify", "--db", str(db)]) == 0
    documents = documents_in_store(db)
    for document, count in documents.items():
        assert count == len(expected[document]), f"document {document} is half stored"
    return len(documents)


def _check_exactly_once(db: Path, expected: dict[str, tuple[AnyEvent, ...]]) -> None:
    with closing(SQLiteStore(db)) as store:
        ids = [e.id for e in store.read()]
    assert len(ids) == sum(len(events) for events in expected.values())
    assert set(ids) == {e.id for events in expected.values() for e in events}


def _set_aside(db: Path, name: str) -> None:
    """Move a finished store (and any WAL files) out of the workers' way."""
    for path in db.parent.glob(f"{db.name}*"):
        path.rename(path.with_name(path.name.replace(db.stem, name, 1)))


def test_sigkill_during_ingest_never_leaves_half_a_document(
    tmp_path: Path, corpus: Path, corpus_expected: dict[str, tuple[AnyEvent, ...]]
) -> None:
    """After each of many random SIGKILLs the store verifies and holds only whole documents."""
    db = tmp_path / "store.db"
    workers = _Workers(tmp_path, db, corpus)
    try:
        # An uninterrupted run times the reading and the writes, and is checked like the rest.
        began = time.monotonic()
        proc = workers.release()
        assert proc.stdout is not None
        commits = []
        for line in proc.stdout:
            if line.startswith("stored "):
                commits.append(time.monotonic())
        _finish(proc)
        workers.prepare()
        assert len(commits) == len(corpus_expected)
        whole_run, write_window = commits[-1] - began, commits[-1] - commits[0]
        _check_exactly_once(db, corpus_expected)
        _set_aside(db, "uninterrupted")

        rng = random.Random(6)
        documents = len(corpus_expected)
        kills = interrupted = attempts = kills_here = stores = stored = 0
        while kills < KILLS:
            attempts += 1
            assert attempts < 2 * KILLS, "the ingestion kept finishing before the kill"
            before = stored
            proc = workers.release()
            assert proc.stdout is not None
            if rng.random() < 0.2:
                # Anywhere: opening the store, reading the documents or writing them.
                time.sleep(rng.uniform(0, whole_run))
            else:
                # Among the writes: soon after a random new document's transaction committed.
                for _ in range(rng.randint(before + 1, documents)):
                    proc.stdout.readline()
                time.sleep(rng.uniform(0, 2 * write_window / documents))
            proc.send_signal(signal.SIGKILL)
            _, err = proc.communicate(timeout=60)
            workers.prepare()
            assert err == ""
            assert proc.returncode in (0, -signal.SIGKILL)
            stored = _check_whole_documents(db, corpus_expected)
            if proc.returncode == -signal.SIGKILL:
                kills += 1
                kills_here += 1
                interrupted += before < stored < documents
                if kills_here < KILLS_PER_STORE and stored < documents:
                    continue
                # Re-running the ingestion completes it, every event exactly once.
                _finish(workers.release())
                workers.prepare()
                assert _check_whole_documents(db, corpus_expected) == documents
            _check_exactly_once(db, corpus_expected)
            stores += 1
            _set_aside(db, f"store{stores}")
            kills_here = stored = 0
    finally:
        workers.close()
    # The kills must have landed among the writes, not only before or after them.
    assert interrupted >= KILLS // 2, f"only {interrupted} of {kills} kills interrupted writes"
