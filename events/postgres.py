"""The PostgreSQL event store: one log shared by a team, append-only by privileges and triggers."""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from events.canonical import canonical_json
from events.decoding import decode_canonical
from events.errors import CodecError, IntegrityError, StoreError
from events.event import AnyEvent
from events.store import GENESIS, EventStore, Head, encode_batch, link

if TYPE_CHECKING:  # psycopg is an optional extra: imported when a store opens, not with events
    import psycopg

__all__ = ["PostgresStore", "init_db", "redact"]

_EXTRA = "PostgreSQL needs the postgres extra: pip install 'inspection-timeline[postgres]'"

# ``record`` holds the canonical JSON's UTF-8 bytes, byte for byte what the id and the chain
# hash (bytea, so no server encoding or collation can touch it). ``seq`` is written by the
# appender, not drawn from a sequence: positions stay gap-free (a rolled-back sequence value
# would leave a hole), and the primary key makes a second row at one position impossible.
_TABLE = """CREATE TABLE events (
    seq bigint PRIMARY KEY CHECK (seq > 0),
    id text NOT NULL UNIQUE,
    kind text NOT NULL,
    subject text NOT NULL,
    record bytea NOT NULL,
    chain text NOT NULL
)"""
_SCHEMA = (
    _TABLE,
    "CREATE INDEX events_subject ON events (subject, seq)",
    """CREATE FUNCTION events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'events are append-only: % is refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$""",
    # Privileges already refuse these to the application role; the triggers refuse them to
    # the table's owner too, who could otherwise grant them back or run them by mistake.
    """CREATE TRIGGER events_no_update_or_delete BEFORE UPDATE OR DELETE ON events
FOR EACH ROW EXECUTE FUNCTION events_refuse_change()""",
    # TRUNCATE fires no row triggers: it needs its own, per statement.
    """CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
FOR EACH STATEMENT EXECUTE FUNCTION events_refuse_change()""",
)

# Advisory locks are one namespace per database: the key is this tag and the table's oid, so
# stores in different schemas of one database do not wait for each other.
_LOCK_TAG = 0x54494D45  # "TIME"
_PAGE = 5_000
_COPY_TYPES = ["int8", "text", "text", "text", "bytea", "text"]


def redact(url: str) -> str:
    """The URL without its password, fit for an error message or a log."""
    parts = urllib.parse.urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        user, _, host = netloc.rpartition("@")
        netloc = f"{user.split(':', 1)[0]}:***@{host}" if ":" in user else netloc
    query = "&".join(
        f"{k}=***" if k == "password" else f"{k}={v}"
        for k, _, v in (pair.partition("=") for pair in parts.query.split("&") if pair)
    )
    # Not urlunsplit: it drops the "//" of an empty host, which libpq needs.
    return f"{parts.scheme}://{netloc}{parts.path}" + (f"?{query}" if query else "")


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError as e:
        raise StoreError(_EXTRA) from e
    return psycopg


def _connect(url: str) -> psycopg.Connection[tuple[Any, ...]]:
    pg = _psycopg()
    try:
        connection: psycopg.Connection[tuple[Any, ...]] = pg.connect(url, autocommit=True)
    except pg.Error as e:
        reason = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise StoreError(
            f"cannot reach the PostgreSQL server at {redact(url)}: {reason}",
            hint="check the URL, that the server runs, and that this role may log in",
        ) from e
    return connection


