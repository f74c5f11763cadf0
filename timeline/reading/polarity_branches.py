"""Patterns searched with only the alternatives a text holds the words of.

A long alternation whose alternatives each need words rarely in a sentence ("aspirations",
"to ensure", "despite") costs its every alternative at every position of the sentence, though
most sentences hold one alternative's words or none. Removing from an alternation the
alternatives that cannot match anywhere in a text leaves the same matches: at each position
the engine takes the first alternative that matches, and a removed one never does.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from timeline.reading.cues import _branches
from timeline.reading.literals import needs_of

__all__ = ["BranchGated"]


class BranchGated:
    """A pattern whose top-level alternatives are searched only where the text holds a run
    one of which every match of the alternative contains (read by ``needs_of``)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._patterns: dict[tuple[int, ...], re.Pattern[str]] = {}

    @functools.cached_property
    def _alternatives(self) -> tuple[tuple[str, tuple[str, ...]], ...] | None:
        """Each alternative's source and its runs (none: it is always searched); None where
        the pattern is searched whole (flags, groups that removing alternatives renumbers)."""
        pattern = self.pattern
        if pattern.flags & ~re.UNICODE or pattern.groups:
            return None
        out = []
        for source in _branches(pattern.pattern):
            # The text is tested as it is: only a source in lower case has runs sure to be in it.
            keys = needs_of(re.compile(source)).keys if source == source.lower() else ()
            out.append((source, keys))
        return tuple(out) if any(keys for _, keys in out) else None

    def _holding(self, text: str) -> re.Pattern[str] | None:
        """The pattern of the alternatives that may match ``text``, or None if none may."""
        alternatives = self._alternatives
        if alternatives is None:
            return self.pattern
        chosen = []
        for i, (_, keys) in enumerate(alternatives):
            if not keys:
                chosen.append(i)
                continue
            for run in keys:
                if run in text:
                    chosen.append(i)
                    break
        if not chosen:
            return None
        which = tuple(chosen)
        if (pattern := self._patterns.get(which)) is None:
            pattern = re.compile("|".join(alternatives[i][0] for i in chosen))
            self._patterns[which] = pattern
        return pattern

    def sub(self, repl: Callable[[re.Match[str]], str], text: str) -> str:
        """``pattern.sub(repl, text)``."""
        pattern = self._holding(text)
        return text if pattern is None else pattern.sub(repl, text)
