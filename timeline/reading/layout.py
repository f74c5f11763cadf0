"""A document's text as blocks (headings, paragraphs, bullets) and sentences, each with its span.

Text out of PDFs breaks paragraphs at page ends ("continue\\n\\n\\nto financially invest") and
leaves page numbers and footnote digits on their own lines; blocks are rejoined when one ends
mid-sentence and the next starts in lower case. Spans always index the original text, so a
quote is ``text[start:end]`` exactly.
"""

from __future__ import annotations

import bisect
import collections
import functools
import itertools
import re
from collections.abc import Iterable, Iterator

import attrs

__all__ = [
    "Block",
    "Sentence",
    "blocks",
    "clean",
    "clean_span",
    "folds_only",
    "running_lines",
    "sentences",
    "unbroken",
]

_BULLET = re.compile(
    r"""[ \t]*(?:
        [-*•·▪●◦]\s+(?:\(?(?P<num1>\d{1,3})[.)]\s+)? |   # - 12. text   • text
        \(?(?P<num2>\d{1,3})[.)]\s+ |                     # 12. text     (3) text
        \((?P<roman>[ivxlc]{1,6})\)\s+                    # (iv) text
    )""",
    re.VERBOSE,
)
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_PAGE_NUMBER = re.compile(r"^\s*(?:\d{1,3}|page \d+( of \d+)?)\s*$", re.IGNORECASE)
_MARKUP = re.compile(r"[*_`#]+|\[([^\]]*)\]\([^)]*\)")
_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)\]]*\s*$")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:e\.g|i\.e|etc|Mr|Mrs|Ms|Dr|St|No|vs|approx|para|Cllr|Prof|Rev|Jan|Feb|Mar|Apr|Jun|"
    r"Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z])\.$"
)
_ABBREVIATION_REACH = 12  # characters: the longest abbreviation, its stop and a word boundary


_MARKUP_START = re.compile(r"[*_`#\[]")
# A superscript run after a letter or stop, or one digit after a letter's stop. Written with the
# digit first and the looks behind after it (which then include it): a pattern opening with a
# character class lets the engine skip to the next digit instead of trying every position.
_FOOTNOTE = re.compile(
    r"[¹²³⁴⁵⁶⁷⁸⁹⁰\d](?:(?<=[a-z.,;:)][¹²³⁴⁵⁶⁷⁸⁹⁰])[¹²³⁴⁵⁶⁷⁸⁹⁰]*|(?<=[a-z][.,;:)]\d)(?=\s|$))"
)


# The extractors clean the same blocks and sentences many times over; most calls are repeats.
@functools.lru_cache(maxsize=2048)
def clean(text: str) -> str:
    """``text`` without Markdown markers, footnote digits stuck to words, and runs of spaces."""
    # The patterns try every position; scans for the characters they need are cheaper: one
    # of the markup characters, and a digit (any decimal digit, outside ASCII).
    if "*" in text or "_" in text or "`" in text or "#" in text or "[" in text:
        text = _MARKUP.sub(lambda m: m.group(1) or "", text)
    if not text.isascii() or (
        "0" in text
        or "1" in text
        or "2" in text
        or "3" in text
        or "4" in text
        or "5" in text
        or "6" in text
        or "7" in text
        or "8" in text
        or "9" in text
    ):
        text = _FOOTNOTE.sub("", text)
    return " ".join(text.split())


@functools.lru_cache(maxsize=4)
def _cleaned_spans(text: str) -> _Marks:
    return _Marks(text)


_MARKUP_CHARS = "*_`#["  # what _MARKUP_START looks for


def _occurrences(text: str, char: str) -> Iterator[int]:
    """Where ``char`` is in ``text``."""
    found = text.find(char)
    while found != -1:
        yield found
        found = text.find(char, found + 1)


class _Marks:
    """Where ``clean`` could change a document's text beyond folding its spaces: markup
    characters and footnote digits, each found once in the whole text."""

    def __init__(self, text: str) -> None:
        # Markup characters are rare: a scan for each is quicker than one for all five.
        self.markup = sorted(i for char in _MARKUP_CHARS for i in _occurrences(text, char))
        notes = [m.span() for m in _FOOTNOTE.finditer(text)]
        self.note_starts = [a for a, _ in notes]
        self.note_ends = [b for _, b in notes]
        self.found: dict[tuple[int, int], str] = {}

    def plain(self, text: str, start: int, end: int) -> bool:
        """Whether ``clean(text[start:end])`` only folds the span's spaces.

        A footnote found in the span alone is found in the whole text too, unless it ends the
        span (the whole text may go on after it with no space): such spans are not plain.
        """
        i = bisect.bisect_left(self.markup, start)
        if i < len(self.markup) and self.markup[i] < end:
            return False
        j = bisect.bisect_left(self.note_starts, end)  # the notes starting before the end
        if j and self.note_ends[j - 1] > start:
            return False
        return not (end > start and text[end - 1].isdigit())


