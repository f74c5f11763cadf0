"""Decoding's shortcuts answer as its checks do: shared dates and periods, fields counted rather
than compared, and every builder made at the first decode."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from strategies import corrections, primary_events

from events import AnyEvent, CodecError
from events.canonical import canonical_json
from events.codec import REGISTRY
from events.decoding import _plan, _planned, decode_canonical
from timeline.reading.reader import read_paths

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _body() -> dict[str, Any]:
    """A judgement from the seed documents as a canonical JSON object."""
    event = next(
        e for reading in read_paths([SEEDS]) for e in reading.events if e.kind == "judgement_issued"
    )
    body: dict[str, Any] = json.loads(canonical_json(event))
    return body


def _error(body: dict[str, Any]) -> str:
    with pytest.raises(CodecError) as caught:
        decode_canonical(json.dumps(body))
    return str(caught.value)


@pytest.mark.parametrize(
    ("start", "cached_end", "end"),
    [
        ({"year": 2019}, {"year": 2019}, {"year": 2019.0}),
        ({"year": 1}, {"year": 1}, {"year": True}),
        ({"year": 2019}, {"year": 2019, "month": 1}, {"year": 2019, "month": 1.0}),
        ({"year": 2019}, None, {"year": 2019, "zone": 1}),
        ({"year": 2019}, None, "2019"),
    ],
)
def test_a_cached_period_never_answers_for_an_end_that_only_equals_its_own(
    start: object, cached_end: object, end: object
) -> None:
    """A period is found by the whole-number parts of its dates: once cached, it never answers
    for an end whose parts merely compare equal to its own (2019.0, True), or that is no date."""
    body = _body()
    body["valid"] = {"start": start} if cached_end is None else {"start": start, "end": cached_end}
    decode_canonical(json.dumps(body))
    body["valid"] = {"start": start, "end": end}
    assert "cannot read period" in _error(body)


def test_an_explicit_null_end_reads_as_no_end() -> None:
    """``"end": null`` finds the period cached without an end."""
    body = _body()
    body["valid"] = {"start": {"year": 2019}}
    alone = decode_canonical(json.dumps(body))
    body["valid"] = {"start": {"year": 2019}, "end": None}
    assert decode_canonical(json.dumps(body)).valid is alone.valid


def test_periods_and_dates_are_shared_between_events() -> None:
    """Two events naming the same dates hold the same date and period objects."""
    body = _body()
    first = decode_canonical(json.dumps(body))
    body["wording"] = "judged again"
    second = decode_canonical(json.dumps(body))
    assert second.valid is first.valid
    assert second.known is first.known


@pytest.mark.parametrize("part", [1.0, True])
def test_a_cached_period_does_not_answer_for_parts_that_only_equal_its_own(part: object) -> None:
    """Like dates, a period is found by parts that are whole numbers, never by equal floats."""
    body = _body()
    body["valid"] = {"start": {"year": 2019, "month": 1}}
    decode_canonical(json.dumps(body))
    body["valid"] = {"start": {"year": 2019, "month": part}}
    assert "whole numbers" in _error(body)


def test_a_field_the_class_lacks_is_named_before_other_faults() -> None:
    """Fields are counted rather than compared up front, yet an extra field is still the error
    reported, even when a required field is missing or a value is wrong too."""
    body = _body()
    body["colour"] = "red"
    assert "no field 'colour'" in _error(body)
    body.pop("subject")
    assert "no field 'colour'" in _error(body)
    body["grade"] = "splendid"
    assert "no field 'colour'" in _error(body)
    body = _body()
    body["source"]["colour"] = "red"
    assert "a Source has no field 'colour'" in _error(body)
    body["subject"] = 5
    assert "expected text" in _error(body)  # a field read before the source fails first


@given(primary_events() | primary_events().flatmap(corrections))
def test_optional_fields_written_out_at_their_default_still_decode(event: AnyEvent) -> None:
    """A record that writes optional fields out at their default (which the canonical form
    leaves out) is not mistaken for one with fields the class lacks: it gives back the event."""
    body = json.loads(canonical_json(event))
    for field in attrs.fields(type(event)):
        if field.init and field.default is not attrs.NOTHING and field.name not in body:
            body[field.name] = json.loads(canonical_json(field.default))
    assert decode_canonical(json.dumps(body)) == event


def test_every_kind_has_its_builder_after_the_first_decode() -> None:
    """The first decode makes every kind's builder, so no query later pays for making one."""
    body = json.dumps(_body())
    _plan.cache_clear()
    _planned.clear()
    decode_canonical(body)
    made = _plan.cache_info().misses
    for cls in REGISTRY.values():
        _plan(cls)
    assert _plan.cache_info().misses == made >= len(REGISTRY)


@attrs.frozen(kw_only=True)
class _Undecodable:
    """A kind whose builder cannot be generated: canonical decoding has no sets."""

    tags: frozenset[str]


def test_a_kind_that_cannot_be_decoded_does_not_stop_the_others(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Making every builder at the first decode skips a kind that has none; the others decode."""
    body = json.dumps(_body())
    monkeypatch.setitem(REGISTRY, "undecodable", _Undecodable)
    _plan.cache_clear()
    _planned.clear()
    assert decode_canonical(body).kind == "judgement_issued"
    with pytest.raises(TypeError, match="no canonical decoding"):
        decode_canonical('{"@kind": "undecodable", "tags": []}')
