"""Sections: the titles that open them (headings, or titles the layout ran into a paragraph),
the judgement area each is about, and whether it holds findings.

A report's findings are read section by section: "Summary of key findings", an area's title
with its grade ("The experiences and progress of children in care: good"), "The graded
judgement about ... is that"; recommendations, scope and contents sections hold none.
"""

from __future__ import annotations

import re

import attrs

from events import Area
from timeline.reading.areas import area_for_heading, match_area
from timeline.reading.cues import cue_pattern
from timeline.reading.layout import Block, clean_span
from timeline.reading.themes import normalise

__all__ = ["GRADE", "MARKER", "Section", "lower", "parts", "section_area"]

GRADE = r"(?:inadequate|outstanding|good|requires? improvement(?: to be good)?)"
# A "(Recommendation)" tag, or the title of a list of them.
MARKER = re.compile(r"^\(?(?:recommendations?|areas? for improvement|actions?)\)?\.?$", re.I)
# A grade table prints the area and its grade with nothing between ("Overall effectiveness
# Inadequate"); the title must then be the area's whole name, which area_for_heading checks.
_TITLE_GRADE = re.compile(rf"\s*(?:[:\u2013-]|\b(?:is|are)\b)?\s*\b{GRADE}\.?$")

_GRADED_AREA = re.compile(r"^the graded judgement (?:about|for|on) (?P<area>.+?) is that\b")
# Sections of recommendations, scope, contents or the area's statistics.
_SKIP_SECTION = cue_pattern(r"""
    recommendations?; what needs to improve; areas? for (?:improvement|development); actions?
    next steps; areas covered; scope of; contents; information about (?:this|the) local authority
    previous (?:ofsted )?inspections; local leadership; in this area
    ^information about this inspection; ^the inspection team; ^what the inspection judge?ments mean
""")
_TITLE_WORDS = 8  # the most words of a skipped section's title run into the paragraph after it
_TITLE_CHARS = 100  # the longest line a title run into a paragraph may be

# Headings that divide an area's section without leaving it.
# ("Grade 3 (Adequate)" in the looked-after children inspections before 2013.)
_WITHIN_AREA = re.compile(
    rf"^(?:{GRADE}|summary|(?:inspection |key |main )?findings"
    r"|grade \d \((?:outstanding|good|adequate|inadequate)\))$"
)
# Titles of sections that hold findings, which a skipped section before them ends.
_FINDINGS_TITLE = cue_pattern(r"""
    ^(?:executive )?summary(?: of (?:key )?findings| for children and young people)?$
    ^inspection judge?ments about (?:the|this) local authority$; ^inspection findings\b
    ^key strengths and weaknesses\b
""")


def lower(text: str, start: int, end: int) -> str:
    """``text[start:end]`` clean, quotes and dashes folded, in lower case."""
    return normalise(clean_span(text, start, end)).lower()


def section_area(text: str) -> Area | None:
    """The area a section title names: "Care leavers: good", "The graded judgement for ..."."""
    if (graded := _GRADED_AREA.match(text)) is not None:
        return match_area(graded.group("area"))
    # The grade must end the text: a test of its last word spares a search from every position.
    if text.rstrip(".\n").endswith(("inadequate", "outstanding", "good", "improvement")):
        text = _without_title_grade(text)
    return area_for_heading(text)


_TITLE_GRADE_REACH = 80  # characters: more than a grade, its separator and single spaces take


def _without_title_grade(text: str) -> str:
    """``_TITLE_GRADE.sub("", text)``: the grade ending a title taken off.

    The pattern ends the text, so it matches once at most; where the text's end is spaced by
    single plain spaces, that match lies in its last characters, and only they are searched.
    """
    start = len(text) - _TITLE_GRADE_REACH
    if start <= 0 or "  " in text[start:] or not text[start:].isprintable():
        return _TITLE_GRADE.sub("", text)
    found = _TITLE_GRADE.search(text, start)
    return text if found is None else text[: found.start()] + text[found.end() :]


