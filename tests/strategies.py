"""Hypothesis strategies for dates, sources, every event kind and whole event streams.

Value spaces are kept deliberately small (two subjects, three areas, three metrics, three themes,
a handful of days a month) so generated streams often hold several claims about the same key on
the same date, which is where projections go wrong.
"""

from __future__ import annotations

import functools

import attrs
from hypothesis import strategies as st

from events import (
    AnyEvent,
    Area,
    Authority,
    AuthorityReorganised,
    Comparator,
    CorrectionMade,
    Direction,
    DocumentKind,
    DocumentRecorded,
    FindingRecorded,
    Framework,
    Grade,
    Hand,
    JudgementIssued,
    MetricObserved,
    PartialDate,
    Period,
    Polarity,
    RecommendationMade,
    Reorganisation,
    Source,
)

SUBJECTS = ("Buckinghamshire", "Kent")
AREAS = (Area.OVERALL_EFFECTIVENESS, Area.LEADERSHIP, Area.CARE_LEAVERS)
METRICS = ("re_referral_rate", "children_in_care", "staying_put")
THEMES = ("workforce", "management_oversight", "care_leavers_health")
# document id -> file name; ids stand in for the sha256 of a document's text.
DOCUMENTS = {
    "d" * 64: "000_monitoring_letter.txt",
    "e" * 64: "002_inspection_report.txt",
    "f" * 64: "001_news_article.txt",
}
QUOTES = (
    "inadequate",
    "Children's services in Buckinghamshire are inadequate",
    "At 33%, the re-referral rate remains high",
    "Management oversight is not always effective.",
    "The service for care leavers has improved.",
)
STREAM_YEARS = (2010, 2025)

# Factories are cached (``functools.cache``): building a strategy costs more than drawing from
# it, and streams draw thousands of times.

# -- dates ----------------------------------------------------------------------------------


@functools.cache
def partial_dates(
    min_year: int = 1,
    max_year: int = 9999,
    days: st.SearchStrategy[int] | None = None,
    years: st.SearchStrategy[int] | None = None,
) -> st.SearchStrategy[PartialDate]:
    """Valid dates of year, month or day precision; ``years`` and ``days`` narrow the choice."""
    years = years if years is not None else st.integers(min_year, max_year)
    months = st.integers(1, 12)

    @st.composite
    def day_dates(draw: st.DrawFn) -> PartialDate:
        year, month = draw(years), draw(months)
        last = PartialDate(year, month).end.day
        day = draw(days) if days is not None else draw(st.integers(1, last))
        return PartialDate(year, month, min(day, last))

    return st.one_of(
        years.map(PartialDate),
        st.builds(PartialDate, years, months),
        day_dates(),
    )


@functools.cache
def stream_dates() -> st.SearchStrategy[PartialDate]:
    """Dates in 2010-2025, half of them in 2014 or 2015, on only a few days of the month.

    Claims then often fall within one inspection's reach of each other, or on the same day.
    """
    years = st.sampled_from((2014, 2015)) | st.integers(*STREAM_YEARS)
    return partial_dates(years=years, days=st.sampled_from((1, 15, 28)))


@functools.cache
@st.composite
def periods(draw: st.DrawFn, dates: st.SearchStrategy[PartialDate] | None = None) -> Period:
    """A single date or a start and an end that does not finish before the start."""
    dates = dates if dates is not None else partial_dates()
    start = draw(dates)
    end = draw(st.none() | dates)
    if end is not None and end.end_ordinal < start.ordinal:
        start, end = end, start
    return Period(start, end)


# -- sources and events ---------------------------------------------------------------------


@functools.cache
@st.composite
def sources(draw: st.DrawFn, quotes: st.SearchStrategy[str] | None = None) -> Source:
    """A source in one of a few documents whose quote exactly fills its span."""
    document_id = draw(st.sampled_from(sorted(DOCUMENTS)))
    quote = draw(quotes if quotes is not None else st.sampled_from(QUOTES))
    start = draw(st.sampled_from((0, 120, 4000)))
    return Source(
        document_id=document_id,
        file_name=DOCUMENTS[document_id],
        start=start,
        end=start + len(quote),
        quote=quote,
        document_kind=draw(st.none() | st.sampled_from(DocumentKind)),
    )


