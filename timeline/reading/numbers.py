"""Numbers in text that may be figures: digits, number words, percentages and rates.

Labels ("section 47", "paragraph 2.12"), ages ("16- and 17-year-olds"), years, sums of money,
phone numbers, list numbers and layout leftovers are left out: they are numbers, not figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from timeline.reading.figures_keys import alternation
from timeline.reading.literals import literal_test_holds

__all__ = ["Number", "NumberScan", "find_numbers", "numbers_in"]

_ONES = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
_WORDS = {w: i for i, w in enumerate(f"{_ONES} sixteen seventeen eighteen nineteen".split(), 1)}
_WORDS |= {w: 10 * i for i, w in enumerate(_TENS.split(), 2)}
# The number words holding no other ("nineteen" holds "nine"): a text holds a number word if
# and only if it holds one of these; one search for them all (a tree of their letters) is
# quicker than a substring test for each.
_NEEDLES = tuple(w for w in _WORDS if not any(v != w and v in w for v in _WORDS))
_NEEDLE = re.compile(alternation(list(_NEEDLES)))
# The lookahead names every character a number can start with (a digit, or the first letter of
# a number word), so the search skips other positions before trying the lookbehind and the
# alternation: 1.5x faster on the corpus, same matches (``_PLAIN_NUMBER`` in the tests).
_NUMBER = re.compile(
    r"(?=[\dotfsen])"
    r"(?<![\w£$€.,:/\-\u2013\u2014'\u2019])"
    rf"(?:(?P<digits>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)|(?P<word>(?:{'|'.join(_TENS.split())})"
    rf"[-\u2010 ](?:{'|'.join(_ONES.split()[:9])})|{'|'.join(_WORDS)}))"
    r"(?:(?P<pct>\s?%|\s?per\s?cent\b)|(?P<r10k>\s+per\s+10,?000\b)|(?P<r1k>\s+per\s+1,?000\b)"
    r"(?:\s+(?:children|young people|child population|population|of the population)\b)?)?"
    r"(?![\w%\-\u2010]|[.,:]\d)",
    re.I,
)
# Words before a number that make it a label, an age or a sum of money, not a figure. These
# three patterns are searched for at the end of the 30 characters before every number: each
# opens with a lookahead of the characters a match can start with (a digit, a sign, the first
# letters of its words), so the search skips other positions at once (``_PLAIN_JUNK`` in the
# tests).
_JUNK_BEFORE = re.compile(
    r"(?=[aciknprstv\d£$€])"
    r"(?:\b(?:sections?|s\.|paragraphs?|paras?|pages?|chapters?|regulations?|articles?|schedules?"
    r"|standards?|steps?|stages?|tiers?|phases?|no\.|act|parts?|annex|appendix|table|items?|rules?"
    r"|versions?|recommendations?|key stage|aged?|ages|age of|aged (?:under|over|between|from)"
    r"|all but)\W{0,2}|\b(?:aged?|ages)\s+\d+\s*(?:and|to|or|-|\u2013)\s*|\d\s+|[£$€]\s*)$",
    re.I,
)
_JUNK_AFTER = re.compile(
    r"(?:\s*(?:-|\u2013|to|and|or)\s*\d+)?\s*(?:-?years?\b|yrs?\b|-?year-olds?|million|billion"
    r"|bn\b|m\b|k\b|\+|in\s+\d{1,2}\b(?![\d,])|:\s*\d|miles|km\b|kilomet|hours?\b|minutes?\b"
    r"|[ap]m\b)",
    re.I,
)
_WORD_JUNK_BEFORE = re.compile(r"(?=[aent])\b(?:the|any|no|this|that|each|every)\s+$", re.I)
_WORD_JUNK_AFTER = re.compile(
    r"\s+(?:of|another|or|more|times?|ways?|reasons?|aspects?|days?|weeks?|months?|years?)\b", re.I
)
_THRESHOLD = re.compile(
    r"(?=[abflmou])\b(?:over|above|below|under|more than|fewer than|less than)\s+$", re.I
)
_CLAUSE_AFTER = re.compile(r"\s*(?:[.,;:)]|$|and\b|or\b)")
_LAYOUT_BEFORE = re.compile(r"(?:\t| {2,}|\.{2,}|…)\s*$")
_LIST_NUMBER_AFTER = re.compile(r"[.)]?(?:\s+[A-Z]|\t|\s*$)|\.\d")
_DIGIT = re.compile(r"\d")
_YEAR_DIGITS = re.compile(r"(?:19|20)\d\d")
_WORD_PARTS = re.compile(r"[-\u2010 ]")
_LIST_MARKS = frozenset(" \t-*•·▪●◦(")


@attrs.frozen
class Number:
    """A number that may be a figure: its span, value, unit and whether it was written in words."""

    start: int
    end: int
    value: float
    unit: str  # count, percent, rate_per_10000 or rate_per_1000
    word: bool


def _laid_out_before(text: str, at: int) -> bool:
    """Whether the line before ``at`` ends in a tab, spaces or leader dots (``_LAYOUT_BEFORE``).

    Only the line's end is searched, its trailing white space and the two characters before
    it, where any match starts: a text without line breaks is not searched from its start for
    every number (that made reading quadratic in the length of a line).
    """
    i = at
    while i > 0 and text[i - 1] != "\n" and text[i - 1].isspace():
        i -= 1
    lo = max(0, i - 2)
    newline = text.rfind("\n", lo, i)
    return _LAYOUT_BEFORE.search(text, lo if newline == -1 else newline + 1, at) is not None


def _marks_only_before(text: str, at: int) -> bool:
    """Whether the line holds nothing but list marks and white space before ``at``."""
    i = at
    while i > 0 and text[i - 1] in _LIST_MARKS:
        i -= 1
    return i == 0 or text[i - 1] == "\n"


def _is_junk(text: str, m: re.Match[str], start: int) -> bool:
    """Whether a number is a label, an age, a year, a phone number or a list number."""
    a, b = m.span()
    unitless = not (m["pct"] or m["r10k"] or m["r1k"])
    digits = m["digits"]
    # Phone numbers and years are junk whatever surrounds them: tested first, as a fifth of the
    # numbers found are years, and the searches around a number cost more than these tests.
    if digits is not None and (
        (digits.startswith("0") and len(digits) > 1 and not digits.startswith("0."))  # phones
        or (unitless and _YEAR_DIGITS.fullmatch(digits) is not None)  # years
    ):
        return True
    before, after = text[max(start, a - 30) : a], text[b : b + 30]
    if _JUNK_BEFORE.search(before) or _JUNK_AFTER.match(after) or _laid_out_before(text, a):
        return True
    if digits is None:  # a word: "one of the", "the one", "two years"
        return unitless and bool(_WORD_JUNK_BEFORE.search(before) or _WORD_JUNK_AFTER.match(after))
    return (unitless and bool(_THRESHOLD.search(before) and _CLAUSE_AFTER.match(after))) or (
        unitless and _marks_only_before(text, a) and bool(_LIST_NUMBER_AFTER.match(after))
    )


def _value(m: re.Match[str]) -> float:
    if m["word"]:  # "forty-two"
        return sum(_WORDS[w] for w in _WORD_PARTS.split(m["word"].lower()))
    return float(m["digits"].replace(",", ""))


def _may_hold_number(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has a digit or a number word: most sentences have neither.

    A digit's search and one for the number words in the lower case are many times cheaper
    than ``_NUMBER``'s search from every position.
    """
    if _DIGIT.search(text, start, end) is not None:
        return True
    span = text[start:end]
    if not literal_test_holds(span):
        return True
    return _NEEDLE.search(span.lower()) is not None


