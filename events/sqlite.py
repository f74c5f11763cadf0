"""The SQLite event store: one file, WAL, append-only by schema, each row hash-chained."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from events.codec import SCHEMA_VERSION, decode, to_json
from events.errors import CodecError, IntegrityError, SchemaVersionError, StoreError
from events.event import AnyEvent
from events.store import EventStore

__all__ = ["SQLiteStore"]

# One statement each, run inside the opening transaction: ``executescript`` would commit it.
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    record TEXT NOT NULL,
    chain TEXT NOT NULL
)""",
    "CREATE INDEX IF NOT EXISTS events_subject ON events (subject, seq)",
    """CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only: UPDATE is refused'); END""",
    """CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only: DELETE is refused'); END""",
    # REPLACE (and INSERT OR REPLACE) deletes the old row without firing DELETE triggers.
    """CREATE TRIGGER IF NOT EXISTS events_no_replace BEFORE INSERT ON events
WHEN EXISTS (SELECT 1 FROM events WHERE seq = NEW.seq OR id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'events are append-only: REPLACE is refused'); END""",
    """CREATE TRIGGER IF NOT EXISTS meta_no_update BEFORE UPDATE ON meta
BEGIN SELECT RAISE(ABORT, 'store metadata is write-once: UPDATE is refused'); END""",
    """CREATE TRIGGER IF NOT EXISTS meta_no_delete BEFORE DELETE ON meta
BEGIN SELECT RAISE(ABORT, 'store metadata is write-once: DELETE is refused'); END""",
    """CREATE TRIGGER IF NOT EXISTS meta_no_replace BEFORE INSERT ON meta
WHEN EXISTS (SELECT 1 FROM meta WHERE key = NEW.key)
BEGIN SELECT RAISE(ABORT, 'store metadata is write-once: REPLACE is refused'); END""",
)

T = TypeVar("T")

_GENESIS = "0" * 64
# Concurrent writers wait on SQLite's busy handler first, then on these bounded retries.
_BUSY_TIMEOUT_S = 10.0
_RETRIES = 8


def _chain(previous: str, record: str) -> str:
    return hashlib.sha256(f"{previous}\n{record}".encode()).hexdigest()


