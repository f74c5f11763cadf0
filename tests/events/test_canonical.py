"""The fast canonical encoder must equal the defining one byte for byte: ids depend on it."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from strategies import corrections, partial_dates, primary_events, sources

from events import (
    Comparator,
    Direction,
    FindingRecorded,
    MetricObserved,
    Period,
    Polarity,
)
from events.canonical import canonical_json, canonical_reference, content_id
from timeline.reading.reader import read_paths

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

# Any text at all: escapes, astral characters, DEL and control characters are where a
# hand-rolled JSON encoder and json.dumps part ways.
ANY_TEXT = st.text(min_size=1, max_size=40).filter(lambda s: bool(s.strip()))


@st.composite
def odd_findings(draw: st.DrawFn) -> FindingRecorded:
    start, end = sorted(draw(partial_dates()) for _ in range(2))
    return FindingRecorded(
        subject=draw(ANY_TEXT),
        valid=Period(start, draw(st.none() | st.just(end))),
        known=end,
        source=draw(sources(quotes=st.text(max_size=40))),
        text=draw(st.text(max_size=80)),
        themes=tuple(draw(st.lists(st.text(max_size=10), max_size=3))),
        polarity=draw(st.sampled_from(Polarity)),
    )


@st.composite
def odd_metrics(draw: st.DrawFn) -> MetricObserved:
    when = draw(partial_dates())
    finite = st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(10**20), 10**20)
    return MetricObserved(
        subject=draw(ANY_TEXT),
        valid=Period(when),
        known=when,
        source=draw(sources()),
        metric=draw(ANY_TEXT),
        wording=draw(st.text(max_size=30)),
        value=draw(finite),
        unit=draw(st.text(max_size=5)),
        comparators=tuple(
            Comparator(name=draw(st.text(max_size=8)), value=draw(finite))
            for _ in range(draw(st.integers(0, 2)))
        ),
        direction=draw(st.sampled_from(Direction)),
    )


@given(st.one_of(primary_events(), odd_findings(), odd_metrics()))
def test_equal_to_the_definition_for_any_event(event: object) -> None:
    assert canonical_json(event) == canonical_reference(event)


@given(primary_events().flatmap(corrections))
def test_equal_to_the_definition_for_corrections(correction: object) -> None:
    assert canonical_json(correction) == canonical_reference(correction)


def test_equal_to_the_definition_on_every_seed_event() -> None:
    events = [e for reading in read_paths([SEEDS]) for e in reading.events]
    assert len(events) > 400
    for event in events:
        assert canonical_json(event) == canonical_reference(event)
        assert event.id == content_id(canonical_reference(event))
