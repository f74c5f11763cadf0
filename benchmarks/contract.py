"""The store contract's cost (issue 16.0): cold load and ``state_at``, before and after, one run.

``python -m benchmarks.contract --baseline REF [--events N]`` checks REF out into a temporary
worktree, builds the same synthetic store with each version's own code, opens each once (the
first open files every event and keeps the filing), then opens each cold from its kept filing
and times ``state_at`` on the same subjects and dates, the two versions taking turns so that
the machine's load falls on both alike. Prints the medians and the ratios after/before.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["main"]

ROOT = Path(__file__).resolve().parents[1]

# Run with the working directory at a version's tree (``-c`` puts it first on sys.path), so
# each version is measured with its own code; only public names both versions have are used.
_BUILD = """
import json, sys
from benchmarks.measure import append
print(json.dumps(append(**json.loads(sys.argv[1]))))
"""
_OPEN = """
import json, random, sys, time
args = json.loads(sys.argv[1])
start = time.perf_counter()
from timeline import Timeline
timeline = Timeline.open(args["path"])
load = time.perf_counter() - start
rng = random.Random(args["seed"])
subjects = sorted(timeline.index.subjects)
ms = []
for _ in range(args["queries"]):
    subject = rng.choice(subjects)
    at = f"{rng.randint(2010, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    begin = time.perf_counter()
    timeline.state_at(at, subject=subject)
    ms.append((time.perf_counter() - begin) * 1000)
print(json.dumps({"load": load, "ms": ms, "saved": timeline.index.saved_rows,
                  "events": len(timeline)}))
"""


def _run(tree: Path, code: str, **kwargs: Any) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", code, json.dumps(kwargs)],
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"measurement in {tree} failed:\n{done.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def compare(baseline: str, events: int, seed: int, queries: int, rounds: int) -> str:
    """The report: each version's first open, cold loads and ``state_at`` medians."""
    with tempfile.TemporaryDirectory(prefix="timeline-contract-") as tmp:
        base = Path(tmp) / "base"
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(base), baseline],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        try:
            trees = {"before": base, "after": ROOT}
            for name, tree in trees.items():
                print(f"building {events:,} events with {name}'s code", file=sys.stderr)
                _run(tree, _BUILD, events=events, seed=seed, path=f"{tmp}/{name}.db", batch=10_000)
            first = {name: _run(tree, _OPEN, path=f"{tmp}/{name}.db", seed=seed, queries=0)
                     for name, tree in trees.items()}  # fmt: skip
            loads: dict[str, list[float]] = {name: [] for name in trees}
            medians: dict[str, list[float]] = {name: [] for name in trees}
            for turn in range(rounds):
                for name, tree in trees.items():
                    print(f"round {turn + 1}: {name}", file=sys.stderr)
                    got = _run(tree, _OPEN, path=f"{tmp}/{name}.db", seed=seed, queries=queries)
                    assert got["saved"] == got["events"], f"{name} did not open from its filing"
                    loads[name].append(got["load"])
                    medians[name].append(statistics.median(got["ms"]))
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(base)], cwd=ROOT, check=False
            )
    opened = {name: result["load"] for name, result in first.items()}
    load = {name: statistics.median(values) for name, values in loads.items()}
    state = {name: statistics.median(values) for name, values in medians.items()}
    lines = [
        f"store contract, {events:,} events, baseline {baseline}, {rounds} rounds taking turns",
        "| measurement | before | after | after / before |",
        "|---|---|---|---|",
        f"| first open (files every event, keeps the filing) | {opened['before']:.2f} s"
        f" | {opened['after']:.2f} s | {opened['after'] / opened['before']:.2f}× |",
        f"| cold load from the kept filing | {load['before']:.2f} s | {load['after']:.2f} s"
        f" | {load['after'] / load['before']:.2f}× |",
        f"| state_at median, {queries} queries a round | {state['before']:.2f} ms"
        f" | {state['after']:.2f} ms | {state['after'] / state['before']:.2f}× |",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.contract", description=__doc__)
    parser.add_argument("--baseline", required=True, help="the commit to compare against")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    print(compare(args.baseline, args.events, args.seed, args.queries, args.rounds))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
