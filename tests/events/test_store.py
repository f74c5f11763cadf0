"""The store contract, run against every backend, and what only the SQLite store promises."""

from __future__ import annotations

import io
import json
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    rule,
)
from strategies import SUBJECTS, primary_events

from events import (
    AnyEvent,
    Area,
    CodecError,
    EventStore,
    FindingRecorded,
    Grade,
    IntegrityError,
    JudgementIssued,
    MemoryStore,
    MetricObserved,
    PartialDate,
    Period,
    Polarity,
    SchemaVersionError,
    Source,
    SQLiteStore,
    StoreError,
    encode,
    export_jsonl,
    import_jsonl,
    to_json,
)
from events.rows import join_about, split_about


def _events() -> list[AnyEvent]:
    """Distinct events of several kinds about two subjects, built by hand."""
    text = "Children's services are inadequate. At 33%, the rate remains high. Visits lapse."
    out: list[AnyEvent] = []
    for year, subject in enumerate(SUBJECTS * 3, start=2014):
        source = Source.from_text(text, 0, 34, document_id=f"{year:064d}", file_name=f"{year}.txt")
        common = {
            "subject": subject,
            "valid": Period.of(str(year)),
            "known": PartialDate(year, 6),
            "source": source,
        }
        out.append(
            JudgementIssued(
                **common, area=Area.LEADERSHIP, wording="services are", grade=Grade.INADEQUATE
            )
        )
        out.append(
            MetricObserved(
                **common, metric="re_referral_rate", wording="rate", value=33, unit="percent"
            )
        )
        out.append(
            FindingRecorded(
                **common, text="Visits lapse.", themes=("visits",), polarity=Polarity.NEGATIVE
            )
        )
    return out


EVENTS, EXTRA = _events()[:8], _events()[8:]


def _open(backend: str, folder: Path) -> EventStore:
    return MemoryStore() if backend == "memory" else SQLiteStore(folder / "events.db")


