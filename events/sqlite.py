"""The SQLite event store: one file, WAL, append-only by schema, each row hash-chained."""

from __future__ import annotations

import json
import os
import sqlite3
import time
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from events.canonical import canonical_json
from events.checkpoint import Checkpointer
from events.codec import SCHEMA_VERSION, decode
from events.decoding import decode_canonical
from events.errors import CodecError, IntegrityError, SchemaVersionError, StoreError
from events.event import AnyEvent
from events.store import GENESIS, EventStore, Head, encode_batch, link

__all__ = ["SQLiteStore"]

# One statement each, run inside the opening transaction: ``executescript`` would commit it.
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    # ``record`` is the event's canonical JSON, its id that text's hash; ``kind`` and
    # ``subject`` are the event's, for reading one subject and for a person at the sqlite3
    # prompt; ``chain`` links the row to the one before (``events.store.link``).
    """CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    record TEXT NOT NULL,
    chain TEXT NOT NULL
)""",
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

_SUBJECT_INDEX = "CREATE INDEX IF NOT EXISTS events_subject ON events (subject, seq)"
# Earlier versions kept a projection's filing in the store: an index over columns the events
# table still has in stores they wrote (``about`` ... ``until``, now unused and left at their
# defaults) and a table of saved filings. Projections keep their own now.
_RETIRED = ("DROP INDEX IF EXISTS events_filing", "DROP TABLE IF EXISTS saved")
# The first row whose record is canonical JSON (its id that text's hash). The first versions
# stored the codec's JSON instead; such rows are read through the codec, which upcasts them.
_CANONICAL_FROM = "canonical_from"

T = TypeVar("T")

# Concurrent writers wait on SQLite's busy handler first, then on these bounded retries.
_BUSY_TIMEOUT_S = 10.0
_RETRIES = 8
# Rows appended between checkpoints, each run beside the writer (``events.checkpoint``). An
# ingest commits each document, and each rewrites much the same index pages: checkpointing
# every so many rows, not every 4 MB of log (SQLite's default), copies each of them once for
# many documents. Committed events are as safe in the log as in the file.
_CHECKPOINT_ROWS = 10_000
# Should that thread fall behind, a commit checkpoints itself once the log holds this many
# pages (about 120 MB).
_CHECKPOINT_PAGES = 30_000


def _unwritable(path: Path) -> bool:
    """Whether an existing store file, or the folder SQLite writes its WAL files in, is not
    writable to this process (root may write either way)."""
    folder = path.parent
    return path.exists() and not (os.access(path, os.W_OK) and os.access(folder, os.W_OK))


