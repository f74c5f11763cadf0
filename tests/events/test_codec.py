"""The codec: exact round trips, schema versions, upcasting and tamper detection."""

from __future__ import annotations

import copy
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import (
    corrections,
    documents_recorded,
    event_streams,
    findings,
    judgements,
    metrics,
    partial_dates,
    periods,
    recommendations,
    reorganisations,
    sources,
)

from events import (
    SCHEMA_VERSION,
    AnyEvent,
    Area,
    CodecError,
    FindingRecorded,
    Grade,
    JudgementIssued,
    PartialDate,
    Period,
    Polarity,
    SchemaVersionError,
    Source,
    codec,
    decode,
    dump_jsonl,
    encode,
    from_json,
    load_jsonl,
    to_json,
)

_TEXT = "Children's services in Buckinghamshire are inadequate. Visits are not always timely."
_SOURCE = Source.from_text(_TEXT, 0, 53, document_id="a" * 64, file_name="002.txt")
_JUDGEMENT = JudgementIssued(
    subject="Buckinghamshire",
    valid=Period.of("2017-11-06", "2017-11-30"),
    known=PartialDate(2018, 1, 29),
    published=PartialDate(2018, 1, 29),
    source=_SOURCE,
    area=Area.OVERALL_EFFECTIVENESS,
    wording="Children's services in Buckinghamshire are",
    grade=Grade.REQUIRES_IMPROVEMENT,
)
_FINDING = FindingRecorded(
    subject="Buckinghamshire",
    valid=Period.of("2018-01"),
    known=PartialDate(2018, 1, 29),
    source=Source.from_text(_TEXT, 55, 84, document_id="a" * 64, file_name="002.txt"),
    text="Visits are not always timely.",
    themes=("visits",),
    polarity=Polarity.NEGATIVE,
)

EVERY_KIND = {
    "document_recorded": documents_recorded(),
    "judgement_issued": judgements(),
    "finding_recorded": findings(),
    "metric_observed": metrics(values=st.floats(allow_nan=False, allow_infinity=False)),
    "recommendation_made": recommendations(),
    "authority_reorganised": reorganisations(),
    "correction_made": judgements().flatmap(corrections) | findings().flatmap(corrections),
}


def test_every_registered_kind_has_a_strategy() -> None:
    """The round-trip tests below cover every kind the codec knows."""
    assert set(codec.REGISTRY) == set(EVERY_KIND)


@pytest.mark.parametrize("kind", sorted(EVERY_KIND))
def test_round_trip_is_exact_for_every_kind(kind: str) -> None:
    """Dict and JSON round trips give back an equal event with the same id, for every kind."""

    @given(EVERY_KIND[kind])
    def check(event: AnyEvent) -> None:
        assert event.kind == kind
        record = encode(event)
        assert decode(record) == event
        assert decode(json.loads(json.dumps(record))).id == event.id
        text = to_json(event)
        assert from_json(text) == event
        assert to_json(from_json(text)) == text

    check()


@given(
    st.text(),
    st.lists(st.text(max_size=5), max_size=3).map(tuple),
    sources(quotes=st.text(max_size=20)),
    periods(partial_dates()),
    partial_dates(),
)
def test_round_trip_keeps_any_text_and_date(
    text: str, themes: tuple[str, ...], source: object, valid: object, known: object
) -> None:
    """Any unicode text and any date of any precision survive a JSON round trip."""
    finding = FindingRecorded(
        subject="Somewhere",
        valid=valid,  # type: ignore[arg-type]
        known=known,  # type: ignore[arg-type]
        source=source,  # type: ignore[arg-type]
        text=text,
        themes=themes,
        polarity=Polarity.MIXED,
    )
    assert from_json(to_json(finding)) == finding


@given(judgements())
def test_record_carries_schema_version_kind_and_id(event: AnyEvent) -> None:
    """Each record is ``{"schema", "kind", "id", "event"}`` with the current schema version."""
    record = encode(event)
    assert set(record) == {"schema", "kind", "id", "event"}
    assert (record["schema"], record["kind"], record["id"]) == (
        SCHEMA_VERSION,
        event.kind,
        event.id,
    )
    assert "id" not in record["event"]
    assert json.loads(to_json(event))["schema"] == SCHEMA_VERSION


@given(judgements())
def test_vocabulary_is_written_as_plain_strings(event: AnyEvent) -> None:
    """Grades, areas and dates are written as their documented strings."""
    body = encode(event)["event"]
    assert body["grade"] in {"outstanding", "good", "requires_improvement", "inadequate"}
    assert body["area"] == event.area.value  # type: ignore[union-attr]
    assert body["known"] == event.known.isoformat()
    assert Grade(body["grade"]) is event.grade  # type: ignore[union-attr]


def test_equal_events_give_equal_text() -> None:
    """JSON keys are sorted, so one event always serialises to the same line."""
    text = to_json(_JUDGEMENT)
    assert to_json(decode(json.loads(text))) == text
    assert list(json.loads(text)) == sorted(json.loads(text))
    assert list(json.loads(text)["event"]) == sorted(json.loads(text)["event"])


@pytest.mark.parametrize("newer", [SCHEMA_VERSION + 1, SCHEMA_VERSION + 10])
def test_newer_schema_version_is_refused(newer: int) -> None:
    """A record from a newer schema raises SchemaVersionError (a CodecError) with a hint."""
    record = encode(_JUDGEMENT)
    record["schema"] = newer
    with pytest.raises(SchemaVersionError, match="upgrade") as caught:
        decode(record)
    assert isinstance(caught.value, CodecError)
    assert caught.value.value == newer


