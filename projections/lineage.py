"""Which subjects stand for an authority on a date: the lineage that reorganisations give.

Bournemouth, Christchurch and Poole began on 1 April 2019; asked about it on an earlier date, a
timeline answers with Bournemouth's, Poole's and Dorset County Council's states, each labelled,
and says why. A council that became unitary over the same area (Buckinghamshire 2020) stays one
subject, so nothing stands in for it. Everything here comes from stored, sourced
``AuthorityReorganised`` events: a timeline holds no lineage its store does not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from events import AuthorityReorganised, PartialDate, Reorganisation
from projections.state import evidence_dict

__all__ = ["Lineage", "Succession"]


def _listed(names: Iterable[str]) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@attrs.frozen(kw_only=True)
class Succession:
    """Why a state or history shows other subjects than the one asked for.

    ``subject`` began on ``began``, after ``at``, taking over from ``predecessors`` (whose states
    are shown instead, each labelled); ``because`` are the reorganisations that say so.
    """

    subject: str
    at: PartialDate
    began: PartialDate
    predecessors: tuple[str, ...]
    because: tuple[AuthorityReorganised, ...]

    def message(self) -> str:
        """One sentence for the top of a state: what did not exist, and what is shown."""
        whose = "its predecessor's" if len(self.predecessors) == 1 else "its predecessors'"
        return (
            f"{self.subject} did not exist on {self.at}: it began on {self.began}, taking over "
            f"from {_listed(self.predecessors)}; {whose} state is shown."
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able dict: the dates, the predecessors and the reorganisations' sources."""
        return {
            "subject": self.subject,
            "began": str(self.began),
            "predecessors": list(self.predecessors),
            "message": self.message(),
            "legislation": sorted({e.legislation for e in self.because}),
            "sources": [evidence_dict(e.id, e.source) for e in self.because],
        }


class Lineage:
    """Successors and predecessors as the stored reorganisations give them.

    ``naming`` files every name as the index does, so a reorganisation naming "Cumbria County
    Council" joins the events filed under "Cumbria".
    """

    def __init__(
        self,
        events: Iterable[AuthorityReorganised],
        naming: Callable[[str], str] | None = None,
    ) -> None:
        name = naming or (lambda s: s)
        self.events = tuple(events)
        self._founded: dict[str, list[AuthorityReorganised]] = {}
        self._ended: dict[str, list[AuthorityReorganised]] = {}
        self._changes: dict[str, list[AuthorityReorganised]] = {}
        self._predecessors: dict[str, list[str]] = {}
        for event in self.events:
            subject = name(event.subject)
            self._changes.setdefault(subject, []).append(event)
            if event.change is not Reorganisation.REPLACED:
                continue
            self._founded.setdefault(subject, []).append(event)
            for predecessor in map(name, event.predecessors):
                self._ended.setdefault(predecessor, []).append(event)
                self._changes.setdefault(predecessor, []).append(event)
                before = self._predecessors.setdefault(subject, [])
                if predecessor not in before:
                    before.append(predecessor)

    @property
    def subjects(self) -> set[str]:
        """Every name a reorganisation mentions."""
        return set(self._changes)

    def began(self, subject: str) -> PartialDate | None:
        """The day ``subject`` took over from its predecessors, if it replaced any."""
        founded = self._founded.get(subject)
        return min((e.valid.start for e in founded), default=None) if founded else None

    def ended(self, subject: str) -> PartialDate | None:
        """The last day of ``subject``, if reorganisation replaced it."""
        replaced = self._ended.get(subject)
        if not replaced:
            return None
        first = min(e.valid.start for e in replaced)
        return PartialDate.from_date(first.start - dt.timedelta(days=1))

    def predecessors(self, subject: str) -> tuple[str, ...]:
        """The authorities ``subject`` took over from, in the order the law lists them."""
        return tuple(self._predecessors.get(subject, ()))

    def ancestors(self, subject: str) -> tuple[str, ...]:
        """Predecessors, theirs in turn, and so on: nearest first, each once."""
        found: list[str] = []
        frontier = [subject]
        while frontier:
            nxt = []
            for name in frontier:
                for predecessor in self.predecessors(name):
                    if predecessor != subject and predecessor not in found:
                        found.append(predecessor)
                        nxt.append(predecessor)
            frontier = nxt
        return tuple(found)

    def changes(self, subject: str) -> tuple[AuthorityReorganised, ...]:
        """Every reorganisation that began, ended or changed ``subject``, oldest first."""
        events = self._changes.get(subject, [])
        return tuple(sorted(events, key=lambda e: (e.valid.start.sort_key(), e.id)))

    def succession(self, subject: str, at: PartialDate) -> Succession | None:
        """Why ``subject``'s state on ``at`` is its predecessors', or ``None`` if it is its own.

        A predecessor that had itself not begun by ``at`` is replaced by its own predecessors,
        so the subjects named are those that existed on ``at``.
        """
        began = self.began(subject)
        if began is None or began.ordinal <= at.ordinal:
            return None
        standing: list[str] = []
        because: list[AuthorityReorganised] = []
        pending = [subject]
        seen = {subject}  # a store may hold a cycle of replacements: each name is met once
        while pending:
            name = pending.pop(0)
            first = self.began(name)
            if first is None or first.ordinal <= at.ordinal:
                standing.append(name)
                continue
            because.extend(e for e in self._founded[name] if e not in because)
            for predecessor in self.predecessors(name):
                if predecessor not in seen:
                    seen.add(predecessor)
                    pending.append(predecessor)
        return Succession(
            subject=subject,
            at=at,
            began=began,
            predecessors=tuple(standing),
            because=tuple(because),
        )
