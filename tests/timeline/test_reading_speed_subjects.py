"""The fast ways of finding subjects and names find what the plain ones did (issue 17.4)."""

from __future__ import annotations

import itertools
import re
import sys
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.name_openings import WORD, Openings, token
from timeline.reading import document, subjects
from timeline.reading.literals import literal_test_holds
from timeline.reading.opening_words import Opened
from timeline.register import LocalAuthority, Register, _another_place

REGISTER = Register.default()


def _plain_mentions(
    register: Register, text: str, start: int = 0, end: int | None = None
) -> list[tuple[int, int, str]]:
    """``Register.mentions`` as it was written, a walk over every word: the specification."""
    stop = len(text) if end is None else end
    found: list[tuple[int, int, str]] = []
    resume = start
    longest = max(len(w) for names in register._by_first.values() for w in names)
    for word in WORD.finditer(text, start, stop):
        if word.start() < resume:
            continue
        first_word = token(text, *word.span())
        if first_word[2] not in register._by_first:
            continue
        after = WORD.finditer(text, word.end(), stop)
        window = [
            first_word,
            *(token(text, *w.span()) for w in itertools.islice(after, longest - 1)),
        ]
        length = register._match_at(text, window, 0)
        if length is None:
            continue
        first, last = window[0][0], window[length - 1][1]
        if not _another_place(text, first, last):
            found.append((first, last, text[first:last]))
        resume = last
    return found


def _authority(code: str, name: str, *aliases: str) -> LocalAuthority:
    return LocalAuthority.from_row(
        {
            **dict.fromkeys(
                ("former_ons_codes", "urn", "region", "type", "in_force_from", "in_force_to"), ""
            ),
            **dict.fromkeys(("predecessors", "successors", "neighbours"), ""),
            "name": name,
            "la_code": code,
            "ons_code": f"E0{code}",
            "aliases": ";".join(aliases),
        }
    )


# Names the packaged register lacks: "&" and "Saint" opening a name, one word, digits, a name
# with no letter to capitalise, and one letter outside ASCII (the walk over every word then).
_ODD = Register(
    [
        _authority("901", "& Co", "And Sons"),
        _authority("902", "Saint Kilda", "Kent"),
        _authority("903", "the Isles of Scilly", "B&NES", "123 456"),
        _authority("904", "Ware"),
    ]
)
_FOREIGN = Register([*_ODD, _authority("905", "Ynys Môn", "İstanbul")])

_NAMES = sorted({name for a in (*REGISTER, *_FOREIGN) for name in a.names})
_CASES: st.SearchStrategy[Callable[[str], str]] = st.sampled_from(
    [str, str.lower, str.upper, str.title, str.capitalize]
)
_OTHER = st.sampled_from(
    [
        *(" ", "  ", "\n", "\n\n", ", ", ". ", "-", "’", "'", "_", "(", "&", "x", "é", "1"),
        *(" and ", " the ", " of ", " upon ", " on ", "St ", "St. ", "Saint ", "\u212aent "),
        *("Council", " County Council", " Borough", "'s ", " children's services", "Reading"),
        *("Stoke Newington", " Coldfield", "-under-Lyme", " St Edmunds", "İ", "Σ", "ſt "),
    ]
)


@st.composite
def _one_capital(draw: st.DrawFn, name: str) -> str:
    """A name in lower case but for one of its words, any one: a name's capital may be late."""
    words = re.split(r"(\W+)", name.lower())
    at = draw(st.integers(0, len(words) - 1))
    return "".join(w.capitalize() if i == at else w for i, w in enumerate(words))


@st.composite
def _texts(draw: st.DrawFn) -> str:
    """Register names in any case, run together with joiners, words that follow names and
    words that do not."""
    parts = []
    for _ in range(draw(st.integers(0, 12))):
        if draw(st.booleans()):
            name = draw(st.sampled_from(_NAMES))
            parts.append(draw(_CASES)(name) if draw(st.booleans()) else draw(_one_capital(name)))
        else:
            parts.append(draw(_OTHER))
    return "".join(parts)


@settings(max_examples=500)
@given(_texts(), st.integers(0, 200), st.integers(0, 200))
def test_mentions_find_what_the_walk_over_every_word_finds(text: str, a: int, b: int) -> None:
    """Opening names only at and before capitalised name words finds what trying every word
    finds, in the packaged register and in registers with odd names, whole text or a slice."""
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    for register in (REGISTER, _ODD, _FOREIGN):
        assert register.mentions(text) == _plain_mentions(register, text)
        assert register.mentions(text, start, end) == _plain_mentions(register, text, start, end)


@settings(max_examples=300)
@given(st.text(), st.integers(0, 50), st.integers(0, 50))
def test_mentions_in_any_text_find_what_the_walk_finds(text: str, a: int, b: int) -> None:
    """On any characters, not only names and joiners."""
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    assert REGISTER.mentions(text) == _plain_mentions(REGISTER, text)
    assert _ODD.mentions(text, start, end) == _plain_mentions(_ODD, text, start, end)


