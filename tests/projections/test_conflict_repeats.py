"""Conflicts group a claim a document tells more than once (minutes repeat paragraphs)."""

from __future__ import annotations

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import event_streams

from events import (
    AnyEvent,
    Area,
    DocumentKind,
    Grade,
    Hand,
    JudgementIssued,
    PartialDate,
    Period,
    Source,
)
from projections import EventIndex, find_conflicts

MINUTES = "The committee noted that Ofsted judged children's services good in 2019. " * 2


def _repeat(claim: JudgementIssued, shift: int) -> JudgementIssued:
    """The same words again further down the same document."""
    s = claim.source
    return attrs.evolve(
        claim, source=attrs.evolve(s, start=s.start + shift, end=s.end + shift, quote=s.quote)
    )


def _said(claim: AnyEvent) -> tuple[object, ...]:
    value = getattr(claim, "grade", getattr(claim, "value", None))
    words = " ".join(claim.source.quote.split()).casefold()
    return (claim.source.document_id, words, value, claim.valid, claim.known)


def test_minutes_telling_a_grade_twice_make_one_claim_told_twice() -> None:
    said = len(MINUTES) // 2
    sources = [
        Source.from_text(
            MINUTES,
            start,
            start + said - 1,
            document_id="m" * 64,
            file_name="minutes.txt",
            document_kind=DocumentKind.COUNCIL_MINUTES,
        )
        for start in (0, said)
    ]
    retold = [
        JudgementIssued(
            subject="Kent",
            valid=Period.of("2019"),
            known=PartialDate(2022, 3, 1),
            source=source,
            area=Area.OVERALL_EFFECTIVENESS,
            wording="good",
            grade=Grade.GOOD,
            hand=Hand.SECOND,
        )
        for source in sources
    ]
    report = JudgementIssued(
        subject="Kent",
        valid=Period.of("2019-03-04", "2019-03-15"),
        known=PartialDate(2019, 4, 20),
        source=Source.from_text(
            "Overall effectiveness Requires improvement to be good",
            0,
            52,
            document_id="r" * 64,
            file_name="report.txt",
            document_kind=DocumentKind.INSPECTION_REPORT,
        ),
        area=Area.OVERALL_EFFECTIVENESS,
        wording="Requires improvement to be good",
        grade=Grade.REQUIRES_IMPROVEMENT,
    )
    (conflict,) = find_conflicts(EventIndex([report, *retold]))
    assert [c.source.file_name for c in conflict.claims] == ["report.txt", "minutes.txt"]
    data = conflict.to_dict()["claims"]
    assert data[0]["repeated_at"] == []
    assert data[1]["repeated_at"] == [[said, 2 * said - 1]]


@settings(max_examples=200, deadline=None)
@given(stream=event_streams(min_size=1, max_size=10), shifts=st.lists(st.integers(1, 5000)))
def test_no_conflict_lists_one_claim_twice(stream: list[AnyEvent], shifts: list[int]) -> None:
    """Whatever the stream and the repeats added: within a conflict the claims are said
    differently, each repeat sits under a claim said the same way, and nothing is lost."""
    judgements = [e for e in stream if isinstance(e, JudgementIssued)]
    repeats = [_repeat(c, n) for c, n in zip(judgements, shifts, strict=False)]
    for conflict in find_conflicts(EventIndex([*stream, *repeats])):
        kept = [_said(c) for c in conflict.claims]
        assert len(kept) == len(set(kept))
        by_id = {c.id: c for c in conflict.claims}
        for original, told in conflict.repeats.items():
            assert all(_said(t) == _said(by_id[original]) for t in told)
        data = conflict.to_dict()["claims"]
        assert [len(d["repeated_at"]) for d in data] == [
            len(conflict.repeats.get(c.id, ())) for c in conflict.claims
        ]
