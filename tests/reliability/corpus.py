"""Invented inspection documents for reliability tests, and what a store holds of them.

Each document is a small invented ILACS report or monitoring/focused visit letter about a real
authority of the register (named in one of its legal forms), in the style of ``seeds/`` and
``tests/timeline/documents/``, with a publication
date in its text, so each is datable alone. Grades, figures, findings and dates vary with a
seeded ``random.Random``, so every document yields different events.
"""

from __future__ import annotations

import collections
import datetime as dt
import json
import random
import re
import sqlite3
from pathlib import Path

from events import AnyEvent
from timeline.reading.reader import read_paths
from timeline.register import LocalAuthority, Register
from timeline.reorganisations import lineage_of, packaged

__all__ = ["documents_in_store", "expected_events", "write_corpus"]

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_GRADES = ("Outstanding", "Good", "Requires improvement to be good", "Inadequate")
_AREAS = (
    "The impact of leaders on social work practice with children and families",
    "The experiences and progress of children who need help and protection",
    "The experiences and progress of children in care",
    "The experiences and progress of care leavers",
)
_FINDINGS = (
    "Social workers know their children well, and direct work with children is creative.",
    "Management oversight is not always effective, and some plans drift.",
    "Assessments are thorough and consider the history of the family.",
    "Too many children experience delay before their needs are assessed.",
    "Care leavers are positive about their personal advisers, who stay in touch.",
    "Not all care leavers have been given their health histories.",
    "Return home interviews are not always offered to children who go missing.",
    "Supervision is regular, although records do not always show reflection.",
    "Strategy meetings are held promptly when children are at risk of exploitation.",
    "Leaders have an accurate understanding of the quality of practice.",
    "Caseloads are manageable, and the workforce is more stable than at the last inspection.",
    "Health assessments for children in care are not always completed on time.",
)
_IMPROVE = (
    "The sufficiency of local homes for children in care, including foster carers.",
    "The quality of written plans, so that they are specific and reviewed.",
    "The timeliness of initial child protection conferences.",
    "The consistency of management oversight of child in need plans.",
    "The response to children who go missing, including return home interviews.",
)


def _spoken(year: int, month: int, day: int) -> str:
    return f"{day} {_MONTHS[month - 1]} {year}"


def _report(rng: random.Random, name: str, council: str, number: int) -> str:
    year, month, day = 2015 + number % 9, rng.randint(1, 10), rng.randint(1, 14)
    overall = rng.choice(_GRADES)
    grades = [rng.choice(_GRADES) for _ in _AREAS]
    table = " ".join(f"{area} {grade}" for area, grade in zip(_AREAS, grades, strict=True))
    findings = rng.sample(_FINDINGS, 4)
    return "\n\n".join(
        (
            council,
            "Inspection of children's social care services",
            f"Inspection dates: {day} to {day + 11} {_MONTHS[month - 1]} {year}",
            f"Lead inspector: Inspector {number}, His Majesty's Inspector",
            f"Report published: {_spoken(year, month + 2, rng.randint(1, 28))}",
            f"Judgement Grade Overall effectiveness {overall} {table}",
            f"Children's services in {name} were judged {rng.choice(_GRADES).lower()} at the last "
            f"inspection in {_MONTHS[rng.randint(0, 11)]} {year - 4}. {findings[0]}",
            "What needs to improve?",
            "\n".join(f"- {item}" for item in rng.sample(_IMPROVE, 2)),
            f"The experiences and progress of children in care: {grades[2].lower()}",
            f"1. {findings[1]} At 31 March {year}, {rng.randint(80, 900)} children were in care"
            f" (a rate of {rng.randint(30, 120)} per 10,000 children).",
            f"2. {findings[2]} Social worker turnover is {rng.randint(5, 30)}%.",
            f"3. {findings[3]}",
        )
    )


def _letter(rng: random.Random, name: str, council: str, number: int) -> str:
    kind = rng.choice(("Monitoring visit", "Focused visit"))
    year, month, day = 2016 + number % 8, rng.randint(1, 11), rng.randint(1, 27)
    findings = rng.sample(_FINDINGS, 4)
    return "\n\n".join(
        (
            "",
            _spoken(year, month + 1, rng.randint(1, 28)),
            f"Director of Children's Services\n{council}\nTown Hall\n{name}",
            f"Dear Director {number}",
            f"{kind} to {name} children's services",
            f"This letter summarises the findings of the {kind.lower()} to {name} children's"
            f" services on {day} and {day + 1} {_MONTHS[month - 1]} {year}. Children's services"
            f" in {name} were judged {rng.choice(_GRADES[1:]).lower()} at the last inspection in"
            f" {_MONTHS[rng.randint(0, 11)]} {year - 2}.",
            "Headline findings",
            findings[0],
            "Findings and progress",
            "\n".join(f"- {f}" for f in findings[1:]),
            f"- Return home interviews are offered to only {rng.randint(30, 90)}% of children"
            " who go missing.",
            f"Ofsted will take the findings from this {kind.lower()} into account when planning"
            " your next inspection or visit.",
            "Yours sincerely",
            f"Inspector {number}\nHis Majesty's Inspector",
        )
    )


def _authorities() -> list[LocalAuthority]:
    """The register's authorities in force over the documents' years (2015-2023), by name."""
    first, last = dt.date(2015, 1, 1), dt.date(2023, 12, 31)
    found = [a for a in Register.default() if a.in_force(first) and a.in_force(last)]
    return sorted(found, key=lambda a: a.name)


def _council(rng: random.Random, authority: LocalAuthority) -> str:
    """One of the register's legal names for the authority's council."""
    forms = [
        alias
        for alias in authority.aliases
        if alias.endswith("Council") or alias.startswith(("London Borough of", "Royal Borough of"))
    ]
    return rng.choice(forms) if forms else f"{authority.name} Council"


def write_corpus(folder: Path, count: int, *, seed: int = 6) -> list[Path]:
    """Write ``count`` datable documents about register authorities; returns their paths."""
    rng = random.Random(seed)
    authorities = _authorities()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        authority = authorities[(number * 7) % len(authorities)]
        write = _report if number % 3 else _letter
        slug = re.sub(r"[^a-z0-9]+", "_", authority.name.lower())
        path = folder / f"{number:03d}_{slug}.txt"
        text = write(rng, authority.name, _council(rng, authority), number)
        path.write_text(text + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def expected_events(*folders: Path) -> dict[str, tuple[AnyEvent, ...]]:
    """What ingesting the files stores, by document id: what reading each file alone yields,
    and the reorganisations of the authorities they are about (each its own sourced record)."""
    read = {r.events[0].source.document_id: r.events for r in read_paths(folders)}
    subjects = {e.subject for events in read.values() for e in events}
    changes = {e.source.document_id: (e,) for e in lineage_of(subjects, packaged())}
    return {**read, **changes}


def documents_in_store(db: Path) -> dict[str, int]:
    """How many events each document has in a SQLite store, read with a raw connection.

    Events whose document record is missing count too, so a half-stored document shows.
    """
    counts: collections.Counter[str] = collections.Counter()
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as raw:
        for (record,) in raw.execute("SELECT record FROM events ORDER BY seq"):
            # Layout 2 rows hold the event's canonical JSON: its fields at the top level.
            counts[json.loads(record)["source"]["document_id"]] += 1
    return dict(counts)
