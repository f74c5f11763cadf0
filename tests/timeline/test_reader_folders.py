"""Finding documents in folders: every file found; an unreadable folder refused, not skipped."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from events import DocumentError
from timeline.cli import main
from timeline.facade import Timeline
from timeline.reading.reader import find_documents

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
FIRST, SECOND = "000_4893be50dab6b177.txt", "001_a5e1d87718910845.txt"


@pytest.fixture
def nested(tmp_path: Path) -> Path:
    """``d/`` holding one seed, ``d/sub/`` another, and files that are not documents."""
    folder = tmp_path / "d"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(SEEDS / FIRST, folder)
    shutil.copy(SEEDS / SECOND, folder / "sub")
    (folder / ".hidden.txt").write_text("not read", encoding="utf-8")
    (folder / "notes.csv").write_text("not read", encoding="utf-8")
    return folder


def _unreadable(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make listing ``folder`` fail as ``chmod 000`` does for a user who is not root."""
    scandir = os.scandir

    def refusing(path: Any = ".") -> Any:
        if Path(os.fsdecode(path)) == folder:
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)


def test_folders_are_searched_recursively(nested: Path) -> None:
    """Documents in a folder and its sub-folders are found, sorted; hidden and other files not."""
    assert find_documents([nested]) == [nested / FIRST, nested / "sub" / SECOND]


def test_an_unreadable_sub_folder_is_an_error_naming_it(
    nested: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sub-folder that cannot be listed raises a one-line DocumentError naming it."""
    _unreadable(monkeypatch, nested / "sub")
    with pytest.raises(DocumentError) as raised:
        find_documents([nested])
    assert raised.value.path == str(nested / "sub")
    assert "Permission denied" in str(raised.value)
    assert "\n" not in str(raised.value)


def test_an_unreadable_top_folder_is_an_error_naming_it(
    nested: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder named itself, when it cannot be listed, is refused the same way."""
    _unreadable(monkeypatch, nested)
    with pytest.raises(DocumentError, match="Permission denied") as raised:
        find_documents([nested])
    assert raised.value.path == str(nested)


def test_ingest_of_an_unreadable_folder_fails_and_writes_nothing(
    nested: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``timeline ingest`` exits 1 with one line naming the folder; no store is created, and an
    existing one is left as it was."""
    _unreadable(monkeypatch, nested / "sub")
    store = tmp_path / "t.db"
    assert main(["ingest", str(nested), "--db", str(store)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert str(nested / "sub") in err
    assert not store.exists()
    with Timeline.open(store) as timeline:
        timeline.ingest(SEEDS / "002_702d53c0cbc2473f.txt")
        before = len(timeline.store)
        with pytest.raises(DocumentError):
            timeline.ingest(nested)
        assert len(timeline.store) == before
    assert main(["ingest", str(nested), "--db", str(store)]) == 1
    with Timeline.open(store) as timeline:
        assert len(timeline.store) == before


def test_a_path_that_cannot_be_examined_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An OSError while looking at a named path (``/proc/1/cwd`` as a user) is a DocumentError."""
    target = tmp_path / "guarded"

    def refusing(self: Path, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "stat", refusing)
    with pytest.raises(DocumentError, match="Permission denied") as raised:
        find_documents([target])
    assert raised.value.path == str(target)
    monkeypatch.undo()
    store = tmp_path / "t.db"
    monkeypatch.setattr(Path, "stat", refusing)
    status = main(["ingest", str(target), "--db", str(store)])
    monkeypatch.undo()
    assert status == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert str(target) in err
    assert not store.exists()


def test_proc_1_cwd(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``timeline ingest /proc/1/cwd``, where the system refuses it, is one line and exit 1."""
    try:
        os.stat("/proc/1/cwd")
    except PermissionError:
        pass
    else:
        pytest.skip("/proc/1/cwd is readable here")
    store = tmp_path / "t.db"
    assert main(["ingest", "/proc/1/cwd", "--db", str(store)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "/proc/1/cwd" in err
    assert "Traceback" not in err
    assert not store.exists()
