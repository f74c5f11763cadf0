"""What a pattern cannot match without: a prefilter that must never rule out a match."""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from timeline.reading.files import load_text
from timeline.reading.literals import Needs, Prefiltered, literal_test_holds, needs_of
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
    sources += [
        rf"(?<!\w)(?:{p})(?!\w)" for entry in metrics["metrics"].values() for p in entry["phrases"]
    ]
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
        (r"x{2,3}yz", ("yz", "x")),
        (r"a\x41b\N{EM DASH}c\012d", ("a", "b", "c", "d")),
        (r"(?P<name>ab)(?i:cd)(?#note)", ()),
    ],
)
def test_needs_read_runs_at_the_top_level(pattern: str, runs: tuple[str, ...]) -> None:
    """Groups, classes, escapes and optional characters end a run; comments give up."""
    assert needs_of(re.compile(pattern)).runs == runs


def test_needs_read_alternations_and_groups() -> None:
    """An alternation needs one of its branches; a branch needing nothing makes it need nothing."""
    grades = needs_of(re.compile(r"\b(?:good|requires? improvement)\b judgement"))
    assert grades.runs == (" judgement",)
    assert grades.choices == (("good", Needs((" improvement", "require"))),)
    assert grades.met_by("a good judgement")
    assert not grades.met_by("an outstanding judgement")
    assert not needs_of(re.compile(r"one|two|"))
    assert not needs_of(re.compile(r"(?:one|two)?|four"))
    assert needs_of(re.compile(r"(?:one|two)+")).met_by("twofold")


def test_verbose_patterns_need_nothing() -> None:
    """Whitespace means nothing in a verbose pattern, so its letters cannot be read as a run."""
    assert not needs_of(re.compile(r"care leavers", re.VERBOSE))
    assert not needs_of(re.compile(r"a(?x:b c)"))


def test_case_twins_make_the_test_inexact() -> None:
    """A long s matches "s" ignoring case but lower-cases to itself: the test must not be used."""
    pattern = re.compile(r"missing", re.IGNORECASE)
    text = "mi\u017f\u017fing"
    assert pattern.search(text)
    assert not literal_test_holds(text)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_vocabulary_patterns_never_match_without_their_needs(path: Path) -> None:
    """On every line of the seeds and invented documents, a match has what it needs."""
    patterns = [(p, needs_of(p)) for p in _vocabulary_patterns()]
    assert sum(1 for _, needs in patterns if needs) > len(patterns) // 2
    for line in normalise(load_text(path)).splitlines():
        assert literal_test_holds(line)
        lowered = line.lower()
        for pattern, needs in patterns:
            if pattern.search(line):
                assert needs.met_by(lowered), (pattern.pattern, line)
                assert not needs.keys or any(key in lowered for key in needs.keys)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_prefiltered_patterns_find_what_the_pattern_finds(path: Path) -> None:
    """Search, finditer and sub through the prefilter give what the bare pattern gives."""
    patterns = [(p, Prefiltered.of(p)) for p in _vocabulary_patterns()]
    for line in normalise(load_text(path)).splitlines():
        for bare, filtered in patterns:
            found = bare.search(line)
            assert (m.span() if (m := filtered.search(line)) else None) == (
                found.span() if found else None
            )
            assert [m.span() for m in filtered.finditer(line)] == [
                m.span() for m in bare.finditer(line)
            ]
            assert filtered.sub("#", line) == bare.sub("#", line)


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
        "|",
        "(?:good|requires? improvement)",
        "(?:one|two)?",
        "(?:a|b)+",
        "(?P<g>ab)",
        "(?i:Ab)",
        r"\x41",
        "+",
        "*",
        "(",
        ")",
    ]
)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data(), parts=st.lists(_FRAGMENTS, min_size=1, max_size=8), ignore=st.booleans())
def test_every_generated_match_has_its_needs(
    data: st.DataObject, parts: list[str], ignore: bool
) -> None:
    """Text that matches a pattern has what it needs (lower-cased), whatever surrounds it."""
    try:
        pattern = re.compile("".join(parts), re.IGNORECASE if ignore else 0)
    except re.error:
        assume(False)
        raise
    text = data.draw(st.from_regex(pattern))
    assume(literal_test_holds(text))
    needs = needs_of(pattern)
    assert needs.met_by(text.lower())
    assert not needs.keys or any(key in text.lower() for key in needs.keys)
