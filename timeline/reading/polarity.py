"""Polarity: whether a sentence reads as a strength, a weakness or both.

Polarity comes from evaluative cues ("effective", "timely", "too slow") and negators. "not", "no",
"lack of" flip the strengths after them in their clause ("not yet consistently effective"), else
those before ("improvements are not evident"); "no", "without", "no longer", "reduce" flip a
weakness close after them ("no longer inadequate"); a negation with nothing to flip is itself a
weakness ("do not receive a summary"). Figures read by their direction ("caseloads have
reduced", "attendance is low"). Concessions ("Despite ..."), intentions and purposes evaluate
nothing. Strengths with weaknesses are mixed only where the sentence sets one against the other
("Although X, Y", "X, but Y"); otherwise the strengths are what the weakness lacks. A cue-less
sentence opening "However" reads as the opposite of the one before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from events import Polarity
from timeline.reading import polarity_cues
from timeline.reading.cues import cue_pattern
from timeline.reading.literals import Prefiltered
from timeline.reading.polarity_branches import BranchGated
from timeline.reading.polarity_words import WordScanned, words_of
from timeline.reading.themes import normalise

__all__ = ["judge", "polarity_of", "sentence_polarity"]


# The evaluative cues; figures read by their direction among them.
_POSITIVE, _NEGATIVE = polarity_cues.POSITIVE, polarity_cues.NEGATIVE

_NEGATOR = cue_pattern(r"""
    no longer; not; no; never; neither; nor; cannot; without; none; nothing; nobody
    less(?! evident)
    lack(?:s|ed|ing)?(?: of)?; absence of; absent; shortages? of; fail(?:s|ed|ing)? to; failures? to
    (?<!to )(?<!and )prevent(?:s|ed|ing)? (?:\w+ ){1,4}?from
    (?<!to )(?<!and )(?<!')prevent(?:s|ed|ing)?(?!')(?! (?:duty|strategy|programme|board|team|lead))
    unable to; rarely; seldom; (?<!a )little; \w+n't; missed opportunit(?:y|ies)(?: to)?
    (?:kept|keep|keeps|keeping) to a minimum; would; could; avoid(?:s|ed|ing)?
    minimis(?:e|es|ed|ing)
    reduc(?:e|es|ed|ing)(?! (?:their |its )?(?:impact|effectiveness|capacity))
    (?:negative|adverse) (?:impact|effect)s? on; (?:negatively|adversely) affect(?:s|ed|ing)?
    (?:is|are|has|have|remains?) (?:still )?yet to
""")
# Negators that are no weakness on their own: what would be, or reducing ("reduce delay").
_SOFT = re.compile(r"would|could|less|avoid\w*|minimis\w*|reduc\w*|prevent\w*|\w+ to a minimum")
# These flip only weaknesses ("preventing family breakdown"); "prevents X from" is a negation.
_REDUCER = re.compile(r"avoid\w*|minimis\w*|reduc\w*|prevent\w*|\w+ to a minimum")
# Only these turn a weakness into a strength ("no delay", "no longer inadequate"); "not"
# before a weakness negates a verb ("have not identified shortcomings").
_ABSENCE = re.compile(rf"no|no longer|none|never|without|{_REDUCER.pattern}")
_NONE_OF = re.compile(
    r" (?:looked after |older |younger |disabled )?"
    r"(?:children|child|young people|young person|families|family)\b"
)
# "The majority of reviews, but not all, are held in time": a partial, not a negated verb.
_PARTIAL = re.compile(r" (?:all|always|every\w*)\s*[,)]")
# Rarely in a sentence: searched only where the sentence's words can begin one.
_NEUTRAL = WordScanned(
    cue_pattern(r"""
    not only; not just; not least; whether or not; no later than; no more than; no less than
    supported (?:accommodation|lodgings?|living|housing); adverse childhood experiences
    no longer (?:needed|required|necessary); protected characteristics?
    remain(?:s|ed)? (?:broadly )?consistent; little (?:distinction|difference) between
    less than; if not; not in education; (?:unable to|cannot|not able to) live
