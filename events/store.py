"""The append-only event store contract, its in-memory backend and JSON Lines import/export.

A store is a log and nothing else: it appends a batch in one transaction, reads every event or
one subject's or those at given positions, names its chain head, and verifies itself. What the
projections compute from the log (their filing) they keep themselves (``projections.saved``).

Every backend chains its rows the same way: row ``n`` carries ``link(chain of row n - 1,
record)``, where the record is the event's canonical JSON, so an edit behind the store's back
breaks the chain from that row on, and a head written down earlier detects truncation.
"""

from __future__ import annotations

import abc
import hashlib
import weakref
from collections.abc import Iterable, Iterator, Sequence
from typing import IO

import attrs

from events.canonical import canonical_json, content_id
from events.codec import dump_jsonl, load_jsonl
from events.errors import IntegrityError, StoreError
from events.event import AnyEvent

__all__ = [
    "GENESIS",
    "EventStore",
    "Head",
    "MemoryStore",
    "encode_batch",
    "export_jsonl",
    "import_jsonl",
    "link",
    "prepare_records",
    "take_records",
]

GENESIS = "0" * 64
"""The chain value before the first row (an empty store's head)."""


def link(previous: str, record: str | bytes) -> str:
    """The chain value of a row holding ``record`` after a row whose chain value is
    ``previous``: ``sha256(previous + "\\n" + record)`` in hex."""
    chain = hashlib.sha256(f"{previous}\n".encode())
    chain.update(record.encode() if isinstance(record, str) else record)
    return chain.hexdigest()


@attrs.frozen
class Head:
    """Where a log ends: how many rows it holds and the last row's chain value."""

    position: int
    chain: str


class EventStore(abc.ABC):
    """An append-only, hash-chained log of events. There is no update or delete.

    Positions number the rows from 1 in append order, without gaps. ``append`` takes a batch
    and stores it in one transaction; events whose id is already stored (or repeated within the
    batch) are skipped, so appending the same events twice is a no-op.
    """

    @abc.abstractmethod
    def append(self, events: Iterable[AnyEvent]) -> list[AnyEvent]:
        """Store the batch atomically; returns the events that were new, in append order."""

    @abc.abstractmethod
    def read(self, after: int = 0) -> Iterator[AnyEvent]:
        """Every event in append order after position ``after``, each checked against the
        chain."""

    @abc.abstractmethod
    def read_subject(self, subject: str) -> Iterator[AnyEvent]:
        """The events about one subject (as the events spell it), in append order."""

    @abc.abstractmethod
    def read_positions(self, positions: Sequence[int]) -> list[AnyEvent]:
        """The events at these positions, in the order asked; ``IntegrityError`` names the
        first position the log does not hold."""

    @abc.abstractmethod
    def head(self) -> Head:
        """The newest row's position and chain value (``Head(0, GENESIS)`` when empty)."""

    @abc.abstractmethod
    def chain_at(self, position: int) -> str | None:
        """The chain value of the row at ``position`` (``GENESIS`` at 0); ``None`` past the
        end. A head written down earlier still holds while ``chain_at`` gives its value."""

    @abc.abstractmethod
    def verify(self) -> list[str]:
        """Recompute the chain and every id; what is wrong, stopping at the first bad event
        (its position and id), or nothing when the log is sound."""

    @abc.abstractmethod
    def __contains__(self, event_id: object) -> bool:
        """Whether an event with this id is stored."""

    @abc.abstractmethod
    def __len__(self) -> int:
        """How many events are stored."""

    def close(self) -> None:  # noqa: B027 - a no-op default; backends with resources override
        """Release the backend's resources."""

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def encode_batch(events: Iterable[AnyEvent]) -> dict[str, tuple[AnyEvent, str]]:
    """A batch's events by id with their canonical records, first copy of each.

    The canonical text is both the stored record and what the id hashes: encoded once, here or
    beforehand in another process (:func:`take_records`). An event whose cached id is not its
    content's is refused (a corrected view keeps its target's id; it is not a record).
    """
    encoded: dict[str, tuple[AnyEvent, str]] = {}
    prepared = _PREPARED
    for event in events:
        entry = prepared.pop(id(event), None) if prepared else None
        if entry is not None and entry[0]() is event:
            # Worked out by the process that read the event; its id is cached already.
            encoded.setdefault(event.id, (event, entry[1]))
            continue
        record = canonical_json(event)
        encoded.setdefault(_seed_id(event, content_id(record)), (event, record))
    return encoded


