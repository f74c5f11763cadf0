"""Findings: evaluative paragraphs, bullets and sentences, with their themes and polarity.

Each evaluative paragraph or bullet is one finding, or one per evaluative sentence when it mixes
strengths and weaknesses (polarity is read by ``polarity``). Letter furniture, judgement tables,
grade claims, recommendation and scope lists and the area's statistics are not findings.
"""

from __future__ import annotations

import re

import attrs

from events import Area, FindingRecorded, Polarity
from timeline.reading.areas import area_for_heading, match_area
from timeline.reading.context import DocumentContext
from timeline.reading.cues import cue_pattern
from timeline.reading.layout import Block, clean, sentences
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
        r"|\b(?:inadequate|good|outstanding) (?:judge?ments?|ratings?|grades?)\b"
    )
)
_GRADE_WORD = re.compile(rf"\b{_GRADE}\b")
_TABLE_WORDS = re.compile(r"^(?:\W*(?:judge?ments?|grades?|areas?)\b)+")
_OVERALL = re.compile(
    r"(?:children's services|services for children)(?: in [^.]{1,60})? (?:are|is)"
)
_TITLE_GRADE = re.compile(rf"\s*[:\u2013-]\s*{_GRADE}\.?$")
# A short line with no full stop is a heading whatever the layout made of it ("What needs to
# improve?", "The experiences and progress of children in care: good").
_HEADING_LIKE = re.compile(r"(?:\S+ ){0,15}\S+(?<![.,;:])")
_GRADED_AREA = re.compile(r"^the graded judgement (?:about|for|on) (?P<area>.+?) is that\b")
# Sections of recommendations, scope, contents or the area's statistics.
_SKIP_SECTION = cue_pattern(r"""
    recommendations?; what needs to improve; areas? for (?:improvement|development); actions?
    next steps; areas covered; scope of; contents; information about (?:this|the) local authority
    previous (?:ofsted )?inspections; local leadership; in this area
""")
# After these a document has nothing more to evaluate.
_END_MATTER = cue_pattern(r"""
    ^yours (?:sincerely|faithfully); ^information about this inspection; ^the inspection team
    ^supporting documents
""")
# Headings that divide an area's section without leaving it.
_WITHIN_AREA = re.compile(rf"^(?:{_GRADE}|summary|(?:inspection |key |main )?findings)$")
# A list introduced like this holds recommendations, actions or the scope of a visit.
_LIST_INTRO = cue_pattern(r"""
    recommend\w*; actions?; improve\w*; evaluated; focus(?:ed)? on; themes; areas covered
    considered; judge?ments
""")
_FURNITURE = cue_pattern(r"""
    ^dear; yours (?:sincerely|faithfully); i am copying this letter; will (?:also )?be published
    this letter (?:summarises|sets out|confirms|will); (?:her|his) majesty's (?:chief )?inspectors?
    hmis?; inspectors? (?:were|was); lead inspector; methodology; ofsted will take
    (?:this|the) (?:visit|inspection|review) was (?:carried out|conducted|led|undertaken)
    into account when planning; ^based on the evidence; was given the opportunity to review
    ^inspectors (?:considered|reviewed|looked|read|spoke|met|evaluated|scrutinised|sampled)
    could be accessed; ^that .*be (?:noted|agreed|approved|endorsed); ^(?:resolved|decision)
    ^(?:minutes|supporting documents); ^members thanked
    ^(?:inspection dates?|report published|date of (?:visit|inspection)); www\.\S+; \S+@\S+
    https?://\S+
""")
_MARKER = re.compile(r"^\(?(?:recommendations?|areas? for improvement|actions?)\)?\.?$", re.I)
_PARAGRAPH_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s*$")
_LONG_LINE = 200  # characters; longer lines mean one paragraph a line, not wrapped text


def _lower(text: str) -> str:
    return normalise(clean(text)).lower()


