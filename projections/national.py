"""England on a date: how many authorities hold each grade, and how grades moved since.

Both are folds of each authority's judgement claims, read the way ``state_at`` reads them: a
grade counts from its inspection's first day (valid time) once it is known (known time). With
no ``known_at`` a grade is known from its publication, so the answer is what could be said on
the date itself; with ``known_at`` later (today, say), it counts from the inspection, as known
since. Every count opens onto its authorities, and every grade onto its claim and quote.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from events import (
    Area,
    DateLike,
    DocumentRecorded,
    Framework,
    Grade,
    Hand,
    JudgementIssued,
    PartialDate,
)
from projections.index import EventIndex
from projections.inforce import in_force
from projections.inspections import Inspection, group_inspections
from projections.state import JudgementView, evidence_dict

__all__ = [
    "GRADE_ORDER",
    "NO_JUDGEMENT",
    "VERDICTS",
    "Comparison",
    "Distribution",
    "England",
    "Holding",
    "Member",
    "Movement",
    "Movements",
    "england",
    "framework_of",
    "movements",
]

# Best first, then authorities with no grade for the area yet.
GRADE_ORDER = (Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE)
NO_JUDGEMENT = "no_judgement"
_GOOD = Grade.GOOD.rank
# ILACS and ILACS from 2023 are one framework for movements, as the official statistics count.
_FAMILY = {
    Framework.SIF: "sif",
    Framework.ILACS: "ilacs",
    Framework.ILACS_2023: "ilacs",
}
Json = dict[str, Any]


@attrs.frozen(kw_only=True)
class Member:
    """An authority counted nationally, with the groups it is counted in."""

    name: str
    region: str
    type: str


@attrs.frozen(kw_only=True)
class Holding:
    """One authority's grade for an area on the date; no grade if none is known yet."""

    subject: str
    view: JudgementView | None

    @property
    def grade(self) -> Grade | None:
        """The believed grade, if any."""
        return None if self.view is None else self.view.grade

    def to_dict(self) -> Json:
        """The authority, its grade and the evidence the grade rests on."""
        if self.view is None:
            return {"subject": self.subject, "grade": NO_JUDGEMENT}
        believed = self.view.claims[0]
        return {
            "subject": self.subject,
            "grade": self.view.grade.value,
            "published": None if self.view.published is None else str(self.view.published),
            "inspected": {
                "from": str(self.view.inspected.start),
                "to": str(self.view.inspected.last),
            },
            "source": evidence_dict(believed.id, believed.source),
        }


@attrs.frozen(kw_only=True)
class Distribution:
    """How the authorities of one group stand on one area."""

    area: Area
    group: str
    holdings: tuple[Holding, ...]

    def holders(self, grade: Grade | None) -> list[Holding]:
        """The authorities holding ``grade`` (``None``: no judgement yet), by name."""
        return sorted((h for h in self.holdings if h.grade is grade), key=lambda h: h.subject)

    def counts(self) -> dict[str, int]:
        """Authorities at each grade, best first, then those with no judgement yet."""
        out = {grade.value: len(self.holders(grade)) for grade in GRADE_ORDER}
        out[NO_JUDGEMENT] = len(self.holders(None))
        return out

    @property
    def judged(self) -> int:
        """How many authorities have a grade for the area."""
        return sum(1 for h in self.holdings if h.grade is not None)

    def share(self, grade: Grade) -> float:
        """``grade``'s percentage of the authorities with a grade (0 when none has one)."""
        return 100 * len(self.holders(grade)) / self.judged if self.judged else 0.0

    def good_or_better(self) -> float:
        """The percentage of judged authorities that are good or outstanding."""
        if not self.judged:
            return 0.0
        good = sum(1 for h in self.holdings if h.grade is not None and h.grade.rank >= _GOOD)
        return 100 * good / self.judged

    def to_dict(self, *, listed: bool = False) -> Json:
        """Counts and percentages; with ``listed``, the authorities behind each count."""
        out: Json = {
            "area": self.area.value,
            "group": self.group,
            "authorities": len(self.holdings),
            "judged": self.judged,
            "counts": self.counts(),
            "percent": {g.value: round(self.share(g), 1) for g in GRADE_ORDER},
            "good_or_better_percent": round(self.good_or_better(), 1),
        }
        if listed:
            out["holdings"] = [h.to_dict() for h in sorted(self.holdings, key=_holding_order)]
        return out


