"""Findings: evaluative paragraphs, bullets and sentences, with their themes and polarity.

A finding is a run of consecutive sentences of a paragraph or bullet that read the same way
(polarity is read by ``polarity``): a uniform paragraph is one finding, one that turns from a
strength to a weakness is two, and a sentence that evaluates nothing is in none. Letter
furniture, judgement tables, grade claims, recommendation and scope lists, the area's
statistics and grade descriptors are not findings; section titles that PDF text runs into the
paragraph after them still open their sections.
"""

from __future__ import annotations

import functools
import re

import attrs

from events import Area, FindingRecorded, Polarity
from timeline.reading.areas import area_for_heading, match_area
from timeline.reading.context import DocumentContext
from timeline.reading.cues import cue_pattern
from timeline.reading.layout import Block, clean, clean_span, folds_only, sentences, unbroken
from timeline.reading.literals import Prefiltered
from timeline.reading.polarity import judge, sentence_polarity
from timeline.reading.themes import normalise, themes_in

__all__ = ["read_findings"]


_GRADE = r"(?:inadequate|outstanding|good|requires? improvement(?: to be good)?)"
# A grade claimed for a service is a judgement, read elsewhere, not a finding.
_GRADE_CLAIM = Prefiltered.of(
    re.compile(
        rf"(?:no longer )?['\"]{_GRADE}['\"]"
        rf"|(?:no longer )?\b(?:judged|rated|graded|judge?ments?|ratings?|grades?)\b"
        rf"(?:(?!\bnot\b)[^.;]){{0,60}}?(?:no longer )?\b{_GRADE}\b"
        r"|\b(?:inadequate|good|outstanding) (?:\w+ )?(?:judge?ments?|ratings?|grades?)\b"
        r"|\brequires? improvement to be good\b"
    )
)
_GRADE_WORD = re.compile(rf"\b{_GRADE}\b")
_TABLE_WORDS = re.compile(r"^(?:\W*(?:judge?ments?|grades?|areas?)\b)+")
_OVERALL = re.compile(
    r"(?:children's services|services for children)(?: in [^.]{1,60})? (?:are|is)"
)
# A grade table prints the area and its grade with nothing between ("Overall effectiveness
# Inadequate"); the title must then be the area's whole name, which area_for_heading checks.
_TITLE_GRADE = re.compile(rf"\s*(?:[:\u2013-]|\b(?:is|are)\b)?\s*\b{_GRADE}\.?$")
# A short line with no full stop is a heading whatever the layout made of it ("What needs to
# improve?", "The experiences and progress of children in care: good").
_HEADING_WORDS = 16
_HEADING_LIKE = re.compile(rf"(?:\S+ ){{0,{_HEADING_WORDS - 1}}}\S+(?<![.,;:])")
_GRADED_AREA = re.compile(r"^the graded judgement (?:about|for|on) (?P<area>.+?) is that\b")
# Sections of recommendations, scope, contents or the area's statistics.
_SKIP_SECTION = cue_pattern(r"""
    recommendations?; what needs to improve; areas? for (?:improvement|development); actions?
    next steps; areas covered; scope of; contents; information about (?:this|the) local authority
    previous (?:ofsted )?inspections; local leadership; in this area
    ^information about this inspection; ^the inspection team; ^what the inspection judge?ments mean
""")
_TITLE_WORDS = 8  # the most words of a skipped section's title run into the paragraph after it
_TITLE_CHARS = 100  # the longest line a title run into a paragraph may be
# After these a document has nothing more to evaluate. ("Information about this inspection"
# ends some reports, and opens others: its section is skipped instead.)
_END_MATTER = cue_pattern(r"""
    ^yours (?:sincerely|faithfully); ^supporting documents
""")
# Headings that divide an area's section without leaving it.
# ("Grade 3 (Adequate)" in the looked-after children inspections before 2013.)
_WITHIN_AREA = re.compile(
    rf"^(?:{_GRADE}|summary|(?:inspection |key |main )?findings"
    r"|grade \d \((?:outstanding|good|adequate|inadequate)\))$"
)
# Titles of sections that hold findings, which a skipped section before them ends.
_FINDINGS_TITLE = cue_pattern(r"""
    ^(?:executive )?summary(?: of (?:key )?findings| for children and young people)?$
    ^inspection judge?ments about (?:the|this) local authority$; ^inspection findings\b
    ^key strengths and weaknesses\b
""")
# A list introduced like this holds recommendations, actions or the scope of a visit.
_LIST_INTRO = cue_pattern(r"""
    recommend\w*; actions?; improve\w*; evaluated; focus(?:ed)? on; themes; areas covered
    considered; judge?ments
""")
_FURNITURE_CUES = r"""
    ^dear; yours (?:sincerely|faithfully); i am copying this letter; will (?:also )?be published
    this letter (?:summarises|sets out|confirms|will); (?:her|his) majesty's (?:chief )?inspectors?
    hmis?; inspectors? (?:were|was); lead inspector; methodology; ofsted will take
    (?:this|the) (?:visit|inspection|review) was (?:carried out|conducted|led|undertaken)
    into account when planning; ^based on the evidence; was given the opportunity to review
    ^inspectors (?:considered|reviewed|looked|read|spoke|met|evaluated|scrutinised|sampled)
    could be accessed; ^that .*be (?:noted|agreed|approved|endorsed); ^(?:resolved|decision)
    ^(?:minutes|supporting documents); ^members thanked
    ^(?:inspection dates?|report published|date of (?:visit|inspection)); www\.\S+; \S+@\S+
    https?://\S+; you may reuse this information; ^what does the local authority need to improve
    ^key judgements?\b; it is ofsted's
    ^(?:further )?(?:information|clarification|assurance) (?:was|were) (?:sought|requested)
    ^(?:members|councillors|the committee|the panel) (?:asked|queried|questioned|sought|enquired)
    ^(?:members|councillors|the committee|the panel|a member) (?:requested|discussed|raised)
    ^in response to (?:a |the )?(?:question|query|queries)
"""
_FURNITURE = cue_pattern(_FURNITURE_CUES)  # what _is_furniture finds, in one search
_CUES = [a.strip() for line in _FURNITURE_CUES.splitlines() for a in line.split(";") if a.strip()]
# Searched for as one pattern, the cues cost more than the rest of a sentence's reading. Those
# anchored at the start are tried there only, and an address, which opens with no letter to
# look for, only where there is an "@".
_ADDRESS = r"\S+@\S+"
_FURNITURE_OPENING = cue_pattern("\n".join(c for c in _CUES if c.startswith("^")))
_FURNITURE_ANYWHERE = cue_pattern(
    "\n".join(c for c in _CUES if not c.startswith("^") and c != _ADDRESS)
)
_FURNITURE_ADDRESS = cue_pattern(_ADDRESS)

