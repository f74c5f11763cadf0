"""Reading documents for an ingest on several cores: a process pool of readers, in file order.

The readers also encode what they read (each event's canonical record and id), so the one
process that appends is left with the chain, the duplicate check and the insert.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import concurrent.futures

    from timeline.reading.document import Metadata
    from timeline.reading.reader import Reading

# The reader and the process machinery are imported where documents are read: the command
# line imports this module for ``default_jobs`` before it knows whether one will be read.

__all__ = ["default_jobs", "prestart", "read_documents"]

_PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>

# A worker's manifests, each loaded once: a folder's documents go to every worker.
_manifests: dict[Path, dict[str, Metadata]] = {}
# Readers started ahead of time (``prestart``), waiting for the next ``read_documents``.
_started: concurrent.futures.ProcessPoolExecutor | None = None
_started_jobs = 0


def default_jobs() -> int:
    """The cores this process may run on (fewer than the machine's under a CPU mask)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS and Windows have no affinity call
        return max(1, os.cpu_count() or 1)


def read_documents(paths: Sequence[Path], jobs: int = 1) -> Iterator[Reading]:
    """Every document under ``paths`` read, in the order the files are found.

    With ``jobs`` above 1 the documents are read in that many processes; the readings still
    come in file order, and the first bad document (in that order) raises its own error, so a
    run gives the same readings and the same errors whatever ``jobs`` is. The processes are
    started afresh (``spawn``), so a script calling this must guard its own start with
    ``if __name__ == "__main__":``, as with any process pool.
    """
    from timeline.reading.files import find_documents

    files = find_documents(paths) if jobs > 1 else []
    if len(files) < 2:
        # Starting a process costs more than reading one document.
        _take_started(0)
        from timeline.reading.reader import read_paths

        yield from read_paths(paths)
        return
    pool = _take_started(min(jobs, len(files)))
    assert pool is not None  # for mypy: two or more processes
    from events.store import take_records

    try:
        for reading, records in pool.map(_read, files):
            take_records(reading.events, records)
            yield reading
    finally:
        # After a bad document (or Ctrl-C) the documents not yet begun are not read: only
        # those being read are waited for.
        pool.shutdown(cancel_futures=True)


def prestart(jobs: int) -> None:
    """Start ``jobs`` reading processes now, for the next ``read_documents`` with as many.

    A process takes about a third of a second to start and import the reader: started before
    the caller opens its store and imports what it shows, that time overlaps the caller's
    instead of adding to the ingest's. Unused, they end with this process.
    """
    global _started, _started_jobs
    if jobs <= 1 or _started is not None:
        return
    _started, _started_jobs = _new_pool(jobs), jobs
    for _ in range(jobs):
        _started.submit(_ready)  # the pool starts one process a task; each imports the reader


def _take_started(jobs: int) -> concurrent.futures.ProcessPoolExecutor | None:
    """The pool ``prestart`` made, if it has ``jobs`` processes, else a new one (none for
    fewer than two): a pool of another size is shut down."""
    global _started, _started_jobs
    pool, size = _started, _started_jobs
    _started, _started_jobs = None, 0
    if pool is not None and size == jobs:
        return pool
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)
    return _new_pool(jobs) if jobs > 1 else None


def _new_pool(jobs: int) -> concurrent.futures.ProcessPoolExecutor:
    import concurrent.futures
    import multiprocessing

    # spawn: the caller may hold threads (the progress bar's) and an open SQLite connection,
    # which a forked child would inherit half-way through.
    return concurrent.futures.ProcessPoolExecutor(
        jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(os.getpid(),),
    )


def _ready() -> None:
    """Nothing: a task that makes the pool start a process (which imports the reader)."""


def _read(path: Path) -> tuple[Reading, list[tuple[str, str]]]:
    """One document with its folder's manifest entry, as ``read_paths`` reads it, and its
    events' ids and records (see ``events.store.prepare_records``)."""
    from events.store import prepare_records
    from timeline.reading.manifest import MANIFEST_NAME, load_manifest
    from timeline.reading.reader import read_file

    folder = path.parent
    if folder not in _manifests:
        manifest = folder / MANIFEST_NAME
        _manifests[folder] = load_manifest(manifest) if manifest.is_file() else {}
    reading = read_file(path, _manifests[folder].get(path.name))
    return reading, prepare_records(reading.events)


def _start_worker(parent: int) -> None:
    """Make a reading process end with the ingest that started it, quietly; and import the
    reader before the first document arrives."""
    # Ctrl-C reaches the whole process group: the ingest says "aborted" and ends its workers;
    # each worker printing its own KeyboardInterrupt would bury that line.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A killed ingest (SIGKILL) cannot end its workers: each would read on to the end of its
    # document and then die writing to the closed pipe, with a traceback on the user's screen.
    if sys.platform == "linux":
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        # Set, the kernel kills this process when its parent dies.
        watch = libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL) != 0 or os.getppid() != parent
    else:
        watch = True
    if watch:
        threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()
    import importlib

    for module in ("events.store", "timeline.reading.manifest", "timeline.reading.reader"):
        importlib.import_module(module)


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.1)
    os._exit(1)
