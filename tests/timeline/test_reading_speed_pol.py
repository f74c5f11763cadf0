"""The polarity reader's speed-ups find what the plain forms they replace find (issue 17.4).

The plain forms are the reader as it was written: every cue pattern searched at every position
of the sentence, the topical phrases searched whole, every negator and cue tested against
every other. Sentences are made of the words of the cue patterns' own sources, so the tests
follow the patterns as they change.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from test_cues import ALTERNATIVES

from timeline.reading import polarity
from timeline.reading.cues import _branches, cue_pattern
from timeline.reading.polarity_branches import BranchGated
from timeline.reading.polarity_words import WordScanned, words_of
from timeline.reading.themes import normalise

DATA = Path(__file__).resolve().parents[1] / "data" / "polarity_sentences.json"
REAL = [e["sentence"] for e in json.loads(DATA.read_text(encoding="utf-8"))["sentences"]]


def _plain_prepare(sentence: str) -> str:
    """``polarity._prepare`` as it was written: the topical phrases searched whole."""
    lowered = " ".join(normalise(sentence).lower().split())
    text = polarity._TOPICAL.pattern.sub(polarity._blank, lowered)
    if (subordinate := polarity._SUBORDINATE.match(text)) is not None:
        text = text[: subordinate.end() - 1] + ";" + text[subordinate.end() :]
    condition = polarity._CONDITION.match(text)
    return text if condition is None else " " * condition.end() + text[condition.end() :]


def _plain_find_cues(
    text: str, negators: list[re.Match[str]]
) -> tuple[list[polarity._Cue], list[re.Match[str]]]:
    """``polarity._find_cues`` as it was written: every cue searched for at every position,
    every negator tested against every cue."""
    found = [polarity._Cue(m.start(), m.end(), True) for m in polarity._POSITIVE.finditer(text)]
    found += [polarity._Cue(m.start(), m.end(), False) for m in polarity._NEGATIVE.finditer(text)]
    negators = [
        m
        for m in negators
        if not any(
            c.start <= m.start() and m.end() <= c.end and c.end - c.start > m.end() - m.start()
            for c in found
        )
    ]
    taken = [m.span() for m in negators]
    cues = []
    for cue in sorted(found, key=lambda c: (c.start, c.start - c.end)):
        if all(cue.end <= a or cue.start >= b for a, b in taken):
            cues.append(cue)
            taken.append((cue.start, cue.end))
    return cues, negators


def _plain_score(sentence: str) -> tuple[int, int]:
    """``polarity._score`` as it was written."""
    text = _plain_prepare(sentence)
    neutral = [m.span() for m in polarity._NEUTRAL.pattern.finditer(text)]
    negators = list(polarity._NEGATOR.finditer(text))
    if neutral:
        negators = [m for m in negators if not any(a <= m.start() < b for a, b in neutral)]
    cues, negators = _plain_find_cues(text, negators)
    if neutral:
        cues = [c for c in cues if not any(a <= c.start < b for a, b in neutral)]
    flipped: set[int] = set()
    bare = 0
    for k, negator in enumerate(negators):
        limit = negators[k + 1].start() if k + 1 < len(negators) else len(text)
        if negated := polarity._negated(text, negator, limit, cues):
            flipped.update(negated)
        elif not polarity._SOFT.fullmatch(negator.group()) and not polarity._quantifies(
            text, negator
        ):
            bare += 1
    positive = sum(1 for i, c in enumerate(cues) if c.positive != (i in flipped))
    return positive, len(cues) - positive + bare


def _literal_runs(source: str) -> list[list[str]]:
    """The words written out in each alternative of a pattern's source, in order."""
    return [re.findall(r"[a-z][a-z'-]*", alternative) for alternative in _branches(source)]


