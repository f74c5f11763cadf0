"""Plain theme synonyms found in ASCII text by its words, without a regex search each.

A synonym of plain words (letters and digits, single spaces) compiles, in ``themes._phrase``,
to ``(?<![\\w-])w1[\\s-]+w2 ... wn(?:s|es)?'?(?![\\w-])``, ignoring case. In lower-cased ASCII
text split into words (maximal runs of ``[a-z0-9]``) and the gaps between them, that matches
just where consecutive words are ``w1`` ... ``wn`` (the last perhaps with "s" or "es"), every
gap between them is made of whitespace and hyphens only, the gap before does not end with a
hyphen or underscore, and the gap after does not start with one (an apostrophe after the
last word is matched or not: either way the match holds). So the synonyms form a tree of
words, walked once along the text's words, and the engine is spared a search per synonym.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

__all__ = ["PlainNode", "plain_groups", "plain_tree", "plain_words", "split_words"]

# A theme and the group of it ("always", "in_context" or "context") that a synonym belongs to.
Group = tuple[str, str]
# The groups whose synonyms end at this word, and the words that may follow it.
PlainNode = tuple[frozenset[Group], dict[str, "PlainNode"]]

_PLAIN = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*")
_SPLIT = re.compile(r"([^a-z0-9]+)")
# What a synonym's space matches ("[\s-]"), among ASCII characters: read from re itself, whose
# \s holds more than " \t\n\r\f\v".
_JOINERS = "".join(chr(c) for c in range(128) if re.fullmatch(r"[\s-]", chr(c)))
# The ASCII characters besides letters and digits that "[\w-]" matches: none may touch a match.
_BLOCKERS = "-_"


def plain_words(phrase: str) -> tuple[str, ...] | None:
    """The words of a synonym (already folded by ``themes.normalise``) if it is plain ASCII
    words between single spaces, lower-cased; else None."""
    phrase = phrase.strip()
    if not phrase.isascii():
        return None
    lowered = phrase.lower()
    return tuple(lowered.split(" ")) if _PLAIN.fullmatch(lowered) else None


def plain_tree(synonyms: Iterable[tuple[tuple[str, ...], Group]]) -> dict[str, PlainNode]:
    """The synonyms' words as a tree, the last word of each in each of its forms (itself, with
    "s" and with "es")."""
    root = _Growing()
    for words, group in synonyms:
        *inner, last = words
        for form in (last, last + "s", last + "es"):
            node = root
            for word in (*inner, form):
                node = node.children.setdefault(word, _Growing())
            node.groups.add(group)
    return root.frozen()[1]


@attrs.define
class _Growing:
    """A node of the tree as it is built."""

    groups: set[Group] = attrs.Factory(set)
    children: dict[str, _Growing] = attrs.Factory(dict)

    def frozen(self) -> PlainNode:
        return frozenset(self.groups), {w: c.frozen() for w, c in self.children.items()}


def plain_groups(parts: list[str], tree: dict[str, PlainNode]) -> set[Group]:
    """The groups of every synonym of ``tree`` in the text split into ``parts``.

    ``parts`` is ``split_words(lowered)``: words at even indices, the gaps between at odd ones.
    """
    found: set[Group] = set()
    last = len(parts) - 1
    for start in range(0, last + 1, 2):
        node = tree.get(parts[start])
        if node is None or (start and parts[start - 1][-1] in _BLOCKERS):
            continue
        at = start
        while True:
            groups, children = node
            gap = parts[at + 1] if at < last else ""
            if groups and not (gap and gap[0] in _BLOCKERS):
                found |= groups
            if not (children and gap) or gap.strip(_JOINERS):
                break
            at += 2
            node = children.get(parts[at])
            if node is None:
                break
    return found


def split_words(lowered: str) -> list[str]:
    """``lowered`` as words (maximal runs of ``[a-z0-9]``) at even indices and the gaps
    between them at odd ones; the first and last words may be empty."""
    return _SPLIT.split(lowered)
