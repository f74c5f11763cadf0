"""Area wordings found in text: the fast lower-case search finds what the pattern finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.reading.areas import area_pattern, find_areas
from timeline.reading.files import load_text

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parents[1] / "seeds"
TEXTS = sorted([*SEEDS.glob("*.txt"), *SEEDS.glob("*.md"), *(HERE / "documents").glob("*.txt")])


def _spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    stop = len(text) if end is None else end
    return [m.span() for m in area_pattern().finditer(text, start, stop)]


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_find_areas_matches_the_pattern(path: Path) -> None:
    """In whole documents, their lines and their upper-cased text, the spans are the pattern's."""
    text = load_text(path)
    assert find_areas(text) == _spans(text)
    assert find_areas(text)  # every document names some area
    shouted = text.upper()
    assert find_areas(shouted) == _spans(shouted)
    pos = 0
    for line in text.splitlines(keepends=True):
        assert find_areas(text, pos, pos + len(line)) == _spans(text, pos, pos + len(line))
        pos += len(line)


def test_case_twins_take_the_pattern() -> None:
    """Text with a long s (matching "s" ignoring case) is searched with the pattern itself."""
    text = "Adoption performance and care leaver\u017f"
    assert find_areas(text) == _spans(text)