# Each alternative's words, whole or a run of them: "were detailed", "the right help", "not".
_PATTERNS = (
    polarity._POSITIVE,
    polarity._NEGATIVE,
    polarity._NEGATOR,
    polarity._NEUTRAL.pattern,
    polarity._TOPICAL.pattern,
    polarity._STOP,
    polarity._CONDITION,
    polarity._SUBORDINATE,
)
_RUNS = sorted(
    {" ".join(words) for p in _PATTERNS for words in _literal_runs(p.pattern) if words}
    | {word for p in _PATTERNS for words in _literal_runs(p.pattern) for word in words}
)


@st.composite
def _phrases(draw: st.DrawFn) -> str:
    """A run of an alternative's words, part of one, or a word, in some case."""
    words = draw(st.sampled_from(_RUNS)).split()
    start = draw(st.integers(0, len(words) - 1))
    end = draw(st.integers(start + 1, len(words)))
    case = draw(st.sampled_from([str, str, str, str.upper, str.title, str.capitalize]))
    return case(" ".join(words[start:end]))


_SEPARATORS = st.sampled_from(
    [
        *(" ", " ", " ", " ", ", ", "; ", ". ", ": ", "-", "'", "\u2019", " \u201c", "\u201d "),
        *(
            "(",
            ") ",
            " children ",
            " no children ",
            "n't ",
            "  ",
            "\u00e9 ",
            " 3% ",
            " well-being ",
        ),
    ]
)
_OPENINGS = st.sampled_from(
    [
        *("", "", "When staff leave, ", "While plans are not clear, ", "However, ", "However "),
        *("If ", "Although good, ", "But when ", "Despite pressures, ", "No ", "Whilst ", "As "),
    ]
)


@st.composite
def _sentences(draw: st.DrawFn) -> str:
    """An opening, then phrases of the cue patterns' words between separators."""
    parts = draw(st.lists(st.tuples(_phrases(), _SEPARATORS), max_size=10))
    return draw(_OPENINGS) + "".join(p + s for p, s in parts)


_REAL = st.sampled_from(REAL)
_SENTENCES = _sentences() | _REAL | st.tuples(_REAL, _sentences()).map(" ".join)


@settings(max_examples=200)
@given(_SENTENCES)
def test_a_sentence_scores_as_the_plain_reader_scores_it(sentence: str) -> None:
    """Cues searched from the sentence's words, topical phrases searched by the words they
    hold and negators tested only against nearby cues count what the plain reader counts."""
    assert polarity._score(sentence) == _plain_score(sentence)


def test_real_sentences_score_as_the_plain_reader_scores_them() -> None:
    """Every hand-labelled sentence of the polarity gold."""
    assert [polarity._score(s) for s in REAL] == [_plain_score(s) for s in REAL]


@settings(max_examples=200)
@given(_SENTENCES)
def test_the_cue_patterns_searched_by_words_find_what_they_find_searched_whole(
    sentence: str,
) -> None:
    """Each cue pattern, searched only from the words that can begin one of its matches,
    finds the matches ``finditer`` finds, on the prepared sentence and on the raw one."""
    for text in (polarity._prepare(sentence)[0], sentence, sentence.lower()):
        words = words_of(text)
        for scanned in (
            polarity._POSITIVE_WORDS,
            polarity._NEGATIVE_WORDS,
            polarity._NEGATOR_WORDS,
            polarity._NEUTRAL,
        ):
            expected = [m.span() for m in scanned.pattern.finditer(text)]
            assert [m.span() for m in scanned.finditer(text, words)] == expected


@settings(max_examples=200)
@given(_SENTENCES)
def test_topical_phrases_searched_by_their_words_are_those_searched_whole(
    sentence: str,
) -> None:
    """Searching only the topical alternatives whose words the text holds blanks the same."""
    lowered = " ".join(normalise(sentence).lower().split())
    for text in (lowered, sentence):
        expected = polarity._TOPICAL.pattern.sub(polarity._blank, text)
        assert polarity._TOPICAL.sub(polarity._blank, text, words_of(text)) == expected