class SQLiteStore(EventStore):
    """Events in a SQLite file. ``UPDATE`` and ``DELETE`` are refused by triggers.

    Each row stores ``chain = sha256(previous chain, record)``, so an edit made behind the
    library's back shows up in :meth:`verify`.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = str(path)
        if self.path != ":memory:" and not Path(self.path).parent.is_dir():
            raise StoreError(f"no folder for the store: {Path(self.path).parent}", path=self.path)
        try:
            self._db = sqlite3.connect(
                self.path, timeout=_BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
        except sqlite3.DatabaseError as e:
            raise StoreError(f"cannot open the store: {e}", path=self.path) from e
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._write(self._create)
        except BaseException as e:
            # A store that cannot be opened (not SQLite, newer schema) must not hold the file.
            self._db.close()
            if isinstance(e, sqlite3.DatabaseError):
                raise StoreError(f"cannot open the store: {e}", path=self.path) from e
            raise

    def _create(self) -> None:
        for statement in _SCHEMA:
            self._db.execute(statement)
        row = self._db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if row is None:
            self._db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        elif int(row[0]) > SCHEMA_VERSION:
            raise SchemaVersionError(
                f"store is schema version {row[0]}, newer than this code's {SCHEMA_VERSION}",
                path=self.path,
                value=int(row[0]),
                hint="upgrade inspection-timeline to read it",
            )

    def _write(self, work: Callable[[], T]) -> T:
        """Run ``work`` in one IMMEDIATE transaction, retrying a bounded number of times."""
        delay = 0.05
        for attempt in range(_RETRIES + 1):
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as e:
                if ("locked" not in str(e) and "busy" not in str(e)) or attempt == _RETRIES:
                    raise StoreError(f"cannot write to the store: {e}", path=self.path) from e
                time.sleep(delay)
                delay *= 2
                continue
            try:
                result = work()
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
            return result
        raise AssertionError("unreachable")  # pragma: no cover

    def append(self, events: Iterable[AnyEvent]) -> list[AnyEvent]:
        batch = self._new_in_batch(events, ())
        if not batch:
            return []

        def insert() -> list[AnyEvent]:
            stored = self._stored_ids([e.id for e in batch])
            fresh = [e for e in batch if e.id not in stored]
            row = self._db.execute("SELECT chain FROM events ORDER BY seq DESC LIMIT 1").fetchone()
            previous = row[0] if row else _GENESIS
            rows = []
            for event in fresh:
                record = to_json(event)
                previous = _chain(previous, record)
                rows.append((event.id, event.kind, event.subject, record, previous))
            self._db.executemany(
                "INSERT INTO events (id, kind, subject, record, chain) VALUES (?, ?, ?, ?, ?)", rows
            )
            return fresh

        try:
            return self._write(insert)
        except sqlite3.DatabaseError as e:
            raise StoreError(f"cannot append to the store: {e}", path=self.path) from e

    def _stored_ids(self, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(
                r[0]
                for r in self._db.execute(f"SELECT id FROM events WHERE id IN ({marks})", chunk)
            )
        return found

    # Each row with its predecessor's chain value: rows are numbered without gaps.
    _ROWS = (
        "SELECT e.seq, e.record, e.chain, p.chain FROM events AS e"
        " LEFT JOIN events AS p ON p.seq = e.seq - 1"
    )

    def _decode_rows(self, rows: Iterable[tuple[int, str, str, str | None]]) -> Iterator[AnyEvent]:
        """Events from rows whose record still matches its chain value.

        The chain check (one sha256) catches a record edited behind the store's back; the id,
        which the chain covers, is then taken as stored rather than recomputed from the content.
        ``verify`` recomputes every id.
        """
        for seq, record, chain, previous in rows:
            if _chain(previous or _GENESIS, record) != chain:
                raise IntegrityError(
                    f"event #{seq} does not match the hash chain",
                    path=self.path,
                    hint="run `timeline verify`",
                )
            try:
                yield decode(json.loads(record), trust_id=True)
            except (CodecError, json.JSONDecodeError) as e:
                raise IntegrityError(f"event #{seq} cannot be read: {e}", path=self.path) from e

    def read(self, after: int = 0) -> Iterator[AnyEvent]:
        rows = self._db.execute(f"{self._ROWS} ORDER BY e.seq LIMIT -1 OFFSET ?", (after,))
        return self._decode_rows(rows)

    def read_subject(self, subject: str) -> Iterator[AnyEvent]:
        rows = self._db.execute(
            f"{self._ROWS} WHERE e.subject = ? ORDER BY e.seq", (subject,)
        ).fetchall()
        return self._decode_rows(rows)

    def __contains__(self, event_id: object) -> bool:
        if not isinstance(event_id, str):
            return False
        return (
            self._db.execute("SELECT 1 FROM events WHERE id = ?", (event_id,)).fetchone()
            is not None
        )

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM events").fetchone()[0])

    def head(self) -> str:
        """The newest row's chain value: write it down to detect later truncation or rewrites."""
        row = self._db.execute("SELECT chain FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        return str(row[0]) if row else _GENESIS

    def has_head(self, chain: str) -> bool:
        """Whether some row still carries this chain value (a head recorded earlier)."""
        if chain == _GENESIS:
            return True
        found = self._db.execute("SELECT 1 FROM events WHERE chain = ? LIMIT 1", (chain,))
        return found.fetchone() is not None

    def verify(self) -> list[str]:
        """Recompute the hash chain, every id and the columns read by kind and subject.

        Returns what is wrong, stopping at the first bad event (empty when sound).
        """
        problems: list[str] = []
        previous = _GENESIS
        rows = self._db.execute(
            "SELECT seq, id, kind, subject, record, chain FROM events ORDER BY seq"
        )
        for seq, event_id, kind, subject, record, chain in rows:
            if _chain(previous, record) != chain:
                problems.append(f"event #{seq} ({event_id}) does not match the hash chain")
                break
            try:
                event = decode(json.loads(record))
            except (CodecError, json.JSONDecodeError) as e:
                problems.append(f"event #{seq} ({event_id}) cannot be read: {e}")
                break
            if event.id != event_id:
                problems.append(
                    f"event #{seq} is stored as {event_id} but its content is {event.id}"
                )
                break
            if (kind, subject) != (event.kind, event.subject):
                # The chain covers the record only; these columns are what queries filter on.
                problems.append(
                    f"event #{seq} ({event_id}) is filed as {kind} about {subject!r}"
                    f" but is {event.kind} about {event.subject!r}"
                )
                break
            previous = chain
        return problems

    def close(self) -> None:
        self._db.close()
