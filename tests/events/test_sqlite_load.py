"""Loading events by row number from the SQLite store: any batch, in the order asked for."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from events import (
    FindingRecorded,
    IntegrityError,
    PartialDate,
    Period,
    Polarity,
    Source,
    SQLiteStore,
)

ROWS = 700


def _findings() -> list[FindingRecorded]:
    """Distinct findings, a few dates apart."""
    out = []
    for number in range(ROWS):
        text = f"Finding number {number} reads well."
        out.append(
            FindingRecorded(
                subject="Fenborough",
                valid=Period.of(f"{2015 + number % 5}-03"),
                known=PartialDate(2015 + number % 5, 6),
                source=Source.from_text(
                    text, 0, len(text), document_id=f"{number % 7:064d}", file_name="a.txt"
                ),
                text=text,
                themes=("assessments",),
                polarity=Polarity.POSITIVE,
            )
        )
    return out


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SQLiteStore]:
    with SQLiteStore(Path(tmp_path_factory.mktemp("load")) / "events.db") as opened:
        opened.append(_findings())
        yield opened


@pytest.mark.parametrize("size", [1, 2, 63, 64, 65, 130, 511, 512, 513, 700])
def test_a_batch_of_any_size_loads_the_rows_asked_for_in_that_order(
    store: SQLiteStore, size: int
) -> None:
    """Batches are read a statement at a time, padded to a few sizes; whatever the size, and
    with rows asked for twice and out of order, each row comes back where it was asked for."""
    ids = [event.id for event in store.read()]
    rng = random.Random(size)
    refs = rng.sample(range(1, ROWS + 1), size)
    refs += refs[: size // 3]  # asked for twice
    rng.shuffle(refs)
    assert [event.id for event in store.read_positions(refs)] == [ids[r - 1] for r in refs]


@pytest.mark.parametrize("size", [1, 64, 600])
def test_a_row_not_in_the_store_is_named(store: SQLiteStore, size: int) -> None:
    """The first row asked for that is not there is the one the error names."""
    refs = [*range(1, size + 1), ROWS + 5, ROWS + 1]
    with pytest.raises(IntegrityError, match=f"event #{ROWS + 5} is not in the store"):
        store.read_positions(refs)


def test_a_load_reads_no_row_it_was_not_asked_for(tmp_path: Path) -> None:
    """Padding a batch repeats rows asked for: a damaged row that is not asked for, right after
    the last one that is, does not stop the load (and is still refused when asked for)."""
    path = tmp_path / "events.db"
    with SQLiteStore(path) as opened:
        opened.append(_findings()[:10])
    raw = sqlite3.connect(path, isolation_level=None)
    try:
        raw.execute("DROP TRIGGER events_no_update")
        raw.execute("UPDATE events SET record = 'not json' WHERE seq = 4")
    finally:
        raw.close()
    with SQLiteStore(path) as opened:
        assert [e.text for e in opened.read_positions([1, 2, 3])] == [
            f"Finding number {n} reads well." for n in range(3)
        ]
        with pytest.raises(IntegrityError):
            opened.read_positions([4])
