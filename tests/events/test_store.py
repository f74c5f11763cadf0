"""What only the SQLite store promises; the contract every backend keeps is in
``test_store_contract.py``."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_store_contract import EVENTS, EXTRA

from events import SchemaVersionError, SQLiteStore, StoreError
from events import sqlite as sqlite_module


@pytest.fixture
def db(tmp_path: Path) -> Iterator[tuple[SQLiteStore, Path]]:
    path = tmp_path / "events.db"
    with SQLiteStore(path) as opened:
        opened.append(EVENTS)
        yield opened, path


def _raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE events SET subject = 'Kent'",
        "DELETE FROM events WHERE seq = 1",
        "DELETE FROM events",
        "UPDATE meta SET value = '0'",
        "DELETE FROM meta",
    ],
)
def test_sqlite_refuses_update_and_delete(db: tuple[SQLiteStore, Path], statement: str) -> None:
    """UPDATE and DELETE, even through a raw connection, are refused by triggers."""
    store, path = db
    raw = _raw(path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="refused"):
            raw.execute(statement)
    finally:
        raw.close()
    assert list(store.read()) == EVENTS
    assert store.verify() == []


def test_sqlite_survives_reopening(db: tuple[SQLiteStore, Path]) -> None:
    """A reopened store holds the same events and keeps a sound chain as it grows."""
    store, path = db
    store.close()
    with SQLiteStore(path) as again:
        assert list(again.read()) == EVENTS
        assert again.append(EVENTS) == []
        assert again.append(EXTRA) == EXTRA
        assert again.verify() == []


def _behind_the_store(path: Path, trigger: str, statement: str, *parameters: object) -> None:
    """Run ``statement`` through a raw connection after dropping the trigger that refuses it."""
    raw = _raw(path)
    try:
        raw.execute(f"DROP TRIGGER {trigger}")
        raw.execute(statement, parameters)
    finally:
        raw.close()


def test_sqlite_store_from_a_newer_schema_is_refused(db: tuple[SQLiteStore, Path]) -> None:
    """Opening a store whose metadata says a newer schema raises SchemaVersionError."""
    store, path = db
    store.close()
    _behind_the_store(path, "meta_no_update", "UPDATE meta SET value = '99' WHERE key = 'schema'")
    with pytest.raises(SchemaVersionError, match="schema version 99") as caught:
        SQLiteStore(path)
    assert caught.value.path == str(path)


def test_opening_a_file_that_is_not_a_store_fails_cleanly(tmp_path: Path) -> None:
    """A file that is not SQLite, or a missing folder, raises StoreError naming the path."""
    junk = tmp_path / "notes.db"
    junk.write_text("not a database, just notes\n" * 100)
    with pytest.raises(StoreError, match="cannot open the store"):
        SQLiteStore(junk)
    with pytest.raises(StoreError, match="no folder"):
        SQLiteStore(tmp_path / "missing" / "events.db")


def test_a_batch_ending_in_a_stored_event_stores_the_rest_once(tmp_path: Path) -> None:
    """A batch is first inserted as if all of it were new; a stored event among it (here the
    last) undoes that whole try, and the second, which looks ids up, stores the rest once."""
    with SQLiteStore(tmp_path / "events.db") as store:
        store.append(EVENTS[-1:])
        head = store.head()
        fresh = store.append([*EXTRA, *EVENTS])
        assert [e.id for e in fresh] == [e.id for e in [*EXTRA, *EVENTS[:-1]]]
        assert [e.id for e in store.read()] == [e.id for e in [EVENTS[-1], *fresh]]
        assert store.chain_at(1) == head.chain
        assert store.append([*EXTRA, *EVENTS]) == []
        assert store.verify() == []


def test_a_checkpoint_runs_beside_the_writer_and_ends_with_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every so many rows a thread copies the log into the file; closing the store ends it,
    and the store reads back whole."""
    monkeypatch.setattr(sqlite_module, "_CHECKPOINT_ROWS", 2)
    path = tmp_path / "events.db"
    batch = [*EVENTS, *EXTRA]
    with SQLiteStore(path) as store:
        created = path.stat().st_size
        for event in batch:
            store.append([event])
        deadline = time.monotonic() + 10
        while path.stat().st_size == created and time.monotonic() < deadline:
            time.sleep(0.05)
        assert path.stat().st_size > created, "no checkpoint copied the log into the file"
        assert store.verify() == []
    assert not any(t.name == "store-checkpoint" for t in threading.enumerate())
    assert not Path(f"{path}-wal").exists()
    with SQLiteStore(path) as again:
        assert [e.id for e in again.read()] == [e.id for e in batch]
