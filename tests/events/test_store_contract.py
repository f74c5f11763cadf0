"""The store contract, one suite run against every backend: memory, SQLite and PostgreSQL."""

from __future__ import annotations

import io
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    rule,
    run_state_machine_as_test,
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
    Source,
    SQLiteStore,
    export_jsonl,
    import_jsonl,
    to_json,
)
from events.canonical import canonical_json
from events.store import GENESIS, Head, link


def _events() -> list[AnyEvent]:
    """Distinct events of several kinds about two subjects, built by hand."""
    text = "Children's services are inadequate. At 33%, the rate remains high. Visits lapse."
    out: list[AnyEvent] = []
    for year, subject in enumerate(SUBJECTS * 3, start=2014):
        source = Source.from_text(text, 0, 34, document_id=f"{year:064d}", file_name=f"{year}.txt")
        common: dict[str, Any] = {
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


# -- the backends ----------------------------------------------------------------------------


@attrs.define
class Backend:
    """One kind of store: how to make an empty one, open it again, and damage it by hand."""

    name: str
    make: Callable[[], EventStore]
    again: Callable[[EventStore], EventStore]
    raw: Callable[[EventStore, str, tuple[object, ...]], None] | None = None
    opened: list[EventStore] = attrs.field(factory=list)

    def new(self) -> EventStore:
        """An empty store, closed at the end of the test."""
        store = self.make()
        self.opened.append(store)
        return store

    def reopen(self, store: EventStore) -> EventStore:
        """Another store object on the same log (the same object for memory)."""
        other = self.again(store)
        if other is not store:
            self.opened.append(other)
        return other

    def behind_the_store(self, store: EventStore, statement: str, *parameters: object) -> None:
        """Run SQL on the store's table past its triggers, as someone with the file or as a
        superuser could."""
        assert self.raw is not None
        self.raw(store, statement, parameters)


def _sqlite(folder: Path) -> Backend:
    def make() -> EventStore:
        return SQLiteStore(folder / f"{uuid.uuid4().hex}.db")

    def raw(store: EventStore, statement: str, parameters: tuple[object, ...]) -> None:
        db = sqlite3.connect(str(store.path), isolation_level=None)  # type: ignore[attr-defined]
        try:
            triggers = db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'"
            ).fetchall()
            for (name,) in triggers:
                db.execute(f"DROP TRIGGER {name}")
            # The SQLite store keeps records as text; the tests hand bytes, as PostgreSQL's are.
            db.execute(
                statement,
                [p.decode() if isinstance(p, bytes) else p for p in parameters],
            )
        finally:
            db.close()

    return Backend(
        "sqlite",
        make,
        lambda store: SQLiteStore(store.path),  # type: ignore[attr-defined]
        raw,
    )


def _postgres(request: pytest.FixtureRequest) -> Backend:
    import psycopg

    from events.postgres import PostgresStore

    new_schema: Callable[[], str] = request.getfixturevalue("postgres_schema")

    def raw(store: EventStore, statement: str, parameters: tuple[object, ...]) -> None:
        with psycopg.connect(store.url, autocommit=True) as db:  # type: ignore[attr-defined]
            # A superuser's session that fires no triggers (what replication uses).
            db.execute("SET session_replication_role = replica")
            db.execute(statement.replace("?", "%s"), parameters)

    return Backend(
        "postgres",
        lambda: PostgresStore(new_schema()),
        lambda store: PostgresStore(store.url),  # type: ignore[attr-defined]
        raw,
    )


def _backend(name: str, request: pytest.FixtureRequest, folder: Path) -> Backend:
    if name == "memory":
        return Backend("memory", MemoryStore, lambda store: store)
    return _sqlite(folder) if name == "sqlite" else _postgres(request)


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    """Each backend in turn; PostgreSQL's skips (or fails in CI) without a server."""
    chosen = _backend(request.param, request, tmp_path)
    yield chosen
    for store in chosen.opened:
        store.close()


@pytest.fixture
def store(backend: Backend) -> EventStore:
    return backend.new()


@pytest.fixture(params=["sqlite", "postgres"])
def tampered(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    """The backends whose rows can be edited behind the store's back (a memory store's live
    in this process only)."""
    chosen = _backend(request.param, request, tmp_path)
    yield chosen
    for store in chosen.opened:
        store.close()


# Properties open a store per example through the ``backend`` fixture's factory.
PROPERTY = settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])


# -- appending and reading -------------------------------------------------------------------


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


def test_read_positions_in_the_order_asked(store: EventStore) -> None:
    """``read_positions`` gives the events at 1-based positions, in the order and with the
    repeats asked for."""
    store.append(EVENTS)
    assert store.read_positions([3, 1, 3, len(EVENTS)]) == [
        EVENTS[2],
        EVENTS[0],
        EVENTS[2],
        EVENTS[-1],
    ]
    assert store.read_positions([]) == []


