"""The theme finder's speed-ups find what searching for every wording finds (issue 17.4)."""

from __future__ import annotations

import tomllib
from importlib import resources

from hypothesis import given
from hypothesis import strategies as st

from timeline.reading import themes
from timeline.reading.literals import literal_test_holds
from timeline.reading.themes import normalise, themes_in

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
    return keys | {k for t in themes._WORD.findall(lowered) for k in themes._root_keys_in(t)}


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
    # Text with letters equal to others ignoring case ("\u017f", "\u0130") takes the other
    # branch, which this speed-up leaves alone (and which can miss a wording split by them).
    if literal_test_holds(normalise(text)):
        assert themes_in(text) == _plain_themes_in(text)


@given(_TEXTS)
def test_root_keys_found_by_word_are_those_in_the_text(text: str) -> None:
    lowered = normalise(text).lower()
    assert _fast_root_keys(lowered) == _plain_root_keys(lowered)


def test_real_sentences() -> None:
    for sentence in _SENTENCES:
        assert themes_in(sentence) == _plain_themes_in(sentence)
        lowered = normalise(sentence).lower()
        assert _fast_root_keys(lowered) == _plain_root_keys(lowered)
    assert themes_in(" ".join(_SENTENCES))
