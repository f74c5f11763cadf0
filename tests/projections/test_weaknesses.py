"""What reports named for improvement: per authority across two reports, and across England."""

from __future__ import annotations

import pytest
from hypothesis import event as tally
from hypothesis import given
from hypothesis import strategies as st
from strategies import SUBJECTS, THEMES, inspection_reports, query_dates

from events import (
    AnyEvent,
    Area,
    DocumentKind,
    DocumentRecorded,
    FindingRecorded,
    Framework,
    Grade,
    Hand,
    JudgementIssued,
    PartialDate,
    Period,
    Polarity,
    RecommendationMade,
    Source,
)
from projections import EventIndex, Member, latest_report, themes_named, weaknesses
from projections.weaknesses import NEWLY_NAMED, NOT_NAMED_AGAIN, PERSISTED, march_dates

MEMBERS = (
    Member(name=SUBJECTS[0], region="South East", type="County"),
    Member(name=SUBJECTS[1], region="South East", type="County"),
    Member(name="Rutland", region="East Midlands", type="Unitary Authority"),
)
THEME_SETS = st.lists(st.sampled_from(THEMES), min_size=1, max_size=2, unique=True).map(tuple)


def _source(document: DocumentRecorded, start: int, text: str) -> Source:
    return Source(
        document_id=document.document_id,
        file_name=document.file_name,
        start=start,
        end=start + len(text),
        quote=text,
        document_kind=document.document_kind,
    )


@st.composite
def reports_with_lists(draw: st.DrawFn) -> list[AnyEvent]:
    """``inspection_reports()`` with each report's list of what must improve (some items the
    board's, which do not count), negative findings on other themes, and council minutes
    after each report that retell its grade and list actions of their own: neither counts."""
    events: list[AnyEvent] = draw(inspection_reports())
    out = list(events)
    for document in [e for e in events if isinstance(e, DocumentRecorded)]:
        # Most lists have an item of the authority's own; some only the board's, or none.
        areas = st.sampled_from((None, None, Area.LEADERSHIP, Area.LSCB))
        items = draw(st.lists(st.tuples(THEME_SETS, areas), min_size=1, max_size=4))
        for n, (themes, area) in enumerate(items):
            text = f"Improve item {n}: {', '.join(themes)}."
            out.append(
                RecommendationMade(
                    subject=document.subject,
                    valid=document.valid,
                    known=document.known,
                    source=_source(document, 100 * (n + 1), text),
                    text=text,
                    themes=themes,
                    area=area,
                )
            )
        for n, themes in enumerate(draw(st.lists(THEME_SETS, max_size=2))):
            text = f"Practice is not good enough: {n}."
            out.append(
                FindingRecorded(
                    subject=document.subject,
                    valid=document.valid,
                    known=document.known,
                    source=_source(document, 1000 + 100 * n, text),
                    text=text,
                    themes=themes,
                    polarity=Polarity.NEGATIVE,
                )
            )
        if draw(st.booleans()):
            out.extend(_minutes(document, draw(THEME_SETS)))
    return out


def _minutes(report: DocumentRecorded, themes: tuple[str, ...]) -> list[AnyEvent]:
    """Council minutes a month after a report: its grade retold, and an action of their own."""
    when = PartialDate(report.published.year, 7, 1)
    text = f"Minutes of {report.subject}: the council will act."
    document_id = "m" + report.document_id[1:]
    minutes = DocumentRecorded(
        subject=report.subject,
        valid=Period(when),
        known=when,
        source=Source.from_text(
            text, 0, len(text), document_id=document_id, file_name=f"minutes-{when.year}.txt"
        ),
        document_id=document_id,
        document_kind=DocumentKind.COUNCIL_MINUTES,
        title=text,
        file_name=f"minutes-{when.year}.txt",
        published=when,
    )
    return [
        minutes,
        JudgementIssued(
            subject=report.subject,
            valid=report.valid,
            known=when,
            source=minutes.source,
            area=Area.OVERALL_EFFECTIVENESS,
            wording="overall",
            grade=Grade.GOOD,
            hand=Hand.SECOND,
        ),
        RecommendationMade(
            subject=report.subject,
            valid=Period(when),
            known=when,
            source=minutes.source,
            text=text,
            themes=themes,
        ),
    ]


def _expected_report(events: list[AnyEvent], subject: str, on: PartialDate) -> str | None:
    """The document id of ``subject``'s latest inspection report published by ``on``."""
    reports = [
        e
        for e in events
        if isinstance(e, DocumentRecorded)
        and e.subject == subject
        and e.document_kind is DocumentKind.INSPECTION_REPORT
        and e.published.ordinal <= on.ordinal
    ]
    return max(reports, key=lambda d: d.published.ordinal).document_id if reports else None


