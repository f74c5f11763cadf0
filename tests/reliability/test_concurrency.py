"""Concurrent writers: processes ingesting into one SQLite file at once store each event once."""

from __future__ import annotations

import multiprocessing
import re
import shutil
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from reliability.corpus import documents_in_store, expected_events
from reliability.processes import WORKER, child_env

from events import AnyEvent, SQLiteStore, StoreError
from timeline.cli import main


def _ingest_together(tmp_path: Path, db: Path, folders: list[list[Path]]) -> list[str]:
    """Run ``timeline ingest`` once per entry, all released at the same moment; all must pass.

    Returns what each printed.
    """
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                str(WORKER),
                "--after",
                str(go),
                "cli",
                "ingest",
                *map(str, paths),
                "--db",
                str(db),
                "--quiet",
            ],
            env=child_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for paths in folders
    ]
    go.touch()
    outputs = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert "locked" not in err + out
        assert err == ""
        assert proc.returncode == 0
        outputs.append(out)
    return outputs


def _check_exactly_once(db: Path, expected: dict[str, tuple[AnyEvent, ...]]) -> None:
    with closing(SQLiteStore(db)) as store:
        assert store.verify() == []
        ids = [e.id for e in store.read()]
    assert len(ids) == sum(len(events) for events in expected.values())
    assert set(ids) == {e.id for events in expected.values() for e in events}
    assert documents_in_store(db) == {doc: len(events) for doc, events in expected.items()}
    assert main(["verify", "--db", str(db)]) == 0


def test_three_processes_ingest_the_same_folder(
    tmp_path: Path, corpus: Path, corpus_expected: dict[str, tuple[AnyEvent, ...]]
) -> None:
    """Three processes ingesting one folder into one new file at once: each event stored once."""
    db = tmp_path / "t.db"
    _ingest_together(tmp_path, db, [[corpus]] * 3)
    _check_exactly_once(db, corpus_expected)


@pytest.fixture
def overlapping(tmp_path: Path, corpus: Path) -> tuple[Path, Path]:
    """Two folders sharing a third of the corpus: the same files, so the same events."""
    files = sorted(corpus.glob("*.txt"))
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, chosen in ((first, files[:30]), (second, files[15:])):
        folder.mkdir()
        for path in chosen:
            shutil.copy(path, folder)
    return first, second


def test_processes_ingest_overlapping_folders(
    tmp_path: Path,
    overlapping: tuple[Path, Path],
    corpus_expected: dict[str, tuple[AnyEvent, ...]],
) -> None:
    """Overlapping folders, ingested at once by three processes: the union, each event once."""
    first, second = overlapping
    expected = expected_events(first, second)
    assert expected == corpus_expected
    db = tmp_path / "t.db"
    _ingest_together(tmp_path, db, [[first], [second], [second, first]])
    _check_exactly_once(db, expected)


def test_concurrent_ingests_print_the_store_total(
    tmp_path: Path, corpus: Path, corpus_expected: dict[str, tuple[AnyEvent, ...]]
) -> None:
    """Two ``timeline ingest`` of one folder at once each print the store's count after its own
    appends (every event by then) and between them as many new events as the store holds."""
    db = tmp_path / "s.db"
    outputs = _ingest_together(tmp_path, db, [[corpus]] * 2)
    stored = sum(len(events) for events in corpus_expected.values())
    totals = [
        re.fullmatch(
            rf"(\d+) document\(s\), (\d+) new event\(s\); (\d+) in {re.escape(str(db))}",
            out.strip(),
        )
        for out in outputs
    ]
    assert all(totals), outputs
    assert [int(m[3]) for m in totals if m] == [stored, stored]
    assert sum(int(m[2]) for m in totals if m) == stored


def _open_at_once(path: str, barrier: Any, errors: Any) -> None:
    barrier.wait()
    try:
        SQLiteStore(path).close()
    except StoreError as e:
        errors.put(str(e))


def test_processes_creating_one_store_at_once_all_open_it(tmp_path: Path) -> None:
    """Four processes opening one new file at the same instant, twenty times: each opens it.
    (Before retrying transient errors, about one round in eight failed one of them with
    "database is locked" or "disk I/O error" while they raced to switch on the WAL.)"""
    ctx = multiprocessing.get_context("fork")
    errors = ctx.Queue()
    for n in range(20):
        barrier = ctx.Barrier(4)
        path = str(tmp_path / f"s{n}.db")
        workers = [ctx.Process(target=_open_at_once, args=(path, barrier, errors)) for _ in "abcd"]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=60)
            assert worker.exitcode == 0
    assert errors.empty(), errors.get()
