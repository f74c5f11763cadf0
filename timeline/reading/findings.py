"""Findings: evaluative paragraphs, bullets and sentences, with their themes and polarity.

Polarity comes from evaluative cues ("effective", "timely", "too slow") and negators. "not", "no",
"lack of" flip the strengths after them in their clause ("not yet consistently effective"), else
those before ("improvements are not evident"); "no", "without", "no longer", "reduce" flip a
weakness close after them ("no longer inadequate"); a negation with nothing to flip is itself a
weakness ("do not receive a summary"). Strengths with weaknesses ("Although X, Y") are mixed; a
cue-less sentence opening "However" reads as the opposite of the one before.

Each evaluative paragraph or bullet is one finding, or one per evaluative sentence when it mixes
strengths and weaknesses. Letter furniture, judgement tables, grade claims, recommendation and
scope lists and the area's statistics are not findings.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import attrs

from events import Area, FindingRecorded, Polarity
from timeline.reading.areas import area_for_heading, match_area
from timeline.reading.context import DocumentContext
from timeline.reading.layout import Block, clean, sentences
from timeline.reading.literals import Prefiltered
from timeline.reading.themes import normalise, themes_in

__all__ = ["polarity_of", "read_findings"]


def _cues(spec: str) -> re.Pattern[str]:
    """A whole-word pattern from regex alternatives separated by ";" or line breaks.

    Cues run on lower-case text with straight quotes and single spaces.
    """
    alternatives = [a.strip() for line in spec.splitlines() for a in line.split(";")]
    body = "|".join(a for a in alternatives if a)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])")


_POSITIVE = _cues(r"""
    effective(?:ly)?; timely; prompt(?:ly)?; swift(?:ly)?; quick(?:ly)?; good; rightly
    (?<!as )well(?! as)(?![- ]being); well-(?!being)[\w-]+; strong(?:ly|er)?; strengths?
    strengthened; thorough(?:ly)?; appropriate(?:ly)?; clear(?:ly|er)?; comprehensive(?:ly)?
    robust(?:ly)?; rigorous(?:ly)?; rigour; sound; positive(?:ly)?; helpful(?:ly)?
    success(?:ful|fully)?; (?<!be )improved; work(?:s|ed)? hard; areas? of (?:progress|strength)
    (?<!in )(?<!on )(?<!at )(?<!of )(?<!to )(?<!for )(?<!by )improving
    improvements? (?:has|have|had) been (?:made|achieved|secured|seen)
    secur(?:e|ed|ing) (?:\w+ )?improvements?
    (?:clear|significant|considerable|sustained|notable|some) improvements?
    (?:good|solid|sustained|significant|considerable|steady|suitable|positive|some) progress
    progress (?:has|have|had) been made; (?:made|make|making|makes) (?:\w+ )?progress
    benefit(?:s|ed|ing)? (?:from|when); careful(?:ly)?; diligent(?:ly)?; dedicated; committed
    commitment; proactive(?:ly)?; purposeful(?:ly)?; persistent; tenacious; creative(?:ly)?
    sensitive(?:ly)?; skilled; knowledgeable; accurate(?:ly)?; proportionate; responsive
    excellent; exceptional(?:ly)?; high[- ]quality; high standard; outstanding; regular(?:ly)?
    routinely; consistent(?:ly)?; sufficient(?:ly)?; suitable; feels? safe; embedded
    (?<!to )(?<!in )(?:meets?|met|meeting) (?:their|the|his|her|children's) (?:\w+ )?needs
    (?:have|has|had) access to; welcom(?:e|ed|ing); valued?; warm(?:ly)?; child[- ]centred
    child[- ]focused; confiden(?:t|ce); enabl(?:e|es|ed|ing); deliver(?:s|ing)? results
    beginning to (?:improve|deliver|have|make|show)
    (?:greater|better|increased|improved|stronger|closer|sharper|firm) (?:oversight|awareness
        |scrutiny|understanding|rigour|focus|grip|challenge|coordination)
    insightful; reflective; imaginative(?:ly)?; informative; happy; pleased; enjoy(?:s|ed)?
    ambitious; relentless(?:ly)?; steadfast; smooth(?:ly)?; seamless(?:ly)?; visible; tangible
    supportive; prioritised; (?:is|are|were|was) detailed; up to date; decisive(?:ly)?
    (?:huge|significant|notable|considerable) achievement
""")
_NEGATIVE = _cues(r"""
    poor(?:ly)?; weak(?:ness|nesses|er|ly|ened)?; inadequate(?:ly)?; insufficient(?:ly)?
    inconsisten(?:t|tly|cy|cies); variab(?:le|ility); delay(?:s|ed|ing)?; drift
    var(?:y|ies|ied) (?:too much|significantly|considerably|widely)
    too(?! (?:is|are|was|were)\b)(?: \w+)?
    fail(?:s|ed|ures?|ings?); shortfalls?; shortcomings?; deficits?; deficienc(?:y|ies); gaps? in
    (?:were|was|are|is|remain|remains) concerned; (?:remains?|is|are) a concern; concerning
    cause for concern; serious concerns; under-?developed; out of date; superficial; unclear
    ineffective(?:ly)?; unsuitable; unacceptable; inappropriate(?:ly)?; unsafe; vague; limited
    over-?optimis(?:m|tic); overly; prohibitive; cumbersome; unhelpful; confus(?:ing|ed|ion)
    boring; detrimental; negative(?:ly)?; adverse(?:ly)?; (?:significant|serious|further) harm
    neglectful; risky; premature(?:ly)?; declin(?:e|ed|ing); deteriorat\w*; slow(?:ly|er)?
    (?:much |still )?more (?:work )?to do; more work (?:is )?(?:needed|required)
    further (?:work|attention|development|action|improvement) (?:is |are )?(?:needed|required)
    needs? to be (?:\w+ed|done); requires? further (?:work|development); remains? (?:high|low)
    challenges? (?:remain|around|in relation to|in (?:recruiting|maintaining|retaining
        |improving))
    (?:significant|considerable) challenges; frequent changes; pressures?; long waiting
    (?:high|heavy|increasing|excessive) (?:level of )?(?:staff )?(?:turnover|caseloads?|workloads?)
    wait(?:s|ed)? (?:too )?long; (?:make|makes|made|making) it (?:difficult|hard); unmet; unaware
    unable; uncertain(?:ty)?; worse; wrong; hamper(?:s|ed|ing)?; hinder(?:s|ed|ing)?; compound
    dilut(?:e|es|ed); impersonal
    reduc(?:e|es|ed|ing) (?:their |its )?(?:impact|effectiveness|capacity)
    struggl(?:e|es|ed|ing); inaccura(?:te|cy|cies); incomplete; only (?:very )?recent(?:ly)?
    piecemeal; breakdowns?; instability; complacen(?:t|cy); unsuccessful; patchy; fragmented
    less evident; los(?:e|t|ing) sight
""")
_NEGATOR = _cues(r"""
    no longer; not; no; never; neither; nor; cannot; without; none; nothing; nobody
    less(?! evident)
    lack(?:s|ed|ing)?(?: of)?; absence of; absent; fail(?:s|ed|ing)? to; failures? to
    (?<!to )(?<!and )prevent(?:s|ed|ing)?; unable to; rarely; seldom; (?<!a )little; \w+n't
    missed opportunit(?:y|ies)(?: to)?; would; could; avoid(?:s|ed|ing)?; minimis(?:e|es|ed|ing)
    reduc(?:e|es|ed|ing)(?! (?:their |its )?(?:impact|effectiveness|capacity))
    (?:negative|adverse) (?:impact|effect)s? on; (?:negatively|adversely) affect(?:s|ed|ing)?
""")
# Negators that are no weakness on their own: what would be, or reducing ("reduce delay").
_SOFT = re.compile(r"would|could|less|avoid\w*|minimis\w*|reduc\w*")
_REDUCER = re.compile(r"avoid\w*|minimis\w*|reduc\w*")  # flips only weaknesses
# Only these turn a weakness into a strength ("no delay", "no longer inadequate"); "not"
# before a weakness negates a verb ("have not identified shortcomings").
_ABSENCE = re.compile(rf"no|no longer|none|never|without|{_REDUCER.pattern}")
_NONE_OF = re.compile(r" (?:children|child|young people|young person|families|family)\b")
# This and the next are rarely in a sentence: a look for their words comes before the search.
_NEUTRAL = Prefiltered.of(
    _cues(r"""
    not only; not just; not least; whether or not; no later than; no more than; no less than
    less than; if not
""")
)
# Words about evaluation that evaluate nothing, and what purposes and aims hope for.
_TOPICAL = Prefiltered.of(
    re.compile(
        r"strengths and (?:weaknesses|difficulties|areas for (?:development|improvement))"
        r"|good or concerning|correlates? well|developmental delays?|no room for complacency"
        r"|\b(?:aspirations?|aims?|ambitions?|goals?)\b[^.;:]*"
        r"|\bto (?:determine|decide|consider) (?:if|whether)\b[^.;:]*"
        r"|\b(?:challeng|identif|tackl|address|respond|understand|aware|know|act)\w*(?: to| on)?"
        r" (?:\w+ ){0,3}?"
        r"(?:poor|weak\w*|shortfalls?|shortcomings?|deficits?)\b"
        r"|\b(?:in order )?to (?:\w+ly )?(?:ensure|make sure)\b[^.;:]*?"
        r"(?=[.;:]|, (?:and|but|which|so)\b|$)"
    )
)
# Where a negation's reach ends: clause punctuation, contrast and linking words.
_STOP = re.compile(
    r"[.;:!?()\"]|, (?:and|or|so|as|which|leading|resulting|meaning)\b"
    r"|\b(?:but|however|although|though|whereas|while|despite|nevertheless|nonetheless"
    r"|because|consequently|therefore|which)\b"
)
_REACH = 12  # words a negation reaches ahead to a strength, or back
_REACH_WEAKNESS = 3  # words "no" reaches ahead to a weakness: "no widespread or serious failures"
# A leading "When X, ..." sets the scene; its words are not the evaluation.
_CONDITION = re.compile(
    r"^\W*(?:(?:however|but),? )?(?:when|whenever|where|wherever|if|once|until|as soon as)"
    r"\b[^,.;]*,(?: (?:and|or)\b[^,.;]*,)*"
)
_CONTRAST = re.compile(r"\W*(?:however|but|nevertheless|nonetheless|conversely|yet)\b", re.I)
_POLARITY = {
    (True, True): Polarity.MIXED,
    (True, False): Polarity.POSITIVE,
    (False, True): Polarity.NEGATIVE,
}
_OPPOSITE = {Polarity.POSITIVE: Polarity.NEGATIVE, Polarity.NEGATIVE: Polarity.POSITIVE}


@attrs.frozen
class _Cue:
    start: int
    end: int
    positive: bool


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def _reaches(text: str, start: int, end: int, reach: int = _REACH) -> bool:
    """Whether a negation at one end of ``text[start:end]`` reaches the other end."""
    between = text[start:end]
    return _STOP.search(between) is None and len(between.split()) <= reach


def _prepare(sentence: str) -> str:
    """Lower case, single spaces, with topical phrases and a leading condition blanked out."""
    text = _TOPICAL.sub(_blank, " ".join(normalise(sentence).lower().split()))
    condition = _CONDITION.match(text)
    return text if condition is None else " " * condition.end() + text[condition.end() :]


def _find_cues(text: str, negators: list[re.Match[str]]) -> list[_Cue]:
    """Evaluative cues in order, longest first where they overlap, none inside a negator."""
    found = [_Cue(m.start(), m.end(), True) for m in _POSITIVE.finditer(text)]
    found += [_Cue(m.start(), m.end(), False) for m in _NEGATIVE.finditer(text)]
    taken = [m.span() for m in negators]
    cues = []
    for cue in sorted(found, key=lambda c: (c.start, c.start - c.end)):
        if all(cue.end <= a or cue.start >= b for a, b in taken):
            cues.append(cue)
            taken.append((cue.start, cue.end))
    return cues


def _negated(text: str, negator: re.Match[str], limit: int, cues: list[_Cue]) -> list[int]:
    """The cues one negator flips: those ahead of it, else strengths behind it."""
    absence = _ABSENCE.fullmatch(negator.group()) is not None
    # "no children were at ... risk of serious harm": "no" quantifies the whole clause.
    whole = absence and _NONE_OF.match(text, negator.end()) is not None
    reducer = _REDUCER.fullmatch(negator.group()) is not None
    ahead: list[int] = []
    for i, cue in enumerate(cues):
        if cue.start < negator.end() or cue.end > limit or (reducer and cue.positive):
            continue
        # Any negation flips a weakness right after it ("not complacent").
        reach = _REACH if cue.positive or whole else _REACH_WEAKNESS if absence else 0
        if _reaches(text, negator.end(), cue.start, reach):
            if ahead and cues[ahead[0]].positive != cue.positive:
                break  # "lack of timely review ... delays": it stops at the other kind
            ahead.append(i)
    if ahead or reducer:
        return ahead
    return [  # back only within the clause: not into "Although a few good examples were seen,"
        i
        for i, c in enumerate(cues)
        if c.positive
        and c.end <= negator.start()
        and "," not in text[c.end : negator.start()]
        and _reaches(text, c.end, negator.start())
    ]


def _score(sentence: str) -> tuple[int, int]:
    """How many strengths and weaknesses a sentence expresses, negation applied."""
    text = _prepare(sentence)
    neutral = [m.span() for m in _NEUTRAL.finditer(text)]
    negators = [
        m for m in _NEGATOR.finditer(text) if not any(a <= m.start() < b for a, b in neutral)
    ]
    cues = _find_cues(text, negators)
    flipped: set[int] = set()
    bare = 0
    for k, negator in enumerate(negators):
        limit = negators[k + 1].start() if k + 1 < len(negators) else len(text)
        if negated := _negated(text, negator, limit, cues):
            flipped.update(negated)
        elif not _SOFT.fullmatch(negator.group()):
            bare += 1
    positive = sum(1 for i, c in enumerate(cues) if c.positive != (i in flipped))
    return positive, len(cues) - positive + bare


def _polarity(sentence: str) -> Polarity | None:
    """A sentence's polarity, or None if it evaluates nothing."""
    positive, negative = _score(sentence)
    return _POLARITY.get((positive > 0, negative > 0))


def _judge(
    texts: list[str], evaluate: Callable[[str], Polarity | None] = _polarity
) -> list[Polarity | None]:
    """The polarity of consecutive sentences; a cue-less "However, ..." opposes the one before."""
    out: list[Polarity | None] = []
    previous: Polarity | None = None
    for text in texts:
        polarity = evaluate(text)
        if polarity is None and previous in _OPPOSITE and _CONTRAST.match(text):
            polarity = _OPPOSITE[previous]
        out.append(polarity)
        previous = polarity or previous
    return out


_SENTENCE = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(]?[A-Z0-9])")


