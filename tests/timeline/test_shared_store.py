"""One store shared by several open timelines, on SQLite and on PostgreSQL (issue 16.1, 16.5).

A team's analysts keep one timeline: each open timeline sees the others' appends at its next
query, without reopening, and what it has followed is what opening the store afresh gives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from events import StoreError
from timeline import Timeline
from timeline.cli import main

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

Location = Callable[[], str]


@pytest.fixture(params=["sqlite", "postgres"])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Location]:
    """Makes locations of new, empty stores: SQLite files, or PostgreSQL schemas."""
    if request.param == "postgres":
        yield request.getfixturevalue("postgres_schema")
        return
    made = iter(range(10**6))
    yield lambda: str(tmp_path / f"store-{next(made)}.db")


def test_a_postgresql_timeline_answers_as_a_sqlite_one(location: Location) -> None:
    """The seeds ingested into either backend give the same events and the same states."""
    with Timeline.open(location()) as shared, Timeline.open(":memory:") as alone:
        shared.ingest([SEEDS])
        alone.ingest([SEEDS])
        assert [e.id for e in shared.store.read()] == [e.id for e in alone.store.read()]
        for year in (2012, 2016, 2020, 2024):
            assert shared.state_at(f"{year}-06-30") == alone.state_at(f"{year}-06-30")


def test_an_open_timeline_sees_another_writers_appends(location: Location) -> None:
    """A reader opened before a writer appends answers with the writer's events at its next
    query, and its projection is the one a fresh open builds."""
    where = location()
    files = sorted(SEEDS.glob("*.txt"))
    with Timeline.open(where) as reader, Timeline.open(where) as writer:
        writer.ingest(files[:2])
        assert len(reader) == len(writer)
        writer.ingest(files[2:])
        assert len(reader) == len(writer.store)
        with Timeline.open(where) as fresh:
            assert reader.index.same_filing(fresh.index)
            assert reader.state_at("2024-01-01") == fresh.state_at("2024-01-01")


def test_the_command_line_takes_a_postgresql_url(
    postgres_schema: Location, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--db postgresql://...`` works on ingest, a query and verify."""
    url = postgres_schema()
    assert main(["ingest", str(SEEDS), "--db", url, "-q"]) == 0
    capsys.readouterr()
    assert main(["state", "--db", url, "--at", "2024-01-01", "--json"]) == 0
    assert '"subjects"' in capsys.readouterr().out
    assert main(["verify", "--db", url]) == 0
    assert "intact" in capsys.readouterr().out


def test_an_unreachable_server_is_a_one_line_error() -> None:
    """A URL no server answers gives one line naming it, without its password."""
    url = "postgresql://someone:secret@127.0.0.1:1/nowhere?connect_timeout=2"
    with pytest.raises(StoreError) as caught:
        Timeline.open(url)
    message = str(caught.value)
    assert "\n" not in message
    assert "secret" not in message
    assert "127.0.0.1" in message