@pytest.fixture(params=["memory", "sqlite"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def store(backend: str, tmp_path: Path) -> Iterator[EventStore]:
    with _open(backend, tmp_path) as opened:
        yield opened


# -- the contract, for every backend ---------------------------------------------------------


def test_append_returns_and_stores_the_batch_in_order(store: EventStore) -> None:
    """A batch is stored in the order given, and ``append`` returns what it stored."""
    assert store.append(EVENTS[:3]) == EVENTS[:3]
    assert store.append(iter(EVENTS[3:])) == EVENTS[3:]
    assert list(store.read()) == EVENTS
    assert len(store) == len(EVENTS)


def test_append_is_idempotent(store: EventStore) -> None:
    """Events already stored, or repeated in a batch, are skipped; only new ones are returned."""
    store.append(EVENTS[:2])
    assert store.append(EVENTS[:2]) == []
    assert store.append([EVENTS[2], EVENTS[0], EVENTS[2], EVENTS[3]]) == [EVENTS[2], EVENTS[3]]
    assert list(store.read()) == EVENTS[:4]


def test_empty_batch_stores_nothing(store: EventStore) -> None:
    """Appending nothing returns nothing and leaves the store empty."""
    assert store.append([]) == []
    assert store.append(iter(())) == []
    assert len(store) == 0
    assert list(store.read()) == []


def test_read_after_skips_the_first_events(store: EventStore) -> None:
    """``read(after=n)`` starts at the (n+1)th event in append order."""
    store.append(EVENTS)
    for n in range(len(EVENTS) + 2):
        assert list(store.read(after=n)) == EVENTS[n:]


def test_read_subject_keeps_append_order(store: EventStore) -> None:
    """``read_subject`` gives one subject's events in append order, and nothing for a stranger."""
    store.append(EVENTS[::-1])
    for subject in SUBJECTS:
        assert list(store.read_subject(subject)) == [
            e for e in EVENTS[::-1] if e.subject == subject
        ]
    assert list(store.read_subject("Atlantis")) == []


def test_len_and_contains_follow_appends(store: EventStore) -> None:
    """``len`` counts stored events and ``in`` finds them by id only."""
    store.append(EVENTS[:2])
    assert len(store) == 2
    assert EVENTS[0].id in store
    assert EVENTS[2].id not in store
    assert EVENTS[0] not in store  # an event object is not an id
    assert 42 not in store


def test_a_failing_batch_stores_nothing(store: EventStore) -> None:
    """A batch that fails part-way is not stored at all: one batch, one transaction."""

    def broken() -> Iterator[AnyEvent]:
        yield EVENTS[0]
        raise RuntimeError("reader crashed")

    with pytest.raises(RuntimeError, match="reader crashed"):
        store.append(broken())
    assert len(store) == 0
    assert store.append(EVENTS[:1]) == EVENTS[:1]


def test_json_lines_export_and_import_are_exact(
    store: EventStore, backend: str, tmp_path: Path
) -> None:
    """Exporting to JSON Lines and importing into an empty store gives the same log."""
    store.append(EVENTS)
    out = io.StringIO()
    assert export_jsonl(store, out) == len(EVENTS)
    assert out.getvalue().splitlines() == [to_json(e) for e in EVENTS]
    (tmp_path / "copy").mkdir()
    with _open(backend, tmp_path / "copy") as copy:
        assert import_jsonl(copy, io.StringIO(out.getvalue())) == EVENTS
        assert list(copy.read()) == EVENTS
        assert import_jsonl(copy, io.StringIO(out.getvalue())) == []


def test_import_with_a_truncated_last_line_appends_nothing(store: EventStore) -> None:
    """A JSON Lines file cut off mid-record raises CodecError and leaves the store unchanged."""
    store.append(EVENTS[:1])
    text = "".join(to_json(e) + "\n" for e in EVENTS[1:])
    with pytest.raises(CodecError, match=r"events\.jsonl:\d+: not valid JSON"):
        import_jsonl(store, io.StringIO(text[: len(text) - 30]), path="events.jsonl")
    assert list(store.read()) == EVENTS[:1]


# -- SQLite only -----------------------------------------------------------------------------


@pytest.fixture
def db(tmp_path: Path) -> Iterator[tuple[SQLiteStore, Path]]:
    path = tmp_path / "events.db"
    with SQLiteStore(path) as opened:
        opened.append(EVENTS)
        yield opened, path


def _raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE events SET subject = 'Kent'",
        "DELETE FROM events WHERE seq = 1",
        "DELETE FROM events",
        "UPDATE meta SET value = '0'",
        "DELETE FROM meta",
    ],
)
def test_sqlite_refuses_update_and_delete(db: tuple[SQLiteStore, Path], statement: str) -> None:
    """UPDATE and DELETE, even through a raw connection, are refused by triggers."""
    store, path = db
    raw = _raw(path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="refused"):
            raw.execute(statement)
    finally:
        raw.close()
    assert list(store.read()) == EVENTS
    assert store.verify() == []


def test_sqlite_survives_reopening(db: tuple[SQLiteStore, Path]) -> None:
    """A reopened store holds the same events and keeps a sound chain as it grows."""
    store, path = db
    store.close()
    with SQLiteStore(path) as again:
        assert list(again.read()) == EVENTS
        assert again.append(EVENTS) == []
        assert again.append(EXTRA) == EXTRA
        assert again.verify() == []


def _behind_the_store(path: Path, trigger: str, statement: str, *parameters: object) -> None:
    """Run ``statement`` through a raw connection after dropping the trigger that refuses it."""
    raw = _raw(path)
    try:
        raw.execute(f"DROP TRIGGER {trigger}")
        raw.execute(statement, parameters)
    finally:
        raw.close()


def _tamper(path: Path, seq: int, record: str) -> None:
    _behind_the_store(
        path, "events_no_update", "UPDATE events SET record = ? WHERE seq = ?", record, seq
    )


def test_verify_catches_a_row_edited_behind_the_store(db: tuple[SQLiteStore, Path]) -> None:
    """A record edited after its triggers were dropped fails ``verify`` and reading it."""
    store, path = db
    record = encode(EVENTS[1])
    record["event"]["subject"] = "Elsewhere"
    _tamper(path, 2, json.dumps(record, sort_keys=True))
    problems = store.verify()
    assert len(problems) == 1
    assert "#2" in problems[0]
    with pytest.raises(IntegrityError, match="#2"):
        list(store.read())


def test_reading_stops_at_a_row_deleted_from_the_middle(db: tuple[SQLiteStore, Path]) -> None:
    """Reading carries each row's chain value to the next, so a gap breaks the chain."""
    store, path = db
    _behind_the_store(path, "events_no_delete", "DELETE FROM events WHERE seq = 2")
    with pytest.raises(IntegrityError, match="#3 does not match the hash chain"):
        list(store.read())


