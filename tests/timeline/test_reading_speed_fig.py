"""Fast forms in the figures reader give what their plain forms give.

Each plain form below is the code it replaced, kept as the specification; hypothesis compares
the two on generated text and the examples on the seed documents' sentences.
"""

from __future__ import annotations

import functools
import re
import string
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from timeline.reading import figures, figures_comparators, figures_keys, metrics, numbers
from timeline.reading.layout import Block, blocks, sentences
from timeline.reading.literals import literal_test_holds

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

_PIECES = [
    *numbers._WORDS,
    *(w.upper() for w in numbers._WORDS),
    *(w.capitalize() for w in numbers._WORDS),
    "nineTEEN",
    "forty-two",
    "Twenty one",
    "someone",
    "often",
    "zone",
    "Zone",
    "3one",
    "12",
    "0.5",
    "1,870",
    "2017",
    "\u0663",  # an Arabic-Indic digit: \d
    "33%",
    "7 per cent",
    "12 per 10,000 children",
    "section 47",
    "aged 16",
    "ſix",
    "K",
    "İ",
    "ı",
    "Σ",
    "ΑΣ ",
    " ",
    "\n",
    ".",
    ",",
    "-",
    "(",
    "\u2019",
    "of",
    "the",
    "children",
]
_TEXT = st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), max_size=30).map("".join)
_SHORT = st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), max_size=6).map("".join)


@functools.cache
def _seed_sentences() -> tuple[tuple[str, tuple[tuple[int, int], ...]], ...]:
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text("utf-8")
        spans = tuple((s.start, s.end) for b in blocks(text) for s in sentences(text, b))
        out.append((text, spans))
    return tuple(out)


# -- numbers.NumberScan.may_hold ------------------------------------------------------------


def _plain_may_hold_number(text: str, start: int, end: int) -> bool:
    """``numbers._may_hold_number``: a digit, a letter the literal test cannot see through, or a
    number word anywhere."""
    span = text[start:end]
    if re.search(r"\d", span) or not literal_test_holds(span):
        return True
    return any(word in span.lower() for word in numbers._WORDS)


def _plain_scan(text: str, start: int, end: int) -> bool:
    """The specification of ``NumberScan.may_hold``: a digit, or a number word after no ASCII
    letter or digit in the lower-cased text (where lower-casing keeps every letter's place)."""
    lowered = text.lower()
    if len(lowered) != len(text) or not literal_test_holds(text):
        return _plain_may_hold_number(text, start, end)
    if re.search(r"\d", text[start:end]):
        return True
    return any(
        lowered.startswith(word, i, end)
        for i in range(start, end)
        if i == 0 or lowered[i - 1] not in string.ascii_lowercase + string.digits
        for word in numbers._WORDS
    )


@given(_SHORT)
def test_a_scan_finds_what_the_plain_test_finds(text: str) -> None:
    scan = numbers.NumberScan(text)
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            may = scan.may_hold(start, end)
            assert may == _plain_scan(text, start, end), (start, end)
            assert numbers._may_hold_number(text, start, end) == _plain_may_hold_number(
                text, start, end
            )
            # What matters: a span the scan leaves out holds no number.
            assert may or not list(numbers.numbers_in(text, start, end)), (start, end)


def test_a_scan_finds_what_the_plain_test_finds_in_real_sentences() -> None:
    held = left = 0
    for text, spans in _seed_sentences():
        scan = numbers.NumberScan(text)
        for start, end in spans:
            may = scan.may_hold(start, end)
            assert may == _plain_scan(text, start, end), text[start:end]
            held += may
            if not may:  # the sentences left out hold no number
                assert not list(numbers.numbers_in(text, start, end))
                left += _plain_may_hold_number(text, start, end)
    assert held > 100
    assert left > 10  # words inside words ("someone", "often") are left out too


