"""The keys queries take: every judgement area, metric and theme of the vocabularies, labelled."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from events import Area
from timeline.labels import key_label
from timeline.reading.areas import area_label
from timeline.reading.metrics import catalogue
from timeline.reading.themes import theme_keys, theme_label

__all__ = ["KINDS", "KeyEntry", "counted", "vocabulary"]

KINDS = ("judgement", "metric", "theme")
"""The kinds of key, in the order they are listed: a judgement's area, a figure's metric, a
finding's or recommendation's theme (the ``kind`` of ``diff`` and ``history`` too)."""


@attrs.frozen(kw_only=True)
class KeyEntry:
    """One key: its kind, what ``history`` and the state call it, and how it reads.

    ``events`` is how many stored events are filed under it (``None`` when no store was asked);
    ``in_vocabulary`` is false for a key only events hold (a figure kept as ``other:<words>``).
    """

    kind: str
    key: str
    label: str
    events: int | None = None
    in_vocabulary: bool = True

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able dict; ``events`` only when counted."""
        data: dict[str, Any] = {"kind": self.kind, "key": self.key, "label": self.label}
        if self.events is not None:
            data["events"] = self.events
        data["in_vocabulary"] = self.in_vocabulary
        return data


def vocabulary() -> list[KeyEntry]:
    """Every area (``areas.toml``), metric (``metrics.toml``) and theme (``themes.toml``) key,
    by kind and then key."""
    entries = [KeyEntry(kind="judgement", key=a.value, label=area_label(a)) for a in Area]
    entries += [KeyEntry(kind="metric", key=m.key, label=m.label) for m in catalogue().metrics]
    entries += [KeyEntry(kind="theme", key=k, label=theme_label(k)) for k in theme_keys()]
    return _sorted(entries)


def counted(counts: Mapping[tuple[str, str], int]) -> list[KeyEntry]:
    """The vocabulary with how many events each ``(kind, key)`` has, then keys only events hold."""
    entries = [attrs.evolve(e, events=counts.get((e.kind, e.key), 0)) for e in vocabulary()]
    known = {(e.kind, e.key) for e in entries}
    entries += [
        KeyEntry(kind=kind, key=key, label=key_label(kind, key), events=n, in_vocabulary=False)
        for (kind, key), n in counts.items()
        if (kind, key) not in known
    ]
    return _sorted(entries)


def _sorted(entries: Iterable[KeyEntry]) -> list[KeyEntry]:
    return sorted(entries, key=lambda e: (KINDS.index(e.kind), e.key))