# A number word as ``_NUMBER`` finds it, in lower case: after a character that is not a word
# character (so not one that lower-cases to an ASCII letter or digit), or the text's start.
_WORD_START = re.compile(f"[^a-z0-9](?:{alternation(sorted(_WORDS))})")


class NumberScan:
    """One text's spans tested for a digit or a number word, the text lower-cased once.

    ``may_hold`` is False only where ``numbers_in`` finds nothing: no digit, and no number word
    starting a word. Where no letter changes length or twins an ASCII one ("ſ" is "s" to a
    case-blind search) when lower-cased, a span's lower case is that slice of the whole
    text's; it is searched with a space before the text, so that a word at its start follows
    one. Elsewhere ``_may_hold_number`` answers.
    """

    __slots__ = ("spaced", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        lowered = text.lower()
        same = len(lowered) == len(text) and literal_test_holds(text)
        self.spaced = f" {lowered}" if same else None

    def may_hold(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` may hold a number: False only if it holds none."""
        if self.spaced is None:
            return _may_hold_number(self.text, start, end)
        if _DIGIT.search(self.text, start, end) is not None:
            return True
        # text[i] is spaced[i + 1]: a word in [start, end) follows a character at start or later.
        return _WORD_START.search(self.spaced, start, end + 1) is not None


def find_numbers(text: str, start: int, end: int) -> Iterator[Number]:
    """Every number in ``text[start:end]`` that is not a label, an age, a year or the like."""
    if not _may_hold_number(text, start, end):
        return
    yield from numbers_in(text, start, end)


def numbers_in(text: str, start: int, end: int) -> Iterator[Number]:
    """``find_numbers`` for a span already found to hold a digit or number word (``NumberScan``)."""
    for m in _NUMBER.finditer(text, start, end):
        if _is_junk(text, m, start):
            continue
        unit = "percent" if m["pct"] else "rate_per_10000" if m["r10k"] else "count"
        unit = "rate_per_1000" if m["r1k"] else unit
        yield Number(start=m.start(), end=m.end(), value=_value(m), unit=unit, word=bool(m["word"]))
