"""A deterministic synthetic corpus shaped like the seeds, and synthetic events cloned from it.

``generate`` writes invented documents about N real authorities over Y years: full inspection
reports, monitoring and focused visit letters, news articles and council minutes, with grades
that move from one inspection to the next. The authorities are the register's (their names and
legal forms), so the reader, which refuses any other, reads every document.
``synthetic_events`` reads a handful of those documents once and clones their events across
subjects and dates, to fill a store of a million events fast.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import itertools
import multiprocessing
import random
import re
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from benchmarks.documents import (
    Inspection,
    Place,
    focused_letter,
    minutes,
    monitoring_letter,
    news,
    report,
)
from benchmarks.phrases import (
    GRADE_STEPS,
    GRADES,
    ILACS_AREAS,
    NAME_FIRST_FORMS,
    REINSPECT_MONTHS,
    SIF_AREAS,
)
from events import AnyEvent, DocumentRecorded, JudgementIssued, PartialDate, Period
from timeline.reading.document import Metadata
from timeline.reading.reader import read_text
from timeline.register import LocalAuthority, Register

__all__ = [
    "LAST_YEAR",
    "Document",
    "authority_names",
    "documents",
    "generate",
    "subject_names",
    "synthetic_events",
]

Document = tuple[str, str, Metadata | None]
"""``(file_name, text, metadata)``: metadata only where the text carries no date of its own."""

LAST_YEAR = 2024
_ILACS_FROM = 2018


# The first year a run can cover (``years`` at most 15): every subject must be an authority
# in force from then to the last, so that no document is about one before or after its time.
_FIRST_YEAR = LAST_YEAR - 14


def _authorities(seed: int) -> list[LocalAuthority]:
    """The register's authorities in force over the whole corpus, in a seeded order."""
    first, last = dt.date(_FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31)
    authorities = sorted(
        (a for a in Register.default() if a.in_force(first) and a.in_force(last)),
        key=lambda a: a.name,
    )
    random.Random(f"names/{seed}").shuffle(authorities)
    return authorities


def authority_names(seed: int = 0) -> list[str]:
    """The register's names of the authorities a corpus can be about, in a seeded order: the
    first N are a run's authorities (a run asking for more goes round them again)."""
    return [a.name for a in _authorities(seed)]


def subject_names(count: int, seed: int = 0) -> list[str]:
    """``count`` distinct subjects for synthetic events: the authorities' names in their seeded
    order, then, past the register's size, the same names numbered ("Barnsley 2"). Such events
    are never read, so a subject need not be a register name."""
    names = authority_names(seed)
    return [
        names[i % len(names)] + (f" {i // len(names) + 1}" if i >= len(names) else "")
        for i in range(count)
    ]


def _legal_names(authority: LocalAuthority) -> tuple[str, ...]:
    """The register's names for an authority's council ("Barnsley Metropolitan Borough Council",
    "Royal Borough of Greenwich"), leaving out lists' inverted forms ("Bristol, City of")."""
    forms = tuple(
        alias
        for alias in authority.aliases
        if "," not in alias and (alias.endswith("Council") or alias.startswith(NAME_FIRST_FORMS))
    )
    return forms or (f"{authority.name} Council",)


def _place(rng: random.Random, authority: LocalAuthority) -> Place:
    letters = "".join(c for c in authority.name.upper() if c.isalpha())
    return Place(
        name=authority.name,
        council=rng.choice(_legal_names(authority)),
        scale=round(rng.uniform(0.4, 3.0), 2),
        postcode=f"{letters[:2]}{rng.randint(1, 20)} {rng.randint(1, 9)}{letters[-2:]}",
    )