def test_the_needles_are_number_words_every_number_word_holds_one_of() -> None:
    assert set(numbers._NEEDLES) <= set(numbers._WORDS)
    assert all(any(n in w for n in numbers._NEEDLES) for w in numbers._WORDS)


# -- figures_keys: which of many strings a text holds ----------------------------------------

_LETTERS = st.text("abc .", max_size=4)


@given(st.lists(_LETTERS.filter(bool), min_size=1, max_size=8), st.text("abc .", max_size=30))
def test_a_key_finder_finds_the_keys_a_text_holds(keys: list[str], text: str) -> None:
    assert figures_keys.KeyFinder(keys).present(text) == {k for k in keys if k in text}
    pattern = re.compile(figures_keys.alternation(keys))
    assert all(pattern.fullmatch(k) for k in keys)
    assert (pattern.search(text) is not None) == any(k in text for k in keys)


def test_a_key_finder_without_keys_finds_none() -> None:
    assert figures_keys.KeyFinder([]).present("anything") == set()


# -- metrics._matches ------------------------------------------------------------------------


def _plain_matches(text: str, population: bool) -> list[tuple[int, int, str]]:
    """The specification: every phrase tried in catalogue order, its words tested first."""
    lowered = text.lower() if literal_test_holds(text) else None
    out = []
    for phrase in metrics.catalogue().phrases[population]:
        if lowered is not None and (phrase.key not in lowered or not phrase.needs.met_by(lowered)):
            continue
        out += [(m.start(), m.end(), phrase.metric.key) for m in phrase.pattern.finditer(text)]
    return out


def _fast_matches(text: str, population: bool) -> list[tuple[int, int, str]]:
    return [(s, e, metric.key) for s, e, metric in metrics._matches(text, population)]


def _catalogue_words() -> list[str]:
    found: set[str] = set()
    for phrases in metrics.catalogue().phrases.values():
        for phrase in phrases:
            found.update(phrase.needs.runs)
            for branches in phrase.needs.choices:
                found.update(b for b in branches if isinstance(b, str))
    return sorted(found)


_CATALOGUE_WORDS = _catalogue_words()
_WINDOW = st.lists(
    st.sampled_from(_CATALOGUE_WORDS)
    | st.sampled_from(_CATALOGUE_WORDS).map(str.upper)
    | st.sampled_from(_CATALOGUE_WORDS).map(str.capitalize)
    | st.sampled_from([" ", ", ", "'", "\u2019", "ſ", "K", "İ", "s", "children", "of", "the"])
    | st.text(max_size=3),
    max_size=10,
).map("".join)


@given(_WINDOW)
def test_phrases_matched_fast_are_those_matched_plainly(window: str) -> None:
    for population in (False, True):
        assert _fast_matches(window, population) == _plain_matches(window, population)


def test_phrases_matched_fast_are_those_matched_plainly_around_real_numbers() -> None:
    hits = 0
    for text, spans in _seed_sentences():
        for start, end in spans:
            for number in numbers.numbers_in(text, start, end):
                for window in (text[start : number.start], text[number.end : end]):
                    for population in (False, True):
                        found = _fast_matches(window, population)
                        assert found == _plain_matches(window, population), window
                        hits += bool(found)
    assert hits > 50


def _spans(
    pattern: re.Pattern[str], text: str
) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


# -- figures and metrics: patterns searched for around every figure --------------------------

