"""The projection's six properties from issue 2, checked on generated event streams."""

from __future__ import annotations

import io
import itertools
import json
import tempfile
from pathlib import Path

from deepdiff import DeepDiff
from hypothesis import given
from hypothesis import strategies as st
from strategies import event_streams, query_dates

from events import (
    AnyEvent,
    JudgementIssued,
    MemoryStore,
    PartialDate,
    SQLiteStore,
    export_jsonl,
    import_jsonl,
)
from projections import EventIndex, Snapshot, Verdict, diff_states, find_conflicts, history
from projections.diff import flatten
from projections.inspections import group_inspections

# Written out rather than taken from ``Verdict.reversed`` so the test does not trust the code.
SWAPPED = {
    Verdict.IMPROVED: Verdict.REGRESSED,
    Verdict.REGRESSED: Verdict.IMPROVED,
    Verdict.NEW: Verdict.DROPPED,
    Verdict.DROPPED: Verdict.NEW,
    Verdict.PERSISTED: Verdict.PERSISTED,
    Verdict.UNCHANGED: Verdict.UNCHANGED,
    Verdict.CHANGED: Verdict.CHANGED,
}


def _dates_in(stream: list[AnyEvent]) -> list[PartialDate]:
    found = set()
    for event in stream:
        found.update((event.known, event.valid.start, event.valid.last))
    return sorted(found, key=PartialDate.sort_key)


@st.composite
def streams_with_dates(draw: st.DrawFn, max_dates: int = 3) -> tuple[list[AnyEvent], list]:
    """A stream and a few dates to query it at, mostly dates the stream itself mentions."""
    stream = draw(event_streams())
    pool = _dates_in(stream)
    dates = st.sampled_from(pool) | query_dates() if pool else query_dates()
    return stream, draw(st.lists(dates, min_size=1, max_size=max_dates, unique=True))


def observe(index: EventIndex, dates: list[PartialDate]) -> dict[object, object]:
    """Everything the projection answers: the state on every date its events mention and at
    the given dates as known on each other, its conflicts and every key's history."""
    seen: dict[object, object] = {
        (at, known): index.state_at(at, known) for at in dates for known in (None, *dates)
    }
    for at in _dates_in(list(index)):
        seen[(at, None)] = index.state_at(at)
    seen["conflicts"] = find_conflicts(index)
    for key in sorted({k[2] for k in index.keys(subject=None)}):
        seen[("history", key)] = history(index, key)
    return seen


@st.composite
def batches(draw: st.DrawFn, events: list[AnyEvent]) -> list[list[AnyEvent]]:
    """``events`` cut into consecutive batches at drawn points."""
    cuts = sorted(draw(st.sets(st.integers(0, len(events)), max_size=4)))
    edges = [0, *cuts, len(events)]
    return [events[a:b] for a, b in itertools.pairwise(edges)]


@given(data=st.data(), case=streams_with_dates())
def test_state_does_not_depend_on_append_order(data: st.DataObject, case: tuple) -> None:
    """Any order of appending the same events, in any batches, gives the same answers."""
    stream, dates = case
    shuffled = data.draw(st.permutations(stream))
    index = EventIndex()
    for batch in data.draw(batches(shuffled)):
        index.add(batch)
    assert observe(index, dates) == observe(EventIndex(stream), dates)


@given(data=st.data(), case=streams_with_dates())
def test_incremental_projection_equals_full_rebuild(data: st.DataObject, case: tuple) -> None:
    """After every appended batch, the incremental index answers as a rebuild of the prefix does."""
    stream, dates = case
    index = EventIndex()
    appended: list[AnyEvent] = []
    for batch in data.draw(batches(stream)):
        index.add(batch)
        appended.extend(batch)
        assert observe(index, dates) == observe(EventIndex(appended), dates)


@given(data=st.data(), case=streams_with_dates())
def test_snapshot_plus_later_events_equals_full_rebuild(data: st.DataObject, case: tuple) -> None:
    """A snapshot taken mid-stream, sent through JSON and extended, answers as a full rebuild."""
    stream, dates = case
    cut = data.draw(st.integers(0, len(stream)))
    snapshot = EventIndex(stream[:cut]).snapshot()
    wire = json.loads(json.dumps(snapshot.to_dict()))
    for restored in (
        EventIndex.from_snapshot(snapshot),
        EventIndex.from_snapshot(Snapshot.from_dict(wire)),
    ):
        restored.add(stream[cut:])
        assert observe(restored, dates) == observe(EventIndex(stream), dates)


@given(case=streams_with_dates())
def test_events_published_after_t_never_change_state_at_t(case: tuple) -> None:
    """Adding events known only after ``t`` leaves every state as known on ``t`` as it was."""
    stream, dates = case
    everything = EventIndex(stream)
    for t in sorted({*dates, *(e.known for e in stream)}, key=PartialDate.sort_key):
        before = EventIndex(e for e in stream if e.known.ordinal <= t.ordinal)
        assert everything.state_at(t) == before.state_at(t), t
        for at in dates:
            assert everything.state_at(at, known_at=t) == before.state_at(at, known_at=t)


@given(case=streams_with_dates())
def test_diff_of_a_date_with_itself_is_all_unchanged(case: tuple) -> None:
    """Comparing a state with itself calls every key unchanged (not persisted, not changed)."""
    stream, dates = case
    index = EventIndex(stream)
    for at in dates:
        state = index.state_at(at)
        changes = diff_states(state, index.state_at(at)).changes
        assert {c.verdict for c in changes} <= {Verdict.UNCHANGED}
        assert len(changes) == len(state.entries())


