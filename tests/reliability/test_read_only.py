"""A store the user cannot write still reads and verifies; writing to it is a one-line error.

Root ignores permission bits, so the tests that need a genuinely read-only store run the
command as an unprivileged user (``setpriv``) when the suite runs as root; the others make the
store read-only to the library by answering ``os.access`` for it.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

import events.sqlite
from events import SQLiteStore, StoreError
from projections import EventIndex, FilingCache
from timeline.facade import Timeline

ROOT = Path(__file__).resolve().parents[2]
NEW_DOCUMENT = ROOT / "tests" / "timeline" / "documents" / "sheffield_ilacs_2023.txt"
NOBODY = 65534
AS_ROOT = os.geteuid() == 0


def _another_user_runs_us() -> bool:
    """Whether an unprivileged user can run this interpreter and import the project (a venv
    in a private temporary folder, as CI makes one, is closed to it)."""
    if not AS_ROOT:
        return True
    if shutil.which("setpriv") is None:
        return False
    ids = ["--reuid", str(NOBODY), "--regid", str(NOBODY), "--clear-groups"]
    probe = [*("setpriv", *ids), sys.executable, "-c", "import timeline.cli"]
    done = subprocess.run(probe, cwd="/", capture_output=True, timeout=60, check=False)
    return done.returncode == 0


needs_another_user = pytest.mark.skipif(
    not _another_user_runs_us(),
    reason="running as root, and no unprivileged user can run this Python and import the"
    " project (no setpriv, or the virtual environment is closed to other users)",
)


def _rows(db: Path) -> list[tuple[object, ...]]:
    """The stored rows of a store no one has open (``immutable``: root would make a -shm file)."""
    with closing(sqlite3.connect(f"file:{db}?mode=ro&immutable=1", uri=True)) as raw:
        return raw.execute("SELECT seq, id, chain FROM events ORDER BY seq").fetchall()


@pytest.fixture
def unwritable(monkeypatch: pytest.MonkeyPatch, store_copy: Path) -> Path:
    """``store_copy``, which the library is told neither it nor its folder can be written."""
    real = os.access

    def access(path: object, mode: int, **kwargs: object) -> bool:
        if mode & os.W_OK and Path(str(path)) in (store_copy, store_copy.parent):
            return False
        return real(path, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(events.sqlite.os, "access", access)
    return store_copy


def test_a_store_you_cannot_write_reads_verifies_and_answers(unwritable: Path) -> None:
    """Reading, verifying and the timeline's state work on a store opened read-only."""
    rows = _rows(unwritable)
    with closing(SQLiteStore(unwritable)) as store:
        assert store.read_only
        assert len(list(store.read())) == len(store) == len(rows)
        assert store.verify() == []
        assert store.head().chain == rows[-1][2]
    with Timeline(SQLiteStore(unwritable)) as timeline:
        assert timeline.state_at("2024").to_dict()["subjects"]
        assert timeline.diff("2016", "2024").to_dict()["changes"]
    assert _rows(unwritable) == rows


def test_appending_to_a_read_only_store_is_a_one_line_error(unwritable: Path) -> None:
    """A new event raises one ``StoreError`` naming the store; stored events append as a no-op."""
    rows = _rows(unwritable)
    with closing(SQLiteStore(unwritable)) as store:
        stored = list(store.read())
        assert store.append(stored[:3]) == []
        new = Timeline(SQLiteStore(":memory:"))
        new.ingest(NEW_DOCUMENT)
        with pytest.raises(StoreError) as caught:
            store.append(list(new.store.read()))
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{unwritable}: the store is read-only")
    assert _rows(unwritable) == rows


def test_a_read_only_store_keeps_no_filing_and_writes_nothing(unwritable: Path) -> None:
    """Opening a store in a folder that cannot be written keeps no filing, silently, and writes
    nothing to the store."""
    rows = _rows(unwritable)
    cache = FilingCache.beside(unwritable)
    unwritable.parent.chmod(0o555)
    try:
        with closing(SQLiteStore(unwritable)) as store:
            index = EventIndex.from_store(store, cache=cache, save_after=1)
        assert len(index) == len(rows)
        assert cache.load() is None or AS_ROOT  # root writes any folder
    finally:
        unwritable.parent.chmod(0o755)
    assert _rows(unwritable) == rows


