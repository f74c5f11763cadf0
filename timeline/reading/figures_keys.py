"""Finding which of many fixed strings a text holds, in one regex search rather than a test each.

The figures reader asks this of every window around a number (which catalogue phrases' words
it holds, whether a comparator's wording is near) and of every sentence (whether it holds a
number word).
"""

from __future__ import annotations

import re

__all__ = ["KeyFinder", "alternation"]


def alternation(words: list[str]) -> str:
    """A pattern matching exactly ``words`` (at least one), as a tree of their first characters.

    The regex engine tries an alternation's branches one by one: factored, it reads one
    character to rule out every word that does not start with it. Where one word starts
    another, the longer is tried first.
    """
    by_first: dict[str, list[str]] = {}
    for word in words:
        if word:
            by_first.setdefault(word[0], []).append(word[1:])
    branches = [re.escape(first) + alternation(rest) for first, rest in by_first.items()]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in words else body


class KeyFinder:
    """Which of some strings a text holds, found in one search rather than a test for each."""

    def __init__(self, keys: list[str]) -> None:
        keys = sorted(set(keys))
        # At each position, the longest key starting there: the keys it starts with are there too.
        self._longest = re.compile(f"(?=({alternation(keys)}))") if keys else None
        self._within = {k: frozenset(j for j in keys if k.startswith(j)) for k in keys}

    def present(self, text: str) -> set[str]:
        """The keys ``text`` holds: ``{k for k in keys if k in text}``."""
        if self._longest is None:
            return set()
        found: set[str] = set()
        for key in set(self._longest.findall(text)):
            found |= self._within[key]
        return found
