"""The register of English local authorities with children's services: names, codes, lineage."""

from __future__ import annotations

import csv
import datetime
import functools
import itertools
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import attrs

from events import DocumentError, UnknownAuthorityError
from timeline.name_openings import CANONICAL_WORD, JOINER, WORD, Openings, token
from timeline.tables_csv import data_file, read_rows

__all__ = ["LocalAuthority", "Register", "name_key"]

_COLUMNS = (
    "name",
    "la_code",
    "ons_code",
    "former_ons_codes",
    "urn",
    "region",
    "type",
    "in_force_from",
    "in_force_to",
    "aliases",
    "predecessors",
    "successors",
    "neighbours",
)

_WORD = WORD
_JOINER = JOINER
_CANONICAL_WORD = CANONICAL_WORD

# Legal forms around a name, tried when a name is not itself in the register
# ("Narnia County Council", "the London Borough of Narnia").
_PREFIXES = (
    ("the",),
    ("london", "borough", "of"),
    ("royal", "borough", "of"),
    ("metropolitan", "borough", "of"),
    ("borough", "of"),
    ("city", "of"),
    ("county", "of"),
    ("council", "of"),
)
_SUFFIXES = (
    ("council",),
    ("county",),
    ("city",),
    ("borough",),
    ("metropolitan",),
    ("district",),
    ("london",),
    ("corporation",),
    ("local", "authority"),
    ("children", "s", "services"),
    ("childrens", "services"),
)


def _words(text: str) -> tuple[str, ...]:
    return tuple(_CANONICAL_WORD.get(w, w) for w in (m.lower() for m in _WORD.findall(text)))


def name_key(name: str) -> str:
    """A name folded for comparison: case, punctuation, "&"/"and", "St."/"St" and quotes ignored."""
    return " ".join(_words(name))


def _strip_forms(words: tuple[str, ...]) -> tuple[str, ...]:
    changed = True
    while changed and words:
        changed = False
        for prefix in _PREFIXES:
            if words[: len(prefix)] == prefix and len(words) > len(prefix):
                words, changed = words[len(prefix) :], True
        for suffix in _SUFFIXES:
            if words[-len(suffix) :] == suffix and len(words) > len(suffix):
                words, changed = words[: -len(suffix)], True
    return words


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part for part in map(str.strip, cell.split(";")) if part)


def _date(cell: str) -> datetime.date | None:
    return datetime.date.fromisoformat(cell) if cell.strip() else None


@attrs.frozen(kw_only=True)
class LocalAuthority:
    """One local authority with children's services, as one subject of the timeline."""

    name: str
    la_code: str
    ons_code: str
    former_ons_codes: tuple[str, ...]
    urn: str | None
    region: str
    type: str
    in_force_from: datetime.date | None
    in_force_to: datetime.date | None
    aliases: tuple[str, ...]
    predecessors: tuple[str, ...]
    successors: tuple[str, ...]
    neighbours: tuple[str, ...]

    def in_force(self, on: datetime.date) -> bool:
        """Whether the authority existed on ``on`` (``in_force_to`` is its last day)."""
        if self.in_force_from is not None and on < self.in_force_from:
            return False
        return self.in_force_to is None or on <= self.in_force_to

    @property
    def names(self) -> tuple[str, ...]:
        """The display name, then every alias."""
        return (self.name, *self.aliases)

    @classmethod
    def from_row(cls, row: dict[str, str]) -> LocalAuthority:
        """An authority from one CSV row of the register's columns."""
        return cls(
            name=row["name"].strip(),
            la_code=row["la_code"].strip(),
            ons_code=row["ons_code"].strip(),
            former_ons_codes=_split(row["former_ons_codes"]),
            urn=row["urn"].strip() or None,
            region=row["region"].strip(),
            type=row["type"].strip(),
            in_force_from=_date(row["in_force_from"]),
            in_force_to=_date(row["in_force_to"]),
            aliases=_split(row["aliases"]),
            predecessors=_split(row["predecessors"]),
            successors=_split(row["successors"]),
            neighbours=_split(row["neighbours"]),
        )