def _section_area(text: str) -> Area | None:
    """The area a section title names: "Care leavers: good", "The graded judgement for ..."."""
    if (graded := _GRADED_AREA.match(text)) is not None:
        return match_area(graded.group("area"))
    # The grade must end the text: a test of its last word spares a search from every position.
    if text.rstrip(".\n").endswith(("inadequate", "outstanding", "good", "improvement")):
        text = _TITLE_GRADE.sub("", text)
    return area_for_heading(text)


def _is_table_line(text: str) -> bool:
    """Whether a block is a row of a judgement table: area wordings and grades, nothing else."""
    pieces = _GRADE_WORD.split(text)
    if len(pieces) < 2:
        return False
    for piece in pieces:
        bare = _TABLE_WORDS.sub("", piece).strip(" \t.,:;-0123456789")
        if bare and match_area(bare, whole=True) is None and not _OVERALL.fullmatch(bare):
            return False
    return True


def _segments(text: str, block: Block) -> list[Block]:
    """A block cut at line breaks when its lines are whole paragraphs (web text, not PDF)."""
    lines = text[block.start : block.end].split("\n")
    if max(len(line) for line in lines) <= _LONG_LINE:
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


def _evaluate(sentence: str) -> Polarity | None:
    """A sentence's polarity once grade claims ("judged inadequate in 2014") are set aside."""
    return sentence_polarity(_GRADE_CLAIM.sub(" ", normalise(sentence).lower()))


def _spans(text: str, block: Block) -> list[tuple[int, int]]:
    """The block's sentence spans (no list markers), without a "(Recommendation)" tag."""
    spans = [(s.start, s.end) for s in sentences(text, block)]
    return [(a, b) for a, b in spans if not _MARKER.match(clean(text[a:b]))]


def _findings_in(ctx: DocumentContext, block: Block, area: Area | None) -> list[FindingRecorded]:
    """The findings of one block: the whole block, or each evaluative sentence if it mixes."""
    spans = _spans(ctx.text, block)
    furniture = [bool(_FURNITURE.search(_lower(ctx.text[a:b]))) for a, b in spans]
    kept = [span for span, f in zip(spans, furniture, strict=True) if not f]
    polarities = judge([ctx.text[a:b] for a, b in kept], _evaluate)
    evaluative = [(span, p) for span, p in zip(kept, polarities, strict=True) if p is not None]
    if not evaluative:
        return []
    distinct = {p for _, p in evaluative}
    mixes = len(evaluative) > 1 and (len(distinct) > 1 or Polarity.MIXED in distinct)
    if any(furniture) or mixes:
        units = evaluative
    else:
        units = [((kept[0][0], kept[-1][1]), evaluative[0][1])]
    out = []
    for (start, end), polarity in units:
        source = ctx.source(start, end)
        out.append(
            FindingRecorded(
                subject=ctx.subject,
                valid=ctx.valid,
                known=ctx.published,
                source=source,
                text=clean(source.quote),
                themes=themes_in(source.quote),
                polarity=polarity,
                area=area,
            )
        )
    return out


def read_findings(ctx: DocumentContext) -> list[FindingRecorded]:
    """Every finding in a document, in document order, each quoting its exact source."""
    out: list[FindingRecorded] = []
    area: Area | None = None
    skipping = False  # in a section that holds no findings
    in_list = False  # in a list of recommendations, actions or scope items
    for block in ctx.blocks:
        text = _lower(ctx.text[block.start : block.end])
        if _END_MATTER.match(text):
            break
        named = _section_area(text)
        if block.kind == "heading" or (_HEADING_LIKE.fullmatch(text) and block.kind != "bullet"):
            skipping = bool(_SKIP_SECTION.search(text))
            in_list = False
            if named is not None or not _WITHIN_AREA.match(text):
                area = named
            continue
        if named is not None and block.kind != "bullet":  # "The graded judgement about ..."
            area = named
            continue
        if block.kind != "bullet":
            in_list = False
        if text.endswith(":"):
            in_list = bool(_LIST_INTRO.search(re.split(r"[.!?] ", text)[-1]))
        if skipping or (in_list and block.kind == "bullet") or _is_table_line(text):
            continue
        for segment in _segments(ctx.text, block):
            out.extend(_findings_in(ctx, segment, area))
    return out
