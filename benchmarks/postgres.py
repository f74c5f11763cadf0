"""PostgreSQL beside SQLite, and beside the ``eventsourcing`` library's PostgreSQL recorder.

The same synthetic events go to each backend in batches; each backend's log is then read back
cold, in a fresh interpreter. The server is $TIMELINE_TEST_POSTGRES or a throwaway cluster
started with fsync on (its commits are as durable as a team's server's), stopped at the end.
``python -m benchmarks.postgres NAME JSON`` runs one measurement, as ``benchmarks.measure``
does.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from benchmarks.baselines import batches
from benchmarks.corpus import synthetic_events
from benchmarks.measure import isolated, run
from benchmarks.peers import EventsourcingStore
from benchmarks.table import Row, Target
from events import AnyEvent, EventStore, SQLiteStore

__all__ = ["measure", "rows"]

Result = dict[str, Any]


class EventsourcingPostgres(EventsourcingStore):
    """Our events through ``eventsourcing.postgres``'s application recorder, in a schema of
    its own; appending and reading as the SQLite peer does (inherited)."""

    def __init__(self, url: str, schema: str) -> None:
        # Not the parent's __init__: that one opens a SQLite file.
        from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
        from psycopg.conninfo import conninfo_to_dict

        params = conninfo_to_dict(url)
        self._datastore = PostgresDatastore(
            dbname=str(params.get("dbname", "postgres")),
            host=str(params.get("host", "localhost")),
            port=str(params.get("port", 5432)),
            user=str(params.get("user", "postgres")),
            password=str(params.get("password", "")),
            schema=schema,
            # Its own single-statement insert (unnest in a function). Its default, one INSERT
            # per event in a pipeline, did not finish a batch of 10,000 in 150 s here.
            enable_db_functions=True,
        )
        self._recorder = PostgresApplicationRecorder(self._datastore)
        self._recorder.create_table()
        self._versions = {}


def _open(backend: str, location: str) -> EventStore | EventsourcingStore:
    if backend == "sqlite":
        return SQLiteStore(location)
    if backend == "postgres":
        from events.postgres import PostgresStore

        return PostgresStore(location)
    url, _, schema = location.rpartition("#")
    return EventsourcingPostgres(url, schema)


def append(backend: str, location: str, events: int, seed: int, batch: int) -> Result:
    """Append ``events`` synthetic events in batches of ``batch``; only the appends timed."""
    made = list(batches(synthetic_events(events, seed=seed), batch))
    store = _open(backend, location)
    start = time.perf_counter()
    for chunk in made:
        store.append(chunk)
    seconds = time.perf_counter() - start
    store.close()
    return {"events": events, "seconds": seconds}


def read(backend: str, location: str, events: int, seed: int) -> Result:
    """Open the store in this fresh interpreter and read every event back, in order."""
    start = time.perf_counter()
    store = _open(backend, location)
    back: list[AnyEvent] = list(store.read())
    seconds = time.perf_counter() - start
    store.close()
    expected = [e.id for e in synthetic_events(events, seed=seed)]
    if [e.id for e in back] != expected:
        raise AssertionError(f"{backend} did not give back the events appended")
    return {"events": len(back), "seconds": seconds}


MEASUREMENTS: dict[str, Callable[..., Result]] = {"append": append, "read": read}


def _isolated(name: str, **kwargs: Any) -> Result:
    """One measurement of this module in a fresh interpreter."""
    return isolated(name, module="benchmarks.postgres", **kwargs)


@contextmanager
def _server() -> Iterator[str]:
    """A superuser URL: $TIMELINE_TEST_POSTGRES, or a durable throwaway cluster."""
    # The test suite's server helper: one way to find or start a server for both.
    from tests.postgres_server import ENV, PostgresServer

    given = os.environ.get(ENV)
    server = PostgresServer(given) if given else PostgresServer.throwaway(durable=True)
    try:
        yield server.url
    finally:
        server.stop()


def copy(source: str, location: str, batch: int) -> Result:
    """Every event of the SQLite store at ``source`` appended to the PostgreSQL ``location``,
    in order (so its chain is the same); times the appends only."""
    from events.postgres import PostgresStore

    with SQLiteStore(source) as lite:
        events = list(lite.read())
    start = time.perf_counter()
    with PostgresStore(location) as store:
        for chunk in batches(events, batch):
            store.append(chunk)
    return {"events": len(events), "seconds": time.perf_counter() - start}


MEASUREMENTS["copy"] = copy


def _queries(
    url: str, big: str, folder: str, seed: int, queries: int, batch: int
) -> dict[str, Result]:
    """The big store's events in PostgreSQL, then opened and queried as on SQLite: the first
    open (which keeps the filing, here in ``folder``), a cold open with ``state_at`` and the
    national views."""
    from tests.postgres_server import with_search_path

    location = with_search_path(url, f"bench_big_{uuid.uuid4().hex[:8]}")
    _create_schema(url, location)
    print("  PostgreSQL benchmark: the big store", file=sys.stderr, flush=True)
    copied = _isolated("copy", source=big, location=location, batch=batch)
    # The projection keeps a database's filing in the user's cache folder: here, the run's.
    cache = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = folder
    try:
        first = isolated("open", path=location, saved=True)
        query = isolated("query", path=location, seed=seed, queries=queries, naive=1)
        national = isolated("national", path=location, seed=seed, queries=queries // 2)
    finally:
        if cache is None:
            del os.environ["XDG_CACHE_HOME"]
        else:
            os.environ["XDG_CACHE_HOME"] = cache
    return {"copy": copied, "first": first, "query": query, "national": national}


def measure(
    *, events: int, seed: int, folder: str, batch: int, big: str | None = None, queries: int = 200
) -> tuple[Result, str | None]:
    """Every backend's append and cold read of the same ``events``, the big store at ``big``
    opened and queried on PostgreSQL, and a line on what was skipped, if anything."""
    try:
        import psycopg  # noqa: F401 - only whether the extra is installed
    except ImportError:
        return {}, "PostgreSQL: psycopg is not installed, its rows are skipped"
    from tests.postgres_server import ServerUnavailableError, with_search_path

    results: Result = {}
    note: str | None = None
    try:
        with _server() as url:
            locations = {
                "sqlite": f"{folder}/postgres-peer.db",
                "postgres": with_search_path(url, f"bench_{uuid.uuid4().hex[:8]}"),
                "eventsourcing": f"{url}#es_{uuid.uuid4().hex[:8]}",
            }
            for backend, location in locations.items():
                if backend == "eventsourcing" and not _has_pool():
                    note = (
                        "PostgreSQL: eventsourcing's recorder needs psycopg-pool"
                        " (pip install 'eventsourcing[postgres]'), its rows are skipped"
                    )
                    continue
                if backend != "sqlite":
                    _create_schema(url, location)
                print(f"  PostgreSQL benchmark: {backend}", file=sys.stderr, flush=True)
                common = {"backend": backend, "location": location, "events": events, "seed": seed}
                results[backend] = {
                    "append": _isolated("append", **common, batch=batch),
                    "read": _isolated("read", **common),
                }
            if big is not None:
                results["big"] = _queries(url, big, folder, seed, queries, batch)
    except ServerUnavailableError as e:
        return {}, f"PostgreSQL: no server could be started ({e}), its rows are skipped"
    return results, note


def _has_pool() -> bool:
    try:
        import psycopg_pool  # noqa: F401 - eventsourcing's PostgreSQL recorder needs it
    except ImportError:
        return False
    return True


def _create_schema(url: str, location: str) -> None:
    import psycopg

    schema = location.rpartition("#")[2] if "#" in location else location.rpartition("%3D")[2]
    with psycopg.connect(url, autocommit=True) as db:
        db.execute(f"CREATE SCHEMA {schema}")


def rows(results: Result, batch: int, on_sqlite: Result | None = None) -> list[Row]:
    """The table's rows: append and cold read per backend, ours on PostgreSQL against the rest;
    and the big store's queries on PostgreSQL beside ``on_sqlite``'s (its ``query`` and
    ``national`` results)."""
    if not results:
        return []
    pg, lite = results["postgres"], results["sqlite"]
    n = f"{pg['append']['events']:,}"

    def rate(r: Result) -> float:
        return float(r["events"]) / float(r["seconds"])

    def against(ours: Result, theirs: Result, peer: str) -> str:
        ratio = float(theirs["seconds"]) / float(ours["seconds"])
        return f"{ratio:.2f}× {peer}'s rate" if ratio < 1 else f"{ratio:.1f}× faster than {peer}"

    es = results.get("eventsourcing")
    out = [
        Row(name=f"PostgreSQL: append {n} events, batches of {batch:,}",
            value=rate(pg["append"]), unit="events/s",
            target=(Target(limit=rate(es["append"]), at_least=True, text="≥ eventsourcing (PG)")
                    if es else None),
            ratio=against(pg["append"], lite["append"], "SQLite")),
        Row(name=f"PostgreSQL: cold read {n} events", value=rate(pg["read"]), unit="events/s",
            ratio=against(pg["read"], lite["read"], "SQLite")),
        Row(name=f"  SQLite: append {n} events, the same batches", value=rate(lite["append"]),
            unit="events/s", ratio="baseline"),
        Row(name=f"  SQLite: cold read {n} events", value=rate(lite["read"]), unit="events/s",
            ratio="baseline"),
    ]  # fmt: skip
    if es:
        out += [
            Row(name=f"  eventsourcing on PostgreSQL: append {n} events", unit="events/s",
                value=rate(es["append"]), ratio="ours: " + against(pg["append"], es["append"],
                                                                  "eventsourcing")),
            Row(name=f"  eventsourcing on PostgreSQL: read {n} events", unit="events/s",
                value=rate(es["read"]), ratio="ours: " + against(pg["read"], es["read"],
                                                                "eventsourcing")),
        ]  # fmt: skip
    big = results.get("big")
    if big is not None:
        out += _big_rows(big, on_sqlite or {})
    return out


def _big_rows(big: Result, on_sqlite: Result) -> list[Row]:
    """The big store on PostgreSQL: copying it in, opening it, ``state_at`` and ``england``."""
    q, national, first, copied = big["query"], big["national"], big["first"], big["copy"]
    n = f"{q['events']:,}"
    full = q["events"] >= 1_000_000
    lite_q, lite_n = on_sqlite.get("query"), on_sqlite.get("national")

    def beside(ours: float, key: str, theirs: Result | None, unit: str) -> str:
        if theirs is None:
            return ""
        value = statistics.median(theirs[key]) if isinstance(theirs[key], list) else theirs[key]
        return f"SQLite {value:.2f} {unit} in the same run"

    state = statistics.median(q["state_ms"])
    return [
        Row(name=f"PostgreSQL: append the big store, {copied['events']:,} events",
            value=copied["events"] / copied["seconds"], unit="events/s"),
        Row(name=f"PostgreSQL: first open, {n} events (files every event)",
            value=first["seconds"], unit="s", ratio=f"peak RSS {first['rss_mb']:,.0f} MB"),
        Row(name=f"PostgreSQL: cold load {n} events (Timeline.open)",
            value=q["load_seconds"], unit="s",
            ratio=beside(q["load_seconds"], "load_seconds", lite_q, "s")),
        Row(name=f"PostgreSQL: state_at median, 1 subject, {n} events", value=state,
            unit="ms", target=Target(limit=10, at_least=False, text="≤ 10 ms", applies=full),
            ratio=beside(state, "state_ms", lite_q, "ms")),
        Row(name=f"PostgreSQL: england median, {n} events", value=national["england_ms"],
            unit="ms", ratio=beside(national["england_ms"], "england_ms", lite_n, "ms")),
    ]  # fmt: skip


def main(argv: list[str]) -> int:
    """``python -m benchmarks.postgres NAME JSON``: one measurement, its JSON result printed."""
    return run(MEASUREMENTS, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
