"""What ``Timeline.ingest`` takes as paths: one path or many, and a TimelineError for the rest."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from events import DocumentError, TimelineError
from timeline import ingest
from timeline.facade import Timeline
from timeline.reading.reader import Reading

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
FIRST = sorted(SEEDS.glob("*.txt"))[0]


class _BytesPath:
    """A path object whose ``__fspath__`` gives bytes."""

    def __fspath__(self) -> bytes:
        return os.fsencode(str(SEEDS))


def test_an_absolute_file_path_string_is_that_file() -> None:
    """``ingest("/abs/file.txt")`` reads that one file."""
    with Timeline.open(":memory:") as timeline:
        done = timeline.ingest(str(FIRST))
    assert [d.reading.file_name for d in done] == [FIRST.name]


def test_an_absolute_folder_string_never_walks_from_the_root(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``ingest("/abs/folder")`` reads that one folder, never "/" or single letters."""
    asked: list[list[Path]] = []
    read_documents = ingest.read_documents

    def recording(paths: Sequence[Path], jobs: int = 1) -> Iterator[Reading]:
        asked.append([Path(p) for p in paths])
        return read_documents(asked[-1], jobs)

    monkeypatch.setattr(ingest, "read_documents", recording)
    with Timeline.open(":memory:") as timeline:
        done = timeline.ingest(str(SEEDS))
    assert asked == [[SEEDS]]
    assert sorted(d.reading.file_name for d in done) == sorted(p.name for p in SEEDS.glob("*.txt"))


@pytest.mark.parametrize(
    "bad",
    [None, b"/abs/seeds", os.fsencode(str(SEEDS)), memoryview(b"seeds"), _BytesPath()],
    ids=["None", "bytes", "absolute-bytes", "memoryview", "bytes-fspath"],
)
def test_none_and_bytes_are_a_timeline_error_naming_the_argument(
    bad: object, tmp_path: Path
) -> None:
    """None and bytes (however wrapped) are a one-line TimelineError carrying the argument, not a
    raw TypeError, and nothing is written."""
    store = tmp_path / "t.db"
    with Timeline.open(store) as timeline:
        with pytest.raises(TimelineError) as caught:
            timeline.ingest(bad)  # type: ignore[arg-type]
        assert len(timeline.store) == 0
    assert isinstance(caught.value, DocumentError)
    assert not isinstance(caught.value, TypeError)
    assert caught.value.value is bad
    assert repr(bad) in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_bad_entry_among_paths_is_refused_before_anything_is_read(tmp_path: Path) -> None:
    """A list holding a good path and None is refused whole: the good one is not appended."""
    with Timeline.open(tmp_path / "t.db") as timeline:
        with pytest.raises(DocumentError, match="None"):
            timeline.ingest([str(FIRST), None])  # type: ignore[list-item]
        assert len(timeline.store) == 0
