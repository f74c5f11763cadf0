"""Which authority a statement is about: the document's subject, or another council it names.

A report on one council mentions others: a predecessor ("the predecessor local authority,
Cumbria County Council, were judged requires improvement"), a comparison ("Unlike Oxfordshire
County Council, whose services were judged outstanding, ..."), a neighbour sharing a service.
A grade stated of another council is that council's, not the subject's; findings and figures
stated of one are not the subject's either. Places are not councils, though: "children placed
in Kent" says where children live, so a bare place name only counts where a grade is retold,
and a finding's or figure's sentence counts as about another council only where it opens with
that council named as one ("Kent County Council", "Kent's services") and names no subject.
"""

from __future__ import annotations

import bisect
import functools
import re

import attrs

from events import PartialDate
from timeline.reading.subjects import names_in
from timeline.register import Register

__all__ = ["Mention", "authority_mentions", "grade_holder", "names_another_council"]

# A name's own words followed by one of these names the council, not the place.
_AS_COUNCIL = re.compile(
    r"\s*(?:['’]s?\b|(?:Metropolitan\s+)?(?:Borough\s+|County\s+|City\s+|District\s+)?"
    r"Council\b|local\s+authority\b)"
)
_COUNCIL_PREFIX = re.compile(
    r"(?:(?:London|Royal|Metropolitan)\s+Borough\s+of|City\s+of|County\s+of|Council\s+of)\s+$",
    re.IGNORECASE,
)
_COUNCIL_WORD = re.compile(r"\b(?:Council|Borough|County|City|Corporation)\b", re.IGNORECASE)


@attrs.frozen(kw_only=True)
class Mention:
    """A register authority named in a text, with the register's name for it."""

    start: int
    end: int
    name: str
    as_council: bool  # named as a council ("X Council", "London Borough of X", "X's")


@functools.lru_cache(maxsize=8)
def authority_mentions(text: str, published: PartialDate | None = None) -> tuple[Mention, ...]:
    """Every register authority ``text`` names, in order, resolved on ``published``."""
    register = Register.default()
    on = published.start if published is not None else None
    found = []
    for start, end, matched in names_in(text, register):
        authority = register.lookup(matched, on)
        if authority is None:
            continue
        before = text[max(0, start - 40) : start]
        as_council = bool(
            _AS_COUNCIL.match(text, end)
            or _COUNCIL_PREFIX.search(before)
            or _COUNCIL_WORD.search(matched)  # an alias in a legal form: "London Borough of X"
        )
        found.append(Mention(start=start, end=end, name=authority.name, as_council=as_council))
    return tuple(found)


@functools.lru_cache(maxsize=8)
def _starts(text: str, published: PartialDate | None) -> list[int]:
    """Where each mention starts, kept once per document: findings ask thousands of times."""
    return [m.start for m in authority_mentions(text, published)]


def _within(text: str, published: PartialDate | None, start: int, end: int) -> tuple[Mention, ...]:
    starts = _starts(text, published)
    found = authority_mentions(text, published)
    return found[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]


def grade_holder(
    text: str, subject: str, published: PartialDate | None, start: int, grade_at: int
) -> str:
    """Whose grade a retold grade at ``grade_at`` in the sentence from ``start`` is.

    The authority named last before the grade in its sentence; the subject if it names none.
    """
    named = _within(text, published, start, grade_at)
    return named[-1].name if named else subject


def names_another_council(
    text: str, subject: str, published: PartialDate | None, start: int, end: int
) -> str | None:
    """The other council ``text[start:end]`` is stated of, if it names one and not the subject."""
    named = _within(text, published, start, end)
    if any(m.name == subject for m in named):
        return None
    return next(
        (m.name for m in named if m.as_council and _leads_its_sentence(text, start, m.start)),
        None,
    )


_SENTENCE_END = re.compile(r"[.!?]\s+")


def _leads_its_sentence(text: str, start: int, position: int) -> bool:
    """Whether at most three words stand before ``position`` in its sentence (from ``start``).

    "Kent County Council's fostering service is strong" is stated of Kent; "a programme based
    on North Yorkshire's model" is not stated of North Yorkshire.
    """
    before = text[start:position]
    sentence = _SENTENCE_END.split(before)[-1]
    return len(sentence.split()) <= 3
