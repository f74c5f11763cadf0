"""Figures a document states ("At 31 October 2017, 471 children ...") as dated metric observations.

Each number in a sentence gets a role: a figure of its own (``main``), a share of the figure
before it ("of whom 65%"), the same figure in another unit ("(a rate of 49 per 10,000
children)", "(or 48%)"), an earlier value ("an increase from 553 at 31 March 2017"), or a
comparator ("the England average (22%)"). Figures are named from the metric catalogue
(``timeline/data/metrics.toml``) by the words around them; a figure no phrase names is kept under
``other:`` when it counts children, staff or casework. Years, ages, durations, section, paragraph
and page numbers, phone numbers and postcodes are not figures.
"""

from __future__ import annotations

import re

import attrs

from events import Comparator, Direction, MetricObserved, PartialDate, Period, Source
from timeline.reading.context import DocumentContext
from timeline.reading.dates import find_dates
from timeline.reading.figures_comparators import may_name_comparator
from timeline.reading.layout import Block, clean, sentences
from timeline.reading.metrics import catalogue, name_metric
from timeline.reading.numbers import Number, NumberScan, numbers_in

__all__ = ["metric_label", "read_figures"]


# A lookahead of letters opening a pattern below names the first letters of its words: the
# search skips other positions at once rather than trying the word boundary and alternation at
# each (the plain patterns in the tests find the same).
_DURATION = re.compile(r"\s*(?:working\s+|calendar\s+)?(days?|weeks?|months?)\b", re.I)
_DURATION_JUNK = re.compile(
    r"\b(?:within|up to|under|over|more than|less than|at least|for|every|after|last|past|next"
    r"|first|the)\s+$",
    re.I,
)
_LEADING = re.compile(r"^\W*(?:there (?:is|are|was|were|have been|has been|had been)\s+)?$", re.I)
_INSPECTORS = re.compile(
    r"(?=[hiw])"
    r"\b(?:inspectors?|HMIs?|we)\b(?:\s+\w+){0,3}?\s+(?:reviewed|looked at|considered|scrutinised"
    r"|sampled|tracked|spoke|met|saw|visited|examined|audited|read|evaluated)\b",
    re.I,
)
# "At the time of the visit", "currently": the figure is as at the document's own dates.
_ANCHOR = re.compile(
    r"(?=[acdist])"
    r"\b(?:(?:at|during) the time of (?:the |this |our )?(?:inspection|visit)|currently|at present"
    r"|at this (?:inspection|visit)|in the (?:last|past|previous) (?:\w+ )?(?:months?|years?"
    r"|weeks?)"
    r"|the (?:\w+ )?months (?:preceding|before|prior to) the (?:inspection|visit)"
    r"|since the (?:last|previous) (?:inspection|visit))\b",
    re.I,
)
_FINANCIAL_YEAR = re.compile(
    r"(?=[dfio])\b(?:in|during|for|over)\s+(?P<y>20\d\d)\s*[-\u2013/]\s*(?P<z>\d\d)\b", re.I
)
# What every financial year holds ("2016-17"): it opens with "20", which the engine finds by a
# plain substring search, so most sentences are ruled out long before a word-by-word search.
_YEAR_TO_YEAR = re.compile(r"20\d\d\s*[-\u2013/]\s*\d\d")
_NOT_AS_AT = re.compile(
    r"(?=[abdfpstu])"
    r"\b(?:since|from|until|till|between|before|after|prior to|following|by|published|dated)"
    r"\s+(?:the\s+)?$",
    re.I,
)
_COMPANION = re.compile(
    r"(?:\(\s*(?:a rate of|or|which is|that is|equivalent to|representing|about|around"
    r"|approximately)?|,\s*(?:a rate of|which is a rate of|equivalent to))\s*$",
    re.I,
)
_CHANGE = re.compile(
    r"\b(?:increas\w*|decreas\w*|reduc\w*|ris(?:e|en|ing)|rose|fall(?:en|ing)?|fell|drop(?:ped)?"
    r"|up|down|chang\w*|improv\w*|deteriorat\w*|declin\w*|grow(?:n|th)?|grew)\b",
    re.I,
)
_EARLIER_FROM = re.compile(
    r"(?=f)\bfrom\s+(?:a\s+(?:rate|figure|total|level|high|low)\s+of\s+)?(?:approximately\s+"
    r"|around\s+|about\s+)?$",
    re.I,
)
_EARLIER_COMPARED = re.compile(r"(?=[acp])\b(?:compared (?:with|to)|against|previously)\s+$", re.I)
_SHARE = re.compile(r"(?=[io])\b(?:of (?:whom|which|these|those|them),?|including)\s+$", re.I)
_CHANGE_AFTER = re.compile(
    r"\s+(?:increase|rise|reduction|decrease|fall|drop|growth|decline|percentage points?)\b", re.I
)
_CHANGE_BY = re.compile(
    r"(?=[dfgir])\b(?:increase[ds]?|rise|rose|risen|reduction|reduced|decrease[ds]?|fall|fell|fallen"
    r"|drop(?:ped)?|grew|growth|decline[ds]?) (?:of|by)\s+$",
    re.I,
)
_VERB = re.compile(
    r"(?:live|lives|lived|living|are|were|is|was|have|has|had|remain\w*|became|become|ceased"
    r"|moved|left|returned|went)\b",
    re.I,
)
_PREPOSITION_END = re.compile(r"\b(?:for|in|among|amongst|by|with)\s*$", re.I)
_CLAUSE_END = re.compile(
    r"[,;:()]|\.(?:\s|$)|\s[-\u2013]\s|\b(?:during|since|because|compared|when|while|although"
    r"|whereas|but|which|as part of|at|by)\b",
    re.I,
)
_FUNCTION_WORDS = re.compile(
    r"^(?:(?:of|the|all|a|an|and|or|to|in|it|they|who|that|were|was|are|is)\s+)+"
    r"|(?:\s+(?:of|the|a|an|and|or|to|in|who|that|were|was|are|is|for|with))+$",
    re.I,
)
_OF = re.compile(r"\s*of\b")
_APOSTROPHES = re.compile(r"['\u2019]")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_QUOTES = " -'\"\u2018\u2019\u201c\u201d"
_SUFFIX = {"percent": "percent", "count": "count", "rate_per_10000": "rate"}

