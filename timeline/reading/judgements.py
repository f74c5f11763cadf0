"""Judgements: a report's own judgement table, the earlier grades it lists, and grades retold.

Three sources of a grade, each a ``JudgementIssued``:

* **table rows** of an inspection report (first-hand): an area's wording with its grade on the
  same line or the next lines (PDF text wraps "Requires" / "improvement to be good" and leaves
  footnote digits between), a whole table flattened onto one line, "Children's services in X
  are inadequate", and "The graded judgement for adoption performance is that it is good";
* **lists of earlier grades** ("The last inspection report ... was published in August 2014.
  The judgements ... were: - overall effectiveness: inadequate ..."), second-hand, dated by
  their introduction;
* **grades retold in prose** ("judged inadequate in June 2014", "the November 2017 'Inadequate'
  judgement", "the overall judgement ... was 'requires improvement to be good'"), second-hand,
  dated by the dates beside them, or by the inspection the document reports on. Goals ("be
  rated at least good"), negations ("no longer inadequate"), other establishments ("one
  children's home, which was judged to be good") and undated retellings are not grades.
"""

from __future__ import annotations

import re

import attrs

from events import (
    Area,
    Authority,
    DocumentKind,
    Framework,
    Grade,
    Hand,
    JudgementIssued,
    PartialDate,
    Period,
)
from timeline.reading.areas import area_of_wording, find_areas
from timeline.reading.attribution import authority_mentions, grade_holder
from timeline.reading.context import DocumentContext
from timeline.reading.dates import DateMention, find_dates
from timeline.reading.grades import GRADE_PATTERN, GRADE_WORDS, parse_grade
from timeline.reading.judgements_scan import WordPositions, finditer_opening
from timeline.reading.layout import sentences
from timeline.reading.tables import table_rows

__all__ = ["framework_of", "read_judgements"]

_QUOTE = "['‘’\"“”]?"
_PREVIOUS = re.compile(
    r"\b(?:last|previous|earlier|prior|preceding)\s+(?:full\s+|ofsted\s+|standard\s+)?"
    r"(?:inspection|judgements?)|judgements?\s+(?:for\s+the\s+local\s+authority\s+)?were\b",
    re.IGNORECASE,
)
_RETOLD = [
    # judged inadequate / rated as good / found to be inadequate
    re.compile(
        rf"\b(?:judged|rated|graded|assessed|found)\s+(?:to\s+be\s+|to\s+|as\s+)?(?:being\s+)?{_QUOTE}"
        rf"(?={GRADE_WORDS})",
        re.IGNORECASE,
    ),
    # the overall judgement of children's services was 'requires improvement to be good'
    re.compile(
        rf"\b(?:judgement|rating|grade)(?:\s+(?:of|for)\s+[^.;:]{{0,60}}?)?\s+"
        rf"(?:was|is|were|had\s+been|has\s+been|of|as|remains?)\s+{_QUOTE}(?={GRADE_WORDS})",
        re.IGNORECASE,
    ),
    # children's services in X were inadequate
    re.compile(
        rf"\bservices\s+(?:in|at|for)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+"
        rf"(?:are|were|is|was|remain|remained)\s+(?:still\s+)?{_QUOTE}(?={GRADE_WORDS})",
    ),
]
# A place's name, which holds no verb: "in Eastwick were judged to require improvement" is a
# retelling, not a headline.
_PLACE = (
    r"(?:(?!\b(?:were|was|been|be|being|judged|rated|found|had|has|have|remains?|remained)\b)"
    r"[^.;:]){1,100}?"
)
# A report's own headline: "Children's services in Bath and North East Somerset are good",
# "The overall judgement is that children's services require improvement". The grade follows
# the linking verb at once, so "were judged inadequate in 2014" is never a headline.
_HEADLINE = re.compile(
    rf"\b(?:[Cc]hildren['’]s\s+services?\s+(?:in|at|for)\s+(?P<place>{_PLACE})|"
    rf"overall\s+judgement\s+is\s+that\s+children['’]s\s+services?)\s+"
    rf"(?:are\s+(?:still\s+)?|is\s+(?:still\s+)?|(?=requires?\s))(?P<grade>{GRADE_WORDS})",
    re.IGNORECASE,
)
_HEADLINE_OPENINGS = ("children", "overall")
# the November 2017 'Inadequate' judgement
_DATED_GRADE = re.compile(
    rf"(?={GRADE_WORDS}){GRADE_WORDS}{_QUOTE}\s+(?:judgement|rating|grade)\b",
    re.IGNORECASE,
)
_BLOCKERS = re.compile(
    r"\b(?:no\s+longer|not|never|at\s+least|aspiration|aspire|aim|aims|ambition|goal|target|"
    r"become|becoming|to\s+be\s+rated|achieve|achieving|would|could|should|if|from\s+an?|"
    r"move\s+to|moving\s+to|towards)\b[^.;]{0,25}$",
    re.IGNORECASE,
)
_ESTABLISHMENTS = re.compile(
    r"\b(?:children['’]s\s+homes?|homes?|schools?|academy|academies|nursery|nurseries|college|"
    r"provider|agency|agencies|hospital|partnership|police|trust|cases?|audits?|files?)\b",
    re.IGNORECASE,
)
_OWN_INSPECTION = re.compile(
    r"\b(?:this|the|latest|recent|most\s+recent|new)\s+(?:re-?inspection|inspection|report)\b",
    re.IGNORECASE,
)
_INSPECTED = re.compile(r"\b(?:re-?inspection|inspect(?:ed|ion|ors)|visit)\b", re.IGNORECASE)
_PUBLISHED = re.compile(r"\bpublished\b", re.IGNORECASE)
_GRADED_SENTENCE = re.compile(
    rf"graded\s+judgement\s+(?:for|about|on)\s+(?P<area>[^.]{{3,120}}?)\s+is\s+that\s+it\s+"
    rf"(?:is\s+)?(?P<grade>{GRADE_WORDS})",
    re.IGNORECASE,
)
_GRADED_OPENINGS = ("graded",)
# Every retold grade names one (GRADE_PATTERN), and is told with one of the cues of _RETOLD
# and _DATED_GRADE: a sentence without both holds none.
_GRADE_OPENINGS = ("require", "outstanding", "good", "inadequate")
_CUE_WORDS = ("judge", "rated", "rating", "grade", "assessed", "found", "services")


