"""What ``timeline verify`` reports after the one thing users must not do: delete the WAL file.

A writer's committed events wait in ``timeline.db-wal`` until a checkpoint copies them into the
file. Deleting that file while a writer has the store open, then killing the writer, loses them.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from timeline.cli import main

ROOT = Path(__file__).resolve().parents[2]
NEW_DOCUMENT = ROOT / "tests" / "timeline" / "documents" / "sheffield_ilacs_2023.txt"

# Ingests one document, prints the chain head, then waits to be killed with the store open.
_WRITER = """
import sys, time
from timeline.facade import Timeline
timeline = Timeline.open(sys.argv[1])
timeline.ingest(sys.argv[2])
print(timeline.store.head(), flush=True)
time.sleep(60)
"""


def test_deleting_the_wal_then_killing_the_writer_loses_its_events(
    tmp_path: Path, corpus_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The events left verify as a sound, shorter chain; only the recorded head shows the loss."""
    db = Path(shutil.copy(corpus_store, tmp_path / "t.db"))
    assert main(["verify", "--db", str(db)]) == 0
    before = capsys.readouterr().out
    with subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(db), str(NEW_DOCUMENT)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    ) as writer:
        try:
            assert writer.stdout is not None
            head = writer.stdout.readline().strip()
            assert Path(f"{db}-wal").stat().st_size > 0
            os.unlink(f"{db}-wal")  # what users must not do
        finally:
            writer.send_signal(signal.SIGKILL)
            writer.wait()
    assert main(["verify", "--db", str(db)]) == 0
    assert capsys.readouterr().out == before  # the document's events are gone, silently
    assert main(["verify", "--db", str(db), "--expect-head", head]) == 1
    assert "the chain no longer holds head" in capsys.readouterr().err


def test_verify_names_a_damaged_file_in_one_line(
    tmp_path: Path, corpus_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A page overwritten (as a checkpoint cut short can leave one) is one line and exit 1."""
    db = Path(shutil.copy(corpus_store, tmp_path / "t.db"))
    size = db.stat().st_size
    with db.open("r+b") as f:
        f.seek(size // 2 // 4096 * 4096)
        f.write(b"\xa5" * 4096)
    capsys.readouterr()
    assert main(["verify", "--db", str(db)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"{db}: the store's file is damaged")
    assert "malformed" in err[0]
