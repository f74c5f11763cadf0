"""Recommendations and actions: the lists documents use to say what must improve.

Read from the lists under a heading that names them ("What needs to improve?", "Recommendations",
"Areas for improvement", "Priority and immediate action", "What does the local authority need
to improve?"), one recommendation per item, however the text lays the list out: PDF text gives
items line by line with no blank lines, bullets as symbol-font characters, sub-bullets inside an
item, group headings inside a list and page numbers and running headers between items. Also read
from the list that follows a sentence introducing actions or recommendations ("the actions that
the Council needed to take:"), and from paragraphs marked "(Recommendation)" when the document
has no list of its own (a report with a list marks the findings behind each recommendation that
way, and those stay findings).
"""

from __future__ import annotations

import collections
import functools
import re
from collections.abc import Iterator
from typing import NamedTuple

import attrs

from events import Area, RecommendationMade
from timeline.reading.areas import area_for_heading, area_pattern
from timeline.reading.context import DocumentContext
from timeline.reading.layout import Block, clean, folds_only
from timeline.reading.literals import literal_test_holds
from timeline.reading.themes import themes_in

__all__ = [
    "ListItem",
    "improvement_items",
    "is_recommendation_heading",
    "read_recommendations",
    "recommendation_blocks",
]

_HEADING = re.compile(
    r"\b(?:recommendations?|what\s+needs\s+to\s+improve|areas?\s+(?:for|of)\s+(?:improvement|"
    r"development)|actions?\s+(?:required|needed|plan)|next\s+steps)\b",
    re.IGNORECASE,
)
# A line that is nothing but the title of a list of what must improve. A contents page's line
# ends in its page number, and so is not one.
_LIST_TITLE = re.compile(
    r"""(?:
        what\s+(?:does|do)\s+(?:the\s+)?[\w'’\s]{1,60}?\s+needs?\s+to\s+improve
      | what\s+needs\s+to\s+improve(?:\s+in\s+[\w'’\s]{1,60})?
      | recommendations?
      | areas?\s+(?:for|of)\s+(?:improvement|development)
      | priority\s+(?:and\s+immediate\s+)?actions?
    )\s*[?:.]?""",
    re.IGNORECASE | re.VERBOSE,
)
_INTRO = re.compile(
    r"\b(?:actions?|recommendations?|areas?\s+for\s+(?:improvement|development)|"
    r"needs?\s+to\s+improve|should\s+(?:improve|ensure))\b[^:]*:\s*$",
    re.IGNORECASE,
)
_MARKED = re.compile(r"\(\s*Recommendation\s*\)", re.IGNORECASE)
_LIST_NUMBER = re.compile(r"\s*(?:[-*•·]\s+)?(?:\(?[0-9ivx]{1,5}[.)]\s+)?")

# An item's marker: a bullet (symbol-font bullets are private-use characters), a list number
# ("12.", "(3)", "2)") or a roman numeral ("(iv)"), or a bullet and a number ("- 1.").
_MARKER = re.compile(
    r"""[ \t]*(?:
        (?P<bullet>[-*•·▪●◦◼■□►▶➢✓–−\ue000-\uf8ff])[ \t]+(?:\(?\d{1,3}[.)][ \t]+)?
      | \(?(?P<number>\d{1,3})[.)](?:[ \t]+|$)
      | \((?P<roman>[ivxlc]{1,6})\)[ \t]+
    )""",
    re.VERBOSE,
)
_PAGE_NUMBER = re.compile(r"\s*(?:\d{1,3}|page \d+(?: of \d+)?)\s*", re.IGNORECASE)
_RUNNING = 3  # a line printed this often (page numbers aside) is a running header or footer
# An item saying the list is empty ("The inspection did not find any areas for priority and
# immediate action."), printed as an item of its own.
_NOTHING = re.compile(
    r"^(?:the\s+inspection\s+(?:did\s+not\s+find\s+any|found\s+no)|there\s+(?:are|were)\s+no)"
    r"\s+(?:areas?\s+(?:of|for)\s+)?(?:priority|immediate|recommendations?|areas?\s+for)",
    re.IGNORECASE,
)
# An item that introduces the items after it rather than being one.
_LEAD_IN = re.compile(r"\bthe\s+following(?:\s+\w+){0,2}\s*[.:]$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_DANGLING = re.compile(
    r"\b(?:and|or|but|the|a|an|of|to|in|on|for|with|by|that|which|who|as|at|from|their|its)$",
    re.IGNORECASE,
)
_BOARD = re.compile(r"\bLSCB\b|safeguarding\s+children\s+board", re.IGNORECASE)
# Section titles that end a list even where group headings divide it ("The local authority's
# strengths", "Inspection judgement about the LSCB", "Summary for children and young people").
_SECTION = re.compile(
    r"\b(?:strengths?|weakness(?:es)?|judge?ments?|findings|summary|information\s+about|"
    r"inspection|experiences\s+and\s+progress|impact\s+of\s+leaders|overall\s+effectiveness)\b",
    re.IGNORECASE,
)