def _months(d: dt.date, months: int) -> dt.date:
    index = d.month - 1 + months
    return dt.date(d.year + index // 12, index % 12 + 1, min(d.day, 28))


def _inspection(rng: random.Random, start: dt.date, overall: str) -> Inspection:
    framework = "ilacs" if start.year >= _ILACS_FROM else "sif"
    areas = ILACS_AREAS if framework == "ilacs" else SIF_AREAS
    index = GRADES.index(overall)
    grades = {"overall": overall}
    for _, key in areas:
        nudge = rng.choice((-1, 0, 0, 0, 1)) if key != "leaders" else 0
        grades[key] = GRADES[min(3, max(0, index + nudge))]
    end = start + dt.timedelta(days=rng.choice((11, 18, 24)))
    return Inspection(
        start=start,
        end=end,
        published=end + dt.timedelta(days=rng.randint(40, 60)),
        framework=framework,
        grades=grades,
    )


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def _authority(
    rng: random.Random, place: Place, first_year: int, prefix: str
) -> Iterator[Document]:
    """One authority's documents over the years, oldest first, their file names starting
    ``prefix``."""
    out: list[tuple[dt.date, str, str, Metadata | None]] = []
    overall = rng.choices(GRADES, weights=(15, 45, 35, 5))[0]
    cursor = dt.date(first_year, 1, 1) + dt.timedelta(days=rng.randint(20, 700))
    previous: Inspection | None = None
    while True:
        insp = _inspection(rng, cursor, overall)
        if insp.published.year > LAST_YEAR:
            break
        out.append((insp.published, "report", report(rng, place, insp, previous), None))
        said = insp.published + dt.timedelta(days=rng.randint(3, 20))
        meta = Metadata(published=PartialDate.from_date(said))
        out.append((said, "news", news(rng, place, insp), meta))
        met = insp.published + dt.timedelta(days=rng.randint(21, 60))
        out.append((met, "minutes", minutes(rng, place, insp, previous, met), None))
        due = _months(insp.end, rng.randint(*REINSPECT_MONTHS[overall]))
        if overall == "inadequate":
            visit, nth = _months(insp.published, rng.randint(3, 5)), 1
            while visit < _months(due, -2):
                dated = visit + dt.timedelta(days=rng.randint(21, 35))
                text = monitoring_letter(rng, place, visit, dated, nth, insp)
                out.append((dated, "monitoring", text, None))
                if rng.random() < 0.3:
                    said = dated + dt.timedelta(days=rng.randint(3, 15))
                    meta = Metadata(published=PartialDate.from_date(said))
                    out.append((said, "news", news(rng, place, insp, nth), meta))
                visit, nth = _months(visit, rng.randint(4, 6)), nth + 1
        elif rng.random() < 0.7:
            visit = _months(insp.published, rng.randint(12, 20))
            dated = visit + dt.timedelta(days=rng.randint(21, 35))
            out.append((dated, "focused", focused_letter(rng, place, visit, dated, insp), None))
        previous, cursor = insp, due
        overall = rng.choices(GRADES, weights=GRADE_STEPS[overall])[0]
    for dated, kind, text, metadata in sorted(out, key=lambda d: (d[0], d[1])):
        if dated.year <= LAST_YEAR:
            yield f"{prefix}_{dated.isoformat()}_{kind}.txt", text, metadata


def _history(
    authorities: list[LocalAuthority], index: int, years: int, seed: int
) -> Iterator[Document]:
    """The documents of a run's ``index``-th authority. Past the register's authorities a run
    goes round them again with other histories (file names marked ``_2``, ``_3``...), so every
    subject stays a register name the reader accepts."""
    if not 1 <= years <= LAST_YEAR + 1 - _FIRST_YEAR:
        raise ValueError(f"years must be 1 to {LAST_YEAR + 1 - _FIRST_YEAR}, not {years}")
    authority = authorities[index % len(authorities)]
    lap = index // len(authorities)
    prefix = _slug(authority.name) + (f"_{lap + 1}" if lap else "")
    rng = random.Random(f"authority/{seed}/{index}")
    return _authority(rng, _place(rng, authority), LAST_YEAR + 1 - years, prefix)


def generate(authorities: int, years: int, seed: int = 0) -> Iterator[Document]:
    """Every document of ``authorities`` authorities over ``years`` years (at most 15) to 2024.

    The same arguments give the same documents, byte for byte; each authority's documents
    depend only on the seed and its position, not on how many authorities are asked for.
    """
    register = _authorities(seed)
    for index in range(authorities):
        yield from _history(register, index, years, seed)


def documents(count: int, *, years: int = 15, seed: int = 0) -> list[Document]:
    """The first ``count`` documents of as many authorities as it takes, ``years`` each."""
    register = _authorities(seed)
    every = itertools.chain.from_iterable(
        _history(register, index, years, seed) for index in itertools.count()
    )
    return list(itertools.islice(every, count))


# -- synthetic events -------------------------------------------------------------------------


def _shift(date: PartialDate, years: int) -> PartialDate:
    day = 28 if (date.month, date.day) == (2, 29) else date.day
    return PartialDate(date.year + years, date.month, day)


def _shift_period(period: Period, years: int) -> Period:
    end = None if period.end is None else _shift(period.end, years)
    return Period(_shift(period.start, years), end)


def _templates(seed: int) -> list[tuple[AnyEvent, ...]]:
    """The events of two documents of each kind, read once."""
    picked: dict[str, int] = {}
    groups = []
    for file_name, text, meta in generate(4, 15, seed):
        kind = file_name.rsplit("_", 1)[-1]
        if picked.get(kind, 0) < 2:
            picked[kind] = picked.get(kind, 0) + 1
            groups.append(read_text(text, file_name, meta).events)
    return groups


def _clone(events: tuple[AnyEvent, ...], subject: str, years: int, tag: str) -> list[AnyEvent]:
    """A document's events as if another authority's document ``years`` later said them."""
    document_id = hashlib.sha256(f"{events[0].source.document_id}/{tag}".encode()).hexdigest()
    file_name = f"{_slug(subject)}_{tag}.txt"
    out: list[AnyEvent] = []
    for event in events:
        source = attrs.evolve(event.source, document_id=document_id, file_name=file_name)
        changes: dict[str, Any] = {
            "subject": subject,
            "valid": _shift_period(event.valid, years),
            "known": _shift(event.known, years),
            "source": source,
        }
        if isinstance(event, DocumentRecorded):
            changes["document_id"] = document_id
            changes["file_name"] = file_name
            changes["published"] = _shift(event.published, years)
            changes["visit"] = event.visit and _shift_period(event.visit, years)
        elif isinstance(event, JudgementIssued) and event.published is not None:
            changes["published"] = _shift(event.published, years)
        out.append(attrs.evolve(event, **changes))
    return out


def _clone_plan(plan: list[tuple[int, str, int, str]]) -> list[AnyEvent]:
    """The events of each ``(template, subject, years, tag)`` clone, in order."""
    out: list[AnyEvent] = []
    for group, subject, years, tag in plan:
        out.extend(_clone(_GROUPS[group], subject, years, tag))
    return out


_GROUPS: list[tuple[AnyEvent, ...]] = []  # the templates, set in each process that clones


def _set_groups(groups: list[tuple[AnyEvent, ...]]) -> None:
    _GROUPS[:] = groups


def synthetic_events(
    n: int, subjects: int = 150, seed: int = 0, *, processes: int = 1
) -> Iterator[AnyEvent]:
    """``n`` events about ``subjects`` authorities, cloned document by document from read ones.

    Each clone moves a whole document to another subject and by whole years within 2010-2024,
    so ids, sources and document records stay consistent; the last document may be cut short.
    The events are the same whatever ``processes`` (cloning is spread over that many). No id
    is computed here: an event's id is worked out when it is first asked for, so a store
    appending these events pays for encoding and hashing them, as it would for a reader's.
    """
    rng = random.Random(f"events/{seed}")
    groups = _templates(seed)
    names = subject_names(subjects, seed)
    plan: list[tuple[int, str, int, str]] = []
    planned = 0
    while planned < n:
        index = rng.randrange(len(groups))
        year = groups[index][0].known.year
        years = rng.randint(LAST_YEAR - 14 - year, LAST_YEAR - year)
        plan.append((index, names[len(plan) % subjects], years, str(len(plan))))
        planned += len(groups[index])
    chunks = [plan[i : i + 50] for i in range(0, len(plan), 50)]
    made = 0
    with contextlib.ExitStack() as stack:
        if processes > 1:
            pool = stack.enter_context(
                multiprocessing.get_context("spawn").Pool(
                    processes, initializer=_set_groups, initargs=(groups,)
                )
            )
            batches: Iterable[list[AnyEvent]] = pool.imap(_clone_plan, chunks)
        else:
            _set_groups(groups)
            batches = map(_clone_plan, chunks)
        for batch in batches:
            yield from batch[: n - made]
            made += len(batch)
