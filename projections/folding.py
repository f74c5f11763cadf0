"""Folding the events a state reads into its views: believed grades, newest figures, themes.

Two steps, neither calling the other: ``EventIndex.select`` picks, per bucket, the events that
can matter on a date (a judgement's latest inspection, a metric's newest observations, a
theme's deciding findings) into a :class:`Selection`; :func:`fold` decides what they say
together, from the selection and the documents alone.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping

import attrs

from events import (
    DocumentKind,
    DocumentRecorded,
    FindingRecorded,
    JudgementIssued,
    MetricObserved,
    Polarity,
)
from projections.inspections import belief_key, group_inspections
from projections.state import JudgementView, MetricView, SubjectState, ThemeView

__all__ = ["Evidence", "Selection", "first_hand", "fold", "judgement_view"]


@attrs.frozen
class Evidence:
    """A theme's deciding findings and the retellings published since (corroboration)."""

    deciding: list[FindingRecorded]
    retold: list[FindingRecorded]


@attrs.frozen
class Selection:
    """The events one subject's state reads on a date, by bucket key: what the index picks."""

    claims: dict[str, list[JudgementIssued]]
    """Each judgement area's visible claims about its latest inspection."""
    observations: dict[str, list[MetricObserved]]
    """Each metric's visible observations with the newest as-at date."""
    themes: dict[str, Evidence]
    """Each theme's deciding findings, with corroboration."""


def fold(selection: Selection, documents: Mapping[str, DocumentRecorded]) -> SubjectState:
    """One subject's judgements, figures and themes from the events selected for a date."""
    judgements = {
        area: judgement_view(claims, documents)
        for area, claims in selection.claims.items()
        if claims
    }
    metrics = {
        metric: _metric(observations, documents)
        for metric, observations in selection.observations.items()
        if observations
    }
    themes: dict[str, ThemeView] = {}
    for theme, evidence in selection.themes.items():
        view = _theme(theme, evidence.deciding, evidence.retold)
        if view is not None:
            themes[theme] = view
    return SubjectState(judgements=judgements, metrics=metrics, themes=themes)


def judgement_view(
    claims: list[JudgementIssued], documents: Mapping[str, DocumentRecorded]
) -> JudgementView:
    """The believed grade of an area's latest inspection among ``claims`` (not empty)."""
    latest = group_inspections(claims, documents)[-1]
    believed = latest.believed
    return JudgementView(
        area=believed.area,
        grade=believed.grade,
        wording=believed.wording,
        inspected=believed.valid,
        published=latest.published,
        claims=latest.claims,
        disagreements=latest.disagreements(),
    )


def _metric(
    observations: list[MetricObserved], documents: Mapping[str, DocumentRecorded]
) -> MetricView:
    newest = max([o.as_at.sort_code for o in observations])
    current = sorted(
        [o for o in observations if o.as_at.sort_code == newest],
        key=lambda o: belief_key(o, documents),
    )
    believed = current[0]
    agreeing = tuple(o for o in current if o.value == believed.value)
    return MetricView(
        metric=believed.metric,
        value=believed.value,
        unit=believed.unit,
        as_at=believed.as_at,
        direction=believed.direction,
        wording=believed.wording,
        comparators=believed.comparators,
        observations=agreeing,
    )


# Findings in the order of the documents and places they were read from (a C function: a
# theme's findings are sorted for every state).
_source_order = operator.attrgetter("source.document_id", "source.start", "id")


# Documents that retell what others found: news and council minutes (and documents of no known
# kind) report, discuss and question; they do not inspect.
_RETELLINGS = frozenset(
    {DocumentKind.NEWS_ARTICLE, DocumentKind.COUNCIL_MINUTES, DocumentKind.OTHER}
)


def first_hand(finding: FindingRecorded) -> bool:
    """Whether a finding is the inspectorate's own: read from an inspection report or a
    monitoring or focused visit letter. A finding whose source names no kind (stores written
    before sources carried one) is taken as first-hand, as it was then."""
    return finding.source.document_kind not in _RETELLINGS


def _theme(
    theme: str, findings: list[FindingRecorded], retold: list[FindingRecorded]
) -> ThemeView | None:
    """How a theme's deciding findings read together (see ``EventIndex.theme_evidence``): the
    inspectorate's latest first-hand findings, with later retellings as corroboration that
    never moves the level."""
    if not findings:
        return None
    # Sort codes order dates as sort keys do, and are kept on each date rather than built.
    newest = max([f.known.sort_code for f in findings])
    latest = sorted(
        [f for f in findings if f.known.sort_code == newest],
        key=_source_order,
    )
    # One polarity unless some finding's differs (a set of them would hash each member, which
    # enums do in Python).
    polarity = latest[0].polarity
    if any(f.polarity != polarity for f in latest):
        polarity = Polarity.MIXED
    return ThemeView(
        theme=theme,
        polarity=polarity,
        as_of=latest[0].known,
        findings=tuple(latest),
        corroboration=tuple(sorted(retold, key=_source_order)),
    )
