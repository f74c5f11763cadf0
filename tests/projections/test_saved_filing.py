"""The filing a store saves so that opening skips re-filing: same answers, never trusted blindly."""

from __future__ import annotations

import contextlib
import functools
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_properties import batches, observe, streams_with_dates

from events import AnyEvent, CodecError, IntegrityError, PartialDate, SQLiteStore
from projections import FILING, EventIndex, decode_filing, encode_filing
from timeline import Timeline
from timeline.cli import main

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@given(data=st.data(), case=streams_with_dates())
def test_an_index_from_a_saved_filing_and_later_rows_answers_as_one_from_events(
    data: st.DataObject, case: tuple
) -> None:
    """Opening from the filing saved at an earlier open, plus the rows appended since, gives the
    same filing and the same answers as the events themselves, corrections included."""
    stream, dates = case
    shuffled = data.draw(st.permutations(stream))
    cut = data.draw(st.integers(0, len(shuffled)))
    with tempfile.TemporaryDirectory() as folder:
        store = SQLiteStore(Path(folder) / "events.db")
        try:
            for batch in data.draw(batches(shuffled[:cut])):
                store.append(batch)
            first = EventIndex.from_store(store, save_after=0)
            covered = len(store)
            assert first.saved_rows == 0
            assert (store.saved(FILING) is None) == (covered == 0)
            for batch in data.draw(batches(shuffled[cut:])):
                store.append(batch)
            restored = EventIndex.from_store(store, save_after=2**63)
            assert restored.saved_rows == covered
            assert restored.same_filing(EventIndex.from_store(store, saved=False))
            assert len(restored) == len(set(stream))
            assert observe(restored, dates) == observe(EventIndex(stream), dates)
        finally:
            store.close()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the seeds whose filing was saved when it was opened."""
    path = tmp_path_factory.mktemp("saved") / "seeds.db"
    with Timeline.open(path) as timeline:
        timeline.ingest([SEEDS])
    with SQLiteStore(path) as store:
        EventIndex.from_store(store, save_after=0)
    return path


@pytest.fixture
def store(seeded: Path, tmp_path: Path) -> Iterator[SQLiteStore]:
    copy = tmp_path / "copy.db"
    copy.write_bytes(seeded.read_bytes())
    opened = SQLiteStore(copy)
    yield opened
    opened.close()


def test_the_seeds_open_from_their_saved_filing_with_the_same_states(store: SQLiteStore) -> None:
    restored = EventIndex.from_store(store)
    rebuilt = EventIndex.from_store(store, saved=False)
    assert restored.saved_rows == len(store) > 500
    assert restored.same_filing(rebuilt)
    for year in range(2010, 2025):
        at = PartialDate(year, 6, 30)
        assert restored.state_at(at) == rebuilt.state_at(at)


def _body(store: SQLiteStore) -> bytes:
    saved = store.saved(FILING)
    assert saved is not None
    return saved[1]


@given(data=st.data())
def test_a_damaged_filing_is_refused_as_a_codec_error_never_another(data: st.DataObject) -> None:
    """Any truncation or changed byte either still reads or raises ``CodecError``."""
    body = bytearray(_seeds_body())
    if data.draw(st.booleans()):
        body = body[: data.draw(st.integers(0, len(body) - 1))]
    else:
        at = data.draw(st.integers(0, len(body) - 1))
        body[at] = data.draw(st.integers(0, 255).filter(lambda b: b != body[at]))
    with contextlib.suppress(CodecError):
        decode_filing(bytes(body))


@functools.cache
def _seeds_body() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "seeds.db"
        with Timeline.open(path) as timeline:
            timeline.ingest([SEEDS])
        with SQLiteStore(path) as store:
            EventIndex.from_store(store, save_after=0)
            return _body(store)


def test_encoding_refuses_what_the_format_cannot_hold() -> None:
    assert encode_filing(["not an id"], [1], {}, []) is None
    assert encode_filing(["é" * 32], [1], {}, []) is None
    assert encode_filing(["a" * 32], [2**70], {}, []) is None


def test_a_filing_from_rewritten_rows_or_with_damaged_bytes_is_not_used(
    store: SQLiteStore,
) -> None:
    """The store hands the filing out only while the last row it covers holds its chain value
    and its bytes hash as they did; otherwise the rows are filed again (and saved again)."""
    with sqlite3.connect(store.path) as raw:
        raw.execute("UPDATE saved SET chain = 'rewritten'")
    assert store.saved(FILING) is None
    reopened = EventIndex.from_store(store, save_after=0)
    assert reopened.saved_rows == 0
    assert store.saved(FILING) is not None
    damaged = bytearray(_body(store))
    damaged[len(damaged) // 2] ^= 1
    with sqlite3.connect(store.path) as raw:
        raw.execute("UPDATE saved SET body = ?", (bytes(damaged),))
    assert store.saved(FILING) is None


def test_a_filing_that_misplaces_events_fails_loudly_and_verify_names_it(
    store: SQLiteStore, capsys: pytest.CaptureFixture[str]
) -> None:
    """A filing saved with the right digest but wrong row numbers cannot pass silently: loading
    refuses it and ``timeline verify`` reports it."""
    filing = decode_filing(_body(store))
    ids = list(filing.rows)
    numbers = list(filing.rows.values())
    numbers[0], numbers[-1] = numbers[-1], numbers[0]
    body = encode_filing(ids, numbers, filing.order, filing.special)
    assert body is not None
    assert store.save(FILING, len(ids), body)
    index = EventIndex.from_store(store)
    with pytest.raises(IntegrityError, match="saved filing does not match the events"):
        list(index)
    assert main(["verify", "--db", store.path]) == 1
    assert "saved filing does not match the events" in capsys.readouterr().err


def test_verify_passes_a_store_with_a_sound_saved_filing(
    store: SQLiteStore, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["verify", "--db", store.path]) == 0
    assert "intact" in capsys.readouterr().out


def test_saving_declines_at_once_while_another_writer_holds_the_store(
    store: SQLiteStore,
) -> None:
    other = sqlite3.connect(store.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        start = time.perf_counter()
        assert not store.save(FILING, len(store), b"anything")
        assert time.perf_counter() - start < 1  # not the 10 s a writer waits for a writer
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert store.save(FILING, len(store), _body(store))


def test_appending_keeps_working_and_the_events_verify_with_a_saved_filing(
    store: SQLiteStore,
) -> None:
    events: list[AnyEvent] = list(store.read())
    assert store.append(events) == []
    assert store.verify() == []
