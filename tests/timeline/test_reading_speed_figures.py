"""Fast forms in the figures reader find what their plain forms find."""

from __future__ import annotations

import calendar
import functools
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.reading import dates, grades, numbers
from timeline.reading.layout import blocks, sentences

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


SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@functools.cache
def _seed_sentences() -> tuple[tuple[str, tuple[tuple[int, int], ...]], ...]:
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text("utf-8")
        spans = tuple((s.start, s.end) for b in blocks(text) for s in sentences(text, b))
        out.append((text, spans))
    return tuple(out)


# -- dates: each form opens with a lookahead of its first characters --------------------------

_PLAIN_DATES = [(form, re.compile(pattern, flags)) for form, pattern, flags in dates._FORMS]
_MONTHS = [m for m in calendar.month_name if m] + [m for m in calendar.month_abbr if m]
_MONTH = st.sampled_from([*_MONTHS, "Sept", "Sept.", "Dec."]) | st.sampled_from(_MONTHS).map(
    str.lower
)
_WEEKDAY = st.sampled_from(list(calendar.day_name)) | st.sampled_from(list(calendar.day_name)).map(
    str.lower
)
_DAY = st.sampled_from(["1", "01", "3", "09", "12", "29", "30", "31st", "2nd", "23rd", "4th"])
_YEAR = st.sampled_from(["2017", "1989", "1950", "1949", "2016", "2099", "17"])
_SEP = st.sampled_from([" ", ", ", ",", "  ", "\n", "-", "/", ".", ""])
_TO = st.sampled_from([" to ", " and ", " until ", " till ", "\u2013", " \u2014 ", "-"])
_WORDS_AROUND = st.sampled_from(
    [
        "between ",
        "the end of ",
        "The End Of ",
        "END OF ",
        "end of ",
        "Spring",
        "summer",
        "AUTUMN",
        "Fall",
        "winter",
        "ſpring",
        "\u212a",
        "Act ",
        "Act of ",
        "in ",
        "£",
    ]
)
# Each piece is a part of a date, or one of every form in full (with any separators).
_DATE_PIECE = st.one_of(
    _MONTH,
    _WEEKDAY,
    _DAY,
    _YEAR,
    _SEP,
    _TO,
    _WORDS_AROUND,
    st.text(max_size=2),
    st.tuples(_WEEKDAY, _SEP, _DAY, _SEP, _MONTH, _SEP, _YEAR).map("".join),
    st.tuples(_DAY, _SEP, _MONTH, _SEP, _YEAR, _TO, _DAY, _SEP, _MONTH, _SEP, _YEAR).map("".join),
    st.tuples(_DAY, _TO, _DAY, _SEP, _MONTH, _SEP, _YEAR).map("".join),
    st.tuples(_MONTH, _SEP, _YEAR, _TO, _MONTH, _SEP, _YEAR).map("".join),
    st.tuples(_MONTH, _SEP, _DAY, _SEP, _YEAR).map("".join),
    st.tuples(_WORDS_AROUND, _MONTH, _SEP, _YEAR).map("".join),
    st.tuples(_DAY, _SEP, _DAY, _SEP, _YEAR).map("".join),
    st.tuples(_YEAR, _SEP, _DAY, _SEP, _DAY).map("".join),
)
_DATE_TEXT = st.lists(_DATE_PIECE, max_size=8).map("".join)


def test_the_fast_date_forms_are_the_plain_ones_with_a_lookahead() -> None:
    for (form, fast), (plain_form, plain) in zip(dates._PATTERNS, _PLAIN_DATES, strict=True):
        assert form == plain_form
        assert fast.flags == plain.flags
        assert re.fullmatch(r"\(\?=\[[^]]*\]\)", fast.pattern.removesuffix(plain.pattern))


@given(_DATE_TEXT)
def test_dates_found_fast_are_those_found_plainly(text: str) -> None:
    for (form, fast), (_, plain) in zip(dates._PATTERNS, _PLAIN_DATES, strict=True):
        assert _spans(fast, text) == _spans(plain, text), form


def test_dates_found_fast_are_those_found_plainly_in_real_sentences() -> None:
    found = 0
    for text, spans in _seed_sentences():
        for start, end in spans:
            for (form, fast), (_, plain) in zip(dates._PATTERNS, _PLAIN_DATES, strict=True):
                fast_spans = [m.span() for m in fast.finditer(text, start, end)]
                assert fast_spans == [m.span() for m in plain.finditer(text, start, end)], form
                found += len(fast_spans)
    assert found > 100


