"""The national HTML report on the big store: every real report plus the generated corpus.

Run in a fresh interpreter like every measurement (``python -m benchmarks.national_report
national_report JSON``; :func:`isolated` does it), so its time and peak RSS are its own.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import measure
from events import SQLiteStore
from timeline import Timeline
from timeline.report_england import build_england, write_england

__all__ = ["FROM", "TO", "isolated", "national_report"]

FROM, TO = "2013-01-01", "2024-12-31"
_BATCH = 10_000

Result = dict[str, Any]


def national_report(store: str, real: str | None, path: str) -> Result:
    """Copy the generated store to ``path``, append the real reports' events (the store the
    real corpus was ingested into, if it was), open it as a user would, then time
    ``timeline report --england``'s work: building every page and writing the folder."""
    shutil.copyfile(store, path)
    added = 0
    if real is not None and Path(real).is_file():
        source, target = SQLiteStore(real), SQLiteStore(path)
        try:
            stored = list(source.read())
            for i in range(0, len(stored), _BATCH):
                added += len(target.append(stored[i : i + _BATCH]))
        finally:
            source.close()
            target.close()
    started = time.perf_counter()
    with Timeline.open(path) as timeline, tempfile.TemporaryDirectory() as scratch:
        opened = time.perf_counter()
        pages = build_england(timeline, FROM, TO)
        built = time.perf_counter()
        size = write_england(pages, Path(scratch) / "england")
        written = time.perf_counter()
        events = len(timeline)
    return {
        "events": events,
        "real_events": added,
        "open_seconds": opened - started,
        "build_seconds": built - opened,
        "write_seconds": written - built,
        "seconds": written - opened,
        "pages": len(pages),
        "bytes": size,
        "index_bytes": len(pages["index.html"].encode("utf-8")),
    }


def isolated(**kwargs: Any) -> Result:
    """Run :func:`national_report` in a fresh interpreter and return what it reported."""
    return measure.isolated("national_report", module="benchmarks.national_report", **kwargs)


def main(argv: list[str]) -> int:
    """``python -m benchmarks.national_report national_report JSON``: measure, print the JSON
    result."""
    return measure.run({"national_report": national_report}, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
