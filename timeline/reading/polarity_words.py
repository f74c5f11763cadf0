"""Cue patterns searched only where a sentence's words can begin a match.

A whole-word cue pattern (``cue_pattern``) is tried at every position of a sentence, and a
pattern that opens with a lookbehind gets none of the engine's fast scanning: each position
costs a call into the matcher. Yet nearly every alternative opens with a word written out
("effective", "no longer", "(?:clear|some) improvements?"). Read from the pattern's source,
each alternative becomes the first words it can begin with, each with what must follow; the
alternatives of one first word make a pattern opening with that word, which the engine finds by
fast literal search. A sentence's words, gathered once, say which of those patterns to run; a
first word in most sentences ("is", "the") only where a word that must follow it is there too
("is in touch": "touch").

At a position only the alternatives whose first word is the word there can match, tried in the
same order as in the whole pattern, so a word's pattern matches there exactly what the whole
one does. Alternatives whose first word is not read (``\\w+n't``, ``well-[\\w-]+``) send the
search back to the whole pattern when the sentence holds what they need, as do matches of
different words that overlap (then which comes first decides, as in the whole pattern).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

import attrs

from timeline.reading.cues import _branches, _close
from timeline.reading.literals import needs_of

__all__ = ["WordScanned", "words_of"]

_HEAD, _TAIL = r"(?<![\w-])(?:", r")(?![\w-])"
_BEHIND = ("(?<!", "(?<=")
_AHEAD = ("(?!", "(?=")
_QUANTIFIERS = ("?", "*", "+", "{")
_SPECIAL = frozenset("\\[](){}.*+?|^$")
_MOST_WAYS = 4096  # past this a group is searched as written: its first words are too many
# The ASCII characters of words; every other ASCII character ends one.
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
_SPACES = bytes(c if chr(c) in _WORD_CHARS else ord(" ") for c in range(256))
_WORD = re.compile(r"[\w-]+")
_REPEAT = re.compile(r"(?:[?*+]|\{\d*(?:,\d*)?\})?\??")

# One way an alternative can match: its first word, the lookbehinds read before the word's end
# (each with how much of the word came before it), and the pattern for what follows the word.
_Way = tuple[str, tuple[tuple[int, str], ...], str]


class _OpenError(ValueError):
    """An alternative whose first word is not read; never leaves this module."""


def words_of(text: str) -> frozenset[bytes]:
    """The runs of word characters and hyphens in ``text``, encoded: the words a whole-word cue
    can begin with (bytes: their translation and split are the cheapest)."""
    if text.isascii():
        return frozenset(text.encode().translate(_SPACES).split())
    return frozenset(word.encode() for word in _WORD.findall(text))


def _is_word_char(char: str) -> bool:
    return char in _WORD_CHARS


def _ends_word(rest: str) -> bool:
    """Whether ``rest`` can only match starting with a character outside words."""
    i = 0
    while rest.startswith(_AHEAD, i):
        end = _close(rest, i)
        if rest[i:end] == r"(?![\w-])":
            return True
        i = end
    if rest.startswith("(?:", i):
        end = _close(rest, i)
        options, after = _branches(rest[i + 3 : end - 1]), rest[end:]
        if after[:1] in ("*", "+", "{"):
            return False
        if after[:1] == "?":
            options.append("")
            after = after[2:] if after[1:2] == "?" else after[1:]
        return all(_ends_word(option + after) for option in options)
    char, after = rest[i : i + 1], rest[i + 1 : i + 2]
    if char == "\\":  # escaped punctuation is itself
        char, after = rest[i + 1 : i + 2], rest[i + 2 : i + 3]
        if not char or char.isalnum() or not char.isascii():
            return False
    elif not char or char in _SPECIAL:
        return False
    return char.isascii() and not _is_word_char(char) and after not in _QUANTIFIERS


def _expand(source: str, word: str, behind: tuple[tuple[int, str], ...]) -> list[_Way | str]:
    """The ways ``source`` can match after ``word`` (read so far), in the order the engine
    tries them; each way is one first word and what follows it, or the pattern for a way whose
    first word is not read."""
    i = 0
    while True:
        if source.startswith(_BEHIND, i):
            end = _close(source, i)
            behind += ((len(word), source[i:end]),)
            i = end
            continue
        char = source[i : i + 1]
        if char == "(" and source.startswith("(?:", i) and not (word and _ends_word(source[i:])):
            end = _close(source, i)
            options: list[str | None] = list(_branches(source[i + 3 : end - 1]))
            return _repeat(options, source[end:], word, behind)
        if char == "[" and source[i + 1 : i + 2] not in ("^", "]"):
            end = _close(source, i)
            members = source[i + 1 : end - 1]
            if any(c in _SPECIAL for c in members) or "-" in members[1:-1]:  # a range
                raise _OpenError(source)
            # Members are single characters: at most one matches, so their order is no matter.
            return _repeat(list(members), source[end:], word, behind)
        if char and char.isascii() and _is_word_char(char) and char not in _SPECIAL:
            if source[i + 1 : i + 2] in _QUANTIFIERS:
                return _repeat([char], source[i + 1 :], word, behind)
            word += char
            i += 1
            continue
        break
    rest = source[i:]
    if not word or not _ends_word(rest):
        raise _OpenError(source)
    return [(word, behind, rest)]


def _repeat(
    options: list[str | None], after: str, word: str, behind: tuple[tuple[int, str], ...]
) -> list[_Way | str]:
    """The ways through a group (or one character) of ``options`` followed by ``after``, which
    may open with "?" (greedy: with the group first) or "??" (lazy: without it first).

    A way whose first word is not read is the pattern it stands for.
    """
    if after[:1] in ("*", "+", "{"):
        raise _OpenError(after)
    if after[:1] == "?":
        lazy = after[1:2] == "?"
        after = after[2:] if lazy else after[1:]
        options = [None, *options] if lazy else [*options, None]
    ways: list[_Way | str] = []
    for option in options:
        source = ("" if option is None else option) + after
        try:
            ways += _expand(source, word, behind)
        except _OpenError:
            ways.append(_written(word, behind) + source)
    if len(ways) > _MOST_WAYS:
        raise _OpenError(after)
    return ways


def _written(word: str, behind: tuple[tuple[int, str], ...]) -> str:
    """The pattern for ``word`` with its lookbehinds where they were read."""
    out, done = [], 0
    for at, assertion in behind:
        out += [re.escape(word[done:at]), assertion]
        done = at
    return "".join([*out, re.escape(word[done:])])


def _moved(way: _Way) -> str:
    """What follows a way's first word, with the lookbehinds read within the word moved after
    it (a lookbehind then also looks at the rest of the word)."""
    word, behind, rest = way
    moved = "".join(f"{b[:4]}(?:{b[4:-1]}){re.escape(word[at:])})" for at, b in behind)
    return moved + rest


def _next_words(rest: str) -> frozenset[bytes] | None:
    """Words one of which must follow a first word whose way goes on as ``rest`` (None where
    that is not read): of the words after it, whichever are the longest, longer words being
    rarer ("is in touch": "touch", not "in")."""
    i = 0
    while rest.startswith(_AHEAD, i):
        i = _close(rest, i)
    if rest[i : i + 1] != " " or rest[i + 1 : i + 2] in _QUANTIFIERS:
        return None
    ways = _words_at(rest[i + 1 :])
    if ways is None:
        return None
    out: set[bytes] = set()
    for word, _, after in ways:
        later = _next_words(after)
        if later is not None and min(map(len, later)) > len(word):
            out |= later
        else:
            out.add(word.encode())
    return frozenset(out)


def _words_at(source: str) -> list[_Way] | None:
    """The ways ``source`` can match from the start of a word, by the word there; None where
    that is not read. Passed over: words that may be anything ("(?:\\w+ ){0,3}"), and optional
    words ("(?:a |an )?"), whose first words are then among the ways."""
    if source.startswith("(?:"):
        end = _close(source, 0)
        inner = 3
        while source.startswith(_AHEAD, inner):
            inner = _close(source, inner)
        repeat = _REPEAT.match(source, end)
        after = source[repeat.end() :] if repeat else source[end:]
        if source[inner:end] == r"\w+ )":
            # A whole word and a space, however many times: the next word still starts a word.
            return _words_at(after)
        options = _branches(source[3 : end - 1])
        if repeat and repeat.group() in ("?", "??") and all(o.endswith(" ") for o in options):
            ways: list[_Way] = []
            for option in [*options, ""]:
                found = _words_at(option + after)
                if found is None:
                    return None
                ways += found
            return ways
    try:
        expanded = _expand(source, "", ())
    except _OpenError:
        return None
    closed = [way for way in expanded if isinstance(way, tuple)]
    return closed if len(closed) == len(expanded) else None


@attrs.frozen
class _Index:
    """A cue pattern's alternatives by the words they begin with."""

    ways: dict[str, list[str]]  # a first word's ways, in order, as what follows the word
    # The words one of which must follow a first word (None where any may): "the" in "the right
    # (?:help|support)" is in most sentences, "right" in few.
    next_words: dict[bytes, frozenset[bytes] | None]
    # Runs one of which every match of a way not read contains; None: a way holds no known run.
    unread: tuple[str, ...] | None

    @classmethod
    def of(cls, body: str) -> _Index:
        """The index of ``body``'s alternatives."""
        ways: dict[str, list[str]] = {}
        next_words: dict[bytes, frozenset[bytes] | None] = {}
        unread: list[str] = []
        for alternative in _branches(body):
            # The lookbehind opening every alternative goes after the first word (``_search``).
            source = f"(?:{alternative})(?![\\w-])"
            try:
                expanded = _expand(source, "", ())
            except _OpenError:
                expanded = [source]
            for way in expanded:
                if isinstance(way, str):
                    # The pattern is searched on the text as is: only lower-case runs are sure.
                    keys = needs_of(re.compile(way)).keys
                    if not keys or way != way.lower():
                        return cls(ways, next_words, None)
                    unread += keys
                    continue
                word = way[0]
                ways.setdefault(word, []).append(_moved(way))
                after = _next_words(way[2])
                before = next_words.get(word.encode(), frozenset())
                gate = None if after is None or before is None else before | after
                next_words[word.encode()] = gate
        return cls(ways, next_words, tuple(dict.fromkeys(unread)))


