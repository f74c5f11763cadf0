"""A process for the crash and concurrency tests: ingest documents, or run the command line.

``worker.py ingest DB PATH...`` opens the store with ``Timeline.open`` and runs
``Timeline.ingest``, printing ``stored FILE NEW`` (flushed) after each document's transaction,
so a test can time a kill against the writes. ``worker.py cli ARG...`` runs
``timeline.cli.main``. With ``--after FILE`` first, the worker imports everything, then waits
until FILE exists: tests start it early and release it at the moment they choose.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from timeline.cli import main
from timeline.facade import Ingested, Timeline


def _wait_for(path: Path) -> None:
    deadline = time.monotonic() + 120
    while not path.exists():
        if time.monotonic() > deadline:
            raise SystemExit(f"worker: {path} never appeared")
        time.sleep(0.002)


def _report(item: Ingested) -> None:
    print(f"stored {item.reading.file_name} {item.new}", flush=True)


def run(argv: list[str]) -> int:
    """Run one worker command; returns its exit status."""
    if argv[0] == "--after":
        _wait_for(Path(argv[1]))
        argv = argv[2:]
    command, *rest = argv
    if command == "cli":
        return main(rest)
    if command == "ingest":
        with Timeline.open(rest[0]) as timeline:
            timeline.ingest(rest[1:], progress=_report)
        print("done", flush=True)
        return 0
    raise SystemExit(f"worker: unknown command {command!r}")


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
