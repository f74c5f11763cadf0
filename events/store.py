"""The append-only event store contract, its in-memory backend and JSON Lines import/export."""

from __future__ import annotations

import abc
from collections.abc import Iterable, Iterator, Sequence
from typing import IO

from events.codec import dump_jsonl, load_jsonl
from events.errors import StoreError
from events.event import AnyEvent, about, span

__all__ = ["EventStore", "IndexRow", "MemoryStore", "export_jsonl", "import_jsonl", "index_row"]

IndexRow = tuple[int | AnyEvent, str, str, str, tuple[str, ...], int, int, int, int]
"""What a projection files an event by, without the event's content: ``(ref, id, kind,
subject, about, known, valid, since, until)``. ``ref`` is the event itself, or a row number to
:meth:`load <EventStore.load>` it by; ``about`` is :func:`events.event.about`; ``known`` is the
known date's day number, ``valid`` the valid start's :attr:`~events.PartialDate.sort_code`, and
``since`` and ``until`` are :func:`events.event.span`."""


def index_row(event: AnyEvent) -> IndexRow:
    """The index row of an event in hand (its ``ref`` is the event)."""
    return (
        event,
        event.id,
        event.kind,
        event.subject,
        about(event),
        event.known.ordinal,
        event.valid.start.sort_code,
        *span(event),
    )


class EventStore(abc.ABC):
    """An append-only log of events. There is no update or delete.

    ``append`` takes a batch and stores it in one transaction; events whose id is already stored
    (or repeated within the batch) are skipped, so appending the same events twice is a no-op.
    """

    @abc.abstractmethod
    def append(self, events: Iterable[AnyEvent]) -> list[AnyEvent]:
        """Store the batch atomically; returns the events that were new, in append order."""

    @abc.abstractmethod
    def read(self, after: int = 0) -> Iterator[AnyEvent]:
        """Every event in append order, skipping the first ``after``."""

    @abc.abstractmethod
    def read_subject(self, subject: str) -> Iterator[AnyEvent]:
        """The events about one subject, in append order."""

    @abc.abstractmethod
    def __contains__(self, event_id: object) -> bool:
        """Whether an event with this id is stored."""

    @abc.abstractmethod
    def __len__(self) -> int:
        """How many events are stored."""

    def index_rows(self, after: int = 0) -> Iterator[IndexRow]:
        """Every event's index row but the first ``after`` appended, in any order.

        A store may leave the content unread.
        """
        return map(index_row, self.read(after))

    def load(self, refs: Sequence[int]) -> list[AnyEvent]:
        """The events behind the row numbers :meth:`index_rows` gave, in the order asked."""
        raise StoreError(f"{type(self).__name__} has no rows to load by number")

    def saved(self, name: str) -> tuple[int, bytes] | None:
        """What was saved as ``name`` by :meth:`save`, and how many rows it was derived from.

        ``None`` when nothing is saved, or what is saved no longer matches the rows (rows
        rewritten, or the saved bytes damaged). A store without such room returns ``None``.
        """
        return None

    def save(self, name: str, rows: int, body: bytes) -> bool:
        """Keep ``body``, derived from the first ``rows`` events, under ``name`` (replacing it).

        Not an event: a cache of something computed from events, which readers may ignore. Returns
        whether it was saved; a busy or read-only store declines rather than waits.
        """
        return False

    def close(self) -> None:  # noqa: B027 - a no-op default; backends with resources override
        """Release the backend's resources."""

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @staticmethod
    def _new_in_batch(events: Iterable[AnyEvent], seen: object) -> list[AnyEvent]:
        """The events of a batch not in ``seen`` (a container of ids), first copy of each."""
        fresh: dict[str, AnyEvent] = {}
        for event in events:
            if event.id not in fresh and event.id not in seen:  # type: ignore[operator]
                fresh[event.id] = event
        return list(fresh.values())


class MemoryStore(EventStore):
    """Events held in a list; for tests, scratch timelines and ``":memory:"``."""

    def __init__(self) -> None:
        self._events: list[AnyEvent] = []
        self._ids: set[str] = set()
        self._by_subject: dict[str, list[AnyEvent]] = {}

    def append(self, events: Iterable[AnyEvent]) -> list[AnyEvent]:
        fresh = self._new_in_batch(events, self._ids)
        for event in fresh:
            self._events.append(event)
            self._ids.add(event.id)
            self._by_subject.setdefault(event.subject, []).append(event)
        return fresh

    def read(self, after: int = 0) -> Iterator[AnyEvent]:
        return iter(self._events[after:])

    def read_subject(self, subject: str) -> Iterator[AnyEvent]:
        return iter(list(self._by_subject.get(subject, ())))

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
