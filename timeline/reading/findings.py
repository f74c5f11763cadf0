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
from timeline.reading.areas import match_area
from timeline.reading.context import DocumentContext
from timeline.reading.cues import cue_pattern
from timeline.reading.layout import Block, clean, clean_span, folds_only, sentences, unbroken
from timeline.reading.literals import Prefiltered
from timeline.reading.polarity import judge, sentence_polarity
from timeline.reading.sections import GRADE, MARKER, Section, lower, parts, section_area
from timeline.reading.themes import normalise, themes_in

__all__ = ["read_findings"]


# A grade claimed for a service is a judgement, read elsewhere, not a finding.
_GRADE_CLAIM = Prefiltered.of(
    re.compile(
        rf"(?:no longer )?['\"]{GRADE}['\"]"
        rf"|(?:no longer )?\b(?:judged|rated|graded|judge?ments?|ratings?|grades?)\b"
        rf"(?:(?!\bnot\b)[^.;]){{0,60}}?(?:no longer )?\b{GRADE}\b"
        r"|\b(?:inadequate|good|outstanding) (?:\w+ )?(?:judge?ments?|ratings?|grades?)\b"
        r"|\brequires? improvement to be good\b"
    )
)
_GRADE_WORD = re.compile(rf"\b{GRADE}\b")
_TABLE_WORDS = re.compile(r"^(?:\W*(?:judge?ments?|grades?|areas?)\b)+")
_OVERALL = re.compile(
    r"(?:children's services|services for children)(?: in [^.]{1,60})? (?:are|is)"
)
# A short line with no full stop is a heading whatever the layout made of it ("What needs to
# improve?", "The experiences and progress of children in care: good").
_HEADING_WORDS = 16
_HEADING_LIKE = re.compile(rf"(?:\S+ ){{0,{_HEADING_WORDS - 1}}}\S+(?<![.,;:])")
# After these a document has nothing more to evaluate. ("Information about this inspection"
# ends some reports, and opens others: its section is skipped instead.)
_END_MATTER = cue_pattern(r"""
    ^yours (?:sincerely|faithfully); ^supporting documents
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
    return [(a, b) for a, b in spans if not MARKER.match(clean_span(text, a, b))]


# What a "(Recommendation)" tag can start with, in a span holding no markup.
MARKER_OPENERS = frozenset("(rRaA")


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
    """``lower(text, start, end)`` for a block, from its folded text where there is one."""
    folded = _folded_block(text, start, end)
    return lower(text, start, end) if folded is None else " ".join(folded.split())


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
            if (first in MARKER_OPENERS or not first.isascii()) and MARKER.match(
                " ".join(text[a:b].split())
            ):
                continue
            assert folded_body is not None  # for mypy: aligned says so
            out.append(((a, b), " ".join(folded_body[a - start : b - start].split()), True))
        elif not MARKER.match(clean_span(text, a, b)):
            out.append(((a, b), lower(text, a, b), folds_only(text, a, b)))
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


def read_findings(ctx: DocumentContext) -> list[FindingRecorded]:
    """Every finding in a document, in document order, each quoting its exact source."""
    out: list[FindingRecorded] = []
    section = Section()
    for block in ctx.blocks:
        text = _lower_block(ctx.text, block.start, block.end)
        if _END_MATTER.match(text):
            break
        # A heading-like line has at most 16 words, single-spaced: a paragraph has more spaces.
        heading_like = text.count(" ") <= _HEADING_WORDS - 1 and _HEADING_LIKE.fullmatch(text)
        if block.kind == "heading" or (heading_like and block.kind != "bullet"):
            section.enter(text)
            continue
        for part in parts(ctx.text, block):
            if isinstance(part, str):
                section.enter(part)
            else:
                # A block no title cut is read as it is: its text is known.
                known = text if part is block else lower(ctx.text, part.start, part.end)
                out.extend(_findings_of(ctx, part, known, section))
    return out


def _findings_of(
    ctx: DocumentContext, block: Block, text: str, section: Section
) -> list[FindingRecorded]:
    """The findings of a paragraph or bullet (``text``: its clean lower-case text), unless its
    section or list holds none."""
    if block.kind != "bullet":
        if section_area(text) is not None:  # "The graded judgement about ...": a title
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