_Mention = tuple[int, int, Period, bool]  # start, end, period, stated (not "at the time of")


@attrs.frozen
class _Resolved:
    key: str
    unit: str
    direction: Direction
    wording: str

    def key_for(self, unit: str) -> str:
        """The key for this figure stated in ``unit`` ("..._rate" for a per-10,000 rate)."""
        return self.key if unit == self.unit else f"{self.key}_{_SUFFIX.get(unit, unit)}"


@attrs.define
class _Figure:
    start: int
    end: int
    value: float
    unit: str
    word: bool
    leading: bool  # first in its sentence, or after "there are"
    duration: bool = False
    change: bool = False
    role: str = "main"  # main, share, companion, earlier, comparator
    parent: _Figure | None = None
    name: str = ""
    comparators: list[Comparator] = attrs.Factory(list)
    metric: _Resolved | None = None
    period: Period | None = None


@attrs.frozen
class _Lead:
    """A block ending in ":": its list items take its date, or its words if it has no figure."""

    depth: int  # -1 for a paragraph: bullets of any depth follow it
    date: Period | None
    label: str | None


def _phrase(text: str, *, tail: bool = False) -> str:
    """A figure's own words: the first (or, with ``tail``, last) clause, up to eight words."""
    parts = _CLAUSE_END.split(text.strip())
    words = (parts[-1] if tail else parts[0]).strip(_QUOTES).split()
    return _FUNCTION_WORDS.sub("", " ".join(words[-8:] if tail else words[:8])).strip(_QUOTES)


def _words(text: str, start: int, end: int, mentions: list[_Mention]) -> str:
    """``text[start:end]`` cleaned, each date a comma: dates name no metric and end a phrase."""
    # Only the span is copied and rewritten: rewriting the whole document for every date in
    # it made reading quadratic in the document's size.
    span = text[start:end]
    for m in reversed([m for m in mentions if m[3] and start <= m[0] and m[1] <= end]):
        a, b = m[0] - start, m[1] - start
        span = f"{span[:a]},{' ' * (b - a - 1)}{span[b:]}"
    return clean(span)


