"""Whether a comparator ("the England average", "statistical neighbours") may be named in a text.

Every figure's neighbourhood is searched for the catalogue's comparator wordings; most hold
none, and one search for the words some wording needs rules them all out.
"""

from __future__ import annotations

import functools
import re

from timeline.reading.figures_keys import alternation
from timeline.reading.literals import literal_test_holds, needs_of
from timeline.reading.metrics import catalogue

__all__ = ["may_name_comparator"]


@functools.cache
def _comparator_words() -> re.Pattern[str] | None:
    """One search for the words some comparator's wording needs (``None``: unknown for one)."""
    metrics = catalogue()
    keys: list[str] = []
    for pattern in [*metrics.before.values(), *metrics.after.values()]:
        if not (found := needs_of(pattern).keys):
            return None
        keys += found
    return re.compile(alternation(sorted(set(keys))))


def may_name_comparator(text: str) -> bool:
    """False only if no comparator's wording is in ``text``: most figures have none near."""
    words = _comparator_words()
    return words is None or not literal_test_holds(text) or bool(words.search(text.lower()))