# A sentence opening this way speaks of what the sentence before it named: it points back
# ("this", "they"), draws its consequence, or qualifies how many it holds for.
_REFERS_BACK = re.compile(
    r"(?:however|but|although|though|nonetheless|nevertheless|yet|despite this|in addition"
    r"|additionally|furthermore|also|equally|while|overall)?[,\s]*"
    r"(?:this|these|that|those|it|they|such|the impact|as a result|consequently|therefore"
    r"|(?:in|for|with)?\s*(?:a small number|a few|a minority|the majority|the vast majority"
    r"|some|too many|most|many|a number|not all|all)\b(?: of)?(?: (?:the )?(?:cases|children"
    r"|young people|families|records|plans))?)\b",
    re.I,
)
# A sentence that opens by turning on the one before ("However, in too many cases ..."), or that
# names "this work" or "these children", is about what the sentence before it named.
_TURNS_ON = re.compile(
    r"(?:however|but|although|though|nonetheless|nevertheless|notwithstanding|despite|yet|while"
    r"|whilst|in addition|additionally|furthermore|moreover|as a result|consequently|in turn"
    r"|similarly|likewise|equally)\b",
    re.I,
)
_BACK_REFERENCE = re.compile(
    r"\b(?:this|these|those|such|the same) (?:work|issues?|areas?|practice|services?|approach"
    r"|model|teams?|groups?|support|arrangements?|children|young people|cases|famil(?:y|ies)"
    r"|concerns?|developments?|improvements?|shortfalls?|weakness(?:es)?|changes?|actions?"
    r"|plans?|process(?:es)?|initiatives?|provision|activity|focus|deficits?|gaps?|problems?"
    r"|strengths?|progress|findings?|recommendations?|priorit(?:y|ies)|aspects?|measures?)\b",
    re.I,
)
_MARKER = re.compile(r"^\(?(?:recommendations?|areas? for improvement|actions?)\)?\.?$", re.I)
_PARAGRAPH_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s*$")
_LONG_LINE = 200  # characters; longer lines mean one paragraph a line, not wrapped text
_SHORT_LINES = 3  # lines at least, nearly all ending a sentence, for short paragraphs a line


