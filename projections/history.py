"""Every event about one area, figure or theme, in date order, with its source."""

from __future__ import annotations

import difflib
from typing import Any

import attrs

from events import AnyEvent, UnknownKeyError
from projections.index import END_OF_TIME, EventIndex
from projections.state import evidence_dict

__all__ = ["HistoryEntry", "history"]


@attrs.frozen(kw_only=True)
class HistoryEntry:
    """One event in a key's history, as corrected now; ``retracted`` if withdrawn since.

    ``predecessor_of`` names the authority asked about when the event is about one it took over
    from; a reorganisation itself appears with ``kind`` ``"reorganisation"``.
    """

    subject: str
    kind: str
    key: str
    event: AnyEvent
    retracted: bool = False
    predecessor_of: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able dict: the event's kind, dates, level and source."""
        event = self.event
        level: dict[str, Any] = {}
        for name in ("grade", "polarity", "value", "unit", "text", "wording"):
            value = getattr(event, name, None)
            if value is not None:
                level[name] = getattr(value, "value", value)
        return {
            "subject": self.subject,
            "kind": self.kind,
            "key": self.key,
            "event_kind": event.kind,
            "valid": {"from": str(event.valid.start), "to": str(event.valid.last)},
            "known": str(event.known),
            "retracted": self.retracted,
            "predecessor_of": self.predecessor_of,
            **level,
            "source": evidence_dict(event.id, event.source),
        }


def history(index: EventIndex, key: str, subject: str | None = None) -> list[HistoryEntry]:
    """Every event filed under ``key`` (an area, metric or theme), oldest first.

    Raises ``UnknownKeyError`` naming the closest known keys when nothing is filed under it.
    """
    keys = [k for k in index.keys(subject) if k[2] == key]
    if not keys:
        known = sorted({k[2] for k in index.keys(subject)})
        close = difflib.get_close_matches(key, known, n=3)
        where = f" for {subject}" if subject else ""
        hint = f"did you mean {', '.join(close)}?" if close else "see `timeline keys`"
        raise UnknownKeyError(f"no events under {key!r}{where}", value=key, hint=hint)
    entries = []
    for bucket_key in keys:
        for original in index.bucket(bucket_key, END_OF_TIME, END_OF_TIME) + _retracted(
            index, bucket_key
        ):
            current = index.effective(original, END_OF_TIME)
            entries.append(
                HistoryEntry(
                    subject=bucket_key[0],
                    kind=bucket_key[1],
                    key=bucket_key[2],
                    event=original if current is None else current,
                    retracted=current is None,
                )
            )
    entries.sort(
        key=lambda h: (h.event.valid.start.sort_key(), h.event.known.sort_key(), h.event.id)
    )
    return entries


def _retracted(index: EventIndex, key: tuple[str, str, str]) -> list[AnyEvent]:
    """Events filed under ``key`` that a correction has withdrawn."""
    live = {e.id for e in index.bucket(key, END_OF_TIME, END_OF_TIME)}
    found = []
    for event in index.bucket_events(key):
        if event.id not in live and index.effective(event, END_OF_TIME) is None:
            found.append(event)
    return found
