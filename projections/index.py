"""The projection: events indexed by what they are about, folded into a state on demand.

Events are filed into buckets keyed ``(subject, kind, key)`` as they arrive, so appending is
incremental and a point-in-time state only looks at each bucket, never replays the log. Every
answer depends only on the *set* of events added, not on their order. This module files events
and picks the ones a state reads; ``projections.folding`` turns those into the state's views.

A subject is filed under the name a ``naming`` function gives it, so events that spell one
authority differently (older readers wrote "Windsor & Maidenhead") share its buckets; the events
themselves are never rewritten.
"""

from __future__ import annotations

import bisect
import gc
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple

import attrs

from events import (
    AnyEvent,
    AuthorityReorganised,
    CorrectionAction,
    CorrectionMade,
    DateLike,
    DocumentRecorded,
    EventStore,
    FindingRecorded,
    Head,
    IntegrityError,
    JudgementIssued,
    MetricObserved,
    PartialDate,
    RecommendationMade,
    about,
    decode,
    encode,
    span,
)
from projections.folding import Evidence, Selection, first_hand, fold
from projections.inspections import chain_spans
from projections.saved import FilingCache, restore_filing, save_filing
from projections.state import State

__all__ = [
    "END_OF_TIME",
    "EventIndex",
    "IndexRow",
    "Key",
    "Naming",
    "Snapshot",
    "bucket_keys",
    "index_row",
    "true_before",
]

Key = tuple[str, str, str]

Naming = Callable[[str], str]
"""The name a subject is filed and queried under, given the name an event holds."""

# A day number after every real date: filtering by it means "as known now".
END_OF_TIME = PartialDate(9999, 12, 31).ordinal


# Filing this many rows at an open (about 0.1 s each 20,000) is worth saving the filing for
# the next open.
SAVE_AFTER = 20_000

# A store of at most this many events keeps every event the index reads from it in hand (a few
# megabytes): its first query reads most of them back, and decoding them again took longer than
# the query itself. A bigger store's bucket events are read when a query needs them.
HOLD_UP_TO = 5_000

# Below this many events, the collector's own young-generation passes cost little, and two
# full collections (which walk the whole process, not only the index) cost more.
_COLLECT_AFTER = 100_000

_RECOMMENDATION = RecommendationMade.kind
# Which kind of bucket each event kind is filed in (documents and corrections are not).
_BUCKET_KIND = {
    JudgementIssued.kind: "judgement",
    MetricObserved.kind: "metric",
    FindingRecorded.kind: "theme",
    RecommendationMade.kind: "theme",
}

Entry = tuple[int, str, int, int, int]
"""A bucket member: ``(known day, event id, valid start sort code, since, until)``, the last
two being :func:`events.span`; buckets sort by it.

A plain tuple, not a named one: a million of them are built at every open, and a named tuple
takes 3.7 times as long to build and is never untracked by the cycle collector, which would then
walk them all at each full collection."""


class IndexRow(NamedTuple):
    """What the index files an event by, without the event's content."""

    ref: int | AnyEvent
    """The event's position in the store (loaded by it when read), or the event in hand."""
    id: str
    kind: str
    subject: str
    about: tuple[str, ...]
    """:func:`events.about`: the keys of the buckets it is filed in."""
    known: int
    """The known date's day number."""
    valid: int
    """The valid start's :attr:`~events.PartialDate.sort_code`."""
    since: int
    until: int
    """:func:`events.span`."""


def index_row(event: AnyEvent, position: int | None = None) -> IndexRow:
    """The index row of an event at ``position`` in a store, or in hand (no position)."""
    since, until = span(event)
    return IndexRow(
        event if position is None else position,
        event.id,
        event.kind,
        event.subject,
        about(event),
        event.known.ordinal,
        event.valid.start.sort_code,
        since,
        until,
    )


def bucket_keys(event: AnyEvent) -> tuple[Key, ...]:
    """The ``(subject, kind, key)`` buckets an event belongs to."""
    bucket = _BUCKET_KIND.get(event.kind)
    if bucket is None:
        return ()
    return tuple((event.subject, bucket, key) for key in about(event))