class Register:
    """Every authority, found by code, by any name a document uses, or by mention in a text."""

    def __init__(self, authorities: Iterable[LocalAuthority]) -> None:
        self._authorities = tuple(authorities)
        self._by_code: dict[str, LocalAuthority] = {}
        self._by_key: dict[str, list[LocalAuthority]] = {}
        # First word of a name → the names' word tuples starting with it, longest first.
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        for authority in self._authorities:
            for code in (authority.la_code, authority.ons_code, *authority.former_ons_codes):
                if code:
                    self._by_code[code.upper()] = authority
            for name in authority.names:
                words = _words(name)
                holders = self._by_key.setdefault(" ".join(words), [])
                if authority not in holders:
                    holders.append(authority)
                starting = self._by_first.setdefault(words[0], [])
                if words not in starting:
                    starting.append(words)
        for starting in self._by_first.values():
            starting.sort(key=len, reverse=True)
        self._longest = max((len(w) for names in self._by_first.values() for w in names), default=1)

    @classmethod
    @functools.cache
    def default(cls) -> Register:
        """The register packaged with the library (``timeline/data/authorities.csv``)."""
        with data_file("authorities.csv") as path:
            return cls.from_csv(path)

    @classmethod
    def from_csv(cls, path: str | os.PathLike[str]) -> Register:
        """A register from a CSV of the register's columns; lines starting with ``#`` skipped.

        Raises ``DocumentError`` naming the file and line of a row that cannot be read.
        """
        path = Path(path)
        authorities = []
        for number, cells in read_rows(path, _COLUMNS, "the register"):
            try:
                if len(cells) != len(_COLUMNS):
                    raise ValueError(f"{len(cells)} cells where {len(_COLUMNS)} were expected")
                authority = LocalAuthority.from_row(dict(zip(_COLUMNS, cells, strict=True)))
                if not authority.name or not authority.la_code:
                    raise ValueError("a row needs a name and a la_code")
            except ValueError as e:
                raise DocumentError(
                    f"bad register row: {e}", path=str(path), line=number, value=cells
                ) from e
            authorities.append(authority)
        return cls(authorities)

    def __iter__(self) -> Iterator[LocalAuthority]:
        return iter(self._authorities)

    def __len__(self) -> int:
        return len(self._authorities)

    def by_code(self, code: str) -> LocalAuthority:
        """The authority with this DfE or ONS code (current or former); ``KeyError`` if none."""
        try:
            return self._by_code[code.strip().upper()]
        except KeyError:
            raise KeyError(code) from None

    def lookup(self, name: str, on: datetime.date | None = None) -> LocalAuthority | None:
        """The authority a name or alias means, the one in force on ``on`` when it is shared.

        Case, punctuation, "&"/"and" and "St."/"St" are ignored; a legal form the register does
        not list ("X Borough Council", "the London Borough of X") is tried without it.
        """
        words = _words(name)
        holders = self._by_key.get(" ".join(words))
        if not holders:
            holders = self._by_key.get(" ".join(_strip_forms(words)))
        if not holders:
            return None
        return _on(holders, on)

    def district(self, name: str) -> str | None:
        """The district council a name means ("Crawley Borough Council"), if it is one.

        Districts (``timeline/data/districts.csv``) share two-tier areas with a county, which
        runs their children's services: they are councils, but never a subject.
        """
        words = _words(name)
        districts = _districts()
        return districts.get(" ".join(words)) or districts.get(" ".join(_strip_forms(words)))

    def starts_a_name(self, name: str) -> bool:
        """Whether ``name``'s words are the first words of some register name or alias."""
        words = _words(name)
        return bool(words) and any(
            candidate[: len(words)] == words for candidate in self._by_first.get(words[0], ())
        )

    def resolve(self, name: str, on: datetime.date | None = None) -> LocalAuthority:
        """Like :meth:`lookup`, but raises ``UnknownAuthorityError`` naming the closest names."""
        found = self.lookup(name, on)
        if found is None:
            raise UnknownAuthorityError(
                f"{name!r} is not an English local authority in the register; "
                f"closest: {', '.join(self.closest(name))}",
                value=name,
            )
        return found

    def closest(self, name: str, n: int = 3) -> list[str]:
        """The ``n`` register names nearest to ``name`` in spelling, nearest first."""
        import difflib  # only when a name is not found: a query's start does without it

        key = " ".join(_strip_forms(_words(name))) or name_key(name)
        names = sorted({a.name for a in self._authorities})
        scored = sorted(
            names,
            key=lambda candidate: -difflib.SequenceMatcher(None, key, name_key(candidate)).ratio(),
        )
        return scored[:n]

    def mentions(
        self, text: str, start: int = 0, end: int | None = None
    ) -> list[tuple[int, int, str]]:
        """Register names and aliases in ``text[start:end]``: ``(start, end, matched text)``.

        Whole words only; a name broken over lines still matches; where names overlap the
        longest wins. A match needs a capital letter, so "reading" is not Reading, and a
        name that is also an ordinary word needs more than the capital opening a sentence
        ("Reading the case files, ..."). A name that runs on into a longer place name ("Stoke
        Newington", "Sutton Coldfield", "Newcastle-under-Lyme", "Bury St Edmunds", "Bradford
        on Avon") is that place, not the authority.
        """
        stop = len(text) if end is None else end
        found: list[tuple[int, int, str]] = []
        resume = start
        # Only a word that may open a name (few do) opens a window of the words after it.
        for a, b in self._openings.spans(text, start, stop):
            if a < resume:
                continue
            first_word = token(text, a, b)
            after = _WORD.finditer(text, b, stop)
            longest = len(self._by_first[first_word[2]][0])
            window = [first_word, *map(_token, itertools.islice(after, longest - 1))]
            length = self._match_at(text, window, 0)
            if length is None:
                continue
            first, last = window[0][0], window[length - 1][1]
            if not _another_place(text, first, last):
                found.append((first, last, text[first:last]))
            resume = last
        return found

    @functools.cached_property
    def _openings(self) -> Openings:
        """Where the register's names may open in a text, built once per register."""
        return Openings(self._by_first)

    def _match_at(self, text: str, tokens: list[tuple[int, int, str]], i: int) -> int | None:
        for words in self._by_first.get(tokens[i][2], ()):
            k = len(words)
            if i + k > len(tokens):
                continue
            window = tokens[i : i + k]
            if tuple(t[2] for t in window) != words:
                continue
            # The words must be one name: only joiners between them, a full stop only after
            # "St" and at most one line break (a blank line ends a heading or paragraph).
            joined = all(_joined(text, a, b) for a, b in itertools.pairwise(window))
            if joined and any(text[t[0]].isupper() for t in window):
                return k
        return None