# Each fast pattern, and whole matches of it that start in every way a match can.
_OPENED = {
    figures._INSPECTORS: [
        "inspectors reviewed",
        "inspector looked at",
        "HMI spoke",
        "HMIs saw",
        "we met",
        "inspectors also sampled",
    ],
    figures._ANCHOR: [
        "at the time of the inspection",
        "during the time of our visit",
        "currently",
        "at present",
        "at this visit",
        "in the last 12 months",
        "in the past year",
        "the six months preceding the inspection",
        "the months before the visit",
        "since the last inspection",
    ],
    figures._FINANCIAL_YEAR: ["in 2016-17", "during 2016\u201317", "for 2016/17", "over 2016 - 17"],
    figures._NOT_AS_AT: [
        *(
            f"{w} "
            for w in [
                "since",
                "from",
                "until",
                "till",
                "between",
                "before",
                "after",
                "following",
                "by",
                "published",
                "dated",
            ]
        ),
        "prior to ",
        "from the ",
    ],
    figures._EARLIER_FROM: ["from ", "from a rate of ", "from approximately ", "from around "],
    figures._EARLIER_COMPARED: ["compared with ", "compared to ", "against ", "previously "],
    figures._SHARE: ["of whom ", "of which, ", "of these ", "of those ", "of them ", "including "],
    figures._CHANGE_BY: [
        *(
            f"{w} of "
            for w in [
                "increase",
                "rise",
                "reduction",
                "decrease",
                "fall",
                "drop",
                "growth",
                "decline",
            ]
        ),
        *(
            f"{w} by "
            for w in [
                "increased",
                "rose",
                "risen",
                "reduced",
                "decreased",
                "fell",
                "fallen",
                "dropped",
                "grew",
            ]
        ),
        "declines of ",
        "increases by ",
    ],
    metrics._COMPLEMENT: [
        *(f"{w} " for w in ["is", "was", "are", "were", "be", "been", "reached", "to", "of"]),
        "stood at",
        "stands at ",
    ],
}
_PLAIN_OPENED = {
    fast: re.compile(re.sub(r"^\(\?=(?:\[[^]]*\]|\w)\)", "", fast.pattern), fast.flags)
    for fast in _OPENED
}


def _variants(phrase: str) -> list[str]:
    """The phrase in other cases, and with letters a case-blind search equates with ASCII."""
    return [
        phrase,
        phrase.upper(),
        phrase.capitalize(),
        phrase.replace("s", "ſ"),
        phrase.replace("i", "İ"),
        phrase.replace("i", "ı"),
    ]


def test_the_fast_opened_patterns_are_the_plain_ones_with_a_lookahead() -> None:
    for fast, plain in _PLAIN_OPENED.items():
        assert fast.pattern != plain.pattern
        assert fast.pattern.endswith(plain.pattern)
        assert fast.flags == plain.flags


def test_opened_patterns_find_what_the_plain_ones_find_however_a_match_starts() -> None:
    for fast, phrases in _OPENED.items():
        plain = _PLAIN_OPENED[fast]
        for phrase in phrases:
            assert plain.search(phrase), phrase  # the examples are matches
            for variant in _variants(phrase):
                for text in (variant, f"x {variant}", f"The {variant} 45", f"12\n{variant}"):
                    assert _spans(fast, text) == _spans(plain, text), (fast.pattern, text)


_AROUND = st.lists(
    st.sampled_from([v for phrases in _OPENED.values() for p in phrases for v in _variants(p)])
    | st.sampled_from([" ", "  ", "\n", "(", ",", "12", "children", "the", "ſ", "K"])
    | st.text(max_size=3),
    max_size=8,
).map("".join)


@given(_AROUND)
def test_opened_patterns_find_what_the_plain_ones_find(text: str) -> None:
    for fast, plain in _PLAIN_OPENED.items():
        assert _spans(fast, text) == _spans(plain, text), fast.pattern


# -- figures: comparators are looked for only where their words are --------------------------

_COMPARATOR_WORDS = [
    "statistical neighbours",
    "statistical neighbour's average",
    "similar local authorities",
    "similar authorities",
    "comparator authorities",
    "the England average",
    "England's average",
    "average for England",
    "average across England",
    "English average",
    "England",
    "national average",
    "national rate",
    "nationally",
    "the country as a whole",
    "regional average",
    "the region",
]
_COMPARATOR_VARIANTS = [v for w in _COMPARATOR_WORDS for v in _variants(w)]
_NEAR_A_FIGURE = st.lists(
    st.sampled_from(_COMPARATOR_VARIANTS)
    | st.sampled_from([" ", " is ", " was ", " of ", "(", " (", "for ", "in ", "ſ", "K", "İ"])
    | st.text(max_size=3),
    max_size=6,
).map("".join)