def test_only_ascii_letters_and_the_kelvin_sign_lower_to_an_ascii_letter() -> None:
    """Why a capital is one of A-Z and the Kelvin sign, and a case-blind match of an ASCII
    word finds every spelling whose ``lower()`` is that word."""
    ascii_letters = set("abcdefghijklmnopqrstuvwxyz")
    lowering = [
        chr(c)
        for c in range(sys.maxunicode + 1)
        if ascii_letters & set(chr(c).lower()) and not chr(c).isascii()
    ]
    assert lowering == ["\u0130", "\u212a"]
    assert len("\u0130".lower()) == 2  # "İ": its lower-case is no ASCII word
    for letter in ascii_letters:
        spellings = [letter, letter.upper(), *(c for c in lowering if c.lower() == letter)]
        for spelling in spellings:
            assert re.fullmatch(f"(?i:{letter})", spelling), spelling


def test_a_register_outside_ascii_tries_every_word() -> None:
    """A name with a letter outside ASCII has no capitals pattern: every word is tried."""
    assert Openings({"môn": [("ynys", "môn")]})._capitalised is None
    assert _FOREIGN.mentions("To İstanbul and Ynys Môn.") == [
        (3, 11, "İstanbul"),
        (16, 24, "Ynys Môn"),
    ]


def test_mentions_open_at_a_lower_case_word_before_a_capital() -> None:
    """A name may open with a word in lower case when a later word has the capital."""
    text = "services in the Isles of Scilly and city of York, B&NES, st Helens"
    assert [m[2] for m in REGISTER.mentions(text)] == _plain_mentions_names(text)
    assert "the Isles of Scilly" in _plain_mentions_names(text)


def _plain_mentions_names(text: str) -> list[str]:
    return [m[2] for m in _plain_mentions(REGISTER, text)]


_PHRASE_PIECES = st.sampled_from(
    [
        *("Local authority: ", "Visit of ", "visit to ", "inspection to the ", "Inspection at "),
        *("Re-inspection at ", "reinspection of ", "Reinspection in ", "services in ", "Council"),
        *("Children's Services in ", "children’s services in ", "London ", "Royal ", "Borough "),
        *("of ", "Metropolitan ", "County ", "City ", "District ", "local authority", "Kent"),
        *("North Yorkshire", "Stoke-on-Trent", "Kingston upon Hull", "O'Brien", "St. Helens"),
        *(
            " ",
            "  ",
            "\n",
            "\t",
            "-",
            "'",
            "’",
            ".",
            ",",
            ":",
            "x",
            "X",
            "and ",
            "the ",
            "in ",
            "é",
        ),
        *("Ab", "Cd ", "Ef-Gh ", "Youth Council", "CouncilX", "Councillor", "ReInspection of "),
    ]
)
_OPENINGS = st.sampled_from(
    [
        *("Local authority:", "Visit of", "visit to the", "inspection at", "Inspection in"),
        *("Re-inspection of", "re-inspection to", "reinspection at", "Reinspection of"),
        *("Services of", "services in", "Children's services in", "children’s Services in"),
        *("London Borough of", "Royal Borough of", "", "x", "ReInspection of", "Visits of"),
    ]
)
_PHRASE_NAMES = st.sampled_from(
    ["Kent", "North Yorkshire", "Stoke-on-Trent", "Kingston upon Hull", "Ab Cd Ef Gh Ij Kl", "x"]
)
_ENDINGS = st.sampled_from(
    [
        *("children's services", "local authority", "local authority children’s services"),
        *("Council", "County Council", "Metropolitan Borough Council", "Borough\nCouncil"),
        *("City Council", "District  Council", "Councils", "", "Youth Council", "council"),
    ]
)
_GAPS = st.sampled_from([" ", "  ", "\n", "\t ", "", "-", ", "])


@st.composite
def _phrased(draw: st.DrawFn) -> str:
    """Openings, names and endings of the subject phrases, joined by any white space."""
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        for piece in (_OPENINGS, _GAPS, _PHRASE_NAMES, _GAPS, _ENDINGS, _GAPS):
            parts.append(draw(piece))
    return "".join(parts)


_PHRASE_TEXTS = st.lists(_PHRASE_PIECES, max_size=30).map("".join) | _phrased()


@settings(max_examples=500)
@given(_PHRASE_TEXTS | st.text())
def test_subject_phrases_tried_at_their_anchors_match_as_searched_everywhere(text: str) -> None:
    """Each subject phrase tried only where one of its anchors (or, for "X Council", a capital
    before "Council") says it may start finds what its search over the whole text finds."""
    for index, (pattern, _) in enumerate(subjects._PHRASES):
        fast = [(m.span(), m.group("name")) for m in subjects._phrase_matches(index, text)]
        assert fast == [(m.span(), m.group("name")) for m in pattern.finditer(text)], index


