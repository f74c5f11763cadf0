"""Start-up: ``timeline state --json`` on a small store, timed as a whole process.

``python -m benchmarks.startup [--runs N] [--against DIR]`` builds a store from ``seeds/``, runs
the query ``N`` times (each run beside a bare interpreter's start, so both see the same machine)
and prints the medians and the imports the query spends longest in (``python -X importtime``).
With ``--against DIR`` the same query runs alternately from another checkout (a baseline), each
on a store its own code built, and the ratio of the medians is printed.

The runs see the modules compiled, as an installed package has them: ``PYTHONDONTWRITEBYTECODE``
is dropped from their environment, since with it set a checkout without ``__pycache__`` compiles
every module at every run (a quarter of the 0.19 s once measured here).

Measure it in an environment where the project is installed as a user installs it (``pip
install .``), as 17.2 is a user's wait: an editable install (``pip install -e``) puts an import
hook in every start of that environment's interpreter (``python -c pass`` took 0.022-0.026 s
with it and 0.010-0.012 s without, here; the query gains less, as it imports much of what the
hook does), which no user has. The output says when the install is editable.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

__all__ = ["command", "editable", "environment", "import_costs", "startup"]

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
TARGET_SECONDS = 0.15
_QUERY = ["state", "--at", "2024", "--json"]


def editable(distribution: str = "inspection-timeline") -> bool:
    """Whether ``distribution`` is installed editable here, as pip's ``direct_url.json`` says.

    The first record that has one decides: run from a checkout, the working folder's build
    metadata (``*.egg-info``, without one) is found before the environment's install.
    """
    import importlib.metadata
    import json

    for found in importlib.metadata.distributions(name=distribution):
        record = found.read_text("direct_url.json")
        if record:
            return bool(json.loads(record).get("dir_info", {}).get("editable", False))
    return False


def command() -> list[str]:
    """The ``timeline`` script beside this interpreter, as a user runs it."""
    script = Path(sys.executable).parent / "timeline"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "timeline.cli"]


def environment(checkout: Path | None) -> dict[str, str]:
    """The runs' environment: bytecode written and kept; ``checkout`` first on the path (the
    editable install's hook would otherwise import whichever checkout it was installed from)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if checkout is not None:
        env["PYTHONPATH"] = str(checkout)
    return env


def _seconds(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def _store(folder: Path, name: str, env: dict[str, str]) -> str:
    db = str(folder / f"{name}.db")
    ingest = [*command(), "ingest", str(SEEDS), "--db", db, "-q"]
    subprocess.run(ingest, check=True, stdout=subprocess.DEVNULL, env=env)
    return db


def startup(runs: int = 15, against: Path | None = None) -> dict[str, Any]:
    """Median seconds of ``timeline state --json`` on the seeds' store, and of ``python -c
    pass`` (the interpreter's own start, which no change here can lower); with ``against``,
    also the median of the same query run from that checkout, alternately."""
    folder = Path(tempfile.mkdtemp(prefix="startup-"))
    here = Path(__file__).resolve().parents[1]
    envs = {"query": environment(here)}
    if against is not None:
        envs["baseline"] = environment(against)
    try:
        queries = {
            k: [*command(), *_QUERY, "--db", _store(folder, k, env)] for k, env in envs.items()
        }
        bare = [sys.executable, "-c", "pass"]
        times: dict[str, list[float]] = {k: [] for k in [*envs, "bare"]}
        for name, env in envs.items():
            _seconds(queries[name], env)  # the first run pays for cold files and byte-compiling
        for _ in range(runs):
            for name, env in envs.items():
                times[name].append(_seconds(queries[name], env))
            times["bare"].append(_seconds(bare, envs["query"]))
        costs = import_costs(queries["query"][len(command()) :], here)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    result = {
        "runs": runs,
        "query_s": statistics.median(times["query"]),
        "interpreter_s": statistics.median(times["bare"]),
        "query_min_s": min(times["query"]),
        "imports": costs,
    }
    if against is not None:
        result["baseline_s"] = statistics.median(times["baseline"])
    return result


def _import_times(code: str, checkout: Path) -> list[tuple[str, int, int, bool]]:
    """``python -X importtime -c code`` run in ``checkout`` (``-c`` puts the working folder
    first on the path): ``(name, own us, cumulative us, top level)`` rows."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        check=True,
        capture_output=True,
        text=True,
        env=environment(checkout),
        cwd=checkout,
    )
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, cumulative, name = line.removeprefix("import time:").split("|")
        rows.append((name.strip(), int(own), int(cumulative), not name.startswith("   ")))
    return rows


def import_costs(
    argv: list[str], checkout: Path, top: int = 10, runs: int = 5
) -> list[tuple[str, int, int]]:
    """The ``top`` modules the command ``argv`` of ``checkout`` spends longest importing, by
    their own time:
    ``(name, own microseconds, cumulative microseconds)``, each the least of ``runs`` runs
    (the machine is shared). The first row, ``(all)``, is every import the command adds to an
    empty interpreter's: ``timeline.cli`` and what its command imports when it runs."""
    code = (
        "import contextlib, io, sys\nfrom timeline.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    sys.exit(main({argv!r}))"
    )
    at_start = {row[0] for row in _import_times("pass", checkout)}
    own: dict[str, int] = {}
    cumulative: dict[str, int] = {}
    whole = sys.maxsize
    for _ in range(runs):
        rows = _import_times(code, checkout)
        whole = min(whole, sum(c for n, _, c, top_level in rows if top_level and n not in at_start))
        for name, mine, total, _ in rows:
            own[name] = min(own.get(name, sys.maxsize), mine)
            cumulative[name] = min(cumulative.get(name, sys.maxsize), total)
    ranked = sorted(own, key=lambda n: -own[n])[:top]
    return [("(all)", 0, whole), *((n, own[n], cumulative[n]) for n in ranked)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.startup", description=__doc__)
    parser.add_argument("--runs", type=int, default=15, help="timed runs (default 15)")
    parser.add_argument(
        "--against", type=Path, metavar="DIR", help="a baseline checkout to alternate with"
    )
    args = parser.parse_args(argv)
    result = startup(args.runs, args.against)
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
    if args.against is not None:
        baseline = result["baseline_s"]
        print(
            f"{args.against}: median {baseline:.3f} s, alternating; this checkout takes"
            f" {query / baseline:.2f}x its time"
        )
    if editable():
        print(
            "note: the project is installed editable in this environment, whose import hook"
            " every start here pays and a user's `pip install .` does not; measure 17.2 in an"
            " environment with `pip install .` (see BENCHMARKS.md)"
        )
    print("\npython -X importtime of the query, the ten longest (own time, least of 5 runs):")
    for name, own, cumulative in result["imports"]:
        print(f"  {own / 1000:6.1f} ms own {cumulative / 1000:7.1f} ms with imports  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
