"""Judgement-area wordings across frameworks, from ``timeline/data/areas.toml``."""

from __future__ import annotations

import functools
import re
import tomllib
from importlib import resources

from events import Area

__all__ = ["area_for_heading", "area_label", "match_area", "normalise_phrase"]


def normalise_phrase(text: str) -> str:
    """Lower case, curly quotes straightened, punctuation and footnote digits dropped."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"[^a-z' ]+", " ", text)
    return " ".join(text.split())


@functools.cache
def _wordings() -> tuple[tuple[str, Area], ...]:
    data = tomllib.loads(resources.files("timeline.data").joinpath("areas.toml").read_text("utf-8"))
    pairs = [
        (normalise_phrase(wording), Area(key))
        for key, entry in data.items()
        for wording in entry["wordings"]
    ]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@functools.cache
def _labels() -> dict[Area, str]:
    data = tomllib.loads(resources.files("timeline.data").joinpath("areas.toml").read_text("utf-8"))
    return {Area(key): entry["label"] for key, entry in data.items()}


def area_label(area: Area) -> str:
    """The area's display name."""
    return _labels()[area]


def match_area(text: str, *, whole: bool = False) -> Area | None:
    """The area a phrase names ("2. Children looked after and achieving permanence").

    With ``whole``, the phrase must be nothing but the area's wording (after dropping list
    numbers, "the", "experiences and progress of"); otherwise the longest wording it contains.
    """
    phrase = normalise_phrase(text)
    phrase = re.sub(r"^(the )?", "", phrase)
    for wording, area in _wordings():
        if whole:
            if phrase == wording or phrase == re.sub(r"^the ", "", wording):
                return area
        elif re.search(rf"\b{re.escape(wording)}\b", phrase):
            return area
    return None


def area_for_heading(heading: str) -> Area | None:
    """The area a section heading is about, if it names one and nothing else."""
    return match_area(heading, whole=True)
