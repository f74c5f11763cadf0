"""What inspection reports named for improvement: per authority between two inspections, and
across England on a date.

A report *names a theme for improvement* when an item of its own list of what must improve
(ILACS "What needs to improve", the single inspection framework's priority actions, areas for
improvement and recommendations) carries the theme: a ``RecommendationMade`` of that document,
the quote being the item's text. Negative findings are not enough: the list is the
inspectorate's own statement of what must improve. The board's list in a single inspection
framework report (area ``lscb``) is the safeguarding board's, not the authority's, and is left
out. An item is published with its report: it is known on the day a record of the document is
(the reader gives every event of a document its publication date), so only the theme entries of
those days are read, not the thousands a national store files about each authority.

An authority's *latest report* on a date is its latest inspection known first-hand from its own
report (a ``DocumentRecorded`` of an inspection report under a framework of children's services
inspections), picked the way ``projections.national`` picks inspections: by the inspection's
first day, once known.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from events import (
    Area,
    DateLike,
    DocumentKind,
    DocumentRecorded,
    JudgementIssued,
    PartialDate,
    RecommendationMade,
)
from projections.index import END_OF_TIME, Entry, EventIndex, Key
from projections.inspections import group_inspections
from projections.national import Member, framework_of
from projections.state import evidence_dict

__all__ = [
    "NEWLY_NAMED",
    "NOT_NAMED_AGAIN",
    "PERSISTED",
    "STATUSES",
    "ImprovementList",
    "Standing",
    "ThemeTrack",
    "ThemesNamed",
    "Weaknesses",
    "latest_report",
    "march_dates",
    "themes_by_year",
    "themes_named",
    "weaknesses",
]

Json = dict[str, Any]

PERSISTED = "persisted"  # named for improvement by both reports
NOT_NAMED_AGAIN = "not_named_again"  # named by the earlier report only: not "improved"
NEWLY_NAMED = "newly_named"  # named by the later report only
STATUSES = (PERSISTED, NOT_NAMED_AGAIN, NEWLY_NAMED)


def _item_dict(item: RecommendationMade) -> Json:
    return {**evidence_dict(item.id, item.source), "text": item.text}


@attrs.frozen(kw_only=True)
class ImprovementList:
    """An inspection report and the items of its list of what must improve that carry a theme."""

    document: DocumentRecorded
    items: tuple[RecommendationMade, ...]

    @property
    def subject(self) -> str:
        """The authority the report is about, as its record names it."""
        return self.document.subject

    def themes(self) -> dict[str, tuple[RecommendationMade, ...]]:
        """Each theme the list names, with the items naming it in the order printed."""
        found: dict[str, list[RecommendationMade]] = {}
        for item in self.items:
            for theme in item.themes:
                found.setdefault(theme, []).append(item)
        return {theme: tuple(items) for theme, items in sorted(found.items())}

    def naming(self, theme: str) -> tuple[RecommendationMade, ...]:
        """The items naming ``theme`` (none if the list does not name it)."""
        return tuple(item for item in self.items if theme in item.themes)

    def to_dict(self) -> Json:
        """The report: its document, framework, dates and how many themed items its list has."""
        document = self.document
        return {
            "document": document.file_name,
            "document_id": document.document_id,
            "framework": None if document.framework is None else document.framework.value,
            "published": str(document.published),
            "inspected": None
            if document.visit is None
            else {"from": str(document.visit.start), "to": str(document.visit.last)},
            "items": len(self.items),
        }


def _reports(
    index: EventIndex, subject: str, day: int, known_day: int
) -> list[tuple[int, DocumentRecorded]]:
    """``subject``'s inspection reports begun by ``day`` and known by ``known_day``, each with
    its inspection's first day, oldest first."""
    name = index.subject_name(subject)
    documents = index.documents_known(known_day)
    found: dict[str, tuple[int, DocumentRecorded]] = {}
    # Every area, not only overall effectiveness: a report's table may lack a row.
    for area in Area:
        claims = [
            e
            for e in index.bucket((name, "judgement", area.value), day, known_day)
            if isinstance(e, JudgementIssued)
        ]
        for inspection in group_inspections(claims, documents):
            if framework_of(inspection, documents) is None:
                continue  # a retold grade, or not an inspection of children's services
            document = documents.get(inspection.believed.source.document_id)
            if document is None or document.document_kind is not DocumentKind.INSPECTION_REPORT:
                continue
            start = min(inspection.start, found.get(document.document_id, (inspection.start,))[0])
            found[document.document_id] = (start, document)
    return sorted(
        found.values(),
        key=lambda f: (f[0], f[1].published.sort_key(), f[1].document_id),
    )


