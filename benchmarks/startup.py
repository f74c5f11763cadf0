"""Start-up: ``timeline state --json`` on a small store, timed as a whole process.

``python -m benchmarks.startup [--runs N]`` builds a store from ``seeds/``, runs the query ``N``
times (each run beside a bare interpreter's start, so both see the same machine) and prints the
medians and the ten imports that cost most (``python -X importtime``).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

__all__ = ["import_costs", "startup"]

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
TARGET_SECONDS = 0.15


def _command() -> list[str]:
    """The ``timeline`` script beside this interpreter, as a user runs it."""
    script = Path(sys.executable).parent / "timeline"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "timeline.cli"]


def _seconds(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def startup(runs: int = 15) -> dict[str, Any]:
    """Median seconds of ``timeline state --json`` on the seeds' store, and of ``python -c
    pass`` (the interpreter's own start, which no change here can lower)."""
    folder = Path(tempfile.mkdtemp(prefix="startup-"))
    try:
        db = str(folder / "seeds.db")
        ingest = [*_command(), "ingest", str(SEEDS), "--db", db, "-q"]
        subprocess.run(ingest, check=True, stdout=subprocess.DEVNULL)
        query = [*_command(), "state", "--at", "2024", "--json", "--db", db]
        bare = [sys.executable, "-c", "pass"]
        _seconds(query)  # the first run pays for cold files and byte-compiling
        queries, bares = [], []
        for _ in range(runs):
            queries.append(_seconds(query))
            bares.append(_seconds(bare))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {
        "runs": runs,
        "query_s": statistics.median(queries),
        "interpreter_s": statistics.median(bares),
        "query_min_s": min(queries),
    }


def import_costs(module: str = "timeline.cli", top: int = 10) -> list[tuple[str, int, int]]:
    """The ``top`` modules importing ``module`` spends longest in, by their own time:
    ``(name, own microseconds, cumulative microseconds)``."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        check=True,
        capture_output=True,
        text=True,
    )
    costs = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, cumulative, name = line.removeprefix("import time:").split("|")
        costs.append((name.strip(), int(own), int(cumulative)))
    return sorted(costs, key=lambda c: -c[1])[:top]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.startup", description=__doc__)
    parser.add_argument("--runs", type=int, default=15, help="timed runs (default 15)")
    args = parser.parse_args(argv)
    result = startup(args.runs)
    query, bare = result["query_s"], result["interpreter_s"]
    verdict = "meets" if query <= TARGET_SECONDS else "misses"
    print(
        f"timeline state --json, seeds' store: median {query:.3f} s over {args.runs} runs"
        f" (fastest {result['query_min_s']:.3f} s); {verdict} the {TARGET_SECONDS} s target"
    )
    print(
        f"python -c pass: median {bare:.3f} s; the query takes {query / bare:.1f}x an empty"
        f" interpreter, {query - bare:.3f} s more"
    )
    print("\npython -X importtime -c 'import timeline.cli', the ten longest (own time):")
    for name, own, cumulative in import_costs():
        print(f"  {own / 1000:6.1f} ms own {cumulative / 1000:7.1f} ms with imports  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