@pytest.fixture
def shared_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder another user can reach (pytest's own are private to root), removed after."""
    folder = Path(tempfile.mkdtemp(prefix="read-only-")) if AS_ROOT else tmp_path / "shared"
    folder.mkdir(exist_ok=True)
    folder.chmod(0o755)
    yield folder
    for path in (folder, *folder.rglob("*")):
        path.chmod(0o755 if path.is_dir() else 0o644)
    if AS_ROOT:
        shutil.rmtree(folder)


@pytest.fixture
def readable_document(tmp_path: Path) -> Iterator[Path]:
    """A copy of ``NEW_DOCUMENT`` another user can read: the checkout may sit in a folder only
    its owner can enter (a clone into ``mktemp -d``), which is not what these tests are about."""
    folder = Path(tempfile.mkdtemp(prefix="readable-")) if AS_ROOT else tmp_path / "readable"
    folder.mkdir(exist_ok=True)
    folder.chmod(0o755)
    copy = Path(shutil.copy(NEW_DOCUMENT, folder / NEW_DOCUMENT.name))
    copy.chmod(0o644)
    yield copy
    if AS_ROOT:
        shutil.rmtree(folder)


def _lock(folder: Path) -> None:
    for path in folder.iterdir():
        path.chmod(0o444)
    folder.chmod(0o555)


def _timeline(*argv: str) -> subprocess.CompletedProcess[str]:
    """``timeline ARGV`` as a user who cannot write the store (an unprivileged one under root)."""
    command = [sys.executable, "-m", "timeline.cli", *argv]
    if AS_ROOT:
        ids = ["--reuid", str(NOBODY), "--regid", str(NOBODY), "--clear-groups"]
        command = ["setpriv", *ids, *command]
    return subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )


@needs_another_user
def test_commands_read_a_store_in_a_read_only_folder(
    shared_folder: Path, corpus_store: Path, readable_document: Path
) -> None:
    """`verify`, `state` and `events` work on a WAL store whose folder and file are read-only."""
    db = Path(shutil.copy(corpus_store, shared_folder / "t.db"))
    rows = _rows(db)
    _lock(shared_folder)
    verify = _timeline("verify", "--db", str(db))
    assert (verify.returncode, verify.stderr) == (0, "")
    assert f"{len(rows)} events, hash chain and ids intact" in verify.stdout
    state = _timeline("state", "--at", "2024", "--db", str(db), "--json")
    assert (state.returncode, state.stderr) == (0, "")
    assert json.loads(state.stdout)["subjects"]
    listed = _timeline("events", "--db", str(db), "--json")
    assert len(json.loads(listed.stdout)) == len(rows)
    ingest = _timeline("ingest", str(readable_document), "--db", str(db))
    assert ingest.returncode == 1
    err = ingest.stderr.strip().splitlines()
    assert len(err) == 1
    assert f"{db}: the store is read-only" in err[0]
    assert _rows(db) == rows
    assert sorted(p.name for p in shared_folder.iterdir()) == ["t.db"]


@needs_another_user
def test_a_reader_sees_events_still_in_the_write_ahead_log(
    shared_folder: Path, corpus_store: Path
) -> None:
    """Read-only, the events a writer has committed only to its WAL file are read too."""
    db = Path(shutil.copy(corpus_store, shared_folder / "t.db"))
    with Timeline.open(db) as writer:
        writer.ingest(NEW_DOCUMENT)  # committed to t.db-wal; the writer stays open
        assert Path(f"{db}-wal").stat().st_size > 0
        shared_folder.chmod(0o555)
        listed = _timeline("events", "--db", str(db), "--json")
        assert listed.stderr == ""
        assert len(json.loads(listed.stdout)) == len(writer.store)
        assert _timeline("verify", "--db", str(db)).returncode == 0


@needs_another_user
def test_a_log_that_cannot_be_read_is_refused_not_skipped(
    shared_folder: Path, corpus_store: Path
) -> None:
    """A WAL file with events but no shared-memory file to read it by is refused, never ignored."""
    source = Path(shutil.copy(corpus_store, shared_folder / "source.db"))
    copy = shared_folder / "copy"
    copy.mkdir()
    with Timeline.open(source) as writer:
        writer.ingest(NEW_DOCUMENT)
        # The file and its log, without the -shm file: what a copy made mid-write holds.
        shutil.copy(source, copy / "t.db")
        shutil.copy(f"{source}-wal", copy / "t.db-wal")
    _lock(copy)
    verify = _timeline("verify", "--db", str(copy / "t.db"))
    assert verify.returncode == 1
    err = verify.stderr.strip().splitlines()
    assert len(err) == 1
    assert "read-only to you" in err[0]
    assert "t.db-wal" in err[0]