def _published_days(index: EventIndex, document: DocumentRecorded, known_day: int) -> list[int]:
    """The days by ``known_day`` on which a record of ``document`` is known: the days its items
    are published on. A document read twice may have been dated differently each time."""
    records = index.records_of(document.document_id)
    days = {document.known.ordinal, *(r.known.ordinal for r in records)}
    return sorted(d for d in days if d <= known_day)


def _improvement_list(
    index: EventIndex, subject: str, document: DocumentRecorded, known_day: int
) -> ImprovementList:
    """The themed items of ``document``'s own list of what must improve, board's list aside."""
    name = index.subject_name(subject)
    days = _published_days(index, document, known_day)
    # A bucket is sorted by known day: each publication day is a slice of it. Loading every
    # entry known by then instead decoded each finding of every other document about the
    # authority: most of the 40 s a national report took on a million events.
    chosen: dict[Key, list[Entry]] = {}
    for key in index.keys(name):
        if key[1] != "theme":
            continue
        order = index.entries(key)
        # Only recommendations: the findings beside them (a hundred to one) stay unread.
        entries = [
            entry
            for day in days
            for entry in order[
                bisect.bisect_left(order, (day,)) : bisect.bisect_left(order, (day + 1,))
            ]
            if index.is_recommendation(entry[1])
        ]
        if entries:
            chosen[key] = entries
    # One batch for every bucket, then each bucket's visible events from memory.
    index.load([entry[1] for entries in chosen.values() for entry in entries])
    found: dict[str, RecommendationMade] = {}
    for key, entries in chosen.items():
        for event in index.visible(key, entries, END_OF_TIME, known_day):
            if (
                isinstance(event, RecommendationMade)
                and event.source.document_id == document.document_id
                and event.area is not Area.LSCB
            ):
                found[event.id] = event
    items = sorted(found.values(), key=lambda e: (e.source.start, e.id))
    return ImprovementList(document=document, items=tuple(items))


def _days(at: DateLike, known_at: DateLike | None) -> tuple[PartialDate, PartialDate]:
    at_date = PartialDate.coerce(at)
    return at_date, at_date if known_at is None else PartialDate.coerce(known_at)


def latest_report(
    index: EventIndex, subject: str, at: DateLike, known_at: DateLike | None = None
) -> ImprovementList | None:
    """``subject``'s latest inspection report on ``at`` as known on ``known_at`` (default: on
    ``at``, so by its publication), with its list of what must improve; ``None`` if none yet."""
    at_date, known_date = _days(at, known_at)
    reports = _reports(index, subject, at_date.ordinal, known_date.ordinal)
    if not reports:
        return None
    return _improvement_list(index, subject, reports[-1][1], known_date.ordinal)


@attrs.frozen(kw_only=True)
class ThemeTrack:
    """One theme across two reports: the items of each that name it (empty: not named)."""

    theme: str
    before: tuple[RecommendationMade, ...]
    after: tuple[RecommendationMade, ...]

    @property
    def status(self) -> str:
        """``persisted``, ``not_named_again`` or ``newly_named``."""
        if self.before and self.after:
            return PERSISTED
        return NOT_NAMED_AGAIN if self.before else NEWLY_NAMED

    def to_dict(self) -> Json:
        """The theme, its status, and each report's items naming it with their quotes."""
        return {
            "theme": self.theme,
            "status": self.status,
            "before": [_item_dict(i) for i in self.before],
            "after": [_item_dict(i) for i in self.after],
        }