def _names_comparator(text: str) -> bool:
    """The plain test: some comparator's pattern finds its wording before or after a figure."""
    metrics_ = metrics.catalogue()
    return any(p.search(text) for p in metrics_.before.values()) or any(
        p.match(text) for p in metrics_.after.values()
    )


@given(_NEAR_A_FIGURE)
def test_comparators_are_named_only_where_their_words_are(text: str) -> None:
    assert figures_comparators.may_name_comparator(text) or not _names_comparator(text)


def test_comparators_are_named_only_where_their_words_are_in_every_wording() -> None:
    for wording in _COMPARATOR_VARIANTS:
        for before in ("", "(", "x ", " ", "for ", "In "):
            for after in ("", " is ", " (", " of ", ")", " was 12"):
                text = f"{before}{wording}{after}"
                assert figures_comparators.may_name_comparator(text) or not _names_comparator(
                    text
                ), text


def test_comparators_are_named_only_where_their_words_are_around_real_figures() -> None:
    named = 0
    for text, spans in _seed_sentences():
        for start, end in spans:
            for n in numbers.numbers_in(text, start, end):
                for window in (text[max(start, n.start - 80) : n.start], text[n.end : n.end + 40]):
                    found = _names_comparator(window)
                    assert figures_comparators.may_name_comparator(window) or not found, window
                    named += found
    assert named > 5


# -- numbers._is_junk: years and phone numbers tested first -----------------------------------


def _plain_is_junk(text: str, m: re.Match[str], start: int) -> bool:
    """The specification: the words around the number first, then what kind of number it is."""
    a, b = m.span()
    before, after = text[max(start, a - 30) : a], text[b : b + 30]
    if (
        numbers._JUNK_BEFORE.search(before)
        or numbers._JUNK_AFTER.match(after)
        or numbers._laid_out_before(text, a)
    ):
        return True
    unitless = not (m["pct"] or m["r10k"] or m["r1k"])
    if m["word"]:
        return unitless and bool(
            numbers._WORD_JUNK_BEFORE.search(before) or numbers._WORD_JUNK_AFTER.match(after)
        )
    digits = m["digits"]
    return (
        (digits.startswith("0") and len(digits) > 1 and not digits.startswith("0."))
        or (unitless and re.fullmatch(r"(?:19|20)\d\d", digits) is not None)
        or (
            unitless
            and bool(numbers._THRESHOLD.search(before) and numbers._CLAUSE_AFTER.match(after))
        )
        or (
            unitless
            and numbers._marks_only_before(text, a)
            and bool(numbers._LIST_NUMBER_AFTER.match(after))
        )
    )


_AROUND_NUMBERS = st.lists(
    st.sampled_from(_PIECES)
    | st.sampled_from(
        [
            "0300 123 4567",
            "01",
            "0.5",
            "07.5",
            "1999",
            "2099",
            "1899",
            "2017%",
            "section ",
            "aged ",
            "over ",
            "more than ",
            " years",
            " million",
            " and",
            ".",
            "\n- ",
            "\n1. ",
            "\t",
            "   ",
            " of ",
            "the ",
            " times",
        ]
    )
    | st.text(max_size=2),
    max_size=12,
).map("".join)


@given(_AROUND_NUMBERS, st.integers(0, 5))
def test_junk_numbers_found_fast_are_those_found_plainly(text: str, start: int) -> None:
    start = min(start, len(text))
    for m in numbers._NUMBER.finditer(text, start):
        assert numbers._is_junk(text, m, start) == _plain_is_junk(text, m, start), m