def _is_furniture(lowered: str) -> bool:
    """Whether ``_FURNITURE`` finds a cue in a sentence (lower case, clean)."""
    return bool(
        _FURNITURE_OPENING.match(lowered)
        or _FURNITURE_ANYWHERE.search(lowered)
        or ("@" in lowered and _FURNITURE_ADDRESS.search(lowered))
    )


def _refers_back(quote: str) -> bool:
    quote = quote.lstrip()
    return bool(
        _REFERS_BACK.match(quote) or _TURNS_ON.match(quote) or _BACK_REFERENCE.search(quote)
    )


def _lower(text: str, start: int, end: int) -> str:
    """``text[start:end]`` clean, quotes and dashes folded, in lower case."""
    return normalise(clean_span(text, start, end)).lower()


def _section_area(text: str) -> Area | None:
    """The area a section title names: "Care leavers: good", "The graded judgement for ..."."""
    if (graded := _GRADED_AREA.match(text)) is not None:
        return match_area(graded.group("area"))
    # The grade must end the text: a test of its last word spares a search from every position.
    if text.rstrip(".\n").endswith(("inadequate", "outstanding", "good", "improvement")):
        text = _without_title_grade(text)
    return area_for_heading(text)


_TITLE_GRADE_REACH = 80  # characters: more than a grade, its separator and single spaces take


def _without_title_grade(text: str) -> str:
    """``_TITLE_GRADE.sub("", text)``: the grade ending a title taken off.

    The pattern ends the text, so it matches once at most; where the text's end is spaced by
    single plain spaces, that match lies in its last characters, and only they are searched.
    """
    start = len(text) - _TITLE_GRADE_REACH
    if start <= 0 or "  " in text[start:] or not text[start:].isprintable():
        return _TITLE_GRADE.sub("", text)
    found = _TITLE_GRADE.search(text, start)
    return text if found is None else text[: found.start()] + text[found.end() :]


def _is_table_line(text: str) -> bool:
    """Whether a block is a row of a judgement table: area wordings and grades, nothing else."""
    # Every grade word holds one of these; most paragraphs hold none.
    if not ("good" in text or "inadequate" in text or "outstanding" in text or "improve" in text):
        return False
    # The text between grade words, piece by piece: a paragraph fails at its first piece.
    pos = 0
    for grade in _GRADE_WORD.finditer(text):
        if not _is_table_piece(text[pos : grade.start()]):
            return False
        pos = grade.end()
    return pos > 0 and _is_table_piece(text[pos:])


def _is_table_piece(piece: str) -> bool:
    """Whether the text between grade words of a table row names an area, or nothing."""
    bare = _TABLE_WORDS.sub("", piece).strip(" \t.,:;-0123456789")
    return not bare or match_area(bare, whole=True) is not None or bool(_OVERALL.fullmatch(bare))


