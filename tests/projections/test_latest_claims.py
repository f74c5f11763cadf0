"""Choosing a judgement's latest inspection from entries, loading only its claims."""

from __future__ import annotations

from events import (
    Area,
    CorrectionMade,
    Grade,
    JudgementIssued,
    PartialDate,
    Period,
    Source,
)
from projections import EventIndex

KEY = ("Kent", "judgement", Area.OVERALL_EFFECTIVENESS.value)


def _claim(when: str, grade: Grade) -> JudgementIssued:
    text = f"Overall effectiveness: {grade.value}"
    return JudgementIssued(
        subject="Kent",
        valid=Period(PartialDate.parse(when)),
        known=PartialDate.parse(when),
        source=Source.from_text(text, 0, len(text), document_id=when * 6, file_name=f"{when}.txt"),
        area=Area.OVERALL_EFFECTIVENESS,
        wording="Overall effectiveness",
        grade=grade,
    )


def test_a_withdrawn_claim_no_longer_joins_two_inspections() -> None:
    """January and September 2015 are more than 240 days apart, so they are two inspections,
    unless a May claim bridges them; once that claim is retracted they part again."""
    january, may, september = (
        _claim("2015-01-10", Grade.INADEQUATE),
        _claim("2015-05-10", Grade.INADEQUATE),
        _claim("2015-09-10", Grade.GOOD),
    )
    index = EventIndex([january, may, september])
    end = PartialDate(2016).ordinal
    assert {c.id for c in index.latest_claims(KEY, end, end)} == {january.id, may.id, september.id}
    index.add([CorrectionMade.retract(may, on="2015-12-01", reason="misread")])
    assert {c.id for c in index.latest_claims(KEY, end, end)} == {september.id}
    before = PartialDate(2015, 11).ordinal
    assert len(index.latest_claims(KEY, end, before)) == 3