def folds_only(text: str, start: int, end: int) -> bool:
    """Whether ``clean(text[start:end])`` is ``" ".join(text[start:end].split())``: the span
    holds no markup or footnote."""
    return _cleaned_spans(text).plain(text, start, end)


def clean_span(text: str, start: int, end: int) -> str:
    """``clean(text[start:end])``, without searching the span for markup and footnotes."""
    marks = _cleaned_spans(text)
    found = marks.found.get((start, end))
    if found is None:
        if marks.plain(text, start, end):
            found = " ".join(text[start:end].split())
        else:
            found = clean(text[start:end])
        marks.found[start, end] = found
    return found


@attrs.frozen(kw_only=True)
class Block:
    """A heading, paragraph or bullet: its span, kind, list number and the heading above it."""

    start: int
    end: int
    kind: str  # "heading", "paragraph" or "bullet"
    number: int | None
    heading: str
    depth: int = 0

    def text(self, document: str) -> str:
        """The block's text with markup and line breaks folded."""
        # Each extractor asks for every block's text: the document keeps what it cleaned.
        return clean_span(document, self.start, self.end)


@attrs.frozen(kw_only=True)
class Sentence:
    """One sentence of a block."""

    start: int
    end: int


def _roman(value: str) -> int:
    total = 0
    for a, b in zip(value, [*value[1:], ""], strict=True):
        v = _ROMAN[a]
        total += -v if b and _ROMAN[b] > v else v
    return total


_DANGLING = re.compile(
    r"\b(?:and|or|but|the|a|an|of|to|in|on|for|with|by|that|which|who|as|at|from|their|its)$",
    re.IGNORECASE,
)


# Compiled once: these run for every line of every document.
_CLOSING_PUNCTUATION = re.compile(r"[.!;,][\"'”’)\]]*$")
_LONG_NUMBER = re.compile(r"\d{3,}")
_AREA_AND_GRADE = re.compile(r":\s*\S")
_DIGITS = re.compile(r"\d+")


def _is_heading(line: str, next_blank: bool, next_text: str) -> bool:
    """A short, unpunctuated line standing alone, not cut off mid-phrase."""
    bare = clean(line)
    if not bare or len(bare) > 140 or not next_blank:
        return False
    if line.lstrip().startswith("#"):
        return True
    # A question ("What needs to improve?") can head a section; a full stop cannot.
    if _CLOSING_PUNCTUATION.search(bare) or bare[0].islower() or _DANGLING.search(bare):
        return False
    if next_text[:1].islower() or _LONG_NUMBER.search(bare):
        return False
    words = len(bare.split())
    # Long headings name a judgement area and its grade: "The experiences and ...: good".
    return (words <= 12 and len(bare) <= 90) or (words <= 22 and bool(_AREA_AND_GRADE.search(bare)))


_RUNNING = 3  # a line printed this often (digits aside) is a running header or footer
_RUNNING_WORDS = 4  # words at least: "Agenda item 5" heads a section, not a page


def _digitless(line: str) -> str:
    return _DIGITS.sub("#", " ".join(line.split()))


def running_lines(lines: Iterable[str]) -> frozenset[str]:
    """Lines printed on page after page, digits written as "#": running headers and footers.

    Test a line with ``is_running``; only a line opening a page (after a blank line or another
    running line) is one, since a sentence can repeat.
    """
    counts = collections.Counter(
        _digitless(line)
        for line in lines
        # A list item or a sentence that recurs (minutes repeat their items) is no header.
        if line.strip() and not _BULLET.match(line) and not _SENTENCE_END.search(line)
    )
    return frozenset(
        line for line, n in counts.items() if n >= _RUNNING and len(line.split()) >= _RUNNING_WORDS
    )


def is_running(line: str, running: frozenset[str]) -> bool:
    """Whether ``line`` is one of the ``running`` lines."""
    return bool(running) and _digitless(line) in running


