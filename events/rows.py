"""What a layout-2 row of the SQLite store holds besides the record: the filing columns.

A projection files every event by these columns alone (see ``EventStore.index_rows``), so they
are written from the event on append and checked against it whenever the event is loaded.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

from events.event import AnyEvent, about, span
from events.store import IndexRow

__all__ = ["filing_columns", "index_batches", "join_about", "split_about"]

# ``about`` holds an event's keys joined by a character no vocabulary uses; keys that contain
# it (or start like JSON) are stored as a JSON list instead, so every key reads back exactly.
_SEPARATOR = "\x1f"


def join_about(keys: tuple[str, ...]) -> str:
    """The ``about`` column for an event's keys."""
    if not keys:
        return ""
    if len(keys) == 1:  # most events: spare the join and the count
        key = keys[0]
        if key and key[0] != "[" and _SEPARATOR not in key:
            return key
        return json.dumps([key])
    joined = _SEPARATOR.join(keys)
    if joined.count(_SEPARATOR) != len(keys) - 1 or joined.startswith("[") or not joined:
        return json.dumps(list(keys))
    return joined


def split_about(text: str) -> tuple[str, ...]:
    """The keys an ``about`` column holds."""
    if not text:
        return ()
    if text.startswith("["):
        return tuple(json.loads(text))
    return tuple(text.split(_SEPARATOR))


def index_batches(rows: sqlite3.Cursor) -> Iterator[list[IndexRow]]:
    """Index rows a batch at a time: a comprehension per batch costs half a generator per row."""
    separator = _SEPARATOR
    while batch := rows.fetchmany(20_000):
        yield [
            (
                seq,
                event_id,
                kind,
                subject,
                ()
                if not keys
                else tuple(keys.split(separator))
                if keys[0] != "["
                else split_about(keys),
                known,
                valid,
                since,
                until,
            )
            for seq, event_id, kind, subject, keys, known, valid, since, until in batch
        ]


def filing_columns(event: AnyEvent) -> tuple[str, str, str, int, int, int, int]:
    """The columns a projection files an event by: kind, subject, about, known, valid, span."""
    first, last = span(event)  # a starred tuple display builds a list first
    return (
        event.kind,
        event.subject,
        join_about(about(event)),
        event.known.ordinal,
        event.valid.start.sort_code,
        first,
        last,
    )
