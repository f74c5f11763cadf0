"""A report's list of what must improve is read from its publication days' theme entries only,
and gives exactly what loading every theme event of the authority gives."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import SUBJECTS, query_dates
from test_weaknesses import reports_with_lists

from benchmarks.corpus import documents
from events import (
    AnyEvent,
    Area,
    CorrectionMade,
    DocumentRecorded,
    PartialDate,
    RecommendationMade,
)
from projections import EventIndex, latest_report
from projections.index import END_OF_TIME
from projections.weaknesses import march_dates
from timeline.reading.reader import read_paths, read_text


@st.composite
def lists_with_odd_items(draw: st.DrawFn) -> list[AnyEvent]:
    """``reports_with_lists()`` with some items known a year after their report (a store the
    reader did not write: not part of the report's list as published), some items retracted
    or given other themes by a correction, and some reports recorded a second time on
    another day (a document read again and dated differently)."""
    events: list[AnyEvent] = draw(reports_with_lists())
    out = list(events)
    for event in events:
        if isinstance(event, RecommendationMade):
            choice = draw(st.sampled_from(("keep", "keep", "late", "retract", "rethemed")))
            later = PartialDate(event.known.year + 1, 1, 15)
            if choice == "late":
                out.append(attrs.evolve(event, known=later, text=f"{event.text} (again)"))
            elif choice == "retract":
                out.append(CorrectionMade.retract(event, on=later, reason="misread"))
            elif choice == "rethemed":
                out.append(
                    CorrectionMade.reclassify(
                        event, on=later, reason="misread", themes=("assessments",)
                    )
                )
        elif isinstance(event, DocumentRecorded) and draw(st.booleans()):
            again = PartialDate(event.known.year, 12, 1)
            out.append(attrs.evolve(event, known=again, file_name=f"again-{event.file_name}"))
    return out


def _every_theme_event(
    index: EventIndex, events: list[AnyEvent], subject: str, document_id: str, known_day: int
) -> set[str]:
    """The straightforward reading: load every theme event of the subject known by the day and
    keep the document's own items published with it (known on a day one of its records is)."""
    days = {
        e.known.ordinal
        for e in events
        if isinstance(e, DocumentRecorded) and e.document_id == document_id
    }
    found = set()
    for key in index.keys(subject):
        if key[1] != "theme":
            continue
        for event in index.bucket(key, END_OF_TIME, known_day):
            if (
                isinstance(event, RecommendationMade)
                and event.source.document_id == document_id
                and event.area is not Area.LSCB
                and event.known.ordinal in days
            ):
                found.add(event.id)
    return found


@given(events=lists_with_odd_items(), at=query_dates(), later=st.booleans())
def test_publication_days_give_what_every_theme_event_gives(
    events: list[AnyEvent], at: PartialDate, later: bool
) -> None:
    """For each subject, the latest report's items are exactly those loading every theme event
    of the subject finds, corrections applied, as known on the date or later."""
    index = EventIndex(events)
    known_at = PartialDate(2030, 1, 1) if later else at
    for subject in SUBJECTS:
        report = latest_report(index, subject, at, known_at)
        if report is None:
            continue
        expected = _every_theme_event(
            index, events, subject, report.document.document_id, known_at.ordinal
        )
        assert {item.id for item in report.items} == expected
        assert list(report.items) == sorted(report.items, key=lambda e: (e.source.start, e.id))


SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def read_events() -> list[AnyEvent]:
    """What the reader makes of the seeds and of forty generated documents."""
    readings = list(read_paths([SEEDS]))
    readings += [read_text(text, name, metadata) for name, text, metadata in documents(40)]
    return [event for reading in readings for event in reading.events]


def test_the_reader_publishes_items_with_their_report(read_events: list[AnyEvent]) -> None:
    """Every recommendation the reader makes is known on its document's publication day, so
    reading only those days loses none: each report's items are every recommendation citing
    it, whatever day it is known."""
    days: dict[str, set[int]] = {}
    for event in read_events:
        if isinstance(event, DocumentRecorded):
            days.setdefault(event.document_id, set()).add(event.known.ordinal)
    items = [e for e in read_events if isinstance(e, RecommendationMade)]
    assert len(items) > 50
    assert all(e.known.ordinal in days[e.source.document_id] for e in items)
    index = EventIndex(read_events)
    reports = 0
    for subject in sorted({e.subject for e in read_events}):
        for at in march_dates("2024-03-31"):
            report = latest_report(index, subject, at)
            if report is None:
                continue
            reports += 1
            cited = {
                e.id
                for e in items
                if e.source.document_id == report.document.document_id
                and e.area is not Area.LSCB
                and e.themes
                and e.known.ordinal <= at.ordinal
            }
            assert {i.id for i in report.items} == cited
    assert reports > 20  # subject-dates with a report: the comparison is not empty
