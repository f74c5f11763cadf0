"""Start-up: a query imports only what it uses (checked in a fresh interpreter's sys.modules)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import timeline
from timeline import cli_options, render
from timeline.cli import main

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

# What only reading documents, drawing tables or writing reports needs.
_HEAVY = ("rich", "deepdiff", "pypdfium2", "timeline.render", "timeline.keys", "timeline.labels")
_REPORTS = ("timeline.report", "timeline.boundaries")
# What only other commands need: the national views and their projections, the diff, the
# conflicts, histories, ingesting (and the reorganisations it appends), PostgreSQL.
_OTHER_COMMANDS = (
    "timeline.cli_england",
    "timeline.cli_db",
    "timeline.ingest",
    "timeline.reorganisations",
    "projections.national",
    "projections.weaknesses",
    "projections.conflicts",
    "projections.diff",
    "projections.history",
    "projections.lineage",
    "events.postgres",
    "psycopg",
)


def _modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``code``."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def _unwanted(modules: set[str]) -> list[str]:
    return sorted(
        m
        for m in modules
        if any(m == h or m.startswith(h + ".") for h in _HEAVY)
        or m.startswith(_REPORTS)
        or m.startswith("timeline.reading")
    )


def _other_commands(modules: set[str]) -> list[str]:
    return sorted(
        m for m in modules if any(m == o or m.startswith(o + ".") for o in _OTHER_COMMANDS)
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small store: the seeds."""
    path = tmp_path_factory.mktemp("store") / "t.db"
    assert main(["ingest", str(SEEDS), "--db", str(path), "--quiet"]) == 0
    return path


def test_importing_the_package_imports_no_module_of_it() -> None:
    """``import timeline`` defers every public name until it is asked for."""
    modules = _modules_after("import timeline")
    assert sorted(m for m in modules if m.startswith("timeline.")) == []


def test_importing_the_command_line_leaves_out_the_reader_tables_and_reports() -> None:
    """``import timeline.cli`` does not import the reader, rich, deepdiff, the labels or the
    reports."""
    assert _unwanted(_modules_after("import timeline.cli")) == []


def test_a_json_query_leaves_out_the_reader_tables_and_reports(store: Path) -> None:
    """``timeline state --json`` answers without importing what only tables and ingest use."""
    code = (
        "import contextlib, io\nfrom timeline.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['state', '--at', '2024', '--json', '--db', {str(store)!r}]) == 0"
    )
    modules = _modules_after(code)
    assert _unwanted(modules) == []
    assert _other_commands(modules) == []


def test_importing_the_command_line_leaves_out_the_other_commands() -> None:
    """``import timeline.cli`` registers every command without importing what they run."""
    assert _other_commands(_modules_after("import timeline.cli")) == []


def test_every_public_name_is_there_when_asked_for() -> None:
    """The lazily imported names are the same objects as their modules', listed by dir()."""
    from timeline.facade import Timeline
    from timeline.reading.reader import read_file

    assert timeline.Timeline is Timeline
    assert timeline.read_file is read_file
    for name in timeline.__all__:
        assert getattr(timeline, name) is not None
        assert name in dir(timeline)
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = timeline.nothing  # type: ignore[attr-defined]


def test_json_output_and_formats_are_the_renderers(capsys: pytest.CaptureFixture[str]) -> None:
    """The command line prints JSON as ``render.to_json`` does and offers its formats."""
    assert cli_options.FORMATS == render.FORMATS
    data = {"subject": "Bracknell Forest – ‘Good’", "grades": [1, 2], "none": None}
    cli_options.output("json", False, lambda: data, lambda: None)
    assert capsys.readouterr().out == render.to_json(data) + "\n"
