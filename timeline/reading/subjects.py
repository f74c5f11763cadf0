"""Which local authority a document is about, and one name for it however it is written.

"Buckinghamshire County Council", "Buckinghamshire local authority", "Buckinghamshire Council"
and "London Borough of Buckinghamshire" are all ``Buckinghamshire``: the council's legal form
changes (counties become unitary councils) while the children's services stay the same subject.
"""

from __future__ import annotations

import collections
import re

from timeline.reading.literals import literal_test_holds, needs_of

__all__ = ["find_subject", "normalise_subject"]

_NAME = r"[A-Z][a-z][\w'’.-]*(?:[ -](?:and|upon|on|under|le|in|the|of|[A-Z][\w'’.-]*)){0,4}"
_FORMS = (
    r"Metropolitan\s+Borough\s+Council|County\s+Borough\s+Council|Borough\s+Council|"
    r"County\s+Council|City\s+Council|District\s+Council|Council|[Ll]ocal\s+[Aa]uthority|"
    r"[Cc]hildren['’]s\s+[Ss]ervices"
)
_PREFIX = re.compile(
    r"^(?:the\s+)?(?:(?:London|Royal|Metropolitan)\s+Borough\s+of|City\s+and\s+County\s+of|"
    r"County\s+of|City\s+of|Borough\s+of)\s+",
    re.IGNORECASE,
)
_SUFFIX = re.compile(rf"(?:\s+(?:{_FORMS}|(?:Metropolitan\s+)?(?:Borough|County|City|District)))+$")
# Names that look like authorities in these documents but are not one.
_NOT_SUBJECTS = {
    "ofsted",
    "the",
    "her majesty's",
    "his majesty's",
    "department",
    "this",
    "our",
    "local",
    "cabinet",
    "the council",
    "members",
    "england",
    "children",
    "inspectors",
    "the local",
    "each",
    "every",
    "all",
    "your",
    "their",
    "its",
    "whole",
    "agenda",
    "improvement",
}

_SOURCES: tuple[tuple[re.Pattern[str], int], ...] = (
    # Monitoring visit of X children's services / focused visit to X local authority
    (
        re.compile(
            rf"\b(?:visit|inspection|re-?inspection|services)\s+(?:of|to|in|at)\s+(?:the\s+)?"
            rf"(?P<name>{_NAME})\s+(?:local\s+authority\s+)?(?:children['’]s\s+services|local\s+authority)\b"
        ),
        5,
    ),
    # Children's services in X (are|had been ...)
    (re.compile(rf"\b[Cc]hildren['’]s\s+[Ss]ervices\s+in\s+(?P<name>{_NAME})\b"), 3),
    # X County Council / X Council
    (
        re.compile(
            rf"(?<![\w'’])(?P<name>{_NAME})\s+(?:Metropolitan\s+Borough|County\s+Borough|Borough|"
            rf"County|City|District)?\s*Council\b"
        ),
        2,
    ),
    # London Borough of X
    (re.compile(rf"\b(?:London|Royal)\s+Borough\s+of\s+(?P<name>{_NAME})"), 3),
    # Local authority: X
    (re.compile(rf"\bLocal\s+authority:\s*(?P<name>{_NAME})"), 6),
)


_PATTERNS = tuple((pattern, weight, needs_of(pattern)) for pattern, weight in _SOURCES)


def normalise_subject(name: str) -> str:
    """One name per authority: council forms and borough prefixes dropped, spaces folded."""
    text = " ".join(name.replace("’", "'").split())
    text = _PREFIX.sub("", text)
    text = _SUFFIX.sub("", text)
    text = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
    return text.strip(" ,.'")


def find_subject(text: str) -> str | None:
    """The authority a document is most about, by weighted mentions; ``None`` if none found."""
    scores: collections.Counter[str] = collections.Counter()
    # Most documents lack the words of some patterns ("Borough of", "Local authority:").
    lowered = text.lower() if literal_test_holds(text) else None
    for pattern, weight, needs in _PATTERNS:
        if lowered is not None and not needs.met_by(lowered):
            continue
        for match in pattern.finditer(text):
            name = normalise_subject(match.group("name"))
            if not name or name.lower() in _NOT_SUBJECTS or len(name) < 3:
                continue
            scores[name] += weight
    if not scores:
        return None
    # A bare mention of the winning name elsewhere (headlines, "in X") confirms it.
    for name in list(scores):
        scores[name] += len(re.findall(rf"\b{re.escape(name)}\b", text))
    best, _ = max(scores.items(), key=lambda kv: (kv[1], kv[0]))
    return best