def _segments(text: str, block: Block) -> list[Block]:
    """A block cut at line breaks when its lines are whole paragraphs (web text, not PDF):
    some line is longer than a page is wide, or nearly every line ends a sentence."""
    lines = text[block.start : block.end].split("\n")
    if max(map(len, lines)) <= _LONG_LINE:
        if len(lines) < _SHORT_LINES:
            return [block]
        # A PDF paragraph's first lines end mid-sentence: count until too few can end one.
        misses = 0
        for line in lines:
            if not _PARAGRAPH_END.search(line):
                misses += 1
                if len(lines) - misses < 0.75 * len(lines):
                    return [block]
    out: list[Block] = []
    start = pos = block.start
    for line in lines[:-1]:
        pos += len(line) + 1
        head = text[pos : block.end].lstrip()[:1]
        if _PARAGRAPH_END.search(line) and (head.isupper() or head in "\"'\u201c\u2018"):
            out.append(attrs.evolve(block, start=start, end=pos - 1))
            # Later paragraphs carry no bullet marker of their own.
            block = attrs.evolve(block, kind="paragraph", number=None)
            start = pos
    out.append(attrs.evolve(block, start=start))
    return [b for b in out if text[b.start : b.end].strip()]


def _fold(sentence: str) -> str:
    """A sentence with quotes and dashes folded, in lower case and single spaces."""
    return " ".join(normalise(sentence).lower().split())


def _evaluate(sentence: str) -> Polarity | None:
    """A sentence's polarity once grade claims ("judged inadequate in 2014") are set aside."""
    return _evaluate_folded(_fold(sentence))


def _evaluate_folded(folded: str) -> Polarity | None:
    """``_evaluate`` of a sentence already folded."""
    # Every grade claim names a grade; most sentences name none.
    if (
        "good" in folded
        or "inadequate" in folded
        or "outstanding" in folded
        or ("improvement" in folded)
    ):
        folded = _GRADE_CLAIM.sub(" ", folded)
    return sentence_polarity(folded)


def _spans(text: str, block: Block) -> list[tuple[int, int]]:
    """The block's sentence spans (no list markers), without a "(Recommendation)" tag."""
    spans = [(s.start, s.end) for s in sentences(text, block)]
    return [(a, b) for a, b in spans if not _MARKER.match(clean_span(text, a, b))]


# What a "(Recommendation)" tag can start with, in a span holding no markup.
_MARKER_OPENERS = frozenset("(rRaA")


# A document's blocks are folded for their sentences and tested whole just before.
@functools.lru_cache(maxsize=64)
def _folded_block(text: str, start: int, end: int) -> str | None:
    """``text[start:end]`` folded and lower-cased, where that keeps every character's place
    and the span holds no markup or footnote; else None.

    Lower case keeps places unless a character becomes two ("İ") or reads its neighbours (a
    final capital sigma).
    """
    body = text[start:end]
    folded = normalise(body).lower()
    if len(folded) == len(body) and "\u03a3" not in body and folds_only(text, start, end):
        return folded
    return None


def _lower_block(text: str, start: int, end: int) -> str:
    """``_lower(text, start, end)`` for a block, from its folded text where there is one."""
    folded = _folded_block(text, start, end)
    return _lower(text, start, end) if folded is None else " ".join(folded.split())


def _read_sentences(text: str, block: Block) -> list[tuple[tuple[int, int], str, bool]]:
    """``_spans(text, block)``, each with its clean lower-case text and whether that is also its
    folded text (it holds no markup or footnote).

    In a block holding no markup or footnote, where lower-casing keeps every character's place,
    each sentence's text is cut from the block's text folded and lower-cased once.
    """
    start = block.start
    folded_body = _folded_block(text, start, block.end)
    aligned = folded_body is not None
    out = []
    for sentence in sentences(text, block):
        a, b = sentence.start, sentence.end
        if aligned and not text[b - 1].isdigit():
            first = text[a]
            if (first in _MARKER_OPENERS or not first.isascii()) and _MARKER.match(
                " ".join(text[a:b].split())
            ):
                continue
            assert folded_body is not None  # for mypy: aligned says so
            out.append(((a, b), " ".join(folded_body[a - start : b - start].split()), True))
        elif not _MARKER.match(clean_span(text, a, b)):
            out.append(((a, b), _lower(text, a, b), folds_only(text, a, b)))
    return out


