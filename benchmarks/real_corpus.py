"""Real reports: the shared corpus of Ofsted PDFs read and ingested; PDF text libraries compared.

The corpus is not part of the project (``../shared/corpus`` beside the checkout, or
``--corpus DIR``); without it these measurements are skipped, not faked.
"""

from __future__ import annotations

import multiprocessing
import re
import statistics
import subprocess
import time
from pathlib import Path
from typing import Any

from events import AnyEvent, DocumentError
from timeline import Timeline
from timeline.reading.files import load_document
from timeline.reading.manifest import MANIFEST_NAME, load_manifest
from timeline.reading.reader import find_documents, read_file, read_text

__all__ = [
    "DEFAULT_CORPUS",
    "cli_ingest",
    "pdf_text",
    "real_corpus",
    "report_paths",
    "text_reading",
]

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "reports"

Result = dict[str, Any]


def report_paths(folder: str | Path) -> list[Path]:
    """Every ``.pdf`` under ``folder``, sorted so runs compare."""
    return sorted(Path(folder).rglob("*.pdf"))


def _pages(path: Path) -> int:
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError:
        return 0  # not a PDF: the reader refuses it too
    try:
        return len(document)
    finally:
        document.close()


def _read(path: str) -> tuple[str, tuple[AnyEvent, ...] | str]:
    """One report's events, or the one-line error it was refused with."""
    try:
        return path, read_file(Path(path)).events
    except DocumentError as e:
        return path, str(e)


def real_corpus(folder: str, processes: int, path: str) -> Result:
    """Read every report in a pool of ``processes`` while this process appends each one.

    Timed end to end as a user waits for ``timeline ingest``: pool start-up, PDF text,
    reading, appending and projecting, closing the store.
    """
    paths = [str(p) for p in report_paths(folder)]
    pages = sum(_pages(Path(p)) for p in paths)
    start = time.perf_counter()
    events = refused = 0
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes) as pool, Timeline.open(path) as timeline:
        for _, read in pool.imap(_read, paths, chunksize=2):
            if isinstance(read, str):
                refused += 1
                continue
            events += len(timeline.append(read))
    seconds = time.perf_counter() - start
    return {
        "docs": len(paths),
        "pages": pages,
        "events": events,
        "refused": refused,
        "seconds": seconds,
    }


def cli_ingest(folder: str, jobs: int, rounds: int, path: str) -> Result:
    """``timeline ingest -q --jobs 1`` and ``--jobs JOBS`` on every readable report, each a whole
    process on a fresh store, as a user runs it; the two alternate for ``rounds`` rounds so
    both see the same machine.

    A file that is no PDF is left out: the command stops at the first document it refuses.
    """
    from benchmarks.startup import command, environment

    paths = [str(p) for p in report_paths(folder) if _pages(p)]
    env = environment(Path(__file__).resolve().parents[1])
    seconds: dict[int, list[float]] = {1: [], jobs: []}
    for _ in range(rounds):
        for n in seconds:
            for old in Path(path).parent.glob(Path(path).name + "*"):  # the store, its log, filing
                old.unlink()
            argv = [*command(), "ingest", "--db", path, "-q", "--jobs", str(n), *paths]
            start = time.perf_counter()
            done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
            seconds[n].append(time.perf_counter() - start)
            if done.returncode:  # the error, not the command line of 241 paths
                raise RuntimeError(f"timeline ingest --jobs {n}: {done.stderr.decode().strip()}")
    return {
        "docs": len(paths),
        "jobs": jobs,
        "one": statistics.median(seconds[1]),
        "many": statistics.median(seconds[jobs]),
        "runs": {str(n): s for n, s in seconds.items()},
    }


def text_reading(folder: str, rounds: int) -> Result:
    """Reading alone, one core: every document under ``folder`` whose text loads (PDF text and
    manifests are read beforehand, untimed), read ``rounds`` times over (issue 17.4)."""
    documents = []
    for path in find_documents([folder]):
        manifest = path.parent / MANIFEST_NAME
        metadata = load_manifest(manifest).get(path.name) if manifest.is_file() else None
        try:
            documents.append((path.name, load_document(path).text, metadata))
        except DocumentError:
            continue  # refused (the HTML page saved as a PDF): not text to read
    name, text, metadata = documents[0]
    read_text(text, name, metadata)  # vocabularies and patterns are built at first use
    texts = [text for _, text, _ in documents]
    vocabulary = {word: 0 for text in texts for word in _WORD.findall(text.lower())}
    start = time.perf_counter()
    for _ in range(rounds):
        _word_pass(texts, vocabulary)
    word_pass = time.perf_counter() - start
    events = 0
    start = time.perf_counter()
    for _ in range(rounds):
        for name, text, metadata in documents:
            events += len(read_text(text, name, metadata).events)
    seconds = time.perf_counter() - start
    return {
        "docs": len(documents),
        "rounds": rounds,
        "bytes": rounds * sum(len(text.encode()) for text in texts),
        "events": events,
        "seconds": seconds,
        "word_pass_seconds": word_pass,
    }


_WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")


def _word_pass(texts: list[str], vocabulary: dict[str, int]) -> int:
    """The least a reader of words does: each text lower-cased, split into words, and each word
    looked up. Timed beside the reading on the same texts, it says how fast this machine runs
    Python over text, so reading speeds from different machines can be compared as ratios."""
    found = 0
    for text in texts:
        for word in _WORD.findall(text.lower()):
            found += vocabulary.get(word, 1)
    return found


def _pdfium_text(path: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        chars = 0
        for page in document:
            text_page = page.get_textpage()
            chars += len(text_page.get_text_range())
            text_page.close()
            page.close()
        return chars
    finally:
        document.close()


def _pypdf_text(path: Path) -> int:
    from pypdf import PdfReader

    return sum(len(page.extract_text() or "") for page in PdfReader(str(path)).pages)


def pdf_text(folder: str, sample: int) -> Result:
    """Pages a second of text extraction on ``sample`` reports: PDFium, and pypdf if installed."""
    every = report_paths(folder)
    paths = [p for p in every[:: max(1, len(every) // sample)] if _pages(p)][:sample]
    pages = sum(_pages(p) for p in paths)
    result: Result = {"docs": len(paths), "pages": pages}
    for name, extract in (("pdfium", _pdfium_text), ("pypdf", _pypdf_text)):
        try:
            extract(paths[0])  # imports and first-use set-up are not timed
        except ImportError:
            continue
        start = time.perf_counter()
        for p in paths:
            extract(p)
        result[f"{name}_seconds"] = time.perf_counter() - start
    return result
