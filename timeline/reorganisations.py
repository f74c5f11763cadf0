"""Local government reorganisations as sourced events, from ``timeline/data/reorganisations.csv``.

Each row is one successor authority; its ``statement`` is the sentence the event quotes, and the
event's id depends only on that row, so appending the same reorganisation again is a no-op.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from pathlib import Path

from events import (
    AuthorityReorganised,
    DocumentError,
    EventError,
    PartialDate,
    Period,
    Reorganisation,
    Source,
)
from timeline.reading.files import document_id
from timeline.tables_csv import data_file, read_rows

__all__ = ["SOURCE_NAME", "lineage_of", "packaged", "read_reorganisations"]

SOURCE_NAME = "reorganisations.csv"
_COLUMNS = (
    "date",
    "change",
    "successor",
    "predecessors",
    "former_name",
    "legislation",
    "si",
    "made",
    "statement",
)


def _event(row: dict[str, str]) -> AuthorityReorganised:
    statement = row["statement"].strip()
    if not statement:
        raise ValueError("a row needs the statement its event quotes")
    began = PartialDate.parse(row["date"])
    legislation = row["legislation"].strip()
    if row["si"].strip():
        legislation += f" (SI {row['si'].strip()})"
    return AuthorityReorganised(
        subject=row["successor"].strip(),
        valid=Period(began),
        # A change is known from the day its order was made; where that is not recorded, from
        # the day it took effect (never earlier than the register can vouch for).
        known=PartialDate.parse(row["made"]) if row["made"].strip() else began,
        source=Source(
            document_id=document_id(statement),
            file_name=SOURCE_NAME,
            start=0,
            end=len(statement),
            quote=statement,
        ),
        change=Reorganisation(row["change"].strip()),
        predecessors=tuple(p.strip() for p in row["predecessors"].split(";") if p.strip()),
        former_name=row["former_name"].strip() or None,
        legislation=legislation,
    )


def read_reorganisations(path: str | os.PathLike[str]) -> tuple[AuthorityReorganised, ...]:
    """The reorganisations a CSV of the columns above lists; ``#`` lines are comments.

    Raises ``DocumentError`` naming the file and line of a row that cannot be read.
    """
    path = Path(path)
    found = []
    for number, cells in read_rows(path, _COLUMNS, "the reorganisations"):
        try:
            if len(cells) != len(_COLUMNS):
                raise ValueError(f"{len(cells)} cells where {len(_COLUMNS)} were expected")
            found.append(_event(dict(zip(_COLUMNS, cells, strict=True))))
        except (ValueError, EventError) as e:
            raise DocumentError(
                f"bad reorganisation row: {e}", path=str(path), line=number, value=cells
            ) from e
    return tuple(found)


@functools.cache
def packaged() -> tuple[AuthorityReorganised, ...]:
    """The reorganisations packaged with the library."""
    with data_file(SOURCE_NAME) as path:
        return read_reorganisations(path)


def lineage_of(
    subjects: Iterable[str], reorganisations: Iterable[AuthorityReorganised]
) -> list[AuthorityReorganised]:
    """The reorganisations that connect to ``subjects``, through successors and predecessors.

    A document about Cumbria brings the change that ended it, which names Cumberland, whose
    own history then reads back to Cumbria: the whole connected family, never the unrelated.
    """
    every = list(reorganisations)
    family = set(subjects)
    chosen: list[AuthorityReorganised] = []
    grew = True
    while grew:
        grew = False
        for event in every:
            if event in chosen:
                continue
            names = {event.subject, *event.predecessors}
            if names & family:
                chosen.append(event)
                family |= names
                grew = True
    return chosen
