"""The benchmark's SQLite-alone baseline inserts exactly the rows our store writes."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from benchmarks.baselines import sqlite_alone
from benchmarks.corpus import synthetic_events
from events import SQLiteStore


def test_sqlite_alone_inserts_the_rows_the_store_wrote(tmp_path: Path) -> None:
    """Each baseline table holds exactly the store's rows, and the schema copy verifies."""
    path = str(tmp_path / "alone.db")
    result = sqlite_alone(events=600, seed=3, path=path, batch=250)

    assert result["events"] == 600
    # The copy in our schema is a store in its own right: chained, ids matching records.
    copy = SQLiteStore(f"{path}.schema")
    try:
        assert copy.verify() == []
        assert [e.id for e in copy.read()] == [e.id for e in synthetic_events(600, seed=3)]
    finally:
        copy.close()
    columns = "id, kind, subject, record, chain"
    tables = []
    for name in (path, f"{path}.bare", f"{path}.unsynced"):
        with contextlib.closing(sqlite3.connect(name)) as db:
            tables.append(db.execute(f"SELECT {columns} FROM events ORDER BY seq").fetchall())
    assert tables[0] == tables[1] == tables[2]