# Capitalised words that may follow an authority's name without making a longer place name.
_FOLLOWERS = frozenset(
    (
        *("council", "borough", "county", "city", "metropolitan", "district", "corporation"),
        *("children", "childrens", "local", "safeguarding", "partnership", "trust", "social"),
        *("services", "care", "cabinet", "scrutiny", "mbc", "bc", "cc", "la", "lscb", "and"),
        *("ofsted", "of"),
    )
)
# A name running on into a longer place: "-under-Lyme", " upon Avon", " St Edmunds".
_RUNS_ON = re.compile(
    r"(?:-(?:under|on|upon|le|in)-|\s+(?:on|upon|under)\s+[A-Z]|\s+St\.?\s+[A-Z])"
)
_NEXT_WORD = re.compile(r"[ \t]+([A-Z][\w’']*)")
# Authorities whose names are also ordinary words that open sentences ("Reading the case
# files, ...", "Bury the ..."): there a capital is no sign of the name.
_ORDINARY_WORDS = frozenset(("reading", "bury"))
_SENTENCE_OPENING = re.compile(r"(?:^|[.!?]\s+|\n\s*\n\s*)$")


def _another_place(text: str, start: int, end: int) -> bool:
    """Whether a name at ``text[start:end]`` is part of another place, or a sentence's capital."""
    if _RUNS_ON.match(text, end):
        return True
    following = _NEXT_WORD.match(text, end)
    if following is not None:
        word = following.group(1).lower().replace("’", "'").removesuffix("'s")
        if word.replace("'", "") not in _FOLLOWERS:
            return True
    return (
        text[start:end].lower() in _ORDINARY_WORDS
        and _SENTENCE_OPENING.search(text, max(0, start - 40), start) is not None
    )


@functools.cache
def _districts() -> dict[str, str]:
    """Each district council's folded name to its name, from the packaged list."""
    with data_file("districts.csv") as path:
        lines = path.read_text("utf-8").splitlines()
    rows = csv.DictReader(line for line in lines if not line.startswith("#"))
    return {" ".join(_words(row["name"])): row["name"] for row in rows}


def _token(word: re.Match[str]) -> tuple[int, int, str]:
    """A word's span and its folded form ("&" reads "and", "Saint" reads "St")."""
    return token(word.string, word.start(), word.end())


def _joined(text: str, a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    gap = text[a[1] : b[0]]
    if _JOINER.fullmatch(gap) is None or gap.count("\n") > 1:
        return False
    return "." not in gap or a[2] == "st"


def _on(holders: list[LocalAuthority], on: datetime.date | None) -> LocalAuthority:
    if len(holders) == 1:
        return holders[0]
    day = on or datetime.date.today()
    in_force = [a for a in holders if a.in_force(day)]
    if in_force:
        return in_force[0]

    # None in force that day: the one whose time in force is nearest to it.
    def distance(a: LocalAuthority) -> int:
        if a.in_force_to is not None and day > a.in_force_to:
            return (day - a.in_force_to).days
        if a.in_force_from is not None and day < a.in_force_from:
            return (a.in_force_from - day).days
        return 0

    return min(holders, key=distance)