@attrs.frozen
class _Claim:
    area: Area
    grade: Grade | None  # None: the report's table says the area was not judged
    start: int
    end: int
    wording: str
    hand: Hand
    valid: Period
    published: PartialDate | None  # when the document says the judgement was published
    holder: str | None = None  # whose grade, when another authority's than the subject's
    rank: int = 0  # among a report's own claims on one area, the lowest rank is kept


# A report's table row outranks its headline or a graded sentence about the same area.
_SENTENCE_RANK = 1


def _names_the_subject(ctx: DocumentContext, match: re.Match[str], group: str) -> bool:
    """Whether the place a headline names is the subject ("in Bath and North East Somerset"),
    not something else ("children's services for care leavers"); no place is no objection."""
    if match.group(group) is None:
        return True
    start, end = match.span(group)
    mentions = authority_mentions(ctx.text, ctx.published)
    return any(m.name == ctx.subject and start <= m.start < end for m in mentions)


def _previous_context(text: str, position: int) -> str | None:
    """The introduction of a list of earlier grades ending just before ``position``, if any."""
    window = text[max(0, position - 500) : position]
    matches = list(_PREVIOUS.finditer(window))
    if not matches:
        return None
    match = matches[-1]
    intro = window[match.start() :]
    # The introduction must lead straight into the list ("The judgements ... were:"), not be a
    # sentence of a paragraph long gone ("... the last inspection in 2020." pages before).
    if re.search(r"\n\s*\n\s*\n", intro) or ":" not in intro:
        return None
    return window[max(0, match.start() - 250) :]


def _first_hand(ctx: DocumentContext) -> list[_Claim]:
    claims = []
    text = ctx.text
    first_hand = ctx.kind is DocumentKind.INSPECTION_REPORT
    for row in table_rows(text):
        start, end, wording, grade, area = row.start, row.end, row.wording, row.grade, row.area
        intro = _previous_context(text, start)
        if intro is not None:
            dated = _intro_dates(intro, ctx.published)
            if dated is None:
                continue
            valid, published = dated
            if grade is not None:
                claims.append(
                    _Claim(area, grade, start, end, wording, Hand.SECOND, valid, published)
                )
        elif first_hand:
            claims.append(
                _Claim(area, grade, start, end, wording, Hand.FIRST, ctx.valid, ctx.published)
            )
    if first_hand:
        for match in finditer_opening(_HEADLINE, text, _HEADLINE_OPENINGS):
            if _previous_context(text, match.start()) is None and _names_the_subject(
                ctx, match, "place"
            ):
                claims.append(
                    _Claim(
                        Area.OVERALL_EFFECTIVENESS,
                        parse_grade(match.group("grade")),
                        match.start(),
                        match.end(),
                        match.group(),
                        Hand.FIRST,
                        ctx.valid,
                        ctx.published,
                        rank=_SENTENCE_RANK,
                    )
                )
        for match in finditer_opening(_GRADED_SENTENCE, text, _GRADED_OPENINGS):
            graded = area_of_wording(_strip_framing(match.group("area")))
            if graded is not None and _previous_context(text, match.start()) is None:
                claims.append(
                    _Claim(
                        graded,
                        parse_grade(match.group("grade")),
                        match.start(),
                        match.end(),
                        match.group("area"),
                        Hand.FIRST,
                        ctx.valid,
                        ctx.published,
                        rank=_SENTENCE_RANK,
                    )
                )
    return claims


