"""What only the PostgreSQL store promises: the server enforces append-only, writers on many
connections share one chain, a killed writer leaves whole batches, readers see appends live."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs
import pytest
from postgres_server import PostgresServer, as_user
from strategies import SUBJECTS

from events import (
    AnyEvent,
    MemoryStore,
    MetricObserved,
    PartialDate,
    Period,
    Source,
    SQLiteStore,
    StoreError,
    dump_jsonl,
    open_store,
)
from events.postgres import PostgresStore, redact
from timeline.cli import main

try:
    import psycopg
except ImportError:  # the server fixture then skips, or fails in CI, saying why
    psycopg = None  # type: ignore[assignment]


def _many(count: int) -> list[AnyEvent]:
    """``count`` distinct events about two subjects."""
    text = "At 33%, the rate remains high."
    source = Source.from_text(text, 0, len(text), document_id="0" * 64, file_name="rates.txt")
    return [
        MetricObserved(
            subject=SUBJECTS[i % 2],
            valid=Period.of("2020"),
            known=PartialDate(2020, 6),
            source=source,
            metric="re_referral_rate",
            wording="rate",
            value=i,
            unit="percent",
        )
        for i in range(count)
    ]


@pytest.fixture
def url(postgres_schema: Callable[[], str]) -> str:
    """A superuser's URL whose tables resolve in a new, empty schema."""
    return postgres_schema()


@attrs.frozen
class Roles:
    owner: str
    app: str
    app_url: str


@pytest.fixture
def roles(url: str) -> Iterator[Roles]:
    """The schema made by ``timeline init-db``, and a URL logging in as its app role."""
    suffix = uuid.uuid4().hex[:8]
    owner, app, password = f"owner_{suffix}", f"app_{suffix}", uuid.uuid4().hex
    assert main(["init-db", url, "--owner", owner, "--app", app]) == 0
    with psycopg.connect(url, autocommit=True) as db:
        # A password too, for a given server that does not trust local connections.
        db.execute(f"ALTER ROLE {app} PASSWORD '{password}'")
    yield Roles(owner, app, as_user(url, app, password))
    with psycopg.connect(url, autocommit=True) as db:
        db.execute(f"DROP OWNED BY {owner}, {app}")
        db.execute(f"DROP ROLE {owner}, {app}")


# -- append-only, enforced by the server ------------------------------------------------------


def test_the_app_role_reads_and_appends(roles: Roles) -> None:
    """The application role may append and read, through the store, and nothing more."""
    events = _many(3)
    with PostgresStore(roles.app_url) as store:
        assert store.append(events) == events
        assert list(store.read()) == events
        assert store.verify() == []


def _refused(url: str, statement: str) -> str:
    """The error PostgreSQL gives for ``statement``, which must be refused."""
    with psycopg.connect(url, autocommit=True) as db, pytest.raises(psycopg.Error) as caught:
        db.execute(statement)
    return str(caught.value)


def _refused_twice(roles: Roles, url: str, statement: str, operation: str) -> None:
    """The app role is refused by privileges; a superuser, who has them all, by a trigger."""
    with PostgresStore(roles.app_url) as store:
        store.append(_many(2))
    assert "permission denied" in _refused(roles.app_url, statement)
    assert f"append-only: {operation} is refused" in _refused(url, statement)
    with PostgresStore(roles.app_url) as store:
        assert len(store) == 2
        assert store.verify() == []


def test_update_is_refused(roles: Roles, url: str) -> None:
    """UPDATE is refused to the app role by privileges, and to anyone by a trigger."""
    _refused_twice(roles, url, "UPDATE events SET subject = 'Kent'", "UPDATE")


def test_delete_is_refused(roles: Roles, url: str) -> None:
    """DELETE is refused to the app role by privileges, and to anyone by a trigger."""
    _refused_twice(roles, url, "DELETE FROM events WHERE seq = 1", "DELETE")


def test_truncate_is_refused(roles: Roles, url: str) -> None:
    """TRUNCATE is refused to the app role by privileges, and to anyone by a trigger."""
    _refused_twice(roles, url, "TRUNCATE events", "TRUNCATE")


def test_the_app_role_cannot_switch_the_triggers_off(roles: Roles) -> None:
    """Only the table's owner may disable its triggers, and the app role is not the owner."""
    refusal = _refused(roles.app_url, "ALTER TABLE events DISABLE TRIGGER USER")
    assert "must be owner" in refusal


