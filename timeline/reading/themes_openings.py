"""What every match of a theme pattern begins with, read from the pattern's source.

A search tries a pattern at every position of the text; most theme patterns open with a word
or a choice of a few (``\\b(?:their|a|the) PA\\b``), often behind lookbehinds, so trying them
only where one of those openings occurs spares the engine almost every position. The reading
follows only what it needs to (literal characters, escaped punctuation, groups of literal
alternatives, an optional "?", zero-width assertions) and stops at anything else: it is
conservative, an opening being any prefix of what every match begins with.

The same reading gives, for a pattern that starts at a word boundary, the words one of which
opens every match: in ASCII text, a set test of the text's words.
"""

from __future__ import annotations

import itertools
import re

from timeline.reading.literals import class_end

__all__ = ["first_words_of", "openings_of"]

_SPECIAL = frozenset(".^$*+?{}[]\\|()")
_LOOKAROUNDS = ("(?<!", "(?<=", "(?!", "(?=")
# More openings would cost more look-ups than they spare.
_MOST = 12
# First words are looked up in a set at once: more of them cost little.
_MOST_WORDS = 64
# A lookbehind that puts the match at the start of a word.
_NOT_AFTER_WORD = ("(?<![\\w-])", "(?<!\\w)")
_WORD = re.compile(r"[a-z0-9]+")


def _bars_and_end(source: str, start: int) -> tuple[list[int], int]:
    """The "|" at depth 0 of what follows ``source[start]``, and the index of the unmatched ")"
    that ends it (``len(source)`` if none)."""
    bars: list[int] = []
    depth = 0
    i = start
    while i < len(source):
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = class_end(source, i)
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return bars, i
            depth -= 1
        elif char == "|" and depth == 0:
            bars.append(i)
        i += 1
    return bars, len(source)


def _literal(text: str) -> str | None:
    """``text`` lower-cased if it is plain ASCII characters, each standing for itself."""
    if not text.isascii() or any(char in _SPECIAL for char in text):
        return None
    return text.lower()


def _prefix(text: str) -> str:
    """What every match of the branch ``text`` begins with, lower-cased ("" if not known)."""
    end = 0
    while end < len(text) and text[end].isascii() and text[end] not in _SPECIAL:
        end += 1
    if text[end : end + 1] in ("?", "*", "{"):  # the last character may be left out
        end -= 1
    return text[: max(end, 0)].lower()


def _item(source: str, i: int) -> tuple[list[str] | None, int, bool]:
    """The texts one of which the item at ``source[i]`` matches (None for an item this reading
    does not follow), the index past it, and whether they are the whole of its match rather
    than how it begins."""
    char = source[i]
    if char == "\\":
        escaped = source[i + 1 : i + 2]
        if escaped.isascii() and escaped and not escaped.isalnum():
            return [escaped], i + 2, True
        return None, i, True
    if source.startswith("(?:", i) or (char == "(" and not source.startswith("(?", i)):
        start = i + (3 if source.startswith("(?:", i) else 1)
        bars, end = _bars_and_end(source, start)
        if end == len(source):
            return None, i, True
        branches = [source[a + 1 : b] for a, b in itertools.pairwise([start - 1, *bars, end])]
        options = [_literal(branch) for branch in branches]
        if all(option is not None for option in options):
            return [option for option in options if option is not None], end + 1, True
        # A branch that is not all literal still begins with its literal part, if it has one.
        prefixes = [_prefix(branch) for branch in branches]
        return (prefixes if all(prefixes) else None), end + 1, False
    literal = _literal(char)
    return ([literal] if literal is not None else None), i + 1, True


def _heads(source: str, most: int) -> tuple[list[str], bool, bool]:
    """Lower-cased texts one of which every match of ``source`` begins with (at most
    ``most``; ``[""]`` if nothing is known), whether a word boundary stands before them and
    whether one stands after them."""
    bars, end = _bars_and_end(source, 0)
    if bars or end != len(source):
        return [""], False, False
    heads = [""]
    before = after_heads = False
    i = 0
    while i < len(source):
        # Assertions match no text: what follows them opens the match.
        if source.startswith(("\\b", "\\B"), i):
            if source[i + 1] == "b":
                before = before or heads == [""]
                after_heads = True
            i += 2
            continue
        if source.startswith(_LOOKAROUNDS, i):
            before = before or (heads == [""] and source.startswith(_NOT_AFTER_WORD, i))
            after = _bars_and_end(source, i + (4 if source[i + 2] == "<" else 3))[1] + 1
            if after > len(source) or source[after : after + 1] in ("?", "*", "+", "{"):
                break
            i = after
            continue
        options, after, whole = _item(source, i)
        if options is None:
            break
        quantifier = source[after : after + 1]
        if quantifier in ("*", "+", "{"):
            break
        if quantifier == "?":
            options = [*options, ""]
            after += 2 if source[after + 1 : after + 2] in ("?", "+") else 1
        if len(heads) * len(options) > most:
            break
        heads = [head + option for head in heads for option in options]
        after_heads = False
        if not whole:
            break
        i = after
    return heads, before, after_heads


def openings_of(source: str) -> tuple[str, ...]:
    """Lower-cased texts one of which every match of the pattern ``source`` begins with
    (whatever its case), none a prefix of another; empty if nothing is known."""
    heads = _heads(source, _MOST)[0]
    if "" in heads:
        return ()
    # A head with a shorter one as its prefix occurs only where that one does.
    kept = sorted(set(heads), key=len)
    return tuple(h for n, h in enumerate(kept) if not any(h.startswith(k) for k in kept[:n]))


def first_words_of(source: str) -> frozenset[str]:
    """Lower-cased words one of which is, in ASCII text, the first word (maximal run of
    ``[a-z0-9]``) of every match of the pattern ``source``; empty if nothing is known.

    Known where the match starts at a word boundary and each opening's first word ends inside
    it or, for an opening all of letters and digits, at a word boundary after it.
    """
    heads, before, after = _heads(source, _MOST_WORDS)
    if not before:
        return frozenset()
    words = set()
    for head in heads:
        word = _WORD.match(head)
        if word is None or (word.end() == len(head) and not after):
            return frozenset()
        words.add(word.group())
    return frozenset(words)
