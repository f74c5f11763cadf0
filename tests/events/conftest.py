"""A PostgreSQL server for the store tests: one per session, a fresh schema per store."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator

import pytest
from postgres_server import ENV, PostgresServer, ServerUnavailableError, with_search_path


def _unavailable(reason: str) -> None:
    """Skip, or fail in CI, where a missing server must not pass unnoticed."""
    message = f"no PostgreSQL server: {reason} (set ${ENV} to a superuser URL to use one)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A superuser URL to a running server, started for this session unless one is given."""
    try:
        import psycopg  # noqa: F401 - only whether the extra is installed
    except ImportError:
        _unavailable("psycopg is not installed (pip install 'inspection-timeline[postgres]')")
    try:
        server = PostgresServer.from_environment()
    except ServerUnavailableError as e:
        _unavailable(str(e))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_schema(postgres_server: PostgresServer) -> Iterator[Callable[[], str]]:
    """Makes URLs each resolving tables in a new, empty schema; dropped after the test."""
    import psycopg

    made: list[str] = []

    def new() -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(postgres_server.url, autocommit=True) as db:
            db.execute(f"CREATE SCHEMA {name}")
        made.append(name)
        return with_search_path(postgres_server.url, name)

    yield new
    if made:
        with psycopg.connect(postgres_server.url, autocommit=True) as db:
            for name in made:
                db.execute(f"DROP SCHEMA {name} CASCADE")
