"""Every subject's state at a date: grades, latest figures and theme assessments, with evidence."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Union

import attrs

from events import (
    Area,
    Comparator,
    Direction,
    FindingRecorded,
    Grade,
    JudgementIssued,
    MetricObserved,
    PartialDate,
    Period,
    Polarity,
    Source,
)

if TYPE_CHECKING:
    from projections.lineage import Succession

__all__ = [
    "EMPTY",
    "JudgementView",
    "MetricView",
    "State",
    "SubjectState",
    "ThemeView",
    "View",
    "evidence_dict",
]

Json = dict[str, Any]


def evidence_dict(event_id: str, source: Source) -> Json:
    """How a piece of evidence appears in every ``to_dict``: the document and the exact quote."""
    return {
        "event": event_id,
        "document": source.file_name,
        "document_id": source.document_id,
        "span": [source.start, source.end],
        "quote": source.quote,
    }


def _period_dict(period: Period) -> Json:
    return {"from": str(period.start), "to": str(period.last)}


@attrs.frozen(kw_only=True)
class JudgementView:
    """The believed grade of one area, with every claim about the same inspection."""

    area: Area
    grade: Grade
    wording: str
    inspected: Period
    published: PartialDate | None
    claims: tuple[JudgementIssued, ...]
    disagreements: tuple[str, ...] = ()

    kind: ClassVar[str] = "judgement"

    @property
    def key(self) -> str:
        """The canonical area key."""
        return self.area.value

    @property
    def level(self) -> str:
        """What a diff compares."""
        return self.grade.value

    @property
    def evidence(self) -> tuple[JudgementIssued, ...]:
        """The events the grade rests on, believed claim first."""
        return self.claims

    def summary(self) -> Json:
        """The level and its dates, without evidence."""
        return {
            "grade": self.grade.value,
            "published": None if self.published is None else str(self.published),
            "inspected": _period_dict(self.inspected),
        }

    def to_dict(self) -> Json:
        """A JSON-able dict; see the README for its shape."""
        return {
            **self.summary(),
            "label": self.grade.label,
            "wording": self.wording,
            "disagreements": list(self.disagreements),
            "sources": [evidence_dict(c.id, c.source) for c in self.claims],
        }


@attrs.frozen(kw_only=True)
class MetricView:
    """The latest value of one figure, with the observations that report it."""

    metric: str
    value: float
    unit: str
    as_at: PartialDate
    direction: Direction
    wording: str
    comparators: tuple[Comparator, ...]
    observations: tuple[MetricObserved, ...]

    kind: ClassVar[str] = "metric"

    @property
    def key(self) -> str:
        """The canonical metric key."""
        return self.metric

    @property
    def level(self) -> float:
        """What a diff compares."""
        return self.value

    @property
    def evidence(self) -> tuple[MetricObserved, ...]:
        """The observations of this value at this date, most trusted first."""
        return self.observations

    def summary(self) -> Json:
        """The level and its date, without evidence."""
        return {"value": self.value, "unit": self.unit, "as_at": str(self.as_at)}

    def to_dict(self) -> Json:
        """A JSON-able dict; see the README for its shape."""
        return {
            **self.summary(),
            "direction": self.direction.value,
            "wording": self.wording,
            "comparators": {c.name: c.value for c in self.comparators},
            "sources": [evidence_dict(o.id, o.source) for o in self.observations],
        }


@attrs.frozen(kw_only=True)
class ThemeView:
    """How a theme's deciding findings read: positive, negative or mixed.

    The inspectorate's latest first-hand findings decide; news and minutes published since are
    ``corroboration``, shown beside them but never moving the level (see the README).
    """

    theme: str
    polarity: Polarity
    as_of: PartialDate
    findings: tuple[FindingRecorded, ...]
    # Retellings (news, minutes) published since the deciding findings: shown, never deciding.
    corroboration: tuple[FindingRecorded, ...] = ()

    kind: ClassVar[str] = "theme"

    @property
    def key(self) -> str:
        """The theme key."""
        return self.theme

    @property
    def level(self) -> str:
        """What a diff compares."""
        return self.polarity.value

    @property
    def evidence(self) -> tuple[FindingRecorded, ...]:
        """The findings the assessment rests on."""
        return self.findings

    def counts(self) -> dict[str, int]:
        """How many findings read each way."""
        return {p.value: sum(f.polarity is p for f in self.findings) for p in Polarity}

    def summary(self) -> Json:
        """The level and its date, without evidence."""
        return {"polarity": self.polarity.value, "as_of": str(self.as_of)}

    def to_dict(self) -> Json:
        """A JSON-able dict; see the README for its shape."""
        return {
            **self.summary(),
            "counts": self.counts(),
            "sources": [evidence_dict(f.id, f.source) for f in self.findings],
            "corroboration": [
                {**evidence_dict(f.id, f.source), "polarity": f.polarity.value}
                for f in self.corroboration
            ],
        }


View = Union[JudgementView, MetricView, ThemeView]


@attrs.frozen(kw_only=True)
class SubjectState:
    """One subject's judgements by area key, metrics by metric key and themes by theme."""

    judgements: Mapping[str, JudgementView]
    metrics: Mapping[str, MetricView]
    themes: Mapping[str, ThemeView]

    def views(self) -> list[View]:
        """Every entry, judgements then metrics then themes, each sorted by key."""
        out: list[View] = []
        for group in (self.judgements, self.metrics, self.themes):
            out.extend(group[k] for k in sorted(group))
        return out

    def to_dict(self) -> Json:
        """A JSON-able dict; see the README for its shape."""
        return {
            "judgements": {k: self.judgements[k].to_dict() for k in sorted(self.judgements)},
            "metrics": {k: self.metrics[k].to_dict() for k in sorted(self.metrics)},
            "themes": {k: self.themes[k].to_dict() for k in sorted(self.themes)},
        }


@attrs.frozen(kw_only=True)
class State:
    """Every subject's state on ``at``, as known on ``known_at``.

    ``succession`` is set when the subject asked for had not begun on ``at``: ``subjects`` then
    holds its predecessors' states, and the succession says which reorganisation made it so.
    """

    at: PartialDate
    known_at: PartialDate
    subjects: Mapping[str, SubjectState]
    succession: Succession | None = None

    def entries(self) -> dict[tuple[str, str, str], View]:
        """Every entry keyed by ``(subject, kind, key)``."""
        return {
            (subject, view.kind, view.key): view
            for subject, state in self.subjects.items()
            for view in state.views()
        }

    def grade(self, subject: str, area: Area | str) -> Grade | None:
        """The believed grade of one area, or ``None`` when nothing is known."""
        key = area.value if isinstance(area, Area) else area
        view = self.subjects.get(subject, EMPTY).judgements.get(key)
        return None if view is None else view.grade

    def to_dict(self) -> Json:
        """``{"at", "known_at", "subjects": {subject: {"judgements", "metrics", "themes"}}}``."""
        out: Json = {
            "at": str(self.at),
            "known_at": str(self.known_at),
            "subjects": {s: self.subjects[s].to_dict() for s in sorted(self.subjects)},
        }
        if self.succession is not None:
            out["succession"] = self.succession.to_dict()
        return out


EMPTY = SubjectState(judgements={}, metrics={}, themes={})
"""A subject nothing is known about."""