def test_junk_numbers_found_fast_are_those_found_plainly_in_real_sentences() -> None:
    junk = 0
    for text, spans in _seed_sentences():
        for start, end in spans:
            for m in numbers._NUMBER.finditer(text, start, end):
                found = numbers._is_junk(text, m, start)
                assert found == _plain_is_junk(text, m, start), m
                junk += found
    assert junk > 50


def test_junk_numbers_found_fast_are_those_found_plainly_in_every_context() -> None:
    numbers_ = ["0.5", "0", "00", "07", "0300", "1999", "2017", "2017%", "12", "1,870", "seven"]
    contexts = [
        "{}",
        "x {} y",
        "a rate of {} children",
        "section {}",
        "over {}.",
        "\n- {} Apples",
        "in {} and",
        "\t{}",
        "aged {} years",
    ]
    for number in numbers_:
        for context in contexts:
            text = context.format(number)
            for m in numbers._NUMBER.finditer(text):
                assert numbers._is_junk(text, m, 0) == _plain_is_junk(text, m, 0), text


# -- figures: financial years are searched for only where a year runs into another ---------


def _financial_years_are_gated(text: str) -> None:
    for m in figures._FINANCIAL_YEAR.finditer(text):
        assert figures._YEAR_TO_YEAR.search(text, m.start(), m.end()) is not None, text


@given(_AROUND)
def test_every_financial_year_holds_a_year_running_into_another(text: str) -> None:
    _financial_years_are_gated(text)


def test_every_financial_year_holds_a_year_running_into_another_in_every_form() -> None:
    for phrase in _OPENED[figures._FINANCIAL_YEAR]:
        for variant in _variants(phrase):
            for year in ("2016-17", "2020 \u2013 21", "2099/00", "2016- 17"):
                text = variant.replace("2016-17", year).replace("2016\u201317", year)
                _financial_years_are_gated(f"x {text}.")
                assert figures._FINANCIAL_YEAR.search(variant), variant  # the examples match


# -- figures: a block is cleaned to see whether it ends in ":" only if it holds one ---------

_MARKED_UP = st.lists(
    st.sampled_from(
        [
            ":",
            "::",
            "*",
            "**",
            "_",
            "`",
            "#",
            "[",
            "]",
            "(",
            ")",
            "[see](",
            "[a:](b)",
            "[:](x)",
            "](#:)",
            "Key findings",
            "a.",
            "1",
            "²",
            "³:",
            " ",
            "  ",
            "\n",
            "\t",
            "- ",
            "12. ",
            "\u00a0",
        ]
    )
    | st.text(max_size=3),
    max_size=20,
).map("".join)


def _plain_ends_in_colon(text: str, block: Block) -> bool:
    """The specification: the block's cleaned text ends in a colon."""
    return block.text(text).endswith(":")


def _block(start: int, end: int, kind: str = "paragraph") -> Block:
    return Block(start=start, end=end, kind=kind, number=None, heading="")


@given(_MARKED_UP)
def test_a_block_ends_in_a_colon_as_its_cleaned_text_does(text: str) -> None:
    for block in blocks(text):
        assert figures._ends_in_colon(text, block) == _plain_ends_in_colon(text, block), block
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            block = _block(start, end)
            assert figures._ends_in_colon(text, block) == _plain_ends_in_colon(text, block)


def test_a_block_ends_in_a_colon_as_its_cleaned_text_does_in_real_documents() -> None:
    ending = 0
    for text, _spans in _seed_sentences():
        for block in blocks(text):
            plain = _plain_ends_in_colon(text, block)
            assert figures._ends_in_colon(text, block) == plain, block.text(text)
            ending += plain
    assert ending > 5  # lists are introduced so
    for text in ("**Key findings:**", "See [the plan:](p.pdf)", "Children:\u00b9", "Next: *"):
        block = _block(0, len(text))
        assert figures._ends_in_colon(text, block) == _plain_ends_in_colon(text, block), text