@attrs.frozen(kw_only=True)
class Weaknesses:
    """What the reports in force on two dates named for improvement, theme by theme.

    ``before`` and ``after`` are the latest reports on ``from_`` and ``to``; ``tracks`` compare
    their lists when they are two reports, and are empty when either date has none or both
    dates fall under the same report (``same_report``).
    """

    subject: str
    from_: PartialDate
    to: PartialDate
    before: ImprovementList | None
    after: ImprovementList | None
    tracks: tuple[ThemeTrack, ...]

    @property
    def same_report(self) -> bool:
        """Whether both dates fall under one inspection report."""
        return (
            self.before is not None
            and self.after is not None
            and self.before.document.document_id == self.after.document.document_id
        )

    def by_status(self, status: str) -> list[ThemeTrack]:
        """The tracks with ``status`` (one of ``STATUSES``), by theme."""
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}; use one of {', '.join(STATUSES)}")
        return [t for t in self.tracks if t.status == status]

    def to_dict(self) -> Json:
        """The two reports, whether they are one, and every theme either names, by status."""
        return {
            "subject": self.subject,
            "from": str(self.from_),
            "to": str(self.to),
            "before": None if self.before is None else self.before.to_dict(),
            "after": None if self.after is None else self.after.to_dict(),
            "same_report": self.same_report,
            "themes": {s: [t.to_dict() for t in self.by_status(s)] for s in STATUSES},
        }


def weaknesses(
    index: EventIndex,
    subject: str,
    a: DateLike,
    b: DateLike,
    known_at: DateLike | None = None,
) -> Weaknesses:
    """What ``subject``'s latest reports on ``a`` and on ``b`` named for improvement: each theme
    named by both (persisted), by the first only (not named again) or by the second only
    (newly named). A theme neither names is not listed.

    ``known_at`` is as for ``latest_report``; by default each date's report is the one
    published by that date.
    """
    from_, to = PartialDate.coerce(a), PartialDate.coerce(b)
    before = latest_report(index, subject, from_, known_at)
    after = latest_report(index, subject, to, known_at)
    tracks: tuple[ThemeTrack, ...] = ()
    if (
        before is not None
        and after is not None
        and before.document.document_id != after.document.document_id
    ):
        was, now = before.themes(), after.themes()
        tracks = tuple(
            ThemeTrack(theme=t, before=was.get(t, ()), after=now.get(t, ()))
            for t in sorted({*was, *now})
        )
    return Weaknesses(
        subject=subject, from_=from_, to=to, before=before, after=after, tracks=tracks
    )


@attrs.frozen(kw_only=True)
class Standing:
    """An authority counted nationally and its latest report on the date (``None``: none yet)."""

    member: Member
    report: ImprovementList | None

    @property
    def subject(self) -> str:
        """The authority's register name."""
        return self.member.name

    def to_dict(self, theme: str | None = None) -> Json:
        """The authority and its report; with ``theme``, the report's items naming it."""
        out: Json = {"subject": self.subject}
        if self.report is None:
            out["report"] = None
            return out
        out["report"] = self.report.to_dict()
        if theme is not None:
            out["items"] = [_item_dict(i) for i in self.report.naming(theme)]
        return out


ENGLAND = "England"


