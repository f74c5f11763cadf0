"""Tamper evidence: raw edits behind the library's back are named by verify; SQL edits are refused.

``tests/timeline/test_cli.py::test_verify_detects_tampering`` already pins one edit (a grade
replaced in a record); these cover the other ways a row can be altered, removed or forged.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import attrs
import pytest

from events import AnyEvent, SQLiteStore
from events.canonical import canonical_json
from events.decoding import decode_canonical
from timeline.cli import main

# The store under attack holds the whole corpus; rows are picked from its middle.
SEQ = 200

Tamper = Callable[[sqlite3.Connection], int]


# Every column of a row, in table order after ``seq``; rows hold the event's canonical JSON.
COLUMNS = ("id", "kind", "subject", "record", "chain")
RECORD = COLUMNS.index("record")


def _row(raw: sqlite3.Connection, seq: int) -> tuple[Any, ...]:
    row = raw.execute(f"SELECT {', '.join(COLUMNS)} FROM events WHERE seq = ?", (seq,)).fetchone()
    assert row is not None
    return tuple(row)


def _forged(raw: sqlite3.Connection, seq: int) -> AnyEvent:
    """The event at ``seq`` moved to another subject, with its id recomputed."""
    return attrs.evolve(decode_canonical(_row(raw, seq)[RECORD]), subject="Elsewhere")


def _edit_quote(raw: sqlite3.Connection) -> int:
    record = json.loads(_row(raw, SEQ)[RECORD])
    record["source"]["quote"] = record["source"]["quote"].replace("e", "a", 1)
    raw.execute("UPDATE events SET record = ? WHERE seq = ?", (json.dumps(record), SEQ))
    return SEQ


def _rewrite_consistently(raw: sqlite3.Connection) -> int:
    """A forger who changes the subject and recomputes the event's id, leaving the chain."""
    forged = _forged(raw, SEQ)
    raw.execute(
        "UPDATE events SET record = ?, id = ?, subject = ? WHERE seq = ?",
        (canonical_json(forged), forged.id, forged.subject, SEQ),
    )
    return SEQ


def _edit_chain(raw: sqlite3.Connection) -> int:
    raw.execute("UPDATE events SET chain = ? WHERE seq = ?", ("0" * 64, SEQ))
    return SEQ


def _edit_subject_column(raw: sqlite3.Connection) -> int:
    """The indexed subject column, which ``read_subject`` filters on, moved to another authority."""
    raw.execute("UPDATE events SET subject = 'Elsewhere' WHERE seq = ?", (SEQ,))
    return SEQ


def _edit_kind_column(raw: sqlite3.Connection) -> int:
    raw.execute("UPDATE events SET kind = 'correction_made' WHERE seq = ?", (SEQ,))
    return SEQ


def _delete_middle(raw: sqlite3.Connection) -> int:
    raw.execute("DELETE FROM events WHERE seq = ?", (SEQ,))
    # The next row's chain was computed from the deleted one.
    return SEQ + 1


def _swap_rows(raw: sqlite3.Connection) -> int:
    first, second = _row(raw, SEQ), _row(raw, SEQ + 1)
    assignments = ", ".join(f"{c} = ?" for c in COLUMNS)
    for seq, row in ((SEQ, second), (SEQ + 1, first)):
        raw.execute(
            f"UPDATE events SET {assignments} WHERE seq = ?", (f"swap-{row[0]}", *row[1:], seq)
        )
    for seq, row in ((SEQ, second), (SEQ + 1, first)):
        raw.execute("UPDATE events SET id = ? WHERE seq = ?", (row[0], seq))
    return SEQ


def _append_forged(raw: sqlite3.Connection) -> int:
    """A well-formed event appended with a made-up chain value."""
    forged = _forged(raw, SEQ)
    (last,) = raw.execute("SELECT MAX(seq) FROM events").fetchone()
    row = dict(zip(COLUMNS, _row(raw, SEQ), strict=True))
    row.update(id=forged.id, subject="Elsewhere", record=canonical_json(forged), chain="f" * 64)
    raw.execute(
        f"INSERT INTO events ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
        tuple(row.values()),
    )
    return int(last) + 1


TAMPERS: dict[str, Tamper] = {
    "quote edited": _edit_quote,
    "record rewritten with a matching id": _rewrite_consistently,
    "chain value edited": _edit_chain,
    "subject column edited": _edit_subject_column,
    "kind column edited": _edit_kind_column,
    "row deleted from the middle": _delete_middle,
    "two rows swapped": _swap_rows,
    "forged row appended": _append_forged,
}


@pytest.mark.parametrize("tamper", TAMPERS.values(), ids=TAMPERS.keys())
def test_verify_names_first_tampered_event(
    store_copy: Path, tamper: Tamper, capsys: pytest.CaptureFixture[str]
) -> None:
    """A raw sqlite3 edit (triggers dropped) is caught: verify names exactly the first bad #seq."""
    with closing(SQLiteStore(store_copy)) as store:
        assert store.verify() == []
    with sqlite3.connect(store_copy) as raw:
        raw.execute("DROP TRIGGER events_no_update")
        raw.execute("DROP TRIGGER events_no_delete")
        bad = tamper(raw)
    with closing(SQLiteStore(store_copy)) as store:
        problems = store.verify()
    assert problems
    assert problems[0].startswith(f"event #{bad} "), problems
    capsys.readouterr()
    assert main(["verify", "--db", str(store_copy)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert f"event #{bad} " in err[0]


REFUSED = {
    "UPDATE": "UPDATE events SET record = record || ' ' WHERE seq = 5",
    "UPDATE of a column outside the chain": "UPDATE events SET subject = 'Elsewhere'",
    "DELETE": "DELETE FROM events WHERE seq = 5",
    "DELETE of every row": "DELETE FROM events",
    "INSERT OR REPLACE on seq": (
        "INSERT OR REPLACE INTO events (seq, id, kind, subject, record, chain) "
        "SELECT seq, 'x', kind, subject, record, chain FROM events WHERE seq = 5"
    ),
    "REPLACE on id": (
        "REPLACE INTO events (id, kind, subject, record, chain) "
        "SELECT id, kind, 'Elsewhere', record, chain FROM events WHERE seq = 5"
    ),
    "upsert": (
        "INSERT INTO events (id, kind, subject, record, chain) "
        "SELECT id, kind, subject, record, chain FROM events WHERE seq = 5 "
        "ON CONFLICT (id) DO UPDATE SET subject = 'Elsewhere'"
    ),
    "UPDATE of the schema version": "UPDATE meta SET value = '99' WHERE key = 'schema'",
    "DELETE of the schema version": "DELETE FROM meta",
    "REPLACE of the schema version": "REPLACE INTO meta VALUES ('schema', '99')",
}


@pytest.mark.parametrize("sql", REFUSED.values(), ids=REFUSED.keys())
def test_sql_that_changes_stored_rows_is_refused(store_copy: Path, sql: str) -> None:
    """With the schema's triggers in place, raw SQL that alters or removes a row raises."""
    before = _dump(store_copy)
    with sqlite3.connect(store_copy) as raw, pytest.raises(sqlite3.DatabaseError, match="refused"):
        raw.execute(sql)
    assert _dump(store_copy) == before
    with closing(SQLiteStore(store_copy)) as store:
        assert store.verify() == []


def _dump(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as raw:
        return (
            raw.execute("SELECT * FROM events ORDER BY seq").fetchall()
            + raw.execute("SELECT * FROM meta ORDER BY key").fetchall()
        )