@given(case=streams_with_dates(max_dates=3))
def test_reversed_diff_swaps_improved_regressed_and_new_dropped(case: tuple) -> None:
    """``diff(b, a)`` reads ``diff(a, b)`` backwards: improved<->regressed, new<->dropped."""
    stream, dates = case
    index = EventIndex(stream)
    a, b, known = (dates * 3)[:3]
    for known_at in (None, known):
        sa, sb = index.state_at(a, known_at), index.state_at(b, known_at)
        forward = {(c.subject, c.kind, c.key): c for c in diff_states(sa, sb).changes}
        backward = {(c.subject, c.kind, c.key): c for c in diff_states(sb, sa).changes}
        assert forward.keys() == backward.keys() == sa.entries().keys() | sb.entries().keys()
        for key, change in forward.items():
            assert backward[key].verdict is SWAPPED[change.verdict], key
            assert (backward[key].before, backward[key].after) == (change.after, change.before)


def _stored_round_trips(stream: list[AnyEvent], folder: Path) -> None:
    unique = list(dict.fromkeys(stream))  # equal events have equal ids; first copies count
    memory = MemoryStore()
    sqlite = SQLiteStore(folder / "events.db")
    try:
        for store in (memory, sqlite):
            assert store.append(stream) == unique
            assert list(store.read()) == unique
            assert store.append(stream) == []
            assert store.append(reversed(stream)) == []
            assert list(store.read()) == unique
        sqlite.close()
        sqlite = SQLiteStore(folder / "events.db")
        assert list(sqlite.read()) == unique
        assert sqlite.verify() == []
        lines = io.StringIO()
        assert export_jsonl(sqlite, lines) == len(unique)
        lines.seek(0)
        imported = MemoryStore()
        assert import_jsonl(imported, lines) == unique
        assert list(imported.read()) == unique
    finally:
        sqlite.close()


@given(stream=event_streams(max_size=10))
def test_store_round_trips_are_exact_and_appends_idempotent(stream: list[AnyEvent]) -> None:
    """Memory, SQLite (reopened) and JSON Lines give back exactly the events, once each."""
    with tempfile.TemporaryDirectory() as folder:
        _stored_round_trips(stream, Path(folder))


@given(data=st.data(), case=streams_with_dates())
def test_index_filed_from_store_rows_equals_one_built_from_events(
    data: st.DataObject, case: tuple
) -> None:
    """An index filed from a SQLite store's columns, loading events only as queries read them,
    answers as an index built from the events themselves, whatever order they were stored in."""
    stream, dates = case
    with tempfile.TemporaryDirectory() as folder:
        store = SQLiteStore(Path(folder) / "events.db")
        try:
            for batch in data.draw(batches(data.draw(st.permutations(stream)))):
                store.append(batch)
            lazy = EventIndex.from_store(store)
            assert len(lazy) == len(set(stream))
            assert observe(lazy, dates) == observe(EventIndex(stream), dates)
        finally:
            store.close()


@given(case=streams_with_dates())
def test_latest_claims_are_the_latest_inspection_of_every_visible_claim(case: tuple) -> None:
    """Claims chosen by their entries' spans, loading only those, are exactly the latest
    inspection ``group_inspections`` finds among every visible claim of the bucket."""
    stream, dates = case
    index = EventIndex(stream)
    for key in (k for k in index.keys(subject=None) if k[1] == "judgement"):
        for at, known in itertools.product(dates, dates):
            day, known_day = at.ordinal, known.ordinal
            claims = [
                e for e in index.bucket(key, day, known_day) if isinstance(e, JudgementIssued)
            ]
            expected = group_inspections(claims, index.documents)[-1].claims if claims else ()
            chosen = index.latest_claims(key, day, known_day)
            assert {(c.id, c.grade, c.area) for c in chosen} == {
                (c.id, c.grade, c.area) for c in expected
            }


@given(stream=event_streams(max_size=10), data=st.data())
def test_appending_the_same_events_twice_changes_no_answer(
    stream: list[AnyEvent], data: st.DataObject
) -> None:
    """Re-adding events the projection has seen changes no state, conflict or history."""
    dates = data.draw(st.lists(query_dates(), min_size=1, max_size=2))
    index = EventIndex(stream)
    before = observe(index, dates)
    assert index.add(data.draw(st.permutations(stream))) == 0
    assert observe(index, dates) == before


@given(case=streams_with_dates(max_dates=3))
def test_verdict_is_not_unchanged_exactly_when_deepdiff_differs(case: tuple) -> None:
    """A key is anything but unchanged iff deepdiff sees its entry (level or evidence) differ."""
    stream, dates = case
    index = EventIndex(stream)
    a, b, known = (dates * 3)[:3]
    pairs = [(index.state_at(a, known), index.state_at(b))]
    published = sorted({e.known for e in stream}, key=PartialDate.sort_key)
    if published:  # the first and last publications: states that share the fewest keys
        pairs.append((index.state_at(published[0]), index.state_at(published[-1])))
    for sa, sb in pairs:
        flat_a, flat_b = flatten(sa), flatten(sb)
        for change in diff_states(sa, sb).changes:
            key = "\x1f".join((change.subject, change.kind, change.key))
            differs = bool(DeepDiff(flat_a.get(key), flat_b.get(key)))
            assert (change.verdict is not Verdict.UNCHANGED) == differs, change
            if change.verdict is Verdict.UNCHANGED:
                assert change.before == change.after