def _has_content(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


# Opening a new store while other processes create it too: how often, and which errors pass.
_OPEN_ATTEMPTS = 5
_TRANSIENT = ("disk I/O error", "database is locked")


class SQLiteStore(EventStore):
    """Events in a SQLite file. ``UPDATE`` and ``DELETE`` are refused by triggers.

    Each row stores ``chain = sha256(previous chain, record)``, so an edit made behind the
    library's back shows up in :meth:`verify`. A store whose file or folder this process cannot
    write opens ``read_only``: it reads and verifies, and an append that would write raises
    ``StoreError``.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = str(path)
        self._checkpointer: Checkpointer | None = None
        self._unchecked_rows = 0  # appended since the last checkpoint was asked for
        if self.path != ":memory:" and not Path(self.path).parent.is_dir():
            raise StoreError(f"no folder for the store: {Path(self.path).parent}", path=self.path)
        # SQLite writes beside the file (its WAL and shared-memory files) even to read: a store
        # whose file or folder the user cannot write is opened read-only, so reading works.
        self.read_only = self.path != ":memory:" and _unwritable(Path(self.path))
        folder = Path(self.path).parent
        creating = self.path != ":memory:" and not Path(self.path).exists()
        if creating and not os.access(folder, os.W_OK):
            raise StoreError("cannot create the store: you cannot write its folder", path=self.path)
        if self.read_only:
            self._db = self._open_read_only()
            return
        # Processes creating one new store at once race to switch it to write-ahead logging
        # and to make its shared-memory file; the loser can see a transient I/O error or a
        # lock the busy timeout does not cover. Those are retried; anything else is final.
        for attempt in range(_OPEN_ATTEMPTS):
            try:
                self._db = self._open_writable()
                return
            except StoreError as e:
                transient = isinstance(e.__cause__, sqlite3.OperationalError) and any(
                    words in str(e.__cause__) for words in _TRANSIENT
                )
                if not transient or attempt == _OPEN_ATTEMPTS - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))

    def _open_writable(self) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(
                self.path, timeout=_BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
        except sqlite3.DatabaseError as e:
            raise StoreError(f"cannot open the store: {e}", path=self.path) from e
        self._db = db
        try:
            db.execute("PRAGMA journal_mode=WAL")
            self._tune()
            db.execute(f"PRAGMA wal_autocheckpoint={_CHECKPOINT_PAGES}")
            self._write(self._create)
        except BaseException as e:
            # A store that cannot be opened (not SQLite, newer schema) must not hold the file.
            db.close()
            if isinstance(e, sqlite3.DatabaseError):
                raise StoreError(f"cannot open the store: {e}", path=self.path) from e
            raise
        return db

    def _tune(self) -> None:
        self._db.execute("PRAGMA synchronous=NORMAL")
        # Appends land all over the indexes and queries read scattered rows: keep more
        # pages at hand (64 MB). Not mmap: mapped pages a scan touches count as resident.
        self._db.execute("PRAGMA cache_size=-65536")

    def _open_read_only(self) -> sqlite3.Connection:
        """A read-only connection to an existing store; nothing is created or written.

        SQLite reads a WAL database read-only only if its ``-shm`` file exists or can be
        created. When neither holds and there is no write-ahead log with content, every
        committed event is in the main file, which is then opened ``immutable`` (no locks,
        no shared memory). With content in the log and no way to read it, the store is
        refused: opening the file alone would silently miss the newest events.
        """
        uri = f"file:{urllib.parse.quote(os.path.abspath(self.path))}?mode=ro"
        wal = Path(f"{self.path}-wal")
        failure: sqlite3.DatabaseError | None = None
        for options in ("", "&immutable=1"):
            try:
                db = sqlite3.connect(
                    uri + options,
                    uri=True,
                    timeout=_BUSY_TIMEOUT_S,
                    isolation_level=None,
                    check_same_thread=False,
                )
            except sqlite3.DatabaseError as e:
                raise StoreError(f"cannot open the store: {e}", path=self.path) from e
            self._db = db
            try:
                self._tune()
                self._inspect()
                return db
            except sqlite3.OperationalError as e:
                db.close()
                failure = e
                if _has_content(wal):
                    break
            except BaseException as e:
                db.close()
                if isinstance(e, sqlite3.DatabaseError):
                    raise StoreError(f"cannot open the store: {e}", path=self.path) from e
                raise
        if _has_content(wal):
            raise StoreError(
                f"cannot read the store: it is read-only to you, and its newest events are in"
                f" {wal.name}, which SQLite reads only beside a {Path(self.path).name}-shm file"
                f" it can create ({failure})",
                path=self.path,
                hint="copy the store with its -wal file to a folder you can write,"
                " or ask its owner to run `timeline verify` once",
            )
        raise StoreError(f"cannot open the store: {failure}", path=self.path) from failure

    def _inspect(self) -> None:
        """Find where the store's canonical records begin and refuse a newer schema, writing
        nothing."""
        columns = {r[1] for r in self._db.execute("PRAGMA table_info(events)")}
        if self.read_only and not columns:
            raise StoreError(
                "the store is read-only and holds no events table",
                path=self.path,
                hint="a store you cannot write must have been written before",
            )
        if columns:
            self._check_version()
        row = self._meta(_CANONICAL_FROM)
        if row is not None:
            self._canonical_from = int(row)
        elif columns and "about" not in columns:
            # The first versions' stores (no ``about`` column) hold the codec's JSON: the rows
            # appended from now on are canonical.
            self._canonical_from = self._count() + 1
        else:
            self._canonical_from = 1

    def _meta(self, key: str) -> str | None:
        try:
            row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        except sqlite3.OperationalError:  # no meta table yet
            return None
        return None if row is None else str(row[0])

    def _check_version(self) -> None:
        value = self._meta("schema")
        if value is not None and int(value) > SCHEMA_VERSION:
            raise SchemaVersionError(
                f"store is schema version {value}, newer than this code's {SCHEMA_VERSION}",
                path=self.path,
                value=int(value),
                hint="upgrade inspection-timeline to read it",
            )

    def _create(self) -> None:
        """Create the schema, or bring an older store's up to it: one layout for every store.

        Upcasting writes no event: it records where canonical rows begin and drops what earlier
        versions kept for the projections.
        """
        self._inspect()
        for statement in (*_SCHEMA, *_RETIRED, _SUBJECT_INDEX):
            self._db.execute(statement)
        if self._meta("schema") is None:
            self._db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        if self._meta(_CANONICAL_FROM) is None:
            self._db.execute(
                "INSERT INTO meta VALUES (?, ?)", (_CANONICAL_FROM, str(self._canonical_from))
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
        encoded = encode_batch(events)
        if not encoded:
            return []
        if self.read_only:
            # Appending only what is stored already writes nothing, so it works here too.
            if len(self._stored_ids(list(encoded))) == len(encoded):
                return []
            raise StoreError(
                "the store is read-only: you cannot write it or its folder, so nothing was"
                " appended",
                path=self.path,
                hint="copy it to a folder you can write, or ask its owner for write access",
            )

        def insert(fresh: bool) -> list[AnyEvent]:
            # ``fresh``: every event is taken to be new, and the ids are not looked up first;
            # one already stored fails the insert (the unique id refuses it), which rolls the
            # whole transaction back for a second try that looks them up.
            if fresh:
                kept = list(encoded.values())
            else:
                stored = self._stored_ids(list(encoded))
                kept = [pair for event_id, pair in encoded.items() if event_id not in stored]
            # The transaction is IMMEDIATE: no other writer moves the head until it commits.
            previous = self.head().chain
            rows: list[tuple[str, str, str, str, str]] = []
            for event, record in kept:
                previous = link(previous, record)
                rows.append((event.id, event.kind, event.subject, record, previous))
            self._db.executemany(
                "INSERT INTO events (id, kind, subject, record, chain) VALUES (?, ?, ?, ?, ?)",
                rows,
            )
            return [event for event, _ in kept]

        try:
            try:
                # Most batches are new events (an ingest skips documents it has stored).
                appended = self._write(lambda: insert(fresh=True))
            except sqlite3.IntegrityError:
                appended = self._write(lambda: insert(fresh=False))
        except sqlite3.DatabaseError as e:
            raise StoreError(f"cannot append to the store: {e}", path=self.path) from e
        self._unchecked_rows += len(appended)
        if self._unchecked_rows >= _CHECKPOINT_ROWS and self.path != ":memory:":
            self._unchecked_rows = 0
            if self._checkpointer is None:
                self._checkpointer = Checkpointer(self.path)
            self._checkpointer.ask()
        return appended

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

    def _count(self) -> int:
        # Rows are numbered 1..n without gaps (nothing is ever deleted): the last is the count.
        row = self._db.execute("SELECT MAX(seq) FROM events").fetchone()
        return int(row[0] or 0)

    def _chain_at(self, position: int) -> str | None:
        if position == 0:
            return GENESIS
        row = self._db.execute("SELECT chain FROM events WHERE seq = ?", (position,)).fetchone()
        return None if row is None else str(row[0])

    def _checked(self, rows: Iterable[tuple[Any, ...]]) -> Iterator[AnyEvent]:
        """Events from ``(seq, record, chain, previous chain, id)`` rows, each checked against
        the chain and its id (``verify`` checks every row thoroughly)."""
        for seq, record, chain, previous, event_id in rows:
            self._check_chain(seq, previous or GENESIS, record, chain)
            yield self._decode(seq, record, event_id)

    def read(self, after: int = 0) -> Iterator[AnyEvent]:
        """Every event after position ``after``, each checked against the hash chain and its
        id."""
        # Rows in order carry their predecessor's chain value along: no join for it.
        previous = self._chain_at(max(after, 0)) or GENESIS
        rows = self._db.execute(
            # The record as its UTF-8 bytes: what the hashes cover and orjson parses anyway.
            "SELECT seq, CAST(record AS BLOB), chain, id FROM events WHERE seq > ? ORDER BY seq",
            (max(after, 0),),
        )
        for seq, record, chain, event_id in rows:
            self._check_chain(seq, previous, record, chain)
            previous = chain
            yield self._decode(seq, record, event_id)

    def _check_chain(self, seq: int, previous: str, record: bytes, chain: str) -> None:
        if link(previous, record) != chain:
            raise IntegrityError(
                f"event #{seq} does not match the hash chain",
                path=self.path,
                hint="run `timeline verify`",
            )

    def _decode(self, seq: int, record: bytes, event_id: str) -> AnyEvent:
        """The event a row's record holds, its id checked to be the record's hash; a record
        of the first versions is read through the codec, which upcasts it."""
        try:
            if seq < self._canonical_from:
                return decode(json.loads(record), trust_id=True)
            return decode_canonical(record, event_id=event_id)
        except (CodecError, ValueError) as e:  # JSON or UTF-8 damage
            raise IntegrityError(f"event #{seq} cannot be read: {e}", path=self.path) from e

    def _joined(self, where: str, parameters: Sequence[object]) -> list[tuple[Any, ...]]:
        """Rows with their predecessor's chain value (rows are numbered without gaps)."""
        return self._db.execute(
            "SELECT e.seq, CAST(e.record AS BLOB), e.chain, p.chain, e.id FROM events AS e"
            f" LEFT JOIN events AS p ON p.seq = e.seq - 1 {where}",
            parameters,
        ).fetchall()

    def read_subject(self, subject: str) -> Iterator[AnyEvent]:
        return self._checked(self._joined("WHERE e.subject = ? ORDER BY e.seq", (subject,)))

    def read_positions(self, positions: Sequence[int]) -> list[AnyEvent]:
        found: dict[int, AnyEvent] = {}
        wanted = sorted(set(positions))
        for i in range(0, len(wanted), 512):
            chunk = wanted[i : i + 512]
            # sqlite3 compiles a statement once per distinct text and keeps it: padded to a
            # multiple of 64 (with its last row again, which adds no row), a few texts serve
            # every read. Compiling one costs as much as reading twenty rows. (SQLite's IN
            # tests membership, so a repeated value matches its row once.)
            chunk += chunk[-1:] * (-len(chunk) % 64)
            marks = ",".join("?" * len(chunk))
            rows = self._joined(f"WHERE e.seq IN ({marks}) ORDER BY e.seq", chunk)
            found.update(zip((r[0] for r in rows), self._checked(rows), strict=True))
        missing = [p for p in positions if p not in found]
        if missing:
            raise IntegrityError(f"event #{missing[0]} is not in the store", path=self.path)
        return [found[p] for p in positions]

    def __contains__(self, event_id: object) -> bool:
        if not isinstance(event_id, str):
            return False
        return (
            self._db.execute("SELECT 1 FROM events WHERE id = ?", (event_id,)).fetchone()
            is not None
        )

    def __len__(self) -> int:
        try:
            return self._count()
        except sqlite3.DatabaseError as e:
            raise IntegrityError(
                f"the store's file is damaged: {e}",
                path=self.path,
                hint="restore it from a copy, or ingest the documents into a new store",
            ) from e

    def head(self) -> Head:
        """The newest row's position and chain value: write it down to detect later truncation
        or rewrites."""
        row = self._db.execute("SELECT seq, chain FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        return Head(int(row[0]), str(row[1])) if row else Head(0, GENESIS)

    def chain_at(self, position: int) -> str | None:
        return self._chain_at(position) if position >= 0 else None

    def verify(self) -> list[str]:
        """Recompute the hash chain, every id, and the kind and subject rows are read by.

        Returns what is wrong, stopping at the first bad event (empty when sound).
        """
        previous = GENESIS
        seq = 0
        try:
            rows = self._db.execute(
                "SELECT seq, id, kind, subject, CAST(record AS BLOB), chain FROM events"
                " ORDER BY seq"
            )
            for seq, event_id, kind, subject, record, chain in rows:
                if link(previous, record) != chain:
                    return [f"event #{seq} ({event_id}) does not match the hash chain"]
                canonical = seq >= self._canonical_from
                try:
                    event = decode_canonical(record) if canonical else decode(json.loads(record))
                except (CodecError, ValueError) as e:  # JSON or UTF-8 damage
                    return [f"event #{seq} ({event_id}) cannot be read: {e}"]
                if event.id != event_id:
                    return [f"event #{seq} is stored as {event_id} but its content is {event.id}"]
                if canonical and canonical_json(event).encode() != record:
                    return [f"event #{seq} ({event_id}) is not stored in its canonical form"]
                # The chain covers the record only; these columns are what reads filter on.
                if (kind, subject) != (event.kind, event.subject):
                    return [
                        f"event #{seq} ({event_id}) is filed as {kind} about {subject!r}"
                        f" but is {event.kind} about {event.subject!r}"
                    ]
                previous = chain
        except sqlite3.DatabaseError as e:
            # A damaged file (a page overwritten, or lost with a deleted -wal file) stops the
            # scan; the events before it were sound.
            return [
                f"the store's file is damaged after event #{seq}: {e}"
                " (restore it from a copy, or ingest the documents into a new store)"
            ]
        return []

    def close(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.close()
            self._checkpointer = None
        self._db.close()
