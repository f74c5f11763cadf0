"""The peers our figures are compared with: a naive replay, the eventsourcing library's SQLite
recorder, and a plain deepdiff of two states.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from deepdiff import DeepDiff
from eventsourcing.persistence import StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteDatastore

from events import AnyEvent, PartialDate
from events.canonical import canonical_json
from events.decoding import decode_canonical
from projections import EventIndex, State

__all__ = ["EventsourcingStore", "naive_state_at", "plain_deepdiff"]

_PAGE = 10_000


def naive_state_at(events: Iterable[AnyEvent], at: str, subject: str) -> State:
    """The state by replaying every event known by ``at`` into a fresh projection."""
    day = PartialDate.coerce(at).ordinal
    return EventIndex(e for e in events if e.known.ordinal <= day).state_at(at, subject=subject)


def plain_deepdiff(before: State, after: State) -> Any:
    """deepdiff of the two states' raw dicts, with nothing of our own on top."""
    return DeepDiff(before.to_dict(), after.to_dict())


class EventsourcingStore:
    """Our events through ``eventsourcing.sqlite``'s application recorder, with our codec.

    Each subject is one aggregate (a uuid5 of its name) whose versions count its events; the
    state is the canonical JSON our store writes, so both sides pay for the same encoding.
    """

    def __init__(self, path: str) -> None:
        self._datastore = SQLiteDatastore(db_name=path)
        self._recorder = SQLiteApplicationRecorder(self._datastore)
        self._recorder.create_table()
        self._versions: dict[str, int] = {}

    def append(self, events: Iterable[AnyEvent]) -> None:
        """Insert the batch in one transaction."""
        stored = []
        for event in events:
            version = self._versions.get(event.subject, 0) + 1
            self._versions[event.subject] = version
            stored.append(
                StoredEvent(
                    originator_id=uuid.uuid5(uuid.NAMESPACE_URL, event.subject),
                    originator_version=version,
                    topic=event.kind,
                    state=canonical_json(event).encode(),
                )
            )
        self._recorder.insert_events(stored)

    def read(self) -> Iterator[AnyEvent]:
        """Every event in insertion order, a page of notifications at a time."""
        start = 1
        while True:
            page = self._recorder.select_notifications(start, _PAGE)
            for notification in page:
                yield decode_canonical(notification.state.decode())
            if len(page) < _PAGE:
                return
            start = page[-1].id + 1

    def close(self) -> None:
        """Close the datastore's connections."""
        self._datastore.close()