def _common(dates: st.SearchStrategy[PartialDate]) -> dict[str, st.SearchStrategy[object]]:
    return {
        "subject": st.sampled_from(SUBJECTS),
        "valid": periods(dates),
        "known": dates,
        "source": sources(),
    }


@functools.cache
def theme_tuples() -> st.SearchStrategy[tuple[str, ...]]:
    """Zero to three distinct themes, in a stable order."""
    return st.lists(st.sampled_from(THEMES), max_size=3, unique=True).map(tuple)


@functools.cache
def documents_recorded(dates: st.SearchStrategy[PartialDate] | None = None) -> st.SearchStrategy:
    """A ``DocumentRecorded`` for one of the known documents."""
    dates = dates if dates is not None else stream_dates()

    @st.composite
    def build(draw: st.DrawFn) -> DocumentRecorded:
        source = draw(sources())
        return DocumentRecorded(
            subject=draw(st.sampled_from(SUBJECTS)),
            valid=draw(periods(dates)),
            known=draw(dates),
            source=source,
            document_id=source.document_id,
            document_kind=draw(st.sampled_from(DocumentKind)),
            title=draw(st.sampled_from(("Inspection report", "Monitoring visit letter"))),
            file_name=source.file_name,
            published=draw(dates),
            visit=draw(st.none() | periods(dates)),
            authority=draw(st.sampled_from(Authority)),
            url=draw(st.none() | st.just("https://example.org/report")),
            framework=draw(st.none() | st.sampled_from(Framework)),
        )

    return build()


@functools.cache
def judgements(dates: st.SearchStrategy[PartialDate] | None = None) -> st.SearchStrategy:
    """A ``JudgementIssued``, first- or second-hand."""
    dates = dates if dates is not None else stream_dates()
    return st.builds(
        JudgementIssued,
        **_common(dates),
        area=st.sampled_from(AREAS),
        wording=st.sampled_from(("overall effectiveness", "Children's services are")),
        grade=st.sampled_from(Grade),
        hand=st.sampled_from(Hand),
        published=st.none() | dates,
    )


@functools.cache
def findings(dates: st.SearchStrategy[PartialDate] | None = None) -> st.SearchStrategy:
    """A ``FindingRecorded`` with a few themes and any polarity."""
    dates = dates if dates is not None else stream_dates()
    return st.builds(
        FindingRecorded,
        **_common(dates),
        text=st.sampled_from(QUOTES),
        themes=theme_tuples(),
        polarity=st.sampled_from(Polarity),
        area=st.none() | st.sampled_from(AREAS),
    )


@functools.cache
def comparators() -> st.SearchStrategy[Comparator]:
    """An England-average or statistical-neighbours comparator."""
    return st.builds(
        Comparator,
        name=st.sampled_from(("england_average", "statistical_neighbours")),
        value=st.sampled_from((21.0, 22.0, 49.5)),
    )


@functools.cache
def metrics(
    dates: st.SearchStrategy[PartialDate] | None = None,
    values: st.SearchStrategy[float] | None = None,
) -> st.SearchStrategy:
    """A ``MetricObserved`` with any better-direction; values come from a small set by default."""
    dates = dates if dates is not None else stream_dates()
    return st.builds(
        MetricObserved,
        **_common(dates),
        metric=st.sampled_from(METRICS),
        wording=st.sampled_from(("re-referral rate", "children in care")),
        value=values if values is not None else st.sampled_from((22.0, 33.0, 471.0)),
        unit=st.sampled_from(("percent", "count")),
        comparators=st.lists(comparators(), max_size=2, unique_by=lambda c: c.name).map(tuple),
        direction=st.sampled_from(Direction),
    )


@functools.cache
def recommendations(dates: st.SearchStrategy[PartialDate] | None = None) -> st.SearchStrategy:
    """A ``RecommendationMade`` on a few themes."""
    dates = dates if dates is not None else stream_dates()
    return st.builds(
        RecommendationMade,
        **_common(dates),
        text=st.sampled_from(QUOTES),
        themes=theme_tuples(),
        area=st.none() | st.sampled_from(AREAS),
    )


