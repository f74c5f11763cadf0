"""The theme finder's speed-ups find what searching for every wording finds (issue 17.4)."""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.reading import themes, themes_tokens
from timeline.reading.files import load_text
from timeline.reading.literals import literal_test_holds
from timeline.reading.themes import normalise, themes_in
from timeline.reading.themes_openings import first_words_of, openings_of

_DATA = tomllib.loads(resources.files("timeline.data").joinpath("themes.toml").read_text("utf-8"))
_PHRASES = sorted(
    {
        p
        for entry in _DATA.values()
        for g in ("synonyms", "in_context", "context")
        for p in entry.get(g, [])
    }
)
_SENTENCES = [
    "Children who go missing from home or care are not always offered a return home interview.",
    "Care leavers' pathway plans are up-to-date, and personal advisers keep in touch.",
    "The local safeguarding children board (LSCB) oversees multi-agency training well.",
    "Independent reviewing officers (IROs) do not consistently challenge drift in plans.",
    "Pre-birth assessments and child protection conferences are timely; the ‘front door’ works.",
    "Some LGBTQ+ young people and unaccompanied asylum-seeking children lack support.",
]
_NOISE = [
    " ",
    "  ",
    "\n",
    "-",
    "—",
    ", ",
    ". ",
    "'",
    "’",
    "s",
    "es",
    "ſ",
    "İ",
    "ı",
    "é",
    "x",
    "(",
    ")",
]


def _vary(phrase: str, case: int) -> str:
    return [phrase, phrase.upper(), phrase.title(), phrase.swapcase()][case % 4]


_PIECES = st.one_of(
    st.builds(_vary, st.sampled_from(_PHRASES), st.integers(0, 3)),
    st.sampled_from(_SENTENCES),
    st.sampled_from(_NOISE),
    st.builds(lambda p: p.replace(" ", "-"), st.sampled_from(_PHRASES)),
    st.builds(lambda p: p.replace("s", "ſ").replace("i", "İ"), st.sampled_from(_PHRASES)),
)
_TEXTS = st.builds("".join, st.lists(_PIECES, max_size=12))


def _plain_themes_in(text: str) -> tuple[str, ...]:
    """The specification: every wording of the catalogue searched for in the folded text."""
    catalogue = themes._catalogue()
    wordings = {
        id(w): w
        for table in (catalogue.by_any_word, catalogue.by_key)
        for found in table.values()
        for w in found
    }
    folded = normalise(text)
    done = {(w.theme, w.group) for w in wordings.values() if w.pattern.search(folded)}
    return tuple(
        sorted(
            {
                theme
                for theme, group in done
                if group == "always" or {(theme, "in_context"), (theme, "context")} <= done
            }
        )
    )


def _plain_root_keys(lowered: str) -> set[str]:
    return {key for key in themes._catalogue().root_keys if key in lowered}


def _fast_root_keys(lowered: str) -> set[str]:
    keys = {key for key in themes._catalogue().other_root_keys if key in lowered}
    return keys | themes._root_keys_of(set(themes._WORD.findall(lowered)))


def test_every_wording_is_filed() -> None:
    """The plain form sees every wording (all are filed by a word or a key)."""
    catalogue = themes._catalogue()
    filed = sum(
        len(found) for t in (catalogue.by_any_word, catalogue.by_key) for found in t.values()
    )
    assert filed == sum(len(found) for found in catalogue.by_word.values()) + len(
        catalogue.always_try
    )


@given(_TEXTS)
def test_themes_in_finds_what_searching_every_wording_finds(text: str) -> None:
    # Letters equal to others ignoring case ("\u017f", "\u0130", "\u0131", the Kelvin sign)
    # included: the text's words are read as those letters' ASCII twins.
    assert themes_in(text) == _plain_themes_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "Allegatİonſ agaİnſt the staff were managed well.",
        "Cafcaſſ guardians say that reports are clear.",
        "The Publıc Law Outlıne is used well.",
        "Workİng Together arrangements are understood.",
        "Abſence from ſchool is followed up.",
    ],
)
def test_letters_equal_ignoring_case_split_no_wording(text: str) -> None:
    """A wording spelt with "ſ", "İ", "ı" or the Kelvin sign is found as its ASCII spelling is:
    the search for every wording finds it, and so does themes_in."""
    expected = _plain_themes_in(text)
    assert expected, text  # the example names a theme
    assert themes_in(text) == expected