@attrs.frozen(kw_only=True)
class ListItem:
    """One item of a list of what must improve: its span (no marker) and its text."""

    start: int
    end: int
    text: str
    heading: str  # the list's title
    group: str = ""  # a group heading inside the list, if it has them
    area: Area | None = None  # the judgement area the list is about, if it names one


class _Line(NamedTuple):
    start: int
    end: int
    text: str  # clean: markup and runs of spaces folded, so it holds no line break


# A document has tens of thousands of lines: each is made as a tuple, with no Python-level
# constructor to call.
_new_line = tuple.__new__


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    append = out.append
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        end = pos + len(body)
        # Most lines hold no markup or footnote, which the document's marks tell without a
        # search of the line: only their spaces need folding.
        folded = " ".join(body.split()) if folds_only(text, pos, end) else clean(body)
        append(_new_line(_Line, (pos, end, folded)))
        pos += len(raw)
    return out


def _is_title(line: str) -> bool:
    """Whether a line is a list's title (capitalised, as titles are; not a sentence's end)."""
    return line[:1].isupper() and _LIST_TITLE.fullmatch(line) is not None


# Compiled once: these run for every line of every document.
_DIGITS = re.compile(r"\d+")
_CLOSING_PUNCTUATION = re.compile(r"[.,;:]$")
_GROUP_LABEL = re.compile(r"[\w\s'’-]+:")


def _running(joined: str) -> set[str]:
    """Lines printed on page after page (digits aside): running headers and footers.

    ``joined`` is the lines' texts joined by line breaks, which none of them holds: the digits
    of every line are replaced in one pass.
    """
    counts = collections.Counter(line for line in _DIGITS.sub("#", joined).split("\n") if line)
    return {
        line
        for line, n in counts.items()
        if n >= _RUNNING and len(line.split()) >= 3 and not _is_title(line)
    }


def _is_furniture(line: _Line, running: set[str], after_gap: bool) -> bool:
    """A blank line, page number or lone footnote digit, or, after a page's end (a blank line),
    a running header."""
    return (
        not line.text
        or bool(_PAGE_NUMBER.fullmatch(line.text))
        or (after_gap and _DIGITS.sub("#", line.text) in running)
    )


def _style(match: re.Match[str]) -> str:
    """What kind of marker opens an item: its bullet character, "number" or "roman"."""
    if match.group("bullet"):
        return match.group("bullet")
    return "number" if match.group("number") else "roman"


def _heading_like(line: str) -> bool:
    """A short title-cased line with no closing punctuation: a heading."""
    words = line.split()
    return (
        0 < len(words) <= 12
        and len(line) <= 90
        and line[0].isupper()
        and not _CLOSING_PUNCTUATION.search(line)
        and not _DANGLING.search(line)
        and _MARKER.match(line) is None
    )


def _group_label(line: str) -> bool:
    """A heading inside a list: "Care leavers", "Leadership and management", "Immediately:"."""
    return _heading_like(line) or (
        len(line.split()) <= 6 and line[0].isupper() and _GROUP_LABEL.fullmatch(line) is not None
    )


def _opens_section(line: str, following: _Line | None) -> bool:
    """Whether ``line`` (and the line after it, where a title wraps) is a section's title:
    one naming a judgement area, which follows an inspection report's list, or the like."""
    if _heading_like(line) and _SECTION.search(line):
        return True
    # The area's wording must fill the line: "The experiences and progress of children who
    # need help and" (a title wrapped), not "LSCB's ability to ..." (a sentence's next line).
    first = re.sub(r"^(?:The|\d+\.?)\s+", "", line)
    title = first if following is None else f"{first} {following.text}"
    match = area_pattern().match(title)
    return match is not None and match.end() >= len(first.rstrip(" :"))


