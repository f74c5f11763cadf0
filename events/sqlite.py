"""The SQLite event store: one file, WAL, append-only by schema, each row hash-chained."""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import sqlite3
import time
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from events.canonical import canonical_json, content_id
from events.codec import SCHEMA_VERSION, decode, to_json
from events.decoding import decode_canonical
from events.errors import CodecError, IntegrityError, SchemaVersionError, StoreError
from events.event import AnyEvent
from events.rows import filing_columns, index_batches
from events.store import EventStore, IndexRow

__all__ = ["SQLiteStore"]

# One statement each, run inside the opening transaction: ``executescript`` would commit it.
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    # Layout 2. ``record`` is the event's canonical JSON (its id is that text's hash);
    # ``about``, ``known``, ``valid``, ``since`` and ``until`` let a projection file every event
    # without decoding it.
    # Their defaults only keep raw INSERTs of layout-1 columns reaching the triggers below.
    """CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    about TEXT NOT NULL DEFAULT '',
    known INTEGER NOT NULL DEFAULT 0,
    valid INTEGER NOT NULL DEFAULT 0,
    since INTEGER NOT NULL DEFAULT 0,
    until INTEGER NOT NULL DEFAULT 0,
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

# Layout 1 reads a subject's events by this index.
_SUBJECT_INDEX = "CREATE INDEX IF NOT EXISTS events_subject ON events (subject, seq)"
# Layout 2: everything a projection files an event by, each subject's rows in the order its
# buckets sort, so opening a store reads this index alone and never the records; reading one
# subject's events uses it too.
_FILING_INDEX = (
    "CREATE INDEX IF NOT EXISTS events_filing"
    " ON events (subject, known, id, kind, about, valid, since, until)"
)

# Layout 2: things computed from the events and kept to save recomputing them (a projection's
# filing). Not events: a row here is replaced when it is saved again, and readers check that
# the events it was derived from are still there (``chain`` is that last row's chain value).
_SAVED = """CREATE TABLE IF NOT EXISTS saved (
    name TEXT PRIMARY KEY,
    rows INTEGER NOT NULL,
    chain TEXT NOT NULL,
    digest TEXT NOT NULL,
    body BLOB NOT NULL
)"""

T = TypeVar("T")

_GENESIS = "0" * 64
# Concurrent writers wait on SQLite's busy handler first, then on these bounded retries.
_BUSY_TIMEOUT_S = 10.0
_RETRIES = 8


def _chain(previous: str, record: str | bytes) -> str:
    chain = hashlib.sha256(f"{previous}\n".encode())
    chain.update(record.encode() if isinstance(record, str) else record)
    return chain.hexdigest()


def _seed_id(event: AnyEvent, event_id: str) -> str:
    """Cache ``event_id`` as the event's id, refusing an event whose id is not its content's."""
    try:
        cached = object.__getattribute__(event, "id")
    except AttributeError:
        # attrs' way to set an attribute on a frozen instance (here: fill the id's cache).
        object.__setattr__(event, "id", event_id)
        return event_id
    if cached != event_id:
        # A corrected view keeps its target's id (CorrectionMade.apply_to); it is not a record.
        raise StoreError(
            f"event {cached} does not match its content ({event_id}): store events as read,"
            " and corrections as CorrectionMade events"
        )
    return event_id


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
        """Find the store's layout and refuse a newer schema, writing nothing."""
        columns = {r[1] for r in self._db.execute("PRAGMA table_info(events)")}
        # Layout 1 stores (no ``about`` column) are read and appended to as they were written.
        self._layout = 1 if columns and "about" not in columns else 2
        if self.read_only:
            if not columns:
                raise StoreError(
                    "the store is read-only and holds no events table",
                    path=self.path,
                    hint="a store you cannot write must have been written before",
                )
            self._check_version()

    def _check_version(self) -> None:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if row is not None and int(row[0]) > SCHEMA_VERSION:
            raise SchemaVersionError(
                f"store is schema version {row[0]}, newer than this code's {SCHEMA_VERSION}",
                path=self.path,
                value=int(row[0]),
                hint="upgrade inspection-timeline to read it",
            )

    def _create(self) -> None:
        self._inspect()
        for statement in _SCHEMA:
            self._db.execute(statement)
        self._db.execute(_FILING_INDEX if self._layout == 2 else _SUBJECT_INDEX)
        if self._layout == 2:
            self._db.execute(_SAVED)
        row = self._db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if row is None:
            self._db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        self._check_version()

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
        # The canonical text is both the stored record and what the id hashes: encode once.
        encoded: dict[str, tuple[AnyEvent, str]] = {}
        for event in events:
            record = canonical_json(event)
            event_id = _seed_id(event, content_id(record))
            encoded.setdefault(event_id, (event, record))
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

        def insert() -> list[AnyEvent]:
            stored = self._stored_ids(list(encoded))
            kept = [pair for event_id, pair in encoded.items() if event_id not in stored]
            fresh = [event for event, _ in kept]
            records = [record for _, record in kept]
            row = self._db.execute("SELECT chain FROM events ORDER BY seq DESC LIMIT 1").fetchone()
            previous = row[0] if row else _GENESIS
            if self._layout == 1:
                rows: list[tuple[object, ...]] = []
                for event in fresh:
                    record = to_json(event)
                    previous = _chain(previous, record)
                    rows.append((event.id, event.kind, event.subject, record, previous))
                self._db.executemany(
                    "INSERT INTO events (id, kind, subject, record, chain) VALUES (?, ?, ?, ?, ?)",
                    rows,
                )
                return fresh
            rows = []
            for event, record in zip(fresh, records, strict=True):
                previous = _chain(previous, record)
                rows.append((event.id, *filing_columns(event), record, previous))
            self._db.executemany(
                "INSERT INTO events"
                " (id, kind, subject, about, known, valid, since, until, record, chain)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
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

    def _rows(self, where: str, parameters: Sequence[object] = ()) -> sqlite3.Cursor:
        """Rows with their predecessor's chain value (rows are numbered without gaps)."""
        filed = (
            ", e.id, e.kind, e.subject, e.about, e.known, e.valid, e.since, e.until"
            if self._layout == 2
            else ""
        )
        return self._db.execute(
            # The record as its UTF-8 bytes: what the hashes cover and orjson parses anyway.
            f"SELECT e.seq, CAST(e.record AS BLOB), e.chain, p.chain{filed} FROM events AS e"
            f" LEFT JOIN events AS p ON p.seq = e.seq - 1 {where}",
            parameters,
        )

    def _decode_rows(self, rows: Iterable[tuple[Any, ...]]) -> Iterator[AnyEvent]:
        """Events from rows whose record still matches its chain value and its columns.

        The chain check (one sha256) catches a record edited behind the store's back. Layout 1
        takes the id as stored (the chain covers it inside the record); layout 2 checks that the
        id is the record's hash and that the columns a projection files it by are the event's.
        ``verify`` checks every row.
        """
        for row in rows:
            seq, record, chain, previous = row[:4]
            self._check_chain(seq, previous or _GENESIS, record, chain)
            event = self._decode(seq, record, row[4] if self._layout == 2 else "")
            if self._layout == 2 and filing_columns(event) != row[5:]:
                raise IntegrityError(
                    f"event #{seq} ({row[4]}) is filed under columns that are not its own",
                    path=self.path,
                    hint="run `timeline verify`",
                )
            yield event

    def read(self, after: int = 0) -> Iterator[AnyEvent]:
        """Every event after the first ``after``, each checked against the hash chain and (layout
        2) its id; the filing columns are checked where they are used, when an index loads an
        event by them, and by ``verify``."""
        # Rows in order carry their predecessor's chain value along: no join for it.
        row = self._db.execute("SELECT chain FROM events WHERE seq = ?", (after,)).fetchone()
        previous = row[0] if row else _GENESIS
        rows = self._db.execute(
            "SELECT seq, CAST(record AS BLOB), chain, id FROM events WHERE seq > ? ORDER BY seq",
            (max(after, 0),),
        )
        for seq, record, chain, event_id in rows:
            self._check_chain(seq, previous, record, chain)
            previous = chain
            yield self._decode(seq, record, event_id)

    def _check_chain(self, seq: int, previous: str, record: bytes, chain: str) -> None:
        if _chain(previous, record) != chain:
            raise IntegrityError(
                f"event #{seq} does not match the hash chain",
                path=self.path,
                hint="run `timeline verify`",
            )

    def _decode(self, seq: int, record: bytes, event_id: str) -> AnyEvent:
        """The event a row's record holds; layout 2 checks the id is the record's hash."""
        try:
            if self._layout == 1:
                return decode(json.loads(record), trust_id=True)
            return decode_canonical(record, event_id=event_id)
        except (CodecError, ValueError) as e:  # JSON or UTF-8 damage
            raise IntegrityError(f"event #{seq} cannot be read: {e}", path=self.path) from e

    def read_subject(self, subject: str) -> Iterator[AnyEvent]:
        rows = self._rows("WHERE e.subject = ? ORDER BY e.seq", (subject,)).fetchall()
        return self._decode_rows(rows)

    def index_rows(self, after: int = 0) -> Iterator[IndexRow]:
        """Every event's index row from its columns, leaving records unread (layout 2).

        All rows come by subject, known day and id (the filing index's order); rows after the
        first ``after`` come in append order.

        Nothing here is checked against the hash chain: each event is checked when it is
        loaded, and ``verify`` checks them all.
        """
        if self._layout == 1:
            return super().index_rows(after)
        columns = "seq, id, kind, subject, about, known, valid, since, until"
        if after:
            rows = self._db.execute(
                f"SELECT {columns} FROM events WHERE seq > ? ORDER BY seq", (after,)
            )
        else:
            rows = self._db.execute(
                f"SELECT {columns} FROM events INDEXED BY events_filing ORDER BY subject, known, id"
            )
        return itertools.chain.from_iterable(index_batches(rows))

    def load(self, refs: Sequence[int]) -> list[AnyEvent]:
        found: dict[int, AnyEvent] = {}
        wanted = sorted(set(refs))
        for i in range(0, len(wanted), 512):
            chunk = wanted[i : i + 512]
            # sqlite3 compiles a statement once per distinct text and keeps it: padded to a
            # multiple of 64 (with its last row again, which adds no row), a few texts serve
            # every load. Compiling one costs as much as reading twenty rows. (SQLite's IN
            # tests membership, so a repeated value matches its row once.)
            chunk += chunk[-1:] * (-len(chunk) % 64)
            marks = ",".join("?" * len(chunk))
            rows = self._rows(f"WHERE e.seq IN ({marks}) ORDER BY e.seq", chunk).fetchall()
            seqs = [r[0] for r in rows]
            found.update(zip(seqs, self._decode_rows(rows), strict=True))
        missing = [r for r in refs if r not in found]
        if missing:
            raise IntegrityError(f"event #{missing[0]} is not in the store", path=self.path)
        return [found[r] for r in refs]

    def saved(self, name: str) -> tuple[int, bytes] | None:
        if self._layout == 1:
            return None
        row = self._db.execute(
            "SELECT s.rows, s.digest, CAST(s.body AS BLOB) FROM saved AS s"
            " JOIN events AS e ON e.seq = s.rows AND e.chain = s.chain WHERE s.name = ?",
            (name,),
        ).fetchone()
        if row is None:
            return None
        rows, digest, body = row
        if hashlib.sha256(body).hexdigest() != digest:
            return None
        return int(rows), body

    def save(self, name: str, rows: int, body: bytes) -> bool:
        # A saved filing is a cache: a store that cannot take one just files its rows again.
        if self._layout == 1 or self.read_only:
            return False
        if not isinstance(body, bytes) or not 0 <= rows < 2**63:
            raise TypeError(
                f"save needs bytes and a row count, not {type(body).__name__}, {rows!r}"
            )
        digest = hashlib.sha256(body).hexdigest()
        # A cache is not worth waiting for: another writer holding the store wins.
        self._db.execute("PRAGMA busy_timeout = 0")
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            return False
        finally:
            self._db.execute(f"PRAGMA busy_timeout = {int(_BUSY_TIMEOUT_S * 1000)}")
        try:
            last = self._db.execute("SELECT chain FROM events WHERE seq = ?", (rows,)).fetchone()
            if last is None:
                self._db.execute("ROLLBACK")
                return False
            self._db.execute(
                "INSERT OR REPLACE INTO saved (name, rows, chain, digest, body)"
                " VALUES (?, ?, ?, ?, ?)",
                (name, rows, last[0], digest, body),
            )
            self._db.execute("COMMIT")
        except BaseException as e:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            if isinstance(e, sqlite3.DatabaseError):
                return False  # read-only file, full disk: the events are untouched
            raise
        return True

    def __contains__(self, event_id: object) -> bool:
        if not isinstance(event_id, str):
            return False
        return (
            self._db.execute("SELECT 1 FROM events WHERE id = ?", (event_id,)).fetchone()
            is not None
        )

    def __len__(self) -> int:
        try:
            return int(self._db.execute("SELECT COUNT(*) FROM events").fetchone()[0])
        except sqlite3.DatabaseError as e:
            raise IntegrityError(
                f"the store's file is damaged: {e}",
                path=self.path,
                hint="restore it from a copy, or ingest the documents into a new store",
            ) from e

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
        """Recompute the hash chain, every id and the columns events are filed by.

        Returns what is wrong, stopping at the first bad event (empty when sound).
        """
        previous = _GENESIS
        filed = "about, known, valid, since, until," if self._layout == 2 else ""
        seq = 0
        try:
            rows = self._db.execute(
                f"SELECT seq, id, kind, subject, {filed} CAST(record AS BLOB), chain FROM events"
                " ORDER BY seq"
            )
            for row in rows:
                seq, event_id, record, chain = row[0], row[1], row[-2], row[-1]
                if _chain(previous, record) != chain:
                    return [f"event #{seq} ({event_id}) does not match the hash chain"]
                try:
                    if self._layout == 1:
                        event = decode(json.loads(record))
                    else:
                        event = decode_canonical(record)
                except (CodecError, ValueError) as e:  # JSON or UTF-8 damage
                    return [f"event #{seq} ({event_id}) cannot be read: {e}"]
                if event.id != event_id:
                    return [f"event #{seq} is stored as {event_id} but its content is {event.id}"]
                if self._layout == 2 and canonical_json(event).encode() != record:
                    return [f"event #{seq} ({event_id}) is not stored in its canonical form"]
                # The chain covers the record only; these columns are what queries filter on.
                if self._layout == 1 and (row[2], row[3]) != (event.kind, event.subject):
                    return [
                        f"event #{seq} ({event_id}) is filed as {row[2]} about {row[3]!r}"
                        f" but is {event.kind} about {event.subject!r}"
                    ]
                if self._layout == 2 and filing_columns(event) != row[2:9]:
                    return [
                        f"event #{seq} ({event_id}) is filed as {row[2]} about {row[3]!r}"
                        f" {row[4:9]} but is {event.kind} about {event.subject!r}"
                        f" {filing_columns(event)[2:]}"
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
        self._db.close()
