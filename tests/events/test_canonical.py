"""The canonical form both ways: the fast encoder equals the definition byte for byte (ids
depend on it), and decoding gives back the event or names what is wrong."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import corrections, partial_dates, primary_events, sources

from events import (
    CodecError,
    Comparator,
    Direction,
    FindingRecorded,
    MetricObserved,
    Period,
    Polarity,
)
from events.canonical import canonical_json, canonical_reference, content_id
from events.decoding import decode_canonical
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


@given(st.one_of(primary_events(), odd_findings(), odd_metrics()))
def test_decoding_the_canonical_form_gives_back_the_event(event: object) -> None:
    text = canonical_json(event)
    back = decode_canonical(text, event_id=content_id(text))
    assert back == event
    assert canonical_json(back) == text


@given(primary_events().flatmap(corrections))
def test_decoding_gives_back_corrections(correction: object) -> None:
    assert decode_canonical(canonical_json(correction)) == correction


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda b: b.update(grade="splendid"), "not a Grade"),
        (lambda b: b.update(colour="red"), "no field 'colour'"),
        (lambda b: b.pop("subject"), "needs 'subject'"),
        (lambda b: b.update(known={"year": 2019, "month": 13}), "cannot read date"),
        (lambda b: b.update(known="2019-01"), "a date must be"),
        (lambda b: b["source"].update(start="0"), "whole number"),
        (lambda b: b["source"].update(quote="not what the span holds"), "cannot read a Source"),
        (lambda b: b.update({"@kind": "rumour_heard"}), "unknown event kind"),
    ],
)
def test_a_damaged_record_is_a_codec_error_naming_what_is_wrong(
    change: Callable[[dict[str, Any]], object], message: str
) -> None:
    event = next(
        e for reading in read_paths([SEEDS]) for e in reading.events if e.kind == "judgement_issued"
    )
    body = json.loads(canonical_json(event))
    change(body)
    with pytest.raises(CodecError, match=message):
        decode_canonical(json.dumps(body))


def test_a_record_whose_id_is_not_its_hash_is_refused() -> None:
    event = next(e for reading in read_paths([SEEDS]) for e in reading.events)
    with pytest.raises(CodecError, match="does not match its content"):
        decode_canonical(canonical_json(event), event_id="0" * 32)


def test_text_that_only_the_standard_parser_reads_still_decodes() -> None:
    """A lone surrogate in a finding's text (the quote refuses them) is valid canonical JSON
    that orjson refuses; decoding falls back to the standard parser and reads it."""
    finding = next(
        e for reading in read_paths([SEEDS]) for e in reading.events if e.kind == "finding_recorded"
    )
    odd = attrs.evolve(finding, text="broken \ud800 text")
    assert decode_canonical(canonical_json(odd)) == odd


def test_a_date_part_that_equals_a_whole_number_is_refused_even_once_that_date_is_known() -> None:
    """Decoding shares one object per date; a cached month 1 must not answer for 1.0 or true."""
    event = next(e for reading in read_paths([SEEDS]) for e in reading.events)
    body = json.loads(canonical_json(event))
    known = {"year": 2019, "month": 1}
    body["known"] = known
    decode_canonical(json.dumps(body))  # month 1 of 2019 is now cached
    for part in (1.0, True):
        body["known"] = {**known, "month": part}
        with pytest.raises(CodecError, match="whole numbers"):
            decode_canonical(json.dumps(body))