def test_a_superusers_direct_edit_is_caught_by_verify(roles: Roles, url: str) -> None:
    """A superuser who disables the triggers and edits a row is named by ``verify``."""
    events = _many(4)
    with PostgresStore(roles.app_url) as store:
        store.append(events)
    with psycopg.connect(url, autocommit=True) as db:
        db.execute("ALTER TABLE events DISABLE TRIGGER USER")
        db.execute(
            "UPDATE events SET record = convert_to(replace(convert_from(record, 'UTF8'),"
            " '\"value\":2.0', '\"value\":20.0'), 'UTF8') WHERE seq = 3"
        )
        db.execute("ALTER TABLE events ENABLE TRIGGER USER")
    with PostgresStore(roles.app_url) as store:
        assert store.verify() == [f"event #3 ({events[2].id}) does not match the hash chain"]


def test_init_db_again_keeps_the_events(roles: Roles, url: str) -> None:
    """Running ``init-db`` on a ready database keeps its table, events and roles."""
    with PostgresStore(roles.app_url) as store:
        store.append(_many(2))
    assert main(["init-db", url, "--owner", roles.owner, "--app", roles.app]) == 0
    with PostgresStore(roles.app_url) as store:
        assert len(store) == 2


def test_init_db_refuses_a_url_that_is_not_postgresql(capsys: pytest.CaptureFixture[str]) -> None:
    """``init-db`` takes a postgresql:// URL only."""
    assert main(["init-db", "timeline.db"]) == 2
    assert "not a postgresql:// URL" in capsys.readouterr().err


# -- opening -----------------------------------------------------------------------------------


def test_an_unreachable_server_is_one_line_without_the_password(tmp_path: Path) -> None:
    """A server that is not there gives a one-line StoreError naming the URL, not its password."""
    url = f"postgresql://analyst:s3cret@/timeline?host={tmp_path}"
    with pytest.raises(StoreError) as caught:
        PostgresStore(url)
    message = str(caught.value)
    assert "\n" not in message
    assert "s3cret" not in message
    assert f"postgresql://analyst:***@/timeline?host={tmp_path}" in message


def test_redact_masks_a_password_wherever_the_url_holds_it() -> None:
    """A password in the user part or in the query is masked; the rest is kept."""
    assert redact("postgresql://bob:pw@db:5433/t?sslmode=require&password=pw") == (
        "postgresql://bob:***@db:5433/t?sslmode=require&password=***"
    )
    assert redact("postgres://bob@db/t") == "postgres://bob@db/t"
    assert redact("postgresql:///t?host=/run/pg") == "postgresql:///t?host=/run/pg"


def test_without_the_extra_the_error_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without psycopg, opening a PostgreSQL store names the extra to install."""
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(StoreError, match=r"pip install 'inspection-timeline\[postgres\]'"):
        open_store("postgresql://localhost/timeline")


def test_open_store_picks_the_backend_from_the_location(url: str, tmp_path: Path) -> None:
    """PostgreSQL for its URLs, memory for ":memory:", SQLite for a path."""
    with open_store(url) as store:
        assert isinstance(store, PostgresStore)
    assert isinstance(open_store(":memory:"), MemoryStore)
    with open_store(str(tmp_path / "events.db")) as store:
        assert isinstance(store, SQLiteStore)


def test_a_role_that_cannot_create_the_table_is_told_to_run_init_db(roles: Roles, url: str) -> None:
    """An app role on a schema without the table gets a hint to run ``timeline init-db``."""
    schema = f"empty_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as db:
        db.execute(f"CREATE SCHEMA {schema}")
        db.execute(f"GRANT USAGE ON SCHEMA {schema} TO {roles.app}")
    try:
        empty = roles.app_url.replace(url.rpartition("search_path%3D")[2], schema)
        with pytest.raises(StoreError, match="timeline init-db"):
            PostgresStore(empty)
    finally:
        with psycopg.connect(url, autocommit=True) as db:
            db.execute(f"DROP SCHEMA {schema} CASCADE")


def test_a_store_reconnects_after_the_server_drops_it(url: str) -> None:
    """A store whose connection the server ended (a restart, an idle timeout) reads and
    appends again without being reopened."""
    events = _many(4)
    name = f"dropped_{uuid.uuid4().hex[:8]}"
    with PostgresStore(f"{url}&application_name={name}") as store:
        store.append(events[:3])
        with psycopg.connect(url, autocommit=True) as db:
            db.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE application_name = %s",
                (name,),
            )
        assert list(store.read()) == events[:3]
        assert store.append(events) == events[3:]
        assert store.verify() == []


# -- several processes -------------------------------------------------------------------------

# A writer: appends its slice of a JSON Lines file in batches, once told to go.
WRITER = """
import sys
from events import load_jsonl
from events.postgres import PostgresStore, redact