@attrs.define
class Section:
    """Where the reading is: the area of the section, and whether it or a list holds findings."""

    area: Area | None = None
    skipping: bool = False  # in a section that holds no findings
    in_list: bool = False  # in a list of recommendations, actions or scope items

    def enter(self, title: str) -> None:
        """Move under the heading ``title`` (lower case, clean)."""
        named = section_area(title)
        self.skipping = bool(_SKIP_SECTION.search(title))
        self.in_list = False
        if named is not None or not _WITHIN_AREA.match(title):
            self.area = named


def _is_title(line: str) -> bool:
    """Whether a line (lower case, clean) is a section title the reader knows."""
    if _WITHIN_AREA.match(line) or _FINDINGS_TITLE.search(line) or section_area(line):
        return True
    # Skipped sections' names also occur in wrapped sentences: only a short line is a title.
    return len(line.split()) <= _TITLE_WORDS and _SKIP_SECTION.search(line) is not None


def _title_at(text: str, start: int, end: int) -> tuple[str, int] | None:
    """The section title on the line starting at ``start`` (or on it and the next, where it
    wraps), lower case and clean, with where its last line ends; None if there is none. Lines
    end at line breaks and at ``end``.

    A title starts with a capital or a digit, is short, ends with no sentence punctuation and
    is followed by a line starting with no lower-case letter, or by nothing.
    """
    line_start = start
    for n in (1, 2):
        if line_start >= end:
            return None
        line_end = text.find("\n", line_start, end)
        line_end = end if line_end == -1 else line_end
        bare = text[line_start:line_end].strip()
        if not bare or len(bare) > _TITLE_CHARS or bare.endswith((".", ",", ";")):
            return None
        if bare.endswith(")") and MARKER.match(bare[bare.rfind("(") :]):
            return None  # "... for too long. (Recommendation)"
        if n == 1 and not (bare[0].isupper() or bare[0].isdigit()):
            return None
        line_start = line_end + 1
        if line_start < end:
            after_end = text.find("\n", line_start, end)
            after = text[line_start : end if after_end == -1 else after_end].lstrip()[:1]
        else:
            after = ""
        if not after.islower():
            line = lower(text, start, line_end)
            if _is_title(line):
                return line, line_end
    return None


# Where a line may hold a title: its first character is no space and no lower-case letter.
# Only these lines are read further (most lines of a paragraph start in lower case).
_TITLE_START = re.compile(r"^[^\S\n]*[^\sa-z]", re.MULTILINE)


def parts(text: str, block: Block) -> list[str | Block]:
    """A block cut at the section titles the layout ran into it, in order: the titles (lower
    case, clean) and the pieces of the block between them.

    "The experiences and progress of children who need help and protection:\ninadequate\n1.
    A significant ..." is a title and a paragraph; so is "Summary of key findings\nThis local
    authority ...".
    """
    parts: list[str | Block] = []
    start = block.start
    # The block's first line starts at the block, which need not follow a line break.
    line = block.start
    while line < block.end:
        found = _title_at(text, line, block.end)
        if found is not None:
            title, title_end = found
            if text[start:line].strip():
                parts.append(_piece(block, start, line))
            parts.append(title)
            start = title_end
            line = title_end + 1
        else:
            line_end = text.find("\n", line, block.end)
            if line_end == -1:
                break
            line = line_end + 1
        if line >= block.end:
            break
        candidate = _TITLE_START.search(text, line, block.end)
        if candidate is None:
            break
        line = candidate.start()
    if start == block.start:
        return [block]
    if text[start : block.end].strip():
        parts.append(_piece(block, start, block.end))
    return parts


def _piece(block: Block, start: int, end: int) -> Block:
    """Part of a block; only its first part carries the block's bullet or number."""
    if start == block.start:
        return attrs.evolve(block, end=end)
    return attrs.evolve(block, start=start, end=end, kind="paragraph", number=None)
