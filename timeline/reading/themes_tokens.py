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

import itertools
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
    """The groups of every synonym of ``tree`` in the text split into ``parts``
    (by :func:`split_words`)."""
    found: set[Group] = set()
    # Where a synonym's first word is, picked out without a Python step for every word.
    starts = itertools.compress(range(0, len(parts), 2), map(tree.__contains__, parts[::2]))
    for start in starts:
        if parts[start - 1][-1] in _BLOCKERS:
            continue
        groups, children = tree[parts[start]]
        at = start + 1  # the gap after the word
        while True:
            gap = parts[at]
            if groups and gap[0] not in _BLOCKERS:
                found |= groups
            if not children or (gap != " " and gap.strip(_JOINERS)):
                break
            node = children.get(parts[at + 1])
            if node is None:
                break
            groups, children = node
            at += 2
    return found


# After the text: a gap that neither touches nor joins (" " ending the text as well), a word
# that is no synonym's and a gap standing before the first word (index -1).
_END = (" ", "", " ")


def split_words(lowered: str) -> list[str]:
    """``lowered`` as words (maximal runs of ``[a-z0-9]``) at even indices and the gaps
    between them at odd ones, then ``_END``: every word has a gap each side and every gap a
    word after it. The first and last words may be empty."""
    parts = _SPLIT.split(lowered)
    parts += _END
    return parts
