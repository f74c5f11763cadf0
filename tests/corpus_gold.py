"""The real corpus (``../shared/corpus``) read as a user would, and compared with its gold labels.

Each report is read on its own through ``read_file``, the same path ``timeline ingest`` takes,
and what a careful reader must get from its front pages is compared with ``gold.json``: the
authority (by DfE code), the publication date (exact where the text prints it, within seven
days where it does not), the framework and every first-hand judgement (no area missing, wrong
or extra).
"""

from __future__ import annotations

import collections
import concurrent.futures
import functools
import json
import multiprocessing
from pathlib import Path
from typing import Any

import attrs

from events import AnyEvent, DocumentError, DocumentRecorded, Hand, JudgementIssued, PartialDate
from timeline.reading.reader import read_file

__all__ = ["CORPUS", "Miss", "Outcome", "compare", "misses_table", "read_corpus", "summary"]

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
# Where the publication date is not in the text, it may come from the PDF's creation date,
# which precedes publication by a few days.
NEAR_DAYS = 7
# gold.json's frameworks as the reader names them (older inspections have no graded table).
_FRAMEWORKS = {"SIF": "sif", "ILACS": "ilacs", "ILACS 2023": "ilacs_2023"}
# Filled by the corpus test, printed at the end of the run for a reader of the CI log.
summary: list[str] = []


@attrs.frozen(kw_only=True)
class Outcome:
    """What the reader made of one file: its document record and grades, or its error."""

    file: str
    error: str | None = None
    la_code: str | None = None
    subject: str | None = None
    published: str | None = None
    date_source: str | None = None
    framework: str | None = None
    judgements: dict[str, list[str]] = attrs.field(factory=dict)
    events: tuple[AnyEvent, ...] = attrs.field(default=(), repr=False, eq=False)


@attrs.frozen
class Miss:
    """One thing read wrong: ``kind`` (authority, published, judgement ...), and what and why."""

    file: str
    kind: str
    detail: str


def _read(relative: str) -> Outcome:
    path = CORPUS / "reports" / relative
    try:
        reading = read_file(path)
    except DocumentError as e:
        return Outcome(file=relative, error=str(e))
    document = reading.events[0]
    assert isinstance(document, DocumentRecorded)
    grades: dict[str, list[str]] = collections.defaultdict(list)
    for event in reading.events:
        if isinstance(event, JudgementIssued) and event.hand is Hand.FIRST:
            grades[event.area.value].append(event.grade.value)
    return Outcome(
        file=relative,
        la_code=document.la_code,
        subject=document.subject,
        published=document.published.isoformat(),
        date_source=document.date_source.value,
        framework=None if document.framework is None else document.framework.value,
        judgements=dict(grades),
        events=reading.events,
    )


def gold() -> list[dict[str, Any]]:
    """The labelled entries of ``gold.json``."""
    entries: list[dict[str, Any]] = json.loads((CORPUS / "gold.json").read_text("utf-8"))
    return entries


def read_corpus(entries: list[dict[str, Any]]) -> dict[str, Outcome]:
    """Every labelled file read on its own, on every core (fork: the reader is imported).

    Read once per test run: the corpus tests and the national figures share the readings.
    """
    return dict(_read_all(tuple(e["file"] for e in entries)))


@functools.cache
def _read_all(files: tuple[str, ...]) -> tuple[tuple[str, Outcome], ...]:
    context = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(2, mp_context=context) as pool:
        return tuple((o.file, o) for o in pool.map(_read, files, chunksize=4))


def _days_apart(a: str, b: str) -> int:
    return abs(PartialDate.coerce(a).ordinal - PartialDate.coerce(b).ordinal)


def compare(entry: dict[str, Any], outcome: Outcome) -> list[Miss]:
    """What ``outcome`` got wrong against the gold ``entry``."""
    file = entry["file"]
    if entry.get("not_a_pdf"):
        if outcome.error is None or "not a PDF" not in outcome.error:
            return [Miss(file, "not a PDF", f"not refused as one: {outcome.error!r}")]
        return []
    if outcome.error is not None:
        return [Miss(file, "refused", outcome.error)]
    misses = []
    if outcome.la_code != entry["la_code"]:
        misses.append(
            Miss(
                file, "authority", f"{outcome.subject} ({outcome.la_code}), not {entry['la_code']}"
            )
        )
    assert outcome.published is not None
    if entry["published_in_text"]:
        if outcome.published != entry["published"]:
            misses.append(Miss(file, "published (in text)", f"{outcome.published}"))
    elif _days_apart(outcome.published, entry["published"]) > NEAR_DAYS:
        misses.append(
            Miss(file, "published (not in text)", f"{outcome.published} ({outcome.date_source})")
        )
    framework = _FRAMEWORKS.get(entry.get("framework", ""))
    if framework is not None and outcome.framework != framework:
        misses.append(Miss(file, "framework", f"{outcome.framework} for {framework}"))
    if "judgements" in entry:
        want = {k: v for k, v in entry["judgements"].items() if v != "not_judged"}
        got = {k: v for k, v in outcome.judgements.items() if k != "lscb"}
        for area in sorted(set(want) | set(got)):
            if got.get(area) == [want.get(area)]:
                continue
            kind = "missing" if area not in got else "extra" if area not in want else "wrong"
            misses.append(
                Miss(file, f"judgement {kind}", f"{area}: {got.get(area)} for {want.get(area)}")
            )
    return misses


def misses_table(entries: list[dict[str, Any]], misses: list[Miss]) -> list[str]:
    """The summary: documents and judgements right, then every miss counted by kind."""
    wrong_files = {m.file for m in misses}
    labelled = [e for e in entries if "judgements" in e]
    judgements = sum(
        len([v for v in e["judgements"].values() if v != "not_judged"]) for e in labelled
    )
    wrong_grades = len([m for m in misses if m.kind in ("judgement missing", "judgement wrong")])
    lines = [
        f"real corpus: {len(entries) - len(wrong_files)}/{len(entries)} documents fully right; "
        f"{judgements - wrong_grades}/{judgements} judgements right",
    ]
    for kind, count in collections.Counter(m.kind for m in misses).most_common():
        lines.append(f"  {count:4d} {kind}")
    lines += [f"    {m.kind}: {m.file}: {m.detail}" for m in misses[:40]]
    return lines