@pytest.mark.parametrize("missing", [0, -1, len(EVENTS) + 1])
def test_read_positions_names_the_first_missing_one(store: EventStore, missing: int) -> None:
    """A position the log does not hold raises IntegrityError naming it."""
    store.append(EVENTS)
    with pytest.raises(IntegrityError, match=f"#{missing} "):
        store.read_positions([2, missing, len(EVENTS) + 5])


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
    assert store.head() == Head(0, GENESIS)
    assert store.append(EVENTS[:1]) == EVENTS[:1]


def test_another_store_object_sees_appends_without_reopening(
    backend: Backend, store: EventStore
) -> None:
    """Two store objects on one log read each other's appends as they happen."""
    other = backend.reopen(store)
    assert other.append(EXTRA[:1]) == EXTRA[:1]
    assert list(store.read()) == EXTRA[:1]
    assert store.append(EXTRA) == EXTRA[1:]
    assert list(other.read()) == EXTRA
    assert other.head() == store.head()
    assert other.verify() == []


# -- the hash chain --------------------------------------------------------------------------


def _chains(events: list[AnyEvent]) -> list[str]:
    """The chain values the contract prescribes, from GENESIS."""
    chains = [GENESIS]
    for event in events:
        chains.append(link(chains[-1], canonical_json(event)))
    return chains


def test_head_and_chain_at_follow_the_one_formula(store: EventStore) -> None:
    """Every backend chains its rows with ``link`` over canonical JSON: the same values."""
    assert store.head() == Head(0, GENESIS)
    assert store.chain_at(0) == GENESIS
    assert store.chain_at(1) is None
    store.append(EVENTS[:3])
    store.append(EVENTS[3:])
    chains = _chains(EVENTS)
    assert store.head() == Head(len(EVENTS), chains[-1])
    assert [store.chain_at(p) for p in range(len(EVENTS) + 1)] == chains
    assert store.chain_at(len(EVENTS) + 1) is None
    assert store.chain_at(-1) is None


def test_a_sound_log_verifies(store: EventStore) -> None:
    """A log written only through the store verifies clean."""
    assert store.verify() == []
    store.append(EVENTS)
    store.append(EXTRA)
    assert store.verify() == []


def test_verify_names_the_first_edited_event(tampered: Backend) -> None:
    """A record edited behind the store's back fails ``verify`` at that event, by position and
    id, and reading it raises IntegrityError."""
    store = tampered.new()
    store.append(EVENTS)
    edited = canonical_json(EVENTS[1]).replace(EVENTS[1].subject, "Elsewhere")
    tampered.behind_the_store(store, "UPDATE events SET record = ? WHERE seq = 2", edited.encode())
    problems = store.verify()
    assert len(problems) == 1
    assert "#2 " in problems[0]
    assert EVENTS[1].id in problems[0]
    with pytest.raises(IntegrityError, match="#2"):
        list(store.read())
    untouched = [e for e in EVENTS if e.subject != EVENTS[1].subject]
    assert list(store.read_subject(untouched[0].subject)) == untouched


def test_verify_catches_a_swapped_row_with_a_valid_id(tampered: Backend) -> None:
    """Replacing a row with another well-formed event still breaks the hash chain."""
    store = tampered.new()
    store.append(EVENTS)
    tampered.behind_the_store(
        store,
        "UPDATE events SET record = ?, id = ? WHERE seq = 1",
        canonical_json(EXTRA[0]).encode(),
        EXTRA[0].id,
    )
    problems = store.verify()
    assert problems
    assert "#1 " in problems[0]
    assert "hash chain" in problems[0]


def test_reading_stops_at_a_row_deleted_from_the_middle(tampered: Backend) -> None:
    """Reading carries each row's chain value to the next, so a gap is caught."""
    store = tampered.new()
    store.append(EVENTS)
    tampered.behind_the_store(store, "DELETE FROM events WHERE seq = 2")
    with pytest.raises(IntegrityError, match=r"#[23] "):
        list(store.read())
    assert store.verify()


# -- export and import -----------------------------------------------------------------------


def test_json_lines_export_and_import_are_exact(backend: Backend, store: EventStore) -> None:
    """Exporting to JSON Lines and importing into an empty store gives the same log."""
    store.append(EVENTS)
    out = io.StringIO()
    assert export_jsonl(store, out) == len(EVENTS)
    assert out.getvalue().splitlines() == [to_json(e) for e in EVENTS]
    copy = backend.new()
    assert import_jsonl(copy, io.StringIO(out.getvalue())) == EVENTS
    assert list(copy.read()) == EVENTS
    assert copy.head() == store.head()
    assert import_jsonl(copy, io.StringIO(out.getvalue())) == []


