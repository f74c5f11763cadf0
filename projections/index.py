"""The projection: events indexed by what they are about, folded into a state on demand.

Events are filed into buckets keyed ``(subject, kind, key)`` as they arrive, so appending is
incremental and a point-in-time state only looks at each bucket, never replays the log. Every
answer depends only on the *set* of events added, not on their order.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from events import (
    AnyEvent,
    CorrectionAction,
    CorrectionMade,
    DateLike,
    DocumentRecorded,
    FindingRecorded,
    JudgementIssued,
    MetricObserved,
    PartialDate,
    Polarity,
    RecommendationMade,
    decode,
    encode,
)
from projections.inspections import belief_key, group_inspections
from projections.state import JudgementView, MetricView, State, SubjectState, ThemeView

__all__ = ["END_OF_TIME", "EventIndex", "Key", "Snapshot", "bucket_keys"]

Key = tuple[str, str, str]

# A day number after every real date: filtering by it means "as known now".
END_OF_TIME = PartialDate(9999, 12, 31).ordinal


def bucket_keys(event: AnyEvent) -> tuple[Key, ...]:
    """The ``(subject, kind, key)`` buckets an event belongs to."""
    if isinstance(event, JudgementIssued):
        return ((event.subject, "judgement", event.area.value),)
    if isinstance(event, MetricObserved):
        return ((event.subject, "metric", event.metric),)
    if isinstance(event, (FindingRecorded, RecommendationMade)):
        return tuple((event.subject, "theme", theme) for theme in event.themes)
    return ()


@attrs.frozen
class Snapshot:
    """A projection's contents, JSON-able; rebuild with :meth:`EventIndex.from_snapshot`."""

    records: tuple[dict[str, Any], ...]

    def to_dict(self) -> dict[str, Any]:
        """``{"records": [...]}``, each record as :func:`events.encode` writes it."""
        return {"records": list(self.records)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Snapshot:
        """The inverse of :meth:`to_dict`."""
        return cls(tuple(data["records"]))


class EventIndex:
    """Events filed by subject and key; answers states, histories and conflicts."""

    def __init__(self, events: Iterable[AnyEvent] = ()) -> None:
        self._events: dict[str, AnyEvent] = {}
        self._documents: dict[str, dict[str, DocumentRecorded]] = {}
        self._corrections: dict[str, dict[str, CorrectionMade]] = {}
        self._buckets: dict[Key, dict[str, AnyEvent]] = {}
        # Each bucket's events sorted by (known day, id): a point in time is a bisection.
        self._order: dict[Key, list[AnyEvent]] = {}
        self._subjects: dict[str, set[Key]] = {}
        self.add(events)

    # -- building -------------------------------------------------------------------------

    def add(self, events: Iterable[AnyEvent]) -> int:
        """File new events (already-seen ids are skipped); returns how many were new."""
        added = 0
        for event in events:
            if event.id in self._events:
                continue
            self._events[event.id] = event
            added += 1
            if isinstance(event, DocumentRecorded):
                self._documents.setdefault(event.document_id, {})[event.id] = event
            elif isinstance(event, CorrectionMade):
                self._corrections.setdefault(event.target, {})[event.id] = event
                target = self._events.get(event.target)
                if target is not None and event.action is CorrectionAction.RECLASSIFY:
                    self._file(target, bucket_keys(event.apply_to(target)))
            self._file(event, bucket_keys(event))
            for correction in self._corrections.get(event.id, {}).values():
                if correction.action is CorrectionAction.RECLASSIFY:
                    self._file(event, bucket_keys(correction.apply_to(event)))
        return added

    def _file(self, event: AnyEvent, keys: Iterable[Key]) -> None:
        for key in keys:
            members = self._buckets.setdefault(key, {})
            if event.id in members:
                continue
            members[event.id] = event
            bisect.insort(self._order.setdefault(key, []), event, key=_known_then_id)
            self._subjects.setdefault(key[0], set()).add(key)

    def __len__(self) -> int:
        return len(self._events)

    def __iter__(self) -> Iterator[AnyEvent]:
        return iter(self._events.values())

    def get(self, event_id: str) -> AnyEvent | None:
        """The event with this id, if indexed."""
        return self._events.get(event_id)

    def snapshot(self) -> Snapshot:
        """Everything indexed so far, as plain records."""
        return Snapshot(tuple(encode(e) for e in self._events.values()))

    @classmethod
    def from_snapshot(cls, snapshot: Snapshot) -> EventIndex:
        """An index holding what the snapshot held; add later events with :meth:`add`."""
        return cls(decode(r) for r in snapshot.records)

    # -- reading --------------------------------------------------------------------------

    @property
    def documents(self) -> dict[str, DocumentRecorded]:
        """Each document's record as known now (see :meth:`documents_known`)."""
        return dict(self.documents_known(END_OF_TIME))

    def documents_known(self, known_at: int) -> Mapping[str, DocumentRecorded]:
        """Each document's record as known on day ``known_at``, by document id, looked up lazily.

        A record published later cannot change an earlier state's beliefs, and when one document
        was recorded more than once the latest-known record (then the highest id) counts, so the
        answer never depends on the order records were added.
        """
        return _KnownDocuments(self, known_at)

    def document_known(self, document_id: str, known_at: int) -> DocumentRecorded | None:
        """One document's record as known on day ``known_at`` (see :meth:`documents_known`)."""
        records = self._documents.get(document_id, {})
        live = [
            r
            for r in records.values()
            if r.known.ordinal <= known_at and self.effective(r, known_at) is not None
        ]
        return max(live, key=lambda r: (r.known.sort_key(), r.id)) if live else None

    @property
    def subjects(self) -> list[str]:
        """Every subject with at least one judgement, figure or theme, sorted."""
        return sorted(self._subjects)

    def keys(self, subject: str | None = None) -> list[Key]:
        """Every bucket key, optionally for one subject, sorted."""
        if subject is not None:
            return sorted(self._subjects.get(subject, ()))
        return sorted(self._buckets)

    def effective(self, event: AnyEvent, known_at: int) -> AnyEvent | None:
        """``event`` as corrected by what was known on day ``known_at``; ``None`` if retracted."""
        corrections = self._corrections.get(event.id)
        if not corrections:
            return event
        current: AnyEvent = event
        for correction in sorted(corrections.values(), key=lambda c: (c.known.sort_key(), c.id)):
            if correction.known.ordinal > known_at:
                continue
            if self.effective(correction, known_at) is None:
                continue
            if correction.action is CorrectionAction.RETRACT:
                return None
            current = correction.apply_to(current)
        return current

    def bucket_events(self, key: Key) -> list[AnyEvent]:
        """Every event ever filed under ``key``, uncorrected and unfiltered."""
        return list(self._buckets.get(key, {}).values())

    def _visible(self, key: Key, event: AnyEvent, at: int, known_at: int) -> AnyEvent | None:
        """``event`` as corrected on ``known_at`` if it is true by ``at`` and still in ``key``."""
        if event.valid.start.ordinal > at:
            return None
        current = self.effective(event, known_at)
        if current is None or key not in bucket_keys(current):
            return None
        return current

    def _known_by(self, key: Key, known_at: int) -> tuple[list[AnyEvent], int]:
        """A bucket's sorted events and how many of them were known by day ``known_at``."""
        order = self._order.get(key, [])
        return order, bisect.bisect_right(order, known_at, key=_known_day)

    def bucket(self, key: Key, at: int, known_at: int) -> list[AnyEvent]:
        """The events of one bucket true by day ``at`` and known by ``known_at``, corrected."""
        order, end = self._known_by(key, known_at)
        out = []
        for event in order[:end]:
            current = self._visible(key, event, at, known_at)
            if current is not None:
                out.append(current)
        return out

    def latest_findings(self, key: Key, at: int, known_at: int) -> list[FindingRecorded]:
        """The findings of a theme bucket published on the latest day known by ``known_at``.

        Walks back from the bisection point, so it reads only the latest day's events.
        """
        order, end = self._known_by(key, known_at)
        found: list[FindingRecorded] = []
        day = None
        for i in range(end - 1, -1, -1):
            event = order[i]
            if day is not None and event.known.ordinal < day:
                break
            current = self._visible(key, event, at, known_at)
            if isinstance(current, FindingRecorded):
                found.append(current)
                day = event.known.ordinal
        return found

    def state_at(
        self, at: DateLike, known_at: DateLike | None = None, *, subject: str | None = None
    ) -> State:
        """Each subject's state on ``at`` as known on ``known_at`` (default: ``at``)."""
        at_date = PartialDate.coerce(at)
        known_date = at_date if known_at is None else PartialDate.coerce(known_at)
        day, known_day = at_date.ordinal, known_date.ordinal
        subjects = self.subjects if subject is None else [subject]
        documents = self.documents_known(known_day)
        states = {}
        for name in subjects:
            state = self._subject_state(name, day, known_day, documents)
            if state.judgements or state.metrics or state.themes:
                states[name] = state
        return State(at=at_date, known_at=known_date, subjects=states)

    def _subject_state(
        self, subject: str, day: int, known_day: int, documents: Mapping[str, DocumentRecorded]
    ) -> SubjectState:
        judgements: dict[str, JudgementView] = {}
        metrics: dict[str, MetricView] = {}
        themes: dict[str, ThemeView] = {}
        for key in sorted(self._subjects.get(subject, ())):
            kind = key[1]
            if kind == "theme":
                view = _theme(key[2], self.latest_findings(key, day, known_day))
                if view is not None:
                    themes[key[2]] = view
                continue
            events = self.bucket(key, day, known_day)
            if not events:
                continue
            if kind == "judgement":
                judgements[key[2]] = self._judgement(events, documents)
            else:
                metrics[key[2]] = self._metric(events, documents)
        return SubjectState(judgements=judgements, metrics=metrics, themes=themes)

    def _judgement(
        self, events: list[AnyEvent], documents: Mapping[str, DocumentRecorded]
    ) -> JudgementView:
        claims = [e for e in events if isinstance(e, JudgementIssued)]
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
        self, events: list[AnyEvent], documents: Mapping[str, DocumentRecorded]
    ) -> MetricView:
        observations = [e for e in events if isinstance(e, MetricObserved)]
        newest = max(o.as_at.sort_key() for o in observations)
        current = sorted(
            (o for o in observations if o.as_at.sort_key() == newest),
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


class _KnownDocuments(Mapping[str, DocumentRecorded]):
    """Document records as known on one day, found only when asked for (most states ask few)."""

    def __init__(self, index: EventIndex, known_at: int) -> None:
        self._index = index
        self._known_at = known_at
        self._cache: dict[str, DocumentRecorded | None] = {}

    def _lookup(self, document_id: str) -> DocumentRecorded | None:
        if document_id not in self._cache:
            self._cache[document_id] = self._index.document_known(document_id, self._known_at)
        return self._cache[document_id]

    def __getitem__(self, document_id: str) -> DocumentRecorded:
        found = self._lookup(document_id)
        if found is None:
            raise KeyError(document_id)
        return found

    def __iter__(self) -> Iterator[str]:
        return (d for d in self._index._documents if self._lookup(d) is not None)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _known_day(event: AnyEvent) -> int:
    return event.known.ordinal


def _known_then_id(event: AnyEvent) -> tuple[int, str]:
    return (event.known.ordinal, event.id)


def _theme(theme: str, findings: list[FindingRecorded]) -> ThemeView | None:
    """The findings on a theme published on the latest date, and how they read together."""
    if not findings:
        return None
    newest = max(f.known.sort_key() for f in findings)
    latest = sorted(
        (f for f in findings if f.known.sort_key() == newest),
        key=lambda f: (f.source.document_id, f.source.start, f.id),
    )
    polarities = {f.polarity for f in latest}
    polarity = polarities.pop() if len(polarities) == 1 else Polarity.MIXED
    return ThemeView(theme=theme, polarity=polarity, as_of=latest[0].known, findings=tuple(latest))
