"""The reader's speed-ups find what the plain forms they replace find (issue 17.4)."""

from __future__ import annotations

import re
import tomllib
from importlib import resources

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.reading import dates, layout, subjects
from timeline.reading.themes import _catalogue, normalise, themes_in

# The forms the fast ones replaced, as they were written: the specification.
_PLAIN_FOOTNOTE = re.compile(r"(?<=[a-z.,;:)])[¹²³⁴⁵⁶⁷⁸⁹⁰]+|(?<=[a-z][.,;:)])\d(?=\s|$)")
_NAME = subjects._NAME
_PLAIN_PHRASES = (
    re.compile(rf"\bLocal\s+authority:\s*(?P<name>{_NAME})"),
    re.compile(
        rf"\b(?:[Vv]isit|[Ii]nspection|[Rr]e-?inspection|[Ss]ervices)\s+(?:of|to|in|at)\s+"
        rf"(?:the\s+)?(?P<name>{_NAME})\s+(?:local\s+authority\s+)?"
        r"(?:children['’]s\s+services|local\s+authority|[A-Z][a-z]*\s*Council)\b"
    ),
    re.compile(rf"\b[Cc]hildren['’]s\s+[Ss]ervices\s+in\s+(?P<name>{_NAME})\b"),
    re.compile(rf"\b(?:London|Royal)\s+Borough\s+of\s+(?P<name>{_NAME})"),
    re.compile(
        rf"(?<![\w'’])(?P<name>{_NAME})\s+(?:Metropolitan\s+Borough|County\s+Borough|"
        r"Borough|County|City|District)?\s*Council\b"
    ),
)
_FOLD = str.maketrans(
    "\u2018\u2019\u02bc`\u201c\u201d\u2010\u2011\u2012\u2013\u00a0", "''''\"\"----" + " "
)

_PIECES = st.sampled_from(
    [
        *("Local authority: ", "Visit of ", "inspection to the ", "Re-inspection at "),
        *("services in ", "Children's Services in ", "Children’s services in ", "London "),
        *("Borough of ", "Royal ", "Kent", "North Yorkshire", "County ", "Council", "City "),
        *(" ", "  ", "\n", "-", "'", "’", ".", ",", ":", ")", "x", "X", "and ", "the ", "of "),
        *("1", "23", "¹", "²³", "a.", "e.g.", "2019", "May", "June 2021", "5 September", "Sept"),
        *("\u2013", "\u00a0", "`", "\u201c", "\u2010", "Ofsted", "_", "é"),
    ]
)
_TEXTS = st.lists(_PIECES, max_size=20).map("".join)


@given(st.text() | _TEXTS)
def test_normalise_folds_like_a_translation_table(text: str) -> None:
    """Folding by scans for each character gives what one translation table gives."""
    assert normalise(text) == text.translate(_FOLD)


@given(st.text(alphabet="ab.,;:)1²³ \nZ9") | _TEXTS)
def test_footnote_digits_found_from_the_digit(text: str) -> None:
    """The footnote pattern written digit first removes what the look-behind-first one does."""
    assert layout._FOOTNOTE.sub("", text) == _PLAIN_FOOTNOTE.sub("", text)


@settings(max_examples=300)
@given(_TEXTS)
def test_subject_phrases_match_where_their_plain_forms_do(text: str) -> None:
    """Each phrase pattern opening with its first letter finds the spans and names of the
    pattern opening with a word boundary."""
    for (fast, _), plain in zip(subjects._PHRASES, _PLAIN_PHRASES, strict=True):
        found = [(m.span(), m.group("name")) for m in fast.finditer(text)]
        assert found == [(m.span(), m.group("name")) for m in plain.finditer(text)]


@settings(max_examples=300)
@given(_TEXTS)
def test_date_forms_skipped_cannot_match(text: str) -> None:
    """A form find_dates skips for want of a month name or a year finds nothing there."""
    has_month = dates._MONTH_ANYWHERE.search(text) is not None
    has_year = dates._YEAR_ANYWHERE.search(text) is not None
    for form, pattern in dates._PATTERNS:
        if (not has_month and form in dates._NEED_MONTH) or (
            not has_year and form not in dates._YEARLESS
        ):
            assert pattern.search(text) is None, form


def _every_wording(text: str) -> tuple[str, ...]:
    """Themes found by searching every wording of the catalogue in the whole text."""
    catalogue = _catalogue()
    folded = normalise(text)
    wordings = [w for found in catalogue.by_word.values() for w in found]
    found = {
        (w.theme, w.group) for w in [*wordings, *catalogue.always_try] if w.pattern.search(folded)
    }
    return tuple(
        sorted(
            {
                theme
                for theme, group in found
                if group == "always" or {(theme, "in_context"), (theme, "context")} <= found
            }
        )
    )


def _phrases() -> list[str]:
    """Every synonym and context phrase of the theme vocabulary."""
    source = resources.files("timeline.data").joinpath("themes.toml").read_text("utf-8")
    entries = tomllib.loads(source).values()
    groups = ("synonyms", "in_context", "context")
    return sorted({p for entry in entries for group in groups for p in entry.get(group, [])})


_PHRASE_LIST = _phrases()
_SEPARATORS = st.sampled_from([" ", "-", "\n", "", "  ", " - ", "'s ", "s ", "es ", ", "])


@st.composite
def _worded(draw: st.DrawFn) -> str:
    """Synonyms' words joined every which way (hyphens, line breaks, run together, plurals),
    in any case."""
    words: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        words += re.split(r"[\s-]+", draw(st.sampled_from(_PHRASE_LIST)))
    text = "".join(w + draw(_SEPARATORS) for w in words)
    return draw(st.sampled_from([str, str.upper, str.title, str.capitalize]))(text)


@settings(max_examples=300)
@given(_worded())
def test_themes_by_words_find_what_every_wording_finds(text: str) -> None:
    """Trying synonyms only where all their words are, at their openings, finds the themes
    that searching every wording everywhere finds."""
    assert themes_in(text) == _every_wording(text)


def test_key_forest_parents_are_inside_their_children() -> None:
    """Each theme key's parent is a substring of it, so a text without the parent lacks the
    key too, and every key is reached from a root."""
    catalogue = _catalogue()
    reached = list(catalogue.root_keys)
    for key in reached:
        for child in catalogue.key_children[key]:
            assert key in child
            reached.append(child)
    assert sorted(reached) == sorted(catalogue.by_key)
