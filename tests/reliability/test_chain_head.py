"""A chain head kept outside the store catches what the chain alone cannot: lost newest events."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from timeline.cli import main

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _head(capsys: pytest.CaptureFixture[str], db: Path) -> str:
    capsys.readouterr()
    assert main(["verify", "--db", str(db)]) == 0
    found = re.search(r"head (\d+:[0-9a-f]{64})", capsys.readouterr().out)
    assert found is not None
    return found.group(1)


def test_recorded_head_survives_appends(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A head recorded earlier is still in the chain after more documents are appended."""
    db = tmp_path / "t.db"
    assert main(["ingest", str(SEEDS / "000_4893be50dab6b177.txt"), "--db", str(db), "-q"]) == 0
    head = _head(capsys, db)
    assert main(["ingest", str(SEEDS / "003_1601c32a02956228.txt"), "--db", str(db), "-q"]) == 0
    assert _head(capsys, db) != head
    assert main(["verify", "--db", str(db), "--expect-head", head]) == 0
    # The hash alone, as earlier versions printed it, is looked for along the chain.
    assert main(["verify", "--db", str(db), "--expect-head", head.split(":")[1]]) == 0


def test_truncation_is_caught_by_the_recorded_head(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Deleting the newest events leaves a sound chain, but not the head recorded before."""
    db = tmp_path / "t.db"
    assert main(["ingest", str(SEEDS), "--db", str(db), "-q"]) == 0
    head = _head(capsys, db)
    with sqlite3.connect(db) as raw:
        raw.execute("DROP TRIGGER events_no_delete")
        raw.execute("DELETE FROM events WHERE seq > (SELECT MAX(seq) - 10 FROM events)")
    assert main(["verify", "--db", str(db)]) == 0  # the shorter chain is still consistent
    capsys.readouterr()
    assert main(["verify", "--db", str(db), "--expect-head", head]) == 1
    err = capsys.readouterr().err
    assert "no longer holds head" in err
    assert len(err.strip().splitlines()) == 1
    assert main(["verify", "--db", str(db), "--expect-head", head.split(":")[1]]) == 1