def _slug(text: str) -> str:
    return _NOT_SLUG.sub("_", _APOSTROPHES.sub("", text.lower())).strip("_")


def _numbers(
    text: str, start: int, end: int, numbers: list[Number], taken: list[tuple[int, int]]
) -> list[_Figure]:
    out = []
    for number in numbers:
        if any(s <= number.start < e for s, e in taken):
            continue
        unit = number.unit
        before, after = text[max(start, number.start - 40) : number.start], text[number.end : end]
        figure = _Figure(
            start=number.start,
            end=number.end,
            value=number.value,
            unit=unit,
            word=number.word,
            leading=bool(_LEADING.match(text[start : number.start])),
        )
        if unit == "count" and (duration := _DURATION.match(after)):
            if _DURATION_JUNK.search(before):
                continue  # "within 20 working days", "in the 12 months"
            figure.duration, figure.unit = True, duration.group(1).lower().rstrip("s") + "s"
        if _CHANGE_AFTER.match(after) or _CHANGE_BY.search(before):
            figure.change, figure.unit = True, f"{unit}_change"
        out.append(figure)
    return out


def _mentions(ctx: DocumentContext, start: int, end: int) -> list[_Mention]:
    """Dates in the sentence, financial years ("2016-17") and "at the time of the visit"."""
    text = ctx.text
    found = [
        (m.start, m.end, m.period, True)
        for m in find_dates(text, start, end, default_year=ctx.published.year)
    ]
    years = _YEAR_TO_YEAR.search(text, start, end) is not None
    for m in _FINANCIAL_YEAR.finditer(text, start, end) if years else ():
        year = int(m["y"])
        if int(m["z"]) == (year + 1) % 100:
            period = Period(PartialDate(year, 4), PartialDate(year + 1, 3))
            found.append((m.start(), m.end(), period, True))
    found += [(m.start(), m.end(), ctx.valid, False) for m in _ANCHOR.finditer(text, start, end)]
    return sorted(found, key=lambda x: (x[0], x[1]))


def _as_at(text: str, start: int, mentions: list[_Mention], at: int, end: int) -> Period | None:
    """The nearest date before ``at`` that says when a figure was true, else the first after."""
    eligible = [m for m in mentions if not _NOT_AS_AT.search(text[max(start, m[0] - 20) : m[0]])]
    before = [m for m in eligible if m[1] <= at]
    after = [m for m in eligible if m[0] >= end]
    return before[-1][2] if before else after[0][2] if after else None


def _assign_roles(text: str, start: int, figures: list[_Figure]) -> None:
    previous: _Figure | None = None  # the last figure that is not a comparator
    main: _Figure | None = None  # the last main figure or share
    metrics = catalogue()
    for f in figures:
        before, after = text[max(start, f.start - 80) : f.start], text[f.end : f.end + 40]
        name = None
        if may_name_comparator(before):
            name = next((n for n, p in metrics.before.items() if p.search(before)), None)
        if not name and may_name_comparator(after):
            name = next((n for n, p in metrics.after.items() if p.match(after)), None)
        if name is not None:
            f.role, f.name, f.parent = "comparator", name, previous
            continue
        if previous is not None and _COMPANION.search(before) and previous.unit != f.unit:
            f.role = "companion"
            f.parent = previous.parent if previous.role == "companion" else previous
        elif _EARLIER_COMPARED.search(before) or (
            _EARLIER_FROM.search(before) and _CHANGE.search(text, start, f.start)
        ):
            f.role = "earlier"
        elif main is not None and _SHARE.search(before):
            f.role, f.parent = "share", main
        if f.role in ("main", "share"):
            main = f
        previous = f
    for f in figures:  # "the England average is 22%, and ours is 33%"
        if f.role == "comparator" and f.parent is None:
            f.parent = next(
                (g for g in figures if g.role != "comparator" and g.start > f.end), None
            )


