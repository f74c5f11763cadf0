"""Grouping claims into inspections: the quick forms equal the rules as first written."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from events import Area, Grade, Hand, JudgementIssued, PartialDate, Period, Source
from projections.index import true_before
from projections.inspections import MARGIN_DAYS, Inspection, _dates, chain_spans

SPANS = st.lists(
    st.tuples(st.integers(0, 2000), st.integers(0, 400), st.text("abc", min_size=1, max_size=3)),
    max_size=12,
).map(lambda found: [(start, start + length, name) for start, length, name in found])


def _by_definition(spans: list[tuple[int, int, str]]) -> list[list[str]]:
    """Spans widened by the margin, sorted, and chained while they overlap."""
    groups: list[list[str]] = []
    reach = None
    for start, end, name in sorted((s - MARGIN_DAYS, e + MARGIN_DAYS, i) for s, e, i in spans):
        if reach is None or start > reach:
            groups.append([name])
            reach = end
        else:
            groups[-1].append(name)
            reach = max(reach, end)
    return groups


@given(SPANS)
def test_chaining_spans_equals_chaining_the_widened_spans(
    spans: list[tuple[int, int, str]],
) -> None:
    """Widening the gap a span must leave, not every span, makes the same groups in the same
    order."""
    assert chain_spans(spans) == _by_definition(spans)


def _day(number: int) -> PartialDate:
    return PartialDate.from_date(dt.date.fromordinal(735000 + number))


def _claim(made: tuple[int, int], published: int | None, grade: Grade) -> JudgementIssued:
    text = "judged inadequate"
    return JudgementIssued(
        subject="Fenborough",
        valid=Period(_day(made[0]), _day(made[1])),
        known=_day(made[1] + 30),
        source=Source.from_text(text, 0, len(text), document_id="d", file_name="d.txt"),
        area=Area.OVERALL_EFFECTIVENESS,
        wording=text,
        grade=grade,
        hand=Hand.SECOND,
        published=None if published is None else _day(published),
    )


CLAIMS = st.lists(
    st.builds(
        _claim,
        st.tuples(st.integers(0, 300), st.integers(0, 60)).map(lambda p: (p[0], p[0] + p[1])),
        st.none() | st.integers(0, 400),
        st.sampled_from([Grade.GOOD, Grade.INADEQUATE]),
    ),
    min_size=1,
    max_size=5,
)


@given(CLAIMS)
def test_disagreements_check_each_pair_once_as_every_pair_would(
    claims: list[JudgementIssued],
) -> None:
    """Agreeing is symmetric and every claim agrees with itself, so checking each pair once finds
    what checking every ordered pair (a claim with itself too) finds."""

    def agree(a: JudgementIssued, b: JudgementIssued) -> bool:
        return any(s1 <= e2 and s2 <= e1 for s1, e1 in _dates(a) for s2, e2 in _dates(b))

    expected = []
    if len({c.grade for c in claims}) > 1:
        expected.append("grade")
    if any(not agree(a, b) for a in claims for b in claims):
        expected.append("date")
    assert Inspection(tuple(claims)).disagreements() == tuple(expected)


@given(st.integers(-(10**6), 10**7), st.integers(-9, 9))
def test_the_true_before_bound_is_the_day_test(day: int, offset: int) -> None:
    """An entry's valid code is below the bound exactly when its day (the code's quarter,
    rounded down) is by ``day``: codes around the day's own are where the two could part."""
    code = 4 * day + offset
    assert (code < true_before(day)) == (code >> 2 <= day)


def test_an_inspection_with_no_claims_has_no_disagreements() -> None:
    """An empty inspection disagrees on nothing, as it did before pairs were checked once."""
    assert Inspection(()).disagreements() == ()