# Whitespace that is no line break (``str.splitlines`` breaks at the rest); none lies past
# U+3000 (a test checks).
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_SPACE = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and c not in _LINE_BREAKS)
# A run of spaces that is not one plain space: folded, the document's lines read as single-spaced.
_OTHER_SPACES = _SPACE.replace(" ", "")
_IRREGULAR_SPACE = re.compile(f"[{re.escape(_SPACE)}]{{2,}}|[{re.escape(_OTHER_SPACES)}]")


@functools.lru_cache(maxsize=8)
def _document_running(text: str) -> frozenset[str]:
    """``running_lines(text.splitlines())``, with each line's key made by whole-text passes.

    Splitting every line into words costs more than the rest; a line's key is its digits
    written "#" and its spaces folded, which passes over the whole text make for every line at
    once. Only lines whose key occurs often enough are then tested as ``running_lines`` does.
    """
    folded = _DIGITS.sub("#", text)
    # Spaces other than single plain ones are rare: tests for them spare a pass over the text.
    if "  " in text or any(c in text for c in _OTHER_SPACES):
        folded = _IRREGULAR_SPACE.sub(" ", folded)
    keys = list(map(str.strip, folded.splitlines()))
    often = {k for k, n in collections.Counter(keys).items() if n >= _RUNNING and k}
    if not often:
        return frozenset()
    lines = text.splitlines()
    return running_lines(lines[i] for i, key in enumerate(keys) if key in often)


def unbroken(quote: str, document: str) -> str:
    """``quote`` (a span of ``document``) without the running headers a page break put in it."""
    if "\n" not in quote:
        return quote
    running = _document_running(document)
    if not running:
        return quote
    lines = quote.split("\n")
    kept: list[str] = []
    gap = False  # after a blank line or a header: where a page starts
    for i, line in enumerate(lines):
        if i > 0 and gap and is_running(line, running):
            continue
        gap = not line.strip()
        kept.append(line)
    return quote if len(kept) == len(lines) else "\n".join(kept)


_BULLET_OPENERS = "-*•·▪●◦("  # what a list marker starts with, besides a digit


def _raw_blocks(text: str) -> list[tuple[int, int, str, int | None, int]]:
    """Lines grouped into (start, end, kind, number, depth); blank lines separate blocks.

    A running header after a page's end separates blocks like a blank line, so a paragraph
    the page cut can be rejoined.
    """
    kept = text.splitlines(keepends=True)
    contents = [line.rstrip("\r\n") for line in kept]
    starts = list(itertools.accumulate(map(len, kept), initial=0))
    blank = [not line or line.isspace() for line in contents]
    running = _document_running(text)
    out: list[tuple[int, int, str, int | None, int]] = []
    # The open block: its start, kind, number and depth; its end moves with each line it takes.
    current: tuple[int, str, int | None, int] | None = None
    current_end = 0
    gap = True  # at a page's or paragraph's start: after nothing, a blank line or a header
    for i, line in enumerate(contents):
        # Most lines open with a letter: no page number or list marker, whose patterns are
        # tried only where the first character allows them.
        first = line[:1]
        indented = first.isspace()
        if (
            blank[i]
            or ((indented or first in "pP" or first.isdigit()) and _PAGE_NUMBER.match(line))
            or (gap and current is None and is_running(line, running))
        ):
            gap = True
            if current is not None:
                out.append((current[0], current_end, current[1], current[2], current[3]))
                current = None
            continue
        gap = False
        start = starts[i]
        end = start + len(line)
        match = (
            _BULLET.match(line) if indented or first in _BULLET_OPENERS or first.isdigit() else None
        )
        if match:
            if current is not None:
                out.append((current[0], current_end, current[1], current[2], current[3]))
            number: int | None = None
            if match.group("num1") or match.group("num2"):
                number = int(match.group("num1") or match.group("num2"))
            elif match.group("roman"):
                number = _roman(match.group("roman"))
            depth = 1 if line[:1] in (" ", "\t") and line.lstrip()[:1] in "-*•·" else 0
            content_start = start + len(line) - len(line.lstrip())
            current, current_end = (content_start, "bullet", number, depth), end
            continue
        if current is None:
            next_blank = i + 1 >= len(contents) or blank[i + 1]
            lead = len(line) - len(line.lstrip())
            j = i + 1
            while j < len(contents) and blank[j]:
                j += 1
            following = contents[j].strip() if j < len(contents) else ""
            if _is_heading(line, next_blank, following):
                out.append((start + lead, end, "heading", None, 0))
            else:
                current, current_end = (start + lead, "paragraph", None, 0), end
        else:
            current_end = end
    if current is not None:
        out.append((current[0], current_end, current[1], current[2], current[3]))
    return out


