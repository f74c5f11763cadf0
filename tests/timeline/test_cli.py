"""The ``timeline`` command through its real entry point: each command, JSON output, errors."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from timeline.cli import main

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store with the seeds ingested through the command line."""
    path = tmp_path_factory.mktemp("cli") / "timeline.db"
    assert main(["ingest", str(SEEDS), "--db", str(path), "--quiet"]) == 0
    return str(path)


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> object:
    capsys.readouterr()
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_ingest_reports_each_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Ingest prints one line per document with kind, subject, date and counts, then a total."""
    store = tmp_path / "t.db"
    assert main(["ingest", str(SEEDS), "--db", str(store)]) == 0
    out = capsys.readouterr().out
    assert (
        "002_702d53c0cbc2473f.txt: inspection report, Buckinghamshire, published 2018-01-29" in out
    )
    assert "12 judgements" in out
    assert out.strip().splitlines()[-1].startswith("5 document(s),")
    assert main(["ingest", str(SEEDS), "--db", str(store)]) == 0
    assert "0 new event(s)" in capsys.readouterr().out


def test_diff_reads_as_verdict_groups(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The diff groups keys by verdict and quotes the document each rests on."""
    capsys.readouterr()
    assert main(["diff", "2018-02-01", "2022-03-01", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "What changed in Buckinghamshire, 2018-02-01 → 2022-03-01" in out
    improved = out.index("IMPROVED")
    assert out.index("Overall effectiveness (judgement)", improved) < out.index("REGRESSED")
    assert "inadequate (2018-01-29) → requires improvement (2022-02-11)" in out
    assert "UNCHANGED" in out
    assert "004_3c3f97e9af30c034.txt" in out


def test_diff_json_is_the_documented_shape(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """--json prints diff.to_dict(): from, to and changes with verdicts and evidence."""
    data = _json(capsys, ["diff", "2018-02-01", "2022-03-01", "--db", db, "--json"])
    assert isinstance(data, dict)
    assert (data["from"], data["to"]) == ("2018-02-01", "2022-03-01")
    change = next(c for c in data["changes"] if c["key"] == "overall_effectiveness")
    assert change["verdict"] == "improved"
    assert change["before"]["grade"] == "inadequate"
    assert change["after"]["grade"] == "requires_improvement"
    assert change["evidence"][0]["quote"]
    assert data == _json(
        capsys, ["diff", "2018-02-01", "2022-03-01", "--db", db, "--format", "json"]
    )


def test_diff_markdown(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """--format markdown gives a heading per verdict."""
    capsys.readouterr()
    assert main(["diff", "2014-09-01", "2018-02-01", "--db", db, "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# What changed in Buckinghamshire")
    assert "## Improved" in out
    assert "## Persisted" in out


def test_state_table_and_json(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """State shows grades with their dates; its JSON is state.to_dict()."""
    capsys.readouterr()
    assert main(["state", "--at", "2018-01-28", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Adoption performance" in out
    assert "requires improvement (2014-08)" in out
    data = _json(capsys, ["state", "--at", "2018-02-01", "--db", db, "--json"])
    assert isinstance(data, dict)
    grades = data["subjects"]["Buckinghamshire"]["judgements"]
    assert grades["adoption"]["grade"] == "good"
    known = _json(
        capsys, ["state", "--at", "2017-12-15", "--known-at", "2022-03-01", "--db", db, "--json"]
    )
    assert isinstance(known, dict)
    assert known["subjects"]["Buckinghamshire"]["judgements"]["adoption"]["grade"] == "good"


def test_history_and_suggestion(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """History lists a theme's events; a misspelt key gets 'did you mean'."""
    data = _json(capsys, ["history", "care_leavers_health_histories", "--db", db, "--json"])
    assert isinstance(data, list)
    assert {row["source"]["document"][:3] for row in data} >= {"000", "002", "003"}
    assert main(["history", "care_leavers_health_histores", "--db", db]) == 1
    err = capsys.readouterr().err
    assert "did you mean care_leavers_health_histories" in err
    assert len(err.strip().splitlines()) == 1


def test_history_reads_at_100_columns(
    db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a 100-column terminal no line overflows, no event name or level splits, and each
    quote's words run on at full width (never one word a line)."""
    monkeypatch.setenv("COLUMNS", "100")
    capsys.readouterr()
    assert main(["history", "care_leavers_health_histories", "--db", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert all(len(line.rstrip()) <= 100 for line in lines)
    heads = [line for line in lines if line[:4].isdigit()]
    entries = _json(capsys, ["history", "care_leavers_health_histories", "--db", db, "--json"])
    assert isinstance(entries, list)
    assert len(heads) == len(entries) > 5
    for head, entry in zip(heads, entries, strict=True):
        assert f"  {entry['subject']}  " in head
        assert head.split("  ")[2] in {"finding", "recommendation", "grade", "figure"}
    quoted = [
        line.rstrip()
        for line in lines
        if line.startswith("    ") and line.strip() and "known " not in line
    ]
    assert len(quoted) >= len(entries)
    # A wrapped quote fills each line but its last, to within a word of the width.
    for line, after in itertools.pairwise(quoted):
        if not line.endswith("”"):
            assert len(line) > 80, (line, after)


def test_events_and_conflicts(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Events filter by type and document; conflicts show the 2014 date disagreement."""
    events = _json(
        capsys,
        [
            "events",
            "--type",
            "judgement_issued",
            "--document",
            "004_3c3f97e9af30c034.txt",
            "--db",
            db,
            "--json",
        ],
    )
    assert isinstance(events, list)
    assert events
    assert {e["kind"] for e in events} == {"judgement_issued"}
    conflicts = _json(capsys, ["conflicts", "--db", db, "--json"])
    assert isinstance(conflicts, list)
    dated = [c for c in conflicts if "date" in c["about"] and c["key"] == "overall_effectiveness"]
    assert any(c["claims"][0]["known"] == "2014-08" for c in dated)
    capsys.readouterr()
    assert main(["conflicts", "--db", db]) == 0
    assert "June 2014" in capsys.readouterr().out


def test_verify_detects_tampering(
    tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Verify passes on a sound store and names the first altered event after a raw edit."""
    assert main(["verify", "--db", db]) == 0
    assert "intact" in capsys.readouterr().out
    copy = tmp_path / "copy.db"
    shutil.copy(db, copy)
    with sqlite3.connect(copy) as raw:
        raw.execute("DROP TRIGGER events_no_update")
        (seq,) = raw.execute(
            "SELECT seq FROM events WHERE kind = 'judgement_issued' ORDER BY seq LIMIT 1"
        ).fetchone()
        raw.execute(
            "UPDATE events SET record = replace(record, 'inadequate', 'good') WHERE seq = ?", (seq,)
        )
    assert main(["verify", "--db", str(copy)]) == 1
    assert f"event #{seq} " in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["state", "--at", "2018-13-45"], "cannot read date '2018-13-45'"),
        (["diff", "last year", "2022"], "FROM: cannot read date 'last year'"),
        (["ingest", "no/such/file.txt"], "no/such/file.txt: no such file or folder"),
        (["history", "overall_effectivenes"], "did you mean overall_effectiveness"),
    ],
)
def test_user_errors_are_one_line(
    db: str, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """A user error exits 1 with one line naming the bad input, and no traceback."""
    capsys.readouterr()
    assert main([*argv, "--db", db]) == 1
    err = capsys.readouterr().err.strip()
    assert message in err
    assert len(err.splitlines()) == 1
    assert "Traceback" not in err


def test_missing_and_empty_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Querying a missing store is an error and creates nothing; an empty one is an error too."""
    missing = tmp_path / "none.db"
    assert main(["diff", "2018", "2022", "--db", str(missing)]) == 1
    assert "no timeline store here" in capsys.readouterr().err
    assert not missing.exists()
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    assert main(["state", "--at", "2020", "--db", str(empty)]) == 1
    assert "empty" in capsys.readouterr().err


def test_bad_document_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder holding one unreadable file is refused whole: exit 1, nothing stored."""
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(SEEDS / "000_4893be50dab6b177.txt", folder)
    (folder / "broken.txt").write_bytes(b"\xff\xfe not text")
    store = tmp_path / "t.db"
    assert main(["ingest", str(folder), "--db", str(store)]) == 1
    err = capsys.readouterr().err
    assert "broken.txt" in err
    assert "UTF-8" in err
    assert not store.exists(), "a failed first ingest leaves no empty store behind"
    assert main(["ingest", str(SEEDS / "000_4893be50dab6b177.txt"), "--db", str(store), "-q"]) == 0
    before = sqlite3.connect(store).execute("SELECT COUNT(*) FROM events").fetchone()[0]
    assert main(["ingest", str(folder), "--db", str(store)]) == 1
    after = sqlite3.connect(store).execute("SELECT COUNT(*) FROM events").fetchone()[0]
    assert before == after


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    """Unknown commands and options are usage errors: exit 2."""
    assert main(["frobnicate"]) == 2
    assert main(["diff", "2018"]) == 2
    assert main(["state", "--at", "2018", "--format", "xml"]) == 2


def test_console_script_runs(tmp_path: Path) -> None:
    """The installed entry point runs as a process and exits 0."""
    result = subprocess.run(
        [sys.executable, "-m", "timeline.cli", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "diff" in result.stdout


def test_report_writes_one_html_file(
    tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`timeline report FROM TO --out` writes one self-contained HTML file."""
    out = tmp_path / "report.html"
    assert main(["report", "2014-09-01", "2022-03-01", "--out", str(out), "--db", db]) == 0
    assert f"wrote {out}" in capsys.readouterr().out
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert 'id="grades-chart"' in html
    assert "<script src" not in html
    assert main(["report", "2014-09-01", "2022-03-01", "--out", str(tmp_path), "--db", db]) == 2


def _front_page(authority: str, extra: str = "") -> str:
    return (
        f"Inspection of {authority} local authority children's services\n"
        "Inspection dates: 7 to 18 March 2022\n"
        "Judgement Grade\n"
        f"Overall effectiveness Good\n{extra}"
    )


@pytest.fixture
def dated_four_ways(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Four documents dated by their text, a manifest, their file name and their PDF's date."""
    fpdf = pytest.importorskip("fpdf")
    # Wide enough that no line or table cell wraps in the middle of what is asserted.
    monkeypatch.setenv("COLUMNS", "400")
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "york.txt").write_text(
        _front_page("York", "Report published: 9 May 2022\n"), encoding="utf-8"
    )
    (folder / "wakefield.txt").write_text(_front_page("Wakefield"), encoding="utf-8")
    (folder / "manifest.toml").write_text('["wakefield.txt"]\npublished = "2022-05-10"\n')
    (folder / "leeds 2022-05-11.txt").write_text(_front_page("Leeds"), encoding="utf-8")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in _front_page("Sheffield").splitlines():
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_creation_date(dt.datetime(2022, 5, 6, 16, 30, tzinfo=dt.UTC))
    pdf.output(str(folder / "sheffield.pdf"))
    return folder


def test_ingest_says_where_a_date_came_from_unless_the_text(
    dated_four_ways: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each document's line names its date's source, except for a date its text prints."""
    assert main(["ingest", str(dated_four_ways), "--db", str(tmp_path / "t.db")]) == 0
    lines = {line.split(":")[0]: line for line in capsys.readouterr().out.splitlines()}
    assert "published 2022-05-09 — " in lines["york.txt"]
    assert "(from" not in lines["york.txt"]
    assert "published 2022-05-10 (from the manifest) — " in lines["wakefield.txt"]
    assert "published 2022-05-11 (from the file name) — " in lines["leeds 2022-05-11.txt"]
    assert "published 2022-05-06 (from the PDF's creation date) — " in lines["sheffield.pdf"]


def test_events_and_report_show_where_a_date_came_from(
    dated_four_ways: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`timeline events` (table and JSON) and the HTML report name each document date's source."""
    db = str(tmp_path / "t.db")
    assert main(["ingest", str(dated_four_ways), "--db", db, "--quiet"]) == 0
    records = _json(capsys, ["events", "--type", "document_recorded", "--db", db, "--json"])
    assert isinstance(records, list)
    sources = {r["event"]["file_name"]: r["event"]["date_source"] for r in records}
    assert sources == {
        "york.txt": "text",
        "wakefield.txt": "manifest",
        "leeds 2022-05-11.txt": "file_name",
        "sheffield.pdf": "pdf_metadata",
    }
    capsys.readouterr()
    assert main(["events", "--type", "document_recorded", "--db", db]) == 0
    table = capsys.readouterr().out
    for shown in (
        "2022-05-09 (from the text)",
        "2022-05-10 (from the manifest)",
        "2022-05-11 (from the file name)",
        "2022-05-06 (from the PDF's creation date)",
    ):
        assert shown in table
    out = tmp_path / "report.html"
    argv = ["report", "2022-01-01", "2022-12-31", "--out", str(out), "--db", db]
    assert main([*argv, "--subject", "Leeds"]) == 0
    page = out.read_text(encoding="utf-8")
    assert '<span class="doc-date">11 May 2022 (from the file name)</span>' in page
    assert main([*argv, "--subject", "Sheffield"]) == 0
    page = out.read_text(encoding="utf-8")
    assert "6 May 2022 (from the PDF&#x27;s creation date)" in page
    assert main([*argv, "--subject", "York"]) == 0
    page = out.read_text(encoding="utf-8")
    assert '<span class="doc-date">9 May 2022</span>' in page
    assert "(from the" not in page


def test_diff_refuses_dates_in_the_wrong_order(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`diff FROM TO` with FROM after TO is a one-line user error naming both dates."""
    capsys.readouterr()
    assert main(["diff", "2022-03-01", "2018-02", "--db", db]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert "FROM 2022-03-01 is after TO 2018-02" in captured.err
    assert "timeline diff 2018-02 2022-03-01" in captured.err


def test_diff_takes_equal_first_days_in_either_precision(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A day and the month or year starting on it are not out of order: both mean that day."""
    capsys.readouterr()
    assert main(["diff", "2018-01-01", "2018", "--db", db, "--json"]) == 0
    assert main(["diff", "2018-01", "2018-01-01", "--db", db, "--json"]) == 0