def polarity_of(text: str) -> Polarity:
    """Whether ``text`` reads as a strength, a weakness or both.

    Text with no evaluative language reads as ``MIXED`` (neither one nor the other);
    :func:`read_findings` records no such text.
    """
    found = {p for p in _judge(_SENTENCE.split(normalise(text))) if p is not None}
    return found.pop() if len(found) == 1 else Polarity.MIXED


# --- Where findings are, and where they are not ------------------------------------------

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
_SKIP_SECTION = _cues(r"""
    recommendations?; what needs to improve; areas? for (?:improvement|development); actions?
    next steps; areas covered; scope of; contents; information about (?:this|the) local authority
    previous (?:ofsted )?inspections; local leadership; in this area
""")
# After these a document has nothing more to evaluate.
_END_MATTER = _cues(r"""
    ^yours (?:sincerely|faithfully); ^information about this inspection; ^the inspection team
    ^supporting documents
""")
# Headings that divide an area's section without leaving it.
_WITHIN_AREA = re.compile(rf"^(?:{_GRADE}|summary|(?:inspection |key |main )?findings)$")
# A list introduced like this holds recommendations, actions or the scope of a visit.
_LIST_INTRO = _cues(r"""
    recommend\w*; actions?; improve\w*; evaluated; focus(?:ed)? on; themes; areas covered
    considered; judge?ments
""")
_FURNITURE = _cues(r"""
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
    return _polarity(_GRADE_CLAIM.sub(" ", normalise(sentence).lower()))


def _spans(text: str, block: Block) -> list[tuple[int, int]]:
    """The block's sentence spans (no list markers), without a "(Recommendation)" tag."""
    spans = [(s.start, s.end) for s in sentences(text, block)]
    return [(a, b) for a, b in spans if not _MARKER.match(clean(text[a:b]))]


def _findings_in(ctx: DocumentContext, block: Block, area: Area | None) -> list[FindingRecorded]:
    """The findings of one block: the whole block, or each evaluative sentence if it mixes."""
    spans = _spans(ctx.text, block)
    furniture = [bool(_FURNITURE.search(_lower(ctx.text[a:b]))) for a, b in spans]
    kept = [span for span, f in zip(spans, furniture, strict=True) if not f]
    polarities = _judge([ctx.text[a:b] for a, b in kept], _evaluate)
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