def _other(f: _Figure, before: str, after: str) -> _Resolved | None:
    """A figure outside the catalogue, named by its own words, if it clearly measures something."""
    parenthesised = before.rstrip().endswith("(")  # "a number of children (1,870)"
    phrase = _phrase(before.rstrip()[:-1], tail=True) if parenthesised else _phrase(after)
    if not phrase or f.duration:
        return None
    head = phrase if parenthesised else " ".join(phrase.split()[:4])
    counts_something = catalogue().nouns.search(head) or (f.leading and _VERB.match(phrase))
    if f.unit == "count" and not counts_something:
        return None
    return _Resolved(
        key=f"other:{_slug(phrase)}", unit=f.unit, direction=Direction.NONE, wording=phrase
    )


def _resolve(f: _Figure, before: str, after: str, lead: _Lead | None) -> _Resolved | None:
    if f.change:
        return _other(f, before, after)
    if f.role == "share":  # keyed under its parent: "54 in children's homes, of whom 65% ..."
        hit, parent = name_metric(after, ""), f.parent.metric if f.parent else None
        own = hit[0].key if hit and not hit[0].population else _slug(_phrase(after))
        if parent is None or not own:
            return None
        direction, wording = (hit[0].direction, hit[1]) if hit else (Direction.NONE, _phrase(after))
        return _Resolved(
            key=f"{parent.key}/{own}", unit=f.unit, direction=direction, wording=wording
        )
    if f.unit == "percent" and _PREPOSITION_END.search(before) and _OF.match(after):
        # "a risk factor for 62% of children on plans": a share of the group, named before it.
        group, tail = name_metric(after, ""), _phrase(before, tail=True)
        if group and tail and not name_metric("", before):
            key = f"{group[0].key}/{_slug(tail)}"
            return _Resolved(key=key, unit=f.unit, direction=Direction.NONE, wording=tail)
    hit = name_metric(after, before, lead.label if lead else None)
    if hit is None:
        return _other(f, before, after)
    metric, wording = hit
    if f.duration and metric.unit != f.unit:
        return None
    return _Resolved(key=metric.key, unit=metric.unit, direction=metric.direction, wording=wording)


def _sentence(
    ctx: DocumentContext,
    span: tuple[int, int],
    lead: _Lead | None,
    last: _Figure | None,
    item: bool,
) -> tuple[list[MetricObserved], _Figure | None]:
    """The sentence's observations, and the last main figure for later "increase from" values.

    A number written as a word counts only in a sentence that dates itself or states other
    figures, at the head of a list ``item`` ("seven live in ..."), or as an earlier value or a
    share: elsewhere "one child described ..." is narrative, not a figure.
    """
    (start, end), text = span, ctx.text
    numbers = list(numbers_in(text, start, end))
    if not numbers or _INSPECTORS.search(text, start, end):
        return [], last
    mentions = _mentions(ctx, start, end)
    figures = _numbers(text, start, end, numbers, [(m[0], m[1]) for m in mentions])
    stated = bool(mentions) or any(not f.word and not f.duration for f in figures)
    figures = [
        f
        for f in figures
        if not f.word
        or f.unit != "count"
        or stated
        or (f.leading and item)
        or _EARLIER_FROM.search(text, start, f.start)
        or _SHARE.search(text, start, f.start)
    ]
    _assign_roles(text, start, figures)
    claimed: list[_Mention] = []
    for f in figures:
        if f.role == "earlier":  # dated by the first date after it: "from 22 in January 2017"
            date = next((m for m in mentions if m[3] and m[0] >= f.end), None)
            f.period, claimed = (date[2], [*claimed, date]) if date else (None, claimed)
    free = [m for m in mentions if m not in claimed]
    anchors = [f for f in figures if f.role in ("main", "share")]
    for i, f in enumerate(anchors):  # each reads the words up to its neighbours
        lo = max(anchors[i - 1].end if i else start, text.rfind(";", start, f.start) + 1)
        hi = anchors[i + 1].start if i + 1 < len(anchors) else end
        hi = semi if (semi := text.find(";", f.end, hi)) != -1 else hi
        before, after = _words(text, lo, f.start, mentions), _words(text, f.end, hi, mentions)
        f.metric = _resolve(f, before, after, lead)
        f.period = _as_at(text, start, free, f.start, f.end) or (lead and lead.date) or ctx.valid
        last = f if f.role == "main" and f.metric is not None else last
    for f in figures:
        if f.role == "earlier":
            mains = [g for g in anchors if g.role == "main" and g.metric is not None]
            ref = min(mains, key=lambda g: abs(g.start - f.start), default=last)
            f.metric = ref.metric if ref is not None else None
        elif f.role == "companion" and f.parent is not None:
            f.metric, f.period = f.parent.metric, f.parent.period
        elif f.role == "comparator" and f.parent is not None:
            f.parent.comparators.append(Comparator(name=f.name, value=f.value))
    return _observations(ctx, ctx.source(start, end), figures), last