def _findings_in(ctx: DocumentContext, block: Block, area: Area | None) -> list[FindingRecorded]:
    """The findings of one block: each run of consecutive sentences that read the same way.

    A sentence that evaluates nothing, or is letter furniture, belongs to no finding, so a
    finding never holds a sentence that reads otherwise than the finding.
    """
    text = ctx.text
    read = _read_sentences(text, block)
    spans = [span for span, _, _ in read]
    # Letter furniture, minutes' procedure and questions evaluate nothing themselves: a question
    # asked in a meeting ("Why has timeliness not improved?") is not a finding that it has not.
    furniture = [_is_furniture(low) or text[a:b].rstrip().endswith("?") for (a, b), low, _ in read]
    kept = [span for span, f in zip(spans, furniture, strict=True) if not f]
    # A sentence holding no markup or footnote folds to its clean lower-case text.
    folded = {
        text[a:b]: low
        for ((a, b), low, plain), f in zip(read, furniture, strict=True)
        if plain and not f
    }

    def evaluate(sentence: str) -> Polarity | None:
        found = folded.get(sentence)
        return _evaluate_folded(_fold(sentence) if found is None else found)

    polarities = dict(zip(kept, judge([text[a:b] for a, b in kept], evaluate), strict=True))
    units: list[tuple[tuple[int, int], Polarity]] = []
    previous: Polarity | None = None
    for span in spans:
        polarity = polarities.get(span)
        if polarity is not None and polarity is previous:
            units[-1] = ((units[-1][0][0], span[1]), polarity)
        elif polarity is not None:
            units.append((span, polarity))
        previous = polarity
    out: list[FindingRecorded] = []
    for (start, end), polarity in units:
        source = ctx.source(start, end)
        # A page break may put a running header inside the quote; it is no part of the finding.
        plain = unbroken(source.quote, ctx.text)
        # Unbroken, the quote is its span, whose clean text the document may already know.
        same = len(plain) == len(source.quote)
        themes = themes_in(plain)
        if not themes and out and _refers_back(plain):
            # "However, this is not yet embedded." is about what the sentence before it named:
            # split off for reading otherwise, it keeps that finding's themes.
            themes = out[-1].themes
        out.append(
            FindingRecorded(
                subject=ctx.subject,
                valid=ctx.valid,
                known=ctx.published,
                source=source,
                text=clean_span(ctx.text, source.start, source.end) if same else clean(plain),
                themes=themes,
                polarity=polarity,
                area=area,
            )
        )
    return out


@attrs.define
class _Section:
    """Where the reading is: the area of the section, and whether it or a list holds findings."""

    area: Area | None = None
    skipping: bool = False  # in a section that holds no findings
    in_list: bool = False  # in a list of recommendations, actions or scope items

    def enter(self, title: str) -> None:
        """Move under the heading ``title`` (lower case, clean)."""
        named = _section_area(title)
        self.skipping = bool(_SKIP_SECTION.search(title))
        self.in_list = False
        if named is not None or not _WITHIN_AREA.match(title):
            self.area = named


def _is_title(line: str) -> bool:
    """Whether a line (lower case, clean) is a section title the reader knows."""
    if _WITHIN_AREA.match(line) or _FINDINGS_TITLE.search(line) or _section_area(line):
        return True
    # Skipped sections' names also occur in wrapped sentences: only a short line is a title.
    return len(line.split()) <= _TITLE_WORDS and _SKIP_SECTION.search(line) is not None