def _holding_order(holding: Holding) -> tuple[int, str]:
    rank = -1 if holding.grade is None else holding.grade.rank
    return (-rank, holding.subject)


@attrs.frozen(kw_only=True)
class England:
    """Every area's distribution on ``at`` as known on ``known_at``, for England and its groups."""

    at: PartialDate
    known_at: PartialDate
    distributions: tuple[Distribution, ...]

    @property
    def axis(self) -> str:
        """Which date a grade counts from: its publication, or its inspection known since."""
        if self.known_at == self.at:
            return "publication"
        return "inspection"

    def distribution(self, area: Area | str, group: str = "England") -> Distribution:
        """One area's distribution for one group; ``KeyError`` if it was not computed."""
        key = Area(area)
        for found in self.distributions:
            if found.area is key and found.group == group:
                return found
        raise KeyError((key.value, group))

    def to_dict(self, *, listed: bool = False) -> Json:
        """A JSON-able dict: the dates, the axis, and each distribution."""
        return {
            "at": str(self.at),
            "known_at": str(self.known_at),
            "counted_from": self.axis,
            "distributions": [d.to_dict(listed=listed) for d in self.distributions],
        }


def _days(at: DateLike, known_at: DateLike | None) -> tuple[PartialDate, PartialDate]:
    at_date = PartialDate.coerce(at)
    return at_date, at_date if known_at is None else PartialDate.coerce(known_at)


def england(
    index: EventIndex,
    members: Sequence[Member],
    at: DateLike,
    known_at: DateLike | None = None,
    *,
    by: str | None = None,
    areas: Iterable[Area] | None = None,
) -> England:
    """How ``members`` stand on every area on ``at`` as known on ``known_at``.

    ``by`` ("region" or "type") adds a distribution per group after England's.
    """
    at_date, known_date = _days(at, known_at)
    day, known_day = at_date.ordinal, known_date.ordinal
    documents = index.documents_known(known_day)
    chosen = list(Area) if areas is None else list(areas)
    holdings: dict[Area, list[tuple[Member, Holding]]] = {area: [] for area in chosen}
    memory = in_force(index)
    for member in members:
        name = index.subject_name(member.name)
        for area in chosen:
            view = memory.view(index, (name, "judgement", area.value), day, known_day, documents)
            holdings[area].append((member, Holding(subject=member.name, view=view)))
    distributions = []
    for area in chosen:
        rows = holdings[area]
        distributions.append(
            Distribution(area=area, group="England", holdings=tuple(h for _, h in rows))
        )
        if by is not None:
            groups = sorted({getattr(m, by) for m, _ in rows})
            for group in groups:
                mine = tuple(h for m, h in rows if getattr(m, by) == group)
                distributions.append(Distribution(area=area, group=group, holdings=mine))
    return England(at=at_date, known_at=known_date, distributions=tuple(distributions))


@attrs.frozen(kw_only=True)
class Movement:
    """One authority's grade for an area at its last two inspections under one framework."""

    subject: str
    area: Area
    framework: str
    before: Inspection
    after: Inspection

    @property
    def verdict(self) -> str:
        """improved, declined, retained_good (good or outstanding) or retained_weak."""
        was, now = self.before.believed.grade.rank, self.after.believed.grade.rank
        if now > was:
            return "improved"
        if now < was:
            return "declined"
        return "retained_good" if now >= _GOOD else "retained_weak"

    def to_dict(self) -> Json:
        """The authority, the verdict, and both grades with their dates and sources."""
        return {
            "subject": self.subject,
            "area": self.area.value,
            "framework": self.framework,
            "verdict": self.verdict,
            "before": _inspection_dict(self.before),
            "after": _inspection_dict(self.after),
        }


def _inspection_dict(inspection: Inspection) -> Json:
    believed = inspection.believed
    return {
        "grade": believed.grade.value,
        "inspected": {"from": str(believed.valid.start), "to": str(believed.valid.last)},
        "published": None if inspection.published is None else str(inspection.published),
        "source": evidence_dict(believed.id, believed.source),
    }


VERDICTS = ("improved", "retained_good", "retained_weak", "declined")