@given(_TEXTS)
def test_root_keys_found_by_word_are_those_in_the_text(text: str) -> None:
    lowered = normalise(text).lower()
    assert _fast_root_keys(lowered) == _plain_root_keys(lowered)
    # Again, with the text's keyless words remembered.
    assert _fast_root_keys(lowered) == _plain_root_keys(lowered)


def test_real_sentences() -> None:
    for sentence in _SENTENCES:
        assert themes_in(sentence) == _plain_themes_in(sentence)
        lowered = normalise(sentence).lower()
        assert _fast_root_keys(lowered) == _plain_root_keys(lowered)
    assert themes_in(" ".join(_SENTENCES))


# Plain synonyms found by words, and patterns tried only at their openings (themes_tokens and
# themes_openings), checked against searching with each wording's own pattern.

_SEEDS = Path(__file__).resolve().parents[2] / "seeds"
_PARAGRAPHS = [
    p
    for path in sorted([*_SEEDS.glob("*.txt"), *_SEEDS.glob("*.md")])
    for p in load_text(path).split("\n\n")
    if p.strip()
]
_WORDINGS = [
    w
    for table in (themes._catalogue().by_any_word, themes._catalogue().by_key)
    for found in table.values()
    for w in found
]
# What patterns say, so that their matches occur in the generated text too.
_PATTERN_SENTENCES = [
    "Their PA visits them; the allocated PA knows the child and her family.",
    "Children's views and young people’s voices inform plans. Care leavers' views matter.",
    "Improvement plans are in place. Plans are specific; most plans are reviewed; plan or reviews",
    "Managers provide oversight; decisions made by managers; supported well by their line managers",
    "Consistency of social workers, changes in practitioners and continuity of PAs.",
    "Assessments and planning for children are timely; the assessment of potential adopters.",
    "Engagement of children and involvement with young people; engaging with all care leavers.",
    "Children in need of help; a child in need; 16- and 17-year-olds who present as homeless.",
    "Up-to-date, written and child’s plan; the individual plan; their plans.",
    "Reduced capacity, teams' capacity and service capacity; sufficient capacity in the team.",
    "Children came into care; entered care; were brought into the care of the local authority.",
]
_SEPARATORS = [" ", "  ", "\n", "\t", "\x1c", "-", " - ", "_", "'", "'s ", "s ", "es ", ", ", ""]


@st.composite
def _worded(draw: st.DrawFn) -> str:
    """Synonyms' words joined every which way: hyphens, underscores, line breaks, apostrophes,
    plurals, run together."""
    words = re.split(r"[\s-]+", draw(st.sampled_from(_PHRASES)))
    return "".join(w + draw(st.sampled_from(_SEPARATORS)) for w in words)


_REAL = st.one_of(
    st.sampled_from(_PARAGRAPHS),
    st.sampled_from(_PATTERN_SENTENCES),
    st.builds(
        lambda p, a, n: p[a : a + n],
        st.sampled_from(_PARAGRAPHS),
        st.integers(0, 400),
        st.integers(1, 120),
    ),
)
_ASCII_PIECES = st.one_of(
    _worded(),
    st.builds(_vary, st.sampled_from(_PHRASES), st.integers(0, 3)),
    st.builds(_vary, _REAL, st.integers(0, 3)),
    st.sampled_from(_SEPARATORS),
    st.sampled_from(_NOISE),
)
_ASCII_TEXTS = st.builds("".join, st.lists(_ASCII_PIECES, max_size=10))


def _plain_synonym_groups(folded: str) -> set[tuple[str, str]]:
    """The specification: each plain synonym's own pattern searched for."""
    return {(w.theme, w.group) for w in _WORDINGS if w.plain and w.pattern.search(folded)}


def _fast_synonym_groups(folded: str) -> set[tuple[str, str]]:
    parts = themes_tokens.split_words(folded.lower())
    return themes_tokens.plain_groups(parts, themes._catalogue().plain_tree)


@given(_ASCII_TEXTS)
def test_plain_synonyms_found_by_words_are_those_their_patterns_find(text: str) -> None:
    folded = normalise(text)
    if folded.isascii():  # the words stand for the patterns only in ASCII text
        assert _fast_synonym_groups(folded) == _plain_synonym_groups(folded)


def _match_starts(pattern: re.Pattern[str], folded: str) -> list[int]:
    return [at for at in range(len(folded) + 1) if pattern.match(folded, at)]


@settings(max_examples=200, deadline=None)
@given(_ASCII_TEXTS)
def test_every_match_begins_with_an_opening(text: str) -> None:
    folded = normalise(text)
    if not literal_test_holds(folded):
        return
    lowered = folded.lower()
    for wording in _WORDINGS:
        if wording.openings and wording.pattern.search(folded):
            for at in _match_starts(wording.pattern, folded):
                assert lowered.startswith(wording.openings, at), (wording.pattern, at)


