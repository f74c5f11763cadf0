"""Schema evolution: stores written by older code still read the same.

A committed store written at schema version 1 reads as the same events and state; stores whose
subjects older readers spelled their own way ("Windsor & Maidenhead") read under the authority
register's names, and otherwise the same.
"""

from __future__ import annotations

import itertools
import json
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from reliability.fixtures.make_v1_store import DOCUMENTS, RETIRED, RETIRED_SUBJECTS, STORE

from events import (
    SCHEMA_VERSION,
    AnyEvent,
    Area,
    DocumentRecorded,
    Grade,
    JudgementIssued,
    MemoryStore,
    PartialDate,
    Period,
    Source,
    SQLiteStore,
    decode,
    encode,
)
from events.codec import UPCASTERS
from projections import EMPTY
from timeline.cli import main
from timeline.facade import Timeline
from timeline.register import Register
from timeline.report import build_report

ROOT = Path(__file__).resolve().parents[2]
# Dates around and between the documents' (2017-08 to 2023-11), to compare states and diffs at.
DATES = ("2017-01-01", "2017-09-01", "2019-06", "2020", "2022-03-01", "2022-12", "2023-06", "2024")
SEED_SUBJECT = "Buckinghamshire"
# A register that knows no authority: every subject keeps the name its events hold.
NO_REGISTER = Register([])


@pytest.fixture
def old_store(tmp_path: Path) -> Path:
    """A copy of the committed store: opening it may add triggers, never to the original."""
    return Path(shutil.copy(STORE, tmp_path / "v1.db"))


def test_fixture_is_a_version_1_store() -> None:
    """The committed store says schema version 1 in its metadata and in every record."""
    with sqlite3.connect(f"file:{STORE}?mode=ro", uri=True) as raw:
        assert raw.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == ("1",)
        versions = {json.loads(r)["schema"] for (r,) in raw.execute("SELECT record FROM events")}
    assert versions == {1}


def test_upcasters_reach_the_current_version() -> None:
    """There is one upcaster for every version older than the current one."""
    assert set(UPCASTERS) == set(range(1, SCHEMA_VERSION))


def test_version_1_store_reads_as_the_events_it_holds(old_store: Path) -> None:
    """Its events decode (upcast) and verify, and every answer from the old file equals the
    answer from the same events held in memory: the layout and schema change nothing.

    A fresh ingestion of the seeds is compared on what the reader's improvements since have not
    changed, the seeds' grades: findings and recommendations are read better now, and an old
    store keeps what was read then (the log is append-only; re-ingesting appends the new).
    """
    with closing(SQLiteStore(old_store)) as store:
        assert store.verify() == []
        held = list(store.read())
    assert main(["verify", "--db", str(old_store)]) == 0
    assert all(decode(encode(e)) == e for e in held)
    seeds = {Path(name).name for name in DOCUMENTS}
    memory = MemoryStore()
    memory.append(held)
    with (
        Timeline.open(old_store) as old,
        Timeline(memory) as same,
        Timeline.open(":memory:") as fresh,
    ):
        fresh.ingest([ROOT / name for name in DOCUMENTS])
        assert [e.id for e in old.events()] == [e.id for e in held]
        retired = {Path(name).name for name in RETIRED}
        assert {e.source.file_name for e in old.events()} == seeds | retired
        assert _records(old.events()) - retired == _records(fresh.events()) == seeds
        for date in DATES:
            state = old.state_at(date, subject=SEED_SUBJECT)
            assert state.to_dict() == same.state_at(date, subject=SEED_SUBJECT).to_dict(), date
            then = state.subjects.get(SEED_SUBJECT, EMPTY).judgements
            now = fresh.state_at(date).subjects.get(SEED_SUBJECT, EMPTY).judgements
            assert {k: v.summary() for k, v in then.items()} == {
                k: v.summary() for k, v in now.items()
            }, date
        for before, after in itertools.pairwise(DATES):
            assert (
                old.diff(before, after, subject=SEED_SUBJECT).to_dict()
                == same.diff(before, after, subject=SEED_SUBJECT).to_dict()
            )
        assert [c.to_dict() for c in old.conflicts()] == [c.to_dict() for c in same.conflicts()]


def _facts(events: list[AnyEvent]) -> set[str]:
    """The ids of the events that are not document records."""
    return {e.id for e in events if not isinstance(e, DocumentRecorded)}


def _records(events: list[AnyEvent]) -> set[str]:
    """The file names of the documents recorded."""
    return {e.source.file_name for e in events if isinstance(e, DocumentRecorded)}