@attrs.frozen(kw_only=True)
class Movements:
    """Every authority's movement between its last two inspections under one framework."""

    until: PartialDate
    known_at: PartialDate
    movements: tuple[Movement, ...]

    def of(self, area: Area | str = Area.OVERALL_EFFECTIVENESS) -> list[Movement]:
        """One area's movements, by authority."""
        key = Area(area)
        return sorted((m for m in self.movements if m.area is key), key=lambda m: m.subject)

    def counts(self, area: Area | str = Area.OVERALL_EFFECTIVENESS) -> dict[str, int]:
        """How many authorities improved, retained a good grade, a weak grade, or declined."""
        found = self.of(area)
        return {verdict: sum(1 for m in found if m.verdict == verdict) for verdict in VERDICTS}

    def to_dict(self) -> Json:
        """A JSON-able dict: the dates, counts per area, and every movement."""
        areas = sorted({m.area for m in self.movements}, key=list(Area).index)
        return {
            "until": str(self.until),
            "known_at": str(self.known_at),
            "counts": {area.value: self.counts(area) for area in areas},
            "movements": [m.to_dict() for area in areas for m in self.of(area)],
        }


def framework_of(inspection: Inspection, documents: Mapping[str, DocumentRecorded]) -> str | None:
    """The framework family of an inspection known first-hand from its own report."""
    believed = inspection.believed
    if believed.hand is not Hand.FIRST:
        return None
    document = documents.get(believed.source.document_id)
    if document is None or document.framework is None:
        return None
    return _FAMILY.get(document.framework)


def movements(
    index: EventIndex,
    subjects: Iterable[str],
    until: DateLike,
    known_at: DateLike | None = None,
    *,
    areas: Iterable[Area] = (Area.OVERALL_EFFECTIVENESS,),
) -> Movements:
    """For each subject whose last two inspections by ``until``, as known on ``known_at``, were
    under one framework: the change between them. Only inspections known from their own report
    count, so a grade a later document retells is not an inspection of its own; and once an
    authority is inspected under a new framework, its inspections under the old are history."""
    until_date, known_date = _days(until, known_at)
    day, known_day = until_date.ordinal, known_date.ordinal
    documents = index.documents_known(known_day)
    found = []
    for subject in subjects:
        name = index.subject_name(subject)
        for area in areas:
            claims = [
                e
                for e in index.bucket((name, "judgement", area.value), day, known_day)
                if isinstance(e, JudgementIssued)
            ]
            # Only the framework of the latest inspection: once an authority is inspected
            # under a new framework, its pair under the old one is history, not a movement.
            series: list[Inspection] = []
            family = None
            for inspection in group_inspections(claims, documents):
                framework = framework_of(inspection, documents)
                if framework is None:
                    continue
                if framework != family:
                    series, family = [], framework
                series.append(inspection)
            if family is not None and len(series) >= 2:
                found.append(
                    Movement(
                        subject=subject,
                        area=area,
                        framework=family,
                        before=series[-2],
                        after=series[-1],
                    )
                )
    return Movements(until=until_date, known_at=known_date, movements=tuple(found))


@attrs.frozen(kw_only=True)
class Comparison:
    """One authority's grades beside its statistical neighbours', its region's and England's.

    ``own`` holds the authority and its neighbours (in force on the date or not); ``picture``
    the authorities in force, by region, for the distributions.
    """

    subject: str
    region: str
    neighbours: tuple[str, ...]
    own: England
    picture: England

    def holding(self, name: str, area: Area | str) -> Holding:
        """``name``'s holding for ``area`` on the date (the authority or a neighbour)."""
        for holding in self.own.distribution(area).holdings:
            if holding.subject == name:
                return holding
        raise KeyError(name)

    def to_dict(self) -> Json:
        """Per area: the authority's grade, each neighbour's, and the two distributions."""
        areas = sorted({d.area for d in self.picture.distributions}, key=list(Area).index)
        return {
            "subject": self.subject,
            "region": self.region,
            "at": str(self.picture.at),
            "known_at": str(self.picture.known_at),
            "counted_from": self.picture.axis,
            "areas": {
                area.value: {
                    "subject": self.holding(self.subject, area).to_dict(),
                    "neighbours": [self.holding(n, area).to_dict() for n in self.neighbours],
                    "region": self.picture.distribution(area, self.region).to_dict(),
                    "england": self.picture.distribution(area).to_dict(),
                }
                for area in areas
            },
        }