""")
)
# Words about evaluation that evaluate nothing, and what purposes and aims hope for; each rarely
# in a sentence: only those whose words are in it are searched for.
_TOPICAL = BranchGated(
    re.compile(
        r"strengths and (?:weaknesses|difficulties|areas for (?:development|improvement))"
        r"|good or concerning|correlates? well|developmental delays?|no room for complacency"
        r"|\b(?:aspirations?|aims?|ambitions?|goals?)\b[^.;:]*"
        r"|\bto (?:determine|decide|consider) (?:if|whether)\b[^.;:]*"
        r"|\b(?:challeng|identif|tackl|address|respond|understand|aware|know|act(?!ion))\w*"
        r"(?: to| on)? (?:\w+ ){0,3}?"
        r"(?:poor|weak\w*|shortfalls?|shortcomings?|deficits?|what needs to (?:be )?\w+"
        r"|what has to (?:be )?\w+)\b"
        # A purpose hopes; "helped to ensure" says what was done.
        r"|(?<!help )(?<!helps )(?<!helped )(?<!beginning )(?<!starting )(?<!begun )"
        r"\b(?:in order )?to (?:\w+ly )?(?:ensure|make sure)\b"
        r"[^.;:]*?(?=[.;:]|, (?:and|but|which|so)\b|,? (?:although|though|while|whereas)\b|$)"
        # Intentions and plans evaluate nothing yet.
        r"|\b(?:intended|(?:is|are|were|was) (?:\w+ )?considering)\b[^.;:]*"
        # A concession takes the main clause's reading: "Despite the pressures of ..., X".
        r"|\b(?:despite|notwithstanding|in spite of)\b[^,.;]*(?:, (?:and|or)\b[^,.;]*)*"
        # And so do the times a thing was done in: "stability in times of challenge".
        r"|\bin times of\b[^,.;]*|\bin a time of\b[^,.;]*"
    )
)
# Where a negation's reach ends: clause punctuation, contrast and linking words.
_STOP = re.compile(
    r"[.;:!?()\"]|, (?:and|so|as|which|leading|resulting|meaning)\b"
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
# Words that set one thing against another, which a mixed sentence needs.
_SETS_AGAINST = Prefiltered.of(
    cue_pattern(r"""
    but; however; although; though; whereas; despite; yet; nevertheless
    ^whil(?:e|st); (?<=, )whil(?:e|st); (?<=that )whil(?:e|st)
    nonetheless; notwithstanding; except; as well as
""")
)
_SUBORDINATE = re.compile(
    r"^\W*(?:(?:however|but),? )?(?:while|whilst|although|though|as|since|because|despite)\b"
    r"[^,.;]*,"
)
_CONTRAST = re.compile(r"\W*(?:however|but|nevertheless|nonetheless|conversely|yet)\b", re.I)
# The cue patterns are searched only where a sentence's words can begin a cue.
_POSITIVE_WORDS, _NEGATIVE_WORDS = WordScanned(_POSITIVE), WordScanned(_NEGATIVE)
_NEGATOR_WORDS = WordScanned(_NEGATOR)
_POLARITY = {
    (True, True): Polarity.MIXED,
    (True, False): Polarity.POSITIVE,
    (False, True): Polarity.NEGATIVE,
}
_OPPOSITE = {Polarity.POSITIVE: Polarity.NEGATIVE, Polarity.NEGATIVE: Polarity.POSITIVE}


class _Cue(NamedTuple):
    """An evaluative cue's span and kind (a tuple: a sentence makes several, and an attrs
    class's frozen init costs more than reading the cue)."""

    start: int
    end: int
    positive: bool


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def _reaches(text: str, start: int, end: int, reach: int = _REACH) -> bool:
    """Whether a negation at one end of ``text[start:end]`` reaches the other end."""
    between = text[start:end]
    return _STOP.search(between) is None and len(between.split()) <= reach


def _prepare(sentence: str) -> tuple[str, frozenset[bytes]]:
    """Lower case, single spaces, with topical phrases and a leading condition blanked out, and
    the comma closing a leading subordinate clause made a stop ("While numbers who are not
    attending are increasing; successful engagement ...": the "not" stays in its clause); and
    its words (``words_of``)."""
    lowered = " ".join(normalise(sentence).lower().split())
    words = words_of(lowered)
    text = _TOPICAL.sub(_blank, lowered, words)
    if text != lowered:  # blanked: words may have lost their start or end
        words = words_of(text)
    if (subordinate := _SUBORDINATE.match(text)) is not None:  # a stop for a stop: same words
        text = text[: subordinate.end() - 1] + ";" + text[subordinate.end() :]
    condition = _CONDITION.match(text)
    if condition is None:
        return text, words
    text = " " * condition.end() + text[condition.end() :]
    return text, words_of(text)


