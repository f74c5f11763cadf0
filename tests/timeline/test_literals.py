"""The runs a pattern cannot match without: a prefilter that must never rule out a match."""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from timeline.reading.files import load_text
from timeline.reading.literals import literal_test_holds, required_runs
from timeline.reading.themes import normalise

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parents[1] / "seeds"
TEXTS = sorted([*SEEDS.glob("*.txt"), *SEEDS.glob("*.md"), *(HERE / "documents").glob("*.txt")])


def _vocabulary_patterns() -> list[re.Pattern[str]]:
    """Every hand-written pattern in the theme and metric vocabularies, as the reader compiles."""
    data = resources.files("timeline.data")
    themes = tomllib.loads(data.joinpath("themes.toml").read_text("utf-8"))
    metrics = tomllib.loads(data.joinpath("metrics.toml").read_text("utf-8"))
    sources = [p for entry in themes.values() for p in entry.get("patterns", [])]
    sources += [p for entry in metrics["metrics"].values() for p in entry["phrases"]]
    return [re.compile(p, re.IGNORECASE) for p in sources]


@pytest.mark.parametrize(
    ("pattern", "runs"),
    [
        (r"\bmissing episodes?\b", ("missing episode",)),
        (r"(?<!health )\bassess(?:ment|ed)\b", ("assess",)),
        (r"\bwork with around \d+ (?:children|families)\b", ("work with around ", " ")),
        (r"\b16\W{0,3}(?:and|or)?\W{0,3}17\b[^.]{0,80}\bhomeless", ("homeless", "16", "17")),
        (r"e\.g\. a[bc]+d", ("e.g. a", "d")),
        (r"Care Leavers?", ("care leaver",)),
        (r"x{2,3}yz", ("yz",)),
        (r"one|two", ()),
        (r"(?:one|two)", ()),
    ],
)
def test_required_runs_read_the_top_level(pattern: str, runs: tuple[str, ...]) -> None:
    """Groups, classes, escapes and quantified characters end a run; alternation gives none."""
    assert required_runs(re.compile(pattern)) == runs


def test_verbose_patterns_give_no_runs() -> None:
    """Whitespace means nothing in a verbose pattern, so its letters cannot be read as a run."""
    assert required_runs(re.compile(r"care leavers", re.VERBOSE)) == ()


def test_case_twins_make_the_test_inexact() -> None:
    """A long s matches "s" ignoring case but lower-cases to itself: the test must not be used."""
    pattern = re.compile(r"missing", re.IGNORECASE)
    text = "mi\u017f\u017fing"
    assert pattern.search(text)
    assert not literal_test_holds(text)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_vocabulary_patterns_never_match_without_their_runs(path: Path) -> None:
    """On every line of the seeds and invented documents, a match implies the runs."""
    patterns = [(p, required_runs(p)) for p in _vocabulary_patterns()]
    assert sum(1 for _, runs in patterns if runs) > len(patterns) // 2
    for line in normalise(load_text(path)).splitlines():
        assert literal_test_holds(line)
        lowered = line.lower()
        for pattern, runs in patterns:
            if pattern.search(line):
                assert all(run in lowered for run in runs), (pattern.pattern, line)


_FRAGMENTS = st.sampled_from(
    [
        "care",
        " ",
        "leaver",
        "s?",
        r"\b",
        r"\W?",
        r"\d+",
        "(?:and|or)",
        "[a-c]",
        "(?<!x )",
        "(?!y)",
        r"\.",
        "-",
        "{1,2}",
        "'",
        "plans?",
        "[^.]{0,5}",
        "é",
    ]
)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data(), parts=st.lists(_FRAGMENTS, min_size=1, max_size=8), ignore=st.booleans())
def test_every_generated_match_contains_the_runs(
    data: st.DataObject, parts: list[str], ignore: bool
) -> None:
    """Text that matches a pattern contains its runs (lower-cased), whatever surrounds it."""
    try:
        pattern = re.compile("".join(parts), re.IGNORECASE if ignore else 0)
    except re.error:
        assume(False)
        raise
    text = data.draw(st.from_regex(pattern))
    assume(literal_test_holds(text))
    assert all(run in text.lower() for run in required_runs(pattern))
