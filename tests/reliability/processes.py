"""Running the library in child processes, from this checkout whether installed or not."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

__all__ = ["ROOT", "WORKER", "child_env", "run_cli"]

ROOT = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).with_name("worker.py")


def child_env() -> dict[str, str]:
    """The environment for a child Python: this checkout first on its path."""
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{path}" if path else str(ROOT)}


def run_cli(cwd: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """``python -m timeline.cli ARGV`` in ``cwd``, its output captured."""
    return subprocess.run(
        [sys.executable, "-m", "timeline.cli", *argv],
        cwd=cwd,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