def _find_cues(
    text: str, words: frozenset[bytes], negators: list[re.Match[str]]
) -> tuple[list[_Cue], list[re.Match[str]]]:
    """Evaluative cues in order, longest first where they overlap, none inside a negator; and
    the negators, but those inside a longer cue ("caseloads have reduced").

    ``words`` are ``text``'s (``words_of``).
    """
    positive = _POSITIVE_WORDS.finditer(text, words)
    negative = _NEGATIVE_WORDS.finditer(text, words)
    if not negators and not (positive and negative):
        # One kind's cues are found apart: with no other kind and no negator, all stay.
        cues = [_Cue(m.start(), m.end(), bool(positive)) for m in positive or negative]
        if len(cues) > 1:
            cues.sort(key=_longest_first)
        return cues, negators
    found = [_Cue(m.start(), m.end(), True) for m in positive]
    found += [_Cue(m.start(), m.end(), False) for m in negative]
    kept = []
    for m in negators:
        start, end = m.span()
        for c in found:
            if c.start <= start and end <= c.end and c.end - c.start > end - start:
                break
        else:
            kept.append(m)
    taken = [m.span() for m in kept]
    cues = []
    for cue in sorted(found, key=_longest_first):
        for a, b in taken:
            if cue.end > a and cue.start < b:
                break
        else:
            cues.append(cue)
            taken.append((cue.start, cue.end))
    return cues, kept


def _longest_first(cue: _Cue) -> tuple[int, int]:
    return cue.start, cue.start - cue.end


def _negated(text: str, negator: re.Match[str], limit: int, cues: list[_Cue]) -> list[int]:
    """The cues one negator flips: those ahead of it, else strengths behind it."""
    absence = _ABSENCE.fullmatch(negator.group()) is not None
    # "no children were at ... risk of serious harm": "no" quantifies the whole clause.
    reducer = _REDUCER.fullmatch(negator.group()) is not None
    whole = absence and not reducer and _NONE_OF.match(text, negator.end()) is not None
    if _PARTIAL.match(text, negator.end()):
        return []
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
    if ahead or (_SOFT.fullmatch(negator.group()) and not reducer):
        return ahead  # "as a good parent would": what would be looks ahead only
    # Back only within the clause: not into "Although a few good examples were seen,"; for a
    # reducer, to the weakness it reduces ("delay in responding is minimised").
    return [
        i
        for i, c in enumerate(cues)
        if c.positive is not reducer
        and c.end <= negator.start()
        and "," not in text[c.end : negator.start()]
        and _reaches(text, c.end, negator.start())
    ]


def _quantifies(text: str, negator: re.Match[str]) -> bool:
    """Whether a negator is "No children ..." opening the sentence: with nothing evaluative to
    negate, it counts ("No children are home-educated"), and is no weakness."""
    return (
        negator.group() == "no"
        and not text[: negator.start()].strip()
        and _NONE_OF.match(text, negator.end()) is not None
    )


def _score(sentence: str) -> tuple[int, int]:
    """How many strengths and weaknesses a sentence expresses, negation applied."""
    text, words = _prepare(sentence)
    negators = _NEGATOR_WORDS.finditer(text, words)
    # Neutral phrases set aside negators and cues: looked for only where there are some.
    neutral = [m.span() for m in _NEUTRAL.finditer(text, words)] if negators else None
    if neutral:  # rare: most sentences hold no neutral phrase to set aside
        negators = [m for m in negators if not any(a <= m.start() < b for a, b in neutral)]
    cues, negators = _find_cues(text, words, negators)
    if neutral is None and cues:
        neutral = [m.span() for m in _NEUTRAL.finditer(text, words)]
    if neutral:
        cues = [c for c in cues if not any(a <= c.start < b for a, b in neutral)]
    flipped: set[int] = set()
    bare = 0
    for k, negator in enumerate(negators):
        limit = negators[k + 1].start() if k + 1 < len(negators) else len(text)
        if negated := _negated(text, negator, limit, cues):
            flipped.update(negated)
        elif not _SOFT.fullmatch(negator.group()) and not _quantifies(text, negator):
            bare += 1
    positive = sum(1 for i, c in enumerate(cues) if c.positive != (i in flipped))
    return positive, len(cues) - positive + bare


def sentence_polarity(sentence: str) -> Polarity | None:
    """A sentence's polarity, or None if it evaluates nothing.

    A sentence that sets nothing against anything ("but", "although", "while", ";" ...) is
    mixed only if its strengths outnumber its weaknesses three to one ("A tenacious and
    appropriately targeted campaign has had limited success"); otherwise its strengths are
    what a weakness lacks ("the planning of sufficient placements has taken too long"), and it
    reads as the weakness.
    """
    positive, negative = _score(sentence)
    polarity = _POLARITY.get((positive > 0, negative > 0))
    if (
        polarity is Polarity.MIXED
        and positive < 3 * negative
        and ";" not in sentence
        and _SETS_AGAINST.search(normalise(sentence).lower()) is None
    ):
        return Polarity.NEGATIVE
    return polarity


def judge(
    texts: list[str], evaluate: Callable[[str], Polarity | None] = sentence_polarity
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
    ``read_findings`` records no such text.
    """
    found = {p for p in judge(_SENTENCE.split(normalise(text))) if p is not None}
    return found.pop() if len(found) == 1 else Polarity.MIXED
