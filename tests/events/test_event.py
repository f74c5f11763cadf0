"""Event records: content-derived ids, exact sources, immutability and corrections."""

from __future__ import annotations

import os
import subprocess
import sys

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import findings, judgements, metrics, primary_events, sources

from events import (
    Area,
    CorrectionAction,
    CorrectionMade,
    Direction,
    EventError,
    FindingRecorded,
    Grade,
    JudgementIssued,
    MetricObserved,
    PartialDate,
    Period,
    Polarity,
    Source,
)

TEXT = "Children's services in Buckinghamshire are inadequate"


def _judgement(**changes: object) -> JudgementIssued:
    fields: dict[str, object] = {
        "subject": "Buckinghamshire",
        "valid": Period.of("2017-11-06", "2017-11-30"),
        "known": PartialDate(2018, 1, 29),
        "source": Source.from_text(TEXT, 43, 53, document_id="a" * 64, file_name="002.txt"),
        "area": Area.OVERALL_EFFECTIVENESS,
        "wording": "Children's services",
        "grade": Grade.INADEQUATE,
    }
    fields.update(changes)
    return JudgementIssued(**fields)  # type: ignore[arg-type]


@given(primary_events())
def test_same_content_gives_the_same_id(event: object) -> None:
    """Rebuilding an event from the same fields gives an equal event with the same id."""
    again = attrs.evolve(event)  # type: ignore[misc]
    assert again.id == event.id  # type: ignore[attr-defined]
    assert again == event
    assert hash(again) == hash(event)


@given(primary_events())
def test_id_is_a_hex_digest(event: object) -> None:
    """Ids are 32 lowercase hex characters."""
    event_id = event.id  # type: ignore[attr-defined]
    assert len(event_id) == 32
    assert set(event_id) <= set("0123456789abcdef")


@pytest.mark.parametrize(
    "change",
    [
        {"subject": "Kent"},
        {"grade": Grade.GOOD},
        {"area": Area.LEADERSHIP},
        {"known": PartialDate(2018, 1)},
        {"valid": Period.of("2017-11-06")},
        {"published": PartialDate(2018, 1, 29)},
        {"source": Source.from_text(TEXT, 0, 8, document_id="a" * 64, file_name="002.txt")},
        {"source": Source.from_text(TEXT, 43, 53, document_id="b" * 64, file_name="002.txt")},
    ],
)
def test_id_changes_with_any_field(change: dict[str, object]) -> None:
    """Changing any field, the source included, gives another id."""
    assert _judgement(**change).id != _judgement().id


def test_kind_is_part_of_the_id() -> None:
    """Two kinds with the same field values do not share an id."""

    @attrs.frozen(kw_only=True)
    class Echo(JudgementIssued):
        kind = "echo"

    fields = {a.name: getattr(_judgement(), a.name) for a in attrs.fields(JudgementIssued)}
    assert Echo(**fields).id != _judgement().id


def test_id_does_not_depend_on_the_process() -> None:
    """The id is the same in a new interpreter with another hash seed (no ``hash()`` in it)."""
    script = (
        "from events import *\n"
        "text = " + repr(TEXT) + "\n"
        "j = JudgementIssued(subject='Buckinghamshire', valid=Period.of('2017-11-06', "
        "'2017-11-30'), known=PartialDate(2018, 1, 29), source=Source.from_text(text, 43, 53, "
        "document_id='a' * 64, file_name='002.txt'), area=Area.OVERALL_EFFECTIVENESS, "
        'wording="Children\'s services", grade=Grade.INADEQUATE)\n'
        "print(j.id)\n"
    )
    ids = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout.strip()
        for seed in ("1", "2")
    }
    assert ids == {_judgement().id}


def test_integer_and_float_values_are_the_same_figure() -> None:
    """``33`` and ``33.0`` are one value, so the figure has one id."""
    common = {
        "subject": "Buckinghamshire",
        "valid": Period.of("2017-10-31"),
        "known": PartialDate(2018, 1, 29),
        "source": Source.from_text("At 33%", 3, 6, document_id="a" * 64, file_name="002.txt"),
        "metric": "re_referral_rate",
        "wording": "re-referral rate",
        "unit": "percent",
    }
    assert MetricObserved(value=33, **common) == MetricObserved(value=33.0, **common)
    assert MetricObserved(value=33, **common).id == MetricObserved(value=33.0, **common).id


@given(st.text(max_size=40), st.data())
def test_source_from_text_quotes_its_span(text: str, data: st.DataObject) -> None:
    """``Source.from_text`` quotes exactly ``text[start:end]``."""
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    source = Source.from_text(text, start, end, document_id="a" * 64, file_name="x.txt")
    assert source.quote == text[start:end]
    assert (source.start, source.end) == (start, end)