def test_verify_catches_a_swapped_row_with_a_valid_id(db: tuple[SQLiteStore, Path]) -> None:
    """Replacing a row with another well-formed event still breaks the hash chain."""
    store, path = db
    _tamper(path, 1, to_json(EVENTS[2]))
    problems = store.verify()
    assert problems
    assert "hash chain" in problems[0]


def test_sqlite_store_from_a_newer_schema_is_refused(db: tuple[SQLiteStore, Path]) -> None:
    """Opening a store whose metadata says a newer schema raises SchemaVersionError."""
    store, path = db
    store.close()
    _behind_the_store(path, "meta_no_update", "UPDATE meta SET value = '99' WHERE key = 'schema'")
    with pytest.raises(SchemaVersionError, match="schema version 99") as caught:
        SQLiteStore(path)
    assert caught.value.path == str(path)


def test_opening_a_file_that_is_not_a_store_fails_cleanly(tmp_path: Path) -> None:
    """A file that is not SQLite, or a missing folder, raises StoreError naming the path."""
    junk = tmp_path / "notes.db"
    junk.write_text("not a database, just notes\n" * 100)
    with pytest.raises(StoreError, match="cannot open the store"):
        SQLiteStore(junk)
    with pytest.raises(StoreError, match="no folder"):
        SQLiteStore(tmp_path / "missing" / "events.db")


def test_two_writers_share_one_chain(db: tuple[SQLiteStore, Path]) -> None:
    """Two store objects on one file see each other's appends, and the chain stays sound."""
    store, path = db
    with SQLiteStore(path) as other:
        assert other.append(EXTRA[:1]) == EXTRA[:1]
        assert store.append(EXTRA) == EXTRA[1:]
        assert list(other.read()) == [*EVENTS, *EXTRA]
        assert other.verify() == []


# -- both backends driven alike ---------------------------------------------------------------


class StoresAgree(RuleBasedStateMachine):
    """Drives a memory store and a SQLite store with the same appends; they must agree."""

    events = Bundle("events")

    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        self.path = Path(self.folder.name) / "events.db"
        self.memory = MemoryStore()
        self.sqlite = SQLiteStore(self.path)

    @initialize(target=events, batch=st.lists(primary_events(), min_size=1, max_size=4))
    def first_batch(self, batch: list[AnyEvent]) -> object:
        assert self.memory.append(batch) == self.sqlite.append(batch)
        return multiple(*batch)

    @rule(target=events, batch=st.lists(primary_events(), max_size=4), again=st.lists(events))
    def append(self, batch: list[AnyEvent], again: list[AnyEvent]) -> object:
        mixed = [*again, *batch, *again]
        assert self.memory.append(mixed) == self.sqlite.append(mixed)
        return multiple(*batch)

    @rule()
    def reopen(self) -> None:
        self.sqlite.close()
        self.sqlite = SQLiteStore(self.path)

    @rule(after=st.integers(0, 12))
    def read_after(self, after: int) -> None:
        assert list(self.memory.read(after)) == list(self.sqlite.read(after))

    @rule(event=events)
    def contains(self, event: AnyEvent) -> None:
        assert event.id in self.memory
        assert event.id in self.sqlite

    @invariant()
    def same_log(self) -> None:
        assert list(self.memory.read()) == list(self.sqlite.read())
        assert len(self.memory) == len(self.sqlite)
        for subject in SUBJECTS:
            assert list(self.memory.read_subject(subject)) == list(
                self.sqlite.read_subject(subject)
            )

    def teardown(self) -> None:
        assert self.sqlite.verify() == []
        self.sqlite.close()
        self.folder.cleanup()


TestStoresAgree = StoresAgree.TestCase
# Each run opens, appends to and reopens a SQLite file; 100 runs of 8 steps keep this test to a
# few seconds while still interleaving repeats, reopens and reads.
TestStoresAgree.settings = settings(max_examples=100, stateful_step_count=8)


@given(st.lists(st.text(max_size=6, alphabet=st.sampled_from('ab[\x1f"')), max_size=4))
def test_the_about_column_gives_back_every_key_exactly(keys: list[str]) -> None:
    """Keys holding the separator, starting like JSON or empty still read back as written."""
    assert split_about(join_about(tuple(keys))) == tuple(keys)
