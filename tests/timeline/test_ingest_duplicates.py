"""The same document under another name is stored once; a failed append names what was stored."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pdfs import write_pdf

from events import AnyEvent, StoreError
from timeline import Timeline
from timeline.reading.files import load_text

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
THEME = "care_leavers_accommodation"


def _seeds_with_a_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "downloads"
    shutil.copytree(SEEDS, folder)
    shutil.copy(next(SEEDS.glob("000_*.txt")), folder / "copy.txt")
    return folder


def _counts(timeline: Timeline) -> dict[str, int]:
    state = timeline.state_at("2022-03-01", subject="Buckinghamshire").to_dict()
    counts: dict[str, int] = state["subjects"]["Buckinghamshire"]["themes"][THEME]["counts"]
    return counts


def test_a_copy_under_another_name_adds_nothing(tmp_path: Path) -> None:
    """The issue's case: the seeds plus a copy of 000 store what the seeds alone store."""
    with Timeline.open() as plain, Timeline.open() as copied:
        plain.ingest(SEEDS)
        done = copied.ingest(_seeds_with_a_copy(tmp_path))
        assert len(copied) == len(plain)
        assert _counts(copied) == _counts(plain)
        copy = next(d for d in done if d.reading.file_name == "copy.txt")
        assert copy.new == 0
        assert (copy.same_as or "").startswith("000_")


def test_a_copy_ingested_later_adds_nothing(tmp_path: Path) -> None:
    """A copy arriving in a later run is recognised from the store, not only within a run."""
    with Timeline.open(tmp_path / "t.db") as timeline:
        timeline.ingest(SEEDS)
    copy = tmp_path / "renamed.txt"
    shutil.copy(next(SEEDS.glob("000_*.txt")), copy)
    with Timeline.open(tmp_path / "t.db") as timeline:
        before = len(timeline)
        [item] = timeline.ingest(copy)
        assert (item.new, len(timeline)) == (0, before)
        assert (item.same_as or "").startswith("000_")


def test_the_same_file_name_is_read_again(tmp_path: Path) -> None:
    """Under its own name a document is appended again: what was stored is a no-op, and what an
    improved reader now finds would be added."""
    with Timeline.open() as timeline:
        timeline.ingest(SEEDS)
        again = timeline.ingest(SEEDS)
        assert [d.same_as for d in again] == [None] * 5
        assert sum(d.new for d in again) == 0


def test_a_pdf_and_its_text_export_are_one_document(tmp_path: Path) -> None:
    """A PDF and a text file of the same text (whitespace aside) are one document."""
    lines = (
        "Wokingham Borough Council",
        "Inspection of children's social care services",
        "Inspection dates: 14 January to 25 January 2019",
        "Report published: 12 March 2019",
        "Overall effectiveness Good",
        "Management oversight of children's plans is not always effective.",
    )
    report = write_pdf(tmp_path / "report.pdf", lines)
    export = tmp_path / "report export.txt"
    export.write_text("  ".join(load_text(report).split("\n")) + "\n", "utf-8")
    with Timeline.open() as timeline:
        first, second = timeline.ingest([report, export])
        assert first.new > 0
        assert (second.new, second.same_as) == (0, "report.pdf")


def test_a_store_error_names_the_documents_committed_before_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk on the third document: the one-line error says which two were stored."""
    with Timeline.open(tmp_path / "t.db") as timeline:
        real = timeline.store.append
        calls = []

        def append(events: list[AnyEvent]) -> list[AnyEvent]:
            calls.append(events)
            if len(calls) == 3:
                raise StoreError(
                    "cannot append to the store: database or disk is full", path="t.db"
                )
            return real(events)

        monkeypatch.setattr(timeline.store, "append", append)
        with pytest.raises(StoreError) as raised:
            timeline.ingest(SEEDS)
    message = str(raised.value)
    assert "\n" not in message
    assert "disk is full" in message
    assert "002_702d53c0cbc2473f.txt and any after it were not stored" in message
    assert "2 document(s) were committed before it: 000_" in message
    assert "001_a5e1d87718910845.txt" in message
