"""The filing the projection keeps so that opening skips re-filing: same answers, never trusted
blindly."""

from __future__ import annotations

import contextlib
import functools
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_properties import batches, observe, streams_with_dates

from events import CodecError, CorrectionMade, Head, IntegrityError, PartialDate, SQLiteStore
from projections import EventIndex, FilingCache
from projections.saved import decode_filing, encode_filing
from timeline import Timeline
from timeline.cli import main

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _cache(store: SQLiteStore) -> FilingCache:
    return FilingCache.beside(store.path)


def _kept(store: SQLiteStore) -> EventIndex:
    """The index as ``Timeline.open`` makes it: from the kept filing, keeping a new one."""
    return EventIndex.from_store(store, cache=_cache(store))


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
            first = EventIndex.from_store(store, cache=_cache(store), save_after=0)
            covered = len(store)
            assert first.saved_rows == 0
            assert (_cache(store).load() is None) == (covered == 0)
            for batch in data.draw(batches(shuffled[cut:])):
                store.append(batch)
            restored = EventIndex.from_store(store, cache=_cache(store), save_after=2**63)
            assert restored.saved_rows == covered
            assert restored.same_filing(EventIndex.from_store(store))
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
        EventIndex.from_store(store, cache=_cache(store), save_after=0)
    with Timeline.open(path) as timeline:
        timeline.ingest(files[3:])
    return path


@pytest.fixture
def store(seeded: Path, tmp_path: Path) -> Iterator[SQLiteStore]:
    copy = tmp_path / "copy.db"
    copy.write_bytes(seeded.read_bytes())
    FilingCache.beside(copy).path.write_bytes(FilingCache.beside(seeded).path.read_bytes())
    opened = SQLiteStore(copy)
    yield opened
    opened.close()


def test_the_seeds_open_from_their_saved_filing_and_later_rows_with_the_same_states(
    store: SQLiteStore,
) -> None:
    """Three documents come from the saved filing and two are filed on top; every yearly state
    is the one filing every row gives."""
    restored = EventIndex.from_store(store, cache=_cache(store), save_after=2**63)
    rebuilt = EventIndex.from_store(store)
    assert 0 < restored.saved_rows < len(store)
    assert restored.same_filing(rebuilt)
    assert sorted(e.id for e in restored) == sorted(e.id for e in store.read())
    for year in range(2010, 2025):
        at = PartialDate(year, 6, 30)
        assert restored.state_at(at) == rebuilt.state_at(at)


def _body(store: SQLiteStore) -> bytes:
    kept = _cache(store).load()
    assert kept is not None
    return kept[1]


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
            EventIndex.from_store(store, cache=_cache(store), save_after=0)
            return _body(store)


def test_encoding_refuses_what_the_format_cannot_hold() -> None:
    """Ids that are not 32 ASCII characters, and numbers beyond 64 bits, are not saved."""
    assert encode_filing(["not an id"], [1], {}, []) is None
    assert encode_filing(["é" * 32], [1], {}, []) is None
    assert encode_filing(["a" * 32], [2**70], {}, []) is None