def _continues(text: str, previous: tuple[int, int, str, int | None, int], start: int) -> bool:
    """Whether a block starting at ``start`` is the rest of ``previous`` cut by a page break.

    A lower-case paragraph after an unfinished one is always a continuation; a lower-case
    bullet only after a long unfinished paragraph and a page-sized gap, since short lower-case
    list items ("- overall effectiveness: inadequate") are items of their own.
    """
    if previous[2] == "heading":
        return False
    # The tests of the next block's start come first: most blocks start in upper case, and
    # the tests of the previous block's end must clean the whole block.
    head = text[start : start + 40]
    bullet = _BULLET.match(head)
    if bullet is not None:
        if bullet.group("num1") or bullet.group("num2") or bullet.group("roman"):
            return False
        if text.count("\n", previous[1], start) < 3:
            return False
        head = head[bullet.end() :]
    if not head or not (head[0].islower() or head[0] in ",;)"):
        return False
    tail = clean(text[previous[0] : previous[1]])
    if not tail or _SENTENCE_END.search(tail):
        return False
    return bullet is None or len(tail) >= 150


def blocks(text: str) -> list[Block]:
    """The document's blocks in order, page-broken paragraphs rejoined."""
    return list(_blocks(text))


# Describing a document and each extractor need its blocks and sentences: read them once.
@functools.lru_cache(maxsize=8)
def _blocks(text: str) -> tuple[Block, ...]:
    merged: list[tuple[int, int, str, int | None, int]] = []
    for raw in _raw_blocks(text):
        if merged and raw[2] != "heading" and _continues(text, merged[-1], raw[0]):
            prev = merged[-1]
            merged[-1] = (prev[0], raw[1], prev[2], prev[3], prev[4])
        else:
            merged.append(raw)
    out = []
    heading = ""
    for start, end, kind, number, depth in merged:
        if kind == "heading":
            heading = clean(text[start:end])
        out.append(
            Block(start=start, end=end, kind=kind, number=number, heading=heading, depth=depth)
        )
    return tuple(out)


def _abbreviated(body: str, start: int, end: int) -> bool:
    """Whether ``body[start:end]`` ends with an abbreviation's full stop ("e.g.", "Dr.")."""
    # A match ends the text and is at most 7 characters long: searching only the tail is the
    # same search, and sentences are long.
    if end - start > _ABBREVIATION_REACH:
        return _ABBREVIATIONS.search(body, end - _ABBREVIATION_REACH, end) is not None
    return _ABBREVIATIONS.search(body[start:end]) is not None


# A cut starts just after its stop ("[.!?]" is matched rather than looked behind for, so the
# engine skips to the next stop instead of trying every position).
_SPLIT = re.compile(r"[.!?](?P<close>[\"'”’)]*)\s+(?=[\"“‘(]?[A-Z0-9])")


def sentences(text: str, block: Block) -> list[Sentence]:
    """The sentences of a block, bullet markers and list numbers left out of the spans."""
    known = _split_blocks(text)
    found = known.get(block)
    if found is None:
        found = known[block] = _split(text, block)
    return list(found)


# Each extractor splits every block of the document it reads; the last few documents' splits
# are kept, however many blocks they have.
@functools.lru_cache(maxsize=4)
def _split_blocks(text: str) -> dict[Block, tuple[Sentence, ...]]:
    return {}


def _split(text: str, block: Block) -> tuple[Sentence, ...]:
    start = block.start
    match = _BULLET.match(text, start) if block.kind == "bullet" else None
    if match is not None and match.end() <= block.end:
        start = match.end()
    body = text[start : block.end]
    out = []
    pos = 0
    for cut in _SPLIT.finditer(body):
        after = cut.start() + 1  # just after the full stop
        stop = after + len(cut.group("close"))
        if _abbreviated(body, pos, after):
            continue
        out.append((pos, stop))
        pos = cut.end()
    out.append((pos, len(body)))
    result = []
    for a, b in out:
        seg = body[a:b]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        if seg.strip():
            result.append(Sentence(start=start + a + lead, end=start + b - trail))
    return tuple(result)
