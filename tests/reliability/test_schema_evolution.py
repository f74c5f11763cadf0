"""Schema evolution: a committed store written at schema version 1 still reads the same."""

from __future__ import annotations

import itertools
import json
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from reliability.fixtures.make_v1_store import DOCUMENTS, STORE

from events import SCHEMA_VERSION, SQLiteStore
from events.codec import UPCASTERS
from timeline.cli import main
from timeline.facade import Timeline

ROOT = Path(__file__).resolve().parents[2]
# Dates around and between the documents' (2017-08 to 2023-11), to compare states and diffs at.
DATES = ("2017-01-01", "2017-09-01", "2019-06", "2020", "2022-03-01", "2022-12", "2023-06", "2024")


@pytest.fixture
def old_store(tmp_path: Path) -> Path:
    """A copy of the committed store: opening it may add triggers, never to the original."""
    return Path(shutil.copy(STORE, tmp_path / "v1.db"))


def test_fixture_is_a_version_1_store() -> None:
    """The committed store says schema version 1 in its metadata and in every record."""
    with sqlite3.connect(f"file:{STORE}?mode=ro", uri=True) as raw:
        assert raw.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == ("1",)
        versions = {json.loads(r)["schema"] for (r,) in raw.execute("SELECT record FROM events")}
    assert versions == {1}


def test_upcasters_reach_the_current_version() -> None:
    """There is one upcaster for every version older than the current one."""
    assert set(UPCASTERS) == set(range(1, SCHEMA_VERSION))


def test_version_1_store_reads_as_a_fresh_ingestion(old_store: Path) -> None:
    """Its events decode (upcast) and verify; state and diffs equal the documents ingested now."""
    with closing(SQLiteStore(old_store)) as store:
        assert store.verify() == []
    assert main(["verify", "--db", str(old_store)]) == 0
    with Timeline.open(old_store) as old, Timeline.open(":memory:") as fresh:
        fresh.ingest([ROOT / name for name in DOCUMENTS])
        assert len(old) == len(fresh) > 0
        assert {e.id for e in old.events()} == {e.id for e in fresh.events()}
        for date in DATES:
            assert old.state_at(date).to_dict() == fresh.state_at(date).to_dict(), date
        for before, after in itertools.pairwise(DATES):
            assert old.diff(before, after).to_dict() == fresh.diff(before, after).to_dict()
        assert [c.to_dict() for c in old.conflicts()] == [c.to_dict() for c in fresh.conflicts()]


def test_version_1_store_takes_new_appends(old_store: Path, corpus: Path) -> None:
    """The current code appends to the old store and the chain stays whole across the boundary."""
    with Timeline.open(old_store) as timeline:
        before = len(timeline)
        timeline.ingest(sorted(corpus.glob("*.txt"))[:2])
        assert len(timeline) > before
    with closing(SQLiteStore(old_store)) as store:
        assert store.verify() == []