def test_only_the_case_twins_match_an_ascii_letter_blind_to_case() -> None:
    """Where ``literal_test_holds`` (no "İ", "ı", "ſ", Kelvin sign), a case-blind match of ASCII
    letters is a match in the lower-cased text, at the same positions: no other letter outside
    ASCII matches one, and only "İ" lower-cases to more than one letter."""
    letter = re.compile("[a-z]", re.IGNORECASE)
    twins = [c for c in map(chr, range(128, sys.maxunicode + 1)) if letter.fullmatch(c)]
    assert twins == ["\u0130", "\u0131", "\u017f", "\u212a"]
    assert [c for c in map(chr, range(sys.maxunicode + 1)) if len(c.lower()) != 1] == ["\u0130"]
    assert all(not literal_test_holds(f"x{c}") for c in twins)


def _opened_patterns() -> list[Opened]:
    cues = [cue.opened for cues in document._CUES.values() for cue in cues]
    labels = [document._PUBLISHED_LABEL, document._MEETING_LABEL, document._VISIT_LABEL]
    return [*cues, *labels]


def test_every_cue_and_label_is_searched_at_its_openings() -> None:
    """The openings of each kind cue and date label are read from its source."""
    assert all(opened.openings for opened in _opened_patterns())
    assert document._MEETING_LABEL.openings == ("meeting", "date", "decision", "minutes")


_CUE_WORDS = sorted(
    {
        word
        for opened in _opened_patterns()
        for word in re.findall(r"[A-Za-z]+[’']?[a-z]*:?", opened.pattern.pattern)
        if len(word) > 1
    }
)
_CUE_TEXTS = st.lists(
    st.sampled_from(_CUE_WORDS).map(str.lower)
    | st.sampled_from(_CUE_WORDS)
    | st.sampled_from(_CUE_WORDS).map(str.upper)
    | st.sampled_from([" ", " ", "\n", ": ", ".", "-", "x", "ſ", "İ", "\u212a", "Σ", "5 May 2020"]),
    max_size=40,
).map("".join)


@settings(max_examples=300)
@given(_CUE_TEXTS, st.integers(0, 300), st.integers(0, 300))
def test_cues_and_labels_at_their_openings_match_as_searched_everywhere(
    text: str, a: int, b: int
) -> None:
    """Each kind cue and date label tried only where its openings stand finds what its search
    over the whole text (or a slice of it) finds."""
    lowered = text.lower() if literal_test_holds(text) else None
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    for opened in _opened_patterns():
        assert [m.span() for m in opened.finditer(text, lowered)] == [
            m.span() for m in opened.pattern.finditer(text)
        ]
        assert [m.span() for m in opened.finditer(text, lowered, start, end)] == [
            m.span() for m in opened.pattern.finditer(text, start, end)
        ]


_FRAGMENTS = st.sampled_from(
    [
        *("ab", "a b", "b", "x", "A", "Ba", "[ab]", "[^a]", "[]a]", "[)|]", "[]|]", r"[\]|]"),
        *(r"\s", r"\b", ".", "a?", "b*", "ab{0,2}", r"\|", r"\)"),
    ]
)


def _pattern_sources(depth: int) -> st.SearchStrategy[str]:
    """Pattern sources from literals, classes, escapes, groups, alternations, quantifiers."""
    if depth == 0:
        return _FRAGMENTS
    part = _pattern_sources(depth - 1)
    group = st.lists(part, min_size=1, max_size=3).map(lambda bs: "(?:" + "|".join(bs) + ")")
    quantified = st.tuples(group, st.sampled_from(["", "", "?", "*", "+", "{1,2}"])).map("".join)
    sequence = st.lists(part | quantified, min_size=1, max_size=3).map("".join)
    return st.lists(sequence, min_size=1, max_size=2).map("|".join)


@settings(max_examples=1000)
@given(
    _pattern_sources(0) | _pattern_sources(1) | _pattern_sources(2),
    st.booleans(),
    st.text(alphabet="abxAB |)]\n", max_size=30) | st.text(alphabet="abAB\u017f\u212a", max_size=9),
)
def test_any_pattern_at_its_openings_matches_as_searched_everywhere(
    source: str, blind: bool, text: str
) -> None:
    """The openings read from any source of literals, classes, groups and alternations are
    where every match starts: the search at them finds what the search everywhere finds."""
    pattern = re.compile(source, re.IGNORECASE if blind else 0)
    opened = Opened.of(pattern)
    lowered = text.lower() if literal_test_holds(text) else None
    assert [m.span() for m in opened.finditer(text, lowered)] == [
        m.span() for m in pattern.finditer(text)
    ]


def test_openings_read_through_groups_classes_and_quantifiers() -> None:
    """Nested groups, classes holding ")" or "|", optional letters and groups."""
    cases = {
        r"\b(?:a|(?:b|c)d)e": ("a", "b", "c"),
        r"(?:x[]|)]y|b)": ("x", "b"),
        r"(?:x[)|]|b)": ("x", "b"),
        r"(?:[)|]|b)": (),
        r"(?:ab)?c": (),
        r"dates?:": ("date",),
        r"ab{2}": ("a",),
        r"a|\bb": ("a", "b"),
        r"a|[b]": (),
    }
    for source, openings in cases.items():
        assert Opened.of(re.compile(source)).openings == openings, source
    assert Opened.of(re.compile("AB|c", re.IGNORECASE)).openings == ("ab", "c")
    assert Opened.of(re.compile("ab", re.VERBOSE)).openings == ()