class PostgresStore(EventStore):
    """Events in a PostgreSQL table, shared by every process that opens the same URL.

    Appends take a transaction-scoped advisory lock, so writers on any number of connections
    extend one chain; reads go by position, so an open store sees other writers' appends at
    once. The table is created on first open when the role may create it; otherwise it must
    have been made by :func:`init_db` (``timeline init-db``).
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.path = redact(url)
        self._db = _connect(url)
        try:
            self._lock_key = self._open_table()
        except BaseException:
            self._db.close()
            raise

    def _error(self, doing: str, e: Exception) -> StoreError:
        reason = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        return StoreError(f"cannot {doing}: {reason}", path=self.path)

    def _open_table(self) -> int:
        pg = _psycopg()
        try:
            with self._db.transaction():
                # Opening processes race to create the table: one creates, the others wait.
                self._db.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_TAG << 32,))
                row = self._db.execute("SELECT to_regclass('events')::oid").fetchone()
                if row is None or row[0] is None:
                    for statement in _SCHEMA:
                        self._db.execute(statement)
                    row = self._db.execute("SELECT to_regclass('events')::oid").fetchone()
        except pg.errors.InsufficientPrivilege as e:
            raise StoreError(
                "the database holds no events table, and this role may not create one",
                path=self.path,
                hint="run `timeline init-db URL` as the database's owner first",
            ) from e
        except pg.Error as e:
            raise self._error("open the store", e) from e
        assert row is not None
        return (_LOCK_TAG << 32) | int(row[0])

    def append(self, events: Iterable[AnyEvent]) -> list[AnyEvent]:
        # Encoding first: a batch that fails to encode (or whose source raises) writes nothing.
        encoded = encode_batch(events)
        if not encoded:
            return []
        pg = _psycopg()
        try:
            db = self._live()
            with db.transaction(), db.cursor() as cursor:
                # Why the lock: each row's chain value hashes the row before it, so two writers
                # that both read head n would both write a row n + 1 on top of it, and the chain
                # would fork. The lock is held to commit, and under READ COMMITTED every
                # statement after it sees what the previous holder committed: the head read
                # below is the true head, and the ids checked are every id stored. (The primary
                # key on seq would refuse a second row n + 1 even without the lock, failing the
                # batch instead of forking.) An advisory lock, not LOCK TABLE: the application
                # role holds INSERT and SELECT only, too little for LOCK TABLE's stronger modes.
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", (self._lock_key,))
                cursor.execute("SELECT id FROM events WHERE id = ANY(%s)", (list(encoded),))
                stored = {row[0] for row in cursor}
                fresh = [pair for key, pair in encoded.items() if key not in stored]
                if not fresh:
                    return []
                cursor.execute("SELECT seq, chain FROM events ORDER BY seq DESC LIMIT 1")
                last = cursor.fetchone()
                seq, previous = (int(last[0]), str(last[1])) if last else (0, GENESIS)
                with cursor.copy(
                    "COPY events (seq, id, kind, subject, record, chain) FROM STDIN (FORMAT BINARY)"
                ) as copy:
                    copy.set_types(_COPY_TYPES)
                    for event, record in fresh:
                        data = record.encode()
                        seq += 1
                        previous = link(previous, data)
                        copy.write_row((seq, event.id, event.kind, event.subject, data, previous))
        except pg.Error as e:
            raise self._error("append to the store", e) from e
        return [event for event, _ in fresh]

    def _query(self, sql: str, parameters: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        pg = _psycopg()
        try:
            return self._live().execute(sql, parameters).fetchall()
        except pg.OperationalError as e:
            if not self._db.broken:
                raise self._error("read the store", e) from e
        except pg.Error as e:
            raise self._error("read the store", e) from e
        # The server dropped the connection (a restart, an idle timeout): a read can simply
        # be asked again on a new one.
        try:
            return self._live().execute(sql, parameters).fetchall()
        except pg.Error as e:
            raise self._error("read the store", e) from e

    def _live(self) -> psycopg.Connection[tuple[Any, ...]]:
        """The connection, made again if the server dropped it since the last call.

        An append that failed that way is not retried here: whether its commit landed is
        unknown, and appending again would report its events as not new. It raises, and the
        next call reconnects.
        """
        if self._db.broken:
            self._db.close()
            self._db = _connect(self.url)
        return self._db

    def _event(self, seq: int, event_id: str, record: bytes, chain: str, previous: str) -> AnyEvent:
        """The event a row holds, after checking it against the chain and its id."""
        if link(previous, record) != chain:
            raise IntegrityError(
                f"event #{seq} ({event_id}) does not match the hash chain",
                path=self.path,
                hint="run `timeline verify`",
            )
        try:
            return decode_canonical(record, event_id=event_id)
        except (CodecError, ValueError) as e:
            raise IntegrityError(f"event #{seq} cannot be read: {e}", path=self.path) from e

    def read(self, after: int = 0) -> Iterator[AnyEvent]:
        # Pages by position rather than one cursor: no transaction stays open while a caller
        # works through the events, and the last page reaches whatever was committed by then.
        after = max(after, 0)
        previous = self.chain_at(after)
        while previous is not None:
            rows = self._query(
                "SELECT seq, id, record, chain FROM events WHERE seq > %s ORDER BY seq LIMIT %s",
                (after, _PAGE),
            )
            for seq, event_id, record, chain in rows:
                if seq != after + 1:
                    raise IntegrityError(f"event #{after + 1} is missing", path=self.path)
                yield self._event(seq, event_id, record, chain, previous)
                after, previous = seq, chain
            if len(rows) < _PAGE:
                return

    def _joined(self, where: str, parameters: Sequence[object]) -> list[tuple[Any, ...]]:
        """Rows with their predecessor's chain value, for reads that skip rows."""
        return self._query(
            "SELECT e.seq, e.id, e.record, e.chain, p.chain FROM events AS e"
            f" LEFT JOIN events AS p ON p.seq = e.seq - 1 {where}",
            parameters,
        )

    def _checked(self, row: tuple[Any, ...]) -> AnyEvent:
        seq, event_id, record, chain, previous = row
        if previous is None and seq != 1:
            raise IntegrityError(f"event #{seq - 1} is missing", path=self.path)
        return self._event(seq, event_id, record, chain, previous or GENESIS)

    def read_subject(self, subject: str) -> Iterator[AnyEvent]:
        rows = self._joined("WHERE e.subject = %s ORDER BY e.seq", (subject,))
        for row in rows:
            event = self._checked(row)
            if event.subject != subject:
                raise IntegrityError(
                    f"event #{row[0]} ({row[1]}) is filed under {subject!r}"
                    f" but is about {event.subject!r}",
                    path=self.path,
                    hint="run `timeline verify`",
                )
            yield event

    def read_positions(self, positions: Sequence[int]) -> list[AnyEvent]:
        wanted = sorted({p for p in positions if p > 0})
        rows = self._joined("WHERE e.seq = ANY(%s)", (wanted,)) if wanted else []
        found = {row[0]: self._checked(row) for row in rows}
        for position in positions:
            if position not in found:
                raise IntegrityError(f"event #{position} is not in the store", path=self.path)
        return [found[p] for p in positions]

    def head(self) -> Head:
        rows = self._query("SELECT seq, chain FROM events ORDER BY seq DESC LIMIT 1")
        return Head(int(rows[0][0]), str(rows[0][1])) if rows else Head(0, GENESIS)

    def chain_at(self, position: int) -> str | None:
        if position == 0:
            return GENESIS
        if position < 0:
            return None
        rows = self._query("SELECT chain FROM events WHERE seq = %s", (position,))
        return str(rows[0][0]) if rows else None

    def verify(self) -> list[str]:
        previous, after = GENESIS, 0
        while True:
            rows = self._query(
                "SELECT seq, id, kind, subject, record, chain FROM events WHERE seq > %s"
                " ORDER BY seq LIMIT %s",
                (after, _PAGE),
            )
            for seq, event_id, kind, subject, record, chain in rows:
                if seq != after + 1:
                    return [f"event #{after + 1} is missing (the next is #{seq}, {event_id})"]
                if link(previous, record) != chain:
                    return [f"event #{seq} ({event_id}) does not match the hash chain"]
                try:
                    event = decode_canonical(record)
                except (CodecError, ValueError) as e:
                    return [f"event #{seq} ({event_id}) cannot be read: {e}"]
                if event.id != event_id:
                    return [f"event #{seq} is stored as {event_id} but its content is {event.id}"]
                if canonical_json(event).encode() != record:
                    return [f"event #{seq} ({event_id}) is not stored in its canonical form"]
                # The chain covers the record only; these columns are what queries filter on.
                if (kind, subject) != (event.kind, event.subject):
                    return [
                        f"event #{seq} ({event_id}) is filed as {kind} about {subject!r}"
                        f" but is {event.kind} about {event.subject!r}"
                    ]
                after, previous = seq, chain
            if len(rows) < _PAGE:
                return []

    def __contains__(self, event_id: object) -> bool:
        if not isinstance(event_id, str):
            return False
        return bool(self._query("SELECT 1 FROM events WHERE id = %s", (event_id,)))

    def __len__(self) -> int:
        # Positions run from 1 without gaps (verify checks it): the last one is the count, read
        # from the primary key's index instead of counting every row.
        return int(self._query("SELECT coalesce(max(seq), 0) FROM events")[0][0])

    def close(self) -> None:
        self._db.close()