# test_cues' alternatives (forms cue lists use, overlapping so their order decides), and forms
# whose first word is not read: a way that is searched whole when the text holds what it needs.
_ALTERNATIVES = [
    *ALTERNATIVES,
    "(?:is|are) (?:\\w+ ){0,2}?a concern",
    "child[- ]centred",
    "over-?reliant",
    "\\w+n't",
    "deteriorat\\w*",
    "only (?:\\d[\\d,.]*%?|a few)",
    "(?:is|are) (?:un)?safe",
    "(?:is|are) (?:very |a )?(?:poor|weak) (?:\\w+ )?in touch",
]
_SPECS = st.lists(st.sampled_from(_ALTERNATIVES), min_size=1, max_size=8, unique=True)
_WORDS = sorted(
    {w for a in _ALTERNATIVES for w in re.findall(r"[a-z]+", a)}
    | {"a", "as", "in", "s", "as well", "in improving", "a little", "well as", "well-being"}
    | {"the needs to", "that while", "gap analysis", "child-centred", "don't", "only 5,", "unsafe"}
)
_TEXTS = st.lists(
    st.tuples(st.sampled_from(_WORDS), st.sampled_from([" ", " ", ", ", ". ", "-", "'", "", "é"])),
    max_size=14,
).map(lambda parts: "".join(w + s for w, s in parts))


@settings(max_examples=200)
@given(_SPECS, _TEXTS)
def test_any_cue_list_searched_by_words_finds_what_it_finds_whole(
    alternatives: list[str], text: str
) -> None:
    """Whatever the alternatives and their order (first words shared, overlapping matches,
    lookbehinds, optional groups, words not read), the search by words finds ``finditer``'s
    matches."""
    pattern = cue_pattern("; ".join(alternatives))
    expected = [m.span() for m in pattern.finditer(text)]
    assert [m.span() for m in WordScanned(pattern).finditer(text, words_of(text))] == expected
    gated = BranchGated(re.compile("|".join(alternatives)))
    expected = gated.pattern.sub(polarity._blank, text)
    assert gated.sub(polarity._blank, text, words_of(text)) == expected


@settings(max_examples=200)
@given(st.text(alphabet="ab-_ 1.,'\u00e9\u2019\u00a0\u0130x\n", max_size=40))
def test_words_are_the_runs_of_word_characters_and_hyphens(text: str) -> None:
    """The words a cue can begin with, read by translating bytes, are ``[\\w-]+``'s runs."""
    assert words_of(text) == {w.encode() for w in re.findall(r"[\w-]+", text)}


def test_each_cue_alone_searched_by_words_finds_what_it_finds_whole() -> None:
    """Every alternative alone, and all of them together, on every pair of their words: the
    order of a group's ways (greedy, lazy), lookbehinds moved after the word, words not read."""
    texts = [f"{a}{s}{b}" for a in _WORDS for b in _WORDS for s in (" ", ", ")]
    for spec in [*_ALTERNATIVES, "; ".join(_ALTERNATIVES), "; ".join(reversed(_ALTERNATIVES))]:
        pattern = cue_pattern(spec)
        scanned = WordScanned(pattern)
        for text in texts:
            expected = [m.span() for m in pattern.finditer(text)]
            assert [m.span() for m in scanned.finditer(text, words_of(text))] == expected, text


def test_words_cut_by_blanking_a_topical_phrase_are_read() -> None:
    """A topical phrase found inside a word ("developmental delaysgood") leaves the rest of the
    word a word of its own, which the cues are then searched from."""
    phrases = [" ".join(words) for words in _literal_runs(polarity._TOPICAL.pattern.pattern)]
    for phrase in phrases:
        for word in ("good", "not", "poor", "well", "effective"):
            for sentence in (f"{phrase}{word} care", f"care {word}{phrase}", f"a{phrase}{word}"):
                assert polarity._score(sentence) == _plain_score(sentence), sentence
