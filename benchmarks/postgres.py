"""PostgreSQL beside SQLite, and beside the ``eventsourcing`` library's PostgreSQL recorder.

The same synthetic events go to each backend in batches; each backend's log is then read back
cold, in a fresh interpreter. The server is $TIMELINE_TEST_POSTGRES or a throwaway cluster
started with fsync on (its commits are as durable as a team's server's), stopped at the end.
``python -m benchmarks.postgres NAME JSON`` runs one measurement, as ``benchmarks.measure``
does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from benchmarks.baselines import batches
from benchmarks.corpus import synthetic_events
from benchmarks.measure import peak_rss_mb
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
    """One measurement in a fresh interpreter (see ``benchmarks.measure.isolated``)."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.postgres", name, json.dumps(kwargs)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"measurement {name} failed:\n{done.stderr[-4000:]}")
    result: Result = json.loads(done.stdout.strip().splitlines()[-1])
    return result


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


def measure(*, events: int, seed: int, folder: str, batch: int) -> tuple[Result, str | None]:
    """Every backend's append and cold read of the same ``events``, and a line on what was
    skipped, if anything."""
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


def rows(results: Result, batch: int) -> list[Row]:
    """The table's rows: append and cold read per backend, ours on PostgreSQL against the rest."""
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
    return out


def main(argv: list[str]) -> int:
    """``python -m benchmarks.postgres NAME JSON``: one measurement, its JSON result printed."""
    name, kwargs = argv[0], json.loads(argv[1])
    result = MEASUREMENTS[name](**kwargs)
    result["rss_mb"] = peak_rss_mb()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
