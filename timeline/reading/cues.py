"""Whole-word cue alternations, compiled to dispatch on their first character.

A cue list ("effective; timely; too slow; ...") is one regex alternation. At every word start
Python's engine tries the alternatives one by one; one beginning with a character other than the
text's is passed over quickly, but a hundred of them still cost a hundred tests. Where every
alternative begins with a known character (after lookbehinds, and through leading groups), the
pattern is rewritten as one branch per first character, each holding, in their order, the
alternatives that begin with it: the engine then passes over whole branches at once. At any
position only alternatives beginning with the text's character can match, and they are tried in
the same order, so the rewritten pattern matches exactly what the plain one does. An alternative
whose first character is not read stays as written, between the runs dispatched before and
after it.
"""

from __future__ import annotations

import re

__all__ = ["cue_pattern"]

_WHOLE = r"(?<![\w-])(?:{})(?![\w-])"
_BEHIND = ("(?<!", "(?<=")
_SPECIAL = frozenset("\\[](){}.*+?|^$")


def _alternatives(spec: str) -> list[str]:
    """``spec``'s alternatives, separated by ";" or line breaks."""
    alternatives = [a.strip() for line in spec.splitlines() for a in line.split(";")]
    return [a for a in alternatives if a]


def _close(source: str, i: int) -> int:
    """The index just past the group or class opening at ``source[i]``."""
    depth = 0
    while i < len(source):
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i += 2 if source[i + 1 : i + 2] == "^" else 1
            i += 1  # a "]" first in a class is a literal
            while source[i] != "]":
                i += 2 if source[i] == "\\" else 1
            if depth == 0:
                return i + 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError(f"unbalanced pattern: {source!r}")


def _branches(source: str) -> list[str]:
    """``source`` split at its top-level "|"."""
    out, start, i = [], 0, 0
    while i < len(source):
        if source[i] == "\\":
            i += 2
        elif source[i] in "([":
            i = _close(source, i)
        elif source[i] == "|":
            out.append(source[start:i])
            start = i = i + 1
        else:
            i += 1
    out.append(source[start:])
    return out


def _ways(source: str) -> list[tuple[str, str]] | None:
    """``source`` as alternatives tried in the same order, each as its first character and what
    follows it; None where that is not read (escapes, classes, repeated groups, lookaheads).

    ``source`` is one alternative: no top-level "|".
    """
    behind, i = [], 0
    while source.startswith(_BEHIND, i):
        end = _close(source, i)
        behind.append(source[i:end])
        i = end
    rest = source[i:]
    if rest.startswith("(?:"):
        end = _close(rest, 0)
        after = rest[end:]
        branches = _branches(rest[3 : end - 1])
        if after[:1] in ("*", "+", "{"):
            return None
        if after[:1] == "?":  # greedy: the group first, then without it; lazy: the other way
            lazy = after[1:2] == "?"
            after = after[2:] if lazy else after[1:]
            order = [*branches, None] if not lazy else [None, *branches]
        else:
            order = [*branches]
        ways: list[tuple[str, str]] = []
        for branch in order:
            expanded = _ways("".join(behind) + ("" if branch is None else branch) + after)
            if expanded is None:
                return None
            ways += expanded
        return ways
    if not rest or rest[0] in _SPECIAL or rest[1:2] in ("?", "*", "+", "{"):
        return None
    first = rest[0]
    # A lookbehind before the first character holds after it with the character appended.
    moved = "".join(f"{b[:4]}(?:{b[4:-1]}){re.escape(first)})" for b in behind)
    return [(first, moved + rest[1:])]


def cue_pattern(spec: str) -> re.Pattern[str]:
    """A whole-word pattern from regex alternatives separated by ";" or line breaks.

    Cues run on lower-case text with straight quotes and single spaces. The pattern matches
    what the plain alternation of the alternatives matches, dispatched on the first character
    where each alternative's is known.
    """
    parts: list[str] = []
    by_first: dict[str, list[str]] = {}  # the dispatched run of alternatives being gathered

    def dispatch() -> None:
        parts.extend(f"{re.escape(c)}(?:{'|'.join(rests)})" for c, rests in by_first.items())
        by_first.clear()

    for alternative in _branches("|".join(_alternatives(spec))):
        ways = _ways(alternative)
        if ways is None:  # tried as written, after the ones before it and before the rest
            dispatch()
            parts.append(alternative)
            continue
        for first, rest in ways:
            by_first.setdefault(first, []).append(rest)
    dispatch()
    return re.compile(_WHOLE.format("|".join(parts)))