def init_db(url: str, *, owner: str, app: str, app_password: str | None = None) -> None:
    """Create the events table and two roles: ``owner`` (no login) owns the table and its
    triggers; ``app`` may log in and only INSERT and SELECT.

    Run as a role that may create roles (a superuser, or the database's owner with
    CREATEROLE). Roles that exist already are kept, and an existing table is left as it is;
    the grants are made again.
    """
    pg = _psycopg()
    from psycopg import sql

    db = _connect(url)
    try:
        with db.transaction():
            db.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_TAG << 32,))
            for role, login in ((owner, False), (app, True)):
                exists = db.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
                if exists.fetchone() is None:
                    db.execute(
                        sql.SQL("CREATE ROLE {} {}").format(
                            sql.Identifier(role), sql.SQL("LOGIN" if login else "NOLOGIN")
                        )
                    )
            if app_password is not None:
                db.execute(
                    sql.SQL("ALTER ROLE {} PASSWORD {}").format(
                        sql.Identifier(app), sql.Literal(app_password)
                    )
                )
            found = db.execute("SELECT to_regclass('events')").fetchone()
            if found is None or found[0] is None:
                for statement in _SCHEMA:
                    db.execute(statement)
            schema = db.execute("SELECT current_schema()").fetchone()
            assert schema is not None
            names = {"owner": sql.Identifier(owner), "app": sql.Identifier(app)}
            names["schema"] = sql.Identifier(schema[0])
            for statement in (
                "ALTER TABLE events OWNER TO {owner}",
                "ALTER FUNCTION events_refuse_change() OWNER TO {owner}",
                "REVOKE ALL ON events FROM PUBLIC",
                "REVOKE ALL ON events FROM {app}",
                "GRANT USAGE ON SCHEMA {schema} TO {app}",
                "GRANT SELECT, INSERT ON events TO {app}",
            ):
                db.execute(sql.SQL(statement).format(**names))
    except pg.Error as e:
        reason = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise StoreError(f"cannot create the schema and roles: {reason}", path=redact(url)) from e
    finally:
        db.close()
