"""Where in a document a judgement's wording can start, found by its opening words.

Patterns that open with one of a few words ("children's services in X are good", "judged
inadequate") would otherwise be tried at every position of the document, or every sentence
of it searched in turn; a search of the lower-cased document for the words finds the few places
worth trying.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from timeline.reading.areas import lowered_document

__all__ = ["WordPositions", "finditer_opening"]


def _positions(lowered: str, words: tuple[str, ...]) -> list[int]:
    found: list[int] = []
    for word in words:
        at = lowered.find(word)
        while at != -1:
            found.append(at)
            at = lowered.find(word, at + 1)
    found.sort()
    return found


def finditer_opening(
    pattern: re.Pattern[str], text: str, words: tuple[str, ...]
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, for a pattern every match of which opens with one of
    ``words`` (lower case; the pattern may ignore case)."""
    lowered = lowered_document(text)
    if lowered is None:
        yield from pattern.finditer(text)
        return
    # The matches finditer finds start at the first such place, and then at the first after
    # the end of the match before.
    after = 0
    for at in _positions(lowered, words):
        if at < after:
            continue
        match = pattern.match(text, at)
        if match is not None:
            yield match
            after = match.end()


class WordPositions:
    """Where any of ``words`` starts in a document, asked of one span after another."""

    def __init__(self, text: str, words: tuple[str, ...]) -> None:
        lowered = lowered_document(text)
        self._starts = None if lowered is None else _positions(lowered, words)

    def any_in(self, start: int, end: int) -> bool:
        """False only if none of the words starts in ``text[start:end]``."""
        if self._starts is None:
            return True
        i = bisect.bisect_left(self._starts, start)
        return i < len(self._starts) and self._starts[i] < end