def _expected_themes(events: list[AnyEvent], document_id: str) -> dict[str, set[str]]:
    """Each theme the document's own list names (the board's aside), with its items' ids."""
    found: dict[str, set[str]] = {}
    for event in events:
        if (
            isinstance(event, RecommendationMade)
            and event.source.document_id == document_id
            and event.area is not Area.LSCB
        ):
            for theme in event.themes:
                found.setdefault(theme, set()).add(event.id)
    return found


def _dates(
    events: list[AnyEvent], subject: str
) -> st.SearchStrategy[tuple[PartialDate, PartialDate]]:
    """Two dates: any, or more often the days two of ``subject``'s reports were published, so
    that many pairs fall under two of its reports."""
    published = sorted(
        {
            e.published
            for e in events
            if isinstance(e, DocumentRecorded)
            and e.subject == subject
            and e.document_kind is DocumentKind.INSPECTION_REPORT
        }
    )
    anywhere = st.tuples(query_dates(), query_dates())
    if len(published) < 2:
        return anywhere
    two = st.lists(st.sampled_from(published), min_size=2, max_size=2, unique=True)
    return st.one_of(anywhere, two.map(tuple), two.map(tuple))


@given(events=reports_with_lists(), data=st.data())
def test_each_theme_either_report_names_is_tracked_once(
    events: list[AnyEvent], data: st.DataObject
) -> None:
    """Persisted, not named again and newly named together are the themes either report's
    list names; persisted is what both name; a theme neither names never appears; and each
    side's items are exactly that report's items naming the theme."""
    index = EventIndex(events)
    for subject in SUBJECTS:
        a, b = data.draw(_dates(events, subject))
        found = weaknesses(index, subject, a, b)
        first, second = _expected_report(events, subject, a), _expected_report(events, subject, b)
        assert (found.before and found.before.document.document_id) == first
        assert (found.after and found.after.document.document_id) == second
        tally("two reports" if found.tracks else "one report or none")
        if first is None or second is None or first == second:
            assert found.tracks == ()
            assert found.same_report is (first is not None and first == second)
            continue
        was, now = _expected_themes(events, first), _expected_themes(events, second)
        assert {t.theme for t in found.tracks} == was.keys() | now.keys()
        assert {t.theme for t in found.by_status(PERSISTED)} == was.keys() & now.keys()
        assert {t.theme for t in found.by_status(NOT_NAMED_AGAIN)} == was.keys() - now.keys()
        assert {t.theme for t in found.by_status(NEWLY_NAMED)} == now.keys() - was.keys()
        for track in found.tracks:
            assert {i.id for i in track.before} == was.get(track.theme, set())
            assert {i.id for i in track.after} == now.get(track.theme, set())


@given(events=reports_with_lists(), at=query_dates())
def test_theme_counts_are_each_members_latest_list(events: list[AnyEvent], at: PartialDate) -> None:
    """A theme's count is the members whose latest report's own list names it; members with a
    report and those without add up to every member; groups add up to England."""
    index = EventIndex(events)
    named = themes_named(index, MEMBERS, at, by="region")
    expected: dict[str, set[str]] = {}
    reported = set()
    for member in MEMBERS:
        document_id = _expected_report(events, member.name, at)
        if document_id is None:
            continue
        reported.add(member.name)
        for theme in _expected_themes(events, document_id):
            expected.setdefault(theme, set()).add(member.name)
    assert named.counts() == {t: len(s) for t, s in expected.items()}
    for theme, names in expected.items():
        assert {s.subject for s in named.naming(theme)} == names
    assert {s.subject for s in named.reported()} == reported
    assert len(named.reported()) + len(named.without_report()) == len(MEMBERS)
    assert "Rutland" in {s.subject for s in named.without_report()}
    for theme, count in named.counts().items():
        assert sum(named.counts(g).get(theme, 0) for g in named.groups()[1:]) == count