def _title_at(text: str, start: int, end: int) -> tuple[str, int] | None:
    """The section title on the line starting at ``start`` (or on it and the next, where it
    wraps), lower case and clean, with where its last line ends; None if there is none. Lines
    end at line breaks and at ``end``.

    A title starts with a capital or a digit, is short, ends with no sentence punctuation and
    is followed by a line starting with no lower-case letter, or by nothing.
    """
    line_start = start
    for n in (1, 2):
        if line_start >= end:
            return None
        line_end = text.find("\n", line_start, end)
        line_end = end if line_end == -1 else line_end
        bare = text[line_start:line_end].strip()
        if not bare or len(bare) > _TITLE_CHARS or bare.endswith((".", ",", ";")):
            return None
        if bare.endswith(")") and _MARKER.match(bare[bare.rfind("(") :]):
            return None  # "... for too long. (Recommendation)"
        if n == 1 and not (bare[0].isupper() or bare[0].isdigit()):
            return None
        line_start = line_end + 1
        if line_start < end:
            after_end = text.find("\n", line_start, end)
            after = text[line_start : end if after_end == -1 else after_end].lstrip()[:1]
        else:
            after = ""
        if not after.islower():
            line = _lower(text, start, line_end)
            if _is_title(line):
                return line, line_end
    return None


# Where a line may hold a title: its first character is no space and no lower-case letter.
# Only these lines are read further (most lines of a paragraph start in lower case).
_TITLE_START = re.compile(r"^[^\S\n]*[^\sa-z]", re.MULTILINE)


def _parts(text: str, block: Block) -> list[str | Block]:
    """A block cut at the section titles the layout ran into it, in order: the titles (lower
    case, clean) and the pieces of the block between them.

    "The experiences and progress of children who need help and protection:\ninadequate\n1.
    A significant ..." is a title and a paragraph; so is "Summary of key findings\nThis local
    authority ...".
    """
    parts: list[str | Block] = []
    start = block.start
    # The block's first line starts at the block, which need not follow a line break.
    line = block.start
    while line < block.end:
        found = _title_at(text, line, block.end)
        if found is not None:
            title, title_end = found
            if text[start:line].strip():
                parts.append(_piece(block, start, line))
            parts.append(title)
            start = title_end
            line = title_end + 1
        else:
            line_end = text.find("\n", line, block.end)
            if line_end == -1:
                break
            line = line_end + 1
        if line >= block.end:
            break
        candidate = _TITLE_START.search(text, line, block.end)
        if candidate is None:
            break
        line = candidate.start()
    if start == block.start:
        return [block]
    if text[start : block.end].strip():
        parts.append(_piece(block, start, block.end))
    return parts


def _piece(block: Block, start: int, end: int) -> Block:
    """Part of a block; only its first part carries the block's bullet or number."""
    if start == block.start:
        return attrs.evolve(block, end=end)
    return attrs.evolve(block, start=start, end=end, kind="paragraph", number=None)


def read_findings(ctx: DocumentContext) -> list[FindingRecorded]:
    """Every finding in a document, in document order, each quoting its exact source."""
    out: list[FindingRecorded] = []
    section = _Section()
    for block in ctx.blocks:
        text = _lower_block(ctx.text, block.start, block.end)
        if _END_MATTER.match(text):
            break
        # A heading-like line has at most 16 words, single-spaced: a paragraph has more spaces.
        heading_like = text.count(" ") <= _HEADING_WORDS - 1 and _HEADING_LIKE.fullmatch(text)
        if block.kind == "heading" or (heading_like and block.kind != "bullet"):
            section.enter(text)
            continue
        for part in _parts(ctx.text, block):
            if isinstance(part, str):
                section.enter(part)
            else:
                # A block no title cut is read as it is: its text is known.
                known = text if part is block else _lower(ctx.text, part.start, part.end)
                out.extend(_findings_of(ctx, part, known, section))
    return out


def _findings_of(
    ctx: DocumentContext, block: Block, text: str, section: _Section
) -> list[FindingRecorded]:
    """The findings of a paragraph or bullet (``text``: its clean lower-case text), unless its
    section or list holds none."""
    if block.kind != "bullet":
        if _section_area(text) is not None:  # "The graded judgement about ...": a title
            section.enter(text)
            return []
        section.in_list = False
    if text.endswith(":"):
        section.in_list = bool(_LIST_INTRO.search(re.split(r"[.!?] ", text)[-1]))
    if section.skipping or (section.in_list and block.kind == "bullet") or _is_table_line(text):
        return []
    return [
        f
        for segment in _segments(ctx.text, block)
        for f in _findings_in(ctx, segment, section.area)
    ]
