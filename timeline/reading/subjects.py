"""Which local authority a document is about, found through the authority register.

Every mention of a register name or alias counts, weighted by where it stands (the title and
first lines name the subject; the body also names partners and neighbours) and by the phrase
around it ("Local authority: X", "inspection of X children's services"). Where names overlap,
the longest wins ("North Yorkshire" over "York"). A phrase shaped like an authority's name that
is not in the register ("Narnia County Council") is counted too, so a document about an
authority the register lacks is refused rather than filed under a neighbour it mentions.
"""

from __future__ import annotations

import collections
import datetime
import functools
import re
from collections.abc import Iterator

import attrs

from events import DocumentError, UnknownAuthorityError
from timeline.register import LocalAuthority, Register, name_key

__all__ = ["Subject", "find_subject", "names_in", "normalise_subject", "subject_named"]

_NAME = r"[A-Z][a-z][\w'’.-]*(?:[ -](?:and|upon|on|under|le|in|with|the|of|[A-Z][\w'’.-]*)){0,4}"
_PREFIX = re.compile(
    r"^(?:the\s+)?(?:(?:London|Royal|Metropolitan)\s+Borough\s+of|City\s+and\s+County\s+of|"
    r"County\s+of|City\s+of|Borough\s+of)\s+",
    re.IGNORECASE,
)
_FORMS = (
    r"Metropolitan\s+Borough\s+Council|County\s+Borough\s+Council|Borough\s+Council|"
    r"County\s+Council|City\s+Council|District\s+Council|Council|[Ll]ocal\s+[Aa]uthority|"
    r"[Cc]hildren['’]s\s+[Ss]ervices"
)
_SUFFIX = re.compile(rf"(?:\s+(?:{_FORMS}|(?:Metropolitan\s+)?(?:Borough|County|City|District)))+$")

# Phrases that name an authority, with the weight they add to the name inside them. Each runs
# over the whole document, so each opens with a character or class and checks the word boundary
# behind that character ("V(?<=\bV)" is "\bV"): the engine then skips to the next possible
# first character rather than trying the pattern at every position.
_PHRASES: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(rf"L(?<=\bL)ocal\s+authority:\s*(?P<name>{_NAME})"), 8.0),
    (
        re.compile(
            r"[VvIiRrSs](?<=\b[VvIiRrSs])"
            r"(?:(?<=[Vv])isit|(?<=[Ii])nspection|(?<=[Rr])e-?inspection|(?<=[Ss])ervices)"
            rf"\s+(?:of|to|in|at)\s+(?:the\s+)?(?P<name>{_NAME})\s+(?:local\s+authority\s+)?"
            r"(?:children['’]s\s+services|local\s+authority|[A-Z][a-z]*\s*Council)\b"
        ),
        6.0,
    ),
    (re.compile(rf"[Cc](?<=\b[Cc])hildren['’]s\s+[Ss]ervices\s+in\s+(?P<name>{_NAME})\b"), 3.0),
    (re.compile(rf"(?:L(?<=\bL)ondon|R(?<=\bR)oyal)\s+Borough\s+of\s+(?P<name>{_NAME})"), 3.0),
    (
        re.compile(
            # _NAME opens with [A-Z]: the look behind follows it.
            rf"(?P<name>[A-Z](?<![\w'’][A-Z]){_NAME.removeprefix('[A-Z]')})\s+"
            r"(?:Metropolitan\s+Borough|County\s+Borough|Borough|County|City|District)?\s*Council\b"
        ),
        2.0,
    ),
)


@attrs.frozen
class _Anchor:
    """A pattern with a literal opening that every match of a phrase holds, and how far before
    the anchor the phrase may start: a literal is found fast, where the phrase's own opening
    (a letter, a class) is tried at nearly every position."""

    pattern: re.Pattern[str]
    back: tuple[int, ...]


