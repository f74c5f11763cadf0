"""Where a register name may open in a text, found by one search for capitalised name words.

A register name matches only with a capital in it (see ``Register.mentions``), so every name in
a text holds a capitalised word of some name. One regular expression finds those words; the
words just before each, walked back while they are name words, give the words a name may open
with. Only there are the words of a window read in Python, not at each of a document's words.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence

__all__ = ["CANONICAL_WORD", "JOINER", "WORD", "Openings", "token"]

# Words of a name: letters and digits; "&" is a word too (it reads "and").
WORD = re.compile(r"[^\W_]+|&")
# What may stand between two words of one name: spaces and line breaks, commas, full stops
# ("St. Helens"), hyphens ("Stoke-on-Trent"), apostrophes.
JOINER = re.compile(r"[\s,.\-–—'’‘]*")
CANONICAL_WORD = {"&": "and", "saint": "st"}

# One word before a position, read in the reversed text: the joiners after it, then the word.
_WORD_BEFORE = re.compile(rf"{JOINER.pattern}([^\W_]+|&)")
# The only letter outside ASCII that lower-cases to an ASCII letter (checked in the tests).
_KELVIN = "\u212a"

Span = tuple[int, int]


def token(text: str, start: int, end: int) -> tuple[int, int, str]:
    """The word ``text[start:end]`` with its span and folded form ("&" "and", "Saint" "St")."""
    lowered = text[start:end].lower()
    return (start, end, CANONICAL_WORD.get(lowered, lowered))


def _spellings(folded: str) -> list[str]:
    """The words that fold to ``folded``: itself, "&" for "and", "saint" for "st"."""
    return sorted({folded, *(w for w, f in CANONICAL_WORD.items() if f == folded)})


def _whole(word: str) -> str:
    """A case-blind pattern for a whole word (a case-blind match finds every spelling whose
    ``lower()`` is ``word``; the tests check it for each letter)."""
    if word == "&":
        return "&"
    return rf"(?<![^\W_])(?i:{re.escape(word)})(?![^\W_])"


def _capitals(letter: str) -> list[str]:
    """The capitals whose ``lower()`` is ``letter``."""
    found = {letter.upper(), _KELVIN if letter == "k" else letter}
    return sorted(c for c in found if len(c) == 1 and c.isupper() and c.lower() == letter)


class Openings:
    """The words of a text that may open one of ``names`` (folded word tuples by first word)."""

    def __init__(self, names: Mapping[str, Sequence[tuple[str, ...]]]) -> None:
        every = [words for starting in names.values() for words in starting]
        self._first = frozenset(names)
        self._words = frozenset(w for words in every for w in words)
        self._longest = max(map(len, every), default=1)
        # A letter outside ASCII may fold to more than one ("İ" to "i̇"), which a case-blind
        # match does not follow: then every word is tried, as by a walk over all of them.
        self._capitalised: re.Pattern[str] | None = None
        if all(w.isascii() for w in self._words):
            self._capitalised = _capitalised_words(every)

    def spans(self, text: str, start: int = 0, end: int | None = None) -> list[Span]:
        """The spans of ``text[start:end]``'s words that may open a name, in order.

        Every word a name matches from is among them (and some more). The words are those of
        the slice: a word cut by ``start`` or ``end`` is its part inside.
        """
        stop = len(text) if end is None else end
        view = text if start == 0 and stop == len(text) else text[start:stop]
        if self._capitalised is None:
            found: Iterable[Span] = (
                m.span() for m in WORD.finditer(view) if token(view, *m.span())[2] in self._first
            )
        else:
            found = sorted(set(self._at_capitals(self._capitalised, view)))
        return [(a + start, b + start) for a, b in found]

    def _at_capitals(self, capitalised: re.Pattern[str], view: str) -> Iterator[Span]:
        reversed_view = view[::-1]
        size = len(view)
        for capital in capitalised.finditer(view):
            a, b = capital.span()
            if token(view, a, b)[2] in self._first:
                yield a, b
            # The name words just before, joined to it: a name may open at any of them.
            for _ in range(self._longest - 1):
                before = _WORD_BEFORE.match(reversed_view, size - a)
                if before is None:
                    break
                a, b = size - before.end(1), size - before.start(1)
                folded = token(view, a, b)[2]
                if folded not in self._words:
                    break
                if folded in self._first:
                    yield a, b


def _capitalised_words(every: Sequence[tuple[str, ...]]) -> re.Pattern[str] | None:
    """A pattern for each name word written with a capital: where no name ends with the word,
    followed by a word that follows it in some name."""
    last = {words[-1] for words in every}
    following: dict[str, set[str]] = {}
    for words in every:
        for word, after in itertools.pairwise(words):
            following.setdefault(word, set()).add(after)
    by_capital: dict[str, list[str]] = {}
    for word in sorted({w for words in every for w in words}):
        tail = r"(?![^\W_])"
        if word not in last:
            nexts = sorted({s for w in following[word] for s in _spellings(w)})
            tail += rf"(?={JOINER.pattern}(?:{'|'.join(map(_whole, nexts))}))"
        for spelling in _spellings(word):
            for capital in _capitals(spelling[:1]):
                rest = rf"(?i:{re.escape(spelling[1:])})" if spelling[1:] else ""
                by_capital.setdefault(capital, []).append(rest + tail)
    if not by_capital:
        return None
    # Each branch opens with its capital, the word boundary checked behind it, so the search
    # skips to the next capital letter rather than trying every position.
    return re.compile(
        "|".join(
            rf"{re.escape(capital)}(?<![^\W_].)(?:{'|'.join(rests)})"
            for capital, rests in sorted(by_capital.items())
        )
    )