# A successor's name, so that a reorganisation can name a subject no other event is about.
SUCCESSOR = "Kent and Medway"


@functools.cache
def reorganisations(dates: st.SearchStrategy[PartialDate] | None = None) -> st.SearchStrategy:
    """An ``AuthorityReorganised``: a replacement of one or more subjects, or a change of form."""
    dates = dates if dates is not None else stream_dates()

    @st.composite
    def build(draw: st.DrawFn) -> AuthorityReorganised:
        names = (*SUBJECTS, SUCCESSOR)
        subject = draw(st.sampled_from(names))
        change = draw(st.sampled_from(Reorganisation))
        others = [n for n in names if n != subject]
        predecessors = (
            ()
            if change is Reorganisation.BECAME_UNITARY
            else tuple(draw(st.lists(st.sampled_from(others), min_size=1, unique=True)))
        )
        return AuthorityReorganised(
            subject=subject,
            valid=draw(periods(dates)),
            known=draw(dates),
            source=draw(sources()),
            change=change,
            predecessors=predecessors,
            former_name=draw(st.none() | st.just(f"{subject} County Council")),
            legislation=draw(st.sampled_from(QUOTES)),
        )

    return build()


@functools.cache
def primary_events(dates: st.SearchStrategy[PartialDate] | None = None) -> st.SearchStrategy:
    """Any event read from a document (every kind but a correction)."""
    dates = dates if dates is not None else stream_dates()
    return st.one_of(
        judgements(dates),
        findings(dates),
        metrics(dates),
        recommendations(dates),
        documents_recorded(dates),
        reorganisations(dates),
    )


# What each kind can be reclassified on, and the values to draw for it.
_RECLASSIFIABLE: dict[type, dict[str, st.SearchStrategy[object]]] = {
    JudgementIssued: {"grade": st.sampled_from(Grade), "area": st.sampled_from(AREAS)},
    FindingRecorded: {
        "polarity": st.sampled_from(Polarity),
        "themes": theme_tuples(),
        "area": st.sampled_from(AREAS),
    },
    MetricObserved: {"direction": st.sampled_from(Direction)},
    RecommendationMade: {"themes": theme_tuples(), "area": st.sampled_from(AREAS)},
}


@st.composite
def corrections(
    draw: st.DrawFn,
    target: AnyEvent,
    dates: st.SearchStrategy[PartialDate] | None = None,
) -> CorrectionMade:
    """A retraction of ``target``, or a reclassification of fields ``target`` has."""
    dates = dates if dates is not None else stream_dates()
    on = draw(dates)
    fields = _RECLASSIFIABLE.get(type(target))
    if fields is None or draw(st.booleans()):
        return CorrectionMade.retract(target, on=on, reason="misread")
    names = draw(st.lists(st.sampled_from(sorted(fields)), min_size=1, unique=True))
    changes = {name: draw(fields[name]) for name in names}
    return CorrectionMade.reclassify(target, on=on, reason="misclassified", **changes)


# Fields a retelling may state differently from the original, and what to draw for them.
_RETOLD: dict[type, dict[str, st.SearchStrategy[object]]] = {
    JudgementIssued: {"grade": st.sampled_from(Grade), "hand": st.just(Hand.SECOND)},
    MetricObserved: {"value": st.sampled_from((22.0, 33.0, 471.0))},
    FindingRecorded: {"polarity": st.sampled_from(Polarity)},
    RecommendationMade: {},
    AuthorityReorganised: {},
    DocumentRecorded: {
        "document_kind": st.sampled_from(DocumentKind),
        "authority": st.sampled_from(Authority),
    },
}


