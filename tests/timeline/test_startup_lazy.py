"""Start-up: the packages and the command line import each part when it is first used, and
everything is still there, the same objects, when asked for."""

from __future__ import annotations

import ast
import calendar
import importlib
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from events import AnyEvent, SQLiteStore
from events.dates import _is_leap
from projections import index
from timeline import tables_csv
from timeline.cli import cli, main
from timeline.facade import Timeline
from timeline.register import Register
from timeline.reorganisations import packaged

ROOT = Path(__file__).resolve().parents[2]
LAZY = ("events", "projections", "timeline")


def _run(code: str) -> list[str]:
    """What ``code`` prints (a JSON list) in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return list(json.loads(done.stdout.splitlines()[-1]))


def _checked_imports(package: str) -> dict[str, str]:
    """Each name the package's ``if TYPE_CHECKING:`` block imports, and the module it is from."""
    tree = ast.parse((ROOT / package / "__init__.py").read_text(encoding="utf-8"))
    found = {}
    for node in tree.body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom)
                assert statement.module is not None
                found.update((alias.name, statement.module) for alias in statement.names)
    return found


@pytest.mark.parametrize("package", ["events", "projections"])
def test_importing_a_package_imports_none_of_its_modules(package: str) -> None:
    """``import events`` and ``import projections`` load no module of theirs until a name is
    asked for, beyond ``events.lazy``, the few lines that do the asking."""
    code = f"import json, sys, {package}\nprint(json.dumps(sorted(sys.modules)))"
    loaded = [m for m in _run(code) if m.startswith(package + ".")]
    assert [m for m in loaded if m != "events.lazy"] == []


@pytest.mark.parametrize("package", LAZY)
def test_the_typed_imports_are_the_lazy_ones(package: str) -> None:
    """What mypy sees (the ``TYPE_CHECKING`` imports) is what a lookup imports, name for name,
    and every public name has a home."""
    module = importlib.import_module(package)
    assert _checked_imports(package) == module._NAMES.home
    assert sorted(module._NAMES.home) == sorted(module.__all__)


@pytest.mark.parametrize("package", LAZY)
def test_every_public_name_is_its_modules_object(package: str) -> None:
    """Each public name is the very object its module defines, and ``dir()`` lists it."""
    module = importlib.import_module(package)
    for name, home in _checked_imports(package).items():
        assert getattr(module, name) is getattr(importlib.import_module(home), name), name
        assert name in dir(module)
    with pytest.raises(AttributeError, match=f"module '{package}' has no attribute 'nothing'"):
        _ = module.nothing


def test_a_function_named_as_its_module_stays_the_function() -> None:
    """``projections.history`` and ``projections.weaknesses`` are functions, as they were when
    the package imported everything, even when their modules are imported first by name."""
    code = (
        "import json, types\n"
        "from projections.weaknesses import STATUSES\n"
        "import projections.history\n"
        "import projections\n"
        "from projections import history, weaknesses\n"
        "names = [history, weaknesses, projections.history, projections.weaknesses]\n"
        "print(json.dumps([type(f).__name__ for f in names]))"
    )
    assert _run(code) == ["function"] * 4


def test_from_import_of_every_name_works_in_a_fresh_interpreter() -> None:
    """``from package import *`` gives every public name of each package."""
    code = (
        "import json\n"
        "from events import *\nfrom projections import *\nfrom timeline import *\n"
        "import events, projections, timeline\n"
        "names = [*events.__all__, *projections.__all__, *timeline.__all__]\n"
        "print(json.dumps([n for n in names if n not in globals()]))"
    )
    assert _run(code) == []


def test_every_command_is_listed_and_runs_its_help(capsys: pytest.CaptureFixture[str]) -> None:
    """The commands kept in other modules are listed, in order, and load when run."""
    names = cli.list_commands(None)  # type: ignore[arg-type]
    assert names == sorted(names)
    assert {"england", "movements", "compare", "themes", "init-db", "state"} <= set(names)
    for name in names:
        assert main([name, "--help"]) == 0
        assert f"Usage: timeline {name}" in capsys.readouterr().out


def test_a_mistyped_command_suggests_the_ones_not_yet_loaded(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A typo of a command kept elsewhere is still recognised as one ("did you mean")."""
    assert main(["englnd"]) == 2
    assert "Did you mean 'england'" in capsys.readouterr().err


def test_reorganisations_are_read_when_first_asked_for() -> None:
    """A timeline reads the packaged reorganisations only when asked for; given ones are kept."""
    with Timeline.open() as timeline:
        assert timeline._reorganisations is None
        assert timeline.reorganisations == packaged()
    with Timeline.open() as timeline:
        given = Timeline(timeline.store, reorganisations=packaged()[:1])
        assert given.reorganisations == packaged()[:1]


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "t.db"
    assert main(["ingest", str(ROOT / "seeds"), "--db", str(path), "--quiet"]) == 0
    return path


def _answers(path: Path) -> list[object]:
    with Timeline.open(path) as timeline:
        return [
            timeline.state_at("2024").to_dict(),
            timeline.state_at("2019", "2024", subject="buckinghamshire").to_dict(),
            timeline.diff("2016", "2024").to_dict(),
            [c.to_dict() for c in timeline.conflicts()],
            [h.to_dict() for h in timeline.history("overall_effectiveness")],
            [e.id for e in timeline.index],
        ]


def test_a_small_store_is_queried_without_reading_events_again(
    seeds_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store of at most ``HOLD_UP_TO`` events is read once, at open: its queries decode no
    event a second time, and answer as an index reading them when needed does."""
    read: list[int] = []
    original = SQLiteStore.read_positions

    def counted(self: SQLiteStore, positions: Sequence[int]) -> list[AnyEvent]:
        read.extend(positions)
        return original(self, positions)

    monkeypatch.setattr(SQLiteStore, "read_positions", counted)
    held = _answers(seeds_store)
    assert read == []
    monkeypatch.setattr(index, "HOLD_UP_TO", 0)
    assert _answers(seeds_store) == held
    assert read


def test_a_query_imports_no_archive_reader_or_spelling_matcher(seeds_store: Path) -> None:
    """``timeline state`` finds the register's file without ``importlib.resources`` (and the
    archive modules it brings) and answers a known subject without ``difflib``."""
    query = ["state", "--at", "2024", "--json", "--subject", "Buckinghamshire"]
    code = (
        "import json, sys\n"
        "from timeline.cli import main\n"
        f"main({[*query, '--db', str(seeds_store)]!r})\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    loaded = set(_run(code))
    assert "timeline.register" in loaded
    assert not loaded & {"importlib.resources", "zipfile", "difflib"}


def test_a_packaged_table_read_from_an_archive_is_the_same_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Where the package's data are not files (imported from an archive), ``data_file`` takes
    them through ``importlib.resources``, and the register read is the same."""
    with tables_csv.data_file("authorities.csv") as path:
        assert path == Path(tables_csv.__file__).resolve().parent / "data" / "authorities.csv"
        in_place = path.read_bytes()
    monkeypatch.setattr(tables_csv, "_DATA", tmp_path / "nowhere")
    with tables_csv.data_file("authorities.csv") as path:
        assert path.read_bytes() == in_place
    assert [a.name for a in Register.default.__wrapped__(Register)] == [
        a.name for a in Register.default()
    ]


@given(st.integers(min_value=-10_000, max_value=10_000))
def test_the_leap_rule_is_the_calendars(year: int) -> None:
    """``events.dates`` spells out ``calendar.isleap`` rather than importing calendar."""
    assert _is_leap(year) == calendar.isleap(year)
