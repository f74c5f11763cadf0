"""The layout's and the findings reader's speed-ups find what the plain forms they replace find
(issue 17.4)."""

from __future__ import annotations

import re
import sys

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.reading import areas, findings, layout, sections
from timeline.reading.layout import Block
from timeline.reading.themes import normalise

# Lines of the kinds a PDF's text holds: wrapped sentences, titles run into paragraphs, running
# headers with page numbers, bullets, page numbers, blank lines, odd spaces and line breaks.
_LINES = st.sampled_from(
    [
        *("Inspection of Kent local authority children's services 3", "Page 2 of 14", "12"),
        *("Inspection of Kent  local authority children's services 14", "\tPage 3 of 14"),
        *("The experiences and progress of children in care: good", "Summary of key findings"),
        *("Recommendations", "What needs to improve?", "Areas for improvement", "(Recommendation)"),
        *("Children are seen promptly and their plans are clear.", "the plans are not", "1. Cases"),
        *(
            "- leaders know their services well",
            "• Overall effectiveness: inadequate",
            "(iv) Plans",
        ),
        *("Leaders have not ensured that", "managers oversee practice well.", "However, some", ""),
        *(" ", "\u00a0", "Overall effectiveness Inadequate", "Lead inspector: Ann Smith", "Ç", "é"),
        *("Information about this inspection", "were reviewed.", "Senior leaders¹", "x" * 120),
        *("2. The experiences and progress of children in care: good", "3 Recommendations"),
        "Senior leaders and managers have not yet ensured that the quality of practice for children"
        " in need of help and protection is consistently good across the whole service because",
    ]
)
_BREAKS = st.sampled_from(["\n", "\n", "\n", "\n\n", "\r\n", "\x0c", "\n \n", "\u2028", "\n\n\n"])


@st.composite
def _documents(draw: st.DrawFn) -> str:
    """Lines joined by line breaks of every kind."""
    lines = draw(st.lists(_LINES, max_size=30))
    return "".join(line + draw(_BREAKS) for line in lines)


_TEXTS = _documents() | st.text(alphabet="Ab1 \t\n\x0c\u00a0\u2028.:-#", max_size=200)


@settings(max_examples=300)
@given(_TEXTS)
def test_running_lines_of_a_document_are_those_of_its_lines(text: str) -> None:
    """Keys made by passes over the whole text find the running lines that testing each line
    finds."""
    assert layout._document_running.__wrapped__(text) == layout.running_lines(text.splitlines())


def _plain_continues(
    text: str, previous: tuple[int, int, str, int | None, int], start: int
) -> bool:
    """``layout._continues`` as it was written, testing the previous block's end first."""
    if previous[2] == "heading":
        return False
    tail = layout.clean(text[previous[0] : previous[1]])
    if not tail or layout._SENTENCE_END.search(tail):
        return False
    head = text[start : start + 40]
    bullet = layout._BULLET.match(head)
    if bullet is not None:
        if bullet.group("num1") or bullet.group("num2") or bullet.group("roman"):
            return False
        gap = text[previous[1] : start]
        if len(tail) < 150 or gap.count("\n") < 3:
            return False
        head = head[bullet.end() :]
    return bool(head) and (head[0].islower() or head[0] in ",;)")


@settings(max_examples=300)
@given(_documents())
def test_continuation_tests_in_either_order_agree(text: str) -> None:
    """Testing the next block's start before the previous block's end decides the same."""
    raw = layout._raw_blocks(text)
    for previous in raw:
        for block in raw:
            if block[0] >= previous[1]:
                expected = _plain_continues(text, previous, block[0])
                assert layout._continues(text, previous, block[0]) == expected


def _plain_title_at(text: str, lines: list[tuple[int, int]], i: int) -> tuple[str, int] | None:
    """``sections._title_at`` as it was written, over the block's lines by index."""
    for n in (1, 2):
        if i + n > len(lines):
            return None
        bare = text[lines[i + n - 1][0] : lines[i + n - 1][1]].strip()
        if not bare or len(bare) > sections._TITLE_CHARS or bare.endswith((".", ",", ";")):
            return None
        if bare.endswith(")") and sections.MARKER.match(bare[bare.rfind("(") :]):
            return None
        if n == 1 and not (bare[0].isupper() or bare[0].isdigit()):
            return None
        after = text[lines[i + n][0] : lines[i + n][1]].lstrip()[:1] if i + n < len(lines) else ""
        if not after.islower():
            line = normalise(layout.clean(text[lines[i][0] : lines[i + n - 1][1]])).lower()
            if sections._is_title(line):
                return line, n
    return None


