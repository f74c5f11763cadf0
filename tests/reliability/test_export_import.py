"""``timeline export`` and ``timeline import``: JSON Lines out, and back in all-or-nothing."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from events import AnyEvent, SQLiteStore
from timeline.cli import main
from timeline.facade import Timeline


def _events(db: Path) -> list[AnyEvent]:
    with closing(SQLiteStore(db)) as store:
        return list(store.read())


def test_export_then_import_reproduces_the_store(
    tmp_path: Path,
    corpus_store: Path,
    corpus_events: tuple[AnyEvent, ...],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Exported events imported into a new store are the same events, in order, chain intact."""
    out = tmp_path / "events.jsonl"
    assert main(["export", "--db", str(corpus_store), "--out", str(out)]) == 0
    assert f"exported {len(corpus_events)} event(s)" in capsys.readouterr().out
    assert [p.name for p in tmp_path.iterdir()] == ["events.jsonl"]
    copy = tmp_path / "copy.db"
    assert main(["import", str(out), "--db", str(copy)]) == 0
    assert f"{len(corpus_events)} new event(s)" in capsys.readouterr().out
    assert _events(copy) == list(corpus_events)
    assert main(["verify", "--db", str(copy)]) == 0
    assert main(["import", str(out), "--db", str(copy)]) == 0
    assert "0 new event(s)" in capsys.readouterr().out
    with Timeline.open(copy) as a, Timeline.open(corpus_store) as b:
        assert a.state_at("2024") == b.state_at("2024")