def _observations(
    ctx: DocumentContext, source: Source, figures: list[_Figure]
) -> list[MetricObserved]:
    return [
        MetricObserved(
            subject=ctx.subject,
            valid=f.period,
            known=ctx.published,
            source=source,
            metric=f.metric.key_for(f.unit),
            wording=f.metric.wording,
            value=f.value,
            unit=f.unit,
            comparators=tuple(f.comparators),
            direction=f.metric.direction,
        )
        for f in figures
        if f.role != "comparator" and f.metric is not None and f.period is not None
    ]


def _lead(ctx: DocumentContext, block: Block, found: bool) -> _Lead:
    stated = [m for m in _mentions(ctx, block.start, block.end) if m[3]]
    return _Lead(
        depth=-1 if block.kind == "paragraph" else block.depth,
        date=_as_at(ctx.text, block.start, stated, block.start, block.start),
        label=None if found else block.text(ctx.text),
    )


def _ends_in_colon(text: str, block: Block) -> bool:
    """Whether ``block.text(text)`` ends in ":", the block cleaned only if it holds one.

    Cleaning keeps, drops or folds characters: its text holds a colon only if the block does.
    No later reader cleans every block of a report whose lists have titles (nearly all), so
    cleaning each here was 6% of the time spent reading figures."""
    return text.find(":", block.start, block.end) != -1 and block.text(text).endswith(":")


def metric_label(key: str) -> str:
    """A metric's display name: the catalogue's label, suffixed keys and ``other:`` included."""
    labels = {m.key: m.label for m in catalogue().metrics}
    if key in labels:
        return labels[key]
    if key.startswith("other:"):
        return key[len("other:") :].replace("_", " ").capitalize()
    base, _, share = key.partition("/")
    if share:
        return f"{metric_label(share)} (of {metric_label(base).lower()})"
    for suffix, words in (("_rate", "rate"), ("_percent", "%"), ("_count", "count")):
        if key.endswith(suffix) and key[: -len(suffix)] in labels:
            return f"{labels[key[: -len(suffix)]]} ({words})"
    return key.replace("_", " ").capitalize()


def read_figures(ctx: DocumentContext) -> list[MetricObserved]:
    """Every figure the document states, each with its as-at date, comparators and source.

    A figure's ``valid`` period is the date its sentence gives ("At 31 October 2017", "at the
    end of September 2017"), else that of the list it belongs to, else the document's own
    (``ctx.valid``). Earlier values ("up from 22 in January 2017") are observations of the same
    metric at their own date.
    """
    out: dict[str, MetricObserved] = {}
    lead: _Lead | None = None
    # Most sentences hold no number, so state no figure: a search for a digit or a number
    # word in the document's lower case (folded once) rules them out before any other work.
    scan = NumberScan(ctx.text)
    for block in ctx.blocks:
        if block.kind == "heading":
            lead = None
            continue
        if lead and not (block.kind == "bullet" and block.depth > lead.depth):
            lead = None
        last: _Figure | None = None
        found = False
        for i, sentence in enumerate(sentences(ctx.text, block)):
            if not scan.may_hold(sentence.start, sentence.end):
                continue
            item = block.kind == "bullet" and block.number is None and i == 0
            events, last = _sentence(ctx, (sentence.start, sentence.end), lead, last, item)
            if events:
                found = True
                out.update((e.id, e) for e in events if e.id not in out)
        if _ends_in_colon(ctx.text, block):
            lead = _lead(ctx, block, found)
    return sorted(out.values(), key=lambda e: (e.source.start, e.source.end))
