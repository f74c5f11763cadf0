"""Judgement tables as PDF text gives them: an area's wording, then its grade.

Every graded framework prints its judgements as rows of an area and a grade, and every PDF
breaks those rows differently: the area wraps over two or three lines ("The experiences and
progress of / children in care and care leavers"), the grade sits on the same line, the next
line or wraps too ("Requires improvement / to be good"), footnote digits stand between them
("Board1", "protection.2"), rows are numbered ("2.1", a misnumbered "1."), a whole table can
arrive on one line, and a section heading repeats a row as "...: good". One rule covers them:
a row starts a line (after its numbering) or follows the row before it on the same line, its
area's wording is followed by nothing but layout and at most a linking "is" or "are", and its
grade ends the line or is followed by the next row. "Not judged" is a row without a grade.
"""

from __future__ import annotations

import re

import attrs

from events import Area, Grade
from timeline.reading.areas import area_of_wording, find_areas
from timeline.reading.grades import GRADE_WORDS, parse_grade

__all__ = ["TableRow", "table_rows"]

# What may stand before a row on its line: the table's "Judgement Grade" header (a flattened
# table keeps it on the first row's line), numbering, bullets, a "The" the wordings lack, and
# "The judgement for the" of a row written as a sentence.
_ROW_LEAD = re.compile(
    r"(?:judgements?\s+grades?\s+)?[ \t\d.()¹²³⁴⁵⁶⁷⁸⁹⁰•·▪◼*–-]*(?:the\s+)?"
    r"(?:judgement\s+(?:for|on|of|about)\s+(?:the\s+)?)?",
    re.IGNORECASE,
)
# Between an area and its grade: layout (footnote digits, colons, dashes, a table's tab) and
# at most "(LSCB) is", "are", "is that it is", "is judged to be".
_LINK = re.compile(
    r"[\s\d¹²³⁴⁵⁶⁷⁸⁹⁰*.:|–—-]*?"
    r"(?:\((?:the\s+)?lscb\)[\s\d¹²³⁴⁵⁶⁷⁸⁹⁰]*)?"
    r"(?:(?:is|are)\s+(?:(?:judged\s+to\s+be|that\s+it\s+is)\s+)?)?"
    rf"(?P<grade>{GRADE_WORDS}|not\s+judged\b)",
    re.IGNORECASE,
)
# After a grade: the line's end (past a full stop and footnote digits) or the next row.
_ROW_END = re.compile(r"[ \t.¹²³⁴⁵⁶⁷⁸⁹⁰\d*]*(?:\n|$)")
_NEXT_ROW_GAP = re.compile(r"[ \t]+(?:the\s+)?", re.IGNORECASE)


@attrs.frozen(kw_only=True)
class TableRow:
    """One row of a judgement table: ``text[start:end]`` is the area's wording to its grade."""

    start: int
    end: int
    wording: str
    area: Area
    grade: Grade | None  # None: the table says "Not judged"


def _row_can_start(text: str, start: int, after_row: int) -> bool:
    """Whether an area at ``start`` begins a row: only numbering before it on its line."""
    line_start = text.rfind("\n", 0, start) + 1
    lead_from = max(line_start, after_row)
    return _ROW_LEAD.fullmatch(text, lead_from, start) is not None


def table_rows(text: str, start: int = 0, end: int | None = None) -> list[TableRow]:
    """Every row of an area and its grade in ``text[start:end]``, in order."""
    stop = len(text) if end is None else end
    rows: list[TableRow] = []
    after_row = -1  # where the last row ended: the next may follow it on the same line
    for a_start, a_end in find_areas(text, start, stop):
        if a_start < after_row or not _row_can_start(text, a_start, after_row):
            continue
        area = area_of_wording(text[a_start:a_end])
        if area is None:
            continue
        link = _LINK.match(text, a_end, stop)
        if link is None:
            continue
        grade_end = link.end("grade")
        ends_line = _ROW_END.match(text, grade_end, stop) is not None
        if not (ends_line or _next_area_starts(text, grade_end, stop)):
            continue
        wording = link.group("grade")
        grade = None if wording.lower().startswith("not") else parse_grade(wording)
        rows.append(
            TableRow(
                start=a_start, end=grade_end, wording=text[a_start:a_end], area=area, grade=grade
            )
        )
        after_row = grade_end
    return rows


def _next_area_starts(text: str, position: int, stop: int) -> bool:
    """Whether the next row of a table flattened onto one line starts after ``position``."""
    found = find_areas(text, position, min(stop, position + 200))
    return bool(found) and _NEXT_ROW_GAP.fullmatch(text, position, found[0][0]) is not None
