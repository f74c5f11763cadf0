"""Patterns searched only where one of the words they open with stands.

A search from ``\\b`` tries the pattern at every position; most cue and label patterns open
with a word or one of a few words, which ``str.find`` finds many times faster. The words are
read from the pattern's own source, so the patterns stay free to change: one whose opening the
reading does not follow is searched as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

__all__ = ["Opened", "openings_of"]

# Characters that stand for themselves in a pattern, outside a class.
_LITERAL = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 :;,'’-")
_QUANTIFIERS = frozenset("?*+{")


def _leading_literal(source: str) -> str:
    """The characters a pattern's source opens with that every match opens with."""
    end = 0
    while end < len(source) and source[end] in _LITERAL:
        end += 1
    if end < len(source) and source[end] in _QUANTIFIERS:
        end -= 1  # "dates?": the "s" may be absent
    return source[:end]


def _class_end(source: str, i: int) -> int | None:
    """The index after the class opening at ``source[i]`` ("["), if it closes."""
    i += 1
    if source[i : i + 1] == "^":
        i += 1
    if source[i : i + 1] == "]":
        i += 1  # "[]...]": a first "]" is a member
    while i < len(source):
        if source[i] == "\\":
            i += 2
            continue
        if source[i] == "]":
            return i + 1
        i += 1
    return None


def _structure(source: str) -> Iterator[tuple[int, str]]:
    """Each character of ``source`` outside escapes and classes, with its index; a class that
    does not close is given as its "[" and ends the walk."""
    i = 0
    while i < len(source):
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            after = _class_end(source, i)
            if after is None:
                yield i, char
                return
            i = after
            continue
        yield i, char
        i += 1


def _group_end(source: str) -> int | None:
    """Where the group opening ``source`` closes (the index after its ")"), if plain."""
    depth = 0
    for i, char in _structure(source):
        if char == "[":
            return None
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i + 1
    return None


def _branches(body: str) -> list[str] | None:
    """A group body split at its own "|"s (not those of groups inside it)."""
    parts: list[str] = []
    depth = start = 0
    for i, char in _structure(body):
        if char == "[":
            return None
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(body[start:i])
            start = i + 1
    return [*parts, body[start:]]


def _source_openings(source: str) -> list[str] | None:
    """The openings of a pattern's source, or ``None`` where they are not followed."""
    alternatives = _branches(source)
    if alternatives is None:
        return None
    if len(alternatives) > 1:
        found: list[str] = []
        for alternative in alternatives:
            openings = _source_openings(alternative)
            if openings is None:
                return None
            found += openings
        return found
    source = source.removeprefix(r"\b")
    if source.startswith("(?:"):
        end = _group_end(source)
        if end is None or source[end : end + 1] in _QUANTIFIERS:
            return None
        return _source_openings(source[3 : end - 1])
    literal = _leading_literal(source)
    return [literal] if literal else None


def openings_of(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """Literal openings one of which every match of ``pattern`` starts with (a leading ``\b``
    aside); lower-cased for a case-blind pattern. Empty when the source is not followed (a
    class, an escape, a look-around, an optional group first, verbose mode)."""
    if pattern.flags & re.VERBOSE:
        return ()
    found = _source_openings(pattern.pattern) or []
    if pattern.flags & re.IGNORECASE:
        found = [w.lower() for w in found]
    return tuple(dict.fromkeys(found))


@attrs.frozen
class Opened:
    """A pattern with the openings of its matches (see :func:`openings_of`)."""

    pattern: re.Pattern[str]
    openings: tuple[str, ...]

    @classmethod
    def of(cls, pattern: re.Pattern[str]) -> Opened:
        """``pattern`` with the openings read from its source."""
        return cls(pattern, openings_of(pattern))

    def finditer(
        self, text: str, lowered: str | None, start: int = 0, end: int | None = None
    ) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text, start, end)``, tried only where an opening stands.

        ``lowered`` is ``text.lower()``, or ``None`` where a case-blind match and a lower-cased
        text do not agree (``literals.literal_test_holds``): then the whole text is searched.
        """
        stop = len(text) if end is None else end
        case_blind = bool(self.pattern.flags & re.IGNORECASE)
        where = lowered if case_blind else text
        if where is None or not self.openings:
            yield from self.pattern.finditer(text, start, stop)
            return
        starts = set()
        for opening in self.openings:
            at = where.find(opening, start, stop)
            while at != -1:
                starts.add(at)
                at = where.find(opening, at + 1, stop)
        resume = start
        for at in sorted(starts):
            if at < resume:
                continue
            match = self.pattern.match(text, at, stop)
            if match is not None:
                yield match
                resume = max(match.end(), at + 1)
