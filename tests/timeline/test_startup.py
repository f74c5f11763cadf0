"""Start-up: a query imports only what it uses (checked in a fresh interpreter's sys.modules)."""

from __future__ import annotations

import enum
import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


class _Colour(enum.StrEnum):
    RED = "red"


_FLOATS = (
    st.floats()
    | st.floats(min_value=-1e-3, max_value=1e-3)
    | st.sampled_from(
        [1e-4, 1e-05, -9.99e-5, 1e16, 1e-10, 5e-324, 0.0, -0.0, 2.5, math.nan, math.inf, -math.inf]
    )
)
# What queries print: text keys, and scalars orjson and json may spell alike.
_PLAIN = st.recursive(
    st.none() | st.booleans() | st.integers() | _FLOATS | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(st.text(), inner, max_size=4)
    ),
    max_leaves=20,
)
# And what they never print, which json must still write as it does.
_ODD = st.sampled_from(
    ["\ud800", '\u2028\x7f\x00"\\', "ß‘’–…", _Colour.RED, 2**64, -(2**63) - 1, 2**70]
)
_KEYS = st.text() | st.integers(min_value=-5, max_value=5) | st.booleans() | st.none() | _FLOATS
_DATA = st.recursive(
    _PLAIN | _ODD,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=3),
    max_leaves=20,
)


@settings(max_examples=400)
@given(_PLAIN | _DATA)
def test_json_text_is_json_dumps(data: Any) -> None:
    """The fast JSON of ``--json`` is exactly ``json.dumps(indent=2, ensure_ascii=False)``, for
    any data: orjson writes it only where it spells everything the same way."""
    assert cli_options.json_text(data) == json.dumps(data, indent=2, ensure_ascii=False)


def test_json_text_of_every_query_is_json_dumps(store: Path) -> None:
    """On the seeds, each query's JSON is the same text ``json.dumps`` gives."""
    from timeline.facade import Timeline

    with Timeline.open(store) as timeline:
        answers: list[Any] = [
            timeline.state_at("2024").to_dict(),
            timeline.state_at("2019", "2024").to_dict(),
            timeline.diff("2016", "2024").to_dict(),
            [c.to_dict() for c in timeline.conflicts()],
            [h.to_dict() for h in timeline.history("overall_effectiveness")],
            timeline.england("2024").to_dict(),
        ]
    for answer in answers:
        assert cli_options.json_text(answer) == json.dumps(answer, indent=2, ensure_ascii=False)
