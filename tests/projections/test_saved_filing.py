"""The filing a store saves so that opening skips re-filing: same answers, never trusted blindly."""

from __future__ import annotations

import contextlib
import functools
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_properties import batches, observe, streams_with_dates

from events import CodecError, CorrectionMade, IntegrityError, PartialDate, SQLiteStore
from projections import EventIndex
from projections.saved import FILING, decode_filing, encode_filing
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
    """A store of three seeds whose filing was saved when it was opened, then two seeds more."""
    path = tmp_path_factory.mktemp("saved") / "seeds.db"
    files = sorted(SEEDS.glob("*.txt"))
    with Timeline.open(path) as timeline:
        timeline.ingest(files[:3])
    with SQLiteStore(path) as store:
        EventIndex.from_store(store, save_after=0)
    with Timeline.open(path) as timeline:
        timeline.ingest(files[3:])
    return path


@pytest.fixture
def store(seeded: Path, tmp_path: Path) -> Iterator[SQLiteStore]:
    copy = tmp_path / "copy.db"
    copy.write_bytes(seeded.read_bytes())
    opened = SQLiteStore(copy)
    yield opened
    opened.close()


def test_the_seeds_open_from_their_saved_filing_and_later_rows_with_the_same_states(
    store: SQLiteStore,
) -> None:
    """Three documents come from the saved filing and two are filed on top; every yearly state
    is the one filing every row gives."""
    restored = EventIndex.from_store(store)
    rebuilt = EventIndex.from_store(store, saved=False)
    assert 0 < restored.saved_rows < len(store)
    assert restored.same_filing(rebuilt)
    assert sorted(e.id for e in restored) == sorted(e.id for e in store.read())
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
    """Ids that are not 32 ASCII characters, and numbers beyond 64 bits, are not saved."""
    assert encode_filing(["not an id"], [1], {}, []) is None
    assert encode_filing(["é" * 32], [1], {}, []) is None
    assert encode_filing(["a" * 32], [2**70], {}, []) is None


def test_a_filing_from_rewritten_rows_or_with_damaged_bytes_is_not_used(
    store: SQLiteStore,
) -> None:
    """The store hands the filing out only while the last row it covers holds its chain value
    and its bytes hash as they did; otherwise the rows are filed again and saved again."""
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
    assert EventIndex.from_store(store, save_after=0).saved_rows == 0
    assert EventIndex.from_store(store).saved_rows == len(store)


def _forge(store: SQLiteStore, change: Callable[[list[str], list[int], list[str]], None]) -> None:
    """Save a filing altered by ``change(ids, row numbers, special ids)``, with a valid digest."""
    filing = decode_filing(_body(store))
    ids, numbers, special = list(filing.rows), list(filing.rows.values()), list(filing.special)
    change(ids, numbers, special)
    body = encode_filing(ids, numbers, filing.order, special)
    assert body is not None
    assert store.save(FILING, len(ids), body)


def _verify_fails(store: SQLiteStore, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["verify", "--db", store.path]) == 1
    assert "saved filing does not match the events" in capsys.readouterr().err


def test_a_filing_that_misplaces_events_fails_loudly_and_verify_names_it(
    store: SQLiteStore, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two findings' row numbers swapped under a valid digest: loading either refuses it, and
    ``timeline verify`` reports the filing."""
    special = set(decode_filing(_body(store)).special)

    def swap(ids: list[str], numbers: list[int], _: list[str]) -> None:
        a, b = [n for n, i in enumerate(ids) if i not in special][:2]
        numbers[a], numbers[b] = numbers[b], numbers[a]

    _forge(store, swap)
    index = EventIndex.from_store(store)
    assert index.saved_rows > 0
    with pytest.raises(IntegrityError, match="saved filing does not match the events"):
        list(index)
    _verify_fails(store, capsys)


def test_a_filing_that_misplaces_a_document_is_set_aside_at_open(
    store: SQLiteStore, capsys: pytest.CaptureFixture[str]
) -> None:
    """A cache must not stop a store from opening: a document the filing misplaces means the
    rows are filed again (and the filing replaced); ``verify`` still reports it."""

    def swap(ids: list[str], numbers: list[int], special: list[str]) -> None:
        a, b = ids.index(special[0]), next(n for n, i in enumerate(ids) if i not in special)
        numbers[a], numbers[b] = numbers[b], numbers[a]

    _forge(store, swap)
    _verify_fails(store, capsys)
    opened = EventIndex.from_store(store, save_after=0)
    assert opened.saved_rows == 0
    assert opened.same_filing(EventIndex.from_store(store, saved=False))
    capsys.readouterr()
    assert main(["verify", "--db", store.path]) == 0


def test_verify_catches_a_filing_that_leaves_out_one_of_two_corrections(
    store: SQLiteStore, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two retractions of one judgement, and a filing that omits one: the index would still show
    the judgement when only that retraction withdraws it, so ``verify`` must compare every
    correction filed, not only which events have some."""
    target = next(e for e in store.read() if e.kind == "judgement_issued")
    first = CorrectionMade.retract(target, on="2029-01-01", reason="typed twice")
    second = CorrectionMade.retract(target, on="2030-01-01", reason="typed twice")
    store.append([first, second])
    EventIndex.from_store(store, save_after=0)
    assert main(["verify", "--db", store.path]) == 0
    _forge(store, lambda _ids, _numbers, special: special.remove(first.id))
    restored = EventIndex.from_store(store)
    assert restored.saved_rows == len(store)
    assert restored.effective(target, PartialDate(2029, 6, 1).ordinal) is not None
    _verify_fails(store, capsys)


def test_verify_passes_a_store_with_a_sound_saved_filing(
    store: SQLiteStore, capsys: pytest.CaptureFixture[str]
) -> None:
    """A filing that covers the first rows, with more appended since, verifies."""
    assert store.saved(FILING) is not None
    assert main(["verify", "--db", store.path]) == 0
    assert "intact" in capsys.readouterr().out


def test_saving_declines_at_once_while_another_writer_holds_the_store(
    store: SQLiteStore,
) -> None:
    """Saving a cache never waits out the 10 s a writer gives another writer, and leaves that
    wait in place for appends."""
    other = sqlite3.connect(store.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        start = time.perf_counter()
        assert not store.save(FILING, len(store), b"anything")
        assert time.perf_counter() - start < 1
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert store._db.execute("PRAGMA busy_timeout").fetchone()[0] == 10_000
    assert not store._db.in_transaction
    assert store.save(FILING, len(store), _body(store))


@pytest.mark.parametrize(("rows", "body"), [(2**63, b"x"), (1, "text"), (-1, b"x")])
def test_saving_refuses_what_is_not_a_body_and_a_row_count_before_writing(
    store: SQLiteStore, rows: int, body: object
) -> None:
    """Bad arguments fail before the store is locked, and the saved filing stays as it was."""
    with pytest.raises(TypeError):
        store.save(FILING, rows, body)  # type: ignore[arg-type]
    assert not store._db.in_transaction
    assert store.saved(FILING) is not None
