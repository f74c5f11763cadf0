"""Baselines beside the append figure: SQLite alone and encoding alone, on the same events.

Kept apart from ``benchmarks.measure`` so that the tests can import them without the peers'
packages (``eventsourcing`` is only in the ``bench`` extra).
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterable, Iterator
from typing import Any

from benchmarks.corpus import synthetic_events
from events import AnyEvent, SQLiteStore
from events.canonical import canonical_json

__all__ = [
    "batches",
    "sqlite_alone",
    "unique_alone",
]


def batches(events: Iterable[AnyEvent], size: int) -> Iterator[list[AnyEvent]]:
    """``events`` in lists of ``size`` (the last may be shorter)."""
    batch: list[AnyEvent] = []
    for event in events:
        batch.append(event)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


# The store's connection settings, so that SQLite alone is measured as the store uses it.
_PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA cache_size=-65536")
_COLUMNS = "id, kind, subject, record, chain"
# The events table's columns with no constraint, index or trigger: the least SQLite can do.
_BARE = (
    "CREATE TABLE events (seq INTEGER PRIMARY KEY, id TEXT, kind TEXT, subject TEXT,"
    " record TEXT, chain TEXT)"
)
# The same with the one index any idempotent append needs: a unique id (issue 17.3's peer).
_UNIQUE = (
    "CREATE TABLE events (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT,"
    " subject TEXT, record TEXT, chain TEXT)"
)


def _insert_timed(
    path: str,
    rows: list[tuple[Any, ...]],
    batch: int,
    *,
    bare: bool,
    synced: bool = True,
    table: str = _BARE,
) -> float:
    """Seconds to insert ``rows`` in transactions of ``batch``, nothing else timed.

    ``synced=False`` turns off SQLite's fsyncs, which no store should do: it shows that they
    are not what keeps the rate below the target.
    """
    if not bare:
        SQLiteStore(path).close()  # our schema: constraints, indexes and triggers
    db = sqlite3.connect(path, isolation_level=None)
    for pragma in _PRAGMAS:
        db.execute(pragma)
    if not synced:
        db.execute("PRAGMA synchronous=OFF")
    if bare:
        db.execute(table)
    marks = ", ".join("?" * len(_COLUMNS.split(", ")))
    start = time.perf_counter()
    for i in range(0, len(rows), batch):
        db.execute("BEGIN IMMEDIATE")
        db.executemany(f"INSERT INTO events ({_COLUMNS}) VALUES ({marks})", rows[i : i + batch])
        db.execute("COMMIT")
    seconds = time.perf_counter() - start
    db.close()
    return seconds


def sqlite_alone(events: int, seed: int, path: str, batch: int) -> dict[str, Any]:
    """SQLite's own insert rate for the rows our store writes for ``events`` synthetic events.

    Also times encoding the events to their canonical JSON, the record any layout must write.
    The rows (ids, kinds, subjects, records, chain values) are those an untimed append wrote;
    they are read back and inserted again, worked out beforehand, into a copy of our schema and
    into a bare table (with the store's settings, then with no fsync). The bare table is a
    ceiling for any append of one row an event to SQLite on this machine, whatever the Python
    above it does.
    """
    made = list(synthetic_events(events, seed=seed))
    start = time.perf_counter()
    for event in made:
        canonical_json(event)  # what any store must write, in blocks or in rows
    encoding = time.perf_counter() - start
    store = SQLiteStore(path)
    for chunk in batches(made, batch):
        store.append(chunk)
    store.close()
    with contextlib.closing(sqlite3.connect(path)) as db:
        rows = db.execute(f"SELECT {_COLUMNS} FROM events ORDER BY seq").fetchall()
    return {
        "events": len(rows),
        "encoding_seconds": encoding,
        "schema_seconds": _insert_timed(f"{path}.schema", rows, batch, bare=False),
        "bare_seconds": _insert_timed(f"{path}.bare", rows, batch, bare=True),
        "unsynced_seconds": _insert_timed(f"{path}.unsynced", rows, batch, bare=True, synced=False),
    }


def unique_alone(source: str, path: str, batch: int) -> dict[str, Any]:
    """SQLite's own insert rate for every row of the store at ``source`` (read beforehand,
    untimed) into a table whose only index is a unique id, with the store's settings: the peer
    of appending them (issue 17.3)."""
    with contextlib.closing(sqlite3.connect(source)) as db:
        rows = db.execute(f"SELECT {_COLUMNS} FROM events ORDER BY seq").fetchall()
    seconds = _insert_timed(path, rows, batch, bare=True, table=_UNIQUE)
    return {"events": len(rows), "seconds": seconds}