def _plain_parts(text: str, block: Block) -> list[str | Block]:
    """``sections.parts`` as it was written: every line of the block tried as a title."""
    lines: list[tuple[int, int]] = []
    pos = block.start
    while pos < block.end:
        end = text.find("\n", pos, block.end)
        end = block.end if end == -1 else end
        lines.append((pos, end))
        pos = end + 1
    parts: list[str | Block] = []
    start, i = block.start, 0
    while i < len(lines):
        found = _plain_title_at(text, lines, i)
        if found is None:
            i += 1
            continue
        title, n = found
        if text[start : lines[i][0]].strip():
            parts.append(sections._piece(block, start, lines[i][0]))
        parts.append(title)
        i += n
        start = lines[i - 1][1]
    if start == block.start:
        return [block]
    if text[start : block.end].strip():
        parts.append(sections._piece(block, start, block.end))
    return parts


@settings(max_examples=300)
@given(_documents(), st.integers(0, 3))
def test_titles_found_from_candidate_lines_are_those_found_on_every_line(
    text: str, skip: int
) -> None:
    """Trying as titles only the lines that start with no lower-case letter cuts every block
    where trying every line does, including blocks starting inside a line."""
    for block in layout.blocks(text):
        assert sections.parts(text, block) == _plain_parts(text, block)
        if block.end - block.start > skip:
            inner = Block(
                start=block.start + skip, end=block.end, kind="paragraph", number=None, heading=""
            )
            assert sections.parts(text, inner) == _plain_parts(text, inner)


_HEADS = st.sampled_from(
    ["- leaders know", "• and plans", "1. cases", "(iv) plans", "and so", "Then", ", so", ""]
)


@settings(max_examples=300)
@given(st.integers(0, 200), st.integers(0, 4), st.sampled_from([".", "", ":", "1"]), _HEADS)
def test_continuation_of_a_long_paragraph_agrees(
    length: int, gap: int, stop: str, head: str
) -> None:
    """Around the length and gap a lower-case bullet needs to continue a paragraph, testing
    the next block's start first decides what testing the paragraph's end first decides."""
    paragraph = ("children wait " * 20)[:length] + stop
    text = paragraph + "\n" * gap + head
    for kind in ("paragraph", "bullet", "heading"):
        previous = (0, len(paragraph), kind, None, 0)
        start = len(paragraph) + gap
        expected = _plain_continues(text, previous, start)
        assert layout._continues(text, previous, start) == expected


def test_spaces_folded_are_every_space_but_line_breaks() -> None:
    """The spaces folded for running lines are all the white space ``str.split`` splits at,
    save the line breaks ``str.splitlines`` cuts at."""
    every = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    breaks = {c for c in every if len(f"a{c}b".splitlines()) == 2}
    assert set(layout._SPACE) == every - breaks
    assert set(layout._LINE_BREAKS) == breaks


_MARKED = st.text(alphabet="ab .,;:)1²³¹\n\t*_`#[]()xZ-", max_size=80) | _documents()


def test_a_footnote_ending_a_span_is_cleaned_as_in_the_span_alone() -> None:
    """A digit after a stop ends a span as a footnote, though the text goes on after it."""
    for text, start, end in [
        ("care.1x", 0, 6),
        ("Plans.2", 0, 7),
        ("a) b.1 2", 2, 6),
        ("x*y", 0, 2),
    ]:
        assert layout.clean_span(text, start, end) == layout.clean(text[start:end])


@settings(max_examples=300)
@given(_MARKED, st.data())
def test_a_span_cleaned_from_the_whole_text_is_the_span_cleaned(
    text: str, data: st.DataObject
) -> None:
    """Markup and footnotes found once in the whole text clean any span as cleaning the span
    alone does."""
    for _ in range(5):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, len(text)))
        assert layout.clean_span(text, start, end) == layout.clean(text[start:end])


_FURNITURE_PIECES = st.sampled_from(
    [
        *(
            "dear ",
            "yours sincerely",
            "yours faithfully",
            "lead inspector",
            "hmi",
            "hmis ",
            "x@y.z",
        ),
        *(
            "@",
            "a@",
            "@b",
            "www.gov.uk",
            "https://x",
            "the visit was carried out",
            "that it be noted",
        ),
        *("inspectors met", "inspectors were", "members asked", "in response to a question"),
        *("key judgement", "minutes", "methodology", "ofsted will take", "it is ofsted's", "hmis"),
        *("children ", "the ", "were ", "a ", "-", " ", "  ", ".", ",", "x", "9", "'", "_", "\n"),
    ]
)


