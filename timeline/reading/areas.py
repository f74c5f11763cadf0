"""Judgement-area wordings across frameworks, from ``timeline/data/areas.toml``."""

from __future__ import annotations

import functools
import re
import tomllib
from importlib import resources
from typing import Any

from events import Area
from timeline.reading.literals import literal_test_holds

__all__ = [
    "area_for_heading",
    "area_label",
    "area_of_wording",
    "area_pattern",
    "find_areas",
    "match_area",
    "normalise_phrase",
]


_NOT_WORDS = re.compile(r"[^a-z' ]+")


def normalise_phrase(text: str) -> str:
    """Lower case, curly quotes straightened, punctuation and footnote digits dropped."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = _NOT_WORDS.sub(" ", text)
    return " ".join(text.split())


@functools.cache
def _data() -> dict[str, Any]:
    """``areas.toml``, read once."""
    text = resources.files("timeline.data").joinpath("areas.toml").read_text("utf-8")
    return tomllib.loads(text)


@functools.cache
def _wordings() -> tuple[tuple[str, Area], ...]:
    """Every (normalised wording, area), longest wording first."""
    pairs = [
        (normalise_phrase(wording), Area(key))
        for key, entry in _data().items()
        for wording in entry["wordings"]
    ]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@functools.cache
def _labels() -> dict[Area, str]:
    return {Area(key): entry["label"] for key, entry in _data().items()}


@functools.cache
def area_pattern() -> re.Pattern[str]:
    """One regex for every area wording, longest first, tolerant of line breaks and commas."""
    parts = []
    for wording, _ in _wordings():
        words = [re.escape(w).replace("'", "['’]?") for w in wording.split()]
        parts.append(r"[\s,\-]+".join(words))
    return re.compile(rf"(?<![A-Za-z])(?:{'|'.join(parts)})(?![A-Za-z])", re.IGNORECASE)


@functools.cache
def _lower_case_pattern() -> re.Pattern[str] | None:
    """``area_pattern()`` for lower-cased text, matching case-sensitively: three times as fast.

    None if a wording had a letter outside ASCII, whose case folding lower-casing may not follow.
    """
    source = area_pattern().pattern
    if not source.replace("’", "").isascii():
        return None
    # The wordings grouped by their first letter: where a word starts, the engine tries the
    # few that start with its letter, not all of them. Wordings starting with different letters
    # never match at one place, and within a group they keep their order (longest first).
    groups: dict[str, list[str]] = {}
    for wording, _ in _wordings():
        words = [re.escape(w).replace("'", "['’]?") for w in wording.split()]
        groups.setdefault(wording[0], []).append(r"[\s,\-]+".join(words)[1:])
    if not all(letter.isalpha() for letter in groups):
        return re.compile(source)
    branches = "|".join(f"{letter}(?:{'|'.join(rest)})" for letter, rest in groups.items())
    return re.compile(f"(?<![A-Za-z])(?:{branches})(?![A-Za-z])")


# Table rows are looked for line by line in one document: lower-case it once.
@functools.lru_cache(maxsize=8)
def _lowered(text: str) -> str | None:
    return text.lower() if literal_test_holds(text) else None


def lowered_document(text: str) -> str | None:
    """``text`` lower-cased, of the same length, in which a lower-case word is found wherever a
    pattern ignoring case finds it in ``text``; None if a letter's case twin forbids that."""
    return _lowered(text)


def find_areas(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The spans of the area wordings ``area_pattern()`` finds in ``text[start:end]``."""
    stop = len(text) if end is None else end
    pattern = _lower_case_pattern()
    lowered = _lowered(text) if pattern is not None else None
    if pattern is None or lowered is None:
        return [m.span() for m in area_pattern().finditer(text, start, stop)]
    # Same length and the same letters ignoring case (literal_test_holds): the same spans.
    return [m.span() for m in pattern.finditer(lowered, start, stop)]


@functools.cache
def _by_wording() -> dict[str, Area]:
    return dict(_wordings())


def area_of_wording(wording: str) -> Area | None:
    """The area a wording (as ``area_pattern`` matched it) names."""
    return _by_wording().get(normalise_phrase(wording))


def area_label(area: Area) -> str:
    """The area's display name."""
    return _labels()[area]


@functools.cache
def _whole_wordings() -> dict[str, Area]:
    """Each wording, and each without a leading "the", to the area of the longest that has it."""
    found: dict[str, Area] = {}
    for wording, area in _wordings():
        found.setdefault(wording, area)
        found.setdefault(re.sub(r"^the ", "", wording), area)
    return found


@functools.cache
def _contained_wordings() -> tuple[tuple[str, re.Pattern[str], Area], ...]:
    """Each wording as a whole-word pattern, longest first, with the plain text it must contain."""
    return tuple((w, re.compile(rf"\b{re.escape(w)}\b"), area) for w, area in _wordings())


@functools.cache
def _too_many_letters() -> re.Pattern[str]:
    """Matches a lower-cased text with more letters than a whole wording and a "the " have."""
    longest = max(map(len, _whole_wordings()))
    return re.compile(f"(?:[^a-z'’‘]*[a-z'’‘]){{{longest + len('the ') + 1}}}")


def match_area(text: str, *, whole: bool = False) -> Area | None:
    """The area a phrase names ("2. Children looked after and achieving permanence").

    With ``whole``, the phrase must be nothing but the area's wording (after dropping list
    numbers, "the", "experiences and progress of"); otherwise the longest wording it contains.
    """
    # Paragraphs are tested for being a wording: counting letters up to a wording's length
    # spares normalising the rest (every letter counted is in the phrase).
    if whole and _too_many_letters().match(text.lower()):
        return None
    phrase = normalise_phrase(text)
    phrase = re.sub(r"^(the )?", "", phrase)
    if whole:
        return _whole_wordings().get(phrase)
    for wording, pattern, area in _contained_wordings():
        if wording in phrase and pattern.search(phrase):
            return area
    return None


def area_for_heading(heading: str) -> Area | None:
    """The area a section heading is about, if it names one and nothing else."""
    return match_area(heading, whole=True)