@pytest.mark.parametrize(
    ("start", "end", "quote", "message"),
    [
        (0, 5, "abc", "does not fit span"),
        (0, 2, "abc", "does not fit span"),
        (-1, 2, "abc", "bad span"),
        (5, 2, "", "bad span"),
    ],
)
def test_quote_must_fit_its_span(start: int, end: int, quote: str, message: str) -> None:
    """A quote whose length is not its span's, or a backwards span, raises EventError."""
    with pytest.raises(EventError, match=message):
        Source(document_id="a" * 64, file_name="x.txt", start=start, end=end, quote=quote)


@given(primary_events(), st.sampled_from(["subject", "id", "known", "source"]))
def test_events_are_frozen(event: object, name: str) -> None:
    """No field of a stored event, its id included, can be assigned."""
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(event, name, "changed")


@given(sources())
def test_sources_are_frozen(source: Source) -> None:
    """A source cannot be edited after the fact."""
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        source.quote = "something else"  # type: ignore[misc]


@given(findings())
def test_themes_are_tuples(finding: FindingRecorded) -> None:
    """Collections on events are tuples, so events stay hashable."""
    assert isinstance(finding.themes, tuple)
    assert hash(finding) == hash(attrs.evolve(finding))


@pytest.mark.parametrize("subject", ["", "   "])
def test_an_event_needs_a_subject(subject: str) -> None:
    """A blank subject raises EventError."""
    with pytest.raises(EventError, match="subject"):
        _judgement(subject=subject)


@given(judgements(), st.sampled_from(Grade))
def test_retract_and_reclassify_point_at_their_target(
    judgement: JudgementIssued, grade: Grade
) -> None:
    """Corrections name the target's id, take their known date from ``on`` and keep the source."""
    retraction = CorrectionMade.retract(judgement, on="2020-01", reason="misread")
    assert (retraction.target, retraction.action) == (judgement.id, CorrectionAction.RETRACT)
    assert retraction.known == PartialDate(2020, 1)
    assert retraction.source == judgement.source
    fix = CorrectionMade.reclassify(judgement, on="2020-01-02", reason="misread", grade=grade)
    assert fix.action is CorrectionAction.RECLASSIFY
    corrected = fix.apply_to(judgement)
    assert isinstance(corrected, JudgementIssued)
    assert corrected.grade is grade
    assert attrs.evolve(corrected, grade=judgement.grade) == judgement


def test_reclassify_must_change_something() -> None:
    """A reclassification with no new values raises EventError."""
    with pytest.raises(EventError, match="must change something"):
        CorrectionMade.reclassify(_judgement(), on="2020", reason="nothing")


def test_reclassify_refuses_a_field_the_target_lacks() -> None:
    """A judgement has no polarity to reclassify."""
    with pytest.raises(EventError, match="no field 'polarity'"):
        CorrectionMade.reclassify(
            _judgement(), on="2020", reason="wrong", polarity=Polarity.POSITIVE
        )


@given(metrics(), st.sampled_from(Direction))
def test_reclassify_changes_only_the_fields_it_sets(
    metric: MetricObserved, direction: Direction
) -> None:
    """Applying a reclassification replaces the fields it sets and keeps the rest."""
    fix = CorrectionMade.reclassify(metric, on="2020", reason="catalogue", direction=direction)
    corrected = fix.apply_to(metric)
    assert isinstance(corrected, MetricObserved)
    assert corrected.direction is direction
    assert (corrected.value, corrected.source, corrected.valid) == (
        metric.value,
        metric.source,
        metric.valid,
    )


def test_fields_at_their_default_do_not_change_the_id() -> None:
    """A later version adding an optional field keeps the ids of events that leave it unset."""
    import attrs

    from events import FindingRecorded, PartialDate, Period, Polarity, Source

    @attrs.frozen(kw_only=True)
    class FindingRecordedV2(FindingRecorded):
        severity: str | None = None

    fields = {
        "subject": "Swindon",
        "valid": Period.of("2019-01"),
        "known": PartialDate.parse("2019-03"),
        "source": Source(document_id="d", file_name="f.txt", start=0, end=5, quote="Plans"),
        "text": "Plans",
        "polarity": Polarity.NEGATIVE,
    }
    assert FindingRecordedV2(**fields).id == FindingRecorded(**fields).id
    assert FindingRecordedV2(**fields, severity="high").id != FindingRecorded(**fields).id


def test_figures_must_be_finite_and_quotes_valid_text() -> None:
    """NaN figures and quotes holding lone surrogates are refused with EventError."""
    from events import Comparator, EventError, Source

    with pytest.raises(EventError, match="finite"):
        Comparator(name="england_average", value=float("nan"))
    with pytest.raises(EventError, match="surrogate"):
        Source(document_id="d", file_name="f.txt", start=0, end=1, quote="\ud800")