@settings(max_examples=300)
@given(st.lists(_FURNITURE_PIECES, max_size=12).map("".join) | st.text(max_size=40))
def test_furniture_cues_tried_apart_find_what_their_one_pattern_finds(sentence: str) -> None:
    """The cues anchored at the start matched there, the address where there is an "@" and
    the rest searched find furniture where searching all the cues as one pattern does."""
    assert findings._is_furniture(sentence) == bool(findings._FURNITURE.search(sentence))


_AREA_PIECES = st.sampled_from(
    [
        *("the experiences and progress of children in care", "care leavers", "the ", "of "),
        *("overall effectiveness", "children who need help and protection", "1. ", ": ", "’"),
        *("leadership and management", "'", "9", "é", "‘", " ", "x", "A", "-", ".", "\n"),
    ]
)


_WORDINGS = st.sampled_from(sorted(areas._whole_wordings()))
_AREA_TEXTS = st.lists(_AREA_PIECES | _WORDINGS | _WORDINGS.map(str.title), max_size=4).map("".join)


@settings(max_examples=300)
@given(_AREA_TEXTS | st.lists(_AREA_PIECES, max_size=10).map("".join))
def test_counting_letters_first_names_the_areas_normalising_names(text: str) -> None:
    """A text too long to be a wording is no wording, as normalising all of it finds."""
    phrase = re.sub(r"^(the )?", "", areas.normalise_phrase(text))
    assert areas.match_area(text, whole=True) == areas._whole_wordings().get(phrase)


_TABLE_PIECES = st.sampled_from(
    [
        *("good", "inadequate", "outstanding", "requires improvement", "require improvement"),
        *(
            "requires improvement to be good",
            "judgement",
            "grade ",
            "areas ",
            "overall effectiveness",
        ),
        *("care leavers", "children's services in kent are", " ", "  ", ":", "-", "1", "x", "."),
        "children's services in goodshire are",
    ]
)


@settings(max_examples=300)
@given(st.lists(_TABLE_PIECES, max_size=10).map("".join))
def test_a_table_line_holds_a_grade_word(text: str) -> None:
    """A text without any grade word's letters is no table line, as splitting it at grade
    words finds."""
    pieces = findings._GRADE_WORD.split(text)
    plain = len(pieces) >= 2 and all(
        not (bare := findings._TABLE_WORDS.sub("", piece).strip(" \t.,:;-0123456789"))
        or areas.match_area(bare, whole=True) is not None
        or findings._OVERALL.fullmatch(bare)
        for piece in pieces
    )
    assert findings._is_table_line(text) == plain


_SENTENCE_TEXTS = st.text(alphabet="aZ \n\t\u00a0\u2019`\u2013İΣσ.1²*", max_size=60) | _documents()


@settings(max_examples=300)
@given(_SENTENCE_TEXTS)
def test_a_span_without_markup_folds_to_its_clean_lower_case_text(text: str) -> None:
    """Where cleaning only folds spaces, the clean lower-case text of a span is the folded
    sentence the polarity reads, so the one stands for the other."""
    if layout.folds_only(text, 0, len(text)):
        assert layout.clean(text) == " ".join(text.split())
        assert sections.lower(text, 0, len(text)) == findings._fold(text)


_CLAIMS = st.sampled_from(
    [
        *("judged", "rated ", "grade ", "'good'", '"inadequate"', "no longer ", "not ", "good"),
        *("requires improvement to be good", "inadequate judgement", "outstanding", " ", "x", "."),
        *("improvement", "require improvement", "judgements ", "the service", ";", "2014 "),
    ]
)


@settings(max_examples=300)
@given(st.lists(_CLAIMS, max_size=10).map("".join))
def test_grade_claims_are_set_aside_only_where_a_grade_is_named(folded: str) -> None:
    """Testing for a grade's letters before setting grade claims aside changes nothing."""
    assert findings._GRADE_CLAIM.sub(" ", folded) == (
        findings._GRADE_CLAIM.sub(" ", folded)
        if any(g in folded for g in ("good", "inadequate", "outstanding", "improvement"))
        else folded
    )