def _date_examples() -> list[str]:
    """Every form written with each way it can start: every day, month, weekday, year, season
    and "the end of", in the cases the form reads."""
    days = [str(d) for d in range(1, 32)] + ["01", "09", "1st", "2nd", "3rd", "4th", "31st"]
    months = [*_MONTHS, "Sept", *(f"{m}." for m in calendar.month_abbr if m)]
    weekdays = ["", *(f"{w} " for w in calendar.day_name), *(f"{w}, " for w in calendar.day_name)]
    years = [str(y) for y in range(1950, 2100)]
    seasons = [
        variant
        for season in ("spring", "summer", "autumn", "fall", "winter")
        for variant in (season, season.upper(), season.capitalize(), season.replace("s", "ſ"))
    ]
    ends = ["the end of", "The end of", "THE END OF", "end of", "End of", "tHe  end\nof"]
    return [
        *(f"{d} March 2017 to 4 April 2017" for d in days),
        *(f"{d} March to 4 April 2017" for d in days),
        *(f"{d} to 4 April 2017" for d in days),
        *(f"{d}/03/2017" for d in days),
        *(f"{m} 2017 to April 2018" for m in months),
        *(f"{m} to April 2018" for m in months),
        *(f"{m} 3, 2017" for m in months),
        *(f"{m} 2017" for m in months),
        *(f"{w}{d} March 2017" for w in weekdays for d in ("3", "21st")),
        *(f"{w}{d} March" for w in weekdays for d in ("3", "21st")),
        *(f"{e} {m} 2017" for e in ends for m in ("March", "Sept.")),
        *(f"{s} 2017" for s in seasons),
        *(f"in {y}" for y in years),
        *(f"{y}-03-04" for y in years),
    ]


def test_dates_found_fast_are_those_found_plainly_in_every_form() -> None:
    for example in _date_examples():
        for text in (example, f"x {example}.", f"({example})"):
            for (form, fast), (_, plain) in zip(dates._PATTERNS, _PLAIN_DATES, strict=True):
                assert _spans(fast, text) == _spans(plain, text), (form, text)


# -- numbers: the patterns searched for before every number ----------------------------------

_JUNK = [numbers._JUNK_BEFORE, numbers._WORD_JUNK_BEFORE, numbers._THRESHOLD]
# The specification: each pattern without its leading lookahead of possible first characters.
_PLAIN_JUNK = [re.compile(re.sub(r"^\(\?=\[[^]]*\]\)", "", p.pattern), p.flags) for p in _JUNK]
_JUNK_WORDS = [
    "sections",
    "s.",
    "paragraphs",
    "paras",
    "pages",
    "chapters",
    "regulations",
    "articles",
    "schedules",
    "standards",
    "steps",
    "stages",
    "tiers",
    "phases",
    "no.",
    "act",
    "parts",
    "annex",
    "appendix",
    "table",
    "items",
    "rules",
    "versions",
    "recommendations",
    "key stage",
    "aged",
    "ages",
    "age of",
    "all but",
    "under",
    "over",
    "between",
    "from",
    "the",
    "any",
    "no",
    "this",
    "that",
    "each",
    "every",
    "above",
    "below",
    "more than",
    "fewer than",
    "less than",
]
_JUNK_VARIANTS = [
    *_JUNK_WORDS,
    *(w.upper() for w in _JUNK_WORDS),
    *(w.capitalize() for w in _JUNK_WORDS),
]
_JUNK_PIECES = st.sampled_from(_JUNK_VARIANTS)
_BEFORE = st.lists(
    _JUNK_PIECES
    | st.sampled_from(
        [
            "Section 47",
            "aged 16 to ",
            "ages 4 and ",
            "ſtages",
            "Key ſtage",
            "\u212aey stage",
            "İtems",
            "£",
            "$ ",
            "€",
            "7 ",
            " ",
            "  ",
            "\n",
            "-",
            "(",
            ":",
        ]
    )
    | st.text(max_size=3),
    max_size=8,
).map("".join)
# Most matches end the text: a junk word, then spaces, a sign or another number.
_ENDING = st.sampled_from(["", " ", "  ", "\n", ". ", ": ", " 4 and ", "-", " (", " £"])


def test_the_fast_junk_patterns_are_the_plain_ones_with_a_lookahead() -> None:
    for fast, plain in zip(_JUNK, _PLAIN_JUNK, strict=True):
        assert fast.pattern.endswith(plain.pattern)
        assert re.fullmatch(r"\(\?=\[[^]]*\]\)", fast.pattern.removesuffix(plain.pattern))


@given(_BEFORE, _ENDING)
def test_junk_found_fast_is_junk_found_plainly(start: str, ending: str) -> None:
    for word in ["", *_JUNK_VARIANTS]:  # every word, so that none is left untried
        before = f"{start}{word}{ending}"
        for fast, plain in zip(_JUNK, _PLAIN_JUNK, strict=True):
            found, expected = fast.search(before), plain.search(before)
            assert (found and found.span()) == (expected and expected.span()), before


def test_junk_found_fast_is_junk_found_plainly_before_real_numbers() -> None:
    tried = 0
    for text, spans in _seed_sentences():
        for start, end in spans:
            for m in numbers._NUMBER.finditer(text, start, end):
                before = text[max(start, m.start() - 30) : m.start()]
                for fast, plain in zip(_JUNK, _PLAIN_JUNK, strict=True):
                    assert bool(fast.search(before)) == bool(plain.search(before)), before
                tried += 1
    assert tried > 100