@attrs.frozen(kw_only=True)
class ThemesNamed:
    """For each theme, the authorities whose latest report on ``at`` (as known on ``known_at``)
    names it for improvement; authorities with no report yet are counted apart."""

    at: PartialDate
    known_at: PartialDate
    by: str | None
    standings: tuple[Standing, ...]

    @property
    def axis(self) -> str:
        """Which date a report counts from: its publication, or its inspection known since."""
        return "publication" if self.known_at == self.at else "inspection"

    def groups(self) -> list[str]:
        """England, then each region or type when counted ``by`` one."""
        if self.by is None:
            return [ENGLAND]
        return [ENGLAND, *sorted({getattr(s.member, self.by) for s in self.standings})]

    def members(self, group: str = ENGLAND) -> list[Standing]:
        """The authorities counted in ``group``, by name."""
        if group == ENGLAND:
            found = list(self.standings)
        elif self.by is None:
            raise KeyError(group)
        else:
            found = [s for s in self.standings if getattr(s.member, self.by) == group]
        return sorted(found, key=lambda s: s.subject)

    def reported(self, group: str = ENGLAND) -> list[Standing]:
        """The authorities of ``group`` with a report."""
        return [s for s in self.members(group) if s.report is not None]

    def without_report(self, group: str = ENGLAND) -> list[Standing]:
        """The authorities of ``group`` with no report yet."""
        return [s for s in self.members(group) if s.report is None]

    def naming(self, theme: str, group: str = ENGLAND) -> list[Standing]:
        """The authorities of ``group`` whose latest report names ``theme``, by name."""
        return [s for s in self.reported(group) if s.report and s.report.naming(theme)]

    def counts(self, group: str = ENGLAND) -> dict[str, int]:
        """How many authorities of ``group`` name each theme, most named first."""
        tally: dict[str, int] = {}
        for standing in self.reported(group):
            assert standing.report is not None
            for theme in standing.report.themes():
                tally[theme] = tally.get(theme, 0) + 1
        return dict(sorted(tally.items(), key=lambda kv: (-kv[1], kv[0])))

    def share(self, theme: str, group: str = ENGLAND) -> float:
        """The percentage of ``group``'s authorities with a report that name ``theme``."""
        reported = len(self.reported(group))
        return 100 * len(self.naming(theme, group)) / reported if reported else 0.0

    def to_dict(self, *, listed: bool = False) -> Json:
        """Per group: authorities, with a report, none yet, and each theme's count and share;
        with ``listed``, the authorities behind each count with their items' quotes."""
        groups = []
        for group in self.groups():
            reported = len(self.reported(group))
            counts = self.counts(group)
            entry: Json = {
                "group": group,
                "authorities": len(self.members(group)),
                "with_report": reported,
                "no_report": len(self.without_report(group)),
                "counts": counts,
                "percent": {
                    t: round(100 * n / reported, 1) if reported else 0.0 for t, n in counts.items()
                },
            }
            if listed:
                entry["themes"] = {t: [s.to_dict(t) for s in self.naming(t, group)] for t in counts}
                entry["no_report_authorities"] = [s.subject for s in self.without_report(group)]
            groups.append(entry)
        return {
            "at": str(self.at),
            "known_at": str(self.known_at),
            "counted_from": self.axis,
            "groups": groups,
        }


def themes_named(
    index: EventIndex,
    members: Sequence[Member],
    at: DateLike,
    known_at: DateLike | None = None,
    *,
    by: str | None = None,
) -> ThemesNamed:
    """Each member's latest report on ``at`` as known on ``known_at`` and the themes its list
    of what must improve names; ``by`` ("region" or "type") adds counts per group."""
    at_date, known_date = _days(at, known_at)
    standings = tuple(
        Standing(member=m, report=latest_report(index, m.name, at_date, known_date))
        for m in members
    )
    return ThemesNamed(at=at_date, known_at=known_date, by=by, standings=standings)


def march_dates(at: DateLike, since: int = 2014) -> list[PartialDate]:
    """31 March of each year from ``since`` that falls on or before ``at``."""
    last = PartialDate.coerce(at)
    dates = [PartialDate(year, 3, 31) for year in range(since, last.year + 1)]
    return [d for d in dates if d.ordinal <= last.ordinal]


def themes_by_year(
    index: EventIndex,
    members_on: Callable[[PartialDate], Sequence[Member]],
    at: DateLike,
    known_at: DateLike | None = None,
    *,
    since: int = 2014,
) -> list[ThemesNamed]:
    """``themes_named`` on 31 March of each year from ``since`` to ``at``'s, each counting the
    authorities ``members_on`` that date gives; as known on each date unless ``known_at``."""
    return [themes_named(index, members_on(day), day, known_at) for day in march_dates(at, since)]