def prepare_records(events: Iterable[AnyEvent]) -> list[tuple[str, str]]:
    """Each event's id and canonical record, worked out where the events were made (a reading
    process) so that the one writer need not: hand them over with :func:`take_records`."""
    return [(content_id(record), record) for record in map(canonical_json, events)]


# Records prepared in another process, by the identity of the event each belongs to. The
# reference is weak: an event that is never appended (a duplicate document) takes its entry
# with it when it goes.
_PREPARED: dict[int, tuple[weakref.KeyedRef[int, AnyEvent], str]] = {}


def _forget(ref: weakref.KeyedRef[int, AnyEvent]) -> None:
    entry = _PREPARED.get(ref.key)
    if entry is not None and entry[0] is ref:
        del _PREPARED[ref.key]


def take_records(events: Sequence[AnyEvent], prepared: Sequence[tuple[str, str]]) -> None:
    """Adopt what :func:`prepare_records` worked out for ``events`` (a copy of them, sent from
    the process that made them): their ids are cached and the next append stores the records
    as they are, encoding nothing."""
    if len(events) != len(prepared):
        raise StoreError(f"{len(prepared)} records were prepared for {len(events)} events")
    for event, (event_id, record) in zip(events, prepared, strict=True):
        _seed_id(event, event_id)
        key = id(event)
        _PREPARED[key] = (weakref.KeyedRef(event, _forget, key), record)


def _seed_id(event: AnyEvent, event_id: str) -> str:
    """Cache ``event_id`` as the event's id, refusing an event whose id is not its content's."""
    try:
        cached = object.__getattribute__(event, "id")
    except AttributeError:
        # attrs' way to set an attribute on a frozen instance (here: fill the id's cache).
        object.__setattr__(event, "id", event_id)
        return event_id
    if cached != event_id:
        raise StoreError(
            f"event {cached} does not match its content ({event_id}): store events as read,"
            " and corrections as CorrectionMade events"
        )
    return event_id


class MemoryStore(EventStore):
    """Events held in a list; for tests, scratch timelines and ``":memory:"``."""

    def __init__(self) -> None:
        self._events: list[AnyEvent] = []
        self._records: list[str] = []
        self._chains: list[str] = [GENESIS]
        self._ids: set[str] = set()
        self._by_subject: dict[str, list[AnyEvent]] = {}

    def append(self, events: Iterable[AnyEvent]) -> list[AnyEvent]:
        fresh = [(e, r) for i, (e, r) in encode_batch(events).items() if i not in self._ids]
        for event, record in fresh:
            self._events.append(event)
            self._records.append(record)
            self._chains.append(link(self._chains[-1], record))
            self._ids.add(event.id)
            self._by_subject.setdefault(event.subject, []).append(event)
        return [event for event, _ in fresh]

    def read(self, after: int = 0) -> Iterator[AnyEvent]:
        return iter(self._events[max(after, 0) :])

    def read_subject(self, subject: str) -> Iterator[AnyEvent]:
        return iter(list(self._by_subject.get(subject, ())))

    def read_positions(self, positions: Sequence[int]) -> list[AnyEvent]:
        for position in positions:
            if not 1 <= position <= len(self._events):
                raise IntegrityError(f"event #{position} is not in the store")
        return [self._events[p - 1] for p in positions]

    def head(self) -> Head:
        return Head(len(self._events), self._chains[-1])

    def chain_at(self, position: int) -> str | None:
        return self._chains[position] if 0 <= position < len(self._chains) else None

    def verify(self) -> list[str]:
        previous = GENESIS
        pairs = zip(self._events, self._records, strict=True)
        for position, (event, record) in enumerate(pairs, start=1):
            if canonical_json(event) != record or content_id(record) != event.id:
                return [f"event #{position} ({event.id}) does not match its record"]
            previous = link(previous, record)
            if previous != self._chains[position]:
                return [f"event #{position} ({event.id}) does not match the hash chain"]
        return []

    def __contains__(self, event_id: object) -> bool:
        return event_id in self._ids

    def __len__(self) -> int:
        return len(self._events)


def export_jsonl(store: EventStore, fp: IO[str]) -> int:
    """Write every stored event as a JSON line, in append order; returns the count."""
    return dump_jsonl(store.read(), fp)


def import_jsonl(store: EventStore, fp: IO[str], *, path: str | None = None) -> list[AnyEvent]:
    """Append every event of a JSON Lines file in one batch, or none if any line is bad."""
    return store.append(load_jsonl(fp, path=path))
