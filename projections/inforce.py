"""The judgement in force for an area on a date as known on another, remembered between queries.

A national picture asks it for every authority and area, and the dates differ from one query to
the next while the answer rarely does: an area's answer depends only on which of its bucket's
entries are known and true by the dates (a known prefix of the bucket, then those of it true by
``at``), on corrections when there are any, and on the trust ranks of the claims' documents.
So answers are remembered by the entries they read, not by the dates, and one remembered answer
serves every date that reads the same entries. Each index's memory is dropped when the index
files new events (its ``generation`` moves on).
"""

from __future__ import annotations

import bisect
import itertools
import weakref
from collections.abc import Mapping

import attrs

from events import DocumentRecorded
from projections.folding import judgement_view
from projections.index import EventIndex, Key, true_before
from projections.inspections import document_rank
from projections.state import JudgementView

__all__ = ["InForce", "in_force"]

# Remembered answers per index before the memory starts over (each is a view and a small key);
# a national store holds a few hundred thousand judgement buckets' worth of states at most.
_LIMIT = 500_000

# Sorts after every event id (hex digits), as in projections.index.
_AFTER_EVERY_ID = "~"


@attrs.frozen
class _Remembered:
    """An answer and the document ranks it was worked out with (``document_kind``-less claims)."""

    view: JudgementView | None
    ranks: tuple[tuple[str, int], ...]


def _ranks(
    view: JudgementView | None, documents: Mapping[str, DocumentRecorded]
) -> tuple[tuple[str, int], ...]:
    """The trust rank of each document the view's claims were ordered by, through its record."""
    if view is None:
        return ()
    return tuple(
        (c.source.document_id, document_rank(documents.get(c.source.document_id)))
        for c in view.claims
        if c.source.document_kind is None
    )


class InForce:
    """One index's remembered judgement views, by bucket and the entries the answer reads."""

    def __init__(self) -> None:
        self._generation = -1
        self._views: dict[tuple[Key, int, int, int], _Remembered] = {}
        # Per bucket, the greatest valid start code among its first n entries, at n - 1.
        self._latest_start: dict[Key, tuple[int, ...]] = {}

    def view(
        self,
        index: EventIndex,
        key: Key,
        day: int,
        known_day: int,
        documents: Mapping[str, DocumentRecorded],
    ) -> JudgementView | None:
        """The judgement view ``judgement_view(index.latest_claims(key, day, known_day))`` gives
        (``None`` with no claims), with ``documents`` as known on ``known_day``."""
        if index.generation != self._generation or len(self._views) >= _LIMIT:
            self._views.clear()
            self._latest_start.clear()
            self._generation = index.generation
        # The entries read: the first ``known`` of the bucket, then those of them whose valid
        # start code is below the bound (ties are in or out together, so the count says which).
        order = index.entries(key)
        known = bisect.bisect_right(order, (known_day, _AFTER_EVERY_ID))
        bound = true_before(day)
        # When the date is the known day, every entry known is nearly always true already (a
        # grade is published after its inspection starts): then none need be counted, and
        # counting them was half of what a national picture took once its views were remembered.
        latest = self._latest_start.get(key)
        if latest is None:
            latest = tuple(itertools.accumulate((e[2] for e in order), max))
            self._latest_start[key] = latest
        if not known or latest[known - 1] < bound:
            true = known
        else:
            true = sum(1 for e in order[:known] if e[2] < bound)
        # Corrections read the known day itself; most stores have none.
        corrected = index.has_corrections and any(index.is_corrected(e[1]) for e in order[:known])
        memo = (key, known, true, known_day if corrected else -1)
        found = self._views.get(memo)
        if found is not None and all(
            document_rank(documents.get(d)) == rank for d, rank in found.ranks
        ):
            return found.view
        claims = index.latest_claims(key, day, known_day)
        view = judgement_view(claims, documents) if claims else None
        self._views[memo] = _Remembered(view, _ranks(view, documents))
        return view


_MEMORIES: weakref.WeakKeyDictionary[EventIndex, InForce] = weakref.WeakKeyDictionary()


def in_force(index: EventIndex) -> InForce:
    """The remembered views of ``index`` (made on first use, kept while the index lives)."""
    # Held beside the index, not in it, and holding no reference to it: it goes with the index.
    memory = _MEMORIES.get(index)
    if memory is None:
        memory = _MEMORIES[index] = InForce()
    return memory