def true_before(day: int) -> int:
    """The valid code below which an entry's event is true by ``day`` (its valid start is on or
    before it): codes are a day number × 4 plus a precision under 4.

    Queries filter every entry they read this way: a comparison with this bound is cheaper than a
    function call per entry.
    """
    return (day + 1) * 4


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
    """Events filed by subject and key; answers states, histories and conflicts.

    Buckets hold small entries, not events: an index built from a store's columns
    (:meth:`from_store`) files a million events without decoding one, and loads the few a
    query reads through ``loader``. Documents and corrections, which few events are, are
    loaded as they are filed. ``naming`` gives the name each subject is filed and looked up
    under (by default the name the events hold); it is asked once per distinct name, and must
    give a name it returned back unchanged.
    """

    def __init__(
        self,
        events: Iterable[AnyEvent] = (),
        *,
        loader: Callable[[Sequence[int]], list[AnyEvent]] | None = None,
        naming: Naming | None = None,
    ) -> None:
        self._naming = naming
        # Each name met so far and the name it is filed under: filing a million rows asks
        # ``naming`` once per subject, not once per row.
        self._names: dict[str, str] = {}
        # Each stored event's row number, and the events in hand (added, or loaded when read).
        # Row numbers stay in a dict of their own, which holds no containers: the cycle
        # collector never walks it (a million entries cost each full collection 0.1 s).
        self._rows: dict[str, int] = {}
        self._events: dict[str, AnyEvent] = {}
        self._unnumbered = 0  # events added without a row number
        self._loader = loader
        self._documents: dict[str, dict[str, DocumentRecorded]] = {}
        self._corrections: dict[str, dict[str, CorrectionMade]] = {}
        self._reorganisations: dict[str, AuthorityReorganised] = {}
        # Recommendations share theme buckets with findings, and are a few in a hundred: known
        # by id, a report's list is read without decoding the findings around it.
        self._recommendations: set[str] = set()
        # Each bucket's entries sorted by (known day, id): a point in time is a bisection.
        # Tuples, not lists: once their entries are, the cycle collector stops tracking them.
        self._order: dict[Key, tuple[Entry, ...]] = {}
        self._subjects: dict[str, set[Key]] = {}
        # How many events came from a filing kept at an earlier open (see from_store).
        self.saved_rows = 0
        # How many of a store's rows are filed (see follow), and how many the filing last
        # kept or restored covers (see keep_if_behind).
        self._position = 0
        self._kept = 0
        # Moves on whenever new events are filed: answers remembered from before are stale.
        self.generation = 0
        self.add(events)

    @classmethod
    def from_store(
        cls,
        store: EventStore,
        *,
        cache: FilingCache | None = None,
        save_after: int = SAVE_AFTER,
        naming: Naming | None = None,
    ) -> EventIndex:
        """An index of everything in ``store``, its subjects filed under ``naming``'s names.

        It starts from the filing kept in ``cache`` at an earlier open, if that still matches
        the store's chain, and files the events appended since. When that meant filing
        ``save_after`` events or more, the new filing is kept in ``cache`` for the next open.
        """
        index = cls(loader=store.read_positions, naming=naming)
        # Filing makes a few objects per event and frees none: the cycle collector would
        # walk the growing index again and again for nothing.
        collecting = gc.isenabled()
        gc.disable()
        try:
            index.saved_rows = index._restore(store, cache) if cache is not None else 0
            filed = index.follow(store)
        finally:
            if collecting:
                gc.enable()
        if collecting and len(index) >= _COLLECT_AFTER:
            # Full collections now rather than young-generation ones rescanning the whole index
            # during the first queries (70-90 ms pauses at 400,000 events). They also stop
            # tracking the entries, which hold no containers, and then the bucket tuples of
            # entries: one pass leaves some buckets tracked (it reorders objects as it goes),
            # and each later full collection would walk them (0.1 s instead of 0.03 at 1M).
            gc.collect()
            gc.collect()
        if cache is not None and filed >= save_after:
            index.keep(store, cache)
        return index

    def keep_if_behind(self, store: EventStore, cache: FilingCache) -> bool:
        """Keep the filing if :data:`SAVE_AFTER` events or more were filed since one was last
        kept or restored (a big ingest): the next open then reads it instead of every event."""
        return self._position - self._kept >= SAVE_AFTER and self.keep(store, cache)

    @property
    def position(self) -> int:
        """How many of the store's rows are filed: the position to follow it from."""
        return self._position

    def follow(self, store: EventStore, fresh: Sequence[AnyEvent] = ()) -> int:
        """File the events ``store`` holds after :attr:`position`; returns how many were new.

        ``fresh`` are events just appended to it, in order: when nothing else was appended
        since this index last followed it, they are filed as they are, with their positions,
        and nothing is read back.
        """
        position = self._position
        head = store.head().position
        if head == position:
            return 0
        if fresh and head == position + len(fresh):
            rows: Iterable[IndexRow] = (
                index_row(e, p) for p, e in enumerate(fresh, start=position + 1)
            )
            return self._add_positioned(rows, {e.id: e for e in fresh}, head)
        filed = 0
        keep_all = head <= HOLD_UP_TO
        events = iter(store.read(after=position))
        while batch := list(itertools.islice(events, 20_000)):
            start = position + filed
            rows = [index_row(e, p) for p, e in enumerate(batch, start=start + 1)]
            # Documents and corrections are filed in hand; a bucket's events are read by
            # position when a query needs them (unless the store is small).
            held = {e.id: e for e in batch if keep_all or e.kind not in _BUCKET_KIND}
            filed += len(batch)
            self._add_positioned(rows, held, start + len(batch), keep_all=keep_all)
        return filed

    def _add_positioned(
        self,
        rows: Iterable[IndexRow],
        held: Mapping[str, AnyEvent],
        position: int,
        *,
        keep_all: bool = False,
    ) -> int:
        added = self.add_rows(rows, in_hand=held)
        if keep_all:
            # Filed by row number like any other, so a query finds them in hand.
            for event_id, event in held.items():
                self._events.setdefault(event_id, event)
        self._position = position
        return added

    def _restore(self, store: EventStore, cache: FilingCache) -> int:
        """Take the filing ``cache`` kept, if it still holds; returns how many rows it covers."""
        restored = restore_filing(store, cache)
        if restored is None:
            return 0
        filing, special = restored
        self._rows.update(filing.rows)
        self._recommendations.update(filing.recommendations)
        self._order = filing.order
        if self._naming is not None:
            self._order = self._renamed(filing.order)
        for key in self._order:
            self._subjects.setdefault(key[0], set()).add(key)
        for event in special:
            self._events[event.id] = event
            self._keep_special(event)  # the filing already holds what corrections refiled
        self._position = self._kept = len(filing.rows)
        return len(filing.rows)

    def _renamed(self, order: dict[Key, tuple[Entry, ...]]) -> dict[Key, tuple[Entry, ...]]:
        """A saved filing's buckets under this index's names (the filing may predate them);
        buckets whose subjects now share a name are merged."""
        renamed: dict[Key, tuple[Entry, ...]] = {}
        for (subject, bucket, key), entries in order.items():
            full = (self.subject_name(subject), bucket, key)
            held = renamed.get(full)
            renamed[full] = entries if held is None else tuple(sorted({*held, *entries}))
        return renamed

    def subject_name(self, subject: str) -> str:
        """The name events about ``subject`` are filed and looked up under."""
        try:
            return self._names[subject]
        except KeyError:
            name = subject if self._naming is None else self._naming(subject)
            self._names[subject] = name
            # A filed name names itself (queries pass them back): ``naming`` is idempotent.
            self._names.setdefault(name, name)
            return name

    def bucket_keys(self, event: AnyEvent) -> tuple[Key, ...]:
        """The buckets this index files ``event`` in: :func:`bucket_keys` under its names."""
        return tuple((self.subject_name(s), b, k) for s, b, k in bucket_keys(event))

    def same_filing(self, other: EventIndex) -> bool:
        """Whether both index the same events, filed in the same buckets in the same order."""
        return (
            self._order == other._order
            and self._rows == other._rows
            and self._events.keys() - self._rows.keys() == other._events.keys() - other._rows.keys()
            and _members(self._documents) == _members(other._documents)
            and _members(self._corrections) == _members(other._corrections)
        )

    def keep(self, store: EventStore, cache: FilingCache) -> bool:
        """Keep this index's filing in ``cache``, if it holds only the store's events filed
        under the names they hold; returns whether it was kept.

        A filing under other names would be one the store's rows alone do not give (``timeline
        verify`` rebuilds it from them), so a store whose subjects a naming renames is filed
        afresh at each open, until its events are read again under the new names.
        """
        renamed = any(name != written for written, name in self._names.items())
        chain = store.chain_at(len(self._rows))
        if self._unnumbered or renamed or chain is None:
            return False
        special = [*itertools.chain.from_iterable(self._documents.values())]
        special += itertools.chain.from_iterable(self._corrections.values())
        special += self._reorganisations
        kept = save_filing(
            cache,
            Head(len(self._rows), chain),
            self._rows,
            self._order,
            special,
            self._recommendations,
        )
        if kept:
            self._kept = len(self._rows)
        return kept

    # -- building -------------------------------------------------------------------------

    def add(self, events: Iterable[AnyEvent]) -> int:
        """File new events (already-seen ids are skipped); returns how many were new."""
        return self.add_rows(map(index_row, events))

    def add_rows(
        self, rows: Iterable[IndexRow], in_hand: Mapping[str, AnyEvent] | None = None
    ) -> int:
        """File events by their index rows; returns how many were new.

        Entries are appended and each touched bucket sorted once at the end, which is what
        makes filing a whole store fast; documents and corrections are then filed one by one.
        """
        added = 0
        new: dict[Key, list[Entry]] = {}
        special: list[str] = []
        # Events corrected before they arrive are filed where their corrections put them.
        corrected, retarget = self._corrections, []
        numbered, held, subjects = self._rows, self._events, self._subjects
        names, name_of = self._names, self.subject_name
        for ref, event_id, kind, written, keys, known, valid, since, until in rows:
            if event_id in numbered or event_id in held:
                continue
            if isinstance(ref, int):
                numbered[event_id] = ref
            else:
                held[event_id] = ref
                self._unnumbered += 1
            added += 1
            if event_id in corrected:
                retarget.append(event_id)
            bucket = _BUCKET_KIND.get(kind)
            if bucket is None:
                special.append(event_id)
                continue
            if kind == _RECOMMENDATION:
                self._recommendations.add(event_id)
            entry = (known, event_id, valid, since, until)
            subject = names.get(written)
            if subject is None:
                subject = name_of(written)
            for key in keys:
                full = (subject, bucket, key)
                try:
                    new[full].append(entry)
                except KeyError:
                    new[full] = [entry]
                    subjects.setdefault(subject, set()).add(full)
        # Rows that arrive in bucket order (a store's filing index) leave little to sort.
        order = self._order
        for full, entries in new.items():
            order[full] = tuple(sorted((*order.get(full, ()), *entries)))
        if in_hand:
            for event_id in special:
                if event_id in in_hand:  # read already: no need to load it again
                    held.setdefault(event_id, in_hand[event_id])
        for event in self.load(special):
            self._file_special(event)
        for event in self.load(retarget):
            self._refile(event)
        if added:
            self.generation += 1
        return added

    def is_recommendation(self, event_id: str) -> bool:
        """Whether the event filed under this id is a recommendation (no event is loaded)."""
        return event_id in self._recommendations

    def _keep_special(self, event: AnyEvent) -> None:
        """Keep a document record or a correction where lookups find it."""
        if isinstance(event, DocumentRecorded):
            self._documents.setdefault(event.document_id, {})[event.id] = event
        elif isinstance(event, CorrectionMade):
            self._corrections.setdefault(event.target, {})[event.id] = event
        elif isinstance(event, AuthorityReorganised):
            self._reorganisations[event.id] = event

    def _file_special(self, event: AnyEvent) -> None:
        self._keep_special(event)
        if (
            isinstance(event, CorrectionMade)
            and event.action is CorrectionAction.RECLASSIFY
            and self._has(event.target)
        ):
            target = self.load([event.target])[0]
            self._file(target, self.bucket_keys(event.apply_to(target)))

    def _refile(self, event: AnyEvent) -> None:
        for correction in self._corrections.get(event.id, {}).values():
            if correction.action is CorrectionAction.RECLASSIFY:
                self._file(event, self.bucket_keys(correction.apply_to(event)))

    def _file(self, event: AnyEvent, keys: Iterable[Key]) -> None:
        """File one event under ``keys``, skipping buckets it is already in."""
        entry = (event.known.ordinal, event.id, event.valid.start.sort_code, *span(event))
        for key in keys:
            members = self._order.get(key, ())
            at = bisect.bisect_left(members, entry[:2])
            if at < len(members) and members[at][1] == event.id:
                continue
            self._order[key] = (*members[:at], entry, *members[at:])
            self._subjects.setdefault(key[0], set()).add(key)

    def load(self, event_ids: Sequence[str]) -> list[AnyEvent]:
        """The events with these ids, loading those not yet read in one batch."""
        held, numbered = self._events, self._rows
        pending = [(i, numbered[i]) for i in event_ids if i not in held]
        if pending:
            if self._loader is None:
                raise TypeError("an index with row numbers needs a loader")
            loaded = self._loader([row for _, row in pending])
            for (event_id, row), event in zip(pending, loaded, strict=True):
                if event.id != event_id:
                    # The loader checks a row's id against its record, and rows filed from the
                    # store's columns carry that id: only a saved filing can misplace one.
                    raise IntegrityError(
                        f"event #{row} is {event.id}, but the index filed it as {event_id}:"
                        " the store's saved filing does not match the events",
                        hint="run `timeline verify`",
                    )
                held[event_id] = event
        return [held[i] for i in event_ids]

    def _has(self, event_id: str) -> bool:
        return event_id in self._rows or event_id in self._events

    def __len__(self) -> int:
        return len(self._rows) + self._unnumbered

    def __iter__(self) -> Iterator[AnyEvent]:
        """Every event, loading a batch at a time, in an order that depends on how the index
        was built (a saved filing's order is not the store's), so sort if order matters."""
        ids = [*self._rows, *(i for i in self._events if i not in self._rows)]
        for start in range(0, len(ids), 10_000):
            yield from self.load(ids[start : start + 10_000])

    def get(self, event_id: str) -> AnyEvent | None:
        """The event with this id, if indexed."""
        return self.load([event_id])[0] if self._has(event_id) else None

    def snapshot(self) -> Snapshot:
        """Everything indexed so far, as plain records."""
        return Snapshot(tuple(encode(e) for e in self))

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

    def file_names(self, document_id: str) -> frozenset[str]:
        """Every file name a document's text was recorded under."""
        return frozenset(r.file_name for r in self._documents.get(document_id, {}).values())

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
    def reorganisations(self) -> list[AuthorityReorganised]:
        """Every reorganisation stored (few: they are kept in hand, not filed), oldest first."""
        return sorted(
            self._reorganisations.values(), key=lambda e: (e.valid.start.sort_key(), e.id)
        )

    @property
    def subjects(self) -> list[str]:
        """Every subject with at least one judgement, figure or theme, sorted."""
        return sorted(self._subjects)

    def keys(self, subject: str | None = None) -> list[Key]:
        """Every bucket key, optionally for one subject (by any name it is filed under), sorted."""
        if subject is not None:
            return sorted(self._subjects.get(self.subject_name(subject), ()))
        return sorted(self._order)

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

    def entries(self, key: Key) -> tuple[Entry, ...]:
        """A bucket's entries, ``(known day, id, valid code, since, until)``, in known order."""
        return self._order.get(key, ())

    def records_of(self, document_id: str) -> list[DocumentRecorded]:
        """Every record of a document: one a reading (a document read twice has two)."""
        return list(self._documents.get(document_id, {}).values())

    def is_corrected(self, event_id: str) -> bool:
        """Whether a correction targets the event."""
        return event_id in self._corrections

    @property
    def has_corrections(self) -> bool:
        """Whether any event is corrected (most stores have none)."""
        return bool(self._corrections)

    def bucket_events(self, key: Key) -> list[AnyEvent]:
        """Every event ever filed under ``key``, uncorrected and unfiltered."""
        return self.load([entry[1] for entry in self._order.get(key, ())])

    def visible(self, key: Key, entries: Iterable[Entry], at: int, known_at: int) -> list[AnyEvent]:
        """The entries' events true by day ``at``, as corrected on ``known_at``, still in ``key``.

        Only events that pass the date test are loaded.
        """
        bound = true_before(at)
        events = self.load([entry[1] for entry in entries if entry[2] < bound])
        if not self._corrections:  # most stores have none
            return events
        out = []
        for event in events:
            if event.id in self._corrections:
                current = self.effective(event, known_at)
                if current is None or key not in self.bucket_keys(current):
                    continue
                event = current
            out.append(event)
        return out

    def _known_by(self, key: Key, known_at: int) -> tuple[Entry, ...]:
        """A bucket's entries known by day ``known_at``, oldest first."""
        order = self._order.get(key, ())
        return order[: _known_count(order, known_at)]

    def bucket(self, key: Key, at: int, known_at: int) -> list[AnyEvent]:
        """The events of one bucket true by day ``at`` and known by ``known_at``, corrected."""
        return self.visible(key, self._known_by(key, known_at), at, known_at)

    def latest_findings(self, key: Key, at: int, known_at: int) -> list[FindingRecorded]:
        """The findings of a theme bucket published on the latest day known by ``known_at``.

        Walks back a day at a time from the bisection point, loading only the days it reads.
        """
        order = self._order.get(key, ())
        end = _known_count(order, known_at)
        while end:
            start = _day_start(order, end)
            day = reversed(order[start:end])
            found = [
                e for e in self.visible(key, day, at, known_at) if isinstance(e, FindingRecorded)
            ]
            if found:
                return found
            end = start
        return []

    def theme_evidence(
        self,
        key: Key,
        at: int,
        known_at: int,
        first_hand: Callable[[FindingRecorded], bool],
    ) -> tuple[list[FindingRecorded], list[FindingRecorded]]:
        """A theme bucket's deciding findings and the retellings published since.

        Deciding: the first-hand findings published on the latest day that has any; retellings
        (``first_hand`` false) published on that day or later come back apart, as corroboration.
        With no first-hand finding at all, the retellings of the latest day decide. Walks back
        a day at a time, loading only the days it reads.
        """
        order = self._order.get(key, ())
        end = _known_count(order, known_at)
        retold: list[FindingRecorded] = []
        newest: list[FindingRecorded] = []
        while end:
            start = _day_start(order, end)
            day = reversed(order[start:end])
            found = [
                e for e in self.visible(key, day, at, known_at) if isinstance(e, FindingRecorded)
            ]
            own = [f for f in found if first_hand(f)]
            if own:
                return own, retold + [f for f in found if not first_hand(f)]
            if found and not newest:
                newest = found
            retold += found
            end = start
        return newest, []

    def latest_claims(self, key: Key, at: int, known_at: int) -> list[JudgementIssued]:
        """A judgement bucket's visible claims about its latest inspection, by day ``at``.

        Claims are grouped by the spans their entries carry (as ``group_inspections`` groups
        claims), so only the latest inspection's claims are loaded; claims with corrections are
        loaded first to see whether they are still there.
        """
        bound = true_before(at)
        entries = [e for e in self._known_by(key, known_at) if e[2] < bound]
        corrected = [e for e in entries if e[1] in self._corrections]
        if corrected:
            kept = {e.id for e in self.visible(key, corrected, at, known_at)}
            entries = [e for e in entries if e[1] not in self._corrections or e[1] in kept]
        groups = chain_spans((e[3], e[4], e[1]) for e in entries)
        if not groups:
            return []
        latest = set(groups[-1])
        chosen = [e for e in entries if e[1] in latest]
        return [
            e for e in self.visible(key, chosen, at, known_at) if isinstance(e, JudgementIssued)
        ]

    def latest_observations(self, key: Key, at: int, known_at: int) -> list[MetricObserved]:
        """A metric bucket's visible observations with the newest as-at date, by day ``at``.

        Looks at as-at dates (the entries' valid codes) first and loads only the newest ones;
        a correction cannot change a figure's date, only withdraw it.
        """
        bound = true_before(at)
        entries = sorted(
            [e for e in self._known_by(key, known_at) if e[2] < bound],
            key=_entry_valid,
            reverse=True,
        )
        for _, group in itertools.groupby(entries, key=_entry_valid):
            found = [
                e for e in self.visible(key, group, at, known_at) if isinstance(e, MetricObserved)
            ]
            if found:
                return found
        return []

    def state_at(
        self, at: DateLike, known_at: DateLike | None = None, *, subject: str | None = None
    ) -> State:
        """Each subject's state on ``at`` as known on ``known_at`` (default: ``at``).

        ``subject`` may be written any way the index's naming files under one name.
        """
        at_date = PartialDate.coerce(at)
        known_date = at_date if known_at is None else PartialDate.coerce(known_at)
        day, known_day = at_date.ordinal, known_date.ordinal
        subjects = self.subjects if subject is None else [self.subject_name(subject)]
        documents = self.documents_known(known_day)
        states = {}
        for name in subjects:
            state = fold(self.select(name, day, known_day), documents)
            if state.judgements or state.metrics or state.themes:
                states[name] = state
        return State(at=at_date, known_at=known_date, subjects=states)

    def select(self, subject: str, day: int, known_day: int) -> Selection:
        """The events ``subject``'s state on day ``day`` as known on ``known_day`` reads, by
        bucket (:func:`projections.folding.fold` folds them)."""
        self.prefetch(subject, day, known_day)
        claims: dict[str, list[JudgementIssued]] = {}
        observations: dict[str, list[MetricObserved]] = {}
        themes: dict[str, Evidence] = {}
        for key in self.keys(subject):
            kind = key[1]
            if kind == "theme":
                deciding, retold = self.theme_evidence(key, day, known_day, first_hand)
                themes[key[2]] = Evidence(deciding, retold)
            elif kind == "judgement":
                claims[key[2]] = self.latest_claims(key, day, known_day)
            else:
                observations[key[2]] = self.latest_observations(key, day, known_day)
        return Selection(claims=claims, observations=observations, themes=themes)

    def prefetch(self, subject: str, day: int, known_day: int) -> None:
        """Load in one batch the events a subject's state will most likely read.

        That is each judgement's latest inspection, each metric's newest observations and each
        theme's latest day; a bucket whose likely events are withdrawn loads more on its own.
        """
        wanted: list[str] = []
        bound = true_before(day)
        for key in self._subjects.get(subject, ()):
            order = self._order[key]
            end = _known_count(order, known_day)
            if not end:
                continue
            if key[1] == "theme":
                # Only the latest known day's entries.
                wanted += [e[1] for e in order[_day_start(order, end) : end] if e[2] < bound]
                continue
            entries = [e for e in order[:end] if e[2] < bound]
            if not entries:
                continue
            if key[1] == "metric":
                newest = max(e[2] for e in entries)
                wanted.extend(e[1] for e in entries if e[2] == newest)
            else:
                # The latest inspection as if no claim were corrected (corrections are rare).
                wanted.extend(chain_spans((e[3], e[4], e[1]) for e in entries)[-1])
        self.load(wanted)


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


# Sorts after every event id (hex digits), so (day, _AFTER_EVERY_ID) follows all of a day.
_AFTER_EVERY_ID = "~"


def _members(filed: Mapping[str, Mapping[str, AnyEvent]]) -> dict[str, set[str]]:
    """Which event ids are filed under each key of a two-level filing."""
    return {key: set(events) for key, events in filed.items()}


def _known_count(order: Sequence[Entry], known_at: int) -> int:
    """How many of a sorted bucket's entries were known by day ``known_at``."""
    return bisect.bisect_right(order, (known_at, _AFTER_EVERY_ID))


def _day_start(order: Sequence[Entry], end: int) -> int:
    """Where the known day of a sorted bucket's entry ``end - 1`` starts.

    Walks back rather than bisecting: the entries walked over are the ones read next, while a
    bisection touches others, scattered in memory.
    """
    latest, start = order[end - 1][0], end - 1
    while start and order[start - 1][0] == latest:
        start -= 1
    return start


def _entry_valid(entry: Entry) -> int:
    return entry[2]