def _area(titles: list[str]) -> Area | None:
    """The area a list or its group's title names, the board first ("What does the LSCB need
    to improve?")."""
    if any(_BOARD.search(title) for title in titles):
        return Area.LSCB
    for title in reversed(titles):
        area = area_for_heading(title)
        if area is not None:
            return area
    return None


def _item_text(text: str, parts: list[tuple[int, int]]) -> str:
    """An item's lines as one line of text; PDFium's mark for a broken hyphen made a hyphen."""
    joined = " ".join(text[a:b] for a, b in parts)
    return _MARKED.sub("", clean(joined.replace("\ufffe", "-"))).strip()


@attrs.define
class _Item:
    parts: list[tuple[int, int]]
    group: str


def _read_list(
    text: str, lines: list[_Line], i: int, running: set[str], board: bool
) -> tuple[list[ListItem], int]:
    """The items of the list whose title is ``lines[i]``, and the index of the line after it;
    ``board`` if the list is in the review of the safeguarding children board."""
    heading = lines[i].text
    items: list[_Item] = []
    style: str | None = None
    grouped = False
    group = ""
    gap = False  # blank lines, page numbers or running headers since the last line read
    previous = ""  # the last line read
    i += 1
    while i < len(lines):
        line = lines[i]
        if _is_furniture(line, running, gap):
            gap = True
            i += 1
            continue
        body = line.text
        marker = _MARKER.match(text, line.start, line.end)
        if _is_title(body) and not (items and marker is not None):
            break  # the next list's title
        following = _next_content(lines, i + 1, running)
        if (
            len(items) == 1
            and (_group_label(body) or (marker is not None and _style(marker) != style))
            and _LEAD_IN.search(_item_text(text, items[0].parts))
        ):
            # "1. ... the local authority should take the following action." leads the list
            # in: its items follow, under "Immediately:" and the like.
            items.pop()
            style = None
            grouped = True
        if marker is not None and (style is None or _style(marker) == style):
            style = _style(marker)
            start = marker.end()
            items.append(_Item([(start, line.end)] if start < line.end else [], group))
        elif (
            (not items or grouped)
            and _group_label(body)
            and not _SECTION.search(body)
            and following is not None
            and _MARKER.match(text, following.start, following.end) is not None
            and (not items or _SENTENCE_END.search(previous) or gap)
        ):
            grouped = True  # a group heading: "Care leavers", "Leadership and management"
            group = body
        elif not items:
            break  # no list follows the title
        elif marker is not None or body[:1].islower() or body[:1] in ",;)":
            items[-1].parts.append((line.start, line.end))  # a sub-item or the item's next line
        elif (
            gap
            or _opens_section(body, following)
            or (_SENTENCE_END.search(previous) and _heading_like(body))
        ):
            break
        else:
            items[-1].parts.append((line.start, line.end))
        previous = body
        gap = False
        i += 1
    out = []
    for item in items:
        if not item.parts:
            continue
        start, end = item.parts[0][0], item.parts[-1][1]
        body = _item_text(text, item.parts)
        if body and not _NOTHING.match(body):
            area = Area.LSCB if board else _area([heading, item.group])
            out.append(
                ListItem(
                    start=start, end=end, text=body, heading=heading, group=item.group, area=area
                )
            )
    return out, i


def _next_content(lines: list[_Line], i: int, running: set[str]) -> _Line | None:
    """The first line from ``lines[i]`` on that is not furniture."""
    gap = False
    while i < len(lines):
        if not _is_furniture(lines[i], running, gap):
            return lines[i]
        gap = True
        i += 1
    return None


# Every list title holds one of these words (whatever their case), and every line naming the
# board one of the last two: only the lines holding one need testing.
_KEY_WORDS = ("improve", "recommendation", "development", "action", "lscb", "board")


def _lines_holding(joined: str) -> set[int] | None:
    """The index of each line of ``joined`` (texts joined by line breaks) holding a key word;
    None if a letter's case twin could hide one from a lower-case search."""
    if not literal_test_holds(joined):
        return None
    lowered = joined.lower()  # keeps each line's letters on their line
    found = set()
    for word in _KEY_WORDS:
        line = 0
        counted = 0
        at = lowered.find(word)
        while at != -1:
            line += lowered.count("\n", counted, at)
            counted = at
            found.add(line)
            next_line = lowered.find("\n", at)
            if next_line == -1:
                break
            at = lowered.find(word, next_line)
    return found