def test_version_1_store_state_is_not_renamed(old_store: Path) -> None:
    """Opened through the register, the store answers exactly as with no register at all: its
    seed subject already has the register's name and the invented ones stay as written."""
    with Timeline.open(old_store) as named, Timeline.open(old_store, register=NO_REGISTER) as raw:
        assert named.index.subjects == raw.index.subjects == [SEED_SUBJECT, *RETIRED_SUBJECTS]
        for date in DATES:
            assert named.state_at(date).to_dict() == raw.state_at(date).to_dict(), date
        for before, after in itertools.pairwise(DATES):
            assert named.diff(before, after).to_dict() == raw.diff(before, after).to_dict()
        assert [c.to_dict() for c in named.conflicts()] == [c.to_dict() for c in raw.conflicts()]


def test_version_1_store_takes_new_appends(old_store: Path, corpus: Path) -> None:
    """The current code appends to the old store and the chain stays whole across the boundary."""
    with Timeline.open(old_store) as timeline:
        before = len(timeline)
        timeline.ingest(sorted(corpus.glob("*.txt"))[:2])
        assert len(timeline) > before
    with closing(SQLiteStore(old_store)) as store:
        assert store.verify() == []


def _grade(subject: str, published: str, grade: Grade) -> JudgementIssued:
    """A first-hand overall grade as an older reader wrote it, ``subject`` spelled its way."""
    text = f"Overall effectiveness {grade.label}"
    return JudgementIssued(
        subject=subject,
        valid=Period.of(published),
        known=PartialDate.parse(published),
        source=Source.from_text(
            text, 0, len(text), document_id=published * 3, file_name=f"{published}.txt"
        ),
        area=Area.OVERALL_EFFECTIVENESS,
        wording="Overall effectiveness",
        grade=grade,
    )


def _renamed(subjects: dict[str, object], renames: dict[str, str]) -> dict[str, object]:
    return {renames.get(name, name): state for name, state in subjects.items()}


@pytest.mark.parametrize(
    "written", ["Windsor & Maidenhead", "Royal Borough of Windsor and Maidenhead"]
)
def test_old_spelling_reads_under_the_register_name(tmp_path: Path, written: str) -> None:
    """A store whose events spell the subject an older way reads under the register's name,
    found by any spelling in any case; the state is otherwise the one the events give, and the
    events themselves keep the name they were written with."""
    path = tmp_path / "old.db"
    with closing(SQLiteStore(path)) as store:
        store.append(
            [
                _grade(written, "2019-03-01", Grade.REQUIRES_IMPROVEMENT),
                _grade(written, "2023-02-01", Grade.GOOD),
                _grade("Bradford", "2022-06-01", Grade.INADEQUATE),
            ]
        )
    with Timeline.open(path) as named, Timeline.open(path, register=NO_REGISTER) as raw:
        assert named.index.subjects == ["Bradford", "Windsor and Maidenhead"]
        for date in DATES:
            assert named.state_at(date).to_dict()["subjects"] == _renamed(
                raw.state_at(date).to_dict()["subjects"], {written: "Windsor and Maidenhead"}
            )
        for asked in ("windsor and maidenhead", "Windsor & Maidenhead", written):
            state = named.state_at("2024", subject=asked)
            assert list(state.subjects) == ["Windsor and Maidenhead"]
            assert state.grade("Windsor and Maidenhead", Area.OVERALL_EFFECTIVENESS) is Grade.GOOD
        assert {e.subject for e in named.events()} == {written, "Bradford"}
        expected = raw.diff("2020", "2024", subject=written).to_dict()
        for change in expected["changes"]:
            change["subject"] = "Windsor and Maidenhead"
        assert named.diff("2020", "2024", subject="windsor and maidenhead").to_dict() == expected
        assert len(expected["changes"]) == 1
        # The event listing and the report find the old spelling under the register's name too.
        listed = named.events(subject="Windsor and Maidenhead")
        assert [e.subject for e in listed] == [written, written]
        page = build_report(named, "2018", "2024", subject="windsor & maidenhead")
        assert "Windsor and Maidenhead" in page
        assert page.count("Overall effectiveness") >= 2


def test_spellings_of_one_authority_become_one_subject(tmp_path: Path) -> None:
    """Older readers wrote one authority as "Hull" and "Kingston upon Hull City": both are one
    subject under the register's name, where the later report's grade replaces the earlier one."""
    path = tmp_path / "old.db"
    with closing(SQLiteStore(path)) as store:
        store.append([_grade("Hull", "2018-11-01", Grade.INADEQUATE)])
        store.append([_grade("Kingston upon Hull City", "2022-10-01", Grade.GOOD)])
    with Timeline.open(path) as timeline:
        assert timeline.index.subjects == ["Kingston upon Hull"]
        area = Area.OVERALL_EFFECTIVENESS
        assert timeline.state_at("2020").grade("Kingston upon Hull", area) is Grade.INADEQUATE
        assert timeline.state_at("2023").grade("Kingston upon Hull", area) is Grade.GOOD
        (change,) = timeline.diff("2020", "2023", subject="Hull").changes
        assert (change.subject, change.key) == ("Kingston upon Hull", area.value)