@st.composite
def retellings(
    draw: st.DrawFn, original: AnyEvent, dates: st.SearchStrategy[PartialDate] | None = None
) -> AnyEvent:
    """``original`` as another source states it: same subject and key, perhaps other dates or
    another level. This is where claims collide and conflict."""
    dates = dates if dates is not None else stream_dates()
    if isinstance(original, CorrectionMade):
        return original
    changes: dict[str, object] = {}
    if not isinstance(original, DocumentRecorded):
        changes["source"] = draw(sources())
    if draw(st.booleans()):
        changes["known"] = draw(dates)
    if draw(st.integers(0, 3)) == 0:  # mostly the same fact, dated the same way
        changes["valid"] = draw(periods(dates))
    for name, values in _RETOLD[type(original)].items():
        if draw(st.booleans()):
            changes[name] = draw(values)
    return attrs.evolve(original, **changes)


@st.composite
def event_streams(
    draw: st.DrawFn,
    min_size: int = 0,
    max_size: int = 12,
    dates: st.SearchStrategy[PartialDate] | None = None,
) -> list[AnyEvent]:
    """Events over a few subjects and keys: facts, retellings of them by other sources, records
    of the documents cited, and corrections aimed at events of the stream.

    A correction may itself be retracted. Duplicates (equal events) can occur, as they do when
    the same document is read twice.
    """
    dates = dates if dates is not None else stream_dates()
    stream: list[AnyEvent] = draw(
        st.lists(primary_events(dates), min_size=min_size, max_size=max_size)
    )
    if stream:
        for _ in range(draw(st.integers(0, 6))):
            stream.append(draw(retellings(draw(st.sampled_from(stream)), dates)))
    # Records of the documents the claims cite; one document recorded twice (say with another
    # kind) is a collision the belief rule must settle the same way whatever the order.
    stream.extend(draw(st.lists(documents_recorded(dates), max_size=3)))
    if stream:
        for _ in range(draw(st.integers(0, 3))):
            stream.append(draw(corrections(draw(st.sampled_from(stream)), dates)))
    fixes = [e for e in stream if isinstance(e, CorrectionMade)]
    if fixes and draw(st.booleans()):
        stream.append(
            CorrectionMade.retract(draw(st.sampled_from(fixes)), on=draw(dates), reason="undo")
        )
    if stream and draw(st.booleans()):
        stream.append(draw(st.sampled_from(stream)))
    return stream


@functools.cache
def query_dates() -> st.SearchStrategy[PartialDate]:
    """Dates to ask a projection about, a little wider than the streams' own."""
    days = st.sampled_from((1, 15, 28))
    return partial_dates(STREAM_YEARS[0] - 1, STREAM_YEARS[1] + 1, days=days)


@st.composite
def inspection_reports(draw: st.DrawFn, max_reports: int = 4) -> list[AnyEvent]:
    """Each subject's own inspection reports, a year or more apart: a document record naming
    its framework and first-hand grades for some areas, as the reader writes a real report."""
    events: list[AnyEvent] = []
    for n, subject in enumerate(SUBJECTS):
        years = sorted(
            draw(st.lists(st.integers(*STREAM_YEARS), max_size=max_reports, unique=True))
        )
        for year in years:
            when = PartialDate(year, 6, 1)  # a year apart: never one inspection
            text = f"Inspection report of {subject}, {year}"
            source = Source.from_text(
                text,
                0,
                len(text),
                document_id=f"{n}{year}".ljust(64, "0"),
                file_name=f"{subject}-{year}.pdf",
            )
            framework = (
                Framework.SIF
                if year < 2018
                else draw(st.sampled_from((Framework.ILACS, Framework.ILACS_2023)))
            )
            events.append(
                DocumentRecorded(
                    subject=subject,
                    valid=Period(when),
                    known=when,
                    source=source,
                    document_id=source.document_id,
                    document_kind=DocumentKind.INSPECTION_REPORT,
                    title=text,
                    file_name=source.file_name,
                    published=when,
                    framework=framework,
                )
            )
            for area in draw(st.lists(st.sampled_from(AREAS), min_size=1, unique=True)):
                events.append(
                    JudgementIssued(
                        subject=subject,
                        valid=Period(when),
                        known=when,
                        source=source,
                        area=area,
                        wording=area.value,
                        grade=draw(st.sampled_from(Grade)),
                    )
                )
    return events
