"""Regenerate docs/report.png: the seeds' HTML report, rendered by headless Chromium.

Run from the repository root with the project installed::

    python docs/make_screenshot.py

It ingests ``seeds/`` into a scratch timeline, writes the report for 1 September 2014 to
1 March 2022 to a temporary file and photographs the top of it (header, chart, heat map).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout even when the package is not installed

from timeline import Timeline  # noqa: E402  # needs the path above
from timeline.report import build_report  # noqa: E402

OUT = ROOT / "docs" / "report.png"
FROM, TO = "2014-09-01", "2022-03-01"


def screenshot(
    browser: str, page: Path, out: Path, scratch: Path, size: str
) -> subprocess.CompletedProcess[str]:
    """Photograph ``page`` at window ``size`` ("width,height") into ``out`` with headless
    Chromium, its profile kept in ``scratch``; the finished process, for its code and log."""
    command = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={scratch / 'profile'}",
        "--enable-logging=stderr",
        "--v=0",
        "--hide-scrollbars",
        f"--screenshot={out}",
        f"--window-size={size}",
        page.as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def main() -> int:
    """Write ``docs/report.png``; 1 with a message if Chromium is missing or fails."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        print("Chromium not installed: apt-get install chromium", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as scratch, Timeline.open(":memory:") as timeline:
        timeline.ingest([ROOT / "seeds"])
        report = Path(scratch) / "report.html"
        report.write_text(build_report(timeline, FROM, TO), encoding="utf-8")
        done = screenshot(browser, report, OUT, Path(scratch), "1400,2200")
    if done.returncode != 0 or not OUT.exists():
        print(done.stderr[-2000:], file=sys.stderr)
        return 1
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