def test_import_with_a_truncated_last_line_appends_nothing(store: EventStore) -> None:
    """A JSON Lines file cut off mid-record raises CodecError and leaves the store unchanged."""
    store.append(EVENTS[:1])
    text = "".join(to_json(e) + "\n" for e in EVENTS[1:])
    with pytest.raises(CodecError, match=r"events\.jsonl:\d+: not valid JSON"):
        import_jsonl(store, io.StringIO(text[: len(text) - 30]), path="events.jsonl")
    assert list(store.read()) == EVENTS[:1]


# -- properties ------------------------------------------------------------------------------

batches = st.lists(st.lists(primary_events(), max_size=5), min_size=1, max_size=4)


@PROPERTY
@given(batches=batches)
def test_any_batches_read_back_as_distinct_events_in_first_append_order(
    backend: Backend, batches: list[list[AnyEvent]]
) -> None:
    """Whatever batches arrive, repeats included, the log holds each distinct event once, in
    the order first appended, and its head is its length and the prescribed chain."""
    with backend.new() as store:
        _check_batches(store, batches)


def _check_batches(store: EventStore, batches: list[list[AnyEvent]]) -> None:
    expected: dict[str, AnyEvent] = {}
    for batch in [*batches, *batches[:1]]:
        fresh = [e for e in dict.fromkeys(batch) if e.id not in expected]
        assert store.append(batch) == fresh
        expected.update((e.id, e) for e in fresh)
    stored = list(expected.values())
    assert list(store.read()) == stored
    assert len(store) == len(stored)
    assert store.head() == Head(len(stored), _chains(stored)[-1])
    assert store.verify() == []


@PROPERTY
@given(
    events=st.lists(primary_events(), min_size=1, max_size=8, unique_by=lambda e: e.id),
    data=st.data(),
)
def test_reading_by_subject_and_position_agrees_with_reading_all(
    backend: Backend, events: list[AnyEvent], data: st.DataObject
) -> None:
    """``read_subject`` and ``read_positions`` give exactly what ``read`` gives, filtered."""
    with backend.new() as store:
        _check_reads(store, events, data)


def _check_reads(store: EventStore, events: list[AnyEvent], data: st.DataObject) -> None:
    store.append(events)
    for subject in {e.subject for e in events}:
        assert list(store.read_subject(subject)) == [e for e in events if e.subject == subject]
    positions = data.draw(st.lists(st.integers(1, len(events)), max_size=10))
    assert store.read_positions(positions) == [events[p - 1] for p in positions]
    after = data.draw(st.integers(0, len(events) + 1))
    assert list(store.read(after)) == events[after:]


class StoresAgree(RuleBasedStateMachine):
    """Drives a memory store and another backend with the same appends; they must agree."""

    events = Bundle("events")

    def __init__(self, backend: Backend) -> None:
        super().__init__()
        self.backend = backend
        self.memory = MemoryStore()
        self.other = backend.new()

    @initialize(target=events, batch=st.lists(primary_events(), min_size=1, max_size=4))
    def first_batch(self, batch: list[AnyEvent]) -> object:
        assert self.memory.append(batch) == self.other.append(batch)
        return multiple(*batch)

    @rule(target=events, batch=st.lists(primary_events(), max_size=4), again=st.lists(events))
    def append(self, batch: list[AnyEvent], again: list[AnyEvent]) -> object:
        mixed = [*again, *batch, *again]
        assert self.memory.append(mixed) == self.other.append(mixed)
        return multiple(*batch)

    @rule()
    def reopen(self) -> None:
        again = self.backend.reopen(self.other)
        if again is not self.other:
            self.other.close()
        self.other = again

    @rule(after=st.integers(0, 12))
    def read_after(self, after: int) -> None:
        assert list(self.memory.read(after)) == list(self.other.read(after))

    @rule(event=events)
    def contains(self, event: AnyEvent) -> None:
        assert event.id in self.memory
        assert event.id in self.other

    @invariant()
    def same_log(self) -> None:
        assert list(self.memory.read()) == list(self.other.read())
        assert self.memory.head() == self.other.head()
        for subject in SUBJECTS:
            assert list(self.memory.read_subject(subject)) == list(self.other.read_subject(subject))

    def teardown(self) -> None:
        assert self.other.verify() == []
        self.other.close()


def test_every_backend_agrees_with_memory(backend: Backend) -> None:
    """Any interleaving of appends, repeats, reopens and reads leaves both logs alike."""
    # 100 runs of 8 steps: each opens a store and reopens it, a few seconds per backend.
    run_state_machine_as_test(
        # A factory, as hypothesis accepts (its annotation asks for the class alone).
        lambda: StoresAgree(backend),  # type: ignore[arg-type]
        settings=settings(
            max_examples=100,
            stateful_step_count=8,
            suppress_health_check=[HealthCheck.function_scoped_fixture],
        ),
    )