def _strip_framing(wording: str) -> str:
    return re.sub(
        r"^(?:the\s+)?(?:experiences?\s+and\s+progress\s+of\s+)?", "", wording.strip(), flags=re.I
    )


def _intro_dates(intro: str, reference: PartialDate) -> tuple[Period, PartialDate | None] | None:
    """When the grades a list introduces were given, and when they were published.

    "The last inspection report ... was published in August 2014" dates both; "carried out
    between 4 and 15 July 2022. The report had been published on 5 September" dates each.
    """
    mentions = find_dates(intro, before=reference)
    if not mentions:
        return None
    published = [m for m in mentions if _PUBLISHED.search(intro[max(0, m.start - 40) : m.start])]
    others = [m for m in mentions if m not in published]
    valid = (others or published)[-1].period
    return valid, published[-1].period.last if published else None


_ABOUT_A_REPORT = re.compile(r"report|inspection|judgement", re.I)


def _reported_publication(ctx: DocumentContext) -> PartialDate | None:
    """For a retelling: when the report it retells was published ("published on 11 February")."""
    if ctx.authority is not Authority.SECONDARY:
        return None
    published: PartialDate | None = None
    for block in ctx.blocks:
        for sentence in sentences(ctx.text, block):
            body = ctx.text[sentence.start : sentence.end]
            if not _ABOUT_A_REPORT.search(body):
                continue
            for mention in find_dates(ctx.text, sentence.start, sentence.end, before=ctx.published):
                before = ctx.text[max(sentence.start, mention.start - 60) : mention.start]
                if _PUBLISHED.search(before):
                    published = mention.period.last
    return published


def _retold(ctx: DocumentContext) -> list[_Claim]:
    claims = []
    text = ctx.text
    reported_visit = ctx.visit if ctx.authority is Authority.SECONDARY else None
    reported_published = _reported_publication(ctx)
    graded = WordPositions(text, _GRADE_OPENINGS)
    cued = WordPositions(text, _CUE_WORDS)
    for block in ctx.blocks:
        if not (graded.any_in(block.start, block.end) and cued.any_in(block.start, block.end)):
            continue  # its sentences lie within it
        for sentence in sentences(text, block):
            start, end = sentence.start, sentence.end
            if graded.any_in(start, end) and cued.any_in(start, end):
                claims.extend(_retold_in(ctx, start, end, reported_visit, reported_published))
    return claims


def _retold_in(
    ctx: DocumentContext,
    start: int,
    end: int,
    reported_visit: Period | None,
    reported_published: PartialDate | None,
) -> list[_Claim]:
    text = ctx.text
    if GRADE_PATTERN.search(text, start, end) is None:
        return []  # every retelling names a grade
    grades: list[tuple[re.Match[str], int]] = []
    for pattern in _RETOLD:
        for match in pattern.finditer(text, start, end):
            grade = GRADE_PATTERN.match(text, match.end())
            if grade is not None:
                grades.append((grade, match.start()))
    for match in _DATED_GRADE.finditer(text, start, end):
        dated_grade = GRADE_PATTERN.match(text, match.start())
        if dated_grade is not None:
            grades.append((dated_grade, match.start()))
    claims = []
    seen: set[int] = set()
    mentions = find_dates(text, start, end, before=ctx.published)
    for grade, cue in sorted(grades, key=lambda g: g[0].start()):
        if grade.start() in seen:
            continue
        seen.add(grade.start())
        before = text[start : grade.start()]
        if _BLOCKERS.search(before[-60:]) or _ESTABLISHMENTS.search(text[start:cue]):
            continue
        area = _nearest_area(text, start, grade.start())
        dates = _dates_for(text, grade, mentions, end)
        dated: list[tuple[Period, PartialDate | None]] = []
        for mention in dates:
            # A single date is when the grade was given, publication unknown; a range is the
            # inspection, published when the retelling says its report was.
            valid = mention.period
            dated.append((valid, None if valid.end is None else reported_published))
        if not dates and _OWN_INSPECTION.search(text, start, end) is not None:
            # "This inspection found ...": the inspection the retelling reports on.
            if reported_visit is not None:
                dated.append((reported_visit, reported_published))
            elif reported_published is not None:
                dated.append((Period(reported_published), reported_published))
        wording = text[cue : grade.end()]
        grade_value = parse_grade(grade.group())
        # "Unlike Oxfordshire County Council, whose services were judged outstanding": that
        # grade is Oxfordshire's, recorded for it second-hand, never the subject's.
        holder = grade_holder(text, ctx.subject, ctx.published, start, grade.start())
        for valid, published in dated:
            claims.append(
                _Claim(
                    area, grade_value, start, end, wording, Hand.SECOND, valid, published, holder
                )
            )
    return claims