class WordScanned:
    """A whole-word cue pattern searched only where the sentence's words can begin a match.

    :meth:`finditer` finds what ``pattern.finditer`` finds.
    """

    def __init__(self, pattern: re.Pattern[str]) -> None:
        source = pattern.pattern
        if pattern.flags & ~re.UNICODE or not (source.startswith(_HEAD) and source.endswith(_TAIL)):
            raise ValueError(f"not a whole-word cue pattern: {source[:60]!r}")
        self.pattern = pattern
        self._searches: dict[bytes, Callable[..., re.Match[str] | None]] = {}

    @functools.cached_property
    def _index(self) -> _Index:
        # Read on first use: most of the reader's imports never search for cues.
        return _Index.of(self.pattern.pattern[len(_HEAD) : -len(_TAIL)])

    @functools.cached_property
    def _vocabulary(self) -> frozenset[bytes]:
        return frozenset(self._index.next_words)

    def _search(self, word: bytes) -> Callable[..., re.Match[str] | None]:
        """The search for the alternatives beginning with ``word``: the word itself first, for
        the engine's literal search, then whether it starts a word, then what follows."""
        if (search := self._searches.get(word)) is None:
            written = word.decode()
            ways = "|".join(self._index.ways[written])
            escaped = re.escape(written)
            search = re.compile(f"{escaped}(?<![\\w-]{escaped})(?:{ways})").search
            self._searches[word] = search
        return search

    def finditer(self, text: str, words: frozenset[bytes]) -> list[re.Match[str]]:
        """The matches of ``pattern.finditer(text)`` (their spans and text), where ``words``
        is ``words_of(text)``."""
        index = self._index
        if index.unread is None:
            return list(self.pattern.finditer(text))
        for run in index.unread:
            if run in text:
                return list(self.pattern.finditer(text))
        next_words = index.next_words
        found: list[re.Match[str]] = []
        searched = 0
        for word in self._vocabulary.intersection(words):
            if (after := next_words[word]) is not None and after.isdisjoint(words):
                continue
            searched += 1
            search = self._search(word)
            # A word's matches are never empty: each search goes on from the last one's end.
            match = search(text)
            while match is not None:
                found.append(match)
                match = search(text, match.end())
        if searched > 1 and len(found) > 1:
            found.sort(key=re.Match.start)
            end = 0
            for match in found:
                if match.start() < end:  # which comes first decides: the whole pattern says
                    return list(self.pattern.finditer(text))
                end = match.end()
        return found