# The anchors of each phrase of _PHRASES, in order; none where the phrase's own search is fast
# (it opens with one capital). "Re-inspection" holds "nspection" 4 letters after its start.
_ANCHORS: tuple[tuple[_Anchor, ...] | None, ...] = (
    None,
    (
        _Anchor(re.compile(r"isit\s+(?:of|to|in|at)\s"), (1,)),
        _Anchor(re.compile(r"nspection\s+(?:of|to|in|at)\s"), (1, 3, 4)),
        _Anchor(re.compile(r"ervices\s+(?:of|to|in|at)\s"), (1,)),
    ),
    (_Anchor(re.compile(r"hildren['’]s\s+[Ss]ervices\s+in\s"), (1,)),),
    (
        _Anchor(re.compile(r"London\s+Borough\s+of\s"), (0,)),
        _Anchor(re.compile(r"Royal\s+Borough\s+of\s"), (0,)),
    ),
    (),  # "X Council": its start is found back from "Council"
)
_COUNCIL = re.compile(r"Council\b")
# Back from "Council" in the reversed text: what an "X Council" phrase may hold before it, its
# name's words and their single spaces (at most four), the spaces around a legal form and
# inside one ("Metropolitan Borough"): seven runs of white space at most.
_BEFORE_COUNCIL = re.compile(r"[\w'’.\-]*(?:\s+[\w'’.\-]*){0,7}")
_NAME_OPENING = re.compile(r"[A-Z](?<![\w'’][A-Z])[a-z]")


def _phrase_starts(index: int, text: str) -> set[int]:
    """Every position a match of ``_PHRASES[index]`` may start at in ``text`` (and some more)."""
    anchors = _ANCHORS[index]
    if anchors:
        return {
            found.start() - back
            for anchor in anchors
            for found in anchor.pattern.finditer(text)
            for back in anchor.back
            if found.start() >= back
        }
    reversed_text = text[::-1]
    starts: set[int] = set()
    for council in _COUNCIL.finditer(text):
        end = council.start()
        run = _BEFORE_COUNCIL.match(reversed_text, len(text) - end)
        begin = end - (run.end() - run.start()) if run else end
        starts.update(m.start() for m in _NAME_OPENING.finditer(text, begin, end))
    return starts


def _phrase_matches(index: int, text: str) -> Iterator[re.Match[str]]:
    """``_PHRASES[index][0].finditer(text)``, the pattern tried only where a match may start."""
    pattern = _PHRASES[index][0]
    if _ANCHORS[index] is None:
        yield from pattern.finditer(text)
        return
    resume = 0
    for start in sorted(_phrase_starts(index, text)):
        if start < resume:
            continue
        match = pattern.match(text, start)
        if match is not None:
            yield match
            resume = match.end()


# Words that make an "X Council" phrase something other than a local authority
# ("Children in Care Council", "Youth Council", "the Council").
_NOT_AUTHORITY_WORDS = frozenset(
    {
        "the",
        "this",
        "that",
        "these",
        "our",
        "your",
        "their",
        "its",
        "each",
        "every",
        "all",
        "any",
        "whole",
        "full",
        "local",
        "cabinet",
        "members",
        "children",
        "child",
        "care",
        "young",
        "youth",
        "people",
        "parenting",
        "corporate",
        "safeguarding",
        "partnership",
        "board",
        "services",
        "service",
        "social",
        "executive",
        "parish",
        "town",
        "ofsted",
        "england",
        "english",
        "department",
        "agenda",
        "improvement",
        "her",
        "his",
        "majesty",
        "majesty's",
        "inspectors",
        "inspector",
        "family",
        "families",
        "adoption",
        "fostering",
        "leaving",
        "leavers",
        "participation",
        "student",
        "school",
        "schools",
        "health",
        "trust",
        "police",
    }
)
# Where a mention stands: the first lines hold the title and the authority's name.
_PLACES: tuple[tuple[int, float], ...] = ((400, 10.0), (3000, 3.0))
_BODY_WEIGHT = 1.0
# A mention of an authority not in force at the document's date counts for less: documents
# name predecessors ("the former Poole council") but are about the authority of their day.
_OUT_OF_FORCE = 0.3


def normalise_subject(name: str) -> str:
    """A written authority name without legal forms: "Narnia County Council" → "Narnia"."""
    text = " ".join(name.replace("’", "'").split())
    text = _PREFIX.sub("", text)
    text = _SUFFIX.sub("", text)
    text = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
    return text.strip(" ,.'")


def _weight(position: int) -> float:
    for limit, weight in _PLACES:
        if position < limit:
            return weight
    return _BODY_WEIGHT