url, path, start, stop, size = sys.argv[1], sys.argv[2], *map(int, sys.argv[3:6])
with open(path) as fp:
    events = list(load_jsonl(fp))[start:stop]
store = PostgresStore(url)
print("ready", flush=True)
sys.stdin.readline()
for i in range(0, len(events), size):
    store.append(events[i : i + size])
store.close()
"""


def _writer(url: str, path: Path, start: int, stop: int, size: int) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, url, str(path), str(start), str(stop), str(size)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline() == "ready\n"
    return process


def _go(*processes: subprocess.Popen[str]) -> None:
    for process in processes:
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()


def _finish(process: subprocess.Popen[str], timeout: float = 120) -> int:
    """The writer's exit status, once it has ended; its pipes closed."""
    status = process.wait(timeout=timeout)
    for pipe in (process.stdin, process.stdout):
        if pipe is not None:
            pipe.close()
    return status


def _export(events: list[AnyEvent], path: Path) -> Path:
    with path.open("w") as fp:
        dump_jsonl(events, fp)
    return path


def test_four_writers_with_overlapping_batches_share_one_chain(url: str, tmp_path: Path) -> None:
    """Four processes appending overlapping slices at once store every event exactly once,
    each batch whole, on one unbroken chain."""
    events = _many(4000)
    path = _export(events, tmp_path / "events.jsonl")
    PostgresStore(url).close()  # the table, before four processes race to make it
    # Slices of 1,600 starting every 800 events, in batches of 150 that straddle each other.
    writers = [_writer(url, path, 800 * k, 800 * k + 1600, 150) for k in range(4)]
    _go(*writers)
    assert [_finish(w) for w in writers] == [0, 0, 0, 0]
    with PostgresStore(url) as store:
        stored = [e.id for e in store.read()]
        assert len(stored) == len(set(stored)) == len(events)
        assert set(stored) == {e.id for e in events}
        assert store.verify() == []


def test_a_writer_killed_mid_batch_leaves_only_whole_batches(
    url: str, tmp_path: Path, postgres_server: PostgresServer
) -> None:
    """SIGKILL while a writer holds the append lock: the batch it was writing is not stored,
    and every batch before it is, whole."""
    size = 4000
    events = _many(10 * size)
    path = _export(events, tmp_path / "events.jsonl")
    with PostgresStore(url) as store, psycopg.connect(url, autocommit=True) as db:
        writer = _writer(url, path, 0, len(events), size)
        _go(writer)
        # The kill lands inside a transaction: once the writer holds the append lock, after
        # its first batch is committed.
        deadline = time.monotonic() + 60
        held = False
        while time.monotonic() < deadline and writer.poll() is None:
            if (
                len(store) > 0
                and db.execute(
                    "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted"
                    " AND classid = %s AND objid = 'events'::regclass::oid",
                    (0x54494D45,),
                ).fetchone()
            ):
                held = True
                os.kill(writer.pid, signal.SIGKILL)
                break
        _finish(writer)
        assert held, "the writer never held the lock after its first batch"
        # The server rolls the dead connection's transaction back once it notices it is gone.
        while db.execute(
            "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = %s", (0x54494D45,)
        ).fetchone():
            time.sleep(0.01)
        stored = len(store)
        assert 0 < stored < len(events)
        assert stored % size == 0
        assert list(store.read()) == events[:stored]
        assert store.verify() == []


def test_an_open_store_sees_another_processes_appends(url: str, tmp_path: Path) -> None:
    """A store opened before another process appends reads those events without reopening."""
    events = _many(300)
    path = _export(events, tmp_path / "events.jsonl")
    with PostgresStore(url) as reader:
        assert list(reader.read()) == []
        writer = _writer(url, path, 0, 300, 100)
        _go(writer)
        assert _finish(writer) == 0
        assert len(reader) == 300
        assert list(reader.read(after=100)) == events[100:]
        assert reader.head().position == 300
