"""The measurements, each run in a fresh interpreter so its time and peak RSS are its own.

``isolated(name, **kwargs)`` runs ``python -m benchmarks.measure NAME JSON`` and returns the
dict the measurement printed, with ``rss_mb`` (the child's peak resident set) added.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import multiprocessing
import os
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.baselines import batches, sqlite_alone, unique_alone
from benchmarks.corpus import Document, documents, synthetic_events
from benchmarks.national import national
from benchmarks.peers import EventsourcingStore, naive_state_at, plain_deepdiff
from benchmarks.real_corpus import cli_ingest, pdf_text, real_corpus, text_reading
from events import AnyEvent, SQLiteStore
from projections import EventIndex, diff_states
from timeline import Timeline
from timeline.reading.reader import read_text

__all__ = ["MEASUREMENTS", "isolated", "percentile", "run"]

Result = dict[str, Any]
_FIRST_DAY, _LAST_DAY = 733_773, 739_251  # 2010-01-01 and 2024-12-31 as day numbers


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0-100), nearest rank."""
    ranked = sorted(values)
    return ranked[min(len(ranked) - 1, max(0, round(q / 100 * len(ranked)) - 1))]


def peak_rss_mb() -> float:
    """This process's peak resident set so far, in MB (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def isolated(name: str, *, module: str = "benchmarks.measure", **kwargs: Any) -> Result:
    """Run one measurement of ``module`` (``python -m MODULE NAME JSON``) in a fresh
    interpreter and return what it reported."""
    done = subprocess.run(
        [sys.executable, "-m", module, name, json.dumps(kwargs)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"measurement {name} failed:\n{done.stderr[-4000:]}")
    result: Result = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# -- reading ----------------------------------------------------------------------------------

_DOCS: list[Document] = []  # each reading process's copy of the corpus, set by _share


def _share(docs: list[Document]) -> None:
    _DOCS[:] = docs


def _read_count(index: int) -> int:
    file_name, text, meta = _DOCS[index]
    return len(read_text(text, file_name, meta).events)


def _read_events(index: int) -> tuple[AnyEvent, ...]:
    file_name, text, meta = _DOCS[index]
    return read_text(text, file_name, meta).events


def _pool(processes: int, docs: list[Document]) -> Any:
    return multiprocessing.get_context("spawn").Pool(
        processes, initializer=_share, initargs=(docs,)
    )


def reading(docs: int, sample: int, seed: int, processes: int) -> Result:
    """Read ``sample`` of ``docs`` generated documents, spread evenly, on one core or in a pool.

    One document per process is read first so that loading vocabularies is not timed.
    """
    corpus = documents(docs, seed=seed)[:: max(1, docs // sample)][:sample]
    size = sum(len(text.encode()) for _, text, _ in corpus)
    _share(corpus)
    if processes == 1:
        _read_count(0)
        start = time.perf_counter()
        events = sum(map(_read_count, range(len(corpus))))
        seconds = time.perf_counter() - start
    else:
        with _pool(processes, corpus) as pool:
            pool.map(_read_count, range(processes), chunksize=1)  # workers up and warm
            start = time.perf_counter()
            events = sum(pool.imap_unordered(_read_count, range(len(corpus))))
            seconds = time.perf_counter() - start
    return {"docs": len(corpus), "bytes": size, "events": events, "seconds": seconds}


_SCALE_SEED = Path(__file__).resolve().parent.parent / "seeds" / "002_702d53c0cbc2473f.txt"


def reading_scale(mb: float) -> Result:
    """Read one text of about ``mb`` MB: a seed report (Buckinghamshire's) repeated whole.

    A user's big file: one council's report, pasted many times over. The report is read once
    first so that loading vocabularies is not timed; ``rss_mb`` is this read's peak.
    """
    report = _SCALE_SEED.read_text(encoding="utf-8")
    copies = max(1, round(mb * 1024 * 1024 / len(report.encode())))
    text = "\n\n".join([report] * copies)
    read_text(report, "report.txt")
    start = time.perf_counter()
    events = len(read_text(text, "big.txt").events)
    seconds = time.perf_counter() - start
    return {"bytes": len(text.encode()), "copies": copies, "events": events, "seconds": seconds}


def ingest(docs: int, seed: int, processes: int, path: str) -> Result:
    """Read ``docs`` documents in a pool while this process appends each in its own transaction.

    Timed end to end: pool start-up, reading, appending and projecting, closing the store.
    """
    corpus = documents(docs, seed=seed)
    start = time.perf_counter()
    events = 0
    with _pool(processes, corpus) as pool, Timeline.open(path) as timeline:
        for read in pool.imap(_read_events, range(len(corpus)), chunksize=2):
            events += len(timeline.append(read))
    seconds = time.perf_counter() - start
    return {"docs": len(corpus), "events": events, "seconds": seconds}


# -- the big store ----------------------------------------------------------------------------


def append(events: int, seed: int, path: str, batch: int) -> Result:
    """Append ``events`` synthetic events to a new SQLite store in batches; only appends timed."""
    made = list(batches(synthetic_events(events, seed=seed, processes=os.cpu_count() or 1), batch))
    store = SQLiteStore(path)
    start = time.perf_counter()
    for chunk in made:
        store.append(chunk)
    seconds = time.perf_counter() - start
    store.close()
    size = sum(p.stat().st_size for p in Path(path).parent.glob(Path(path).name + "*"))
    return {"events": events, "seconds": seconds, "bytes": size}


def open_store(path: str, saved: bool) -> Result:
    """Open the store cold as ``Timeline.open`` does (``saved``), or file every row of it.

    Filing every row reads no saved filing and saves none; ``Timeline.open`` uses the filing
    the store saved, or files every row and saves one (the first open of a big store).
    """
    start = time.perf_counter()
    if saved:
        timeline = Timeline.open(path)
        index = timeline.index
    else:
        index = EventIndex.from_store(SQLiteStore(path))
    seconds = time.perf_counter() - start
    return {"events": len(index), "seconds": seconds, "saved_rows": index.saved_rows}


def _pairs(rng: random.Random, subjects: list[str], n: int) -> list[tuple[str, str, str]]:
    """``n`` random (subject, date, later date) triples in 2010-2024, ISO dates."""
    out = []
    for _ in range(n):
        a, b = sorted(rng.randint(_FIRST_DAY, _LAST_DAY) for _ in range(2))
        out.append((rng.choice(subjects), _iso(a), _iso(b)))
    return out


def _iso(ordinal: int) -> str:
    return dt.date.fromordinal(ordinal).isoformat()


def _timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return (time.perf_counter() - start) * 1000


def query(path: str, seed: int, queries: int, naive: int) -> Result:
    """Open the store cold, then time ``state_at`` and ``diff`` at random subjects and dates.

    A subject's first query loads the events it reads from the store; later ones find them
    loaded. Both kinds are timed together, and also reported apart.

    Also times the peers on the same questions: a naive replay for ``naive`` of them, and a
    plain deepdiff of the two states' dicts; the naive answers must equal ours.
    """
    start = time.perf_counter()
    timeline = Timeline.open(path)
    load_seconds = time.perf_counter() - start
    loaded_rss = peak_rss_mb()
    saved_rows = timeline.index.saved_rows
    rng = random.Random(f"queries/{seed}")
    pairs = _pairs(rng, timeline.index.subjects, queries)
    state_ms = [_timed(functools.partial(timeline.state_at, a, subject=s)) for s, a, _ in pairs]
    # The index loads a subject's events when a query first reads them: tell those apart.
    first_ms: list[float] = []
    again_ms: list[float] = []
    seen: set[str] = set()
    for (subject, _, _), ms in zip(pairs, state_ms, strict=True):
        (again_ms if subject in seen else first_ms).append(ms)
        seen.add(subject)
    diff_ms = [_timed(functools.partial(timeline.diff, a, b, subject=s)) for s, a, b in pairs]
    queried_rss = peak_rss_mb()
    states = [
        (timeline.state_at(a, subject=s), timeline.state_at(b, subject=s)) for s, a, b in pairs
    ]
    ours_diff = [_timed(functools.partial(diff_states, x, y)) for x, y in states]
    plain_diff = [_timed(functools.partial(plain_deepdiff, x, y)) for x, y in states]
    every = list(timeline.index)
    naive_ms, agree = [], True
    for subject, at, _ in pairs[:naive]:
        begin = time.perf_counter()
        replayed = naive_state_at(every, at, subject)
        naive_ms.append((time.perf_counter() - begin) * 1000)
        agree &= replayed.to_dict() == timeline.state_at(at, subject=subject).to_dict()
    return {
        "events": len(timeline),
        "subjects": len(timeline.index.subjects),
        "load_seconds": load_seconds,
        "saved_rows": saved_rows,
        "loaded_rss_mb": loaded_rss,
        "state_ms": state_ms,
        "first_ms": first_ms,
        "again_ms": again_ms,
        "queried_rss_mb": queried_rss,
        "diff_ms": diff_ms,
        "diff_states_ms": ours_diff,
        "deepdiff_ms": plain_diff,
        "naive_ms": naive_ms,
        "naive_state_ms": state_ms[:naive],
        "naive_agrees": agree,
    }


def roundtrip(backend: str, events: int, seed: int, path: str, batch: int) -> Result:
    """Append ``events`` in batches to ``backend`` ("ours" or "eventsourcing") and read all back."""
    made = list(batches(synthetic_events(events, seed=seed), batch))
    store = SQLiteStore(path) if backend == "ours" else EventsourcingStore(path)
    start = time.perf_counter()
    for chunk in made:
        store.append(chunk)
    appended = time.perf_counter() - start
    start = time.perf_counter()
    back = list(store.read())
    read = time.perf_counter() - start
    store.close()
    if [e.id for e in back] != [e.id for chunk in made for e in chunk]:
        raise AssertionError(f"{backend} did not give back the events appended")
    return {"events": events, "append_seconds": appended, "read_seconds": read}


MEASUREMENTS: dict[str, Callable[..., Result]] = {
    "reading": reading,
    "reading_scale": reading_scale,
    "ingest": ingest,
    "append": append,
    "open": open_store,
    "query": query,
    "roundtrip": roundtrip,
    "sqlite_alone": sqlite_alone,
    "unique_alone": unique_alone,
    "real_corpus": real_corpus,
    "national": national,
    "pdf_text": pdf_text,
    "cli_ingest": cli_ingest,
    "text_reading": text_reading,
}


def run(measurements: dict[str, Callable[..., Result]], argv: list[str]) -> int:
    """``python -m MODULE NAME JSON``: run one of a module's ``measurements``, print its JSON
    result with the process's peak RSS."""
    name, kwargs = argv[0], json.loads(argv[1])
    result = measurements[name](**kwargs)
    result["rss_mb"] = peak_rss_mb()
    print(json.dumps(result))
    return 0


def main(argv: list[str]) -> int:
    """``python -m benchmarks.measure NAME JSON``: run one measurement, print its JSON result."""
    return run(MEASUREMENTS, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