@attrs.frozen(kw_only=True)
class Subject:
    """What a document says of its subject: the register names it uses and their weight.

    Names, not authorities, because a name the register shares ("Dorset": the county council
    to 2019, the unitary council after) means the authority in force at the document's date,
    which may be read only later.
    """

    names: tuple[tuple[str, float], ...]
    register: Register = attrs.field(factory=Register.default, repr=False, eq=False)

    def scores(self, on: datetime.date | None = None) -> dict[str, float]:
        """Each mentioned authority's weight by DfE code, for the authorities of ``on``."""
        scores: collections.defaultdict[str, float] = collections.defaultdict(float)
        for name, weight in self.names:
            authority = self.register.lookup(name, on)
            if authority is None:
                continue
            factor = 1.0 if on is None or authority.in_force(on) else _OUT_OF_FORCE
            scores[authority.la_code] += weight * factor
        return dict(scores)

    def authority(self, on: datetime.date | None = None) -> LocalAuthority:
        """The authority the document is most about, as of ``on`` (its publication date)."""
        scores = self.scores(on)
        # Ties go to the longer name (the more specific authority), then the code, for
        # one answer whatever the order of mentions.
        best = max(
            scores,
            key=lambda code: (scores[code], len(self.register.by_code(code).name), code),
        )
        return self.register.by_code(best)


def subject_named(name: str, file_name: str, register: Register | None = None) -> Subject:
    """A subject given by name (a manifest's ``subject``), checked against the register.

    Raises ``UnknownAuthorityError`` naming the file and the closest register names.
    """
    register = register or Register.default()
    if register.lookup(name) is None:
        raise _unknown(register, name, file_name, 'fix `subject = "..."` in manifest.toml')
    return Subject(names=((name, 1.0),), register=register)


@functools.lru_cache(maxsize=8)
def names_in(text: str, register: Register) -> tuple[tuple[int, int, str], ...]:
    """``register.mentions(text)``, kept per document: the subject and the attribution of
    statements both need every name, and a walk over a document's words is not cheap."""
    return tuple(register.mentions(text))


def find_subject(text: str, file_name: str, register: Register | None = None) -> Subject | None:
    """The authority mentions of a document; ``None`` if it names none at all.

    Raises ``UnknownAuthorityError`` when the name a document stresses most is shaped like an
    authority's but is not in the register.
    """
    register = register or Register.default()
    names: collections.defaultdict[str, float] = collections.defaultdict(float)
    for start, _end, written in names_in(text, register):
        names[written] += _weight(start)
    unknown: collections.defaultdict[str, float] = collections.defaultdict(float)
    written_as: dict[str, str] = {}
    districts: set[str] = set()
    for index, (_, bonus) in enumerate(_PHRASES):
        for match in _phrase_matches(index, text):
            written = " ".join(match.group("name").split())
            phrase = " ".join(match.group().split())
            known = register.lookup(written) or register.lookup(phrase)
            if known is not None:
                # The phrase confirms a register name: it counts beyond a bare mention.
                names[written] += bonus
                continue
            name = normalise_subject(written)
            words = name_key(name).split()
            if not words or words[0] in _NOT_AUTHORITY_WORDS or len(name) < 3:
                continue
            if any(word in _NOT_AUTHORITY_WORDS for word in words):
                continue
            key = name_key(name)
            if register.starts_a_name(key):
                # A register name cut short ("Kingston" of "Kingston upon Thames") is not news.
                continue
            district = register.district(name)
            if district is not None:
                # A district council ("Crawley Borough Council") is a council, but its county
                # runs children's services: it is neither a subject nor an unknown authority.
                districts.add(district)
                continue
            written_as.setdefault(key, name)
            unknown[key] += bonus + _weight(match.start("name"))
    if not names and not unknown:
        if districts:
            raise DocumentError(
                f"{', '.join(sorted(districts))}: a district council, which has no children's "
                "services of its own; the document names no county or unitary council",
                path=file_name,
                hint='add `subject = "..."` (the county) for it in manifest.toml',
            )
        return None
    subject = Subject(names=tuple(names.items()), register=register)
    known_best = max(subject.scores().values(), default=0.0)
    if unknown:
        key, score = max(unknown.items(), key=lambda kv: (kv[1], kv[0]))
        if score > known_best:
            raise _unknown(register, written_as[key], file_name, None)
    return subject


def _unknown(
    register: Register, name: str, file_name: str, hint: str | None
) -> UnknownAuthorityError:
    return UnknownAuthorityError(
        f"{name!r} is not an English local authority in the register; "
        f"closest: {', '.join(register.closest(name))}",
        value=name,
        path=file_name,
        hint=hint,
    )
