"""Cue alternations: dispatched on their first character, they match what the plain ones do."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.reading.cues import cue_pattern

# Alternatives in the forms the reader's cue lists use: lookbehinds before the first letter
# (negative or positive, also inside a leading group's branch), lookaheads after a word,
# leading groups (optional, lazy, with an empty branch), several sharing a first letter, some
# overlapping so that their order decides; and forms whose start is not read (escapes, anchors,
# classes).
ALTERNATIVES = [
    "effective(?:ly)?",
    "(?<!as )well(?! as)(?![- ]being)",
    "well-(?!being)[\\w-]+",
    "(?<!in )(?<!on )improving",
    "(?:clear|significant|some) improvements?",
    "(?:much |still )?more (?:work )?to do",
    "(?:much |still )??more",
    "(?:more )??more",
    "(?:no )?no",
    "(?:greater|better) (?:oversight|awareness||scrutiny)",
    "no longer",
    "no",
    "not",
    "too(?! (?:is|are)\\b)(?: \\w+)?",
    "less(?! evident)",
    "less evident",
    "(?:is|are) a concern",
    "concern(?:ing)?",
    "(?<!a )little",
    "l(?:ittle|ess) (?:impact|change)",
    "(?<=, )whil(?:e|st)",
    "(?<=that )while",
    "(?:could|(?<!the )needs? to) (?:\\w+ )?improve",
    "gaps?(?! analysis)",
]
UNREAD = ["\\w+n't", "^dear", "[a-c]ll", "\\bno", "[a-z]+ more"]
# Words of the alternatives, and phrases that put their lookbehinds and lookaheads to work.
WORDS = sorted(
    {w for a in ALTERNATIVES for w in re.findall(r"[a-z]+", a)}
    | {"a", "as", "in", "s", "ly", "as well", "in improving", "a little", "well as", "more more"}
    | {"the needs to", "that while", "gap analysis"}
)
SEPARATORS = [" ", " ", " ", "-", ", ", ". ", "'", ""]


def _plain(spec: str) -> re.Pattern[str]:
    """The alternation as written, without dispatch."""
    body = "|".join(a.strip() for a in spec.split(";"))
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])")


texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=14).map(
    lambda parts: "".join(w + s for w, s in parts)
)


@settings(max_examples=400)
@given(
    st.lists(st.sampled_from(ALTERNATIVES + UNREAD), min_size=1, unique=True),
    st.lists(texts, min_size=1, max_size=5),
)
def test_dispatched_cues_match_as_the_plain_alternation(
    alternatives: list[str], samples: list[str]
) -> None:
    """The same matches, in the same places, whichever alternatives and order, with
    alternatives whose first character is not read anywhere among them."""
    spec = "; ".join(alternatives)
    dispatched, plain = cue_pattern(spec), _plain(spec)
    for text in samples:
        got = [(m.span(), m.group()) for m in dispatched.finditer(text)]
        assert got == [(m.span(), m.group()) for m in plain.finditer(text)]


def test_unread_forms_stay_in_their_place() -> None:
    """Escapes, anchors and classes at the start leave an alternative as written, tried after
    those before it and before those after it."""
    for alternative in UNREAD:
        assert cue_pattern(f"good; {alternative}; great").pattern == (
            rf"(?<![\w-])(?:g(?:ood)|{alternative}|g(?:reat))(?![\w-])"
        )


def test_alternatives_are_grouped_by_first_character() -> None:
    """Alternatives sharing a first character share one branch, in their order."""
    pattern = cue_pattern("effective; timely\nenabling; (?:t|e)ight").pattern
    assert pattern == r"(?<![\w-])(?:e(?:ffective|nabling|ight)|t(?:imely|ight))(?![\w-])"