def _plain_raw_blocks(text: str) -> list[tuple[int, int, str, int | None, int]]:
    """``layout._raw_blocks`` as it was written: both patterns tried on every line."""
    lines = []
    pos = 0
    for whole in text.splitlines(keepends=True):
        lines.append((pos, pos + len(whole.rstrip("\r\n"))))
        pos += len(whole)
    running = layout._document_running(text)
    out: list[tuple[int, int, str, int | None, int]] = []
    current: list[int | None] | None = None
    gap = True
    for i, (start, end) in enumerate(lines):
        line = text[start:end]
        if (
            not line.strip()
            or layout._PAGE_NUMBER.match(line)
            or (gap and current is None and layout.is_running(line, running))
        ):
            gap = True
            if current is not None:
                out.append(_closed(current))
                current = None
            continue
        gap = False
        match = layout._BULLET.match(line)
        if match:
            if current is not None:
                out.append(_closed(current))
            number: int | None = None
            if match.group("num1") or match.group("num2"):
                number = int(match.group("num1") or match.group("num2"))
            elif match.group("roman"):
                number = layout._roman(match.group("roman"))
            depth = 1 if line[:1] in (" ", "\t") and line.lstrip()[:1] in "-*•·" else 0
            current = [start + len(line) - len(line.lstrip()), end, 1, number, depth]
            continue
        next_blank = i + 1 >= len(lines) or not text[lines[i + 1][0] : lines[i + 1][1]].strip()
        if current is None:
            lead = len(line) - len(line.lstrip())
            j = i + 1
            while j < len(lines) and not text[lines[j][0] : lines[j][1]].strip():
                j += 1
            following = text[lines[j][0] : lines[j][1]].strip() if j < len(lines) else ""
            if layout._is_heading(line, next_blank, following):
                out.append((start + lead, end, "heading", None, 0))
            else:
                current = [start + lead, end, 0, None, 0]
        else:
            current[1] = end
    if current is not None:
        out.append(_closed(current))
    return out


def _closed(current: list[int | None]) -> tuple[int, int, str, int | None, int]:
    start, end, kind, number, depth = current
    assert start is not None
    assert end is not None
    assert kind is not None
    assert depth is not None
    return (start, end, ("paragraph", "bullet")[kind], number, depth)


_LAYOUT_LINES = st.sampled_from(
    [
        *("Page 4", "page 12 of 30", " 7 ", "P", "p", "٣", "12", "(3) Plans", "(iv) Plans"),
        *("  - nested item", "\t• item", "▪ item", "● item", "◦ item", "3. Cases", "3) Cases"),
        *("1.5 million", "(a) item", "-item", "*", "(", "1", "Pages", "  ", "\u00a0x", "\x0cX"),
    ]
)


@settings(max_examples=300)
@given(st.lists(_LINES | _LAYOUT_LINES, max_size=30).map("\n".join) | _documents())
def test_lines_tried_as_page_numbers_and_list_items_only_where_they_can_be(text: str) -> None:
    """Trying the page-number and list-marker patterns only on lines whose first character
    allows them groups lines into the blocks trying them on every line does."""
    assert layout._raw_blocks(text) == _plain_raw_blocks(text)


_BLOCK_TEXTS = st.lists(
    _LINES
    | _LAYOUT_LINES
    | st.sampled_from(
        [
            *(
                "Recommendations.",
                "(Recommendation)",
                "Actions.",
                "actions",
                "Área.",
                "İnspectors.",
            ),
            *("ΣΑΣ. Plans.", "care.1 Next.", "in 2019", "**Lead inspector**.", "[x](y). Z."),
            *("Areas for improvement", "(areas for improvement).", "Dear Sir.", "x@y.z was seen."),
        ]
    ),
    max_size=12,
).map("\n".join)


@settings(max_examples=300)
@given(_BLOCK_TEXTS | _documents())
def test_sentences_cut_from_the_folded_block_are_those_folded_one_by_one(text: str) -> None:
    """Cutting each sentence's lower-case text from its block folded once gives the spans,
    texts and plainness that cleaning and folding each sentence alone gives."""
    for block in layout.blocks(text):
        expected = [
            ((a, b), sections.lower(text, a, b), layout.folds_only(text, a, b))
            for a, b in findings._spans(text, block)
        ]
        assert findings._read_sentences(text, block) == expected