def _report(
    subject: str, year: int, items: list[tuple[str, ...]], visit: Period | None = None
) -> list[AnyEvent]:
    """An ILACS report published on 1 June with a grade and its list of what must improve."""
    when = PartialDate(year, 6, 1)
    valid = visit or Period(when)
    title = f"Inspection of {subject}, {year}"
    document = DocumentRecorded(
        subject=subject,
        valid=Period(when),
        known=when,
        source=Source.from_text(
            title, 0, len(title), document_id=f"{year}".ljust(64, "a"), file_name=f"{year}.pdf"
        ),
        document_id=f"{year}".ljust(64, "a"),
        document_kind=DocumentKind.INSPECTION_REPORT,
        title=title,
        file_name=f"{year}.pdf",
        published=when,
        framework=Framework.ILACS,
    )
    grade = JudgementIssued(
        subject=subject,
        valid=valid,
        known=when,
        source=document.source,
        area=Area.OVERALL_EFFECTIVENESS,
        wording="Overall effectiveness",
        grade=Grade.REQUIRES_IMPROVEMENT,
    )
    recommendations = [
        RecommendationMade(
            subject=subject,
            valid=valid,
            known=when,
            source=_source(document, 100 * (n + 1), f"Improve {' and '.join(themes)} ({year})."),
            text=f"Improve {' and '.join(themes)} ({year}).",
            themes=themes,
        )
        for n, themes in enumerate(items)
    ]
    return [document, grade, *recommendations]


def test_a_theme_named_twice_is_persisted_with_both_quotes() -> None:
    """Two reports both naming supervision: persisted, each side quoting its own item; a theme
    named only in 2019 is 'not named again', never 'improved'; one named only in 2023 is new."""
    first = _report("Kent", 2019, [("management_oversight", "workforce"), ("assessments",)])
    second = _report("Kent", 2023, [("management_oversight",), ("care_leavers_health",)])
    index = EventIndex(first + second)
    found = weaknesses(index, "Kent", "2020-01-01", "2024-01-01")
    assert [t.theme for t in found.by_status(PERSISTED)] == ["management_oversight"]
    persisted = found.by_status(PERSISTED)[0]
    assert [i.source.quote for i in persisted.before] == [
        "Improve management_oversight and workforce (2019)."
    ]
    assert [i.source.quote for i in persisted.after] == ["Improve management_oversight (2023)."]
    assert [t.theme for t in found.by_status(NOT_NAMED_AGAIN)] == ["assessments", "workforce"]
    assert [t.theme for t in found.by_status(NEWLY_NAMED)] == ["care_leavers_health"]
    data = found.to_dict()
    assert data["themes"]["persisted"][0]["before"][0]["document"] == "2019.pdf"
    assert data["themes"]["persisted"][0]["after"][0]["document"] == "2023.pdf"


def test_dates_under_one_report_compare_nothing() -> None:
    """Both dates after the same report: one report, no tracks; before any report: none."""
    index = EventIndex(_report("Kent", 2019, [("workforce",)]))
    same = weaknesses(index, "Kent", "2019-07-01", "2022-01-01")
    assert same.same_report
    assert same.tracks == ()
    early = weaknesses(index, "Kent", "2018-01-01", "2022-01-01")
    assert early.before is None
    assert early.after is not None
    assert early.tracks == ()
    assert latest_report(index, "Kent", "2019-05-31") is None
    report = latest_report(index, "Kent", "2019-06-01")
    assert report is not None
    assert list(report.themes()) == ["workforce"]


def test_a_report_counts_from_its_publication_unless_known_later() -> None:
    """On a date between an inspection and its report the earlier report stands; as known later,
    the inspection counts from its first day, as ``england`` counts grades."""
    visit = Period(PartialDate(2023, 5, 2), PartialDate(2023, 5, 12))  # published 1 June
    later = _report("Kent", 2023, [("assessments",)], visit=visit)
    index = EventIndex(_report("Kent", 2019, [("workforce",)]) + later)
    on_date = latest_report(index, "Kent", "2023-05-20")
    hindsight = latest_report(index, "Kent", "2023-05-20", known_at="2024-01-01")
    assert on_date is not None
    assert on_date.document.file_name == "2019.pdf"
    assert hindsight is not None
    assert hindsight.document.file_name == "2023.pdf"


def test_march_dates_run_from_2014_to_the_date() -> None:
    """31 March of each year from 2014, up to the date asked about."""
    assert [str(d) for d in march_dates("2016-03-30")] == ["2014-03-31", "2015-03-31"]
    assert [str(d) for d in march_dates("2016-03-31")][-1] == "2016-03-31"


@pytest.mark.parametrize("status", ["improved", ""])
def test_an_unknown_status_is_refused(status: str) -> None:
    """Only the three statuses exist: asking for 'improved' is a mistake, said so."""
    index = EventIndex(_report("Kent", 2019, [("workforce",)]))
    with pytest.raises(ValueError, match="unknown status"):
        weaknesses(index, "Kent", "2020", "2021").by_status(status)