@functools.lru_cache(maxsize=8)
def _improvement_items(text: str) -> tuple[ListItem, ...]:
    lines = _lines(text)
    joined = "\n".join([line.text for line in lines])
    holding = _lines_holding(joined)
    candidates = range(len(lines)) if holding is None else sorted(holding)
    running: set[str] | None = None  # only a document with a list needs them
    out: list[ListItem] = []
    # A single inspection's report ends with its review of the safeguarding children board,
    # under a title naming the board, after the authority's own lists (the front page grades
    # the board, and a contents page names it with a page number).
    board = False
    i = 0  # the lines before it are read
    for at in candidates:
        if at < i:
            continue
        body = lines[at].text
        if _is_title(body):
            if running is None:
                running = _running(joined)
            items, after = _read_list(text, lines, at, running, board or bool(_BOARD.search(body)))
            out.extend(items)
            i = max(after, at + 1)
            continue
        if out and _heading_like(body) and not body[-1].isdigit() and _BOARD.search(body):
            board = True
        i = at + 1
    return tuple(out)


def improvement_items(text: str) -> list[ListItem]:
    """Every item of the lists titled as what must improve, in order."""
    return list(_improvement_items(text))


def _introduces(text: str) -> bool:
    """Whether ``text`` introduces a list of actions or recommendations."""
    # Only text ending in a colon can; the search would otherwise scan every block in full.
    return text.rstrip().endswith(":") and _INTRO.search(text) is not None


def is_recommendation_heading(heading: str) -> bool:
    """Whether a section heading introduces recommendations or what needs to improve."""
    return bool(_HEADING.search(clean(heading)))


def recommendation_blocks(ctx: DocumentContext) -> list[Block]:
    """The blocks that are recommendations or actions, in order (see ``improvement_items``
    for lists laid out line by line, as PDF text is)."""
    chosen = _listed_blocks(ctx)
    if not chosen:
        chosen = _marked_blocks(ctx)
    return chosen


def _marked_blocks(ctx: DocumentContext) -> list[Block]:
    """Paragraphs marked "(Recommendation)"."""
    return [b for b in ctx.blocks if b.kind != "heading" and _MARKED.search(b.text(ctx.text))]


def _listed_blocks(ctx: DocumentContext) -> list[Block]:
    """Bullets under a recommendations heading or an introduction, and numbered paragraphs
    under such a heading."""
    chosen: list[Block] = []
    introduced = False
    for block in ctx.blocks:
        if block.kind == "heading":
            introduced = _introduces(block.text(ctx.text))
            continue
        text = block.text(ctx.text)
        if block.kind == "bullet" and (introduced or is_recommendation_heading(block.heading)):
            chosen.append(block)
            continue
        if (
            block.kind == "paragraph"
            and is_recommendation_heading(block.heading)
            and block.number is not None
        ):
            # Some reports number recommendations as plain paragraphs.
            chosen.append(block)
            continue
        introduced = _introduces(text)
    return chosen


def _from_blocks(ctx: DocumentContext) -> Iterator[ListItem]:
    """The recommendations read from blocks: lists introduced by a sentence or under a heading
    the layout found, or else paragraphs marked "(Recommendation)"."""
    for block in recommendation_blocks(ctx):
        marker = _LIST_NUMBER.match(ctx.text, block.start)
        start = marker.end() if marker is not None else block.start
        body = _item_text(ctx.text, [(start, block.end)])
        if body:
            heading = block.heading
            yield ListItem(
                start=start, end=block.end, text=body, heading=heading, area=_area([heading])
            )


def read_recommendations(ctx: DocumentContext) -> list[RecommendationMade]:
    """Every recommendation or action, quoted without its list marker."""
    # A document whose lists have titles is read by them alone: its blocks are PDF text's
    # paragraphs, whose bullets and numbers continue into the sections after the lists.
    items = improvement_items(ctx.text) or list(_from_blocks(ctx))
    events = []
    for item in items:
        source = ctx.source(item.start, item.end)
        if not source.quote.strip():
            continue
        events.append(
            RecommendationMade(
                subject=ctx.subject,
                valid=ctx.valid,
                known=ctx.published,
                source=source,
                text=item.text,
                themes=themes_in(item.text),
                area=item.area,
            )
        )
    return events