def _plain_segments(text: str, block: Block) -> list[Block]:
    """``findings._segments`` as it was written: every line's end counted."""
    lines = text[block.start : block.end].split("\n")
    if max(len(line) for line in lines) <= findings._LONG_LINE:
        ends = sum(1 for line in lines if findings._PARAGRAPH_END.search(line))
        if len(lines) < findings._SHORT_LINES or ends < 0.75 * len(lines):
            return [block]
    out: list[Block] = []
    start = pos = block.start
    for line in lines[:-1]:
        pos += len(line) + 1
        head = text[pos : block.end].lstrip()[:1]
        if findings._PARAGRAPH_END.search(line) and (head.isupper() or head in "\"'\u201c\u2018"):
            out.append(attrs.evolve(block, start=start, end=pos - 1))
            block = attrs.evolve(block, kind="paragraph", number=None)
            start = pos
    out.append(attrs.evolve(block, start=start))
    return [b for b in out if text[b.start : b.end].strip()]


_WEB_LINES = st.sampled_from(
    [
        *("Children are safe.", "Plans are clear!", "Why?", 'He said "yes."', "(See above.)"),
        *("and so on", "The end", "x" * 210, "Leaders know.\u201d", "", " ", "Next."),
    ]
)


@settings(max_examples=300)
@given(st.lists(_WEB_LINES | _LINES, min_size=1, max_size=12).map("\n".join))
def test_counting_line_ends_until_too_few_remain_cuts_as_counting_all(text: str) -> None:
    """Stopping the count of lines ending a sentence once too few can remain cuts a block
    into the paragraphs counting every line does."""
    if not text.strip():
        return
    block = Block(start=0, end=len(text), kind="paragraph", number=None, heading="")
    assert findings._segments(text, block) == _plain_segments(text, block)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(["a", "b.", "c,", ":", "x y", "d"]), max_size=20).map(" ".join))
def test_a_line_with_many_spaces_is_not_heading_like(text: str) -> None:
    """A clean text with more than 15 spaces has more than 16 words: never heading-like."""
    if text.count(" ") > findings._HEADING_WORDS - 1:
        assert findings._HEADING_LIKE.fullmatch(text) is None


_TITLE_ENDS = st.sampled_from(
    [
        *(
            ": good",
            " \u2013 inadequate",
            " is outstanding",
            " are requires improvement to be good",
        ),
        *(" require improvement.", "good", " - good.", "  good", "\tgood", "\u00a0good", " good"),
        *("x" * 30, "the experiences and progress of children in care", " ", "  ", ":", "is", "."),
        *(" " * 50, " " * 100, "\n" * 30),
    ]
)


@settings(max_examples=300)
@given(st.lists(_TITLE_ENDS, max_size=8).map("".join))
def test_a_title_grade_found_in_the_last_characters_is_the_one_the_whole_text_holds(
    text: str,
) -> None:
    """Searching only the end of a text single-spaced there takes off the grade that
    substituting over the whole text does."""
    assert sections._without_title_grade(text) == sections._TITLE_GRADE.sub("", text)


def test_markup_characters_scanned_for_are_those_the_markup_pattern_opens_with() -> None:
    """The characters found one by one are exactly those ``clean`` tests for markup."""
    opening = {chr(c) for c in range(0x3000) if layout._MARKUP_START.match(chr(c))}
    assert opening == set(layout._MARKUP_CHARS)


@settings(max_examples=300)
@given(_BLOCK_TEXTS | _documents())
def test_a_block_folded_once_gives_its_clean_lower_case_text(text: str) -> None:
    """A block's clean lower-case text made from its folded text is the one cleaning and
    folding it gives."""
    for block in layout.blocks(text):
        expected = sections.lower(text, block.start, block.end)
        assert findings._lower_block(text, block.start, block.end) == expected


def _plain_clean(text: str) -> str:
    """``layout.clean`` as it was written: both patterns searched for."""
    if layout._MARKUP_START.search(text):
        text = layout._MARKUP.sub(lambda m: m.group(1) or "", text)
    return " ".join(layout._FOOTNOTE.sub("", text).split())


@settings(max_examples=300)
@given(st.text(alphabet="ab.,;:)0123456789²³¹٣\n\t *_`#[]()xZ-é", max_size=60) | _documents())
def test_clean_tests_for_markup_and_digits_before_searching(text: str) -> None:
    """Searching for markup and footnotes only where their characters are cleans as searching
    everywhere does."""
    assert layout.clean.__wrapped__(text) == _plain_clean(text)


def test_a_footnote_of_each_digit_is_cleaned() -> None:
    """Each digit after a word's stop is a footnote the digit tests let through."""
    for digit in "0123456789":
        for text in (f"Children are safe.{digit} Next", f"care,{digit}", f"[a](b) x;{digit}"):
            assert layout.clean.__wrapped__(text) == _plain_clean(text)
