"""Bad input through the real command line: one line naming the file, exit 1, nothing written.

Unit-level checks of the same files live in ``tests/timeline/test_reading_text.py``
(``test_bad_files_are_refused``, ``test_pdf_is_read_and_corrupt_pdf_refused``,
``test_undated_document_is_refused``, ``test_manifest_entries_and_errors``); here each goes
through ``python -m timeline.cli`` in its own process, beside a good new document, into a store
that already holds events, so "nothing written" and "one line on stderr" are tested for real.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import fpdf
import pytest
from reliability.processes import child_env, run_cli

from events import SQLiteStore
from timeline.cli import main
from timeline.facade import Timeline

MB = 1024 * 1024


def _pdf(path: Path, *, password: str | None = None) -> None:
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in ("Wokingham Borough Council", "Report published: 12 March 2019"):
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    if password is not None:
        pdf.set_encryption(owner_password=password, user_password=password)
    pdf.output(str(path))


def _truncated_pdf(path: Path) -> None:
    _pdf(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _undated(path: Path) -> None:
    path.write_text(
        "Wokingham children's services improving, say inspectors\n\n"
        "Ofsted has said that children's services at Wokingham District Council are improving,"
        " although inspectors found that too many children wait too long for help.\n",
        encoding="utf-8",
    )


def _bad_manifest(path: Path) -> None:
    _undated(path.parent / "westmoor_news.txt")
    path.write_text('["westmoor_news.txt"]\npublished = "31 February 2020"\n', encoding="utf-8")


# file name -> how to make it; the error must name that file.
BAD: dict[str, Callable[[Path], object]] = {
    "empty.txt": lambda p: p.write_bytes(b""),
    "binary.txt": lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40),
    "latin1.txt": lambda p: p.write_bytes(
        "Wokingham Borough Council\n\nReport published: 12 March 2019\n\nCafé".encode("latin-1")
    ),
    "corrupt.pdf": lambda p: p.write_bytes(b"%PDF-1.4\n" + b"garbage " * 50),
    "truncated.pdf": _truncated_pdf,
    "encrypted.pdf": lambda p: _pdf(p, password="secret"),
    "undated.txt": _undated,
    "manifest.toml": _bad_manifest,
}
MESSAGES = {
    "empty.txt": "empty",
    "binary.txt": "binary",
    "latin1.txt": "not UTF-8",
    "corrupt.pdf": "cannot read the PDF",
    "truncated.pdf": "cannot read the PDF",
    "encrypted.pdf": "encrypted",
    "undated.txt": "no publication date",
    "manifest.toml": "published = '31 February 2020' is not valid",
}


@pytest.fixture(scope="module")
def base_store(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> Path:
    """A store already holding three corpus documents."""
    path = tmp_path_factory.mktemp("base") / "base.db"
    with Timeline.open(path) as timeline:
        timeline.ingest(sorted(corpus.glob("*.txt"))[:3])
    return path


def _snapshot(db: Path) -> list[tuple[object, ...]]:
    """Every row of the store, read without the library."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as raw:
        rows = raw.execute("SELECT * FROM events ORDER BY seq").fetchall()
        return rows + raw.execute("SELECT * FROM meta ORDER BY key").fetchall()


def _one_line_error(stderr: str, *expected: str) -> None:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("timeline: error: "), stderr
    for text in expected:
        assert text in lines[0], stderr


@pytest.mark.parametrize("name", BAD)
def test_bad_file_is_refused_whole(
    tmp_path: Path, corpus: Path, base_store: Path, name: str
) -> None:
    """A folder with one bad file beside a good new one: one-line error naming it, store as was."""
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(sorted(corpus.glob("*.txt"))[10], folder)
    BAD[name](folder / name)
    db = Path(shutil.copy(base_store, tmp_path / "t.db"))
    before = _snapshot(db)
    result = run_cli(tmp_path, "ingest", str(folder), "--db", str(db))
    assert result.returncode == 1
    _one_line_error(result.stderr, name, MESSAGES[name])
    assert "Traceback" not in result.stderr
    assert _snapshot(db) == before


def test_huge_text_file_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    """A 200 MB text file is refused by its size without being read: peak RSS stays far below."""
    big = tmp_path / "huge.txt"
    line = b"Wokingham Borough Council. Report published: 12 March 2019. Leaders act.\n"
    chunk = line * (MB // len(line) + 1)
    with big.open("wb") as fp:
        for _ in range(200):
            fp.write(chunk[:MB])
    assert big.stat().st_size == 200 * MB
    db = tmp_path / "t.db"
    # A parent process that only runs the command, so its children's peak is the command's.
    probe = (
        "import resource, subprocess, sys\n"
        "r = subprocess.run([sys.executable, '-m', 'timeline.cli', *sys.argv[1:]],"
        " capture_output=True, text=True)\n"
        "sys.stderr.write(r.stderr)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "sys.exit(r.returncode)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, "ingest", str(big), "--db", str(db)],
        cwd=tmp_path,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    _one_line_error(result.stderr, "huge.txt", "200 MB")
    peak_mb = int(result.stdout) / 1024  # ru_maxrss is in kilobytes on Linux
    assert peak_mb < 150, f"peak RSS {peak_mb:.0f} MB"
    with closing(SQLiteStore(db)) as store:
        assert len(store) == 0


def test_truncated_import_is_refused_whole(
    tmp_path: Path, corpus_store: Path, base_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A JSON Lines import whose last line is cut off appends nothing and names file and line."""
    export = tmp_path / "events.jsonl"
    assert main(["export", "--db", str(corpus_store), "--out", str(export)]) == 0
    text = export.read_text(encoding="utf-8")
    lines = text.splitlines()
    export.write_text("\n".join(lines[:-1]) + "\n" + lines[-1][: len(lines[-1]) // 2])
    db = Path(shutil.copy(base_store, tmp_path / "t.db"))
    before = _snapshot(db)
    capsys.readouterr()
    assert main(["import", str(export), "--db", str(db)]) == 1
    _one_line_error(capsys.readouterr().err, f"{export}:{len(lines)}:", "not valid JSON")
    assert _snapshot(db) == before


@pytest.fixture
def newer_store(tmp_path: Path, base_store: Path) -> Path:
    """A copy of a store whose metadata says a newer schema version (99) wrote it."""
    db = Path(shutil.copy(base_store, tmp_path / "newer.db"))
    with sqlite3.connect(db) as raw:
        raw.execute("DROP TRIGGER meta_no_update")
        raw.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    raw.close()
    return db


@pytest.mark.parametrize(
    "command",
    [
        ["ingest", "{doc}"],
        ["state", "--at", "2020"],
        ["verify"],
        ["export"],
        ["import", "{jsonl}"],
    ],
    ids=lambda argv: argv[0],
)
def test_store_from_newer_schema_is_refused(
    tmp_path: Path,
    corpus: Path,
    corpus_store: Path,
    newer_store: Path,
    command: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every command refuses a store written by a newer schema: one line, exit 1, no change."""
    jsonl = tmp_path / "events.jsonl"
    assert main(["export", "--db", str(corpus_store), "--out", str(jsonl)]) == 0
    doc = sorted(corpus.glob("*.txt"))[20]
    argv = [a.format(doc=doc, jsonl=jsonl) for a in command]
    before = _snapshot(newer_store)
    capsys.readouterr()
    assert main([*argv, "--db", str(newer_store)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    _one_line_error(captured.err, str(newer_store), "schema version 99")
    assert _snapshot(newer_store) == before