@pytest.mark.parametrize("version", [None, 0, "1", 1.0, -1])
def test_record_without_a_valid_schema_version_is_refused(version: object) -> None:
    """A missing or malformed schema version raises CodecError, not a crash."""
    record = encode(_JUDGEMENT)
    record["schema"] = version
    with pytest.raises(CodecError, match="schema version"):
        decode(record)


def _rename(record: dict, old: str, new: str) -> dict:
    record = copy.deepcopy(record)
    record["event"][new] = record["event"].pop(old)
    return record


def test_upcaster_chain_reads_older_records(monkeypatch: pytest.MonkeyPatch) -> None:
    """Records two versions old pass through each upcaster in turn, oldest first."""
    # Pretend the current schema is two versions on, and that a v1 record called the subject
    # "authority" and a v2 record called it "la": each upcaster renames one step.
    current = SCHEMA_VERSION + 2
    monkeypatch.setattr(codec, "SCHEMA_VERSION", current)
    monkeypatch.setattr(
        codec,
        "UPCASTERS",
        {
            SCHEMA_VERSION: lambda r: _rename(r, "authority", "la"),
            SCHEMA_VERSION + 1: lambda r: _rename(r, "la", "subject"),
        },
    )
    oldest = _rename(encode(_JUDGEMENT), "subject", "authority")
    oldest["schema"] = SCHEMA_VERSION
    middle = _rename(encode(_JUDGEMENT), "subject", "la")
    middle["schema"] = SCHEMA_VERSION + 1
    assert decode(oldest) == _JUDGEMENT
    assert decode(middle) == _JUDGEMENT
    assert encode(_JUDGEMENT)["schema"] == current
    assert oldest["event"]["authority"] == _JUDGEMENT.subject  # the input is not mutated


def test_old_record_without_an_upcaster_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without an upcaster, an old record whose fields no longer match raises CodecError."""
    monkeypatch.setattr(codec, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setattr(codec, "UPCASTERS", {SCHEMA_VERSION: lambda r: r})
    old = _rename(encode(_JUDGEMENT), "subject", "authority")
    old["schema"] = SCHEMA_VERSION
    with pytest.raises(CodecError, match="cannot read judgement_issued"):
        decode(old)


@given(event_streams(min_size=1, max_size=3))
def test_altered_id_is_refused(stream: list[AnyEvent]) -> None:
    """A record whose id is not its content's raises CodecError."""
    record = encode(stream[0])
    record["id"] = "0" * 32
    with pytest.raises(CodecError, match="does not match its content"):
        decode(record)


def test_altered_content_is_refused() -> None:
    """Editing a field but keeping the old id raises CodecError."""
    record = encode(_JUDGEMENT)
    record["event"]["grade"] = "good"
    with pytest.raises(CodecError, match="altered"):
        decode(record)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda r: r.update(kind="rumour_heard"), "unknown event kind"),
        (lambda r: r["event"].update(colour="red"), "cannot read"),
        (lambda r: r["event"].pop("grade"), "cannot read"),
        (lambda r: r["event"].update(grade="excellent"), "cannot read"),
        (lambda r: r["event"].update(known="2018-13"), "cannot read"),
        (lambda r: r.pop("event"), "cannot read"),
    ],
)
def test_malformed_records_raise_codec_error(edit: object, message: str) -> None:
    """Unknown kinds, extra or missing fields and bad values raise CodecError."""
    record = copy.deepcopy(encode(_JUDGEMENT))
    edit(record)  # type: ignore[operator]
    with pytest.raises(CodecError, match=message):
        decode(record)


@pytest.mark.parametrize("text", ["[]", '"record"', "{", ""])
def test_from_json_refuses_what_is_not_a_record(text: str) -> None:
    """Text that is not a JSON object raises CodecError naming where it was read."""
    with pytest.raises(CodecError) as caught:
        from_json(text, path="events.jsonl", line=3)
    assert (caught.value.path, caught.value.line) == ("events.jsonl", 3)
    assert str(caught.value).startswith("events.jsonl:3: ")


@given(event_streams(max_size=6))
def test_json_lines_round_trip(stream: list[AnyEvent]) -> None:
    """Dumping events as JSON Lines and loading them gives the same events in order."""
    out = io.StringIO()
    assert dump_jsonl(stream, out) == len(stream)
    assert out.getvalue().count("\n") == len(stream)
    assert load_jsonl(io.StringIO(out.getvalue())) == stream


def test_truncated_last_line_is_refused_with_its_line_number() -> None:
    """A JSON Lines file cut off mid-record raises CodecError for that line and returns nothing."""
    out = io.StringIO()
    dump_jsonl([_JUDGEMENT, _FINDING], out)
    cut = out.getvalue()[:-20]
    with pytest.raises(CodecError, match="not valid JSON") as caught:
        load_jsonl(io.StringIO(cut), path="events.jsonl")
    assert caught.value.line == 2


def test_blank_lines_are_skipped() -> None:
    """Blank lines between records are ignored."""
    text = f"\n{to_json(_JUDGEMENT)}\n\n{to_json(_FINDING)}\n\n"
    assert load_jsonl(io.StringIO(text)) == [_JUDGEMENT, _FINDING]
