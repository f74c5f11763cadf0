"""Fast forms in the figures reader find what their plain forms find."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.reading import grades, numbers

# The specification: ``_NUMBER`` without its leading lookahead of possible first characters.
_PLAIN_NUMBER = re.compile(numbers._NUMBER.pattern.removeprefix(r"(?=[\dotfsen])"), re.I)

_PIECES = [
    *numbers._WORDS,
    *(w.upper() for w in numbers._WORDS),
    *(w.capitalize() for w in numbers._WORDS),
    "forty-two",
    "Twenty one",
    "12",
    "0.5",
    "1,870",
    "2017",
    "33%",
    "7 per cent",
    "12 per 10,000 children",
    "4 per 1000",
    "section 47",
    "aged 16",
    "£5",
    "ſix",
    "K",
    " ",
    "  ",
    "\t",
    "\n",
    ".",
    ",",
    "-",
    "(",
    ")",
    ":",
    "'",
    "\u2019",
    "\u2013",
    "of",
    "the",
    "children",
    "rate",
    "x",
    "İ",
]


def _spans(
    pattern: re.Pattern[str], text: str
) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


def test_the_fast_number_pattern_is_the_plain_one_with_a_lookahead() -> None:
    assert numbers._NUMBER.pattern == r"(?=[\dotfsen])" + _PLAIN_NUMBER.pattern
    assert numbers._NUMBER.flags == _PLAIN_NUMBER.flags


def test_every_number_word_starts_with_a_letter_of_the_lookahead() -> None:
    assert {w[0] for w in numbers._WORDS} <= set("otfsen")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), max_size=30))
def test_numbers_found_fast_are_those_found_plainly(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _spans(numbers._NUMBER, text) == _spans(_PLAIN_NUMBER, text)


_PLAIN_GRADE = re.compile(grades.GRADE_WORDS, re.I)
_GRADE_PIECES = [
    "requires improvement to be good",
    "Requires  improvement",
    "require improvement to be",
    "OUTSTANDING",
    "good",
    "Good",
    "inadequate",
    "İnadequate",
    "ınadequate",
    "goods",
    "regood",
    " ",
    "\n",
    ".",
    "-",
    "to",
    "be",
    "x",
    "ſ",
    "K",
]


def test_the_fast_grade_pattern_is_the_plain_one_with_a_lookahead() -> None:
    assert grades.GRADE_PATTERN.pattern == r"(?=[rogi])" + grades.GRADE_WORDS
    assert grades.GRADE_PATTERN.flags == _PLAIN_GRADE.flags


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_GRADE_PIECES) | st.text(max_size=3), max_size=20))
def test_grades_found_fast_are_those_found_plainly(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _spans(grades.GRADE_PATTERN, text) == _spans(_PLAIN_GRADE, text)
