"""Display names for judgement areas, metrics and themes, from the vocabularies kept as data."""

from __future__ import annotations

from events import Area
from timeline.reading.areas import area_label
from timeline.reading.figures import metric_label
from timeline.reading.themes import theme_label

__all__ = ["key_label"]


def key_label(kind: str, key: str) -> str:
    """The name an analyst reads for a state key: "Overall effectiveness", "Re-referral rate"."""
    if kind == "judgement":
        try:
            return area_label(Area(key))
        except ValueError:
            return key
    if kind == "metric":
        return metric_label(key)
    try:
        return theme_label(key)
    except KeyError:
        return key.replace("_", " ").capitalize()
