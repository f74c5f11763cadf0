"""Regenerate docs/england.png: the national report, rendered by headless Chromium.

Run from the repository root with the project installed::

    python docs/make_england_screenshot.py

It reads every real report of the shared corpus (``../shared/corpus/reports``; the seeds if it
is absent) into a scratch timeline, writes the national report from 2013 to 31 March 2024 with
the ONS boundaries (``../shared/corpus/geo/lad23_boundaries.geojson``; circles at the packaged
positions if absent) and photographs the top of England's page: the map and the first years.
"""

from __future__ import annotations

import concurrent.futures
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout even when the package is not installed

from docs.make_screenshot import screenshot  # noqa: E402
from events import AnyEvent, DocumentError  # noqa: E402  # needs the path above
from timeline import Timeline, read_file  # noqa: E402
from timeline.boundaries import packaged_positions, read_boundaries  # noqa: E402
from timeline.report_england import build_england, write_england  # noqa: E402

OUT = ROOT / "docs" / "england.png"
CORPUS = ROOT.parent / "shared" / "corpus"
FROM, TO = "2013-01-01", "2024-03-31"


def _events(path: Path) -> tuple[AnyEvent, ...]:
    """A report's events; none for a file the reader refuses (a web page saved as .pdf)."""
    try:
        return read_file(path).events
    except DocumentError:
        return ()


def _timeline() -> Timeline:
    timeline = Timeline.open(":memory:")
    reports = sorted((CORPUS / "reports").rglob("*.pdf"))
    if not reports:
        timeline.ingest([ROOT / "seeds"])
        return timeline
    with concurrent.futures.ProcessPoolExecutor() as pool:
        for events in pool.map(_events, reports, chunksize=4):
            timeline.append(events)
    return timeline


def main() -> int:
    """Write ``docs/england.png``; 1 with a message if Chromium is missing or fails."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        print("Chromium not installed: apt-get install chromium", file=sys.stderr)
        return 1
    geo = CORPUS / "geo" / "lad23_boundaries.geojson"
    with tempfile.TemporaryDirectory() as scratch, _timeline() as timeline:
        shapes = (
            read_boundaries(geo, timeline.register, packaged_positions()) if geo.is_file() else None
        )
        folder = Path(scratch) / "england"
        write_england(build_england(timeline, FROM, TO, boundaries=shapes), folder)
        done = screenshot(browser, folder / "index.html", OUT, Path(scratch), "1400,1560")
    if done.returncode != 0 or not OUT.exists():
        print(done.stderr[-2000:], file=sys.stderr)
        return 1
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