def test_a_filing_from_another_chain_or_with_damaged_bytes_is_not_used(
    store: SQLiteStore, tmp_path: Path
) -> None:
    """The filing is used only while the store's chain passes through the head it was made at
    and its bytes hash as they did; otherwise the rows are filed again and it is kept again."""
    other = tmp_path / "other.db"
    with Timeline.open(other) as timeline:  # the same documents in another order: another chain
        timeline.ingest(sorted(SEEDS.glob("*.txt"), reverse=True))
    with SQLiteStore(other) as moved:
        kept = _cache(store).load()
        assert kept is not None
        assert _cache(moved).save(*kept)
        assert EventIndex.from_store(moved, cache=_cache(moved), save_after=0).saved_rows == 0
        assert _kept(moved).saved_rows == len(moved)
    damaged = bytearray(_cache(store).path.read_bytes())
    damaged[len(damaged) // 2] ^= 1
    _cache(store).path.write_bytes(bytes(damaged))
    assert _cache(store).load() is None
    assert EventIndex.from_store(store, cache=_cache(store), save_after=0).saved_rows == 0
    assert _kept(store).saved_rows == len(store)


def _forge(store: SQLiteStore, change: Callable[[list[str], list[int], list[str]], None]) -> None:
    """Save a filing altered by ``change(ids, row numbers, special ids)``, with a valid digest."""
    filing = decode_filing(_body(store))
    ids, numbers, special = list(filing.rows), list(filing.rows.values()), list(filing.special)
    change(ids, numbers, special)
    body = encode_filing(ids, numbers, filing.order, special)
    assert body is not None
    chain = store.chain_at(len(ids))
    assert chain is not None
    assert _cache(store).save(Head(len(ids), chain), body)


def _verify_fails(store: SQLiteStore, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["verify", "--db", store.path]) == 1
    assert "kept filing does not match the events" in capsys.readouterr().err


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
    index = EventIndex.from_store(store, cache=_cache(store))
    assert index.saved_rows > 0
    with pytest.raises(IntegrityError, match="filing does not match the events"):
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
    opened = EventIndex.from_store(store, cache=_cache(store), save_after=0)
    assert opened.saved_rows == 0
    assert opened.same_filing(EventIndex.from_store(store))
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
    EventIndex.from_store(store, cache=_cache(store), save_after=0)
    assert main(["verify", "--db", store.path]) == 0
    _forge(store, lambda _ids, _numbers, special: special.remove(first.id))
    restored = EventIndex.from_store(store, cache=_cache(store))
    assert restored.saved_rows == len(store)
    assert restored.effective(target, PartialDate(2029, 6, 1).ordinal) is not None
    _verify_fails(store, capsys)


def test_verify_passes_a_store_with_a_sound_kept_filing(
    store: SQLiteStore, capsys: pytest.CaptureFixture[str]
) -> None:
    """A filing that covers the first rows, with more appended since, verifies."""
    assert _cache(store).load() is not None
    assert main(["verify", "--db", store.path]) == 0
    assert "intact" in capsys.readouterr().out


def test_a_filing_that_cannot_be_written_is_not_kept_and_nothing_else_changes(
    store: SQLiteStore, tmp_path: Path
) -> None:
    """A cache whose folder cannot be made is declined, silently; the index is the same."""
    blocked = FilingCache(tmp_path / "a-file" / "filing")
    (tmp_path / "a-file").write_text("not a folder")
    index = EventIndex.from_store(store, cache=blocked, save_after=0)
    assert not blocked.path.exists()
    assert index.same_filing(EventIndex.from_store(store))
    assert not list(tmp_path.glob(".filing-*"))


def test_a_filing_is_replaced_whole(store: SQLiteStore) -> None:
    """Keeping a filing writes beside the file and renames it over: no temporary file is left
    and the old one is readable until the new one replaces it."""
    before = _cache(store).load()
    store.append([CorrectionMade.retract(next(iter(store.read())), on="2030-01-01", reason="x")])
    EventIndex.from_store(store, cache=_cache(store), save_after=0)
    after = _cache(store).load()
    assert before is not None
    assert after is not None
    assert before[0].position < after[0].position == len(store)
    assert not list(_cache(store).path.parent.glob(".filing-*"))


def test_a_big_ingest_keeps_the_filing_when_the_timeline_closes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Events filed in hand while ingesting are kept at close once they are many, so the next
    open reads the filing, not every event; a few events are not worth a file."""
    monkeypatch.setattr("projections.index.SAVE_AFTER", 30)
    path = tmp_path / "big.db"
    with Timeline.open(path) as timeline:
        timeline.ingest([SEEDS / "000_4893be50dab6b177.txt"])
        covered = len(timeline.store)
    assert covered >= 30
    with Timeline.open(path) as timeline:
        assert timeline.index.saved_rows == covered
        timeline.ingest([SEEDS / "003_1601c32a02956228.txt"])
        grown = len(timeline.store)
    kept = FilingCache.beside(path).load()
    assert kept is not None
    assert kept[0].position == (grown if grown - covered >= 30 else covered)


def test_a_restored_filing_knows_the_recommendations(store: SQLiteStore) -> None:
    """Which events are recommendations travels with the filing, so a report's list read from a
    restored index is the one the events give."""
    restored = EventIndex.from_store(store, cache=_cache(store), save_after=2**63)
    rebuilt = EventIndex.from_store(store)
    assert restored.saved_rows > 0
    recommendations = {e.id for e in store.read() if e.kind == "recommendation_made"}
    assert recommendations
    for event in store.read():
        assert restored.is_recommendation(event.id) == (event.id in recommendations)
        assert rebuilt.is_recommendation(event.id) == (event.id in recommendations)
