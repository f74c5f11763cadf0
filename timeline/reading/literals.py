"""What text a pattern cannot match without, so a cheap ``in`` test can stand before a search.

A regex search tries the pattern at every position of the text; most of the reader's patterns
(theme wordings, metric phrases) match almost nowhere, and a substring test rules those out
many times faster. The literal is read from the pattern's own source, so the vocabularies in
``timeline/data`` stay free to change.
"""

from __future__ import annotations

import re

__all__ = ["literal_test_holds", "required_runs"]

_QUANTIFIER_BODY = re.compile(r"\{\d*(?:,\d*)?\}")
# Letters outside ASCII that case-insensitive matching equates with ASCII ones, though their
# lower case is not that letter ("ſ" matches "s", "ı" and "İ" match "i").
_CASE_TWINS = re.compile("[\u0130\u0131\u017f\u212a]")


def _class_end(source: str, start: int) -> int:
    """The index just past the character class opening at ``source[start]``."""
    i = start + 1
    if source[i : i + 1] == "^":
        i += 1
    if source[i : i + 1] == "]":  # a "]" first in a class is a literal
        i += 1
    while i < len(source) and source[i] != "]":
        i += 2 if source[i] == "\\" else 1
    return i + 1


def required_runs(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """Lower-case runs of characters every match of ``pattern`` contains, longest first.

    Reads only the pattern's top level: ASCII characters outside groups, classes and
    escapes that no quantifier makes optional or repeatable. A top-level alternation or the
    verbose flag gives none. The runs hold whether or not the pattern ignores case: test them
    against the lower-cased text, where :func:`literal_test_holds` says the test is exact.
    """
    if pattern.flags & re.VERBOSE:
        return ()
    source = pattern.pattern
    runs: list[str] = []
    run = ""
    depth = 0
    i = 0
    while i < len(source):
        char = source[i]
        literal: str | None = None
        if char == "\\":
            escaped = source[i + 1 : i + 2]
            # Escaped punctuation is itself; an escaped letter or digit is a class or anchor.
            if depth == 0 and escaped.isascii() and escaped and not escaped.isalnum():
                literal = escaped
            i += 2
        elif char == "[":
            i = _class_end(source, i)
        elif char in "()":
            depth += 1 if char == "(" else -1
            i += 1
        elif depth > 0:
            i += 1
            continue
        elif char == "|":
            return ()
        elif char in "?*+{":
            run = run[:-1]  # the character before a quantifier may be absent or repeated
            body = _QUANTIFIER_BODY.match(source, i) if char == "{" else None
            i = body.end() if body is not None else i + 1
        else:
            literal = char if char.isascii() and char not in ".^$" else None
            i += 1
        if literal is not None and depth == 0:
            run += literal.lower()
            continue
        runs.append(run)
        run = ""
    runs.append(run)
    return tuple(sorted({r for r in runs if r}, key=lambda r: (-len(r), r)))


def literal_test_holds(text: str) -> bool:
    """Whether ``required_runs(p)`` are all in ``text.lower()`` whenever ``p`` matches ``text``."""
    return _CASE_TWINS.search(text) is None
