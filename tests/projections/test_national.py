"""England's distributions and movements agree with each authority's own state and history."""

from __future__ import annotations

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import AREAS, SUBJECTS, event_streams, inspection_reports, query_dates

from events import (
    Area,
    DocumentKind,
    DocumentRecorded,
    Framework,
    Grade,
    Hand,
    JudgementIssued,
    PartialDate,
    Period,
    Source,
)
from projections import EventIndex, Member, Movements, england, movements
from projections.national import NO_JUDGEMENT

# One authority the streams never mention: it must be counted, with no judgement.
MEMBERS = (
    Member(name=SUBJECTS[0], region="South East", type="County"),
    Member(name=SUBJECTS[1], region="South East", type="County"),
    Member(name="Rutland", region="East Midlands", type="Unitary Authority"),
)


@given(stream=event_streams(), reports=inspection_reports(), at=query_dates(), later=query_dates())
def test_every_count_is_each_authoritys_own_grade(
    stream: list, reports: list, at: PartialDate, later: PartialDate
) -> None:
    """Each authority counted once per area, under the grade its own state holds on the date
    (as known then, or as known later), with 'no judgement' where the state has none; a
    group's distributions add up to England's."""
    index = EventIndex(reports + stream)
    known_at = max(at, later)
    for known in (None, known_at):
        picture = england(index, MEMBERS, at, known, by="region", areas=AREAS)
        state = index.state_at(at, known)
        for area in AREAS:
            whole = picture.distribution(area)
            assert sum(whole.counts().values()) == len(MEMBERS)
            for holding in whole.holdings:
                assert holding.grade is state.grade(holding.subject, area)
            regions = [picture.distribution(area, r) for r in ("East Midlands", "South East")]
            for key, count in whole.counts().items():
                assert sum(r.counts()[key] for r in regions) == count
        assert picture.distribution(AREAS[0]).counts()[NO_JUDGEMENT] >= 1  # Rutland


@given(reports=inspection_reports(), retold=st.data(), until=query_dates())
def test_a_movement_compares_an_authoritys_last_two_inspections(
    reports: list, retold: st.DataObject, until: PartialDate
) -> None:
    """Every authority whose last two reports by the date share a framework moves exactly once
    per area, between those two, with the verdict the grades' order gives; grades retold by
    later documents are not inspections and change none of that."""
    claims = [e for e in reports if isinstance(e, JudgementIssued)]
    retellings = [
        attrs.evolve(
            claim,
            hand=Hand.SECOND,
            source=attrs.evolve(claim.source, document_id="9" * 64, file_name="news.txt"),
            known=PartialDate(claim.known.year + 1),
        )
        for claim in retold.draw(
            st.lists(st.sampled_from(claims), max_size=4) if claims else st.just([])
        )
    ]
    moved = movements(EventIndex(reports), SUBJECTS, until, areas=AREAS)
    with_retellings = movements(EventIndex(reports + retellings), SUBJECTS, until, areas=AREAS)
    assert _believed(with_retellings) == _believed(moved)
    for area in AREAS:
        found = moved.of(area)
        assert len({m.subject for m in found}) == len(found)
        assert sum(moved.counts(area).values()) == len(found)
        for subject in SUBJECTS:
            own = list(_own_reports(reports, subject, area, until).values())
            latest_pair = len(own) >= 2 and own[-1] == own[-2]
            assert (subject in {m.subject for m in found}) == latest_pair
        for movement in found:
            before, after = movement.before.believed, movement.after.believed
            if after.grade.rank > before.grade.rank:
                assert movement.verdict == "improved"
            elif after.grade.rank < before.grade.rank:
                assert movement.verdict == "declined"
            else:
                assert movement.verdict in ("retained_good", "retained_weak")
            own = _own_reports(reports, movement.subject, area, until)
            family = [y for y, f in own.items() if f == movement.framework]
            assert after.valid.start.year == family[-1]
            assert before.valid.start.year == family[-2]


def _believed(moved: Movements) -> list[tuple[object, ...]]:
    """Each movement's authority, area, verdict and the two claims believed (a retelling joins
    an inspection's claims without being believed over its report)."""
    return [
        (m.subject, m.area, m.verdict, m.before.believed, m.after.believed) for m in moved.movements
    ]


def _own_reports(reports: list, subject: str, area: Area, until: PartialDate) -> dict[int, str]:
    """A subject's report years with a grade for ``area`` known by ``until``, to their family."""
    families = {e.document_id: e.framework for e in reports if isinstance(e, DocumentRecorded)}
    own = {}
    for e in reports:
        mine = isinstance(e, JudgementIssued) and e.subject == subject and e.area is area
        if mine and e.known.ordinal <= until.ordinal:
            framework = families[e.source.document_id]
            own[e.valid.start.year] = "sif" if framework is Framework.SIF else "ilacs"
    return dict(sorted(own.items()))


def test_no_stream_no_grade() -> None:
    """An empty timeline counts every authority as not yet judged."""
    picture = england(EventIndex([]), MEMBERS, "2024-03-31")
    counts = picture.distribution(Area.OVERALL_EFFECTIVENESS).counts()
    assert counts[NO_JUDGEMENT] == len(MEMBERS)
    assert picture.axis == "publication"
    assert movements(EventIndex([]), SUBJECTS, "2024").movements == ()


def test_counted_from_inspection_when_known_later() -> None:
    """With a later ``known_at`` a grade counts from its inspection (the axis says so)."""
    later = england(EventIndex([]), MEMBERS, "2024-03-31", "2026-01-01")
    assert later.axis == "inspection"
    assert later.to_dict()["counted_from"] == "inspection"