@given(_TEXTS | _ASCII_TEXTS)
def test_trying_openings_finds_what_a_search_finds(text: str) -> None:
    folded = normalise(text)
    lowered = folded.lower()
    if literal_test_holds(folded):
        same = len(lowered) == len(folded)
        for wording in _WORDINGS:
            expected = wording.pattern.search(folded) is not None
            assert wording.found_in(folded, lowered, same) == expected, wording.pattern


@given(_ASCII_TEXTS)
def test_themes_in_ascii_text_finds_what_searching_every_wording_finds(text: str) -> None:
    assert themes_in(text) == _plain_themes_in(text)


@pytest.mark.parametrize(
    ("source", "openings"),
    [
        (r"\bplans? (?:and|or) x", ("plan and x", "plan or x", "plans and x", "plans or x")),
        (r"(?<!an )(?<![\w-])\bvisits\b(?! by)", ("visits",)),
        (r"\b(?:ab?|cd) x", ("a", "cd")),
        (r"\b(?:child\W?s|young people) views", ("child", "young people")),
        (r"\bkn(?:ow|ew) (?:\w+ )?them", ("knew ", "know ")),
        # Sixteen would be too many: the last choice is left out.
        (
            r"\b(?:a|b)(?:c|d)(?:e|f)(?:g|h)",
            tuple(a + c + e for a in "ab" for c in "cd" for e in "ef"),
        ),
        (r"(?<![\w-])LGBTQ\+(?:s|es)?'?(?![\w-])", ("lgbtq+",)),
        (r"\bso[\s-]?called", ("so",)),
        (r"a|b", ()),
        (r"(?-i:\bSEND\b)", ()),
        (r"(?:x)?y", ("xy", "y")),
        (r"(?:x|)y", ("xy", "y")),
        (r"(?:x)?", ()),
        (r"\b16\W{0,3}17", ("16",)),
        (r"ab*c", ("a",)),
        (r"ab+c", ("a",)),
        (r"\.x\b", (".x",)),
    ],
)
def test_openings_read_from_patterns(source: str, openings: tuple[str, ...]) -> None:
    assert sorted(openings_of(source)) == sorted(openings)


def test_real_paragraphs() -> None:
    for text in [*_PARAGRAPHS, *_PATTERN_SENTENCES]:
        folded = normalise(text)
        assert themes_in(text) == _plain_themes_in(text)
        if folded.isascii():
            assert _fast_synonym_groups(folded) == _plain_synonym_groups(folded)


@settings(max_examples=200, deadline=None)
@given(_ASCII_TEXTS)
def test_every_match_begins_with_a_first_word(text: str) -> None:
    """In ASCII text, a wording with first words starts each match with a whole word of them."""
    folded = normalise(text)
    if not folded.isascii():
        return
    lowered = folded.lower()
    for wording in _WORDINGS:
        if wording.first_words and wording.pattern.search(folded):
            for at in _match_starts(wording.pattern, folded):
                word = re.compile(r"[a-z0-9]+").match(lowered, at)
                assert word is not None, (wording.pattern, at)
                assert at == 0 or not lowered[at - 1].isalnum(), (wording.pattern, at)
                assert word.group() in wording.first_words, (wording.pattern, at)


@pytest.mark.parametrize(
    ("source", "words"),
    [
        (r"\b(?:engage|involve)s? (?:of )?them", {"engage", "engages", "involve", "involves"}),
        (r"(?<!an )\bplans\b(?! to)", {"plans"}),
        (r"(?<![\w-])LGBTQ\+(?:s|es)?'?(?![\w-])", {"lgbtq"}),
        (r"\bkn(?:ow|ew) (?:\w+ )?them", {"know", "knew"}),
        (r"\bchild(?:ren)? in need", {"child", "children"}),
        (r"\bplans", set()),  # "plansx" starts with it too
        (r"plans\b", set()),  # "xplans" ends with it
        (r"(?<!an )plans\b", set()),
        (r"\b(?:x )?y z", {"x", "y"}),
        (r"\b(?:x )?\w", set()),
        (r"\b(?:children\W?s|young people) views", set()),
        (r"(?<![\w-])post[\s-]?adoption", set()),
        (r"\b-x", set()),
        (r"a|b", set()),
    ],
)
def test_first_words_read_from_patterns(source: str, words: set[str]) -> None:
    assert first_words_of(source) == words