def test_export_to_stdout_is_only_json_lines(
    corpus_store: Path, corpus_events: tuple[AnyEvent, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --out, stdout holds one JSON record per event and the count goes to stderr."""
    capsys.readouterr()
    assert main(["export", "--db", str(corpus_store)]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == len(corpus_events)
    assert [json.loads(line)["id"] for line in lines] == [e.id for e in corpus_events]
    assert captured.err.strip() == f"exported {len(corpus_events)} event(s) from {corpus_store}"


def _lines(text: str) -> list[str]:
    return text.splitlines()


def _garble_middle(text: str) -> bytes:
    lines = _lines(text)
    lines[5] = lines[5][:-10]
    return "\n".join(lines).encode()


def _alter_a_record(text: str) -> bytes:
    lines = _lines(text)
    record = json.loads(lines[5])
    record["event"]["subject"] = "Elsewhere"
    lines[5] = json.dumps(record)
    return "\n".join(lines).encode()


def _newer_schema(text: str) -> bytes:
    lines = _lines(text)
    record = json.loads(lines[5])
    record["schema"] = 99
    lines[5] = json.dumps(record)
    return "\n".join(lines).encode()


def _not_utf8(text: str) -> bytes:
    lines = _lines(text)
    return "\n".join(lines[:5]).encode() + b"\n\xff" + "\n".join(lines[5:]).encode()


def _not_an_object(text: str) -> bytes:
    lines = _lines(text)
    lines[5] = "[1, 2, 3]"
    return "\n".join(lines).encode()


BAD_IMPORTS: dict[str, tuple[Callable[[str], bytes], str]] = {
    "cut line": (_garble_middle, "not valid JSON"),
    "altered record": (_alter_a_record, "does not match its content"),
    "newer schema record": (_newer_schema, "schema version 99"),
    "not UTF-8": (_not_utf8, "not UTF-8"),
    "not an object": (_not_an_object, "must be an object"),
}


@pytest.mark.parametrize(("spoil", "message"), BAD_IMPORTS.values(), ids=BAD_IMPORTS.keys())
def test_bad_line_refuses_the_whole_import(
    tmp_path: Path,
    corpus_store: Path,
    spoil: Callable[[str], bytes],
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """One bad line (the sixth) refuses every line: one-line error naming file:6, nothing added."""
    out = tmp_path / "events.jsonl"
    assert main(["export", "--db", str(corpus_store), "--out", str(out)]) == 0
    out.write_bytes(spoil(out.read_text(encoding="utf-8")))
    db = tmp_path / "t.db"
    capsys.readouterr()
    assert main(["import", str(out), "--db", str(db)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert f"{out}:6: " in err[0]
    assert message in err[0]
    # Decoding fails before the store is opened, or inside the one append transaction.
    if db.exists():
        with sqlite3.connect(db) as raw:
            assert raw.execute("SELECT COUNT(*) FROM events").fetchone() == (0,)


def test_missing_files_are_one_line_errors(
    tmp_path: Path, corpus_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Import of a missing file, export of a missing store or into a missing folder: exit 1."""
    nowhere = tmp_path / "no" / "e.jsonl"
    cases = [
        (["import", str(tmp_path / "none.jsonl"), "--db", str(tmp_path / "t.db")], "none.jsonl"),
        (["export", "--db", str(tmp_path / "none.db")], "no timeline store here"),
        (["export", "--db", str(corpus_store), "--out", str(nowhere)], "e.jsonl"),
    ]
    for argv, message in cases:
        capsys.readouterr()
        assert main(argv) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1
        assert message in err[0]
    assert not (tmp_path / "none.db").exists()


def test_import_adds_to_a_store_without_duplicating(
    tmp_path: Path, corpus: Path, corpus_store: Path, corpus_events: tuple[AnyEvent, ...]
) -> None:
    """Importing into a store that holds some of the events appends only the missing ones."""
    out = tmp_path / "events.jsonl"
    assert main(["export", "--db", str(corpus_store), "--out", str(out)]) == 0
    db = tmp_path / "t.db"
    with Timeline.open(db) as timeline:
        timeline.ingest(sorted(corpus.glob("*.txt"))[40:])
    before = _events(db)
    assert main(["import", str(out), "--db", str(db)]) == 0
    stored = _events(db)
    assert stored[: len(before)] == before
    assert len(stored) == len(corpus_events)
    assert {e.id for e in stored} == {e.id for e in corpus_events}
    with closing(SQLiteStore(db)) as store:
        assert store.verify() == []


def _spoil_sixth(change: Callable[[dict[str, Any]], None]) -> Callable[[str], bytes]:
    """A spoiler that applies ``change`` to the sixth record (a judgement or finding)."""

    def spoil(text: str) -> bytes:
        lines = _lines(text)
        record = json.loads(lines[5])
        change(record)
        lines[5] = json.dumps(record)
        return "\n".join(lines).encode()

    return spoil


def _set_source_start(value: object) -> Callable[[dict[str, Any]], None]:
    def change(record: dict[str, Any]) -> None:
        record["event"]["source"]["start"] = value

    return change


STRICT_IMPORTS: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "unknown top-level field": (
        lambda r: r.update(comment="checked by hand"),
        "record has no field 'comment' (a record has only schema, kind, id, event)",
    ),
    "schema true": (lambda r: r.update(schema=True), "no valid schema version: True"),
    "source start as text": (
        _set_source_start("x"),
        "source.start: expected a whole number, not 'x'",
    ),
    "source start as a numeral": (
        _set_source_start("12"),
        "source.start: expected a whole number, not '12'",
    ),
    "source field missing": (
        lambda r: r["event"]["source"].pop("quote"),
        "source.quote: missing",
    ),
    "unknown source field": (
        lambda r: r["event"]["source"].update(page=3),
        "source.page: no such field",
    ),
    "source not an object": (
        lambda r: r["event"].update(source="p. 3"),
        "source: a source must be an object, not 'p. 3'",
    ),
}


@pytest.mark.parametrize(("change", "message"), STRICT_IMPORTS.values(), ids=STRICT_IMPORTS.keys())
def test_import_refuses_what_it_would_drop_or_bend_naming_the_field(
    tmp_path: Path,
    corpus_store: Path,
    change: Callable[[dict[str, Any]], None],
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An unknown field, ``"schema": true`` or a bad source is refused: file:line, field, reason."""
    out = tmp_path / "events.jsonl"
    assert main(["export", "--db", str(corpus_store), "--out", str(out)]) == 0
    out.write_bytes(_spoil_sixth(change)(out.read_text(encoding="utf-8")))
    db = tmp_path / "t.db"
    capsys.readouterr()
    assert main(["import", str(out), "--db", str(db)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"timeline: error: {out}:6: ")
    assert message in err[0]
    assert "While structuring" not in err[0]
    assert "sub-exception" not in err[0]
    if db.exists():
        with sqlite3.connect(db) as raw:
            assert raw.execute("SELECT COUNT(*) FROM events").fetchone() == (0,)
