"""Folding the events a state reads into its views: believed grades, newest figures, themes.

``EventIndex`` picks, per bucket, the events that can matter on a date (a judgement's latest
inspection, a metric's newest observations, a theme's latest findings); this module decides
what they say together.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from projections.index import EventIndex

__all__ = ["first_hand", "judgement_view", "subject_state"]


def subject_state(
    index: EventIndex,
    subject: str,
    day: int,
    known_day: int,
    documents: Mapping[str, DocumentRecorded],
) -> SubjectState:
    """One subject's judgements, figures and themes on day ``day`` as known on ``known_day``."""
    judgements: dict[str, JudgementView] = {}
    metrics: dict[str, MetricView] = {}
    themes: dict[str, ThemeView] = {}
    for key in index.keys(subject):
        kind = key[1]
        if kind == "theme":
            view = _theme(key[2], *index.theme_evidence(key, day, known_day, first_hand))
            if view is not None:
                themes[key[2]] = view
            continue
        if kind == "judgement":
            claims = index.latest_claims(key, day, known_day)
            if claims:
                judgements[key[2]] = judgement_view(claims, documents)
        else:
            observations = index.latest_observations(key, day, known_day)
            if observations:
                metrics[key[2]] = _metric(observations, documents)
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
