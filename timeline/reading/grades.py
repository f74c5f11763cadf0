"""Grade wordings ("requires improvement to be good", "Inadequate") found in text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from events import Grade

__all__ = ["GRADE_PATTERN", "GRADE_WORDS", "find_grades", "parse_grade"]

# Longest wordings first so "requires improvement to be good" is not read as "good".
GRADE_WORDS = r"\b(?:requires?\s+improvement(?:\s+to\s+be\s+good)?|outstanding|good|inadequate)\b"
# The lookahead names the letters a wording starts with, so a search skips other positions
# before trying the alternation (1.2x faster on the corpus; same matches, as the tests show).
GRADE_PATTERN = re.compile(r"(?=[rogi])" + GRADE_WORDS, re.IGNORECASE)


# Each grade's wording alone, matched as GRADE_PATTERN matches it: ignoring case, a dotless
# "ı" or a long "ſ" stands for "i" or "s", so lower-casing the wording cannot name the grade.
_EACH_GRADE = (
    (
        re.compile(r"requires?\s+improvement(?:\s+to\s+be\s+good)?", re.I),
        Grade.REQUIRES_IMPROVEMENT,
    ),
    (re.compile(r"outstanding", re.I), Grade.OUTSTANDING),
    (re.compile(r"good", re.I), Grade.GOOD),
    (re.compile(r"inadequate", re.I), Grade.INADEQUATE),
)


def parse_grade(wording: str) -> Grade:
    """The grade a wording ``GRADE_PATTERN`` found names; ``ValueError`` if it names none."""
    text = wording.strip()
    for pattern, grade in _EACH_GRADE:
        if pattern.fullmatch(text):
            return grade
    raise ValueError(f"not a grade: {wording!r}")


def find_grades(text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    """Every grade wording in ``text[start:end]``."""
    return GRADE_PATTERN.finditer(text, start, len(text) if end is None else end)
