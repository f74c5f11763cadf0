"""Claims that disagree: one judgement dated or graded differently, one figure with two values."""

from __future__ import annotations

from typing import Any

import attrs

from events import AnyEvent, JudgementIssued, MetricObserved
from projections.index import END_OF_TIME, EventIndex
from projections.inspections import belief_key, group_inspections
from projections.state import evidence_dict

__all__ = ["Conflict", "find_conflicts"]


@attrs.frozen(kw_only=True)
class Conflict:
    """Sources that disagree about one fact, the believed claim first, and the rule applied."""

    subject: str
    kind: str
    key: str
    about: tuple[str, ...]
    claims: tuple[AnyEvent, ...]
    rule: str
    # Claims that repeat one of ``claims`` word for word in the same document (minutes repeat
    # paragraphs), by the id of the claim they repeat: one claim, told more than once.
    repeats: dict[str, tuple[AnyEvent, ...]] = attrs.field(factory=dict)

    def __attrs_post_init__(self) -> None:
        kept, repeats = _grouped(self.claims)
        if repeats:
            object.__setattr__(self, "claims", kept)
            merged = {k: (*self.repeats.get(k, ()), *v) for k, v in repeats.items()}
            object.__setattr__(self, "repeats", {**self.repeats, **merged})

    @property
    def believed(self) -> AnyEvent:
        """The claim the state follows."""
        return self.claims[0]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able dict with each claim's value, dates and source."""
        return {
            "subject": self.subject,
            "kind": self.kind,
            "key": self.key,
            "about": list(self.about),
            "rule": self.rule,
            "claims": [
                {
                    **_claim_dict(c),
                    "repeated_at": [
                        [r.source.start, r.source.end] for r in self.repeats.get(c.id, ())
                    ],
                }
                for c in self.claims
            ],
        }


def _said(claim: AnyEvent) -> tuple[object, ...]:
    """What makes two claims one told twice: the document, the words, and what they claim."""
    value = claim.grade if isinstance(claim, JudgementIssued) else getattr(claim, "value", None)
    words = " ".join(claim.source.quote.split()).casefold()
    return (claim.source.document_id, words, value, claim.valid, claim.known)


def _grouped(
    claims: tuple[AnyEvent, ...],
) -> tuple[tuple[AnyEvent, ...], dict[str, tuple[AnyEvent, ...]]]:
    """``claims`` with repeats of an earlier one taken out, and the repeats by the kept id."""
    first: dict[tuple[object, ...], AnyEvent] = {}
    repeats: dict[str, tuple[AnyEvent, ...]] = {}
    kept = []
    for claim in claims:
        said = _said(claim)
        if said in first:
            original = first[said].id
            repeats[original] = (*repeats.get(original, ()), claim)
        else:
            first[said] = claim
            kept.append(claim)
    return tuple(kept), repeats


def _claim_dict(claim: AnyEvent) -> dict[str, Any]:
    value: Any = claim.grade.value if isinstance(claim, JudgementIssued) else None
    if isinstance(claim, MetricObserved):
        value = claim.value
    return {
        "value": value,
        "valid": {"from": str(claim.valid.start), "to": str(claim.valid.last)},
        "known": str(claim.known),
        "source": evidence_dict(claim.id, claim.source),
    }


JUDGEMENT_RULE = (
    "first-hand table beats a retelling; then inspection report > inspectorate letter > "
    "news or minutes; then the more precise date"
)
METRIC_RULE = (
    "inspection report > inspectorate letter > news or minutes; then the later publication"
)


def find_conflicts(index: EventIndex, subject: str | None = None) -> list[Conflict]:
    """Every disagreement among the claims known now, sorted by subject and key."""
    found = []
    for key in index.keys(subject):
        events = index.bucket(key, END_OF_TIME, END_OF_TIME)
        if key[1] == "judgement":
            claims = [e for e in events if isinstance(e, JudgementIssued)]
            for inspection in group_inspections(claims, index.documents):
                about = inspection.disagreements()
                if about:
                    found.append(
                        Conflict(
                            subject=key[0],
                            kind=key[1],
                            key=key[2],
                            about=about,
                            claims=inspection.claims,
                            rule=JUDGEMENT_RULE,
                        )
                    )
        elif key[1] == "metric":
            by_date: dict[tuple[int, int], list[MetricObserved]] = {}
            for e in events:
                if isinstance(e, MetricObserved):
                    by_date.setdefault(e.as_at.sort_key(), []).append(e)
            for date in sorted(by_date):
                observations = by_date[date]
                if len({o.value for o in observations}) > 1:
                    ordered = sorted(observations, key=lambda o: belief_key(o, index.documents))
                    found.append(
                        Conflict(
                            subject=key[0],
                            kind=key[1],
                            key=key[2],
                            about=("value",),
                            claims=tuple(ordered),
                            rule=METRIC_RULE,
                        )
                    )
    return found
