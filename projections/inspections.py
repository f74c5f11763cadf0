"""Grouping judgement claims into inspections, and the rule for which claim to believe.

Several documents may report the same judgement: the report's own table, a later report listing
"the judgements at the last inspection", a monitoring letter ("judged inadequate in June 2014"),
a newspaper, council minutes. Claims about one area of one subject whose dates lie within
``MARGIN_DAYS`` of each other are one inspection. Within an inspection the believed claim is
chosen by :func:`belief_key`:

1. a first-hand claim (the document's own judgement table) beats a retelling;
2. then by the kind of document the claim is in (``Source.document_kind``, else the document's
   record): an inspection report, then other inspectorate letters, then secondary sources
   (news, minutes), then documents of unknown kind;
3. then the more precise publication date, then the later-published claim, then the event id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from events import (
    Authority,
    DocumentKind,
    DocumentRecorded,
    Hand,
    JudgementIssued,
    MetricObserved,
    PartialDate,
    span,
)

__all__ = [
    "MARGIN_DAYS",
    "Inspection",
    "belief_key",
    "chain_spans",
    "document_rank",
    "group_inspections",
]

# Full inspections of one authority are years apart, while retellings date a judgement by its
# visit or its publication, up to about three months apart.
MARGIN_DAYS = 120

_KIND_RANK = {
    DocumentKind.INSPECTION_REPORT: 0,
    DocumentKind.MONITORING_VISIT: 1,
    DocumentKind.FOCUSED_VISIT: 1,
    DocumentKind.OTHER: 2,
    DocumentKind.NEWS_ARTICLE: 3,
    DocumentKind.COUNCIL_MINUTES: 3,
}
_UNKNOWN_DOCUMENT_RANK = 4


def document_rank(document: DocumentRecorded | None) -> int:
    """0 for an inspection report, up to 4 for a document with no record; lower is trusted more."""
    if document is None:
        return _UNKNOWN_DOCUMENT_RANK
    rank = _KIND_RANK[document.document_kind]
    if document.authority is Authority.SECONDARY:
        rank = max(rank, 3)
    return rank


def belief_key(
    event: JudgementIssued | MetricObserved, documents: Mapping[str, DocumentRecorded]
) -> tuple[int, int, int, int, str]:
    """Sort key putting the most trusted claim first (see the module docstring)."""
    # A figure has no hand, and asking one for it fails through attrs' __getattr__ (slow).
    first_hand = type(event) is MetricObserved or getattr(event, "hand", Hand.FIRST) is Hand.FIRST
    hand = 0 if first_hand else 1
    kind = event.source.document_kind
    if kind is not None:
        rank = _KIND_RANK[kind]
    else:
        rank = document_rank(documents.get(event.source.document_id))
    precision = -event.known.sort_key()[1]
    return (hand, rank, precision, -event.known.ordinal, event.id)


@attrs.frozen
class Inspection:
    """The claims about one inspection's judgement of one area, the believed one first."""

    claims: tuple[JudgementIssued, ...]

    @property
    def believed(self) -> JudgementIssued:
        """The claim the state follows."""
        return self.claims[0]

    @property
    def start(self) -> int:
        """The earliest day any claim dates the inspection to."""
        return min(c.valid.start.ordinal for c in self.claims)

    @property
    def published(self) -> PartialDate | None:
        """When the believed claim says the judgement was published, if it says."""
        return self.believed.published

    def disagreements(self) -> tuple[str, ...]:
        """What the claims disagree on: ``"grade"``, ``"date"`` or both."""
        if not self.claims:
            return ()
        found = []
        first = self.claims[0].grade
        if any(c.grade != first for c in self.claims):
            found.append("grade")
        # Agreeing is symmetric and every claim agrees with itself: each pair is checked once.
        dates = [_dates(c) for c in self.claims]
        if any(not _dates_agree(a, b) for i, a in enumerate(dates) for b in dates[i + 1 :]):
            found.append("date")
        return tuple(found)


def _dates(claim: JudgementIssued) -> tuple[tuple[int, int], ...]:
    """The days a claim dates its judgement to: when it was made, and when published if stated."""
    made = (claim.valid.start.ordinal, claim.valid.last.end_ordinal)
    if claim.published is None:
        return (made,)
    return (made, (claim.published.ordinal, claim.published.end_ordinal))


def _dates_agree(a: tuple[tuple[int, int], ...], b: tuple[tuple[int, int], ...]) -> bool:
    """Whether any date one claim gives (its visit or publication: :func:`_dates`) can be a date
    the other gives.

    "Judged inadequate in January 2018" agrees with a report inspected in November 2017 and
    published on 29 January 2018; "June 2014" and "published in August 2014" do not agree.
    """
    return any(s1 <= e2 and s2 <= e1 for s1, e1 in a for s2, e2 in b)


def chain_spans(spans: Iterable[tuple[int, int, str]]) -> list[list[str]]:
    """Ids grouped into inspections by their ``(first day, last day, id)`` spans, oldest first.

    Spans widened by ``MARGIN_DAYS`` that overlap, directly or through others, are one
    inspection. The result depends only on the set of spans.
    """
    groups: list[list[str]] = []
    reach = 0
    # Widening every span by the same margin keeps their order: sort them as they are, and
    # widen the gap a span must leave instead (twice the margin).
    for start, end, event_id in sorted(spans):
        if not groups or start > reach + 2 * MARGIN_DAYS:
            groups.append([event_id])
            reach = end
        else:
            groups[-1].append(event_id)
            if end > reach:
                reach = end
    return groups


def group_inspections(
    claims: Iterable[JudgementIssued], documents: Mapping[str, DocumentRecorded]
) -> list[Inspection]:
    """The claims for one subject and area as inspections, oldest first.

    The result depends only on the set of claims, never on their order.
    """
    # Claims are placed by the dates they give the judgement (``events.span``), never by when
    # the document retelling it appeared: minutes of 2022 retelling a 2017 grade belong to 2017.
    by_id = {c.id: c for c in claims}
    return [
        Inspection(tuple(sorted((by_id[i] for i in group), key=lambda c: belief_key(c, documents))))
        for group in chain_spans((*span(c), c.id) for c in by_id.values())
    ]
