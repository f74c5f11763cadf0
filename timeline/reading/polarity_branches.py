"""Patterns searched with only the alternatives a text holds the words of.

A long alternation whose alternatives each need words rarely in a sentence ("aspirations",
"to ensure", "despite") costs its every alternative at every position of the sentence, though
most sentences hold one alternative's words or none. Removing from an alternation the
alternatives that cannot match anywhere in a text leaves the same matches: at each position
the engine takes the first alternative that matches, and a removed one never does.

Which alternatives can match is read from the text's words (``words_of``), not from its
characters: a run one of which every match of an alternative contains (``needs_of``) lies,
where it holds word characters, within one word of the text. Which runs each word holds is
worked out the first time the word is seen; sentences share most of their words.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

import attrs

from timeline.reading.cues import _branches
from timeline.reading.literals import needs_of

__all__ = ["BranchGated"]

_PART = re.compile(rb"[A-Za-z0-9_-]+")
_MOST_WORDS = 200_000  # words remembered, beyond which they are read afresh


@attrs.frozen
class _Alternatives:
    """A pattern's alternatives, and what of each to look for in a text's words."""

    sources: tuple[str, ...]
    parts: tuple[bytes, ...]  # each run's longest part made of word characters
    runs: dict[int, tuple[tuple[int, str], ...]]  # by part: the alternatives' runs holding it
    always: frozenset[int]  # the alternatives searched whatever the words

    @classmethod
    def of(cls, pattern: re.Pattern[str]) -> _Alternatives:
        """``pattern``'s alternatives; the pattern whole where removing alternatives would
        change what a match holds (flags, groups)."""
        if pattern.flags & ~re.UNICODE or pattern.groups:
            return cls((pattern.pattern,), (), {}, frozenset({0}))
        sources = tuple(_branches(pattern.pattern))
        parts: dict[bytes, int] = {}
        runs: dict[int, list[tuple[int, str]]] = {}
        always = set()
        for i, source in enumerate(sources):
            # The text is tested as it is: only a source in lower case has runs sure to be in it.
            keys = needs_of(re.compile(source)).keys if source == source.lower() else ()
            longest = [max(_PART.findall(key.encode()), key=len, default=b"") for key in keys]
            if not keys or not all(longest):  # a run of no word characters is in any text
                always.add(i)
                continue
            for key, part in zip(keys, longest, strict=True):
                runs.setdefault(parts.setdefault(part, len(parts)), []).append((i, key))
        by_part = {part: tuple(needing) for part, needing in runs.items()}
        return cls(sources, tuple(parts), by_part, frozenset(always))


class BranchGated:
    """A pattern whose top-level alternatives are searched only where the text holds a run one
    of which every match of the alternative contains; the run is looked for only where one of
    the text's words holds its longest part made of word characters."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._patterns: dict[frozenset[int], re.Pattern[str]] = {}
        self._seen: set[bytes] = set()
        self._holding: set[bytes] = set()  # the words seen that hold a part
        self._held: dict[bytes, frozenset[int]] = {}  # the parts each of those holds

    @functools.cached_property
    def _alternatives(self) -> _Alternatives:
        return _Alternatives.of(self.pattern)

    def _learn(self, words: frozenset[bytes]) -> None:
        """Which parts the words not seen before hold."""
        if len(self._seen) > _MOST_WORDS:
            self._seen.clear()
            self._holding.clear()
            self._held.clear()
        parts = self._alternatives.parts
        for word in words.difference(self._seen):
            held = frozenset(i for i, part in enumerate(parts) if part in word)
            if held:
                self._holding.add(word)
                self._held[word] = held
            self._seen.add(word)

    def _holding_pattern(self, text: str, words: frozenset[bytes]) -> re.Pattern[str] | None:
        """The pattern of the alternatives that may match ``text`` of ``words``, or None."""
        if not self._seen.issuperset(words):
            self._learn(words)
        alternatives = self._alternatives
        chosen = alternatives.always
        if holders := self._holding.intersection(words):
            present = frozenset().union(*(self._held[word] for word in holders))
            runs = alternatives.runs
            chosen = chosen.union(i for part in present for i, run in runs[part] if run in text)
        if not chosen:
            return None
        if (pattern := self._patterns.get(chosen)) is None:
            sources = alternatives.sources
            pattern = re.compile("|".join(sources[i] for i in sorted(chosen)))
            self._patterns[chosen] = pattern
        return pattern

    def sub(self, repl: Callable[[re.Match[str]], str], text: str, words: frozenset[bytes]) -> str:
        """``pattern.sub(repl, text)``, where ``words`` is ``words_of(text)``."""
        pattern = self._holding_pattern(text, words)
        return text if pattern is None else pattern.sub(repl, text)