def _report(subject: str, day: str, grade: Grade, framework: Framework, n: int) -> list:
    """An inspection report's record and its own overall grade, as the reader writes them."""
    text = f"Overall effectiveness {grade.value}"
    source = Source.from_text(text, 0, len(text), document_id=f"{n}" * 64, file_name=f"{n}.pdf")
    when = PartialDate.coerce(day)
    record = DocumentRecorded(
        subject=subject,
        valid=Period(when),
        known=when,
        source=source,
        document_id=source.document_id,
        document_kind=DocumentKind.INSPECTION_REPORT,
        title="Inspection",
        file_name=source.file_name,
        published=when,
        framework=framework,
    )
    claim = JudgementIssued(
        subject=subject,
        valid=Period(when),
        known=when,
        source=source,
        area=Area.OVERALL_EFFECTIVENESS,
        wording="Overall effectiveness",
        grade=grade,
    )
    return [record, claim]


def test_movements_between_the_last_two_inspections_of_one_framework() -> None:
    """SIF then two ILACS (one from 2023, the same family): the ILACS pair moves; an authority
    whose last two are a SIF and an ILACS inspection has no movement."""
    ri, good, inadequate = Grade.REQUIRES_IMPROVEMENT, Grade.GOOD, Grade.INADEQUATE
    events = [
        *_report("Kent", "2015-03-01", good, Framework.SIF, 1),
        *_report("Kent", "2019-03-01", ri, Framework.ILACS, 2),
        *_report("Kent", "2023-06-01", good, Framework.ILACS_2023, 3),
        *_report("Rutland", "2016-03-01", inadequate, Framework.SIF, 4),
        *_report("Rutland", "2021-03-01", good, Framework.ILACS, 5),
    ]
    moved = movements(EventIndex(events), ["Kent", "Rutland"], "2024-03-31")
    [kent] = moved.of()
    assert (kent.subject, kent.framework, kent.verdict) == ("Kent", "ilacs", "improved")
    assert kent.before.believed.grade is ri
    assert moved.counts() == {"improved": 1, "retained_good": 0, "retained_weak": 0, "declined": 0}
    # Before the 2023 report is known, Kent's last two are the SIF and the first ILACS apart.
    assert movements(EventIndex(events), ["Kent"], "2022-01-01").movements == ()


@settings(max_examples=200, deadline=None)
@given(
    stream=event_streams(),
    reports=inspection_reports(),
    split=st.integers(min_value=0, max_value=10_000),
    dates=st.lists(st.tuples(query_dates(), query_dates()), min_size=1, max_size=4),
)
def test_remembered_answers_match_a_fresh_index_after_appends(
    stream: list, reports: list, split: int, dates: list
) -> None:
    """England and movements asked of an index filled in two batches, with the same questions
    asked in between (so remembered answers are at hand), equal those of a fresh index of every
    event: filing new events forgets what the index remembered."""
    events = reports + stream
    cut = split % (len(events) + 1)
    names = [m.name for m in MEMBERS]
    grown = EventIndex(events[:cut])

    def ask(index: EventIndex) -> list:
        answers = []
        for at, later in dates:
            for known in (None, max(at, later, key=lambda d: d.ordinal)):
                answers.append(england(index, MEMBERS, at, known, by="region").to_dict(listed=True))
                answers.append(movements(index, names, at, known, areas=list(Area)).to_dict())
        return answers

    ask(grown)
    ask(grown)
    grown.add(events[cut:])
    assert ask(grown) == ask(EventIndex(events))
    assert ask(grown) == ask(EventIndex(events))


def test_a_report_filed_between_two_known_ones_is_not_answered_from_memory() -> None:
    """Asked on mid-2020, the index remembers the 2018 and 2020 reports' answer; a 2019 report
    added later makes the first two reports known by mid-2019 the 2018 and 2019 ones. The same
    count of entries then means other entries: the remembered answer must be dropped."""
    subject = SUBJECTS[0]
    index = EventIndex(
        _report(subject, "2018-03-01", Grade.INADEQUATE, Framework.ILACS, 1)
        + _report(subject, "2020-03-01", Grade.GOOD, Framework.ILACS, 2)
    )

    def grade(at: str) -> Grade | None:
        picture = england(index, MEMBERS, at)
        (held,) = [h for h in picture.distribution(Area.OVERALL_EFFECTIVENESS).holdings
                   if h.subject == subject]  # fmt: skip
        return held.grade

    assert grade("2020-06-01") is Grade.GOOD
    assert grade("2019-06-01") is Grade.INADEQUATE
    index.add(_report(subject, "2019-03-01", Grade.REQUIRES_IMPROVEMENT, Framework.ILACS, 3))
    assert grade("2019-06-01") is Grade.REQUIRES_IMPROVEMENT
    assert grade("2020-06-01") is Grade.GOOD


@settings(max_examples=200, deadline=None)
@given(
    stream=event_streams(),
    reports=inspection_reports(),
    dates=st.lists(st.tuples(query_dates(), query_dates()), min_size=2, max_size=8),
)
def test_remembered_answers_across_dates_are_each_states_own(
    stream: list, reports: list, dates: list
) -> None:
    """One index asked about many dates, as known then and as known later, answers each with
    the judgement view its own state holds: an answer remembered from another date is used
    only where that date reads the same claims."""
    index = EventIndex(reports + stream)
    for at, later in dates:
        for known in (None, max(at, later, key=lambda d: d.ordinal)):
            picture = england(index, MEMBERS, at, known, areas=AREAS)
            state = index.state_at(at, known)
            for area in AREAS:
                for holding in picture.distribution(area).holdings:
                    own = state.subjects.get(holding.subject)
                    view = None if own is None else own.judgements.get(area.value)
                    assert holding.view == view