def _nearest_area(text: str, start: int, grade_start: int) -> Area:
    """The area named last before the grade in its sentence; overall effectiveness if none."""
    found = None
    for a_start, a_end in find_areas(text, start, grade_start):
        found = area_of_wording(text[a_start:a_end])
    return found or Area.OVERALL_EFFECTIVENESS


def _dates_for(
    text: str, grade: re.Match[str], mentions: list[DateMention], end: int
) -> list[DateMention]:
    """The dates a retold grade carries: those after it in its clause, else just before it."""
    clause_end = end
    stop = re.search(
        r"[;:]|,\s+(?:and\s+)?(?:which|who|but|when|where|while)\b|\.\s", text[grade.end() : end]
    )
    if stop is not None:
        clause_end = grade.end() + stop.start()
    after = [m for m in mentions if grade.end() <= m.start < clause_end]
    if after:
        return after
    before = [m for m in mentions if m.end <= grade.start()]
    if not before:
        return []
    # "the November 2017 'Inadequate' judgement"; "in 2016, when they were judged inadequate"
    gap = text[before[-1].end : grade.start()]
    if len(gap) <= 4 or (len(gap) <= 60 and re.match(r",?\s+when\b", gap)):
        return before[-1:]
    return []


def read_judgements(ctx: DocumentContext) -> list[JudgementIssued]:
    """Every judgement the document states or retells (see the module docstring)."""
    claims = _first_hand(ctx)
    table_spans = [(c.start, c.end) for c in claims]
    # A sentence already read as a table row or a graded sentence is not read again as prose.
    for claim in _retold(ctx):
        if any(s < claim.end and claim.start < e for s, e in table_spans):
            continue
        claims.append(claim)
    # A report states each grade in its table and again in headlines and section headings:
    # keep one, the table's where it has one, else the first.
    own: dict[Area, _Claim] = {}
    for claim in sorted(
        (c for c in claims if c.hand is Hand.FIRST), key=lambda c: (c.rank, c.start)
    ):
        own.setdefault(claim.area, claim)
    events = []
    for claim in sorted(claims, key=lambda c: c.start):
        if claim.hand is Hand.FIRST and own[claim.area] is not claim:
            continue
        if claim.grade is None:
            continue  # "Not judged": the area has no grade, and no later line gives it one
        events.append(
            JudgementIssued(
                subject=claim.holder or ctx.subject,
                valid=claim.valid,
                # Known from its stated publication, else from this document's date.
                known=claim.published or ctx.published,
                published=claim.published,
                source=ctx.source(claim.start, claim.end),
                area=claim.area,
                wording=" ".join(claim.wording.split()),
                grade=claim.grade,
                hand=claim.hand,
            )
        )
    return events


# Area wordings only one framework's tables use.
_SIF_WORDING = re.compile(r"achieving\s+permanence|management\s*,?\s+and\s+governance", re.I)
_ILACS_WORDING = re.compile(r"impact\s+of\s+leaders", re.I)


def framework_of(judgements: list[JudgementIssued]) -> Framework | None:
    """The framework a report's own table was written under, from its areas and their wording.

    The single inspection framework grades adoption and words its areas "children looked after
    and achieving permanence" and "leadership, management and governance"; ILACS speaks of "the
    impact of leaders", and from 2023 grades care leavers on their own; a review of a
    safeguarding board grades the board alone.
    """
    own = [j for j in judgements if j.hand is Hand.FIRST]
    areas = {j.area for j in own}
    if areas == {Area.LSCB}:
        return Framework.LSCB_REVIEW
    if Area.ADOPTION in areas or any(_SIF_WORDING.search(j.wording) for j in own):
        return Framework.SIF
    if any(_ILACS_WORDING.search(j.wording) for j in own):
        return Framework.ILACS_2023 if Area.CARE_LEAVERS in areas else Framework.ILACS
    return None
