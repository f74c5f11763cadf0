"""What text a pattern cannot match without, so cheap ``in`` tests can stand before a search.

A regex search tries the pattern at every position of the text; most of the reader's patterns
(theme wordings, evaluative cues, kind cues) match almost nowhere, and substring tests rule
those out many times faster. What a pattern needs is read from its own source, so patterns and
the vocabularies in ``timeline/data`` stay free to change.

The reading is conservative: anything it does not follow (classes, escapes, lookarounds,
backreferences, optional or repeated parts) it treats as needing nothing.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

import attrs

__all__ = ["Needs", "Prefiltered", "class_end", "literal_test_holds", "needs_of", "untwinned"]

_QUANTIFIER = re.compile(r"[?*+]|\{(\d*)(?:,\d*)?\}")
# An escape with whatever belongs to it: "\x41", "\N{EM DASH}", "\12" are one character each.
_ESCAPE = re.compile(
    r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]*\}|\d{1,3}|.)", re.DOTALL
)
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
_SCOPED_FLAGS = re.compile(r"\(\?([aiLmsux]*)(?:-[imsx]+)?:")
# Letters outside ASCII that case-insensitive matching equates with ASCII ones, though their
# lower case is not that letter ("ſ" matches "s", "ı" and "İ" match "i").
_CASE_TWINS = re.compile("[\u0130\u0131\u017f\u212a]")
_TWIN_LETTERS = str.maketrans("\u0130\u0131\u017f\u212a", "iisk")


@attrs.frozen(cache_hash=True)
class Needs:
    """What a lower-cased text must contain for a pattern to match.

    Every run, and for each alternation the pattern cannot match without, what one of its
    branches needs.
    """

    runs: tuple[str, ...] = ()
    choices: tuple[tuple[str | Needs, ...], ...] = ()  # a branch needing one run is that run

    def met_by(self, lowered: str) -> bool:
        """Whether ``lowered`` has what the pattern needs (plain loops: this runs very often)."""
        for run in self.runs:
            if run not in lowered:
                return False
        for branches in self.choices:
            for branch in branches:
                if branch in lowered if isinstance(branch, str) else branch.met_by(lowered):
                    break
            else:
                return False
        return True

    @functools.cached_property
    def keys(self) -> tuple[str, ...]:
        """Runs one of which every match contains: a weaker test than :meth:`met_by`, and cheaper.

        Empty when nothing is known.
        """
        options = [self.runs[:1]] if self.runs else []
        for branches in self.choices:
            keys = [(b,) if isinstance(b, str) else b.keys for b in branches]
            if all(keys):
                options.append(tuple(dict.fromkeys(k for ks in keys for k in ks)))
        # Short keys are in most texts ("to ", " "): prefer the option whose shortest is longest.
        return max(options, key=lambda o: (min(map(len, o)), -len(o)), default=())

    def __bool__(self) -> bool:
        return bool(self.runs or self.choices)


class _UnreadableError(ValueError):
    """A construct the reading does not follow; never leaves this module (the pattern is then
    taken to need nothing)."""


def class_end(source: str, start: int) -> int:
    """The index just past the character class opening at ``source[start]``."""
    i = start + 1
    if source[i : i + 1] == "^":
        i += 1
    if source[i : i + 1] == "]":  # a "]" first in a class is a literal
        i += 1
    while i < len(source) and source[i] != "]":
        i += 2 if source[i] == "\\" else 1
    return i + 1


def _group(source: str, i: int) -> tuple[tuple[Needs, ...] | None, int]:
    """The branches of the group opening at ``source[i]`` (None if they need not match)."""
    counts = True
    if source.startswith("(?:", i):
        i += 3
    elif named := _NAMED_GROUP.match(source, i):
        i = named.end()
    elif scoped := _SCOPED_FLAGS.match(source, i):
        if "x" in scoped.group(1):
            raise _UnreadableError(source)
        i = scoped.end()
    elif source.startswith(("(?=", "(?!"), i):
        counts, i = False, i + 3
    elif source.startswith(("(?<=", "(?<!"), i):
        counts, i = False, i + 4
    elif source.startswith("(?", i):  # comments, backreferences, conditionals
        raise _UnreadableError(source)
    else:
        i += 1
    branches, i = _alternation(source, i)
    if source[i : i + 1] != ")":
        raise _UnreadableError(source)
    return (branches if counts else None), i + 1


def _least(quantifier: re.Match[str]) -> int:
    """How many times a quantifier requires what it follows."""
    if quantifier.group() == "+":
        return 1
    return int(quantifier.group(1) or 0)


def _sequence(source: str, i: int) -> tuple[Needs, int]:
    """What one branch needs, read up to the next top-level "|" or ")"."""
    runs: list[str] = []
    choices: list[tuple[str | Needs, ...]] = []
    run = ""
    while i < len(source) and source[i] not in "|)":
        char = source[i]
        literal: str | None = None
        branches: tuple[Needs, ...] | None = None
        if char == "\\":
            escape = _ESCAPE.match(source, i)
            if escape is None:
                raise _UnreadableError(source)
            # Escaped punctuation is itself; an escaped letter or digit is a class, an anchor,
            # a character by its code or a backreference.
            escaped = escape.group()[1:]
            if len(escaped) == 1 and escaped.isascii() and not escaped.isalnum():
                literal = escaped
            i = escape.end()
        elif char == "[":
            i = class_end(source, i)
        elif char == "(":
            branches, i = _group(source, i)
        elif char in ".^$":
            i += 1
        else:
            literal = char if char.isascii() else None
            i += 1
        quantifier = _QUANTIFIER.match(source, i)
        if quantifier is not None:
            i = quantifier.end()
            if source[i : i + 1] in ("?", "+"):  # lazy or possessive
                i += 1
            # Only a lower bound of at least one keeps the part; a run still ends after it.
            if _least(quantifier) == 0:
                literal = branches = None
        if literal is not None:
            run += literal.lower()
            if quantifier is None:
                continue
        runs.append(run)
        run = ""
        if branches and all(branches):
            if len(branches) == 1:
                runs.extend(branches[0].runs)
                choices.extend(branches[0].choices)
            else:
                choices.append(tuple(_simplest(b) for b in branches))
    runs.append(run)
    unique = sorted({r for r in runs if r}, key=lambda r: (-len(r), r))
    return Needs(tuple(unique), tuple(choices)), i


def _simplest(needs: Needs) -> str | Needs:
    """A branch that needs one run and nothing else, as that run."""
    return needs.runs[0] if len(needs.runs) == 1 and not needs.choices else needs


def _alternation(source: str, i: int) -> tuple[tuple[Needs, ...], int]:
    """The branches read from ``source[i]`` up to an unmatched ")" or the end."""
    branches = []
    while True:
        needs, i = _sequence(source, i)
        branches.append(needs)
        if source[i : i + 1] != "|":
            return tuple(branches), i
        i += 1


def needs_of(pattern: re.Pattern[str]) -> Needs:
    """What every match of ``pattern`` contains, lower-cased; empty if nothing is known.

    Holds whether or not the pattern ignores case: test it against the lower-cased text,
    where :func:`literal_test_holds` says the test is exact.
    """
    if pattern.flags & re.VERBOSE:
        return Needs()
    try:
        branches, end = _alternation(pattern.pattern, 0)
    except _UnreadableError:
        return Needs()
    if end != len(pattern.pattern) or not all(branches):
        return Needs()
    if len(branches) == 1:
        return branches[0]
    return Needs(choices=(tuple(_simplest(b) for b in branches),))


def literal_test_holds(text: str) -> bool:
    """Whether ``needs_of(p).met_by(text.lower())`` is true whenever ``p`` matches ``text``."""
    return text.isascii() or _CASE_TWINS.search(text) is None


def untwinned(text: str) -> str:
    """``text`` with each letter that case-insensitive matching equates with an ASCII one
    ("ſ", "ı", "İ", the Kelvin sign) made that ASCII letter.

    A case-insensitive pattern written in ASCII (Unicode matching, ``re``'s default) matches
    the result where it matches ``text``, with the same spans (one character for one); and
    :func:`literal_test_holds` is true of it.
    """
    return text if literal_test_holds(text) else text.translate(_TWIN_LETTERS)


@attrs.frozen
class Prefiltered:
    """A compiled pattern that looks for a word every match contains before it searches.

    For patterns run on many short texts (sentences) where they rarely match.
    """

    pattern: re.Pattern[str]
    keys: tuple[str, ...]

    @classmethod
    def of(cls, pattern: re.Pattern[str]) -> Prefiltered:
        """``pattern`` with the keys :func:`needs_of` reads from it."""
        return cls(pattern, needs_of(pattern).keys)

    def may_match(self, text: str) -> bool:
        """False only if ``pattern`` cannot match ``text``."""
        if not self.keys or not literal_test_holds(text):
            return True
        lowered = text.lower()
        for key in self.keys:  # noqa: SIM110 -- a plain loop: any() over a generator is slower
            if key in lowered:
                return True
        return False

    def search(self, text: str) -> re.Match[str] | None:
        """``pattern.search(text)``."""
        return self.pattern.search(text) if self.may_match(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text)``."""
        return self.pattern.finditer(text) if self.may_match(text) else iter(())

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str) -> str:
        """``pattern.sub(repl, text)``."""
        return self.pattern.sub(repl, text) if self.may_match(text) else text
