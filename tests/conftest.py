"""Hypothesis profiles: ``ci`` (the default, 200 examples) and ``dev`` (quick local runs); the
PostgreSQL server the store tests of every package share."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator

import pytest
from hypothesis import HealthCheck, settings
from postgres_server import ENV, PostgresServer, ServerUnavailableError, with_search_path

# Projections over generated streams are slower than hypothesis' default deadline allows on a
# loaded 2-core CI machine; the suite's total run time is what we bound instead.
settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "dev",
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The real corpus's figures and misses, for a reader of the CI log."""
    import corpus_gold

    if corpus_gold.summary:
        terminalreporter.section("real corpus")
        for line in corpus_gold.summary:
            terminalreporter.write_line(line)


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
